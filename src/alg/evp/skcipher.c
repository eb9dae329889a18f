/* SPDX-License-Identifier: MIT */
/*
 * skcipher leaves over OpenSSL: one row per algorithm, one generic
 * implementation per mode (a small table of mode rules).
 *
 * Implementation Notes
 *
 * A tfm keeps an encrypt and a decrypt context keyed once at setkey; a
 * request only sets the IV and runs one update, so the hot path allocates
 * nothing. cbc, ctr, cfb and xts run at the provider level (alg/evp/prov.h:
 * the IV goes straight to the provider's init, without EVP's IV-length
 * round trip, which cost more than the cipher at 64 bytes); the other
 * modes through EVP_CIPHER_CTX (EVP_CipherInit_ex2 with no key for the IV).
 * The output IV is the kernel's
 * (class.h, testmgr iv_out) and is computed here, not taken from OpenSSL:
 * cbc/cfb the last whole ciphertext block, ctr the counter advanced by
 * ceil(len / blocksize) (big-endian over the whole block), ofb the last
 * keystream block, chacha unchanged. cts(cbc(aes)) and xts(aes) are what
 * x86 kernels serve with the AES-NI drivers, and their output IVs are those
 * drivers' (arch/x86/crypto/aesni-intel_glue.c, recorded on the 6.1 oracle
 * in tests/oracle gen-arch-*): see cts_crypt() and xts_iv_out(). The
 * templates cts(cbc(aes-ualg)) and xts(ecb(aes-ualg)) keep crypto/cts.c's and
 * crypto/xts.c's rules.
 *
 * Stream ciphers continue across NOTFINAL requests through req->state:
 * chacha20 keeps its 16-byte counter||nonce block, xchacha20 that block and
 * the HChaCha subkey. xts and cts(cbc) have no state, as in the kernel:
 * each request is a whole message (xts: same tweak; cts: its own stealing),
 * so a split message differs from the one-shot.
 *
 * OpenSSL refuses AES-XTS keys with equal halves and has no 48-byte
 * (AES-192) XTS; the kernel accepts both, so for those keys the leaf hands
 * its requests to the generic xts template.
 */
#include <stdio.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "alg/alg.h"
#include "alg/evp/evp.h"
#include "alg/evp/prov.h"
#include "alg/sw/skcipher.h"
#include "core/ct.h"

enum sk_mode {
	SK_ECB,
	SK_CBC,
	SK_CTR,
	SK_CFB,
	SK_OFB,
	SK_XTS,
	SK_CTS,
	SK_CHACHA,
	SK_XCHACHA,
};

struct sk_row {
	const char *name, *driver;
	enum sk_mode mode;
	/* EVP name; "%u" is the key length in bits (of one half for xts) */
	const char *evp;
	unsigned int blocksize, ivsize, chunksize;
	unsigned int min_keysize, max_keysize;
};

/* name, driver, mode, EVP name, blocksize, ivsize, chunksize, min/max key (kernel values) */
static const struct sk_row sk_table[] = {
	{"ecb(aes)", "ecb-aes-ualg", SK_ECB, "AES-%u-ECB", 16, 0, 16, 16, 32},
	{"cbc(aes)", "cbc-aes-ualg", SK_CBC, "AES-%u-CBC", 16, 16, 16, 16, 32},
	{"ctr(aes)", "ctr-aes-ualg", SK_CTR, "AES-%u-CTR", 1, 16, 16, 16, 32},
	{"cfb(aes)", "cfb-aes-ualg", SK_CFB, "AES-%u-CFB", 1, 16, 16, 16, 32},
	{"ofb(aes)", "ofb-aes-ualg", SK_OFB, "AES-%u-OFB", 1, 16, 16, 16, 32},
	{"xts(aes)", "xts-aes-ualg", SK_XTS, "AES-%u-XTS", 16, 16, 16, 32, 64},
	{"cts(cbc(aes))", "cts-cbc-aes-ualg", SK_CTS, "AES-%u-CBC-CTS", 16, 16, 16, 16, 32},
	{"ecb(aria)", "ecb-aria-ualg", SK_ECB, "ARIA-%u-ECB", 16, 0, 16, 16, 32},
	{"cbc(aria)", "cbc-aria-ualg", SK_CBC, "ARIA-%u-CBC", 16, 16, 16, 16, 32},
	{"ctr(aria)", "ctr-aria-ualg", SK_CTR, "ARIA-%u-CTR", 1, 16, 16, 16, 32},
	{"cfb(aria)", "cfb-aria-ualg", SK_CFB, "ARIA-%u-CFB", 1, 16, 16, 16, 32},
	{"ecb(camellia)", "ecb-camellia-ualg", SK_ECB, "CAMELLIA-%u-ECB", 16, 0, 16, 16, 32},
	{"cbc(camellia)", "cbc-camellia-ualg", SK_CBC, "CAMELLIA-%u-CBC", 16, 16, 16, 16, 32},
	{"ctr(camellia)", "ctr-camellia-ualg", SK_CTR, "CAMELLIA-%u-CTR", 1, 16, 16, 16, 32},
	{"ecb(sm4)", "ecb-sm4-ualg", SK_ECB, "SM4-ECB", 16, 0, 16, 16, 16},
	{"cbc(sm4)", "cbc-sm4-ualg", SK_CBC, "SM4-CBC", 16, 16, 16, 16, 16},
	{"ctr(sm4)", "ctr-sm4-ualg", SK_CTR, "SM4-CTR", 1, 16, 16, 16, 16},
	{"cfb(sm4)", "cfb-sm4-ualg", SK_CFB, "SM4-CFB", 1, 16, 16, 16, 16},
	{"ofb(sm4)", "ofb-sm4-ualg", SK_OFB, "SM4-OFB", 1, 16, 16, 16, 16},
	{"ecb(des3_ede)", "ecb-des3_ede-ualg", SK_ECB, "DES-EDE3-ECB", 8, 0, 8, 24, 24},
	{"cbc(des3_ede)", "cbc-des3_ede-ualg", SK_CBC, "DES-EDE3-CBC", 8, 8, 8, 24, 24},
	{"chacha20", "chacha20-ualg", SK_CHACHA, "ChaCha20", 1, 16, 64, 32, 32},
	{"xchacha20", "xchacha20-ualg", SK_XCHACHA, "ChaCha20", 1, 32, 64, 32, 32},
};

/* per-mode rules */
struct sk_mode_info {
	bool fixed_sizes;	/* AES-like: the EVP name carries 128/192/256 */
	bool whole_blocks;	/* len % blocksize != 0 -> EINVAL */
	unsigned int min_len;	/* shorter -> EINVAL (xts, cts) */
	unsigned int statesize; /* see ualg_skcipher_req.state */
	/* keyed and run at the provider level (alg/evp/prov.h): a request is an IV and one update */
	bool prov;
};

/* xchacha state: the chacha20 block (counter || nonce) then the subkey */
#define XCHACHA_STATE (16 + 32)

static const struct sk_mode_info mode_info[] = {
	[SK_ECB] = {.whole_blocks = true},
	[SK_CBC] = {.whole_blocks = true, .prov = true},
	[SK_CTR] = {.prov = true},
	[SK_CFB] = {.prov = true},
	[SK_OFB] = {0},
	[SK_XTS] = {.min_len = 16, .prov = true},
	[SK_CTS] = {.min_len = 16},
	[SK_CHACHA] = {.statesize = 16},
	[SK_XCHACHA] = {.statesize = XCHACHA_STATE},
};

struct sk_ctx {
	/* requests on one tfm may come from several threads (kernel: shared tfm) */
	EVP_CIPHER_CTX *enc, *dec;
	/* modes with mode_info.prov: the provider's functions and contexts; [0] decrypt, [1] encrypt */
	const struct ualg_pcipher *pc;
	void *pctx[2];
	struct ualg_tfm *fallback; /* xts keys OpenSSL refuses */
	EVP_CIPHER_CTX *tweak;	   /* xts: ECB under the tweak key, for the output IV */
	uint8_t key[32];	   /* xchacha20 */
};

static bool row_fixed(const struct sk_row *row)
{
	return strstr(row->evp, "%u") != NULL;
}

static EVP_CIPHER *row_get(const char *fmt, bool fixed, size_t bits)
{
	char name[64];

	if (fixed)
		snprintf(name, sizeof(name), fmt, (unsigned int)bits);
	else
		snprintf(name, sizeof(name), "%s", fmt);
	return ualg_evp_cipher_get(name);
}

static int sk_init_tfm(struct ualg_tfm *tfm)
{
	const struct sk_row *row = tfm->alg->data;
	struct sk_ctx *c = ualg_tfm_ctx(tfm);

	if (mode_info[row->mode].prov)
		return 0; /* provider contexts at setkey */
	if (ualg_evp_ctx_pair_new(&c->enc, &c->dec) < 0)
		return -ENOMEM;
	return 0;
}

static void sk_exit_tfm(struct ualg_tfm *tfm)
{
	struct sk_ctx *c = ualg_tfm_ctx(tfm);

	ualg_evp_ctx_pair_free(c->enc, c->dec);
	if (c->pc) {
		ualg_pcipher_free(c->pc, c->pctx[0]);
		ualg_pcipher_free(c->pc, c->pctx[1]);
	}
	EVP_CIPHER_CTX_free(c->tweak);
	ualg_tfm_free(c->fallback);
	ualg_wipe(c->key, sizeof(c->key));
}

static int key_pair(EVP_CIPHER_CTX *enc, EVP_CIPHER_CTX *dec, const char *fmt, bool fixed,
		    size_t bits, const uint8_t *key, size_t keylen, bool cts)
{
	EVP_CIPHER *evp = row_get(fmt, fixed, bits);
	int r = -EINVAL;

	if (!evp)
		return -EINVAL;
	if (ualg_evp_cipher_key(enc, evp, key, keylen, 1) >= 0 &&
	    ualg_evp_cipher_key(dec, evp, key, keylen, 0) >= 0)
		r = 0;
	if (r >= 0 && cts) {
		/* the kernel's cts(cbc): last two blocks always swapped (CS3) */
		OSSL_PARAM p[] = {
			OSSL_PARAM_construct_utf8_string(OSSL_CIPHER_PARAM_CTS_MODE, "CS3", 0),
			OSSL_PARAM_construct_end(),
		};

		if (!EVP_CIPHER_CTX_set_params(enc, p) || !EVP_CIPHER_CTX_set_params(dec, p))
			r = -EINVAL;
	}
	return r;
}

/*
 * xts output IV. The x86 kernels' xts(aes) (xts-aes-aesni, the implementation
 * AF_ALG gets for "xts(aes)" on 6.1 and, synchronous, on 7.2) encrypts
 * req->iv into the first tweak in place and then runs the assembler over
 * the whole request, which stores the next tweak back only when the length
 * is a multiple of 16: E_k2(iv) * x^n for n blocks; with a partial last
 * block the IV is left at E_k2(iv), the first tweak. Both directions, the
 * request whole or split by MSG_MORE (6.1 oracle, tests/oracle
 * gen-arch-0013 and the xts rows of gen-chain). AF_ALG keeps that as the
 * socket's IV, so a second request without a new IV runs under an
 * encrypted tweak. The generic template xts(ecb(aes-ualg)), like crypto/xts.c,
 * leaves the IV.
 */
static int xts_tweak_setkey(struct sk_ctx *c, const uint8_t *k2, size_t len)
{
	char name[32];
	EVP_CIPHER *evp;

	if (!c->tweak && !(c->tweak = EVP_CIPHER_CTX_new()))
		return -ENOMEM;
	snprintf(name, sizeof(name), "AES-%zu-ECB", len * 8);
	evp = ualg_evp_cipher_get(name);
	if (!evp)
		return -EINVAL;
	return ualg_evp_cipher_key(c->tweak, evp, k2, len, 1);
}

static uint64_t le64_get(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static void le64_put(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

/*
 * t * x^n in GF(2^128) (IEEE 1619 little-endian order, x^128 = x^7+x^2+x+1),
 * eight doublings at a time: the byte shifted out, carry-less times 0x87,
 * folds back in. No branch depends on the tweak.
 */
static void gf128_mul_xn(uint8_t t[16], size_t n)
{
	uint64_t lo = le64_get(t), hi = le64_get(t + 8), c;

	for (; n >= 8; n -= 8) {
		c = hi >> 56;
		hi = hi << 8 | lo >> 56;
		lo = lo << 8 ^ c ^ c << 1 ^ c << 2 ^ c << 7;
	}
	for (; n; n--) {
		c = hi >> 63;
		hi = hi << 1 | lo >> 63;
		lo = lo << 1 ^ (0x87 & -c);
	}
	le64_put(t, lo);
	le64_put(t + 8, hi);
}

/* E_k2(iv) * x^n in place */
static int xts_tweak_n(struct sk_ctx *c, uint8_t iv[16], uint64_t n)
{
	int r = ualg_evp_update(c->tweak, iv, iv, 16);

	if (r >= 0)
		gf128_mul_xn(iv, (size_t)n);
	return r;
}

/*
 * The output IV after a request of len bytes under the input IV in
 * req->iv. It only matters to a later request without a new IV, so when
 * the caller allows (req->later), it is left owed: later->owed = n + 1,
 * computed by xts_iv_settle() at the start of the next request, if the
 * caller has not set a new IV by then.
 */
static int xts_iv_out(struct sk_ctx *c, struct ualg_skcipher_req *req, size_t len)
{
	/* after ciphertext stealing the first tweak stays */
	uint64_t n = len % 16 ? 0 : len / 16;

	if (req->later && req->later->tfm == req->tfm) {
		req->later->owed = n + 1;
		return 0;
	}
	return xts_tweak_n(c, req->iv, n);
}

/* complete an IV a previous request left owed (see xts_iv_out) */
static int xts_iv_settle(struct sk_ctx *c, struct ualg_skcipher_req *req)
{
	uint64_t owed;

	if (!req->later || req->later->tfm != req->tfm || !req->later->owed)
		return 0;
	owed = req->later->owed;
	req->later->owed = 0;
	return xts_tweak_n(c, req->iv, owed - 1);
}

/* xts keys OpenSSL cannot take: run the generic template on the same key */
static int xts_fallback_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct sk_ctx *c = ualg_tfm_ctx(tfm);
	const struct ualg_alg *alg;
	int r;

	if (!c->fallback) {
		r = ualg_alg_lookup_child(UALG_TYPE_SKCIPHER, "xts(ecb(aes-ualg))", &alg);
		if (r < 0)
			return -EINVAL;
		r = ualg_tfm_new(alg, &c->fallback);
		if (r < 0)
			return r;
	}
	return ualg_tfm_setkey(c->fallback, key, keylen);
}

static int sk_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	const struct sk_row *row = tfm->alg->data;
	struct sk_ctx *c = ualg_tfm_ctx(tfm);
	bool fixed = row_fixed(row);
	size_t bits = keylen * 8;
	int r;

	switch (row->mode) {
	case SK_XTS:
		/* kernel xts_verify_key: even length, each half a cipher key */
		if (keylen % 2)
			return -EINVAL;
		r = ualg_fips_xts_key(key, keylen);
		if (r < 0)
			return r;
		bits = keylen * 4;
		r = xts_tweak_setkey(c, key + keylen / 2, keylen / 2);
		if (r < 0)
			return r;
		if (keylen == 48 || !CRYPTO_memcmp(key, key + keylen / 2, keylen / 2))
			return xts_fallback_setkey(tfm, key, keylen);
		break;
	case SK_XCHACHA:
		/* keyed per request with the HChaCha subkey; the EVP cipher is set here */
		r = key_pair(c->enc, c->dec, row->evp, false, bits, key, keylen, false);
		if (r >= 0)
			memcpy(c->key, key, keylen);
		return r;
	default:
		break;
	}
	if (fixed && keylen != 16 && keylen != 24 && keylen != 32 && row->mode != SK_XTS)
		return -EINVAL;
	if (mode_info[row->mode].prov)
		r = ualg_pcipher_key_pair(row_get(row->evp, fixed, bits), &c->pc, c->pctx, key,
					  keylen);
	else
		r = key_pair(c->enc, c->dec, row->evp, fixed, bits, key, keylen,
			     row->mode == SK_CTS);
	if (r >= 0 && c->fallback) {
		ualg_tfm_free(c->fallback);
		c->fallback = NULL;
	}
	return r;
}

static int set_iv(EVP_CIPHER_CTX *ctx, const uint8_t *iv, int enc)
{
	return EVP_CipherInit_ex2(ctx, NULL, NULL, iv, enc, NULL) ? 0 : -EINVAL;
}

/*
 * cts(cbc(aes)) as cts-cbc-aes-aesni computes it (aesni-intel_glue.c
 * cts_cbc_encrypt/decrypt): plain CBC over all blocks but the last two,
 * then the stealing over those two, which leaves the IV alone. So the output
 * IV is the last ciphertext block of the CBC part, the block before the
 * swapped pair (taken from the output when encrypting, the input when
 * decrypting); a request of 17..32 bytes has no CBC part and keeps its IV;
 * 16 bytes is one CBC block. crypto/cts.c (the template) differs: there it
 * is the whole block of the swapped pair.
 */
static int cts_crypt(struct ualg_skcipher_req *req, struct sk_ctx *c, int enc)
{
	const unsigned int bs = 16;
	size_t len = req->len;
	size_t cbc_blocks = len == bs ? 1 : (len + bs - 1) / bs - 2;
	EVP_CIPHER_CTX *ctx = enc ? c->enc : c->dec;
	size_t pos = (cbc_blocks - 1) * bs;
	uint8_t ivo[16];
	int r;

	if (!enc && cbc_blocks)
		memcpy(ivo, req->src + pos, bs);
	r = set_iv(ctx, req->iv, enc);
	if (r >= 0)
		r = ualg_evp_update(ctx, req->dst, req->src, len);
	if (r < 0)
		return r;
	if (cbc_blocks)
		memcpy(req->iv, enc ? req->dst + pos : ivo, bs);
	return 0;
}

static uint32_t le32_get(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void le32_put(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/*
 * Run the keyed ChaCha20 ctx (IV already blk) over len bytes and leave in
 * blk the counter after the last whole block. The kernel's 32-bit block
 * counter wraps to 0 within the same nonce; OpenSSL carries into the nonce,
 * so a request crossing the wrap restarts the ctx at counter 0.
 */
static int chacha_update(EVP_CIPHER_CTX *ctx, uint8_t blk[16], uint8_t *dst, const uint8_t *src,
			 size_t len)
{
	uint32_t ctr = le32_get(blk);
	uint64_t room = ((uint64_t)1 << 32) - ctr; /* blocks before the wrap */
	int r = 0;

	if ((uint64_t)len > room * 64) {
		r = ualg_evp_update(ctx, dst, src, (size_t)(room * 64));
		if (r < 0)
			return r;
		dst += room * 64;
		src += room * 64;
		len -= (size_t)(room * 64);
		ctr = 0;
		le32_put(blk, 0);
		r = set_iv(ctx, blk, 1);
		if (r < 0)
			return r;
	}
	r = ualg_evp_update(ctx, dst, src, len);
	le32_put(blk, ctr + (uint32_t)(len / 64));
	return r;
}

static int chacha_crypt(struct ualg_skcipher_req *req, const struct sk_row *row, struct sk_ctx *c)
{
	uint8_t blk[16], subkey[32];
	uint8_t *st = req->state;
	bool cont = req->cont && st;
	int r;

	if (row->mode == SK_CHACHA) {
		memcpy(blk, cont ? st : req->iv, 16);
		r = set_iv(c->enc, blk, 1);
	} else {
		if (cont) {
			memcpy(blk, st, 16);
			memcpy(subkey, st + 16, 32);
		} else {
			/* kernel xchacha: subkey from iv[0..16); iv[24..32] || iv[16..24] */
			ualg_hchacha20(subkey, c->key, req->iv);
			memcpy(blk, req->iv + 24, 8);
			memcpy(blk + 8, req->iv + 16, 8);
		}
		r = EVP_CipherInit_ex2(c->enc, NULL, subkey, blk, 1, NULL) ? 0 : -EINVAL;
	}
	if (r >= 0)
		r = chacha_update(c->enc, blk, req->dst, req->src, req->len);
	if (r >= 0 && !req->final && st) {
		memcpy(st, blk, 16);
		if (row->mode == SK_XCHACHA)
			memcpy(st + 16, subkey, 32);
	}
	ualg_wipe(subkey, sizeof(subkey));
	ualg_wipe(blk, sizeof(blk));
	return r;
}

static int sk_crypt(struct ualg_skcipher_req *req, int enc)
{
	const struct sk_row *row = req->tfm->alg->data;
	const struct sk_mode_info *mi = &mode_info[row->mode];
	struct sk_ctx *c = ualg_tfm_ctx(req->tfm);
	unsigned int bs = row->ivsize ? row->ivsize : row->blocksize;
	size_t len = req->len;
	EVP_CIPHER_CTX *ctx = enc ? c->enc : c->dec;
	uint8_t ivo[16];
	int r;

	if (row->mode == SK_XTS) {
		r = xts_iv_settle(c, req);
		if (r < 0)
			return r;
	}
	if (mi->whole_blocks && len % row->blocksize)
		return -EINVAL;
	if (len < mi->min_len)
		return -EINVAL;
	if (c->fallback) {
		struct ualg_skcipher_req sub = *req;

		sub.tfm = c->fallback;
		sub.later = NULL;
		r = enc ? ualg_skcipher_encrypt(&sub) : ualg_skcipher_decrypt(&sub);
		return r < 0 ? r : xts_iv_out(c, req, len);
	}
	switch (row->mode) {
	case SK_CTS:
		return cts_crypt(req, c, enc);
	case SK_CHACHA:
	case SK_XCHACHA:
		return chacha_crypt(req, row, c);
	case SK_ECB:
		return ualg_evp_update(ctx, req->dst, req->src, len);
	default:
		break;
	}
	if (!len)
		return 0;
	/* decrypting in place: keep the last whole ciphertext block first */
	if (!enc && len >= bs && (row->mode == SK_CBC || row->mode == SK_CFB))
		memcpy(ivo, req->src + (len / bs - 1) * bs, bs);
	if (mi->prov) {
		r = ualg_pcipher_iv(c->pc, c->pctx[enc], req->iv, bs, enc);
		if (r >= 0)
			r = ualg_pcipher_update(c->pc, c->pctx[enc], req->dst, req->src, len);
	} else {
		r = set_iv(ctx, req->iv, enc);
		if (r >= 0)
			r = ualg_evp_update(ctx, req->dst, req->src, len);
	}
	if (r < 0)
		return r;
	switch (row->mode) {
	case SK_CBC:
	case SK_CFB:
		if (len >= bs)
			memcpy(req->iv, enc ? req->dst + (len / bs - 1) * bs : ivo, bs);
		break;
	case SK_CTR:
		ualg_ctr_add(req->iv, bs, (len + bs - 1) / bs);
		break;
	case SK_OFB:
		if (!EVP_CIPHER_CTX_get_updated_iv(ctx, req->iv, bs))
			return -EINVAL;
		break;
	case SK_XTS:
		return xts_iv_out(c, req, len);
	default:
		break;
	}
	return 0;
}

static int sk_encrypt(struct ualg_skcipher_req *req)
{
	return sk_crypt(req, 1);
}

static int sk_decrypt(struct ualg_skcipher_req *req)
{
	return sk_crypt(req, 0);
}

static const struct ualg_skcipher_ops sk_ops = {
	.setkey = sk_setkey,
	.encrypt = sk_encrypt,
	.decrypt = sk_decrypt,
};

/* see alg/alg.h */
void ualg_skcipher_register(void)
{
	ualg_sw_skcipher_register();
	for (size_t i = 0; i < sizeof(sk_table) / sizeof(sk_table[0]); i++) {
		const struct sk_row *row = &sk_table[i];
		struct ualg_alg *alg;

		alg = ualg_evp_alg_new(UALG_TYPE_SKCIPHER, row->name, row->driver);
		if (!alg)
			return;
		alg->priority = 300;
		alg->flags = UALG_F_KEYED;
		alg->blocksize = row->blocksize;
		alg->ctxsize = sizeof(struct sk_ctx);
		alg->init_tfm = sk_init_tfm;
		alg->exit_tfm = sk_exit_tfm;
		alg->skcipher.ops = &sk_ops;
		alg->skcipher.min_keysize = row->min_keysize;
		alg->skcipher.max_keysize = row->max_keysize;
		alg->skcipher.ivsize = row->ivsize;
		alg->skcipher.chunksize = row->chunksize;
		alg->skcipher.statesize = mode_info[row->mode].statesize;
		alg->data = row;
		ualg_evp_alg_register(alg);
	}
}

/* see alg/alg.h: kernel driver names (proc-crypto of 6.1 on x86-64, and generic ones) */
const struct ualg_alias ualg_skcipher_aliases[] = {
	{"ecb-aes-aesni", "ecb-aes-ualg"},
	{"cbc-aes-aesni", "cbc-aes-ualg"},
	{"ctr-aes-aesni", "ctr-aes-ualg"},
	{"xts-aes-aesni", "xts-aes-ualg"},
	{"cts-cbc-aes-aesni", "cts-cbc-aes-ualg"},
	{"ofb(aes-aesni)", "ofb-aes-ualg"},
	{"cfb(aes-aesni)", "cfb-aes-ualg"},
	{"ecb-camellia-aesni-avx2", "ecb-camellia-ualg"},
	{"cbc-camellia-aesni-avx2", "cbc-camellia-ualg"},
	{"ecb-camellia-aesni", "ecb-camellia-ualg"},
	{"cbc-camellia-aesni", "cbc-camellia-ualg"},
	{"ecb-camellia-asm", "ecb-camellia-ualg"},
	{"cbc-camellia-asm", "cbc-camellia-ualg"},
	{"ctr(camellia-asm)", "ctr-camellia-ualg"},
	{"ecb-blowfish-asm", "ecb(blowfish)"},
	{"cbc-blowfish-asm", "cbc(blowfish)"},
	{"ecb-cast5-avx", "ecb(cast5)"},
	{"cbc-cast5-avx", "cbc(cast5)"},
	{"ecb-cast6-avx", "ecb(cast6-generic)"},
	{"cbc-cast6-avx", "cbc(cast6-generic)"},
	{"ecb-des3_ede-asm", "ecb-des3_ede-ualg"},
	{"cbc-des3_ede-asm", "cbc-des3_ede-ualg"},
	{"chacha20-simd", "chacha20-ualg"},
	{"chacha20-generic", "chacha20-ualg"},
	{"xchacha20-simd", "xchacha20-ualg"},
	{"xchacha20-generic", "xchacha20-ualg"},
	{"xchacha12-simd", "xchacha12-ualg"},
	{"xchacha12-generic", "xchacha12-ualg"},
	{"ecb(arc4)-generic", "ecb-arc4-ualg"},
	{"xctr-aes-aesni", "xctr(aes)"},
	/* the x86 serpent and twofish modules: ecb and cbc only */
	{"ecb-serpent-avx2", "ecb(serpent)"},
	{"cbc-serpent-avx2", "cbc(serpent)"},
	{"ecb-serpent-avx", "ecb(serpent)"},
	{"cbc-serpent-avx", "cbc(serpent)"},
	{"ecb-serpent-sse2", "ecb(serpent)"},
	{"cbc-serpent-sse2", "cbc(serpent)"},
	{"ecb-twofish-avx", "ecb(twofish)"},
	{"cbc-twofish-avx", "cbc(twofish)"},
	{"ecb-twofish-3way", "ecb(twofish)"},
	{"cbc-twofish-3way", "cbc(twofish)"},
	{NULL, NULL},
};
