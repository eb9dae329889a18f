/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_KAT_H
#define UALG_ALG_KAT_H

/*
 * Known answers for the self-tests, as hex strings, one row per answer,
 * keyed by generic name. Each answer comes from a public standard (FIPS,
 * NIST SP, RFC) cited beside it; never from the kernel's testmgr.h.
 * Every algorithm whose name has rows must reproduce them all; one without
 * rows gets the class's consistency test (alg/selftest.c).
 */
#include <stdbool.h>
#include <stddef.h>

struct ualg_kat {
	const char *name;   /* generic name, e.g. "cbc(aes)" */
	const char *key;    /* NULL: no setkey */
	const char *iv;
	const char *assoc;  /* aead */
	const char *ptext;  /* hash: the message */
	const char *ctext;  /* hash: the digest; aead: ciphertext || tag */
	const char *iv_out; /* skcipher: expected output IV; NULL: not checked */
	unsigned int authsize; /* aead; 0: the default (maxauthsize) */
	bool fips_skip;	       /* a key FIPS mode refuses: not run there (testmgr's fips_skip) */
};

/* Tables terminated by a row with name == NULL (alg/kat/). */
extern const struct ualg_kat ualg_kat_cipher[];
extern const struct ualg_kat ualg_kat_hash[];
extern const struct ualg_kat ualg_kat_skcipher[];
extern const struct ualg_kat ualg_kat_aead[];

struct ualg_alg;

/*
 * Checks for algorithms no public standard gives answers for
 * (alg/kat/selfcheck.c), run before the class's consistency test: 0, or
 * -ELIBBAD. Table terminated by a row with name == NULL.
 */
struct ualg_selfcheck {
	const char *name; /* generic name */
	int (*fn)(const struct ualg_alg *alg);
};
extern const struct ualg_selfcheck ualg_selfchecks[];

/* RNG self-test, written by the rng family (it needs test entropy). */
int ualg_rng_selftest(const struct ualg_alg *alg);

#endif
