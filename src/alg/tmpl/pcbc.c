/* SPDX-License-Identifier: MIT */
/*
 * pcbc(cipher) (crypto/pcbc.c): C_i = E(P_i ^ P_{i-1} ^ C_{i-1}), with
 * P_0 ^ C_0 taken as the IV; the output IV is P_n ^ C_n. Whole blocks only.
 */
#include <string.h>

#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

static int pcbc_crypt(struct ualg_skcipher_req *req, bool enc)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(req->tfm);
	const struct ualg_cipher_ops *ops = c->child->alg->cipher.ops;
	size_t bs = c->child->alg->blocksize;
	uint8_t in[UALG_MAX_BLOCKSIZE], iv[UALG_MAX_BLOCKSIZE];
	int r = 0;

	if (req->len % bs)
		return -EINVAL;
	memcpy(iv, req->iv, bs);
	for (size_t off = 0; off < req->len && r >= 0; off += bs) {
		uint8_t *d = req->dst + off;

		memcpy(in, req->src + off, bs);
		if (enc) {
			ualg_xor(d, in, iv, bs);
			r = ops->encrypt(c->child, d, d, 1);
		} else {
			r = ops->decrypt(c->child, d, in, 1);
			ualg_xor(d, d, iv, bs);
		}
		ualg_xor(iv, in, d, bs); /* P_i ^ C_i */
	}
	if (r >= 0)
		memcpy(req->iv, iv, bs);
	ualg_wipe(in, sizeof(in));
	ualg_wipe(iv, sizeof(iv));
	return r;
}

static int pcbc_encrypt(struct ualg_skcipher_req *req)
{
	return pcbc_crypt(req, true);
}

static int pcbc_decrypt(struct ualg_skcipher_req *req)
{
	return pcbc_crypt(req, false);
}

static const struct ualg_skcipher_ops pcbc_ops = {
	.setkey = ualg_spawn_setkey,
	.encrypt = pcbc_encrypt,
	.decrypt = pcbc_decrypt,
};

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_pcbc_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			  struct ualg_alg **ret)
{
	struct ualg_sk_inst *inst;
	int r;

	r = ualg_sk_inst_new(tmpl, name, UALG_TYPE_CIPHER, &pcbc_ops, &inst);
	if (r < 0)
		return r;
	*ret = &inst->alg;
	return 0;
}
