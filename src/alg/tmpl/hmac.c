/* SPDX-License-Identifier: MIT */
/*
 * hmac(H) (RFC 2104) over any unkeyed hash of the registry, through the hash
 * class operations only, the kernel's crypto/hmac.c way:
 *
 * - setkey hashes a key longer than the block size, pads it to the block
 *   size, and precomputes two child descriptors that have absorbed
 *   K ^ ipad and K ^ opad. Any key length, 0 included, is valid.
 * - init clones the inner descriptor into the instance descriptor's child
 *   descriptor, made at its first stream and kept in its keep slot for the
 *   next ones (class.h); final finishes the inner hash, clones the outer
 *   descriptor and hashes the inner digest.
 * - The instance inherits the child's priority. The direct OpenSSL leaves
 *   ("hmac-sha256-ualg", alg/evp/hash.c) are registered first with the same
 *   or a higher priority, so the generic name prefers them; "hmac(sha256-ualg)"
 *   reaches this template.
 *
 * Constant time: as the child hash; key handling has no secret branches.
 */
#include <string.h>

#include "alg/tmpl/hash.h"
#include "alg/tmpl/spawn.h"
#include "core/ct.h"

#define HMAC_MAX_BLOCK 256

struct hmac_tfm {
	/* first: ualg_spawn_init_tfm() makes it */
	struct ualg_tfm *child;
	struct ualg_hash_desc *ipad, *opad; /* live after setkey */
};

/* the instance descriptor's child descriptor: desc->keep, made on first use */
static struct ualg_hash_desc *inner(struct ualg_hash_desc *desc)
{
	const struct hmac_tfm *t = ualg_tfm_ctx(desc->tfm);

	if (!desc->keep && ualg_hash_desc_new(t->child, (struct ualg_hash_desc **)&desc->keep) < 0)
		return NULL;
	return desc->keep;
}

static void hmac_exit_tfm(struct ualg_tfm *tfm)
{
	struct hmac_tfm *t = ualg_tfm_ctx(tfm);

	ualg_hash_desc_free(t->ipad);
	ualg_hash_desc_free(t->opad);
	ualg_tfm_free(t->child);
}

/* a new child descriptor that has absorbed key ^ pad (bs bytes) */
static int pad_desc(struct ualg_tfm *child, const uint8_t *key, uint8_t pad, size_t bs,
		    struct ualg_hash_desc **ret)
{
	uint8_t block[HMAC_MAX_BLOCK];
	struct ualg_hash_desc *d;
	int r;

	for (size_t i = 0; i < bs; i++)
		block[i] = key[i] ^ pad;
	r = ualg_hash_desc_new(child, &d);
	if (r >= 0)
		r = ualg_hash_init(d);
	if (r >= 0)
		r = ualg_hash_update(d, block, bs);
	ualg_wipe(block, sizeof(block));
	if (r < 0) {
		ualg_hash_desc_free(d);
		return r;
	}
	*ret = d;
	return 0;
}

static int hmac_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct hmac_tfm *t = ualg_tfm_ctx(tfm);
	size_t bs = tfm->alg->blocksize;
	uint8_t k[HMAC_MAX_BLOCK] = { 0 };
	struct ualg_hash_desc *ipad = NULL, *opad = NULL;
	int r = ualg_fips_hmac_key(keylen);

	if (r < 0)
		return r;
	if (keylen > bs)
		r = ualg_hash_digest(t->child, key, keylen, k);
	else if (keylen)
		memcpy(k, key, keylen);
	if (r >= 0)
		r = pad_desc(t->child, k, 0x36, bs, &ipad);
	if (r >= 0)
		r = pad_desc(t->child, k, 0x5c, bs, &opad);
	ualg_wipe(k, sizeof(k));
	if (r < 0) {
		ualg_hash_desc_free(ipad);
		return r;
	}
	ualg_hash_desc_free(t->ipad);
	ualg_hash_desc_free(t->opad);
	t->ipad = ipad;
	t->opad = opad;
	return 0;
}

static int hmac_init(struct ualg_hash_desc *desc)
{
	struct hmac_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct ualg_hash_desc *cd = inner(desc);

	return cd ? ualg_hash_clone(cd, t->ipad) : -ENOMEM;
}

static int hmac_update(struct ualg_hash_desc *desc, const uint8_t *data, size_t len)
{
	return ualg_hash_update(desc->keep, data, len);
}

static int hmac_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	struct hmac_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct ualg_hash_desc *cd = desc->keep;
	unsigned int ds = desc->tfm->alg->hash.digestsize;
	uint8_t ih[UALG_MAX_DIGESTSIZE];
	int r;

	r = ualg_hash_final(cd, ih);
	if (r >= 0)
		r = ualg_hash_clone(cd, t->opad);
	if (r >= 0)
		r = ualg_hash_update(cd, ih, ds);
	if (r >= 0)
		r = ualg_hash_final(cd, out);
	ualg_wipe(ih, sizeof(ih));
	return r;
}

static int hmac_copy(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	struct ualg_hash_desc *dcd = inner(dst);

	return dcd ? ualg_hash_clone(dcd, src->keep) : -ENOMEM;
}

static void hmac_release(struct ualg_hash_desc *desc)
{
	ualg_hash_desc_free(desc->keep);
	desc->keep = NULL;
}

static const struct ualg_hash_ops hmac_ops = {
	.setkey = hmac_setkey,
	.init = hmac_init,
	.update = hmac_update,
	.final = hmac_final,
	.copy = hmac_copy,
	.release = hmac_release,
};

/* see alg/tmpl/hash.h */
int ualg_hmac_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		     struct ualg_alg **ret)
{
	const struct ualg_alg *child;
	struct ualg_alg *inst;
	unsigned int ds, bs;
	int r;

	r = ualg_alg_lookup_child(UALG_TYPE_HASH, name->args[0], &child);
	if (r < 0)
		return r;
	ds = child->hash.digestsize;
	bs = child->blocksize;
	/* the kernel's hmac_create: an unkeyed hash whose digest fits its block */
	if (child->hash.ops->setkey || !ds || ds > bs || bs > HMAC_MAX_BLOCK ||
	    ds > UALG_MAX_DIGESTSIZE)
		return -ENOENT;
	r = ualg_spawn_inst_new(tmpl->name, &child, 1, sizeof(*inst), &inst);
	if (r < 0)
		return r;
	inst->type = UALG_TYPE_HASH;
	inst->priority = child->priority;
	inst->flags = UALG_F_KEYED;
	inst->blocksize = bs;
	inst->ctxsize = sizeof(struct hmac_tfm);
	inst->init_tfm = ualg_spawn_init_tfm;
	inst->exit_tfm = hmac_exit_tfm;
	inst->hash.ops = &hmac_ops;
	inst->hash.digestsize = ds;
	inst->hash.statesize = child->hash.statesize;
	inst->data = child;
	*ret = inst;
	return 0;
}
