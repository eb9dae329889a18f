/* SPDX-License-Identifier: MIT */
/*
 * msghdr, control messages and iovecs (spec §7.1): the kernel's
 * copy_msghdr_from_user/import_iovec (the caller's msghdr, iovec array and
 * control data brought in with the fault guard, core/uaccess.h), its
 * af_alg_cmsg_send and the iov_iter walk. Every cmsg is reached through
 * CMSG_FIRSTHDR/CMSG_NXTHDR only after checking that its length lies
 * inside msg_controllen (CMSG_OK), and every copy is bounded by the
 * iterator's remaining length. The bytes the iovecs point to stay the
 * caller's: copies to and from them are guarded.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/cleanup.h"
#include "core/ct.h"
#include "core/uaccess.h"

#include "sock/internal.h"

/* see sock/internal.h */
int ualg_sock_cmsg_parse(const struct msghdr *msg, struct ualg_sock_cmsg *ret)
{
	struct ualg_sock_cmsg con = {.op = UALG_ALG_OP_DECRYPT};
	const uint8_t *p, *end;
	uint32_t v;

	con.present = msg->msg_controllen != 0;
	if (!con.present || !msg->msg_control) {
		if (con.present && !msg->msg_control)
			return -EFAULT;
		*ret = con;
		return 0;
	}
	/*
	 * The kernel's for_each_cmsghdr: a header follows while one fits
	 * (__CMSG_NXTHDR); each one's length must lie inside the buffer
	 * (CMSG_OK: glibc's CMSG_NXTHDR would silently stop at one whose
	 * length overruns, where the kernel gives EINVAL).
	 */
	p = msg->msg_control;
	end = p + msg->msg_controllen;
	while ((size_t)(end - p) >= sizeof(struct cmsghdr)) {
		const struct cmsghdr *c = (const struct cmsghdr *)p;
		size_t len = c->cmsg_len;

		if (len < sizeof(struct cmsghdr) || len > (size_t)(end - p))
			return -EINVAL;
		if (c->cmsg_level == UALG_SOL_ALG) {
			switch (c->cmsg_type) {
			case UALG_ALG_SET_IV:
				if (len < CMSG_LEN(sizeof(uint32_t)))
					return -EINVAL;
				memcpy(&v, CMSG_DATA(c), sizeof(v));
				if ((uint64_t)len < CMSG_LEN((uint64_t)v + sizeof(uint32_t)))
					return -EINVAL;
				con.has_iv = true;
				con.ivlen = v;
				con.iv = CMSG_DATA(c) + sizeof(uint32_t);
				break;
			case UALG_ALG_SET_OP:
				if (len < CMSG_LEN(sizeof(uint32_t)))
					return -EINVAL;
				memcpy(&con.op, CMSG_DATA(c), sizeof(con.op));
				break;
			case UALG_ALG_SET_AEAD_ASSOCLEN:
				if (len < CMSG_LEN(sizeof(uint32_t)))
					return -EINVAL;
				memcpy(&v, CMSG_DATA(c), sizeof(v));
				/* "Cap AEAD AD length to 0x80000000" (7.2, stable) */
				if (v >= 0x80000000u)
					return -EINVAL;
				con.assoclen = v;
				break;
			default:
				return -EINVAL;
			}
		}
		/* the aligned length may pass the end: then no header follows */
		if (CMSG_ALIGN(len) >= (size_t)(end - p))
			break;
		p += CMSG_ALIGN(len);
	}
	*ret = con;
	return 0;
}

/* see sock/internal.h */
int ualg_kmsg_import(struct ualg_kmsg *km, const struct msghdr *umsg, bool send, size_t omem)
{
	struct ualg_uaccess g;
	size_t n, ctl;

	km->heap_iov = NULL;
	km->heap_ctl = NULL;
	km->ctl_len = 0;
	km->umsg = (struct msghdr *)umsg;
	if (!umsg || !ualg_uaccess_ok(umsg, sizeof(*umsg)))
		return -EFAULT;
	ualg_uaccess_arm(&g, umsg, sizeof(*umsg));
	if (ualg_uaccess_faulted(&g)) {
		ualg_kmsg_release(km);
		return -EFAULT;
	}
	ualg_umsg_read(&km->msg, umsg);
	/* __copy_msghdr: the address (a sendmsg destination is read even where ignored) */
	if (!km->msg.msg_name)
		km->msg.msg_namelen = 0;
	if ((int)km->msg.msg_namelen < 0)
		goto einval;
	if (km->msg.msg_namelen > sizeof(km->name))
		km->msg.msg_namelen = sizeof(km->name);
	if (send && km->msg.msg_namelen) {
		if (!ualg_uaccess_ok(km->msg.msg_name, km->msg.msg_namelen))
			goto efault;
		ualg_uaccess_range(&g, km->msg.msg_name, km->msg.msg_namelen);
		ualg_umemcpy(&km->name, km->msg.msg_name, km->msg.msg_namelen);
		km->msg.msg_name = &km->name;
	} else if (send) {
		km->msg.msg_name = NULL;
	}
	if (km->msg.msg_iovlen > UALG_SOCK_MAXIOV) {
		ualg_uaccess_disarm(&g);
		ualg_kmsg_release(km);
		return -EMSGSIZE;
	}
	/* import_iovec */
	n = km->msg.msg_iovlen;
	if (n > ARRAY_SIZE(km->fast_iov)) {
		km->heap_iov = malloc(n * sizeof(struct iovec));
		if (!km->heap_iov) {
			ualg_uaccess_disarm(&g);
			return -ENOMEM;
		}
	}
	if (n) {
		struct iovec *iov = km->heap_iov ? km->heap_iov : km->fast_iov;

		if (!ualg_uaccess_ok(km->msg.msg_iov, n * sizeof(struct iovec)))
			goto efault;
		ualg_uaccess_range(&g, km->msg.msg_iov, n * sizeof(struct iovec));
		ualg_umemcpy(iov, km->msg.msg_iov, n * sizeof(struct iovec));
		km->msg.msg_iov = iov;
		for (size_t i = 0; i < n; i++) {
			if ((ssize_t)iov[i].iov_len < 0)
				goto einval;
			if (!ualg_uaccess_ok(iov[i].iov_base, iov[i].iov_len))
				goto efault;
		}
	} else {
		km->msg.msg_iov = NULL;
	}
	if (!send) {
		km->msg.msg_control = NULL;
		km->msg.msg_controllen = 0;
		ualg_uaccess_disarm(&g);
		return 0;
	}
	/* ___sys_sendmsg: the control data, from option memory beyond a small buffer */
	ctl = km->msg.msg_controllen;
	if (ctl > INT32_MAX)
		goto enobufs;
	if (ctl > UALG_KMSG_STACK_CTL) {
		if (ctl > UALG_OPTMEM_MAX || omem + ctl >= UALG_OPTMEM_MAX)
			goto enobufs;
	}
	if (ctl > sizeof(km->fast_ctl)) {
		km->heap_ctl = malloc(ctl);
		if (!km->heap_ctl)
			goto enobufs;
	}
	if (ctl) {
		void *buf = km->heap_ctl ? km->heap_ctl : km->fast_ctl.buf;

		if (!ualg_uaccess_ok(km->msg.msg_control, ctl))
			goto efault;
		km->ctl_len = ctl;
		ualg_uaccess_range(&g, km->msg.msg_control, ctl);
		ualg_umemcpy(buf, km->msg.msg_control, ctl);
		km->msg.msg_control = buf;
	}
	ualg_uaccess_disarm(&g);
	return 0;

einval:
	ualg_uaccess_disarm(&g);
	ualg_kmsg_release(km);
	return -EINVAL;
efault:
	ualg_uaccess_disarm(&g);
	ualg_kmsg_release(km);
	return -EFAULT;
enobufs:
	ualg_uaccess_disarm(&g);
	ualg_kmsg_release(km);
	return -ENOBUFS;
}

/* see sock/internal.h */
bool ualg_kmsg_read_one(struct ualg_kmsg_one *k, const struct msghdr *umsg, size_t omem)
{
	struct ualg_uaccess g;
	size_t ctl;

	if (!umsg || !ualg_uaccess_ok(umsg, sizeof(*umsg)))
		return false;
	ualg_uaccess_arm(&g, umsg, sizeof(*umsg));
	if (ualg_uaccess_faulted(&g))
		return false;
	ualg_umsg_read(&k->msg, umsg);
	ctl = k->msg.msg_controllen;
	/* the checks of ualg_kmsg_import that this shape can fail, in any order: none may */
	if ((k->msg.msg_name && k->msg.msg_namelen) || k->msg.msg_iovlen != 1 ||
	    ctl > sizeof(k->ctl) || (ctl > UALG_KMSG_STACK_CTL && omem + ctl >= UALG_OPTMEM_MAX) ||
	    !ualg_uaccess_ok(k->msg.msg_iov, sizeof(struct iovec)) ||
	    (ctl && !ualg_uaccess_ok(k->msg.msg_control, ctl)))
		goto other;
	ualg_uaccess_range(&g, k->msg.msg_iov, sizeof(struct iovec));
	ualg_uiov_read(&k->iov, k->msg.msg_iov);
	if ((ssize_t)k->iov.iov_len < 0 || !ualg_uaccess_ok(k->iov.iov_base, k->iov.iov_len))
		goto other;
	if (ctl) {
		ualg_uaccess_range(&g, k->msg.msg_control, ctl);
		ualg_umemcpy(k->ctl.buf, k->msg.msg_control, ctl);
	}
	ualg_uaccess_disarm(&g);
	k->msg.msg_name = NULL;
	k->msg.msg_namelen = 0;
	k->msg.msg_iov = &k->iov;
	k->msg.msg_control = ctl ? k->ctl.buf : NULL;
	return true;

other:
	ualg_uaccess_disarm(&g);
	return false;
}

/* see sock/internal.h */
void ualg_kmsg_one_release(struct ualg_kmsg_one *k)
{
	/* the control data holds the IV */
	if (k->msg.msg_controllen)
		explicit_bzero(k->ctl.buf, k->msg.msg_controllen);
}

/* see sock/internal.h */
int ualg_kmsg_export(struct ualg_kmsg *km, socklen_t namelen)
{
	struct msghdr *u = km->umsg;
	struct ualg_uaccess g;

	/* no address (AF_ALG): msg_namelen, msg_flags and msg_controllen in one go */
	if (!namelen) {
		if (!ualg_uaccess_ok(u, sizeof(*u)))
			return -EFAULT;
		ualg_uaccess_arm(&g, u, sizeof(*u));
		if (ualg_uaccess_faulted(&g))
			return -EFAULT;
		ualg_umsg_writeback(u, km->msg.msg_name != NULL, km->msg.msg_flags);
		ualg_uaccess_disarm(&g);
		return 0;
	}
	/* ____sys_recvmsg: move_addr_to_user, then msg_flags and msg_controllen */
	if (km->msg.msg_name) {
		int len;

		if (ualg_copy_from_user(&len, &u->msg_namelen, sizeof(len)) < 0)
			return -EFAULT;
		if (len > (int)namelen)
			len = (int)namelen;
		if (len < 0)
			return -EINVAL;
		if (len && ualg_copy_to_user(km->msg.msg_name, &km->name, (size_t)len) < 0)
			return -EFAULT;
		if (ualg_copy_to_user(&u->msg_namelen, &namelen, sizeof(namelen)) < 0)
			return -EFAULT;
	}
	ualg_uaccess_arm(&g, u, sizeof(*u));
	if (ualg_uaccess_faulted(&g))
		return -EFAULT;
	ualg_umsg_writeback(u, false, km->msg.msg_flags);
	ualg_uaccess_disarm(&g);
	return 0;
}

/* see sock/internal.h */
void ualg_kmsg_release(struct ualg_kmsg *km)
{
	/* the control data holds the IV (explicit_bzero: a few bytes, on every request) */
	if (km->ctl_len)
		explicit_bzero(km->heap_ctl ? km->heap_ctl : km->fast_ctl.buf, km->ctl_len);
	free(km->heap_ctl);
	free(km->heap_iov);
	km->heap_ctl = NULL;
	km->heap_iov = NULL;
	km->ctl_len = 0;
}

/* see sock/internal.h */
ssize_t ualg_kmsg_sendmsg(const struct msghdr *umsg, int flags, size_t omem,
			  ssize_t (*op)(void *obj, const struct msghdr *msg, int flags), void *obj)
{
	struct ualg_kmsg km;
	ssize_t r = ualg_kmsg_import(&km, umsg, true, omem);

	if (r < 0)
		return r;
	r = op(obj, &km.msg, flags);
	ualg_kmsg_release(&km);
	return r;
}

/* see sock/internal.h */
ssize_t ualg_kmsg_recvmsg(struct msghdr *umsg, int flags,
			  ssize_t (*op)(void *obj, struct msghdr *msg, int flags), void *obj,
			  const void *name, socklen_t namelen)
{
	struct ualg_kmsg km;
	ssize_t r = ualg_kmsg_import(&km, umsg, false, 0);
	int e;

	if (r < 0)
		return r;
	km.msg.msg_flags = 0;
	r = op(obj, &km.msg, flags);
	if (r >= 0) {
		if (namelen)
			memcpy(&km.name, name, namelen);
		e = ualg_kmsg_export(&km, namelen);
		if (e < 0)
			r = e;
	}
	ualg_kmsg_release(&km);
	return r;
}

/* see sock/internal.h */
int ualg_kmsg_check(const struct msghdr *msg)
{
	if (msg->msg_iovlen > UALG_SOCK_MAXIOV)
		return -EMSGSIZE;
	for (size_t i = 0; i < msg->msg_iovlen; i++) {
		if ((ssize_t)msg->msg_iov[i].iov_len < 0)
			return -EINVAL;
		if (!ualg_uaccess_ok(msg->msg_iov[i].iov_base, msg->msg_iov[i].iov_len))
			return -EFAULT;
	}
	return 0;
}

/* see sock/internal.h */
int ualg_iter_init(struct ualg_iter *it, const struct msghdr *msg)
{
	size_t total = 0;

	*it = (struct ualg_iter){.iov = msg->msg_iov, .nr = msg->msg_iovlen};
	if (it->nr == 1) {
		/* the common request */
		it->left = msg->msg_iov[0].iov_len;
		return it->left > (size_t)SSIZE_MAX ? -EINVAL : 0;
	}
	for (size_t i = 0; i < msg->msg_iovlen; i++) {
		size_t l = msg->msg_iov[i].iov_len;

		if (l > (size_t)SSIZE_MAX - total)
			return -EINVAL;
		total += l;
	}
	it->left = total;
	return 0;
}

/* the copy loop of iter_copy, under its guard */
static __attribute__((noinline)) void copy_loop(struct ualg_uaccess *g, struct ualg_iter *it,
						uint8_t *ext, size_t n, bool to_iter)
{
	while (n) {
		uint8_t *p;
		size_t l = ualg_iter_seg(it, &p);

		if (!l)
			break; /* n <= left: not reached */
		if (l > n)
			l = n;
		ualg_uaccess_range(g, p, l);
		if (to_iter)
			ualg_umemcpy(p, ext, l);
		else
			ualg_umemcpy(ext, p, l);
		ext += l;
		n -= l;
		it->off += l;
		it->left -= l;
	}
}

static int iter_copy(struct ualg_iter *it, uint8_t *ext, size_t n, bool to_iter)
{
	struct ualg_iter save;
	struct ualg_uaccess g;
	uint8_t *p;
	int r;

	/* the common request: the current segment holds it all, one guarded copy */
	if (ualg_iter_seg(it, &p) >= n) {
		r = to_iter ? ualg_copy_to_user(p, ext, n) : ualg_copy_from_user(ext, p, n);
		if (r < 0)
			return r;
		it->off += n;
		it->left -= n;
		return 0;
	}
	save = *it;

	ualg_uaccess_arm(&g, NULL, 0);
	if (ualg_uaccess_faulted(&g)) {
		*it = save;
		return -EFAULT;
	}
	copy_loop(&g, it, ext, n, to_iter);
	ualg_uaccess_disarm(&g);
	return 0;
}

/* see sock/internal.h */
int ualg_iter_copy_from(struct ualg_iter *it, void *dst, size_t n)
{
	return iter_copy(it, dst, n, false);
}

/* see sock/internal.h */
int ualg_iter_copy_to(struct ualg_iter *it, const void *src, size_t n)
{
	return iter_copy(it, (uint8_t *)src, n, true);
}

/* see sock/internal.h */
size_t ualg_iter_accessible(const struct ualg_iter *it0, size_t n, bool write)
{
	struct ualg_iter it = *it0;
	size_t done = 0;
	uint8_t *p0;

	/* the common request: one segment holds it all */
	if (ualg_iter_seg(&it, &p0) >= n)
		return ualg_uaccess_prefix(p0, n, write);

	while (done < n) {
		uint8_t *p;
		size_t l = ualg_iter_seg(&it, &p), ok;

		if (!l)
			break;
		if (l > n - done)
			l = n - done;
		ok = ualg_uaccess_prefix(p, l, write);
		done += ok;
		if (ok < l)
			break;
		it.off += l;
		it.left -= l;
	}
	return done;
}
