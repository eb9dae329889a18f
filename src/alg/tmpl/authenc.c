/* SPDX-License-Identifier: MIT */
/*
 * authenc(A,E) and authencesn(A,E): encrypt-then-MAC for IPsec, the
 * kernel's crypto/authenc.c and crypto/authencesn.c over a keyed hash A
 * (hmac(...)) and an skcipher E (cbc(...), ctr(...), rfc3686(...),
 * ecb(cipher_null)).
 *
 * Implementation Notes
 *
 * - Key: the kernel's rtattr format (crypto_authenc_extractkeys): a 4-byte
 *   header {u16 rta_len = 8, u16 rta_type = 1} in host order, a big-endian
 *   u32 enckeylen, then authkey || enckey; anything else is EINVAL.
 * - Encrypt: E over the text (IV = the request's, copied: E's IV-out is not
 *   the caller's), then tag = A(AAD || ciphertext) truncated to authsize.
 * - Decrypt: verify first, over the input AAD || ciphertext, with
 *   ualg_ct_memcmp; only then decrypt. On mismatch nothing is decrypted and
 *   the plaintext area is zeroed (EBADMSG).
 * - authencesn authenticates the ESP extended sequence number layout: with
 *   AAD = SPI(4) || seq_hi(4) || rest, the MAC input is SPI || rest ||
 *   ciphertext || seq_hi (kernel crypto_authenc_esn_genicv). assoclen >= 8.
 * - Any authsize 0..digestsize (the kernel sets no rule); priority
 *   E * 10 + A as the kernel's; blocksize and ivsize are E's.
 * - One hash descriptor per tfm, made at init: no allocation per request.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "alg/tmpl/aead.h"
#include "core/ct.h"

struct authenc_spawn {
	const struct ualg_alg *auth, *enc;
	bool esn;
};

struct authenc_ctx {
	struct ualg_tfm *auth, *enc;
	struct ualg_hash_desc *desc;
	void *state; /* E's statesize bytes, when it has state */
};

static int authenc_init_tfm(struct ualg_tfm *tfm)
{
	const struct authenc_spawn *s = tfm->alg->data;
	struct authenc_ctx *c = ualg_tfm_ctx(tfm);
	int r;

	r = ualg_tfm_new(s->auth, &c->auth);
	if (r >= 0)
		r = ualg_tfm_new(s->enc, &c->enc);
	if (r >= 0)
		r = ualg_hash_desc_new(c->auth, &c->desc);
	if (r >= 0 && s->enc->skcipher.statesize) {
		c->state = calloc(1, s->enc->skcipher.statesize);
		if (!c->state)
			r = -ENOMEM;
	}
	if (r < 0) {
		free(c->state);
		ualg_hash_desc_free(c->desc);
		ualg_tfm_free(c->enc);
		ualg_tfm_free(c->auth);
	}
	return r;
}

static void authenc_exit_tfm(struct ualg_tfm *tfm)
{
	const struct authenc_spawn *s = tfm->alg->data;
	struct authenc_ctx *c = ualg_tfm_ctx(tfm);

	ualg_free_secret(c->state, s->enc->skcipher.statesize);
	ualg_hash_desc_free(c->desc);
	ualg_tfm_free(c->enc);
	ualg_tfm_free(c->auth);
}

/* see alg/tmpl/aead.h */
int ualg_authenc_split_key(const uint8_t *key, size_t keylen, size_t *ret_authkeylen,
			   size_t *ret_enckeylen)
{
	unsigned int rta_len, rta_type;
	size_t enckeylen;

	/* RTA_OK, the type, and a payload of exactly the 4-byte param */
	if (keylen < 4)
		return -EINVAL;
	rta_len = (unsigned int)key[0] | (unsigned int)key[1] << 8;
	rta_type = (unsigned int)key[2] | (unsigned int)key[3] << 8;
	if (rta_len < 4 || rta_len > keylen || rta_type != 1 || rta_len != 8)
		return -EINVAL;
	enckeylen = (size_t)key[4] << 24 | (size_t)key[5] << 16 | (size_t)key[6] << 8 | key[7];
	if (keylen - rta_len < enckeylen)
		return -EINVAL;
	*ret_authkeylen = keylen - rta_len - enckeylen;
	*ret_enckeylen = enckeylen;
	return 0;
}

static int authenc_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct authenc_ctx *c = ualg_tfm_ctx(tfm);
	size_t akl, ekl;
	int r;

	r = ualg_authenc_split_key(key, keylen, &akl, &ekl);
	if (r < 0)
		return r;
	key += UALG_AUTHENC_KEY_HDR;
	r = ualg_tfm_setkey(c->auth, key, akl);
	if (r >= 0)
		r = ualg_tfm_setkey(c->enc, key + akl, ekl);
	return r;
}

/* E over len bytes with a copy of the request's IV */
static int authenc_cipher(struct authenc_ctx *c, const uint8_t *iv, uint8_t *dst,
			  const uint8_t *src, size_t len, bool enc)
{
	uint8_t ivbuf[UALG_MAX_IVSIZE];
	struct ualg_skcipher_req sk = {
		.tfm = c->enc,
		.src = src,
		.dst = dst,
		.len = len,
		.iv = ivbuf,
		.final = true,
		.state = c->state,
	};
	int r;

	if (!len)
		return 0;
	memcpy(ivbuf, iv, c->enc->alg->skcipher.ivsize);
	r = enc ? ualg_skcipher_encrypt(&sk) : ualg_skcipher_decrypt(&sk);
	ualg_wipe(ivbuf, sizeof(ivbuf));
	return r;
}

/* the full digest over parts, with ct (ctlen bytes) between ad and tail */
static int authenc_mac(struct authenc_ctx *c, const struct ualg_authenc_ad *ad, const uint8_t *ct,
		       size_t ctlen, uint8_t *out)
{
	int r;

	r = ualg_hash_init(c->desc);
	for (size_t i = 0; i < 2 && r >= 0; i++)
		r = ualg_hash_update(c->desc, ad->p[i], ad->n[i]);
	if (r >= 0)
		r = ualg_hash_update(c->desc, ct, ctlen);
	if (r >= 0)
		r = ualg_hash_update(c->desc, ad->tail, ad->taillen);
	if (r >= 0)
		return ualg_hash_final(c->desc, out);
	/* end the stream so the descriptor holds no state */
	if (c->desc->live)
		(void)ualg_hash_final(c->desc, out);
	ualg_wipe(out, UALG_MAX_DIGESTSIZE);
	return r;
}

/* see alg/tmpl/aead.h */
int ualg_authenc_crypt(struct ualg_tfm *tfm, const struct ualg_authenc_ad *ad, const uint8_t *src,
		       uint8_t *dst, size_t len, const uint8_t *iv, uint8_t *tag, bool enc)
{
	struct authenc_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t mac[UALG_MAX_DIGESTSIZE];
	int r;

	if (ualg_tfm_need_key(tfm))
		return -ENOKEY;
	if (enc) {
		r = authenc_cipher(c, iv, dst, src, len, true);
		if (r >= 0)
			r = authenc_mac(c, ad, dst, len, mac);
	} else {
		/* verify first, over the input; decrypt only an authentic message */
		r = authenc_mac(c, ad, src, len, mac);
		if (r >= 0 && ualg_ct_memcmp(mac, tag, tfm->authsize))
			r = -EBADMSG;
		if (r >= 0)
			r = authenc_cipher(c, iv, dst, src, len, false);
	}
	if (r >= 0 && enc)
		memcpy(tag, mac, tfm->authsize);
	if (r == -EBADMSG)
		ualg_wipe(dst, len);
	ualg_wipe(mac, sizeof(mac));
	return r < 0 ? r : 0;
}

/* the AAD as the MAC sees it: plain, or ESN-rearranged */
static int authenc_ad(const struct ualg_aead_req *req, struct ualg_authenc_ad *ad)
{
	const struct authenc_spawn *s = req->tfm->alg->data;

	memset(ad, 0, sizeof(*ad));
	if (!s->esn) {
		ad->p[0] = req->src;
		ad->n[0] = req->assoclen;
		return 0;
	}
	if (req->assoclen < 8)
		return -EINVAL;
	ad->p[0] = req->src;
	ad->n[0] = 4;
	ad->p[1] = req->src + 8;
	ad->n[1] = req->assoclen - 8;
	ad->tail = req->src + 4;
	ad->taillen = 4;
	return 0;
}

static int authenc_encrypt(struct ualg_aead_req *req)
{
	struct ualg_authenc_ad ad;
	int r;

	r = authenc_ad(req, &ad);
	if (r < 0)
		return r;
	return ualg_authenc_crypt(req->tfm, &ad, req->src + req->assoclen, req->dst + req->assoclen,
				  req->cryptlen, req->iv,
				  req->dst + req->assoclen + req->cryptlen, true);
}

static int authenc_decrypt(struct ualg_aead_req *req)
{
	struct ualg_authenc_ad ad;
	size_t len;
	int r;

	if (req->cryptlen < req->tfm->authsize)
		return -EINVAL;
	r = authenc_ad(req, &ad);
	if (r < 0)
		return r;
	len = req->cryptlen - req->tfm->authsize;
	return ualg_authenc_crypt(req->tfm, &ad, req->src + req->assoclen, req->dst + req->assoclen,
				  len, req->iv,
				  (uint8_t *)(uintptr_t)(req->src + req->assoclen + len), false);
}

static const struct ualg_aead_ops authenc_ops = {
	.setkey = authenc_setkey,
	.encrypt = authenc_encrypt,
	.decrypt = authenc_decrypt,
};

/* see alg/tmpl/aead.h */
const struct ualg_alg *ualg_authenc_enc_of(const struct ualg_alg *alg)
{
	const struct authenc_spawn *s = alg->data;

	if (alg->type != UALG_TYPE_AEAD || alg->aead.ops != &authenc_ops || s->esn)
		return NULL;
	return s->enc;
}

static void authenc_destroy(struct ualg_alg *alg)
{
	free((void *)(uintptr_t)alg->data);
}

static int authenc_new(const struct ualg_template *tmpl, const struct ualg_name *name, bool esn,
		       struct ualg_alg **ret)
{
	const struct ualg_alg *kids[2];
	struct authenc_spawn *s;
	struct ualg_alg *inst;
	int r;

	r = ualg_alg_lookup_child(UALG_TYPE_HASH, name->args[0], &kids[0]);
	if (r < 0)
		return r;
	r = ualg_alg_lookup_child(UALG_TYPE_SKCIPHER, name->args[1], &kids[1]);
	if (r < 0)
		return r;
	if (kids[0]->hash.digestsize > UALG_MAX_AUTHSIZE ||
	    kids[1]->skcipher.ivsize > UALG_MAX_IVSIZE)
		return -ENOENT;
	inst = calloc(1, sizeof(*inst));
	s = calloc(1, sizeof(*s));
	if (!inst || !s) {
		free(inst);
		free(s);
		return -ENOMEM;
	}
	r = ualg_tmpl_set_names(inst, tmpl->name, kids, 2);
	if (r < 0) {
		free(inst);
		free(s);
		return r;
	}
	s->auth = kids[0];
	s->enc = kids[1];
	s->esn = esn;
	inst->type = UALG_TYPE_AEAD;
	inst->priority = kids[1]->priority * 10 + kids[0]->priority;
	inst->flags = UALG_F_KEYED;
	inst->blocksize = kids[1]->blocksize;
	inst->ctxsize = sizeof(struct authenc_ctx);
	inst->init_tfm = authenc_init_tfm;
	inst->exit_tfm = authenc_exit_tfm;
	inst->aead.ops = &authenc_ops;
	inst->aead.ivsize = kids[1]->skcipher.ivsize;
	inst->aead.maxauthsize = kids[0]->hash.digestsize;
	inst->data = s;
	inst->destroy = authenc_destroy;
	*ret = inst;
	return 0;
}

/* see alg/tmpl/aead.h */
int ualg_authenc_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			struct ualg_alg **ret)
{
	return authenc_new(tmpl, name, false, ret);
}

/* see alg/tmpl/aead.h */
int ualg_authencesn_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			   struct ualg_alg **ret)
{
	return authenc_new(tmpl, name, true, ret);
}
