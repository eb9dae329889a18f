/* SPDX-License-Identifier: MIT */
/*
 * The AF_ALG socket types (the kernel's af_alg_type rows registered by
 * algif_hash.c, algif_skcipher.c, algif_aead.c and algif_rng.c): the bind
 * type string, the algorithm type looked up, the op-socket ops and the ops
 * of a child accepted before a key existed (spec §4 step 5, §6.3).
 */
#include <string.h>

#include "core/cleanup.h"
#include "sock/internal.h"

static const struct ualg_sock_type sock_type_table[] = {
	{
		.name = "hash",
		.alg_type = UALG_TYPE_HASH,
		.ops = &ualg_sock_hash_ops,
		.ops_nokey = &ualg_sock_nokey_ops,
		.init = ualg_sock_hash_init,
		.release = ualg_sock_hash_release,
	},
	{
		.name = "skcipher",
		.alg_type = UALG_TYPE_SKCIPHER,
		.ops = &ualg_sock_skcipher_ops,
		.ops_nokey = &ualg_sock_nokey_ops,
		.init = ualg_sock_skcipher_init,
		.release = ualg_sock_ctx_release,
	},
	{
		.name = "aead",
		.alg_type = UALG_TYPE_AEAD,
		.ops = &ualg_sock_aead_ops,
		.ops_nokey = &ualg_sock_nokey_ops,
		.setauthsize = true,
		.init = ualg_sock_aead_init,
		.release = ualg_sock_ctx_release,
	},
	{
		/* rng children are never nokey: seeding is not a key (spec §6.3) */
		.name = "rng",
		.alg_type = UALG_TYPE_RNG,
		.ops = &ualg_sock_rng_ops,
	},
};

/* see sock/internal.h */
const struct ualg_sock_type *ualg_sock_type_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(sock_type_table); i++)
		if (!strcmp(sock_type_table[i].name, name))
			return &sock_type_table[i];
	return NULL;
}
