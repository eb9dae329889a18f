/* SPDX-License-Identifier: MIT */
/*
 * Transforms and the calls that drive them: the kernel's crypto_alloc_*,
 * crypto_*_setkey (with its NEED_KEY rules, spec §5.1) and the request entry
 * points. Implementations see only well-formed calls: keys are checked for
 * NEED_KEY here, lengths by the callers' rules.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "core/ct.h"
#include "core/lines.h"

/* see alg/alg.h */
int ualg_tfm_new(const struct ualg_alg *alg, struct ualg_tfm **ret)
{
	struct ualg_tfm *tfm;
	int r;

	/* a kernel driver name's view: the tfm belongs to what it stands for */
	if (alg->impl)
		alg = alg->impl;
	tfm = ualg_calloc_lines(sizeof(*tfm) + alg->ctxsize);
	if (!tfm)
		return -ENOMEM;
	tfm->alg = alg;
	if ((alg->flags & UALG_F_KEYED) && !(alg->flags & UALG_F_OPTIONAL_KEY))
		tfm->flags |= UALG_TFM_NEED_KEY;
	if (alg->type == UALG_TYPE_AEAD)
		tfm->authsize = alg->aead.maxauthsize;
	if (alg->init_tfm) {
		r = alg->init_tfm(tfm);
		if (r < 0) {
			ualg_free_secret(tfm, sizeof(*tfm) + alg->ctxsize);
			return r;
		}
	}
	/* the kernel's cra_refcnt: NETLINK_CRYPTO DELALG is -EBUSY while it counts */
	(void)__atomic_add_fetch(&((struct ualg_alg *)alg)->refcnt, 1, __ATOMIC_RELEASE);
	*ret = tfm;
	return 0;
}

/* see alg/alg.h */
void ualg_tfm_free(struct ualg_tfm *tfm)
{
	if (!tfm)
		return;
	if (tfm->alg->exit_tfm)
		tfm->alg->exit_tfm(tfm);
	ualg_free_secret(tfm->key, tfm->keylen);
	(void)__atomic_sub_fetch(&((struct ualg_alg *)tfm->alg)->refcnt, 1, __ATOMIC_RELEASE);
	ualg_free_secret(tfm, sizeof(*tfm) + tfm->alg->ctxsize);
}

/* the copy ualg_tfm_clone() keys clones with; NULL key: drop it */
static int keep_key(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	uint8_t *copy = NULL;

	if (key) {
		copy = malloc(keylen ? keylen : 1);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, key, keylen);
	}
	ualg_free_secret(tfm->key, tfm->keylen);
	tfm->key = copy;
	tfm->keylen = key ? keylen : 0;
	return 0;
}

/* see alg/alg.h */
int ualg_tfm_clone(const struct ualg_tfm *src, struct ualg_tfm **ret)
{
	struct ualg_tfm *tfm;
	int r;

	if (src->alg->type != UALG_TYPE_SKCIPHER && src->alg->type != UALG_TYPE_AEAD)
		return -EINVAL;
	r = ualg_tfm_new(src->alg, &tfm);
	if (r < 0)
		return r;
	tfm->authsize = src->authsize;
	if (src->key)
		r = ualg_tfm_setkey(tfm, src->key, src->keylen);
	if (r < 0) {
		ualg_tfm_free(tfm);
		return r;
	}
	*ret = tfm;
	return 0;
}

/* see alg/alg.h */
int ualg_tfm_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	const struct ualg_alg *alg = tfm->alg;
	int r;

	switch (alg->type) {
	case UALG_TYPE_HASH:
		if (!alg->hash.ops->setkey)
			return -ENOSYS; /* shash_no_setkey: state unchanged */
		r = alg->hash.ops->setkey(tfm, key, keylen);
		break;
	case UALG_TYPE_SKCIPHER:
		/* a length error is caught before the key is touched: old key kept */
		if (keylen < alg->skcipher.min_keysize || keylen > alg->skcipher.max_keysize)
			return -EINVAL;
		r = alg->skcipher.ops->setkey(tfm, key, keylen);
		break;
	case UALG_TYPE_CIPHER:
		if (keylen < alg->cipher.min_keysize || keylen > alg->cipher.max_keysize)
			r = -EINVAL;
		else
			r = alg->cipher.ops->setkey(tfm, key, keylen);
		break;
	case UALG_TYPE_AEAD:
		r = alg->aead.ops->setkey(tfm, key, keylen);
		break;
	case UALG_TYPE_RNG:
		return alg->rng.ops->seed(tfm, key, keylen);
	default:
		return -EINVAL;
	}
	/* any other failure leaves the tfm without a usable key */
	if (r < 0) {
		if (alg->flags & UALG_F_KEYED)
			tfm->flags |= UALG_TFM_NEED_KEY;
		(void)keep_key(tfm, NULL, 0);
		return r;
	}
	if (alg->type == UALG_TYPE_SKCIPHER || alg->type == UALG_TYPE_AEAD) {
		r = keep_key(tfm, key, keylen);
		if (r < 0) {
			tfm->flags |= UALG_TFM_NEED_KEY;
			return r;
		}
	}
	tfm->flags &= ~UALG_TFM_NEED_KEY;
	return 0;
}

/* ---- hash */

/* see alg/alg.h */
int ualg_hash_desc_new(struct ualg_tfm *tfm, struct ualg_hash_desc **ret)
{
	struct ualg_hash_desc *desc;

	desc = calloc(1, sizeof(*desc) + tfm->alg->hash.descsize);
	if (!desc)
		return -ENOMEM;
	desc->tfm = tfm;
	*ret = desc;
	return 0;
}

static void hash_desc_end(struct ualg_hash_desc *desc)
{
	const struct ualg_hash_ops *ops = desc->tfm->alg->hash.ops;

	if (!desc->live)
		return;
	if (ops->destroy)
		ops->destroy(desc);
	ualg_wipe(desc->ctx, desc->tfm->alg->hash.descsize);
	desc->live = false;
}

/* see alg/alg.h */
void ualg_hash_desc_free(struct ualg_hash_desc *desc)
{
	if (!desc)
		return;
	hash_desc_end(desc);
	if (desc->keep)
		desc->tfm->alg->hash.ops->release(desc);
	ualg_free_secret(desc, sizeof(*desc) + desc->tfm->alg->hash.descsize);
}

/* see alg/alg.h */
int ualg_hash_init(struct ualg_hash_desc *desc)
{
	int r;

	if (ualg_tfm_need_key(desc->tfm))
		return -ENOKEY;
	hash_desc_end(desc);
	r = desc->tfm->alg->hash.ops->init(desc);
	if (r < 0) {
		ualg_wipe(desc->ctx, desc->tfm->alg->hash.descsize);
		return r;
	}
	desc->live = true;
	return 0;
}

/* see alg/alg.h */
int ualg_hash_update(struct ualg_hash_desc *desc, const uint8_t *data, size_t len)
{
	if (!desc->live)
		return -EINVAL;
	if (!len)
		return 0;
	return desc->tfm->alg->hash.ops->update(desc, data, len);
}

/* see alg/alg.h */
int ualg_hash_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	int r;

	if (!desc->live)
		return -EINVAL;
	r = desc->tfm->alg->hash.ops->final(desc, out);
	hash_desc_end(desc);
	return r;
}

/* see alg/alg.h */
int ualg_hash_clone(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	int r;

	if (!src->live || dst->tfm->alg != src->tfm->alg)
		return -EINVAL;
	hash_desc_end(dst);
	r = src->tfm->alg->hash.ops->copy(dst, src);
	if (r < 0) {
		ualg_wipe(dst->ctx, dst->tfm->alg->hash.descsize);
		return r;
	}
	dst->live = true;
	return 0;
}

/* see alg/alg.h */
int ualg_hash_digest(struct ualg_tfm *tfm, const uint8_t *data, size_t len, uint8_t *out)
{
	struct ualg_hash_desc *desc;
	int r;

	r = ualg_hash_desc_new(tfm, &desc);
	if (r < 0)
		return r;
	r = ualg_hash_init(desc);
	if (r >= 0)
		r = ualg_hash_update(desc, data, len);
	if (r >= 0)
		r = ualg_hash_final(desc, out);
	ualg_hash_desc_free(desc);
	return r;
}

/* ---- skcipher */

/* see alg/alg.h */
int ualg_skcipher_encrypt(struct ualg_skcipher_req *req)
{
	if (ualg_tfm_need_key(req->tfm))
		return -ENOKEY;
	return req->tfm->alg->skcipher.ops->encrypt(req);
}

/* see alg/alg.h */
int ualg_skcipher_decrypt(struct ualg_skcipher_req *req)
{
	if (ualg_tfm_need_key(req->tfm))
		return -ENOKEY;
	return req->tfm->alg->skcipher.ops->decrypt(req);
}

/* ---- aead */

/* see alg/alg.h */
int ualg_aead_setauthsize(struct ualg_tfm *tfm, unsigned int authsize)
{
	const struct ualg_alg *alg = tfm->alg;
	int r;

	/* crypto_aead_setauthsize: 0 only for algorithms without a tag */
	if (authsize > alg->aead.maxauthsize || (!authsize && alg->aead.maxauthsize))
		return -EINVAL;
	if (alg->aead.ops->check_authsize) {
		r = alg->aead.ops->check_authsize(alg, authsize);
		if (r < 0)
			return r;
	}
	tfm->authsize = authsize;
	return 0;
}

/* see alg/alg.h */
int ualg_aead_encrypt(struct ualg_aead_req *req)
{
	if (ualg_tfm_need_key(req->tfm))
		return -ENOKEY;
	return req->tfm->alg->aead.ops->encrypt(req);
}

/* see alg/alg.h */
int ualg_aead_decrypt(struct ualg_aead_req *req)
{
	if (ualg_tfm_need_key(req->tfm))
		return -ENOKEY;
	if (req->cryptlen < req->tfm->authsize)
		return -EINVAL;
	return req->tfm->alg->aead.ops->decrypt(req);
}

/* ---- rng */

/* see alg/alg.h */
int ualg_rng_seed(struct ualg_tfm *tfm, const uint8_t *seed, size_t len)
{
	return tfm->alg->rng.ops->seed(tfm, seed, len);
}

/* see alg/alg.h */
int ualg_rng_generate(struct ualg_tfm *tfm, const uint8_t *addtl, size_t addtl_len, uint8_t *out,
		      size_t len)
{
	return tfm->alg->rng.ops->generate(tfm, addtl, addtl_len, out, len);
}

/* see alg/alg.h */
int ualg_rng_set_entropy(struct ualg_tfm *tfm, const uint8_t *ent, size_t len)
{
	if (!tfm->alg->rng.ops->set_entropy)
		return -ENOPROTOOPT;
	return tfm->alg->rng.ops->set_entropy(tfm, ent, len);
}
