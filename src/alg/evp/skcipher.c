/* SPDX-License-Identifier: MIT */
/* skcipher leaves over OpenSSL: one row per algorithm (placeholder until the family lands). */
#include "alg/alg.h"

/* see alg/alg.h */
void ualg_skcipher_register(void)
{
}

/* see alg/alg.h */
const struct ualg_alias ualg_skcipher_aliases[] = {
	{ NULL, NULL },
};
