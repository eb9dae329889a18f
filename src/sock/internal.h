/* SPDX-License-Identifier: MIT */
#ifndef UALG_SOCK_INTERNAL_H
#define UALG_SOCK_INTERNAL_H

/*
 * Private to src/sock/: the socket object, the per-type ops tables (the
 * kernel's af_alg_type and proto_ops / proto_ops_nokey), the shared
 * skcipher/aead transmit context (the kernel's af_alg_ctx), message helpers.
 *
 * Locking (spec §2, the kernel's lock_sock): every socket has one mutex.
 * Order: op socket lock, then its parent's lock, then the parent's tfm_lock.
 * The parent's refcnt/nokey_refcnt/tfm/type change only under the parent
 * lock. A child reads parent->tfm without the parent lock: the tfm cannot be
 * replaced while a child exists (bind gives EBUSY) and cannot be rekeyed
 * once the child has left the nokey state (setsockopt gives EBUSY). Every
 * call into the algorithm engine on the parent's tfm is made under the
 * parent's tfm_lock (not taken with one thread), so a tfm shared by many
 * children is never used concurrently (this also serialises rng
 * generation, spec §11); except the hash descriptors of algorithms that
 * allow it (hash.c), and an skcipher/aead op socket that has a clone of
 * its own (ualg_sock_engine_get).
 */

#include <pthread.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#ifdef UALG_HAVE_SINGLE_THREADED
#endif
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>

#include "alg/alg.h"
#include "core/limits.h"
#include "core/onethread.h"
#include "sock/sock.h"

#define UALG_SOL_ALG 279
#define UALG_AF_ALG 38
#define UALG_ALG_SET_KEY 1
#define UALG_ALG_SET_IV 2
#define UALG_ALG_SET_OP 3
#define UALG_ALG_SET_AEAD_ASSOCLEN 4
#define UALG_ALG_SET_AEAD_AUTHSIZE 5
#define UALG_ALG_SET_DRBG_ENTROPY 6
#define UALG_ALG_SET_KEY_BY_KEY_SERIAL 7
#define UALG_ALG_OP_DECRYPT 0
#define UALG_ALG_OP_ENCRYPT 1

/* net core's UIO_MAXIOV */
#define UALG_SOCK_MAXIOV 1024

/*
 * Option-memory charges (sock_kmalloc) of an op socket, approximating the
 * kernel's x86-64 object sizes: they only decide when ENOMEM/ENOBUFS appear
 * (spec §17, §20.19), never a result.
 */
#define UALG_OMEM_CTX 256   /* struct af_alg_ctx */
#define UALG_OMEM_TSGL 4096 /* one af_alg_tsgl, per 126 queued pages */
#define UALG_OMEM_REQ 768   /* af_alg_async_req + crypto request */
#define UALG_OMEM_RSGL 600  /* each output segment after the first */
#define UALG_TSGL_PAGES 126 /* MAX_SGL_ENTS on x86-64 */

struct ualg_sock_ops {
	/* accept on this socket (parent: a new child; op: hash clone or EOPNOTSUPP) */
	int (*accept)(struct ualg_sock *sk, struct ualg_sock **ret);
	ssize_t (*sendmsg)(struct ualg_sock *sk, const struct msghdr *msg, int flags);
	ssize_t (*recvmsg)(struct ualg_sock *sk, struct msghdr *msg, int flags);
	/*
	 * Optional: sendmsg of the common request in one pass, on a msghdr of
	 * one iovec whose fields and control data are ours (ualg_kmsg_read_one,
	 * or the preload's send). true with the result in *ret; false, having
	 * changed nothing, when the request is not the common one: sendmsg then
	 * runs and gives the answer.
	 */
	bool (*send_one)(struct ualg_sock *sk, const struct msghdr *msg, int flags, ssize_t *ret);
	/* Optional: recvmsg of the common request in one pass, the same way */
	bool (*recv_one)(struct ualg_sock *sk, struct msghdr *msg, int flags, ssize_t *ret);
	/* poll mask, lock held; key state never matters (spec §6.3) */
	unsigned int (*poll)(struct ualg_sock *sk);
};

/* One row per AF_ALG type string: the kernel's af_alg_type (type.c). */
struct ualg_sock_type {
	const char *name;
	enum ualg_type alg_type;
	const struct ualg_sock_ops *ops;
	/* ops of a child accepted before the key was set; NULL: never nokey */
	const struct ualg_sock_ops *ops_nokey;
	/* ALG_SET_AEAD_AUTHSIZE allowed on the parent */
	bool setauthsize;
	/* set up / tear down an op socket's private state (sk->priv) */
	int (*init)(struct ualg_sock *sk);
	void (*release)(struct ualg_sock *sk);
};

struct ualg_sock {
	pthread_mutex_t lock;
	int ref; /* atomic: the last unref is close() */
	bool op;
	const struct ualg_sock_ops *ops;   /* current state (atomic pointer) */
	const struct ualg_sock_type *type; /* parent: NULL until bound */

	/* SOL_SOCKET state (net core) */
	int sndbuf, rcvbuf;
	struct timeval rcvtimeo, sndtimeo;
	size_t omem; /* sk_omem_alloc */

	void (*notify)(void *arg, unsigned int mask);
	void *notify_arg;
	/* the mask notify was last given (UALG_SOCK_NOTIFIED_NONE: none): only changes are told */
	unsigned int notified;

	/* every socket of the process (fork.c), under its list lock */
	struct ualg_sock *all_prev, *all_next;

	/* parent */
	struct ualg_tfm *tfm;
	unsigned int refcnt, nokey_refcnt;
	/*
	 * A line of its own (sockets are allocated in whole lines): taken per
	 * request by one child, it must not share one with tfm, which every
	 * child reads per request.
	 */
	alignas(64) pthread_mutex_t tfm_lock;

	/* op */
	alignas(64) struct ualg_sock *parent;
	bool nokey;
	void *priv;
	/* skcipher/aead: a clone of the parent's tfm, made at the first contention for it */
	struct ualg_tfm *own_tfm;
	/* blocking waits (skcipher/aead): a futex word bumped by wakers, and the waiter count */
	uint32_t wseq;
	unsigned int nwaiters;
	/* the call in progress skipped lock (one thread: ualg_sock_lock) */
	bool lock_skipped;
};

/*
 * sk->lock around one call. With one thread in the process nothing can
 * contend for it (a thread is only created outside these sections: the
 * preload's fork sharing starts its server after fork()), so it is not
 * taken, and lock_skipped says so to ualg_sock_wait(), which takes it for
 * real before it sleeps, and to ualg_sock_unlock().
 */
static inline void ualg_sock_lock(struct ualg_sock *sk)
{
	if (ualg_one_thread())
		sk->lock_skipped = true;
	else
		pthread_mutex_lock(&sk->lock);
}

static inline void ualg_sock_unlock(struct ualg_sock *sk)
{
	if (sk->lock_skipped)
		sk->lock_skipped = false;
	else
		pthread_mutex_unlock(&sk->lock);
}

/* the parent's tfm_lock around one engine call: not taken with one thread; returns whether taken */
static inline bool ualg_tfm_lock(struct ualg_sock *parent)
{
	if (ualg_one_thread())
		return false;
	pthread_mutex_lock(&parent->tfm_lock);
	return true;
}

static inline void ualg_tfm_unlock(struct ualg_sock *parent, bool taken)
{
	if (taken)
		pthread_mutex_unlock(&parent->tfm_lock);
}

/*
 * The transform an skcipher/aead op socket's engine call runs on (its lock
 * held), from ualg_sock_engine_get() to ualg_sock_engine_put(). One thread:
 * the parent's, with no lock. Several: the parent's under its tfm_lock
 * while that lock is free; the first time an op socket finds it taken, the
 * socket makes a clone of the parent's transform (same key and authsize,
 * ualg_tfm_clone) and runs on it from then on without the lock, so that
 * the op sockets of a shared transform scale with threads as if each had
 * its own. The clone cannot go stale: the parent's key and authsize cannot
 * change while a keyed child exists (EBUSY). Without memory for the clone
 * the socket waits for the lock instead.
 */
struct ualg_tfm *ualg_sock_engine_contended(struct ualg_sock *sk, bool *taken);

static inline struct ualg_tfm *ualg_sock_engine_get(struct ualg_sock *sk, bool *taken)
{
	*taken = false;
	if (sk->own_tfm)
		return sk->own_tfm;
	if (ualg_one_thread())
		return sk->parent->tfm;
	return ualg_sock_engine_contended(sk, taken);
}

static inline void ualg_sock_engine_put(struct ualg_sock *sk, bool taken)
{
	ualg_tfm_unlock(sk->parent, taken);
}

/* no mask given to notify yet (poll masks never have every bit set) */
#define UALG_SOCK_NOTIFIED_NONE 0xffffffffu

/* ---- type.c */

/* Row for an AF_ALG type string, NULL if unknown. */
const struct ualg_sock_type *ualg_sock_type_find(const char *name);
extern const struct ualg_sock_ops ualg_sock_parent_ops;
extern const struct ualg_sock_ops ualg_sock_nokey_ops;

/* ---- fork.c */

/* every socket is listed from creation to destruction, for fork prepare */
void ualg_sock_list_add(struct ualg_sock *sk);
void ualg_sock_list_del(struct ualg_sock *sk);
/* register the fork handlers (once) unless the preload calls them */
void ualg_sock_fork_init(void);

/* ---- sock.c */

/* fork child: the waiters counted on sk were other threads' */
void ualg_sock_forget_waiters(struct ualg_sock *sk);

/* af_alg_accept: a new child of parent (parent lock taken inside). */
int ualg_sock_accept_child(struct ualg_sock *parent, struct ualg_sock **ret);
/* The tfm an op socket works on. */
static inline struct ualg_tfm *ualg_sock_tfm(const struct ualg_sock *sk)
{
	return sk->parent->tfm;
}
/* Call the notify callback with the current mask (lock held). */
void ualg_sock_notify(struct ualg_sock *sk);
/* notify's callback with mask m if it changed (the common request leaves it as it was) */
static inline void ualg_sock_tell(struct ualg_sock *sk, unsigned int m)
{
	if (m != sk->notified) {
		sk->notified = m;
		sk->notify(sk->notify_arg, m);
	}
}
/* Wake blocked waiters of sk (lock held) and notify. */
void ualg_sock_wake_waiters(struct ualg_sock *sk);
static inline void ualg_sock_wake(struct ualg_sock *sk)
{
	if (sk->nwaiters)
		ualg_sock_wake_waiters(sk);
	if (sk->notify)
		ualg_sock_notify(sk);
}
/*
 * Wait, lock dropped, until ready(sk) (checked with the lock held).
 * -EAGAIN for MSG_DONTWAIT, -EINTR when a signal handler ran.
 */
int ualg_sock_wait(struct ualg_sock *sk, int flags, bool (*ready)(struct ualg_sock *sk));
/* sock_kmalloc's accounting: -ENOMEM unless size fits the optmem budget */
int ualg_sock_omem_charge(struct ualg_sock *sk, size_t size);
void ualg_sock_omem_uncharge(struct ualg_sock *sk, size_t size);
/* sock-level generic ops */
int ualg_sock_no_accept(struct ualg_sock *sk, struct ualg_sock **ret);
ssize_t ualg_sock_no_sendmsg(struct ualg_sock *sk, const struct msghdr *msg, int flags);
ssize_t ualg_sock_no_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags);
unsigned int ualg_sock_no_poll(struct ualg_sock *sk);

/* ---- msg.c: msghdr, cmsg and iovec helpers */

struct ualg_sock_cmsg {
	bool present; /* msg_controllen != 0 */
	uint32_t op;  /* ALG_SET_OP, default decrypt */
	bool has_iv;
	uint32_t ivlen;
	const uint8_t *iv;
	uint32_t assoclen; /* 0 unless given */
};

/* af_alg_cmsg_send: parse every cmsg (spec §7.1). -EINVAL on bad ones. */
int ualg_sock_cmsg_parse(const struct msghdr *msg, struct ualg_sock_cmsg *ret);

/*
 * A caller's msghdr brought in (copy_msghdr_from_user, import_iovec, and
 * for sendmsg the control data and destination address), in the kernel's
 * order of checks: EFAULT (the msghdr), EINVAL (negative msg_namelen),
 * EFAULT (the address), EMSGSIZE (msg_iovlen > UIO_MAXIOV), EFAULT /
 * EINVAL (the iovec array, a negative length, an iov_base outside the user
 * half), then ENOBUFS (msg_controllen > INT_MAX, or beyond the small
 * buffer and above option memory given omem already charged) and EFAULT
 * (the control data). msg then names our copies of all of them; only the
 * data the iovecs point to is still the caller's. recvmsg copies no
 * address or control data (msg_name stays the caller's pointer).
 */
/* ___sys_sendmsg's on-stack ctl[]: control data beyond it is charged to option memory */
#define UALG_KMSG_STACK_CTL (sizeof(struct cmsghdr) + 20)

struct ualg_kmsg {
	struct msghdr msg;
	struct msghdr *umsg; /* the caller's, for ualg_kmsg_export */
	struct sockaddr_storage name;
	struct iovec fast_iov[8]; /* UIO_FASTIOV */
	union {
		struct cmsghdr align;
		uint8_t buf[256]; /* op, IV and assoclen fit: no allocation per request */
	} fast_ctl;
	struct iovec *heap_iov;
	uint8_t *heap_ctl;
	size_t ctl_len;
};

int ualg_kmsg_import(struct ualg_kmsg *km, const struct msghdr *umsg, bool send, size_t omem);

/* the control data a ualg_kmsg_one holds: op, the longest IV and assoclen fit */
#define UALG_KMSG_ONE_CTL 128

/* a sendmsg of the common shape, read in one guarded pass */
struct ualg_kmsg_one {
	struct msghdr msg; /* msg_iov: &iov; msg_control: ctl (or NULL); no address */
	struct iovec iov;
	union {
		struct cmsghdr align;
		uint8_t buf[UALG_KMSG_ONE_CTL];
	} ctl;
};

/*
 * The caller's msghdr of the common sendmsg, as ualg_kmsg_import would
 * read it: no address, one iovec, at most UALG_KMSG_ONE_CTL bytes of
 * control data within the option-memory budget (omem already charged).
 * true when k holds it (wipe k->ctl with ualg_kmsg_one_release); false for
 * any other shape, or a fault: ualg_kmsg_import then gives the answer.
 */
bool ualg_kmsg_read_one(struct ualg_kmsg_one *k, const struct msghdr *umsg, size_t omem);
void ualg_kmsg_one_release(struct ualg_kmsg_one *k);
/*
 * recvmsg's write-back to the caller's msghdr: the address (namelen bytes
 * of km->name, then msg_namelen) when msg_name was given, msg_flags, and
 * msg_controllen = 0. -EFAULT (the data is gone by then, as in the kernel).
 */
int ualg_kmsg_export(struct ualg_kmsg *km, socklen_t namelen);
/* frees and wipes the copies (the control data carries the IV) */
void ualg_kmsg_release(struct ualg_kmsg *km);
/*
 * A whole sendmsg / recvmsg on the caller's msghdr: import, op(obj) on our
 * copy, release; recvmsg first sets msg_flags 0 and writes back after a
 * success, with namelen bytes of name as the source address (0: none).
 */
ssize_t ualg_kmsg_sendmsg(const struct msghdr *umsg, int flags, size_t omem,
			  ssize_t (*op)(void *obj, const struct msghdr *msg, int flags), void *obj);
ssize_t ualg_kmsg_recvmsg(struct msghdr *umsg, int flags,
			  ssize_t (*op)(void *obj, struct msghdr *msg, int flags), void *obj,
			  const void *name, socklen_t namelen);
/*
 * A msghdr made by our caller (the preload's send/recv/read/write): its
 * fields and iovec array are ours, only the bytes the iovecs point to are
 * the caller's: import_single_range's checks (EMSGSIZE, EINVAL, EFAULT for
 * a range outside the user half), nothing copied.
 */
int ualg_kmsg_check(const struct msghdr *msg);

/* A cursor over an iovec array (the kernel's iov_iter). */
struct ualg_iter {
	const struct iovec *iov;
	size_t nr;
	size_t idx, off;
	size_t left;
};

/* over an imported msghdr (ualg_kmsg); -EINVAL when the lengths sum past SSIZE_MAX */
int ualg_iter_init(struct ualg_iter *it, const struct msghdr *msg);
/*
 * Copy n bytes out of / into the iterator (the caller's memory, guarded)
 * and advance; n <= it->left. -EFAULT: the iterator has not moved.
 */
int ualg_iter_copy_from(struct ualg_iter *it, void *dst, size_t n);
int ualg_iter_copy_to(struct ualg_iter *it, const void *src, size_t n);
/*
 * How many of the next n bytes of the iterator can be read (write: written),
 * page by page in iteration order; n when all of them. Does not advance.
 */
size_t ualg_iter_accessible(const struct ualg_iter *it, size_t n, bool write);
/* The current contiguous segment (skipping empty ones): pointer and length. */
static inline size_t ualg_iter_seg(struct ualg_iter *it, uint8_t **ret)
{
	while (it->idx < it->nr && it->off >= it->iov[it->idx].iov_len) {
		it->idx++;
		it->off = 0;
	}
	if (it->idx >= it->nr) {
		*ret = NULL;
		return 0;
	}
	/* integer arithmetic: the caller's base may be anything, NULL included */
	*ret = (uint8_t *)((uintptr_t)it->iov[it->idx].iov_base + it->off);
	return it->iov[it->idx].iov_len - it->off;
}

/* ---- ctx.c: af_alg_ctx for skcipher and aead op sockets */

struct ualg_sock_ctx {
	uint8_t *buf; /* queued TX bytes at buf + head, used bytes */
	size_t cap, head, used;
	size_t merge; /* free bytes at the tail of the last "page" */
	bool more, init, enc, write;
	uint32_t assoclen;
	unsigned int ivsize;
	uint8_t iv[UALG_MAX_IVSIZE];
	/* what the algorithm still owes iv (skcipher: ualg_skcipher_req.later) */
	struct ualg_iv_later iv_later;
	/* skcipher NOTFINAL state (statesize bytes), cont: valid for the next request */
	void *state;
	size_t statesize;
	bool cont;
};

/*
 * The queued bytes (used of them). Never NULL: before the first byte is
 * queued the buffer does not exist, and a zero-length request still needs a
 * valid source pointer.
 */
static inline uint8_t *ualg_sock_ctx_data(struct ualg_sock_ctx *ctx)
{
	static uint8_t none[1];

	return ctx->buf ? ctx->buf + ctx->head : none;
}

/*
 * The outer receive loop of skcipher_recvmsg/aead_recvmsg (spec §8.1, §9.3):
 * run one() request after request until the caller's buffer is full (one()
 * blocks for more data unless MSG_DONTWAIT); the first result <= 0 ends the
 * loop and is returned when nothing was produced, or always when it is
 * -EBADMSG and ebadmsg_wins (aead). Takes the socket lock; wakes writers.
 */
ssize_t ualg_sock_ctx_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags,
			      ssize_t (*one)(struct ualg_sock *sk, struct ualg_iter *it, int flags),
			      bool ebadmsg_wins);

int ualg_sock_ctx_new(struct ualg_sock *sk, unsigned int ivsize, size_t statesize);
void ualg_sock_ctx_free(struct ualg_sock *sk);
/* af_alg_sendmsg (spec §7) */
ssize_t ualg_sock_ctx_sendmsg(struct ualg_sock *sk, const struct msghdr *msg, int flags);
/*
 * The common receive (lock held): a complete request is queued (init,
 * !more, used > 0) and msg's one iovec takes exactly used bytes, within
 * the receive budget and one rsgl, its pages writable (else false: the
 * generic path gives the answer). *ret_p: where the output goes; *ret_len:
 * used. Then ualg_sock_ctx_pull(sk, used) as usual.
 */
bool ualg_sock_ctx_recv_whole(struct ualg_sock *sk, const struct msghdr *msg, uint8_t **ret_p,
			      size_t *ret_len);
/* its common request in one pass (ualg_sock_ops.send_one) */
bool ualg_sock_ctx_send_one(struct ualg_sock *sk, const struct msghdr *msg, int flags,
			    ssize_t *ret);
/* af_alg_poll (spec §14) */
unsigned int ualg_sock_ctx_poll(struct ualg_sock *sk);
/* ualg_sock_wake of a skcipher/aead op socket, its poll called directly */
static inline void ualg_sock_ctx_wake(struct ualg_sock *sk)
{
	if (sk->nwaiters)
		ualg_sock_wake_waiters(sk);
	if (sk->notify)
		ualg_sock_tell(sk, ualg_sock_ctx_poll(sk));
}
/* af_alg_pull_tsgl: drop n queued bytes; init = more when the queue empties */
void ualg_sock_ctx_pull(struct ualg_sock *sk, size_t n);
/*
 * af_alg_get_rsgl: how many bytes (<= maxsize) of the caller's buffer one
 * request may fill, by the receive budget, the ALG_MAX_PAGES chunking and
 * the option memory of each extra segment. Does not advance it. -ENOMEM
 * when a segment cannot be charged; *ret_charge is what to uncharge.
 */
int ualg_sock_rx_map(struct ualg_sock *sk, const struct ualg_iter *it, size_t maxsize,
		     size_t *ret_len, size_t *ret_charge);
/* remaining send budget (af_alg_sndbuf) and af_alg_writable */
size_t ualg_sock_ctx_sndbuf(const struct ualg_sock *sk);
bool ualg_sock_ctx_writable(const struct ualg_sock *sk);

/*
 * Output of one request: a pointer into the caller's buffer when its
 * current segment holds all n bytes, else a bounce buffer flushed to the
 * iterator by ualg_sock_out_finish(); for n == 0, never NULL (an empty
 * receive may have no buffer at all).
 */
struct ualg_sock_out {
	uint8_t *p;
	uint8_t *bounce;
	size_t n;
	uint8_t none[1];
};
int ualg_sock_out_begin(struct ualg_sock_out *o, struct ualg_iter *it, size_t n);
/*
 * Copies (if bounced), advances the iterator by n, wipes and frees the
 * bounce. -EFAULT when the caller's memory went away since
 * ualg_iter_accessible() said it was writable.
 */
int ualg_sock_out_finish(struct ualg_sock_out *o, struct ualg_iter *it);
/* on failure: nothing counts as produced; the bounce is wiped and freed */
void ualg_sock_out_abort(struct ualg_sock_out *o);

/* ---- the type files */
extern const struct ualg_sock_ops ualg_sock_hash_ops;
extern const struct ualg_sock_ops ualg_sock_skcipher_ops;
extern const struct ualg_sock_ops ualg_sock_aead_ops;
extern const struct ualg_sock_ops ualg_sock_rng_ops;
int ualg_sock_hash_init(struct ualg_sock *sk);
void ualg_sock_hash_release(struct ualg_sock *sk);
int ualg_sock_skcipher_init(struct ualg_sock *sk);
int ualg_sock_aead_init(struct ualg_sock *sk);
void ualg_sock_ctx_release(struct ualg_sock *sk);

#endif
