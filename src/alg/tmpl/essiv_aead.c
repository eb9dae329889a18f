/* SPDX-License-Identifier: MIT */
/*
 * essiv(authenc(A,E(C)),H): the aead form of the kernel's ESSIV template
 * (crypto/essiv.c, used by dm-crypt with authenticated encryption; the
 * skcipher form lives in alg/tmpl/essiv.c). The request IV is encrypted
 * with C keyed by H(enckey || authkey) and that becomes E's IV; it also stands in the
 * last ivsize bytes of the AAD.
 *
 * Implementation Notes
 *
 * - Children as the kernel picks them: the inner aead must be an
 *   authenc(...) instance; C is the innermost name of its cra_name (the
 *   text between the last '(' and the next ')', "aes" for
 *   authenc(hmac(sha256),cbc(aes))); H an unkeyed hash whose digest size
 *   is a valid key size for C; C's block size must equal the ivsize.
 * - The kernel writes E_salt(IV) into dst at assoclen - ivsize when dst
 *   equals src or when decrypting, and otherwise (out-of-place encrypt)
 *   authenticates a copy of the AAD with E_salt(IV) in that place. So the
 *   MAC covers AAD[0..assoclen-ivsize) || E_salt(IV) except for an
 *   out-of-place decrypt, which authenticates the input AAD as it is. We
 *   reproduce both, including the write into dst's AAD area.
 * - Priority, blocksize, ivsize and maxauthsize are the inner aead's.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "alg/tmpl/aead.h"
#include "core/ct.h"

struct essiv_spawn {
	const struct ualg_alg *aead, *hash, *cipher;
};

struct essiv_ctx {
	struct ualg_tfm *aead, *hash, *cipher;
};

static int essiv_init_tfm(struct ualg_tfm *tfm)
{
	const struct essiv_spawn *s = tfm->alg->data;
	struct essiv_ctx *c = ualg_tfm_ctx(tfm);
	int r;

	r = ualg_tfm_new(s->aead, &c->aead);
	if (r >= 0)
		r = ualg_tfm_new(s->hash, &c->hash);
	if (r >= 0)
		r = ualg_tfm_new(s->cipher, &c->cipher);
	if (r < 0) {
		ualg_tfm_free(c->cipher);
		ualg_tfm_free(c->hash);
		ualg_tfm_free(c->aead);
	}
	return r;
}

static void essiv_exit_tfm(struct ualg_tfm *tfm)
{
	struct essiv_ctx *c = ualg_tfm_ctx(tfm);

	ualg_tfm_free(c->cipher);
	ualg_tfm_free(c->hash);
	ualg_tfm_free(c->aead);
}

static int essiv_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct essiv_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t salt[UALG_MAX_DIGESTSIZE];
	struct ualg_hash_desc *d;
	size_t akl, ekl;
	int r;

	r = ualg_tfm_setkey(c->aead, key, keylen);
	if (r < 0)
		return r;
	if (ualg_authenc_split_key(key, keylen, &akl, &ekl) < 0)
		return -EINVAL;
	key += UALG_AUTHENC_KEY_HDR;
	r = ualg_hash_desc_new(c->hash, &d);
	if (r < 0)
		return r;
	/* kernel essiv_aead_setkey: salt = H(enckey || authkey) */
	r = ualg_hash_init(d);
	if (r >= 0)
		r = ualg_hash_update(d, key + akl, ekl);
	if (r >= 0)
		r = ualg_hash_update(d, key, akl);
	if (r >= 0)
		r = ualg_hash_final(d, salt);
	ualg_hash_desc_free(d);
	if (r >= 0)
		r = ualg_tfm_setkey(c->cipher, salt, c->hash->alg->hash.digestsize);
	ualg_wipe(salt, sizeof(salt));
	return r;
}

static int essiv_crypt(struct ualg_aead_req *req, bool enc)
{
	struct ualg_tfm *tfm = req->tfm;
	struct essiv_ctx *c = ualg_tfm_ctx(tfm);
	unsigned int ivsize = tfm->alg->aead.ivsize;
	uint8_t eiv[UALG_MAX_BLOCKSIZE];
	struct ualg_authenc_ad ad = { .p = { req->src }, .n = { 0 } };
	size_t len = req->cryptlen;
	int r;

	if (req->assoclen < ivsize)
		return -EINVAL;
	if (!enc) {
		if (len < tfm->authsize)
			return -EINVAL;
		len -= tfm->authsize;
	}
	r = ualg_aead_setauthsize(c->aead, tfm->authsize);
	if (r < 0)
		return r;
	memcpy(eiv, req->iv, ivsize);
	r = c->cipher->alg->cipher.ops->encrypt(c->cipher, eiv, eiv, 1);
	if (r < 0)
		goto out;
	if (enc || req->src == req->dst) {
		ad.n[0] = req->assoclen - ivsize;
		ad.p[1] = eiv;
		ad.n[1] = ivsize;
	} else {
		ad.n[0] = req->assoclen;
	}
	r = ualg_authenc_crypt(c->aead, &ad, req->src + req->assoclen, req->dst + req->assoclen,
			       len, eiv,
			       enc ? req->dst + req->assoclen + len
				   : (uint8_t *)(uintptr_t)(req->src + req->assoclen + len),
			       enc);
	if (!enc || req->src == req->dst)
		memcpy(req->dst + req->assoclen - ivsize, eiv, ivsize);
out:
	ualg_wipe(eiv, sizeof(eiv));
	return r;
}

static int essiv_encrypt(struct ualg_aead_req *req)
{
	return essiv_crypt(req, true);
}

static int essiv_decrypt(struct ualg_aead_req *req)
{
	return essiv_crypt(req, false);
}

static const struct ualg_aead_ops essiv_ops = {
	.setkey = essiv_setkey,
	.encrypt = essiv_encrypt,
	.decrypt = essiv_decrypt,
};

static void essiv_destroy(struct ualg_alg *alg)
{
	free((void *)(uintptr_t)alg->data);
}

/* kernel parse_cipher_name: between the last '(' and the next ')' */
static int innermost_name(const char *name, char *out, size_t size)
{
	const char *p = strrchr(name, '('), *q;

	if (!p++)
		return -ENOENT;
	q = strchr(p, ')');
	if (!q || (size_t)(q - p) >= size)
		return -ENOENT;
	memcpy(out, p, (size_t)(q - p));
	out[q - p] = '\0';
	return 0;
}

/* see alg/tmpl/aead.h */
int ualg_essiv_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		      struct ualg_alg **ret)
{
	const struct ualg_alg *aead, *hash, *cipher, *kids[2];
	char cname[UALG_MAX_ALG_NAME];
	struct essiv_spawn *s;
	struct ualg_alg *inst;
	int r;

	r = ualg_alg_lookup_child(UALG_TYPE_AEAD, name->args[0], &aead);
	if (r < 0)
		return r;
	if (!ualg_authenc_enc_of(aead) || innermost_name(aead->name, cname, sizeof(cname)) < 0)
		return -ENOENT;
	r = ualg_alg_lookup_child(UALG_TYPE_HASH, name->args[1], &hash);
	if (r < 0)
		return r;
	r = ualg_alg_lookup_child(UALG_TYPE_CIPHER, cname, &cipher);
	if (r < 0)
		return r;
	if (((hash->flags & UALG_F_KEYED) && !(hash->flags & UALG_F_OPTIONAL_KEY)) ||
	    hash->hash.digestsize < cipher->cipher.min_keysize ||
	    hash->hash.digestsize > cipher->cipher.max_keysize ||
	    cipher->blocksize != aead->aead.ivsize || cipher->blocksize > UALG_MAX_BLOCKSIZE)
		return -ENOENT;
	inst = calloc(1, sizeof(*inst));
	s = calloc(1, sizeof(*s));
	if (!inst || !s) {
		free(inst);
		free(s);
		return -ENOMEM;
	}
	kids[0] = aead;
	kids[1] = hash;
	r = ualg_tmpl_set_names(inst, tmpl->name, kids, 2);
	if (r < 0) {
		free(inst);
		free(s);
		return r;
	}
	s->aead = aead;
	s->hash = hash;
	s->cipher = cipher;
	inst->type = UALG_TYPE_AEAD;
	inst->priority = aead->priority;
	inst->flags = UALG_F_KEYED;
	inst->blocksize = aead->blocksize;
	inst->ctxsize = sizeof(struct essiv_ctx);
	inst->init_tfm = essiv_init_tfm;
	inst->exit_tfm = essiv_exit_tfm;
	inst->aead.ops = &essiv_ops;
	inst->aead.ivsize = aead->aead.ivsize;
	inst->aead.maxauthsize = aead->aead.maxauthsize;
	inst->data = s;
	inst->destroy = essiv_destroy;
	*ret = inst;
	return 0;
}
