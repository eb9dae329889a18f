/* SPDX-License-Identifier: MIT */
/*
 * Implementation Notes: the socket object (crypto/af_alg.c: alg_create,
 * alg_bind, alg_setsockopt, alg_setkey, alg_setkey_by_key_serial,
 * af_alg_accept, af_alg_release_parent; the algif_*_check_key nokey dance;
 * net core's SOL_SOCKET handling).
 *
 * States of a parent socket: unbound (type == NULL) -> bound (type, tfm);
 * bind again replaces type and tfm while no child exists. Keyed or not is
 * the tfm's NEED_KEY flag. The parent counts its children (refcnt) and, of
 * those, the ones accepted while the tfm needed a key and not yet used
 * (nokey_refcnt): setsockopt is EBUSY iff refcnt != nokey_refcnt, bind is
 * EBUSY iff refcnt != 0 after a successful lookup (spec §4, §5, §6.3).
 *
 * States of an op socket: nokey (ops = ualg_sock_nokey_ops) -> keyed (ops =
 * type->ops), swapped on the first send/recv/accept that finds the parent
 * keyed; otherwise ENOKEY. A child holds a reference on its parent, so the
 * parent (its tfm and key) lives until the last child is gone (spec §15).
 *
 * Blocking waits (skcipher/aead) drop the socket lock and sleep on a futex
 * word of the socket (no file descriptor: an emulated socket costs the
 * process one kernel fd, the preload's); wakers bump the word under the lock
 * while a waiter is counted, and wake the futex, so a wake-up is never lost.
 * The futex wait is given a timeout, which makes the kernel end it with EINTR
 * whenever a signal handler ran (a wait without one would be restarted
 * under SA_RESTART): EINTR, as before.
 */
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/ct.h"
#include "core/uaccess.h"
#include "sock/internal.h"
#include "core/lines.h"

#define FEAT_ALLOWED 0x1000u /* CRYPTO_ALG_KERN_DRIVER_ONLY */

/* sockaddr_alg_new: 24-byte header, name at offset 24 */
struct sa_alg_hdr {
	uint16_t family;
	uint8_t type[14];
	uint32_t feat;
	uint32_t mask;
};

/* ---- object lifetime */

static struct ualg_sock *sock_alloc(bool op)
{
	struct ualg_sock *sk = ualg_calloc_lines(sizeof(*sk));

	if (!sk)
		return NULL;
	pthread_mutex_init(&sk->lock, NULL);
	pthread_mutex_init(&sk->tfm_lock, NULL);
	sk->ref = 1;
	sk->op = op;
	sk->sndbuf = UALG_SNDBUF_DEFAULT;
	sk->rcvbuf = UALG_RCVBUF_DEFAULT;
	sk->ops = &ualg_sock_parent_ops;
	ualg_sock_list_add(sk);
	return sk;
}

static void sock_free(struct ualg_sock *sk)
{
	ualg_sock_list_del(sk);
	pthread_mutex_destroy(&sk->lock);
	pthread_mutex_destroy(&sk->tfm_lock);
	ualg_free_secret(sk, sizeof(*sk));
}

/* see sock/sock.h */
int ualg_sock_new(int type, int protocol, struct ualg_sock **ret)
{
	struct ualg_sock *sk;

	if (type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC | 0xf))
		return -EINVAL;
	if ((type & 0xf) != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	if (protocol != 0)
		return -EPROTONOSUPPORT;
	/* from the first socket on, a bad pointer is EFAULT (core/uaccess.h) */
	ualg_uaccess_init();
	ualg_sock_fork_init();
	sk = sock_alloc(false);
	if (!sk)
		return -ENOMEM;
	*ret = sk;
	return 0;
}

/* see sock/sock.h */
struct ualg_sock *ualg_sock_ref(struct ualg_sock *sk)
{
	__atomic_add_fetch(&sk->ref, 1, __ATOMIC_RELAXED);
	return sk;
}

/* af_alg_release_parent: the child is gone */
static void release_parent(struct ualg_sock *sk)
{
	struct ualg_sock *parent = sk->parent;

	pthread_mutex_lock(&parent->lock);
	if (sk->nokey)
		parent->nokey_refcnt--;
	parent->refcnt--;
	pthread_mutex_unlock(&parent->lock);
	ualg_sock_unref(parent);
}

/* see sock/sock.h */
void ualg_sock_unref(struct ualg_sock *sk)
{
	if (!sk || __atomic_sub_fetch(&sk->ref, 1, __ATOMIC_ACQ_REL))
		return;
	if (sk->op) {
		if (sk->type->release)
			sk->type->release(sk);
		ualg_tfm_free(sk->own_tfm);
		release_parent(sk);
	} else {
		ualg_tfm_free(sk->tfm);
	}
	sock_free(sk);
}

/* see sock/internal.h */
struct ualg_tfm *ualg_sock_engine_contended(struct ualg_sock *sk, bool *taken)
{
	struct ualg_sock *parent = sk->parent;
	struct ualg_tfm *own;

	*taken = true;
	if (!pthread_mutex_trylock(&parent->tfm_lock))
		return parent->tfm;
	/* reads only the parent's algorithm, key copy and authsize: fixed now */
	if (ualg_tfm_clone(parent->tfm, &own) < 0) {
		pthread_mutex_lock(&parent->tfm_lock);
		return parent->tfm;
	}
	*taken = false;
	sk->own_tfm = own;
	return own;
}

/* see sock/sock.h */
bool ualg_sock_is_op(const struct ualg_sock *sk)
{
	return sk->op;
}

static const struct ualg_sock_ops *sock_ops(struct ualg_sock *sk)
{
	return __atomic_load_n(&sk->ops, __ATOMIC_ACQUIRE);
}

/* ---- waits, wake-ups, notify, option memory */

/* see sock/internal.h */
void ualg_sock_notify(struct ualg_sock *sk)
{
	unsigned int m;

	if (!sk->notify)
		return;
	m = sk->op ? sk->type->ops->poll(sk) : 0;
	ualg_sock_tell(sk, m);
}

static long futex(uint32_t *word, int op, uint32_t val, const struct timespec *t)
{
	return syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, val, t, NULL, 0);
}

/* see sock/internal.h */
void ualg_sock_wake_waiters(struct ualg_sock *sk)
{
	__atomic_store_n(&sk->wseq, sk->wseq + 1, __ATOMIC_RELEASE);
	(void)futex(&sk->wseq, FUTEX_WAKE, INT_MAX, NULL);
}

/* see sock/internal.h */
void ualg_sock_forget_waiters(struct ualg_sock *sk)
{
	sk->nwaiters = 0;
	/* the child's callback mirrors what it did: tell it the next mask, whatever it is */
	sk->notified = UALG_SOCK_NOTIFIED_NONE;
}

/* see sock/internal.h */
int ualg_sock_wait(struct ualg_sock *sk, int flags, bool (*ready)(struct ualg_sock *sk))
{
	/* long enough never to end a wait; its presence makes a signal EINTR */
	static const struct timespec day = {.tv_sec = 86400};

	while (!ready(sk)) {
		uint32_t seq;
		long r;
		int e;

		if (flags & MSG_DONTWAIT)
			return -EAGAIN;
		/*
		 * Our caller may have changed the state (a recv that consumed,
		 * a send that queued): let the other side re-check before we
		 * sleep, or a blocked sender and a blocked receiver could wait
		 * for each other.
		 */
		ualg_sock_wake(sk);
		if (sk->lock_skipped) {
			/* one thread until now: from here on it is held for real */
			pthread_mutex_lock(&sk->lock);
			sk->lock_skipped = false;
		}
		sk->nwaiters++;
		seq = sk->wseq;
		pthread_mutex_unlock(&sk->lock);
		r = futex(&sk->wseq, FUTEX_WAIT, seq, &day);
		e = r < 0 ? errno : 0;
		pthread_mutex_lock(&sk->lock);
		sk->nwaiters--;
		if (r < 0 && e == EINTR)
			return -EINTR;
	}
	return 0;
}

/*
 * sk->omem changes under the socket lock; it is read and written with
 * atomic accesses because ualg_sock_sendmsg() reads it without the lock,
 * as the kernel's sock_kmalloc reads sk_omem_alloc.
 */
static size_t omem_get(const struct ualg_sock *sk)
{
	return __atomic_load_n(&sk->omem, __ATOMIC_RELAXED);
}

static bool omem_fits(const struct ualg_sock *sk, size_t size)
{
	return size <= UALG_OPTMEM_MAX && omem_get(sk) + size < UALG_OPTMEM_MAX;
}

/* see sock/internal.h */
int ualg_sock_omem_charge(struct ualg_sock *sk, size_t size)
{
	if (!omem_fits(sk, size))
		return -ENOMEM;
	__atomic_store_n(&sk->omem, omem_get(sk) + size, __ATOMIC_RELAXED);
	return 0;
}

/* see sock/internal.h */
void ualg_sock_omem_uncharge(struct ualg_sock *sk, size_t size)
{
	size_t omem = omem_get(sk);

	__atomic_store_n(&sk->omem, omem - (size < omem ? size : omem), __ATOMIC_RELAXED);
}

/* ---- generic ops (sock_no_*) */

/* see sock/internal.h */
int ualg_sock_no_accept(struct ualg_sock *sk, struct ualg_sock **ret)
{
	return -EOPNOTSUPP;
}

/* see sock/internal.h */
ssize_t ualg_sock_no_sendmsg(struct ualg_sock *sk, const struct msghdr *msg, int flags)
{
	return -EOPNOTSUPP;
}

/* see sock/internal.h */
ssize_t ualg_sock_no_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags)
{
	return -EOPNOTSUPP;
}

/* see sock/internal.h */
unsigned int ualg_sock_no_poll(struct ualg_sock *sk)
{
	return 0;
}

/* ---- accept (af_alg_accept) */

/* see sock/internal.h */
int ualg_sock_accept_child(struct ualg_sock *parent, struct ualg_sock **ret)
{
	struct ualg_sock *sk;
	bool nokey;
	int r;

	sk = sock_alloc(true);
	if (!sk)
		return -ENOMEM;
	pthread_mutex_lock(&parent->lock);
	if (!parent->type) {
		r = -EINVAL;
		goto fail;
	}
	sk->type = parent->type;
	sk->parent = parent;
	nokey = sk->type->ops_nokey && ualg_tfm_need_key(parent->tfm);
	r = sk->type->init ? sk->type->init(sk) : 0;
	if (r < 0)
		goto fail;
	sk->nokey = nokey;
	sk->ops = nokey ? sk->type->ops_nokey : sk->type->ops;
	parent->refcnt++;
	if (nokey)
		parent->nokey_refcnt++;
	ualg_sock_ref(parent);
	pthread_mutex_unlock(&parent->lock);
	*ret = sk;
	return 0;
fail:
	pthread_mutex_unlock(&parent->lock);
	sock_free(sk);
	return r;
}

static int parent_accept(struct ualg_sock *sk, struct ualg_sock **ret)
{
	return ualg_sock_accept_child(sk, ret);
}

/* see sock/sock.h */
int ualg_sock_accept(struct ualg_sock *sk, struct ualg_sock **ret)
{
	return sock_ops(sk)->accept(sk, ret);
}

/* see sock/internal.h */
const struct ualg_sock_ops ualg_sock_parent_ops = {
	.accept = parent_accept,
	.sendmsg = ualg_sock_no_sendmsg,
	.recvmsg = ualg_sock_no_recvmsg,
	.poll = ualg_sock_no_poll,
};

/* ---- nokey children (algif_*_check_key) */

static int check_key(struct ualg_sock *sk)
{
	struct ualg_sock *parent = sk->parent;
	int r = 0;

	pthread_mutex_lock(&sk->lock);
	if (!sk->nokey)
		goto out;
	pthread_mutex_lock(&parent->lock);
	if (ualg_tfm_need_key(parent->tfm)) {
		r = -ENOKEY;
	} else {
		parent->nokey_refcnt--;
		sk->nokey = false;
		__atomic_store_n(&sk->ops, sk->type->ops, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&parent->lock);
out:
	pthread_mutex_unlock(&sk->lock);
	return r;
}

static int nokey_accept(struct ualg_sock *sk, struct ualg_sock **ret)
{
	int r;

	/*
	 * Only hash op sockets accept (hash_accept_nokey checks the key); the
	 * skcipher/aead nokey ops have sock_no_accept: EOPNOTSUPP, no key check.
	 */
	if (sk->type->ops->accept == ualg_sock_no_accept)
		return -EOPNOTSUPP;
	r = check_key(sk);

	return r < 0 ? r : sk->type->ops->accept(sk, ret);
}

static ssize_t nokey_sendmsg(struct ualg_sock *sk, const struct msghdr *msg, int flags)
{
	int r = check_key(sk);

	return r < 0 ? r : sk->type->ops->sendmsg(sk, msg, flags);
}

static ssize_t nokey_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags)
{
	int r = check_key(sk);

	return r < 0 ? r : sk->type->ops->recvmsg(sk, msg, flags);
}

static unsigned int nokey_poll(struct ualg_sock *sk)
{
	return sk->type->ops->poll(sk);
}

/* see sock/internal.h */
const struct ualg_sock_ops ualg_sock_nokey_ops = {
	.accept = nokey_accept,
	.sendmsg = nokey_sendmsg,
	.recvmsg = nokey_recvmsg,
	.poll = nokey_poll,
};

/* ---- bind (alg_bind) */

/* see sock/sock.h */
int ualg_sock_bind(struct ualg_sock *sk, const void *addr, socklen_t addrlen)
{
	unsigned char sa[sizeof(struct sockaddr_storage)];
	const struct ualg_sock_type *type;
	const struct ualg_alg *alg;
	struct sa_alg_hdr hdr;
	struct ualg_tfm *tfm, *old;
	char *name;
	int r;

	/* net core: move_addr_to_kernel */
	if ((int)addrlen < 0 || addrlen > sizeof(sa))
		return -EINVAL;
	if (ualg_copy_from_user(sa, addr, addrlen) < 0)
		return -EFAULT;
	if (sk->op)
		return -EOPNOTSUPP; /* sock_no_bind */
	if (addrlen < sizeof(hdr) + 1)
		return -EINVAL;
	memcpy(&hdr, sa, sizeof(hdr));
	if ((hdr.feat & ~FEAT_ALLOWED) || (hdr.mask & ~FEAT_ALLOWED))
		return -EINVAL;
	/* 7.2: feat/mask are otherwise ignored */
	hdr.type[13] = 0;
	name = (char *)sa + sizeof(hdr);
	name[addrlen - sizeof(hdr) - 1] = 0;

	type = ualg_sock_type_find((const char *)hdr.type);
	if (!type)
		return -ENOENT;
	r = ualg_alg_lookup(type->alg_type, name, &alg);
	if (r < 0)
		return r;
	r = ualg_tfm_new(alg, &tfm);
	if (r < 0)
		return r;

	pthread_mutex_lock(&sk->lock);
	if (sk->refcnt) {
		pthread_mutex_unlock(&sk->lock);
		ualg_tfm_free(tfm);
		return -EBUSY;
	}
	old = sk->tfm;
	sk->tfm = tfm;
	sk->type = type;
	pthread_mutex_unlock(&sk->lock);
	ualg_tfm_free(old); /* the old key goes with it */
	return 0;
}

/* ---- setsockopt / getsockopt */

/* optval, as copy_from_sockptr reads it */
static int copy_opt(void *dst, const void *src, size_t len)
{
	return ualg_copy_from_user(dst, src, len);
}

static int set_key(struct ualg_sock *sk, const void *optval, socklen_t optlen)
{
	uint8_t *key;
	int r;

	/* sock_kmalloc from the option-memory budget */
	if (optlen >= UALG_OPTMEM_MAX)
		return -ENOMEM;
	key = malloc(optlen ? optlen : 1);
	if (!key)
		return -ENOMEM;
	r = copy_opt(key, optval, optlen);
	if (r >= 0) {
		pthread_mutex_lock(&sk->tfm_lock);
		r = ualg_tfm_setkey(sk->tfm, key, optlen);
		pthread_mutex_unlock(&sk->tfm_lock);
	}
	ualg_free_secret(key, optlen);
	return r;
}

/* keyctl(2) commands and key types the kernel accepts (spec §5) */
#define KEYCTL_DESCRIBE_ 6
#define KEYCTL_READ_ 11

static const struct {
	const char *type;
	bool readable; /* its payload can be read from userspace with KEYCTL_READ */
} key_type_table[] = {
	{"user", true},
	{"logon", false},
	{"encrypted", false},
	{"trusted", false},
};

/*
 * alg_setkey_by_key_serial, from userspace: the key is found and described
 * with keyctl (lookup errors pass through: ENOKEY, EACCES, EKEYREVOKED,
 * EKEYEXPIRED), its type must be one of the kernel's four (else
 * ENOPROTOOPT), and its payload is read with KEYCTL_READ. logon keys have
 * no read method and encrypted/trusted keys read back as blobs, not as the
 * payload the kernel would use: those give ENOKEY (the key is not available
 * to us), never a wrong key.
 */
static int set_key_by_serial(struct ualg_sock *sk, const void *optval, socklen_t optlen)
{
	char desc[512];
	int32_t serial;
	uint8_t *key;
	long n, klen;
	size_t tl;
	int r, i;

	if (optlen != sizeof(serial))
		return -EINVAL;
	r = copy_opt(&serial, optval, sizeof(serial));
	if (r < 0)
		return r;
	n = syscall(SYS_keyctl, KEYCTL_DESCRIBE_, (long)serial, desc, sizeof(desc) - 1);
	if (n < 0)
		return -errno;
	desc[(size_t)n < sizeof(desc) ? (size_t)n : sizeof(desc) - 1] = 0;
	tl = strcspn(desc, ";");
	for (i = 0; i < (int)(sizeof(key_type_table) / sizeof(key_type_table[0])); i++)
		if (strlen(key_type_table[i].type) == tl &&
		    !memcmp(desc, key_type_table[i].type, tl))
			break;
	if (i == (int)(sizeof(key_type_table) / sizeof(key_type_table[0])))
		return -ENOPROTOOPT;
	if (!key_type_table[i].readable)
		return -ENOKEY;
	klen = syscall(SYS_keyctl, KEYCTL_READ_, (long)serial, NULL, 0L);
	if (klen < 0)
		return errno == EOPNOTSUPP ? -ENOKEY : -errno;
	if (klen >= UALG_OPTMEM_MAX)
		return -ENOMEM;
	key = malloc(klen ? klen : 1);
	if (!key)
		return -ENOMEM;
	n = syscall(SYS_keyctl, KEYCTL_READ_, (long)serial, key, klen);
	if (n < 0) {
		r = -errno;
	} else {
		if (n > klen)
			n = klen; /* the key grew meanwhile: use what we have */
		pthread_mutex_lock(&sk->tfm_lock);
		r = ualg_tfm_setkey(sk->tfm, key, (size_t)n);
		pthread_mutex_unlock(&sk->tfm_lock);
	}
	ualg_free_secret(key, klen);
	return r;
}

static int sol_alg_set(struct ualg_sock *sk, int optname, const void *optval, socklen_t optlen)
{
	switch (optname) {
	case UALG_ALG_SET_KEY:
		return set_key(sk, optval, optlen);
	case UALG_ALG_SET_KEY_BY_KEY_SERIAL:
		return set_key_by_serial(sk, optval, optlen);
	case UALG_ALG_SET_AEAD_AUTHSIZE:
		if (!sk->type->setauthsize)
			return -ENOPROTOOPT;
		return ualg_aead_setauthsize(sk->tfm, optlen);
	case UALG_ALG_SET_DRBG_ENTROPY:
		/* CONFIG_CRYPTO_USER_API_RNG_CAVP is off in distro kernels */
	default:
		return -ENOPROTOOPT;
	}
}

static int sol_socket_set(struct ualg_sock *sk, int optname, const void *optval, socklen_t optlen)
{
	int v, r;

	switch (optname) {
	case SO_SNDBUF:
	case SO_RCVBUF:
		if (optlen < sizeof(int))
			return -EINVAL;
		r = copy_opt(&v, optval, sizeof(v));
		if (r < 0)
			return r;
		pthread_mutex_lock(&sk->lock);
		if (optname == SO_SNDBUF) {
			/* min_t(u32, val, wmem_max), then doubled, floored */
			v = (unsigned int)v > UALG_SNDBUF_MAX ? UALG_SNDBUF_MAX : v;
			sk->sndbuf = 2 * v > UALG_SNDBUF_MIN ? 2 * v : UALG_SNDBUF_MIN;
		} else {
			v = (unsigned int)v > UALG_RCVBUF_MAX ? UALG_RCVBUF_MAX : v;
			sk->rcvbuf = 2 * v > UALG_RCVBUF_MIN ? 2 * v : UALG_RCVBUF_MIN;
		}
		ualg_sock_wake(sk); /* sk_write_space */
		pthread_mutex_unlock(&sk->lock);
		return 0;
	case SO_SNDBUFFORCE:
	case SO_RCVBUFFORCE:
		return -EPERM; /* needs CAP_NET_ADMIN, which we do not check for */
	case SO_RCVTIMEO:
	case SO_SNDTIMEO: {
		struct timeval tv;

		/* accepted and ignored by every AF_ALG wait (spec §16) */
		if (optlen < sizeof(tv))
			return -EINVAL;
		r = copy_opt(&tv, optval, sizeof(tv));
		if (r < 0)
			return r;
		if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EDOM;
		pthread_mutex_lock(&sk->lock);
		if (optname == SO_RCVTIMEO)
			sk->rcvtimeo = tv;
		else
			sk->sndtimeo = tv;
		pthread_mutex_unlock(&sk->lock);
		return 0;
	}
	default:
		return -ENOPROTOOPT;
	}
}

/* see sock/sock.h */
int ualg_sock_setsockopt(struct ualg_sock *sk, int level, int optname, const void *optval,
			 socklen_t optlen)
{
	int r;

	if ((int)optlen < 0)
		return -EINVAL;
	if (level == SOL_SOCKET)
		return sol_socket_set(sk, optname, optval, optlen);
	if (sk->op)
		return -EOPNOTSUPP;
	pthread_mutex_lock(&sk->lock);
	if (sk->refcnt != sk->nokey_refcnt)
		r = -EBUSY;
	else if (level != UALG_SOL_ALG || !sk->type)
		r = -ENOPROTOOPT;
	else
		r = sol_alg_set(sk, optname, optval, optlen);
	pthread_mutex_unlock(&sk->lock);
	return r;
}

/* see sock/sock.h */
int ualg_sock_getsockopt(struct ualg_sock *sk, int level, int optname, void *optval,
			 socklen_t *optlen)
{
	struct timeval tv;
	const void *src;
	int v, len;
	size_t n;

	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	if (ualg_copy_from_user(&len, optlen, sizeof(len)) < 0)
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	pthread_mutex_lock(&sk->lock);
	src = &v;
	n = sizeof(v);
	switch (optname) {
	case SO_TYPE:
		v = SOCK_SEQPACKET;
		break;
	case SO_DOMAIN:
		v = UALG_AF_ALG;
		break;
	case SO_PROTOCOL:
	case SO_ERROR:
	case SO_ACCEPTCONN:
		v = 0;
		break;
	case SO_SNDBUF:
		v = sk->sndbuf;
		break;
	case SO_RCVBUF:
		v = sk->rcvbuf;
		break;
	case SO_RCVTIMEO:
	case SO_SNDTIMEO:
		tv = optname == SO_RCVTIMEO ? sk->rcvtimeo : sk->sndtimeo;
		src = &tv;
		n = sizeof(tv);
		break;
	default:
		pthread_mutex_unlock(&sk->lock);
		return -ENOPROTOOPT;
	}
	pthread_mutex_unlock(&sk->lock);
	if ((size_t)len > n)
		len = (int)n;
	if (ualg_copy_to_user(optval, src, (size_t)len) < 0)
		return -EFAULT;
	return ualg_copy_to_user(optlen, &len, sizeof(len));
}

/* ---- data path entry points (net core's checks, then the socket's ops) */

static ssize_t op_sendmsg(void *sk, const struct msghdr *msg, int flags)
{
	return sock_ops(sk)->sendmsg(sk, msg, flags);
}

static ssize_t op_recvmsg(void *sk, struct msghdr *msg, int flags)
{
	return sock_ops(sk)->recvmsg(sk, msg, flags);
}

/* see sock/sock.h */
ssize_t ualg_sock_sendmsg(struct ualg_sock *sk, const struct msghdr *msg, int flags)
{
	const struct ualg_sock_ops *ops = sock_ops(sk);
	struct ualg_kmsg_one k;
	ssize_t r;
	bool done;

	/* the control buffer beyond the on-stack one is option memory, checked unlocked */
	if (ops->send_one && ualg_kmsg_read_one(&k, msg, omem_get(sk))) {
		done = ops->send_one(sk, &k.msg, flags, &r);
		ualg_kmsg_one_release(&k);
		if (done)
			return r;
	}
	return ualg_kmsg_sendmsg(msg, flags, omem_get(sk), op_sendmsg, sk);
}

/* see sock/sock.h */
ssize_t ualg_sock_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags)
{
	return ualg_kmsg_recvmsg(msg, flags, op_recvmsg, sk, NULL, 0);
}

/* see sock/sock.h */
ssize_t ualg_sock_sendmsg_kernel(struct ualg_sock *sk, const struct msghdr *msg, int flags)
{
	const struct ualg_sock_ops *ops = sock_ops(sk);
	ssize_t r = ualg_kmsg_check(msg);

	if (r < 0)
		return r;
	if (ops->send_one && msg->msg_iovlen == 1 && ops->send_one(sk, msg, flags, &r))
		return r;
	return ops->sendmsg(sk, msg, flags);
}

/* see sock/sock.h */
ssize_t ualg_sock_recvmsg_kernel(struct ualg_sock *sk, struct msghdr *msg, int flags)
{
	const struct ualg_sock_ops *ops = sock_ops(sk);
	ssize_t r = ualg_kmsg_check(msg);

	if (r < 0)
		return r;
	msg->msg_flags = 0;
	if (ops->recv_one && msg->msg_iovlen == 1 && ops->recv_one(sk, msg, flags, &r))
		return r;
	return ops->recvmsg(sk, msg, flags);
}

/* see sock/sock.h */
unsigned int ualg_sock_poll(struct ualg_sock *sk)
{
	unsigned int m;

	pthread_mutex_lock(&sk->lock);
	m = sk->op ? sk->type->ops->poll(sk) : 0;
	pthread_mutex_unlock(&sk->lock);
	return m;
}

/* see sock/sock.h */
void ualg_sock_set_notify(struct ualg_sock *sk, void (*fn)(void *arg, unsigned int mask), void *arg)
{
	pthread_mutex_lock(&sk->lock);
	sk->notify = fn;
	sk->notify_arg = arg;
	sk->notified = UALG_SOCK_NOTIFIED_NONE;
	pthread_mutex_unlock(&sk->lock);
}
