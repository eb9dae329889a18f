/* SPDX-License-Identifier: MIT */
/*
 * AEAD leaves over OpenSSL: one row per algorithm, one generic
 * implementation per OpenSSL AEAD mode (GCM, CCM, ChaCha20-Poly1305).
 *
 * Implementation Notes
 *
 * - Each tfm owns a context per direction keyed at setkey; a request only
 *   sets the nonce, so the hot path allocates nothing. GCM and
 *   ChaCha20-Poly1305 run at the provider level (alg/evp/prov.h: the nonce
 *   goes straight to the provider's init, without EVP's IV-length round
 *   trip), CCM through EVP.
 * - One context per direction: OpenSSL's CCM picks its direction-specific
 *   block function at key setup. CCM also bakes L (from the nonce length)
 *   and M (the tag length) into the key schedule, so a context is keyed
 *   again when a request changes them; the key is kept (wiped on exit).
 * - Rows with a salt (rfc7539esp) take it from the key's end and build the
 *   nonce salt || iv; rows with aad_iv do not authenticate the last aad_iv
 *   bytes of the AAD (the IV copy ESP puts there: kernel chacha20poly1305.c
 *   drops 8 bytes of assoclen when ivsize is 8).
 * - Decrypt writes the candidate plaintext to dst and wipes it when the tag
 *   does not verify; nothing is returned to the caller before the check.
 *
 * Constant time: as OpenSSL's GCM/CCM/ChaCha20-Poly1305; tag checks are
 * OpenSSL's (CRYPTO_memcmp).
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "alg/alg.h"
#include "alg/evp/evp.h"
#include "alg/evp/prov.h"
#include "alg/sw/aead.h"
#include "alg/tmpl/aead.h"
#include "core/ct.h"

enum aead_mode {
	MODE_GCM,
	MODE_CCM,
	MODE_CHACHAPOLY,
};

struct aead_row {
	const char *name;
	const char *driver;
	int priority;
	const char *evp; /* "%u" is replaced by the key length in bits when present */
	enum aead_mode mode;
	unsigned int keylen;  /* cipher key bytes; 0: 16, 24 or 32 (AES-like) */
	unsigned int saltlen; /* bytes after the cipher key, the nonce's start */
	unsigned int ivsize;
	unsigned int aad_iv; /* trailing AAD bytes not authenticated */
};

static int chachapoly_check_authsize(const struct ualg_alg *alg, unsigned int authsize)
{
	/* kernel chachapoly_setauthsize: POLY1305_DIGEST_SIZE only */
	return authsize == 16 ? 0 : -EINVAL;
}

static int (*const mode_check_authsize[])(const struct ualg_alg *alg, unsigned int authsize) = {
	[MODE_GCM] = ualg_gcm_check_authsize,
	[MODE_CCM] = ualg_ccm_check_authsize,
	[MODE_CHACHAPOLY] = chachapoly_check_authsize,
};

static const struct aead_row aead_table[] = {
	{ "gcm(aes)", "gcm-aes-ualg", 300, "AES-%u-GCM", MODE_GCM, 0, 0, 12, 0 },
	{ "ccm(aes)", "ccm-aes-ualg", 300, "AES-%u-CCM", MODE_CCM, 0, 0, 16, 0 },
	{ "gcm(aria)", "gcm-aria-ualg", 300, "ARIA-%u-GCM", MODE_GCM, 0, 0, 12, 0 },
	{ "ccm(aria)", "ccm-aria-ualg", 300, "ARIA-%u-CCM", MODE_CCM, 0, 0, 16, 0 },
	{ "rfc7539(chacha20,poly1305)", "rfc7539-chacha20-poly1305-ualg", 300, "ChaCha20-Poly1305",
	  MODE_CHACHAPOLY, 32, 0, 12, 0 },
	{ "rfc7539esp(chacha20,poly1305)", "rfc7539esp-chacha20-poly1305-ualg", 300,
	  "ChaCha20-Poly1305", MODE_CHACHAPOLY, 32, 4, 8, 8 },
};

#define AEAD_MAX_KEY 32
#define AEAD_MAX_SALT 4
#define AEAD_MAX_NONCE 16

struct evp_aead_ctx {
	EVP_CIPHER_CTX *ctx[2]; /* ccm; [0] decrypt, [1] encrypt */
	/* gcm and chacha20-poly1305: at the provider level (alg/evp/prov.h); [0] decrypt */
	const struct ualg_pcipher *pc;
	void *pctx[2];
	EVP_CIPHER *evp;
	uint8_t key[AEAD_MAX_KEY]; /* ccm re-keys when L or M change */
	size_t keylen;
	uint8_t salt[AEAD_MAX_SALT];
	unsigned int ccm_l[2], ccm_m[2]; /* the L and M each key schedule holds; 0: none */
};

static int evp_aead_init_tfm(struct ualg_tfm *tfm)
{
	struct evp_aead_ctx *c = ualg_tfm_ctx(tfm);

	return ualg_evp_ctx_pair_new(&c->ctx[0], &c->ctx[1]);
}

static void evp_aead_exit_tfm(struct ualg_tfm *tfm)
{
	struct evp_aead_ctx *c = ualg_tfm_ctx(tfm);

	/* EVP_CIPHER_CTX_free cleanses the key schedule; the registry wipes key/salt */
	ualg_evp_ctx_pair_free(c->ctx[0], c->ctx[1]);
	if (c->pc) {
		ualg_pcipher_free(c->pc, c->pctx[0]);
		ualg_pcipher_free(c->pc, c->pctx[1]);
	}
	ualg_wipe(c->key, sizeof(c->key));
}

static EVP_CIPHER *row_get(const struct aead_row *row, size_t keylen)
{
	char name[64];

	if (!row->keylen)
		snprintf(name, sizeof(name), row->evp, (unsigned int)keylen * 8);
	else
		snprintf(name, sizeof(name), "%s", row->evp);
	return ualg_evp_cipher_get(name);
}

static int evp_aead_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	const struct aead_row *row = tfm->alg->data;
	struct evp_aead_ctx *c = ualg_tfm_ctx(tfm);
	size_t klen;
	EVP_CIPHER *evp;
	int r = -EINVAL;

	if (keylen < row->saltlen)
		return -EINVAL;
	klen = keylen - row->saltlen;
	if (row->keylen ? klen != row->keylen : klen != 16 && klen != 24 && klen != 32)
		return -EINVAL;
	evp = row_get(row, klen);
	if (!evp)
		return -EINVAL;

	if (row->mode != MODE_CCM) {
		r = ualg_pcipher_key_pair(evp, &c->pc, c->pctx, key, klen);
		if (r >= 0)
			memcpy(c->salt, key + klen, row->saltlen);
		return r;
	}
	c->evp = evp;
	ualg_wipe(c->key, sizeof(c->key));
	c->keylen = 0;
	memset(c->ccm_l, 0, sizeof(c->ccm_l));
	memset(c->ccm_m, 0, sizeof(c->ccm_m));
	if (EVP_CipherInit_ex2(c->ctx[0], evp, NULL, NULL, 0, NULL) &&
	    EVP_CipherInit_ex2(c->ctx[1], evp, NULL, NULL, 1, NULL)) {
		memcpy(c->key, key, klen);
		c->keylen = klen;
		memcpy(c->salt, key + klen, row->saltlen);
		/* ccm is keyed at its first request, once L and M are known */
		r = 0;
	}
	return r;
}

static int evp_aead_check_authsize(const struct ualg_alg *alg, unsigned int authsize)
{
	const struct aead_row *row = alg->data;

	return mode_check_authsize[row->mode](alg, authsize);
}

static int tag_param(EVP_CIPHER_CTX *ctx, uint8_t *tag, size_t len, bool get)
{
	OSSL_PARAM p[2] = {
		OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, len),
		OSSL_PARAM_construct_end(),
	};

	if (get)
		return EVP_CIPHER_CTX_get_params(ctx, p) ? 0 : -EINVAL;
	return EVP_CIPHER_CTX_set_params(ctx, p) ? 0 : -EINVAL;
}

/*
 * CCM nonce from the kernel's 16-byte IV: iv[0] = L - 1 (1..7), nonce =
 * iv[1 .. 15 - L] (kernel crypto_ccm_check_iv / format_input); the counter
 * bytes of the IV are ignored, as the kernel zeroes them.
 */
static int ccm_prepare(struct evp_aead_ctx *c, const struct ualg_aead_xreq *req, int enc,
		       const uint8_t **ret_nonce)
{
	unsigned int l, nlen;

	if (req->iv[0] < 1 || req->iv[0] > 7)
		return -EINVAL;
	l = req->iv[0] + 1u;
	/* kernel set_msg_len: the length must fit in L bytes (checked for L < 4) */
	if (l < 4 && (req->len >> (8 * l)))
		return -EOVERFLOW;
	if (req->len > INT_MAX || req->adlen > INT_MAX)
		return -EINVAL;
	nlen = 15 - l;
	if (c->ccm_l[enc] != l || c->ccm_m[enc] != req->authsize) {
		size_t ivlen = nlen;
		OSSL_PARAM p[3] = {
			OSSL_PARAM_construct_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN, &ivlen),
			OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, NULL,
							  req->authsize),
			OSSL_PARAM_construct_end(),
		};

		c->ccm_l[enc] = c->ccm_m[enc] = 0;
		if (!EVP_CipherInit_ex2(c->ctx[enc], NULL, NULL, NULL, enc, p) ||
		    !EVP_CipherInit_ex2(c->ctx[enc], NULL, c->key, NULL, enc, NULL))
			return -EINVAL;
		c->ccm_l[enc] = l;
		c->ccm_m[enc] = req->authsize;
	}
	*ret_nonce = req->iv + 1;
	return 0;
}

static int tag_pparam(const struct ualg_pcipher *pc, void *ctx, uint8_t *tag, size_t len, bool get)
{
	OSSL_PARAM p[2] = {
		OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, len),
		OSSL_PARAM_construct_end(),
	};

	return (get ? pc->get_ctx_params(ctx, p) : pc->set_ctx_params(ctx, p)) ? 0 : -EINVAL;
}

/* gcm and chacha20-poly1305 at the provider level: nonce, tag (decrypt), AAD, text, final */
static int prov_crypt(struct evp_aead_ctx *c, const struct ualg_aead_xreq *req, const uint8_t *n,
		      size_t nlen, const uint8_t *tag, int enc)
{
	const struct ualg_pcipher *pc = c->pc;
	void *ctx = c->pctx[enc];
	uint8_t fin[32];
	size_t out = 0;

	if (ualg_pcipher_iv(pc, ctx, n, nlen, enc) < 0 ||
	    (!enc && tag_pparam(pc, ctx, (uint8_t *)tag, req->authsize, false) < 0))
		return -EINVAL;
	/* AAD: no output (EVP passes the input length as the room, so do we) */
	if (req->adlen && !pc->update(ctx, NULL, &out, req->adlen, req->ad, req->adlen))
		return -EINVAL;
	if (ualg_pcipher_update(pc, ctx, req->dst, req->src, req->len) < 0)
		return -EINVAL;
	if (!pc->final(ctx, fin, &out, sizeof(fin)))
		return enc ? -EINVAL : -EBADMSG;
	return enc ? tag_pparam(pc, ctx, req->tag, req->authsize, true) : 0;
}

static int evp_aead_crypt(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req, int enc)
{
	const struct aead_row *row = tfm->alg->data;
	struct evp_aead_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t nonce[AEAD_MAX_NONCE], tag[UALG_MAX_AUTHSIZE];
	const uint8_t *n = req->iv;
	EVP_CIPHER_CTX *ctx = c->ctx[enc];
	int out = 0, r;

	if (req->authsize > 16)
		return -EINVAL;
	/* the tag may sit in src right after the text: read it before writing */
	if (!enc)
		memcpy(tag, req->tag, req->authsize);

	if (row->mode != MODE_CCM) {
		if (row->saltlen) {
			memcpy(nonce, c->salt, row->saltlen);
			memcpy(nonce + row->saltlen, req->iv, row->ivsize);
			n = nonce;
		}
		r = prov_crypt(c, req, n, row->saltlen + row->ivsize, tag, enc);
		goto out;
	}
	r = ccm_prepare(c, req, enc, &n);
	if (r < 0)
		goto out;
	r = -EINVAL;
	if (!EVP_CipherInit_ex2(ctx, NULL, NULL, n, enc, NULL))
		goto out;
	if (!enc && tag_param(ctx, tag, req->authsize, false) < 0)
		goto out;
	/* ccm: total length first, then the AAD in one piece */
	if (!EVP_CipherUpdate(ctx, NULL, &out, NULL, (int)req->len))
		goto out;
	if (req->adlen && !EVP_CipherUpdate(ctx, NULL, &out, req->ad, (int)req->adlen))
		goto out;
	if (!EVP_CipherUpdate(ctx, req->dst, &out, req->src, (int)req->len)) {
		r = enc ? -EINVAL : -EBADMSG;
		goto out;
	}
	if (enc && tag_param(ctx, req->tag, req->authsize, true) < 0)
		goto out;
	r = 0;
out:
	if (r < 0 && !enc)
		ualg_wipe(req->dst, req->len);
	ualg_wipe(tag, sizeof(tag));
	return r;
}

static int evp_aead_xencrypt(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req)
{
	return evp_aead_crypt(tfm, req, 1);
}

static int evp_aead_xdecrypt(struct ualg_tfm *tfm, const struct ualg_aead_xreq *req)
{
	return evp_aead_crypt(tfm, req, 0);
}

static int evp_aead_encrypt(struct ualg_aead_req *req)
{
	const struct aead_row *row = req->tfm->alg->data;

	return ualg_aead_flat_crypt(req, &ualg_aead_evp_xops, row->aad_iv, true);
}

static int evp_aead_decrypt(struct ualg_aead_req *req)
{
	const struct aead_row *row = req->tfm->alg->data;

	return ualg_aead_flat_crypt(req, &ualg_aead_evp_xops, row->aad_iv, false);
}

/* see alg/tmpl/aead.h */
const struct ualg_aead_xops ualg_aead_evp_xops = {
	.ops = {
		.setkey = evp_aead_setkey,
		.check_authsize = evp_aead_check_authsize,
		.encrypt = evp_aead_encrypt,
		.decrypt = evp_aead_decrypt,
	},
	.encrypt = evp_aead_xencrypt,
	.decrypt = evp_aead_xdecrypt,
};

/* see alg/alg.h */
void ualg_aead_register(void)
{
	for (size_t i = 0; i < sizeof(aead_table) / sizeof(aead_table[0]); i++) {
		const struct aead_row *row = &aead_table[i];
		struct ualg_alg *alg;

		alg = ualg_evp_alg_new(UALG_TYPE_AEAD, row->name, row->driver);
		if (!alg)
			return;
		alg->priority = row->priority;
		alg->flags = UALG_F_KEYED;
		alg->blocksize = 1;
		alg->ctxsize = sizeof(struct evp_aead_ctx);
		alg->init_tfm = evp_aead_init_tfm;
		alg->exit_tfm = evp_aead_exit_tfm;
		alg->aead.ops = &ualg_aead_evp_xops.ops;
		alg->aead.ivsize = row->ivsize;
		alg->aead.maxauthsize = 16;
		alg->data = row;
		ualg_evp_alg_register(alg);
	}
	ualg_sw_aead_register();
}

/*
 * Kernel driver names (6.1 x86-64 /proc/crypto and the generic drivers)
 * and the algorithm of ours each stands for.
 */
const struct ualg_alias ualg_aead_aliases[] = {
	{ "generic-gcm-aesni", "gcm-aes-ualg" },
	{ "gcm_base(ctr(aes-generic),ghash-generic)", "gcm-aes-ualg" },
	{ "gcm_base(ctr-aes-aesni,ghash-clmulni)", "gcm-aes-ualg" },
	{ "gcm-aes-aesni", "gcm-aes-ualg" },
	{ "ccm_base(ctr-aes-aesni,cbcmac(aes-aesni))", "ccm-aes-ualg" },
	{ "ccm_base(ctr(aes-generic),cbcmac(aes-generic))", "ccm-aes-ualg" },
	{ "gcm_base(ctr(aria-generic),ghash-generic)", "gcm-aria-ualg" },
	{ "rfc4106-gcm-aesni", "rfc4106(gcm-aes-ualg)" },
	{ "rfc4106(gcm_base(ctr(aes-generic),ghash-generic))", "rfc4106(gcm-aes-ualg)" },
	{ "rfc4543(generic-gcm-aesni)", "rfc4543(gcm-aes-ualg)" },
	{ "rfc4543(gcm_base(ctr(aes-generic),ghash-generic))", "rfc4543(gcm-aes-ualg)" },
	{ "rfc4309(ccm_base(ctr-aes-aesni,cbcmac(aes-aesni)))", "rfc4309(ccm-aes-ualg)" },
	{ "rfc4309(ccm_base(ctr(aes-generic),cbcmac(aes-generic)))", "rfc4309(ccm-aes-ualg)" },
	{ "rfc7539(chacha20-simd,poly1305-simd)", "rfc7539-chacha20-poly1305-ualg" },
	{ "rfc7539(chacha20-generic,poly1305-generic)", "rfc7539-chacha20-poly1305-ualg" },
	{ "rfc7539esp(chacha20-simd,poly1305-simd)", "rfc7539esp-chacha20-poly1305-ualg" },
	{ "rfc7539esp(chacha20-generic,poly1305-generic)", "rfc7539esp-chacha20-poly1305-ualg" },
	{ "aegis128-generic", "aegis128-ualg" },
	{ "aegis128-aesni", "aegis128-ualg" },
	{ NULL, NULL },
};
