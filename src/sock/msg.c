/* SPDX-License-Identifier: MIT */
/*
 * msghdr, control messages and iovecs (spec §7.1): the kernel's
 * af_alg_cmsg_send and the iov_iter walk. Every cmsg is reached through
 * CMSG_FIRSTHDR/CMSG_NXTHDR only after checking that its length lies
 * inside msg_controllen (CMSG_OK), and every copy is bounded by the
 * iterator's remaining length.
 */
#include <limits.h>
#include <string.h>

#include "sock/internal.h"

static bool cmsg_ok(const struct msghdr *msg, const struct cmsghdr *c)
{
	const uint8_t *end = (const uint8_t *)msg->msg_control + msg->msg_controllen;

	return c->cmsg_len >= sizeof(struct cmsghdr) &&
	       c->cmsg_len <= (size_t)(end - (const uint8_t *)c);
}

/*
 * The kernel's __CMSG_NXTHDR: the next header if it fits; its length is
 * then checked by cmsg_ok() (glibc's CMSG_NXTHDR would silently stop at a
 * cmsg whose length overruns, where the kernel gives EINVAL).
 */
static struct cmsghdr *cmsg_next(const struct msghdr *msg, const struct cmsghdr *c)
{
	const uint8_t *end = (const uint8_t *)msg->msg_control + msg->msg_controllen;
	const uint8_t *next = (const uint8_t *)c + CMSG_ALIGN(c->cmsg_len);

	if (next < (const uint8_t *)c || next > end ||
	    (size_t)(end - next) < sizeof(struct cmsghdr))
		return NULL;
	return (struct cmsghdr *)next;
}

/* see sock/internal.h */
int ualg_sock_cmsg_parse(const struct msghdr *msg, struct ualg_sock_cmsg *ret)
{
	struct ualg_sock_cmsg con = {.op = UALG_ALG_OP_DECRYPT};
	struct cmsghdr *c;
	uint32_t v;

	con.present = msg->msg_controllen != 0;
	if (!con.present || !msg->msg_control) {
		if (con.present && !msg->msg_control)
			return -EFAULT;
		*ret = con;
		return 0;
	}
	for (c = CMSG_FIRSTHDR((struct msghdr *)msg); c; c = cmsg_next(msg, c)) {
		if (!cmsg_ok(msg, c))
			return -EINVAL;
		if (c->cmsg_level != UALG_SOL_ALG)
			continue;
		switch (c->cmsg_type) {
		case UALG_ALG_SET_IV:
			if (c->cmsg_len < CMSG_LEN(sizeof(uint32_t)))
				return -EINVAL;
			memcpy(&v, CMSG_DATA(c), sizeof(v));
			if ((uint64_t)c->cmsg_len < CMSG_LEN((uint64_t)v + sizeof(uint32_t)))
				return -EINVAL;
			con.has_iv = true;
			con.ivlen = v;
			con.iv = CMSG_DATA(c) + sizeof(uint32_t);
			break;
		case UALG_ALG_SET_OP:
			if (c->cmsg_len < CMSG_LEN(sizeof(uint32_t)))
				return -EINVAL;
			memcpy(&con.op, CMSG_DATA(c), sizeof(con.op));
			break;
		case UALG_ALG_SET_AEAD_ASSOCLEN:
			if (c->cmsg_len < CMSG_LEN(sizeof(uint32_t)))
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
	*ret = con;
	return 0;
}

/* see sock/internal.h */
int ualg_iter_init(struct ualg_iter *it, const struct msghdr *msg)
{
	size_t total = 0;

	*it = (struct ualg_iter){.iov = msg->msg_iov, .nr = msg->msg_iovlen};
	if (msg->msg_iovlen && !msg->msg_iov)
		return -EFAULT;
	for (size_t i = 0; i < msg->msg_iovlen; i++) {
		size_t l = msg->msg_iov[i].iov_len;

		if (l > (size_t)SSIZE_MAX - total)
			return -EINVAL;
		if (l && !msg->msg_iov[i].iov_base)
			return -EFAULT;
		total += l;
	}
	it->left = total;
	return 0;
}

/* see sock/internal.h */
size_t ualg_iter_seg(struct ualg_iter *it, uint8_t **ret)
{
	while (it->idx < it->nr && it->off >= it->iov[it->idx].iov_len) {
		it->idx++;
		it->off = 0;
	}
	if (it->idx >= it->nr) {
		*ret = NULL;
		return 0;
	}
	*ret = (uint8_t *)it->iov[it->idx].iov_base + it->off;
	return it->iov[it->idx].iov_len - it->off;
}

static void iter_copy(struct ualg_iter *it, uint8_t *ext, size_t n, bool to_iter)
{
	while (n) {
		uint8_t *p;
		size_t l = ualg_iter_seg(it, &p);

		if (!l)
			return; /* n <= left: not reached */
		if (l > n)
			l = n;
		if (to_iter)
			memcpy(p, ext, l);
		else
			memcpy(ext, p, l);
		ext += l;
		n -= l;
		it->off += l;
		it->left -= l;
	}
}

/* see sock/internal.h */
void ualg_iter_copy_from(struct ualg_iter *it, void *dst, size_t n)
{
	iter_copy(it, dst, n, false);
}

/* see sock/internal.h */
void ualg_iter_copy_to(struct ualg_iter *it, const void *src, size_t n)
{
	iter_copy(it, (uint8_t *)src, n, true);
}
