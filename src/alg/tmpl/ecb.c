/* SPDX-License-Identifier: MIT */
/* ecb(cipher): each block on its own (crypto/ecb.c); whole blocks only. */
#include "alg/tmpl/skcipher.h"

static int ecb_crypt(struct ualg_skcipher_req *req, bool enc)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(req->tfm);
	const struct ualg_cipher_ops *ops = c->child->alg->cipher.ops;
	unsigned int bs = c->child->alg->blocksize;

	if (req->len % bs)
		return -EINVAL;
	if (!req->len)
		return 0;
	return (enc ? ops->encrypt : ops->decrypt)(c->child, req->dst, req->src, req->len / bs);
}

static int ecb_encrypt(struct ualg_skcipher_req *req)
{
	return ecb_crypt(req, true);
}

static int ecb_decrypt(struct ualg_skcipher_req *req)
{
	return ecb_crypt(req, false);
}

static const struct ualg_skcipher_ops ecb_ops = {
	.setkey = ualg_spawn_setkey,
	.encrypt = ecb_encrypt,
	.decrypt = ecb_decrypt,
};

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_ecb_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	struct ualg_sk_inst *inst;
	int r;

	r = ualg_sk_inst_new(tmpl, name, UALG_TYPE_CIPHER, &ecb_ops, &inst);
	if (r < 0)
		return r;
	inst->alg.skcipher.ivsize = 0;
	*ret = &inst->alg;
	return 0;
}
