/* SPDX-License-Identifier: MIT */
/*
 * xts(cipher) (crypto/xts.c, IEEE 1619 / NIST SP 800-38E): key = K1 || K2,
 * the tweak T = E_K2(IV) is multiplied by x in GF(2^128) (little-endian
 * convention) for each block, C = E_K1(P ^ T) ^ T. A length that is not a
 * multiple of 16 uses ciphertext stealing; fewer than 16 bytes is EINVAL.
 * The IV is not changed. Blocks are processed in batches: the tweaks are
 * computed into a buffer, then one multi-block cipher call.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

#define XTS_BS 16

static int xts_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(tfm);
	int r;

	/* xts_verify_key: an even length, each half a key of the cipher */
	if (keylen % 2)
		return -EINVAL;
	r = ualg_fips_xts_key(key, keylen);
	if (r < 0)
		return r;
	r = ualg_tfm_setkey(c->child, key, keylen / 2);
	if (r >= 0)
		r = ualg_tfm_setkey(c->child2, key + keylen / 2, keylen / 2);
	return r;
}

/* T = T * x in GF(2^128), little-endian bytes */
static void gf128_mul_x(uint8_t t[XTS_BS])
{
	unsigned int carry = t[XTS_BS - 1] >> 7;

	for (int i = XTS_BS - 1; i > 0; i--)
		t[i] = (uint8_t)(t[i] << 1 | t[i - 1] >> 7);
	t[0] = (uint8_t)(t[0] << 1) ^ (uint8_t)(carry * 0x87);
}

/* nblocks whole blocks src -> dst with tweaks starting at t (advanced) */
static int xts_blocks(struct ualg_sk_tctx *c, bool enc, uint8_t *dst, const uint8_t *src,
		      size_t nblocks, uint8_t t[XTS_BS])
{
	const struct ualg_cipher_ops *ops = c->child->alg->cipher.ops;
	uint8_t tw[UALG_SK_BATCH];
	int r = 0;

	while (nblocks && r >= 0) {
		size_t n = nblocks < sizeof(tw) / XTS_BS ? nblocks : sizeof(tw) / XTS_BS;

		for (size_t i = 0; i < n; i++) {
			memcpy(tw + i * XTS_BS, t, XTS_BS);
			gf128_mul_x(t);
		}
		ualg_xor(dst, src, tw, n * XTS_BS);
		r = (enc ? ops->encrypt : ops->decrypt)(c->child, dst, dst, n);
		ualg_xor(dst, dst, tw, n * XTS_BS);
		dst += n * XTS_BS;
		src += n * XTS_BS;
		nblocks -= n;
	}
	ualg_wipe(tw, sizeof(tw));
	return r;
}

static int xts_crypt(struct ualg_skcipher_req *req, bool enc)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(req->tfm);
	const struct ualg_cipher_ops *tops = c->child2->alg->cipher.ops;
	size_t full = req->len / XTS_BS, tail = req->len % XTS_BS;
	uint8_t t[XTS_BS], t2[XTS_BS], b[XTS_BS];
	uint8_t *last;
	int r;

	if (req->len < XTS_BS)
		return -EINVAL;
	r = tops->encrypt(c->child2, t, req->iv, 1);
	if (r >= 0)
		r = xts_blocks(c, enc, req->dst, req->src, tail ? full - 1 : full, t);
	if (r < 0 || !tail)
		goto out;

	/* ciphertext stealing over the last full block and the tail */
	last = req->dst + (full - 1) * XTS_BS;
	memcpy(t2, t, XTS_BS);
	gf128_mul_x(t2);
	/* encrypt uses T_{m-1} then T_m; decrypt the other way round */
	r = xts_blocks(c, enc, b, req->src + (full - 1) * XTS_BS, 1, enc ? t : t2);
	if (r < 0)
		goto out;
	{
		uint8_t stolen[XTS_BS];

		memcpy(stolen, req->src + full * XTS_BS, tail);
		memcpy(stolen + tail, b + tail, XTS_BS - tail);
		memcpy(req->dst + full * XTS_BS, b, tail);
		r = xts_blocks(c, enc, last, stolen, 1, enc ? t2 : t);
		ualg_wipe(stolen, sizeof(stolen));
	}
out:
	ualg_wipe(t, sizeof(t));
	ualg_wipe(t2, sizeof(t2));
	ualg_wipe(b, sizeof(b));
	return r;
}

static int xts_encrypt(struct ualg_skcipher_req *req)
{
	return xts_crypt(req, true);
}

static int xts_decrypt(struct ualg_skcipher_req *req)
{
	return xts_crypt(req, false);
}

static const struct ualg_skcipher_ops xts_ops = {
	.setkey = xts_setkey,
	.encrypt = xts_encrypt,
	.decrypt = xts_decrypt,
};

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_xts_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret)
{
	struct ualg_sk_inst *inst;
	int r;

	r = ualg_sk_inst_new_ecb(tmpl, name, &xts_ops, &inst);
	if (r < 0)
		return r;
	if (inst->child->blocksize != XTS_BS) {
		free(inst);
		return -EINVAL;
	}
	inst->child2 = inst->child;
	inst->alg.skcipher.min_keysize *= 2;
	inst->alg.skcipher.max_keysize *= 2;
	*ret = &inst->alg;
	return 0;
}
