/* SPDX-License-Identifier: MIT */
/*
 * The kernel's "xxhash64" over libxxhash's XXH64 streaming API: optional
 * 8-byte little-endian seed as the key (default 0; other lengths -EINVAL),
 * 8-byte little-endian digest. OpenSSL has no xxhash. A non-cryptographic
 * checksum: no secrecy claims, but the state is still wiped on destroy.
 *
 * XXH_STATIC_LINKING_ONLY is defined only so that sizeof(XXH64_state_t) is
 * known for the wipe; the state itself comes from XXH64_createState().
 */
#define XXH_STATIC_LINKING_ONLY
#include <xxhash.h>

#include "alg/alg.h"
#include "alg/sw/hash.h"
#include "core/ct.h"

struct xxh_tfm {
	uint64_t seed;
};

struct xxh_desc {
	XXH64_state_t *st;
};

static int xxh_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct xxh_tfm *t = ualg_tfm_ctx(tfm);

	if (keylen != 8)
		return -EINVAL;
	t->seed = ualg_get_le64(key);
	return 0;
}

static void xxh_destroy(struct ualg_hash_desc *desc)
{
	struct xxh_desc *d = ualg_hash_desc_ctx(desc);

	if (!d->st)
		return;
	ualg_wipe(d->st, sizeof(*d->st));
	XXH64_freeState(d->st);
	d->st = NULL;
}

static int xxh_init(struct ualg_hash_desc *desc)
{
	uint64_t seed = ((struct xxh_tfm *)ualg_tfm_ctx(desc->tfm))->seed;
	struct xxh_desc *d = ualg_hash_desc_ctx(desc);

	d->st = XXH64_createState();
	if (!d->st)
		return -ENOMEM;
	if (XXH64_reset(d->st, seed) != XXH_OK) {
		xxh_destroy(desc);
		return -EINVAL;
	}
	return 0;
}

static int xxh_update(struct ualg_hash_desc *desc, const uint8_t *p, size_t len)
{
	struct xxh_desc *d = ualg_hash_desc_ctx(desc);

	return XXH64_update(d->st, p, len) == XXH_OK ? 0 : -EINVAL;
}

static int xxh_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	struct xxh_desc *d = ualg_hash_desc_ctx(desc);

	ualg_put_le64(out, XXH64_digest(d->st));
	return 0;
}

static int xxh_copy(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	const struct xxh_desc *s = (const struct xxh_desc *)src->ctx;
	struct xxh_desc *d = ualg_hash_desc_ctx(dst);

	d->st = XXH64_createState();
	if (!d->st)
		return -ENOMEM;
	XXH64_copyState(d->st, s->st);
	return 0;
}

static const struct ualg_hash_ops xxh_ops = {
	.setkey = xxh_setkey,
	.init = xxh_init,
	.update = xxh_update,
	.final = xxh_final,
	.copy = xxh_copy,
	.destroy = xxh_destroy,
};

/* see alg/sw/hash.h */
const struct ualg_sw_hash ualg_sw_xxhash64 = {
	.name = "xxhash64",
	.digestsize = 8,
	.blocksize = 32,
	.ctxsize = sizeof(struct xxh_tfm),
	.descsize = sizeof(struct xxh_desc),
	.statesize = sizeof(XXH64_state_t),
	.flags = UALG_F_OPTIONAL_KEY,
	.ops = &xxh_ops,
};
