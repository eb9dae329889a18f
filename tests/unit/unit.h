/* SPDX-License-Identifier: MIT */
#ifndef UALG_TESTS_UNIT_UNIT_H
#define UALG_TESTS_UNIT_UNIT_H

/*
 * Helpers the unit tests share: a seeded xorshift generator (the same
 * inputs on every run), an engine transform by name, one final skcipher
 * request.
 */

#include <stdbool.h>
#include <stdint.h>

#include "test.h"
#include "alg/alg.h"

static uint64_t unit_rng_state = 0x9e3779b97f4a7c15ull;

static inline uint64_t rnd(void)
{
	unit_rng_state ^= unit_rng_state << 13;
	unit_rng_state ^= unit_rng_state >> 7;
	unit_rng_state ^= unit_rng_state << 17;
	return unit_rng_state;
}

static inline void rnd_bytes(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)rnd();
}

/* a transform of the named algorithm (checked), or NULL */
static inline struct ualg_tfm *unit_tfm(enum ualg_type type, const char *name)
{
	const struct ualg_alg *a;
	struct ualg_tfm *t = NULL;
	int r = ualg_alg_lookup(type, name, &a);

	CHECK_EQ(r, 0);
	if (r < 0)
		return NULL;
	CHECK_EQ(ualg_tfm_new(a, &t), 0);
	return t;
}

/* one final skcipher request: 0 or -errno */
static inline int unit_crypt(struct ualg_tfm *t, bool enc, const uint8_t *in, uint8_t *out,
			     size_t len, uint8_t *iv)
{
	struct ualg_skcipher_req req = {
		.tfm = t,
		.src = in,
		.dst = out,
		.len = len,
		.iv = iv,
		.final = true,
	};

	return enc ? ualg_skcipher_encrypt(&req) : ualg_skcipher_decrypt(&req);
}

#endif
