/* SPDX-License-Identifier: MIT */
/*
 * Implementation Notes: aead op sockets (crypto/algif_aead.c: aead_sendmsg,
 * aead_recvmsg, _aead_recvmsg, aead_sufficient_data; spec §9).
 *
 * States as skcipher (ctx.c), but a request is never partial: recv waits
 * until init && !more (the whole message is queued).
 *
 * One request, with as = authsize and used = queued bytes:
 *   used < assoclen + (decrypt ? as : 0)       EINVAL, nothing consumed
 *   outlen = encrypt ? used + as : used - as; cryptlen = used - assoclen
 *   map up to outlen bytes of the caller's buffer; if only m < outlen fit,
 *   less = outlen - m: cryptlen < less + (decrypt ? as : 0) is EINVAL
 *   (nothing consumed), otherwise the message is silently shortened by less
 *   and the rest stays queued (the socket may wedge: init && !more &&
 *   used > 0 makes every send EINVAL).
 *   consume assoclen + cryptlen; copy the AAD to the output; run the AEAD
 *   (the IV is not modified); return outlen or the error (EBADMSG).
 *
 * The outer loop fills the whole buffer like skcipher's, except that
 * EBADMSG is returned even after earlier requests produced data.
 */
#include <string.h>

#include "sock/internal.h"

static bool msg_ready(struct ualg_sock *sk)
{
	struct ualg_sock_ctx *ctx = sk->priv;

	return ctx->init && !ctx->more;
}

static ssize_t aead_one(struct ualg_sock *sk, struct ualg_iter *it, int flags)
{
	struct ualg_sock_ctx *ctx = sk->priv;
	struct ualg_tfm *tfm = ualg_sock_tfm(sk);
	size_t as = tfm->authsize, used, outlen, cryptlen, mapped, charge;
	struct ualg_aead_req req;
	struct ualg_sock_out out;
	bool tl;
	int r;

	r = ualg_sock_wait(sk, flags, msg_ready);
	if (r < 0)
		return r;
	used = ctx->used;
	if (used < (size_t)ctx->assoclen + (ctx->enc ? 0 : as))
		return -EINVAL;
	outlen = ctx->enc ? used + as : used - as;
	cryptlen = used - ctx->assoclen;
	r = ualg_sock_omem_charge(sk, UALG_OMEM_REQ);
	if (r < 0)
		return r;
	r = ualg_sock_rx_map(sk, it, outlen, &mapped, &charge);
	if (r < 0)
		goto out_req;
	/* af_alg_get_rsgl pins the pages for writing: EFAULT, nothing consumed */
	if (ualg_iter_accessible(it, mapped, true) < mapped) {
		r = -EFAULT;
		goto out_map;
	}
	if (mapped < outlen) {
		size_t less = outlen - mapped;

		if (cryptlen < less + (ctx->enc ? 0 : as)) {
			r = -EINVAL;
			goto out_map;
		}
		cryptlen -= less;
		outlen -= less;
	}
	r = ualg_sock_out_begin(&out, it, outlen);
	if (r < 0)
		goto out_map;
	if (ctx->assoclen)
		memcpy(out.p, ualg_sock_ctx_data(ctx), ctx->assoclen);
	req = (struct ualg_aead_req){
		.tfm = ualg_sock_engine_get(sk, &tl),
		.src = ualg_sock_ctx_data(ctx),
		.dst = out.p,
		.assoclen = ctx->assoclen,
		.cryptlen = cryptlen,
		.iv = ctx->iv,
	};
	r = ctx->enc ? ualg_aead_encrypt(&req) : ualg_aead_decrypt(&req);
	ualg_sock_engine_put(sk, tl);
	ualg_sock_ctx_pull(sk, ctx->assoclen + cryptlen);
	if (r >= 0) {
		r = ualg_sock_out_finish(&out, it);
		if (r >= 0)
			r = (int)outlen;
	} else if (r == -EBADMSG) {
		/* the AAD and the (zeroed) text area reach the caller, as in the kernel */
		if (ualg_sock_out_finish(&out, it) < 0)
			r = -EFAULT;
	} else {
		ualg_sock_out_abort(&out);
	}
out_map:
	ualg_sock_omem_uncharge(sk, charge);
out_req:
	ualg_sock_omem_uncharge(sk, UALG_OMEM_REQ);
	return r;
}

/* aead_recvmsg: EBADMSG wins over data produced earlier in the same call */
static ssize_t aead_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags)
{
	return ualg_sock_ctx_recvmsg(sk, msg, flags, aead_one, true);
}

/* see sock/internal.h */
int ualg_sock_aead_init(struct ualg_sock *sk)
{
	return ualg_sock_ctx_new(sk, ualg_sock_tfm(sk)->alg->aead.ivsize, 0);
}

/* see sock/internal.h */
const struct ualg_sock_ops ualg_sock_aead_ops = {
	.accept = ualg_sock_no_accept,
	.sendmsg = ualg_sock_ctx_sendmsg,
	.send_one = ualg_sock_ctx_send_one,
	.recvmsg = aead_recvmsg,
	.poll = ualg_sock_ctx_poll,
};
