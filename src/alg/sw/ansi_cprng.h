/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_SW_ANSI_CPRNG_H
#define UALG_ALG_SW_ANSI_CPRNG_H

/*
 * ansi_cprng: the ANSI X9.31 Appendix A.2.4 generator over AES-128, as the
 * kernel's crypto/ansi_cprng.c offers it (cra_name "stdrng", driver
 * "ansi_cprng", priority 100). OpenSSL 3 has no X9.31 PRNG, so it is
 * written here over the "aes" single-block cipher leaf.
 *
 * Seed (crypto_rng_reset): V (16) || key (16) [|| DT (16)]. Fewer than 32
 * bytes: -EINVAL and the state is unchanged; 32 to 47 bytes: DT starts at
 * zero; 48 or more: DT is taken from the seed (extra bytes ignored).
 * A fresh tfm must be seeded: until then generate gives -EINVAL.
 * Output is a byte stream: a partly used block is consumed first by the
 * next call. Additional input is ignored.
 */
#include "alg/class.h"

/* Register the ansi_cprng algorithm (called by the rng family). */
void ualg_ansi_cprng_register(void);

/*
 * Self-test: X9.31 known answers computed independently are not public in a
 * citable form here, so a consistency test: two tfms with one seed agree,
 * a different DT or key disagrees, an unseeded tfm refuses and a short
 * seed is refused. 0 or -ELIBBAD.
 */
int ualg_ansi_cprng_selftest(const struct ualg_alg *alg);

/* The ops of the algorithm (to recognise it). */
extern const struct ualg_rng_ops ualg_ansi_cprng_ops;

#endif
