/* SPDX-License-Identifier: MIT */
/* Registration of our own hashes (alg/sw/): one row per algorithm. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "alg/sw/hash.h"
#include "core/cleanup.h"

static const struct ualg_sw_hash *const sw_hash_table[] = {
	&ualg_sw_crc32,		&ualg_sw_crc32c,      &ualg_sw_crct10dif,   &ualg_sw_crc64_rocksoft,
	&ualg_sw_digest_null,	&ualg_sw_michael_mic, &ualg_sw_xxhash64,    &ualg_sw_ghash, &ualg_sw_polyval,
	&ualg_sw_blake2b_160,	&ualg_sw_blake2b_256, &ualg_sw_blake2b_384, &ualg_sw_blake2b_512,
	&ualg_sw_nhpoly1305,
};

/* see alg/sw/hash.h */
int ualg_sw_hash_copy_plain(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	memcpy(dst->ctx, src->ctx, src->tfm->alg->hash.descsize);
	return 0;
}

/* see alg/sw/hash.h */
void ualg_sw_hash_register(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(sw_hash_table); i++) {
		const struct ualg_sw_hash *row = sw_hash_table[i];
		struct ualg_alg *alg = calloc(1, sizeof(*alg));

		if (!alg)
			return;
		snprintf(alg->name, sizeof(alg->name), "%s", row->name);
		snprintf(alg->driver, sizeof(alg->driver), "%s-ualg", row->name);
		alg->type = UALG_TYPE_HASH;
		alg->priority = 300;
		alg->flags = row->flags;
		alg->blocksize = row->blocksize;
		alg->ctxsize = row->ctxsize;
		alg->init_tfm = row->init_tfm;
		alg->exit_tfm = row->exit_tfm;
		alg->hash.ops = row->ops;
		alg->hash.digestsize = row->digestsize;
		alg->hash.descsize = row->descsize;
		alg->hash.statesize = row->statesize;
		alg->data = row;
		if (ualg_alg_register(alg) < 0)
			free(alg);
	}
}
