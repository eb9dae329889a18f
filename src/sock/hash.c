/* SPDX-License-Identifier: MIT */
/*
 * Implementation Notes: hash op sockets (crypto/algif_hash.c: hash_sendmsg,
 * hash_recvmsg, hash_accept; spec §10).
 *
 * States: idle (!more, no result), streaming (more: the descriptor is
 * live), result pending (a digest computed and not yet read).
 *   send, !more: discard the result; a zero-length send ends here (it never
 *     opens a stream, MSG_MORE or not).
 *   send, more, zero length: without MSG_MORE finalise into the result.
 *   send with data: init if !more, update in chunks of min(16,
 *     ceil(sndbuf/PAGE)) pages, final into the result unless MSG_MORE;
 *     more = MSG_MORE. A failure mid-way drops the stream (more = 0) and
 *     returns the bytes hashed so far, else the error. The algorithm reads
 *     the caller's memory in place (the kernel pins its pages) under the
 *     fault guard: an unreadable page ends the send there, and the bytes
 *     before it count as hashed, as the kernel's page-by-page extraction
 *     has it (hash updates take no lock and allocate nothing, so unwinding
 *     out of one is safe; the broken stream is dropped like any failure).
 *   recv: n = min(len, digestsize), MSG_TRUNC if len < digestsize; with no
 *     result and no stream the result is the empty-message digest; with a
 *     stream it is finalised (more = 0); n bytes are copied and the result
 *     is consumed, by every recv including a zero-length one.
 *   accept on an op socket: a new child of the same parent, continuing a
 *     clone of the open stream (or fresh; a pending result is not cloned).
 * Control messages are ignored. No poll events, no blocking.
 */
#include <stdlib.h>
#include <string.h>

#include "core/ct.h"
#include "core/uaccess.h"
#include "sock/internal.h"
#include "core/lines.h"

struct hash_ctx {
	struct ualg_hash_desc *desc;
	bool more;
	bool has_result;
	bool tfm_taken; /* tfm_lock() took the parent's lock */
	/* valid when has_result; output data: wiped at release (docs/secrets.md) */
	uint8_t result[UALG_MAX_DIGESTSIZE];
};

static void free_result(struct hash_ctx *ctx)
{
	ctx->has_result = false;
}

/*
 * Engine calls are tfm-serialised where the algorithm needs it: the
 * parent's tfm_lock is taken once per sendmsg/recvmsg around all of its
 * init/update/final calls (no call blocks), unless the descriptors of a tfm
 * may run concurrently (ualg_hash_ops.concurrent: the OpenSSL digests and
 * MACs), so that the op sockets of one shared transform scale with threads.
 */
static void tfm_lock(struct ualg_sock *sk)
{
	struct hash_ctx *ctx = sk->priv;

	ctx->tfm_taken = !ualg_sock_tfm(sk)->alg->hash.ops->concurrent &&
			 ualg_tfm_lock(sk->parent);
}

static void tfm_unlock(struct ualg_sock *sk)
{
	struct hash_ctx *ctx = sk->priv;

	ualg_tfm_unlock(sk->parent, ctx->tfm_taken);
}

/* tfm_lock held */
static int h_final(struct hash_ctx *ctx)
{
	int r = ualg_hash_final(ctx->desc, ctx->result);

	if (r >= 0)
		ctx->has_result = true;
	return r;
}

static ssize_t hash_sendmsg(struct ualg_sock *sk, const struct msghdr *msg, int flags)
{
	struct hash_ctx *ctx = sk->priv;
	volatile size_t copied = 0;
	struct ualg_uaccess g;
	struct ualg_iter it;
	size_t chunk;
	int r;

	r = ualg_iter_init(&it, msg);
	if (r < 0)
		return r;
	ualg_sock_lock(sk);
	chunk = ((size_t)sk->sndbuf + UALG_PAGE_SIZE - 1) / UALG_PAGE_SIZE;
	if (chunk > UALG_MAX_PAGES)
		chunk = UALG_MAX_PAGES;
	chunk *= UALG_PAGE_SIZE;
	if (!ctx->more) {
		free_result(ctx);
		if (!it.left)
			goto unlock;
	} else if (!it.left) {
		if (!(flags & MSG_MORE)) {
			ctx->more = false;
			tfm_lock(sk);
			r = h_final(ctx);
			tfm_unlock(sk);
			if (r < 0)
				goto unlock;
		}
		goto unlock;
	}
	tfm_lock(sk);
	if (!ctx->more) {
		r = ualg_hash_init(ctx->desc);
		if (r < 0)
			goto unlock_tfm;
		ctx->more = true;
	}
	ualg_uaccess_arm(&g, NULL, 0);
	if (ualg_uaccess_faulted(&g)) {
		/* the pages before the unreadable one were hashed */
		copied += ualg_uaccess_prefix((const void *)g.lo, g.hi - g.lo, false);
		r = -EFAULT;
		goto fail;
	}
	while (it.left) {
		uint8_t *p;
		size_t n = ualg_iter_seg(&it, &p);

		if (n > chunk)
			n = chunk;
		ualg_uaccess_range(&g, p, n);
		/* no page at NULL: the fault the algorithm would take, without its pointer
		 * arithmetic on NULL */
		if (!p)
			ualg_uaccess_touch(p, false);
		r = ualg_hash_update(ctx->desc, p, n);
		if (r < 0) {
			ualg_uaccess_disarm(&g);
			goto fail;
		}
		it.off += n;
		it.left -= n;
		copied += n;
	}
	ualg_uaccess_disarm(&g);
	if (!(flags & MSG_MORE)) {
		r = h_final(ctx);
		if (r < 0)
			goto fail;
	}
	ctx->more = flags & MSG_MORE;
	r = 0;
	goto unlock_tfm;
fail:
	/* the partial state is dropped */
	ualg_hash_init(ctx->desc); /* ends the live stream; reinit is harmless */
	ctx->more = false;
unlock_tfm:
	tfm_unlock(sk);
unlock:
	ualg_sock_unlock(sk);
	return copied ? (ssize_t)copied : r;
}

static ssize_t hash_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags)
{
	struct hash_ctx *ctx = sk->priv;
	size_t ds = ualg_sock_tfm(sk)->alg->hash.digestsize, n;
	struct ualg_iter it;
	int r;

	r = ualg_iter_init(&it, msg);
	if (r < 0)
		return r;
	n = it.left;
	if (n > ds)
		n = ds;
	else if (n < ds)
		msg->msg_flags |= MSG_TRUNC;
	ualg_sock_lock(sk);
	if (!ctx->has_result || ctx->more) {
		tfm_lock(sk);
		r = 0;
		if (!ctx->has_result && !ctx->more)
			r = ualg_hash_init(ctx->desc); /* finalised right below */
		if (r >= 0) {
			ctx->more = false;
			r = h_final(ctx);
		}
		tfm_unlock(sk);
		if (r < 0)
			goto unlock;
	}
	r = ualg_iter_copy_to(&it, ctx->result, n);
	if (r >= 0)
		r = (int)n;
unlock:
	free_result(ctx);
	ualg_sock_unlock(sk);
	return r;
}

static int hash_accept(struct ualg_sock *sk, struct ualg_sock **ret)
{
	struct hash_ctx *ctx = sk->priv, *nctx;
	struct ualg_sock *nsk;
	int r;

	r = ualg_sock_accept_child(sk->parent, &nsk);
	if (r < 0)
		return r;
	nctx = nsk->priv;
	pthread_mutex_lock(&sk->lock);
	if (ctx->more) {
		tfm_lock(sk);
		r = ualg_hash_clone(nctx->desc, ctx->desc);
		tfm_unlock(sk);
		if (r >= 0)
			nctx->more = true;
	}
	pthread_mutex_unlock(&sk->lock);
	if (r < 0) {
		ualg_sock_unref(nsk);
		return r;
	}
	*ret = nsk;
	return 0;
}

/* see sock/internal.h */
int ualg_sock_hash_init(struct ualg_sock *sk)
{
	struct hash_ctx *ctx = ualg_calloc_lines(sizeof(*ctx));
	int r;

	if (!ctx)
		return -ENOMEM;
	r = ualg_hash_desc_new(ualg_sock_tfm(sk), &ctx->desc);
	if (r < 0) {
		free(ctx);
		return r;
	}
	sk->priv = ctx;
	return 0;
}

/* see sock/internal.h */
void ualg_sock_hash_release(struct ualg_sock *sk)
{
	struct hash_ctx *ctx = sk->priv;

	if (!ctx)
		return;
	ualg_hash_desc_free(ctx->desc);
	ualg_free_secret(ctx, sizeof(*ctx));
	sk->priv = NULL;
}

/* see sock/internal.h */
const struct ualg_sock_ops ualg_sock_hash_ops = {
	.accept = hash_accept,
	.sendmsg = hash_sendmsg,
	.recvmsg = hash_recvmsg,
	.poll = ualg_sock_no_poll,
};
