/* SPDX-License-Identifier: MIT */
/*
 * cbc(cipher) (crypto/cbc.c, NIST SP 800-38A §6.2): whole blocks only; the
 * output IV is the last ciphertext block. Decryption runs the cipher over
 * batches of blocks, keeping a copy of each batch's ciphertext so it works
 * in place.
 */
#include <string.h>

#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

static int cbc_encrypt(struct ualg_skcipher_req *req)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(req->tfm);
	const struct ualg_cipher_ops *ops = c->child->alg->cipher.ops;
	size_t bs = c->child->alg->blocksize;
	const uint8_t *iv = req->iv;
	int r;

	if (req->len % bs)
		return -EINVAL;
	for (size_t off = 0; off < req->len; off += bs) {
		ualg_xor(req->dst + off, req->src + off, iv, bs);
		r = ops->encrypt(c->child, req->dst + off, req->dst + off, 1);
		if (r < 0)
			return r;
		iv = req->dst + off;
	}
	if (req->len)
		memcpy(req->iv, iv, bs);
	return 0;
}

static int cbc_decrypt(struct ualg_skcipher_req *req)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(req->tfm);
	const struct ualg_cipher_ops *ops = c->child->alg->cipher.ops;
	size_t bs = c->child->alg->blocksize;
	uint8_t ct[UALG_SK_BATCH], prev[UALG_MAX_BLOCKSIZE];
	int r = 0;

	if (req->len % bs)
		return -EINVAL;
	memcpy(prev, req->iv, bs);
	for (size_t off = 0; off < req->len;) {
		size_t n = req->len - off < sizeof(ct) ? req->len - off : sizeof(ct) / bs * bs;

		memcpy(ct, req->src + off, n);
		r = ops->decrypt(c->child, req->dst + off, ct, n / bs);
		if (r < 0)
			break;
		ualg_xor(req->dst + off, req->dst + off, prev, bs);
		ualg_xor(req->dst + off + bs, req->dst + off + bs, ct, n - bs);
		memcpy(prev, ct + n - bs, bs);
		off += n;
	}
	if (r >= 0)
		memcpy(req->iv, prev, bs);
	ualg_wipe(ct, sizeof(ct));
	return r;
}

static const struct ualg_skcipher_ops cbc_ops = {
	.setkey = ualg_spawn_setkey,
	.encrypt = cbc_encrypt,
	.decrypt = cbc_decrypt,
};

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_cbc_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	struct ualg_sk_inst *inst;
	int r;

	r = ualg_sk_inst_new(tmpl, name, UALG_TYPE_CIPHER, &cbc_ops, &inst);
	if (r < 0)
		return r;
	*ret = &inst->alg;
	return 0;
}
