/* SPDX-License-Identifier: MIT */
/*
 * ansi_cprng: ANSI X9.31 Appendix A.2.4 with AES-128 (see ansi_cprng.h).
 *
 * Implementation Notes
 *
 * Mirrors the kernel's crypto/ansi_cprng.c (cprng_reset, reset_prng_context,
 * get_prng_bytes, _get_more_prng_bytes), written from its behaviour:
 *
 *   one block:  I = E_K(DT); R = E_K(I ^ V); V = E_K(R ^ I); DT += 1
 *               (DT is a 128-bit big-endian counter)
 *
 * R must differ from the previous block (the continuous test; the previous
 * block is zero after a reset): otherwise the generator needs a new seed
 * and the call fails with -EINVAL, its output zeroed. Bytes are served as a
 * stream: "used" counts the bytes of R already handed out, so a 5-byte call
 * followed by a 16-byte one gives R0[0..5) R0[5..16) R1[0..5).
 *
 * The cipher is the "aes" leaf of this engine (alg/evp/cipher.c). Not
 * constant-time beyond what that leaf is; the continuous test compares
 * public-to-the-caller output only.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "alg/sw/ansi_cprng.h"
#include "core/ct.h"

#define CPRNG_BLOCK 16
#define CPRNG_KEYLEN 16

/* crypto/ansi_cprng.c DEFAULT_PRNG_KEY / DEFAULT_V_SEED: the state of a fresh tfm */
static const uint8_t cprng_default_key[CPRNG_KEYLEN] = "0123456789abcdef";
static const uint8_t cprng_default_v[CPRNG_BLOCK] = "zaybxcwdveuftgsh";

struct cprng_ctx {
	struct ualg_tfm *aes;
	uint8_t dt[CPRNG_BLOCK];
	uint8_t v[CPRNG_BLOCK];
	uint8_t i[CPRNG_BLOCK];
	uint8_t r[CPRNG_BLOCK];
	uint8_t last[CPRNG_BLOCK];
	unsigned int used; /* bytes of r handed out; CPRNG_BLOCK: none left */
	bool need_reset;
};

static int cprng_encrypt(struct cprng_ctx *c, uint8_t *out, const uint8_t *in)
{
	return c->aes->alg->cipher.ops->encrypt(c->aes, out, in, 1);
}

static void xor16(uint8_t *out, const uint8_t *a, const uint8_t *b)
{
	for (int k = 0; k < CPRNG_BLOCK; k++)
		out[k] = a[k] ^ b[k];
}

static int cprng_reset(struct cprng_ctx *c, const uint8_t *key, const uint8_t *v, const uint8_t *dt)
{
	int r;

	c->need_reset = true;
	memcpy(c->v, v, CPRNG_BLOCK);
	if (dt)
		memcpy(c->dt, dt, CPRNG_BLOCK);
	else
		memset(c->dt, 0, CPRNG_BLOCK);
	memset(c->r, 0, CPRNG_BLOCK);
	memset(c->last, 0, CPRNG_BLOCK);
	memset(c->i, 0, CPRNG_BLOCK);
	c->used = CPRNG_BLOCK;
	r = ualg_tfm_setkey(c->aes, key, CPRNG_KEYLEN);
	if (r < 0)
		return r;
	c->need_reset = false;
	return 0;
}

/* one X9.31 step into c->r */
static int cprng_block(struct cprng_ctx *c)
{
	uint8_t tmp[CPRNG_BLOCK];
	int r;

	r = cprng_encrypt(c, c->i, c->dt);
	if (r >= 0) {
		xor16(tmp, c->i, c->v);
		r = cprng_encrypt(c, c->r, tmp);
	}
	if (r >= 0 && !memcmp(c->r, c->last, CPRNG_BLOCK)) {
		/* continuous test failed: refuse until reseeded */
		c->need_reset = true;
		r = -EINVAL;
	}
	if (r >= 0) {
		memcpy(c->last, c->r, CPRNG_BLOCK);
		xor16(tmp, c->r, c->i);
		r = cprng_encrypt(c, c->v, tmp);
	}
	ualg_wipe(tmp, sizeof(tmp));
	if (r < 0)
		return r;
	for (int k = CPRNG_BLOCK - 1; k >= 0; k--)
		if (++c->dt[k])
			break;
	c->used = 0;
	return 0;
}

static int cprng_init_tfm(struct ualg_tfm *tfm)
{
	struct cprng_ctx *c = ualg_tfm_ctx(tfm);
	const struct ualg_alg *aes;
	int r;

	r = ualg_alg_lookup_child(UALG_TYPE_CIPHER, "aes", &aes);
	if (r < 0)
		return r;
	r = ualg_tfm_new(aes, &c->aes);
	if (r < 0)
		return r;
	r = cprng_reset(c, cprng_default_key, cprng_default_v, NULL);
	if (r < 0) {
		ualg_tfm_free(c->aes);
		c->aes = NULL;
		return r;
	}
	/* the defaults are not a seed: the user must reset (kernel cprng_init) */
	c->need_reset = true;
	return 0;
}

static void cprng_exit_tfm(struct ualg_tfm *tfm)
{
	struct cprng_ctx *c = ualg_tfm_ctx(tfm);

	ualg_tfm_free(c->aes);
	ualg_wipe(c, sizeof(*c));
}

static int cprng_seed(struct ualg_tfm *tfm, const uint8_t *seed, size_t len)
{
	struct cprng_ctx *c = ualg_tfm_ctx(tfm);

	/* crypto/ansi_cprng.c cprng_reset: V and key required, DT optional */
	if (len < CPRNG_BLOCK + CPRNG_KEYLEN)
		return -EINVAL;
	if (cprng_reset(c, seed + CPRNG_BLOCK, seed,
			len >= 2 * CPRNG_BLOCK + CPRNG_KEYLEN ? seed + CPRNG_BLOCK + CPRNG_KEYLEN
							      : NULL) < 0 ||
	    c->need_reset)
		return -EINVAL;
	return 0;
}

static int cprng_generate(struct ualg_tfm *tfm, const uint8_t *addtl, size_t addtl_len,
			  uint8_t *out, size_t len)
{
	struct cprng_ctx *c = ualg_tfm_ctx(tfm);
	size_t done = 0;
	int r;

	if (c->need_reset)
		return -EINVAL;
	while (done < len) {
		size_t n;

		if (c->used == CPRNG_BLOCK) {
			r = cprng_block(c);
			if (r < 0) {
				memset(out, 0, len);
				return r;
			}
		}
		n = CPRNG_BLOCK - c->used;
		if (n > len - done)
			n = len - done;
		memcpy(out + done, c->r + c->used, n);
		c->used += (unsigned int)n;
		done += n;
	}
	return 0;
}

/* see alg/sw/ansi_cprng.h */
const struct ualg_rng_ops ualg_ansi_cprng_ops = {
	.seed = cprng_seed,
	.generate = cprng_generate,
};

/* see alg/sw/ansi_cprng.h */
void ualg_ansi_cprng_register(void)
{
	struct ualg_alg *alg;

	/* "aes" is looked up per tfm: no lookup may run during registration */
	alg = calloc(1, sizeof(*alg));
	if (!alg)
		return;
	/* the kernel registers it as an "stdrng" of low priority */
	snprintf(alg->name, sizeof(alg->name), "stdrng");
	snprintf(alg->driver, sizeof(alg->driver), "ansi_cprng");
	alg->type = UALG_TYPE_RNG;
	alg->priority = 100;
	alg->ctxsize = sizeof(struct cprng_ctx);
	alg->init_tfm = cprng_init_tfm;
	alg->exit_tfm = cprng_exit_tfm;
	alg->rng.ops = &ualg_ansi_cprng_ops;
	alg->rng.seedsize = CPRNG_KEYLEN + 2 * CPRNG_BLOCK;
	if (ualg_alg_register(alg) < 0)
		free(alg);
}

/* ---- self-test */

static int cprng_run(const struct ualg_alg *alg, const uint8_t *seed, size_t slen, uint8_t *out,
		     size_t len)
{
	struct ualg_tfm *tfm;
	int r;

	r = ualg_tfm_new(alg, &tfm);
	if (r < 0)
		return r;
	r = ualg_rng_seed(tfm, seed, slen);
	if (r >= 0) {
		/* in two pieces: the stream must not depend on the split */
		r = ualg_rng_generate(tfm, NULL, 0, out, 5);
		if (r >= 0)
			r = ualg_rng_generate(tfm, NULL, 0, out + 5, len - 5);
	}
	ualg_tfm_free(tfm);
	return r;
}

/* see alg/sw/ansi_cprng.h */
int ualg_ansi_cprng_selftest(const struct ualg_alg *alg)
{
	uint8_t seed[48], a[40], b[40], c[40];
	struct ualg_tfm *tfm;
	int r;

	for (size_t k = 0; k < sizeof(seed); k++)
		seed[k] = (uint8_t)(k * 37 + 11);
	if (cprng_run(alg, seed, 48, a, sizeof(a)) < 0 ||
	    cprng_run(alg, seed, 48, b, sizeof(b)) < 0)
		return -ELIBBAD;
	if (memcmp(a, b, sizeof(a)) || !memcmp(a, a + 16, 16))
		return -ELIBBAD;
	seed[47] ^= 1; /* another DT */
	if (cprng_run(alg, seed, 48, c, sizeof(c)) < 0 || !memcmp(a, c, 16))
		return -ELIBBAD;
	seed[47] ^= 1;
	seed[20] ^= 1; /* another key */
	if (cprng_run(alg, seed, 48, c, sizeof(c)) < 0 || !memcmp(a, c, 16))
		return -ELIBBAD;
	/* unseeded and short seeds are refused */
	r = ualg_tfm_new(alg, &tfm);
	if (r < 0)
		return r == -ENOMEM ? r : -ELIBBAD;
	if (ualg_rng_generate(tfm, NULL, 0, c, 16) != -EINVAL ||
	    ualg_rng_seed(tfm, seed, 31) != -EINVAL)
		r = -ELIBBAD;
	ualg_tfm_free(tfm);
	ualg_wipe(a, sizeof(a));
	ualg_wipe(b, sizeof(b));
	ualg_wipe(c, sizeof(c));
	return r < 0 ? r : 0;
}
