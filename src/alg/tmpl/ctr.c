/* SPDX-License-Identifier: MIT */
/*
 * ctr(cipher) (crypto/ctr.c, NIST SP 800-38A §6.5): the IV is a counter
 * block incremented big-endian over its whole width; a trailing partial
 * block uses part of one keystream block. The output IV is the counter
 * after the last (partial) block: advanced by ceil(len / blocksize).
 * Keystream is made in batches by one multi-block call to the cipher.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/sw/skcipher.h"
#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

static int ctr_crypt(struct ualg_skcipher_req *req)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(req->tfm);
	const struct ualg_cipher_ops *ops = c->child->alg->cipher.ops;
	size_t bs = c->child->alg->blocksize;
	uint8_t ks[UALG_SK_BATCH];
	int r = 0;

	for (size_t off = 0; off < req->len;) {
		size_t n = req->len - off, nb;

		if (n > sizeof(ks) / bs * bs)
			n = sizeof(ks) / bs * bs;
		nb = (n + bs - 1) / bs;
		for (size_t i = 0; i < nb; i++) {
			memcpy(ks + i * bs, req->iv, bs);
			ualg_ctr_add(req->iv, bs, 1);
		}
		r = ops->encrypt(c->child, ks, ks, nb);
		if (r < 0)
			break;
		ualg_xor(req->dst + off, req->src + off, ks, n);
		off += n;
	}
	ualg_wipe(ks, sizeof(ks));
	return r;
}

static const struct ualg_skcipher_ops ctr_ops = {
	.setkey = ualg_spawn_setkey,
	.encrypt = ctr_crypt,
	.decrypt = ctr_crypt,
};

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_ctr_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	struct ualg_sk_inst *inst;
	int r;

	r = ualg_sk_inst_new(tmpl, name, UALG_TYPE_CIPHER, &ctr_ops, &inst);
	if (r < 0)
		return r;
	/* crypto_ctr_create: the counter needs at least 4 bytes */
	if (inst->child->blocksize < 4 || inst->child->blocksize > UALG_MAX_IVSIZE) {
		free(inst);
		return -EINVAL;
	}
	inst->alg.blocksize = 1;
	*ret = &inst->alg;
	return 0;
}
