/* SPDX-License-Identifier: MIT */
/*
 * gcm(C): GCM (NIST SP 800-38D) over any 16-byte block cipher C, the
 * kernel's gcm template (crypto/gcm.c) with its CTR and GHASH done here:
 * CTR from the block cipher child, GHASH from alg/sw/ghash.h. 12-byte IV
 * (J0 = IV || 0^31 || 1), tags of 4, 8 or 12..16 bytes. Decrypt checks the
 * tag over the ciphertext before decrypting anything.
 *
 * Constant time as the child cipher and alg/sw/ghash.c (branch-free); the
 * tag is compared with ualg_ct_memcmp.
 */
#include <string.h>

#include "alg/alg.h"
#include "alg/sw/ghash.h"
#include "alg/tmpl/aead.h"
#include "core/ct.h"

#define GCM_BATCH 16 /* counter blocks per child call */

struct gcm_ctx {
	struct ualg_aead_cipher_ctx base; /* first: the cipher */
	struct ualg_ghash_key h;
};

static void gcm_exit_tfm(struct ualg_tfm *tfm)
{
	struct gcm_ctx *c = ualg_tfm_ctx(tfm);

	ualg_wipe(&c->h, sizeof(c->h));
	ualg_aead_cipher_exit_tfm(tfm);
}

static int gcm_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct gcm_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t h[16] = { 0 };
	int r;

	r = ualg_tfm_setkey(c->base.cipher, key, keylen);
	if (r >= 0)
		r = c->base.cipher->alg->cipher.ops->encrypt(c->base.cipher, h, h, 1);
	if (r >= 0)
		ualg_ghash_setkey(&c->h, h);
	ualg_wipe(h, sizeof(h));
	return r < 0 ? r : 0;
}

/* GHASH over len bytes, the last partial block zero-padded */
static void ghash_padded(const struct ualg_ghash_key *h, uint8_t acc[16], const uint8_t *p,
			 size_t len)
{
	uint8_t last[16] = { 0 };

	ualg_ghash_blocks(h, acc, p, len / 16);
	if (len % 16) {
		memcpy(last, p + len / 16 * 16, len % 16);
		ualg_ghash_blocks(h, acc, last, 1);
	}
}

static void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

/* S = GHASH(A, C), tag = E(J0) ^ S, full 16 bytes */
static int gcm_tag(struct gcm_ctx *c, const struct ualg_aead_xreq *req, const uint8_t *ct,
		   uint8_t tag[16])
{
	uint8_t acc[16] = { 0 }, lens[16], j0[16];
	int r;

	ghash_padded(&c->h, acc, req->ad, req->adlen);
	ghash_padded(&c->h, acc, ct, req->len);
	put_be64(lens, (uint64_t)req->adlen * 8);
	put_be64(lens + 8, (uint64_t)req->len * 8);
	ualg_ghash_blocks(&c->h, acc, lens, 1);
	memcpy(j0, req->iv, 12);
	memset(j0 + 12, 0, 3);
	j0[15] = 1;
	r = c->base.cipher->alg->cipher.ops->encrypt(c->base.cipher, j0, j0, 1);
	for (int i = 0; i < 16; i++)
		tag[i] = acc[i] ^ j0[i];
	ualg_wipe(acc, sizeof(acc));
	ualg_wipe(j0, sizeof(j0));
	return r;
}

/* CTR from inc32(J0): dst = src ^ E(IV || ctr), ctr = 2, 3, ... */
static int gcm_ctr(struct gcm_ctx *c, const uint8_t *iv, uint8_t *dst, const uint8_t *src, size_t len)
{
	uint8_t ks[GCM_BATCH * 16];
	uint32_t ctr = 2;
	int r = 0;

	while (len) {
		size_t n = len > sizeof(ks) ? sizeof(ks) : len, nb = (n + 15) / 16;

		for (size_t b = 0; b < nb; b++, ctr++) {
			memcpy(ks + 16 * b, iv, 12);
			ks[16 * b + 12] = (uint8_t)(ctr >> 24);
			ks[16 * b + 13] = (uint8_t)(ctr >> 16);
			ks[16 * b + 14] = (uint8_t)(ctr >> 8);
			ks[16 * b + 15] = (uint8_t)ctr;
		}
		r = c->base.cipher->alg->cipher.ops->encrypt(c->base.cipher, ks, ks, nb);
		if (r < 0)
			break;
		for (size_t i = 0; i < n; i++)
			dst[i] = src[i] ^ ks[i];
		dst += n;
		src += n;
		len -= n;
	}
	ualg_wipe(ks, sizeof(ks));
	return r < 0 ? r : 0;
}

static int gcm_xencrypt(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req)
{
	struct gcm_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t tag[16];
	int r;

	r = gcm_ctr(c, req->iv, req->dst, req->src, req->len);
	if (r >= 0)
		r = gcm_tag(c, req, req->dst, tag);
	if (r >= 0)
		memcpy(req->tag, tag, req->authsize);
	ualg_wipe(tag, sizeof(tag));
	return r < 0 ? r : 0;
}

static int gcm_xdecrypt(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req)
{
	struct gcm_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t tag[16];
	int r;

	r = gcm_tag(c, req, req->src, tag);
	if (r >= 0 && ualg_ct_memcmp(tag, req->tag, req->authsize))
		r = -EBADMSG;
	if (r >= 0)
		r = gcm_ctr(c, req->iv, req->dst, req->src, req->len);
	if (r < 0)
		ualg_wipe(req->dst, req->len);
	ualg_wipe(tag, sizeof(tag));
	return r < 0 ? r : 0;
}

/* see alg/tmpl/aead.h */
const struct ualg_aead_xops ualg_gcm_xops = {
	.ops = {
		.setkey = gcm_setkey,
		.check_authsize = ualg_gcm_check_authsize,
		.encrypt = ualg_aead_flat_encrypt,
		.decrypt = ualg_aead_flat_decrypt,
	},
	.encrypt = gcm_xencrypt,
	.decrypt = gcm_xdecrypt,
};

/* see alg/tmpl/aead.h */
int ualg_gcm_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		    struct ualg_alg **ret)
{
	int r;

	r = ualg_aead_cipher_inst_new(tmpl, name, sizeof(struct gcm_ctx), &ualg_gcm_xops.ops, 12,
				      ret);
	if (r >= 0)
		(*ret)->exit_tfm = gcm_exit_tfm;
	return r;
}
