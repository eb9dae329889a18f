/* SPDX-License-Identifier: MIT */
/* hash leaves over OpenSSL: one row per algorithm (placeholder until the family lands). */
#include "alg/alg.h"

/* see alg/alg.h */
void ualg_hash_register(void)
{
}

/* see alg/alg.h */
const struct ualg_alias ualg_hash_aliases[] = {
	{ NULL, NULL },
};
