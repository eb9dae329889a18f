/* SPDX-License-Identifier: MIT */
/*
 * ccm(C): CCM (NIST SP 800-38C, RFC 3610) over any 16-byte block cipher C,
 * the kernel's ccm template (crypto/ccm.c) with CBC-MAC and CTR done here
 * from the block cipher child. The IV is the kernel's 16-byte counter
 * block: iv[0] = L - 1 (1..7, else EINVAL), nonce = iv[1 .. 15 - L]; its
 * counter bytes are ignored. Tags of 4..16 bytes, even. AAD length encoded
 * in 2 bytes below 0xff00, else 0xfffe and 4 bytes (kernel format_adata).
 *
 * Constant time as the child cipher; the tag is compared with
 * ualg_ct_memcmp.
 */
#include <string.h>

#include "alg/alg.h"
#include "alg/tmpl/aead.h"
#include "core/ct.h"

#define CCM_BATCH 16

/* the tfm context: the cipher, nothing else */
struct ccm_ctx {
	struct ualg_aead_cipher_ctx base;
};

static int ccm_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct ccm_ctx *c = ualg_tfm_ctx(tfm);
	int r;

	r = ualg_tfm_setkey(c->base.cipher, key, keylen);
	return r;
}

static int enc_block(struct ccm_ctx *c, uint8_t *b)
{
	return c->base.cipher->alg->cipher.ops->encrypt(c->base.cipher, b, b, 1);
}

/* CBC-MAC state x absorbs len bytes, the last partial block zero-padded */
static int mac_absorb(struct ccm_ctx *c, uint8_t x[16], const uint8_t *p, size_t len)
{
	int r = 0;

	while (len && r >= 0) {
		size_t n = len < 16 ? len : 16;

		for (size_t i = 0; i < n; i++)
			x[i] ^= p[i];
		r = enc_block(c, x);
		p += n;
		len -= n;
	}
	return r;
}

/* T = CBC-MAC(B0 || encoded AAD || message), full 16 bytes in x */
static int ccm_mac(struct ccm_ctx *c, const struct ualg_aead_xreq *req, unsigned int l,
		   const uint8_t *msg, uint8_t x[16])
{
	uint8_t hdr[16] = { 0 };
	size_t hl, first;
	int r;

	x[0] = (uint8_t)((req->adlen ? 0x40 : 0) | ((req->authsize - 2) / 2) << 3 | (l - 1));
	memcpy(x + 1, req->iv + 1, 15 - l);
	for (unsigned int i = 0; i < l; i++)
		x[15 - i] = i < sizeof(size_t) ? (uint8_t)(req->len >> (8 * i)) : 0;
	r = enc_block(c, x);
	if (r < 0 || !req->adlen)
		goto msg;
	if (req->adlen < 0xff00) {
		hdr[0] = (uint8_t)(req->adlen >> 8);
		hdr[1] = (uint8_t)req->adlen;
		hl = 2;
	} else {
		hdr[0] = 0xff;
		hdr[1] = 0xfe;
		for (int i = 0; i < 4; i++)
			hdr[2 + i] = (uint8_t)((uint64_t)req->adlen >> (24 - 8 * i));
		hl = 6;
	}
	/* the first block: header then as much AAD as fits */
	first = req->adlen < 16 - hl ? req->adlen : 16 - hl;
	memcpy(hdr + hl, req->ad, first);
	r = mac_absorb(c, x, hdr, 16);
	if (r >= 0)
		r = mac_absorb(c, x, req->ad + first, req->adlen - first);
msg:
	if (r >= 0)
		r = mac_absorb(c, x, msg, req->len);
	ualg_wipe(hdr, sizeof(hdr));
	return r;
}

/* counter block A_i = L-1 || nonce || i (L bytes) */
static void ctr_block(uint8_t *a, const uint8_t *iv, unsigned int l, uint64_t i)
{
	a[0] = (uint8_t)(l - 1);
	memcpy(a + 1, iv + 1, 15 - l);
	for (unsigned int k = 0; k < l; k++)
		a[15 - k] = k < 8 ? (uint8_t)(i >> (8 * k)) : 0;
}

/* dst = src ^ E(A_1), E(A_2), ... */
static int ccm_ctr(struct ccm_ctx *c, const uint8_t *iv, unsigned int l, uint8_t *dst,
		   const uint8_t *src, size_t len)
{
	uint8_t ks[CCM_BATCH * 16];
	uint64_t ctr = 1;
	int r = 0;

	while (len) {
		size_t n = len > sizeof(ks) ? sizeof(ks) : len, nb = (n + 15) / 16;

		for (size_t b = 0; b < nb; b++, ctr++)
			ctr_block(ks + 16 * b, iv, l, ctr);
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

/* L from iv[0] (kernel crypto_ccm_check_iv) and the length rule of set_msg_len */
static int ccm_check(const struct ualg_aead_xreq *req, unsigned int *ret_l)
{
	unsigned int l;

	if (req->iv[0] < 1 || req->iv[0] > 7)
		return -EINVAL;
	l = req->iv[0] + 1u;
	if (l < 4 && (req->len >> (8 * l)))
		return -EOVERFLOW;
	if ((uint64_t)req->adlen > 0xffffffffu)
		return -EINVAL;
	*ret_l = l;
	return 0;
}

/* tag = T ^ E(A_0) */
static int ccm_finish(struct ccm_ctx *c, const uint8_t *iv, unsigned int l, uint8_t t[16])
{
	uint8_t a0[16];
	int r;

	ctr_block(a0, iv, l, 0);
	r = enc_block(c, a0);
	for (int i = 0; i < 16; i++)
		t[i] ^= a0[i];
	ualg_wipe(a0, sizeof(a0));
	return r;
}

static int ccm_xencrypt(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req)
{
	struct ccm_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t t[16];
	unsigned int l;
	int r;

	r = ccm_check(req, &l);
	if (r < 0)
		return r;
	/* MAC the plaintext before CTR overwrites it (in place) */
	r = ccm_mac(c, req, l, req->src, t);
	if (r >= 0)
		r = ccm_finish(c, req->iv, l, t);
	if (r >= 0)
		r = ccm_ctr(c, req->iv, l, req->dst, req->src, req->len);
	if (r >= 0)
		memcpy(req->tag, t, req->authsize);
	ualg_wipe(t, sizeof(t));
	return r < 0 ? r : 0;
}

static int ccm_xdecrypt(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req)
{
	struct ccm_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t t[16], want[16];
	unsigned int l;
	int r;

	r = ccm_check(req, &l);
	if (r < 0)
		return r;
	memcpy(want, req->tag, req->authsize);
	r = ccm_ctr(c, req->iv, l, req->dst, req->src, req->len);
	if (r >= 0)
		r = ccm_mac(c, req, l, req->dst, t);
	if (r >= 0)
		r = ccm_finish(c, req->iv, l, t);
	if (r >= 0 && ualg_ct_memcmp(t, want, req->authsize))
		r = -EBADMSG;
	if (r < 0)
		ualg_wipe(req->dst, req->len);
	ualg_wipe(t, sizeof(t));
	ualg_wipe(want, sizeof(want));
	return r < 0 ? r : 0;
}

/* see alg/tmpl/aead.h */
const struct ualg_aead_xops ualg_ccm_xops = {
	.ops = {
		.setkey = ccm_setkey,
		.check_authsize = ualg_ccm_check_authsize,
		.encrypt = ualg_aead_flat_encrypt,
		.decrypt = ualg_aead_flat_decrypt,
	},
	.encrypt = ccm_xencrypt,
	.decrypt = ccm_xdecrypt,
};

/* see alg/tmpl/aead.h */
int ualg_ccm_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		    struct ualg_alg **ret)
{
	return ualg_aead_cipher_inst_new(tmpl, name, sizeof(struct ccm_ctx), &ualg_ccm_xops.ops, 16,
					 ret);
}
