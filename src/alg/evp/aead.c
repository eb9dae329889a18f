/* SPDX-License-Identifier: MIT */
/* aead leaves over OpenSSL: one row per algorithm (placeholder until the family lands). */
#include "alg/alg.h"

/* see alg/alg.h */
void ualg_aead_register(void)
{
}

/* see alg/alg.h */
const struct ualg_alias ualg_aead_aliases[] = {
	{ NULL, NULL },
};
