/* SPDX-License-Identifier: MIT */
/*
 * lrw(cipher) (crypto/lrw.c, IEEE 1619.2 / Liskov-Rivest-Wagner): key =
 * cipher key || 16-byte tweak key K2. Block i of a request is encrypted as
 * C = E(P ^ T) ^ T with T = K2 * I in GF(2^128) ("bbe": big-endian bytes and
 * bits, x^128 + x^7 + x^2 + x + 1), where I is the IV for the first block,
 * incremented (128-bit big-endian) per block. Whole blocks only. The output
 * IV is the index after the last block, IV + nblocks: crypto/lrw.c stores
 * its counter back into req->iv in the second lrw_xor_tweak() pass, so a
 * later request on the same AF_ALG socket continues the index (seen on the
 * 6.1 oracle, alg-cast6-lrw-chain). Each tweak is one constant-time GF
 * multiplication.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/tmpl/skcipher.h"
#include "alg/sw/skcipher.h"
#include "core/ct.h"

#define LRW_BS 16

struct lrw_ctx {
	struct ualg_sk_tctx base; /* first: ualg_sk_init_tfm/exit_tfm use it */
	uint64_t k2[2];		  /* big-endian halves: [0] high */
};

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--) {
		p[i] = (uint8_t)v;
		v >>= 8;
	}
}

/* out = k * x (bbe), branch-free in the data */
static void gf128_mul_bbe(uint8_t out[LRW_BS], const uint64_t k[2], const uint8_t x[LRW_BS])
{
	uint64_t rh = 0, rl = 0, xh = be64(x), xl = be64(x + 8);

	for (int i = 0; i < 128; i++) {
		uint64_t top = rh >> 63;
		uint64_t bit = i < 64 ? xh >> (63 - i) & 1 : xl >> (127 - i) & 1;
		uint64_t m = (uint64_t)0 - bit;

		rh = rh << 1 | rl >> 63;
		rl = (rl << 1) ^ (((uint64_t)0 - top) & 0x87);
		rh ^= k[0] & m;
		rl ^= k[1] & m;
	}
	put_be64(out, rh);
	put_be64(out + 8, rl);
}

static int lrw_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct lrw_ctx *c = ualg_tfm_ctx(tfm);
	int r;

	if (keylen < LRW_BS)
		return -EINVAL;
	r = ualg_tfm_setkey(c->base.child, key, keylen - LRW_BS);
	if (r < 0)
		return r;
	c->k2[0] = be64(key + keylen - LRW_BS);
	c->k2[1] = be64(key + keylen - 8);
	return 0;
}

static int lrw_crypt(struct ualg_skcipher_req *req, bool enc)
{
	struct lrw_ctx *c = ualg_tfm_ctx(req->tfm);
	struct ualg_tfm *child = c->base.child;
	const struct ualg_cipher_ops *ops = child->alg->cipher.ops;
	uint8_t tw[UALG_SK_BATCH], idx[LRW_BS];
	int r = 0;

	if (req->len % LRW_BS)
		return -EINVAL;
	memcpy(idx, req->iv, LRW_BS);
	for (size_t off = 0; off < req->len && r >= 0;) {
		size_t n = req->len - off;

		if (n > sizeof(tw))
			n = sizeof(tw);
		for (size_t i = 0; i < n; i += LRW_BS) {
			gf128_mul_bbe(tw + i, c->k2, idx);
			ualg_ctr_add(idx, LRW_BS, 1);
		}
		ualg_xor(req->dst + off, req->src + off, tw, n);
		r = (enc ? ops->encrypt : ops->decrypt)(child, req->dst + off, req->dst + off,
							n / LRW_BS);
		ualg_xor(req->dst + off, req->dst + off, tw, n);
		off += n;
	}
	if (r >= 0)
		memcpy(req->iv, idx, LRW_BS);
	ualg_wipe(tw, sizeof(tw));
	ualg_wipe(idx, sizeof(idx));
	return r;
}

static int lrw_encrypt(struct ualg_skcipher_req *req)
{
	return lrw_crypt(req, true);
}

static int lrw_decrypt(struct ualg_skcipher_req *req)
{
	return lrw_crypt(req, false);
}

static void lrw_exit_tfm(struct ualg_tfm *tfm)
{
	struct lrw_ctx *c = ualg_tfm_ctx(tfm);

	ualg_sk_exit_tfm(tfm);
	ualg_wipe(c->k2, sizeof(c->k2));
}

static const struct ualg_skcipher_ops lrw_ops = {
	.setkey = lrw_setkey,
	.encrypt = lrw_encrypt,
	.decrypt = lrw_decrypt,
};

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_lrw_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	struct ualg_sk_inst *inst;
	int r;

	r = ualg_sk_inst_new_ecb(tmpl, name, &lrw_ops, &inst);
	if (r < 0)
		return r;
	if (inst->child->blocksize != LRW_BS) {
		free(inst);
		return -EINVAL;
	}
	inst->alg.ctxsize = sizeof(struct lrw_ctx);
	inst->alg.exit_tfm = lrw_exit_tfm;
	inst->alg.skcipher.min_keysize += LRW_BS;
	inst->alg.skcipher.max_keysize += LRW_BS;
	*ret = &inst->alg;
	return 0;
}
