/* SPDX-License-Identifier: MIT */
/*
 * essiv(skcipher,hash) (crypto/essiv.c): the key goes to the skcipher as
 * is; H(key) keys a single-block cipher (the skcipher's inner cipher,
 * "aes" for "cbc(aes)") that encrypts each request's IV (the sector number)
 * before the skcipher runs with it. The output IV is what the skcipher
 * leaves (cbc: the last ciphertext block).
 */
#include <stdlib.h>
#include <string.h>

#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

static int essiv_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	const struct ualg_sk_inst *inst = ualg_sk_inst_of(tfm);
	struct ualg_sk_tctx *c = ualg_tfm_ctx(tfm);
	uint8_t salt[UALG_MAX_DIGESTSIZE];
	struct ualg_tfm *h;
	int r;

	r = ualg_tfm_setkey(c->child, key, keylen);
	if (r < 0)
		return r;
	r = ualg_tfm_new(inst->hash, &h);
	if (r < 0)
		return r;
	r = ualg_hash_digest(h, key, keylen, salt);
	ualg_tfm_free(h);
	if (r >= 0)
		r = ualg_tfm_setkey(c->child2, salt, inst->hash->hash.digestsize);
	ualg_wipe(salt, sizeof(salt));
	return r < 0 ? -EINVAL : 0;
}

static int essiv_crypt(struct ualg_skcipher_req *req, bool enc)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(req->tfm);
	struct ualg_skcipher_req sub = *req;
	int r;

	r = c->child2->alg->cipher.ops->encrypt(c->child2, req->iv, req->iv, 1);
	if (r < 0)
		return r;
	sub.tfm = c->child;
	return enc ? ualg_skcipher_encrypt(&sub) : ualg_skcipher_decrypt(&sub);
}

static int essiv_encrypt(struct ualg_skcipher_req *req)
{
	return essiv_crypt(req, true);
}

static int essiv_decrypt(struct ualg_skcipher_req *req)
{
	return essiv_crypt(req, false);
}

static const struct ualg_skcipher_ops essiv_ops = {
	.setkey = essiv_setkey,
	.encrypt = essiv_encrypt,
	.decrypt = essiv_decrypt,
};

/* "cbc(aes)" -> "aes": from the first '(' to the last ')' (essiv_get_base_cipher) */
static int inner_name(const char *name, char *out, size_t outsz)
{
	const char *a = strchr(name, '('), *b = strrchr(name, ')');
	size_t n;

	if (!a || !b || b <= a + 1 || b[1])
		return -EINVAL;
	n = (size_t)(b - a - 1);
	if (n >= outsz)
		return -EINVAL;
	memcpy(out, a + 1, n);
	out[n] = '\0';
	return 0;
}

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_essiv_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			   struct ualg_alg **ret)
{
	char base[UALG_MAX_ALG_NAME];
	struct ualg_sk_inst *inst;
	const struct ualg_alg *ch, *kids[2];
	int r;

	r = ualg_sk_inst_new(tmpl, name, UALG_TYPE_SKCIPHER, &essiv_ops, &inst);
	if (r < 0)
		return r;
	ch = inst->child;
	r = ualg_alg_lookup_child(UALG_TYPE_HASH, name->args[1], &inst->hash);
	if (r >= 0 && (inst->hash->flags & UALG_F_KEYED))
		r = -EINVAL;
	if (r >= 0)
		r = inner_name(ch->name, base, sizeof(base));
	if (r >= 0)
		r = ualg_alg_lookup_child(UALG_TYPE_CIPHER, base, &inst->child2);
	/* essiv_supported_algorithms: IV = one cipher block, digest a cipher key */
	if (r >= 0 && (inst->child2->blocksize != ch->skcipher.ivsize ||
		       inst->hash->hash.digestsize < inst->child2->cipher.min_keysize ||
		       inst->hash->hash.digestsize > inst->child2->cipher.max_keysize ||
		       ch->skcipher.statesize))
		r = -EINVAL;
	kids[0] = ch;
	kids[1] = inst->hash;
	if (r >= 0)
		r = ualg_tmpl_set_names(&inst->alg, tmpl->name, kids, 2);
	if (r < 0) {
		free(inst);
		return r;
	}
	*ret = &inst->alg;
	return 0;
}
