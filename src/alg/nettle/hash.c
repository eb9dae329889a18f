/* SPDX-License-Identifier: MIT */
/*
 * Streebog (GOST R 34.11-2012, RFC 6986) over GNU Nettle, one row per
 * digest size, named as the kernel's generic drivers
 * (crypto/streebog_generic.c). Both sizes share Nettle's 512-bit context
 * and update; they differ in the initial value and the output truncation.
 * The descriptor is Nettle's context itself (plain data), so cloning is a
 * copy; it is wiped on destroy because under hmac() it is key-derived.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nettle/streebog.h>

#include "alg/alg.h"
#include "alg/nettle/nettle.h"
#include "core/cleanup.h"
#include "core/ct.h"

/* the kernel's sizeof(struct streebog_state), as /proc/crypto shows it */
#define STREEBOG_KERNEL_STATESIZE 328

struct nettle_hash_row {
	const char *name, *driver;
	int priority;
	unsigned int digestsize;
	void (*init)(struct streebog512_ctx *ctx);
	void (*digest)(struct streebog512_ctx *ctx, size_t len, uint8_t *out);
};

static const struct nettle_hash_row nettle_hash_table[] = {
	{"streebog256", "streebog256-generic", 100, STREEBOG256_DIGEST_SIZE, streebog256_init,
	 streebog256_digest},
	{"streebog512", "streebog512-generic", 100, STREEBOG512_DIGEST_SIZE, streebog512_init,
	 streebog512_digest},
};

static const struct nettle_hash_row *desc_row(const struct ualg_hash_desc *desc)
{
	return desc->tfm->alg->data;
}

static int streebog_init(struct ualg_hash_desc *desc)
{
	desc_row(desc)->init(ualg_hash_desc_ctx(desc));
	return 0;
}

static int streebog_update(struct ualg_hash_desc *desc, const uint8_t *data, size_t len)
{
	if (len)
		streebog512_update(ualg_hash_desc_ctx(desc), len, data);
	return 0;
}

static int streebog_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	const struct nettle_hash_row *row = desc_row(desc);

	row->digest(ualg_hash_desc_ctx(desc), row->digestsize, out);
	return 0;
}

static int streebog_copy(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	memcpy(dst->ctx, src->ctx, sizeof(struct streebog512_ctx));
	return 0;
}

static void streebog_destroy(struct ualg_hash_desc *desc)
{
	ualg_wipe(ualg_hash_desc_ctx(desc), sizeof(struct streebog512_ctx));
}

static const struct ualg_hash_ops streebog_ops = {
	.init = streebog_init,
	.update = streebog_update,
	.final = streebog_final,
	.copy = streebog_copy,
	.destroy = streebog_destroy,
};

/* see alg/nettle/nettle.h */
void ualg_nettle_hash_register(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(nettle_hash_table); i++) {
		const struct nettle_hash_row *row = &nettle_hash_table[i];
		struct ualg_alg *alg = calloc(1, sizeof(*alg));

		if (!alg)
			return;
		snprintf(alg->name, sizeof(alg->name), "%s", row->name);
		snprintf(alg->driver, sizeof(alg->driver), "%s", row->driver);
		alg->type = UALG_TYPE_HASH;
		alg->priority = row->priority;
		alg->blocksize = STREEBOG512_BLOCK_SIZE;
		alg->hash.ops = &streebog_ops;
		alg->hash.digestsize = row->digestsize;
		alg->hash.descsize = sizeof(struct streebog512_ctx);
		alg->hash.statesize = STREEBOG_KERNEL_STATESIZE;
		alg->data = row;
		if (ualg_alg_register(alg) < 0)
			free(alg);
	}
}
