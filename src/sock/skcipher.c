/* SPDX-License-Identifier: MIT */
/*
 * Implementation Notes: skcipher op sockets (crypto/algif_skcipher.c:
 * skcipher_sendmsg, skcipher_recvmsg, _skcipher_recvmsg,
 * algif_skcipher_export/import; spec §7, §8).
 *
 * States (ctx.c's init/more/used):
 *   idle        !init                      recv waits for a sendmsg
 *   collecting  init && more               recv processes whole chunks only
 *   complete    init && !more && used > 0  recv processes the rest; send EINVAL
 *   drained     init && !more && used == 0 -> idle after the last pull
 *
 * One request: wait until init && (!more || used >= bs) with bs the
 * algorithm's chunksize; map up to used bytes of the caller's buffer
 * (receive budget, 16-page chunks, option memory); when the message does
 * not end in this request (more, or a short buffer), the length must be at
 * least bs (EINVAL, nothing consumed) and is rounded down to a multiple of
 * bs, and the request is NOTFINAL. The bytes are consumed whatever the
 * cipher then says. The IV is updated in place by the algorithm (req.iv is
 * the socket's IV), and a successful NOTFINAL request leaves the
 * algorithm's state for the next request (req.state/req.cont, 6.8+).
 *
 * The outer loop fills the whole buffer: after the queue runs dry it waits
 * for further sendmsg calls (DONTWAIT or a signal end it with the count so
 * far, or the error when nothing was produced).
 *
 * Deliberate choice: the caller's buffer advances by the bytes produced, so
 * rounding never leaves a gap in the output.
 */
#include <string.h>

#include "sock/internal.h"

static unsigned int sk_bs(struct ualg_sock *sk)
{
	const struct ualg_alg *alg = ualg_sock_tfm(sk)->alg;

	if (alg->skcipher.chunksize)
		return alg->skcipher.chunksize;
	return alg->blocksize ? alg->blocksize : 1;
}

static bool data_ready(struct ualg_sock *sk)
{
	struct ualg_sock_ctx *ctx = sk->priv;

	return ctx->init && (!ctx->more || ctx->used >= sk_bs(sk));
}

/* the cipher on len queued bytes to dst, which are then consumed */
static int skcipher_run(struct ualg_sock *sk, uint8_t *dst, size_t len, bool final)
{
	struct ualg_sock_ctx *ctx = sk->priv;
	struct ualg_skcipher_req req;
	struct ualg_tfm *tfm;
	bool tl;
	int r;

	tfm = ualg_sock_engine_get(sk, &tl);
	req = (struct ualg_skcipher_req){
		.tfm = tfm,
		.src = ualg_sock_ctx_data(ctx),
		.dst = dst,
		.len = len,
		.iv = ctx->iv,
		.final = final,
		.state = ctx->state,
		.cont = ctx->cont,
		.later = &ctx->iv_later,
	};
	ctx->iv_later.tfm = tfm; /* a clone settles what the parent's tfm owed: same key */
	r = ctx->enc ? ualg_skcipher_encrypt(&req) : ualg_skcipher_decrypt(&req);
	ualg_sock_engine_put(sk, tl);
	/* consumed before the cipher ran, in the kernel's order */
	ualg_sock_ctx_pull(sk, len);
	ctx->cont = r >= 0 && !final && ctx->statesize;
	return r;
}

static ssize_t skcipher_one(struct ualg_sock *sk, struct ualg_iter *it, int flags)
{
	struct ualg_sock_ctx *ctx = sk->priv;
	struct ualg_sock_out out;
	size_t bs = sk_bs(sk), len, charge;
	bool final = true;
	int r;

	r = ualg_sock_wait(sk, flags, data_ready);
	if (r < 0)
		return r;
	r = ualg_sock_omem_charge(sk, UALG_OMEM_REQ + ctx->statesize);
	if (r < 0)
		return r;
	r = ualg_sock_rx_map(sk, it, ctx->used, &len, &charge);
	if (r < 0)
		goto out_req;
	/* af_alg_get_rsgl pins the pages for writing: EFAULT, nothing consumed */
	if (ualg_iter_accessible(it, len, true) < len) {
		r = -EFAULT;
		goto out_map;
	}
	if (ctx->more || len < ctx->used) {
		if (len < bs) {
			r = -EINVAL;
			goto out_map;
		}
		len -= len % bs;
		final = false;
	}
	r = ualg_sock_out_begin(&out, it, len);
	if (r < 0)
		goto out_map;
	r = skcipher_run(sk, out.p, len, final);
	if (r >= 0) {
		r = ualg_sock_out_finish(&out, it);
		if (r >= 0)
			r = (int)len;
	} else {
		ualg_sock_out_abort(&out);
	}
out_map:
	ualg_sock_omem_uncharge(sk, charge);
out_req:
	ualg_sock_omem_uncharge(sk, UALG_OMEM_REQ + ctx->statesize);
	return r;
}

/* the common request (ualg_sock_ops.recv_one): a whole queued request into one segment */
static bool skcipher_recv_one(struct ualg_sock *sk, struct msghdr *msg, int flags, ssize_t *ret)
{
	struct ualg_sock_ctx *ctx = sk->priv;
	uint8_t *p;
	size_t len;
	int r;

	ualg_sock_lock(sk);
	if (!ualg_sock_ctx_recv_whole(sk, msg, &p, &len) ||
	    ualg_sock_omem_charge(sk, UALG_OMEM_REQ + ctx->statesize) < 0) {
		ualg_sock_unlock(sk);
		return false;
	}
	r = skcipher_run(sk, p, len, true);
	ualg_sock_omem_uncharge(sk, UALG_OMEM_REQ + ctx->statesize);
	ualg_sock_ctx_wake(sk); /* af_alg_wmem_wakeup */
	ualg_sock_unlock(sk);
	*ret = r < 0 ? r : (ssize_t)len;
	return true;
}

static ssize_t skcipher_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags)
{
	return ualg_sock_ctx_recvmsg(sk, msg, flags, skcipher_one, false);
}

/* see sock/internal.h */
int ualg_sock_skcipher_init(struct ualg_sock *sk)
{
	const struct ualg_alg *alg = ualg_sock_tfm(sk)->alg;

	return ualg_sock_ctx_new(sk, alg->skcipher.ivsize, alg->skcipher.statesize);
}

/* see sock/internal.h */
const struct ualg_sock_ops ualg_sock_skcipher_ops = {
	.accept = ualg_sock_no_accept,
	.sendmsg = ualg_sock_ctx_sendmsg,
	.send_one = ualg_sock_ctx_send_one,
	.recv_one = skcipher_recv_one,
	.recvmsg = skcipher_recvmsg,
	.poll = ualg_sock_ctx_poll,
};
