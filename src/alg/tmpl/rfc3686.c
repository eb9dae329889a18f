/* SPDX-License-Identifier: MIT */
/*
 * rfc3686(ctr(cipher)) (RFC 3686 §4, crypto/ctr.c): key = cipher key ||
 * 4-byte nonce, IV 8 bytes, counter block = nonce || IV || be32(1). The IV
 * is not changed (the kernel keeps the counter block in the request). The
 * counter block is the request state, so a message split into NOTFINAL
 * requests continues the keystream instead of restarting it.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

#define RFC3686_NONCE 4
#define RFC3686_IV 8
#define RFC3686_BLOCK 16

static int rfc3686_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(tfm);
	int r;

	if (keylen < RFC3686_NONCE)
		return -EINVAL;
	keylen -= RFC3686_NONCE;
	r = ualg_tfm_setkey(c->child, key, keylen);
	if (r >= 0)
		memcpy(c->nonce, key + keylen, RFC3686_NONCE);
	return r;
}

static int rfc3686_crypt(struct ualg_skcipher_req *req, bool enc)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(req->tfm);
	uint8_t blk[RFC3686_BLOCK];
	struct ualg_skcipher_req sub = {
		.tfm = c->child,
		.src = req->src,
		.dst = req->dst,
		.len = req->len,
		.iv = blk,
		.final = true,
	};
	int r;

	if (req->cont && req->state) {
		memcpy(blk, req->state, RFC3686_BLOCK);
	} else {
		memcpy(blk, c->nonce, RFC3686_NONCE);
		memcpy(blk + RFC3686_NONCE, req->iv, RFC3686_IV);
		memset(blk + RFC3686_NONCE + RFC3686_IV, 0, 3);
		blk[RFC3686_BLOCK - 1] = 1;
	}
	r = enc ? ualg_skcipher_encrypt(&sub) : ualg_skcipher_decrypt(&sub);
	if (r >= 0 && !req->final && req->state)
		memcpy(req->state, blk, RFC3686_BLOCK);
	ualg_wipe(blk, sizeof(blk));
	return r;
}

static int rfc3686_encrypt(struct ualg_skcipher_req *req)
{
	return rfc3686_crypt(req, true);
}

static int rfc3686_decrypt(struct ualg_skcipher_req *req)
{
	return rfc3686_crypt(req, false);
}

static const struct ualg_skcipher_ops rfc3686_ops = {
	.setkey = rfc3686_setkey,
	.encrypt = rfc3686_encrypt,
	.decrypt = rfc3686_decrypt,
};

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_rfc3686_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			     struct ualg_alg **ret)
{
	struct ualg_sk_inst *inst;
	const struct ualg_alg *ch;
	int r;

	r = ualg_sk_inst_new(tmpl, name, UALG_TYPE_SKCIPHER, &rfc3686_ops, &inst);
	if (r < 0)
		return r;
	ch = inst->child;
	/* crypto_rfc3686_create: a stream-like child with a 16-byte counter IV */
	if (ch->skcipher.ivsize != RFC3686_BLOCK || ch->blocksize != 1 || ch->skcipher.statesize) {
		free(inst);
		return -EINVAL;
	}
	inst->alg.skcipher.min_keysize += RFC3686_NONCE;
	inst->alg.skcipher.max_keysize += RFC3686_NONCE;
	inst->alg.skcipher.ivsize = RFC3686_IV;
	inst->alg.skcipher.statesize = RFC3686_BLOCK;
	*ret = &inst->alg;
	return 0;
}
