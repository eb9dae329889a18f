/* SPDX-License-Identifier: MIT */
/*
 * cts(cbc(cipher)) (crypto/cts.c; NIST SP 800-38A addendum CBC-CS3, the
 * Kerberos variant of RFC 3962): CBC with the last two blocks swapped and
 * the final partial block padded by stealing. len < blocksize is EINVAL,
 * len == blocksize is plain CBC. The output IV, both directions, is the
 * whole ciphertext block of the swapped pair (what crypto/cts.c leaves in
 * req->iv). Every request is a whole message (no state, as the kernel's).
 */
#include <stdlib.h>
#include <string.h>

#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

static int sub(struct ualg_tfm *child, bool enc, uint8_t *dst, const uint8_t *src, size_t len,
	       uint8_t *iv)
{
	struct ualg_skcipher_req r = {
		.tfm = child,
		.src = src,
		.dst = dst,
		.len = len,
		.iv = iv,
		.final = true,
	};

	return enc ? ualg_skcipher_encrypt(&r) : ualg_skcipher_decrypt(&r);
}

static int cts_crypt(struct ualg_skcipher_req *req, bool enc)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(req->tfm);
	size_t bs = req->tfm->alg->blocksize, len = req->len, off, lastn;
	uint8_t d[2 * UALG_MAX_BLOCKSIZE], space[UALG_MAX_BLOCKSIZE];
	int r;

	if (len < bs)
		return -EINVAL;
	if (len == bs)
		return sub(c->child, enc, req->dst, req->src, len, req->iv);
	off = (len - 1) / bs * bs;
	lastn = len - off;
	if (enc) {
		/* CBC up to the last whole block: C_{n-1} at off - bs, iv = C_{n-1} */
		r = sub(c->child, true, req->dst, req->src, off, req->iv);
		if (r < 0)
			return r;
		memset(d, 0, bs);
		memcpy(d, req->src + off, lastn);
		memcpy(d + bs, req->dst + off - bs, bs);
		/* C_n = E(P_n padded ^ C_{n-1}); iv becomes C_n */
		r = sub(c->child, true, d, d, bs, req->iv);
		if (r >= 0) {
			memcpy(req->dst + off, d + bs, lastn);
			memcpy(req->dst + off - bs, d, bs);
		}
	} else {
		/* the block before the swapped pair chains into the last one */
		memcpy(space, off <= bs ? req->iv : req->src + off - 2 * bs, bs);
		memset(d, 0, bs);
		memcpy(d, req->src + off, lastn);
		/* CBC over all whole blocks: at off - bs, D(C_{n-1}) ^ space */
		r = sub(c->child, false, req->dst, req->src, off, req->iv);
		if (r < 0)
			goto out;
		memcpy(d + bs, req->dst + off - bs, bs);
		ualg_xor(d + bs, d + bs, space, bs);
		/* X = D(C_{n-1}) ^ C_n padded: P_n is its head, its tail completes C_n */
		ualg_xor(d + bs, d + bs, d, lastn);
		memcpy(d + lastn, d + bs + lastn, bs - lastn);
		memcpy(req->dst + off, d + bs, lastn);
		/* P_{n-1} = D(C_n completed) ^ space */
		r = sub(c->child, false, d, d, bs, space);
		if (r >= 0)
			memcpy(req->dst + off - bs, d, bs);
	}
out:
	ualg_wipe(d, sizeof(d));
	ualg_wipe(space, sizeof(space));
	return r;
}

static int cts_encrypt(struct ualg_skcipher_req *req)
{
	return cts_crypt(req, true);
}

static int cts_decrypt(struct ualg_skcipher_req *req)
{
	return cts_crypt(req, false);
}

static const struct ualg_skcipher_ops cts_ops = {
	.setkey = ualg_spawn_setkey,
	.encrypt = cts_encrypt,
	.decrypt = cts_decrypt,
};

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_cts_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	struct ualg_sk_inst *inst;
	const struct ualg_alg *ch;
	int r;

	r = ualg_sk_inst_new(tmpl, name, UALG_TYPE_SKCIPHER, &cts_ops, &inst);
	if (r < 0)
		return r;
	ch = inst->child;
	/* crypto_cts_create: a block-mode child whose IV is one block */
	if (ch->skcipher.ivsize != ch->blocksize || ch->blocksize < 2 ||
	    ch->blocksize > UALG_MAX_BLOCKSIZE || ch->skcipher.statesize) {
		free(inst);
		return -EINVAL;
	}
	*ret = &inst->alg;
	return 0;
}
