/* SPDX-License-Identifier: MIT */
/* rng leaves over OpenSSL: one row per algorithm (placeholder until the family lands). */
#include "alg/alg.h"
#include "alg/kat.h"

/* see alg/alg.h */
void ualg_rng_register(void)
{
}

/* see alg/alg.h */
const struct ualg_alias ualg_rng_aliases[] = {
	{ NULL, NULL },
};

/* see alg/kat.h */
int ualg_rng_selftest(const struct ualg_alg *alg)
{
	(void)alg;
	return -ELIBBAD; /* no rng implementation yet: never hand one out */
}
