/* SPDX-License-Identifier: MIT */
/*
 * The rng family: the kernel's SP 800-90A DRBGs over OpenSSL's EVP_RAND,
 * jitterentropy_rng over getrandom(), and ansi_cprng (alg/sw/ansi_cprng.c).
 *
 * Implementation Notes
 *
 * Names (crypto/drbg.c drbg_fill_array): every DRBG has cra_name "stdrng"
 * and the driver name "drbg_pr_<core>" or "drbg_nopr_<core>"; priorities
 * grow along the kernel's drbg_cores[] order, all pr variants first, so
 * "stdrng" resolves to drbg_nopr_hmac_sha512, as in Linux 7.2 (where it is
 * the only DRBG left). Binding a driver name picks that DRBG exactly.
 *
 * States of a DRBG tfm (crypto/drbg.c drbg_kcapi_seed, drbg_instantiate,
 * drbg_generate):
 *
 *   unseeded   ctx->drbg == NULL: generate gives -EINVAL (kernel: no core).
 *   seeded     seed() instantiated it: fresh entropy || seed bytes as the
 *              personalisation string; a later seed() is a reseed with the
 *              seed bytes as additional input, as drbg_instantiate does
 *              when the core is already set.
 *
 * Entropy: normally OpenSSL's "SEED-SRC" (the OS source, getrandom() on
 * Linux) is the parent of the DRBG; OpenSSL then reseeds on its own
 * schedule and after fork(). With test entropy (set_entropy, the kernel's
 * CAVP interface crypto_drbg_reset_test / drbg_kcapi_set_entropy) the
 * parent is a "TEST-RAND" fed by us, and every draw uses the whole test
 * buffer, as the kernel does: at instantiation the buffer is the kernel's
 * entropy || nonce (1.5 x strength), which OpenSSL takes as separate
 * inputs, so its last third is passed as the nonce (SP 800-90A
 * concatenates entropy || nonce || personalisation for every mechanism,
 * so the split does not change the result); at a reseed (prediction
 * resistance: before every generate of a drbg_pr_*) the whole buffer is
 * the entropy. OpenSSL's own reseed schedule is switched off in test mode
 * so that only the kernel's reseeds happen.
 *
 * Generate: output longer than 64 KiB is produced in 64 KiB requests with
 * the same additional input, each with its own prediction-resistance
 * reseed (crypto/drbg.c drbg_generate_long). With prediction resistance
 * the additional input goes into the reseed, not into the generate
 * (SP 800-90A 9.3.1 step 7; OpenSSL and the kernel agree).
 *
 * Known limitation: test entropy set after a normal seed takes effect at
 * the next seed (which then instantiates afresh), not at the next
 * prediction-resistance reseed.
 *
 * Constant time: as OpenSSL's DRBGs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/random.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "alg/alg.h"
#include "alg/kat.h"
#include "alg/evp/evp.h"
#include "alg/sw/ansi_cprng.h"
#include "core/ct.h"

/* crypto/drbg.c drbg_max_request_bytes(): one generate request */
#define DRBG_MAX_REQUEST (1u << 16)

enum drbg_kind {
	DRBG_CTR,
	DRBG_HASH,
	DRBG_HMAC,
};

struct drbg_kind_info {
	const char *evp;   /* EVP_RAND name */
	const char *param; /* the parameter naming the primitive */
};

static const struct drbg_kind_info drbg_kinds[] = {
	[DRBG_CTR] = { "CTR-DRBG", OSSL_DRBG_PARAM_CIPHER },
	[DRBG_HASH] = { "HASH-DRBG", OSSL_DRBG_PARAM_DIGEST },
	[DRBG_HMAC] = { "HMAC-DRBG", OSSL_DRBG_PARAM_DIGEST },
};

struct drbg_core {
	const char *name;   /* crypto/drbg.c drbg_core.cra_name */
	enum drbg_kind kind;
	const char *prim;   /* OpenSSL cipher or digest */
	unsigned int strength; /* security strength in bytes (drbg_sec_strength) */
};

/* the kernel's drbg_cores[] order (5.14+): the later, the higher the priority */
static const struct drbg_core drbg_cores[] = {
	{ "ctr_aes128", DRBG_CTR, "AES-128-CTR", 16 },
	{ "ctr_aes192", DRBG_CTR, "AES-192-CTR", 24 },
	{ "ctr_aes256", DRBG_CTR, "AES-256-CTR", 32 },
	{ "sha1", DRBG_HASH, "SHA1", 16 },
	{ "sha384", DRBG_HASH, "SHA2-384", 32 },
	{ "sha512", DRBG_HASH, "SHA2-512", 32 },
	{ "sha256", DRBG_HASH, "SHA2-256", 32 },
	{ "hmac_sha1", DRBG_HMAC, "SHA1", 16 },
	{ "hmac_sha384", DRBG_HMAC, "SHA2-384", 32 },
	{ "hmac_sha256", DRBG_HMAC, "SHA2-256", 32 },
	{ "hmac_sha512", DRBG_HMAC, "SHA2-512", 32 },
};

#define DRBG_NCORES (sizeof(drbg_cores) / sizeof(drbg_cores[0]))
/* crypto/drbg.c drbg_fill_array: the first DRBG registered gets 200 */
#define DRBG_BASE_PRIORITY 200

/* one registered DRBG: a core with or without prediction resistance */
struct drbg_variant {
	const struct drbg_core *core;
	bool pr;
};

/* [0][i]: drbg_pr_<core i>, [1][i]: drbg_nopr_<core i> (registration order) */
static const struct drbg_variant drbg_variants[2][DRBG_NCORES] = {
#define V(i) { &drbg_cores[i], true }
	{ V(0), V(1), V(2), V(3), V(4), V(5), V(6), V(7), V(8), V(9), V(10) },
#undef V
#define V(i) { &drbg_cores[i], false }
	{ V(0), V(1), V(2), V(3), V(4), V(5), V(6), V(7), V(8), V(9), V(10) },
#undef V
};

_Static_assert(DRBG_NCORES == 11, "drbg_variants lists every core");

struct drbg_ctx {
	EVP_RAND_CTX *parent; /* SEED-SRC, or TEST-RAND when test_mode */
	EVP_RAND_CTX *drbg;   /* NULL: unseeded */
	bool test_mode;       /* parent is the TEST-RAND fed with test_ent */
	uint8_t *test_ent;    /* set_entropy buffer, NULL when unset */
	size_t test_len;
};

static const struct drbg_variant *drbg_variant(const struct ualg_tfm *tfm)
{
	return tfm->alg->data;
}

static EVP_RAND_CTX *rand_new(const char *name, EVP_RAND_CTX *parent)
{
	EVP_RAND *rand = ualg_evp_rand_get(name);

	return rand ? EVP_RAND_CTX_new(rand, parent) : NULL;
}

static void drbg_release(struct drbg_ctx *c)
{
	/* EVP_RAND_CTX_free uninstantiates, which cleanses the DRBG state */
	EVP_RAND_CTX_free(c->drbg);
	EVP_RAND_CTX_free(c->parent);
	c->drbg = NULL;
	c->parent = NULL;
	c->test_mode = false;
}

/* feed the TEST-RAND parent: entropy (and a nonce when nonce_len > 0) */
static int drbg_feed(struct drbg_ctx *c, const uint8_t *ent, size_t ent_len, const uint8_t *nonce,
		     size_t nonce_len)
{
	OSSL_PARAM p[3], *q = p;

	*q++ = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_ENTROPY, (void *)ent,
						 ent_len);
	if (nonce_len)
		*q++ = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_NONCE, (void *)nonce,
							 nonce_len);
	*q = OSSL_PARAM_construct_end();
	return EVP_RAND_CTX_set_params(c->parent, p) ? 0 : -EINVAL;
}

/* make parent and DRBG (not instantiated), test_mode selecting the parent */
static int drbg_build(struct drbg_ctx *c, const struct drbg_variant *v, bool test_mode)
{
	const struct drbg_kind_info *k = &drbg_kinds[v->core->kind];
	unsigned int strength = 1024;
	unsigned int reseed_requests = 0;
	time_t reseed_time = 0;
	int use_df = 1;
	OSSL_PARAM pp[2], dp[6], *q = dp;

	drbg_release(c);
	c->parent = rand_new(test_mode ? "TEST-RAND" : "SEED-SRC", NULL);
	if (!c->parent)
		return -ENOMEM;
	pp[0] = OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &strength);
	pp[1] = OSSL_PARAM_construct_end();
	if (!EVP_RAND_instantiate(c->parent, 0, 0, NULL, 0, test_mode ? pp : NULL))
		goto fail;
	c->drbg = rand_new(k->evp, c->parent);
	if (!c->drbg)
		goto fail;
	*q++ = OSSL_PARAM_construct_utf8_string(k->param, (char *)v->core->prim, 0);
	if (v->core->kind == DRBG_HMAC)
		*q++ = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_MAC, "HMAC", 0);
	if (v->core->kind == DRBG_CTR)
		*q++ = OSSL_PARAM_construct_int(OSSL_DRBG_PARAM_USE_DF, &use_df);
	if (test_mode) {
		*q++ = OSSL_PARAM_construct_uint(OSSL_DRBG_PARAM_RESEED_REQUESTS, &reseed_requests);
		*q++ = OSSL_PARAM_construct_time_t(OSSL_DRBG_PARAM_RESEED_TIME_INTERVAL,
						   &reseed_time);
	}
	*q = OSSL_PARAM_construct_end();
	if (!EVP_RAND_CTX_set_params(c->drbg, dp))
		goto fail;
	c->test_mode = test_mode;
	return 0;
fail:
	drbg_release(c);
	return -EINVAL;
}

static int drbg_init_tfm(struct ualg_tfm *tfm)
{
	struct drbg_ctx *c = ualg_tfm_ctx(tfm);

	memset(c, 0, sizeof(*c));
	return 0;
}

static void drbg_exit_tfm(struct ualg_tfm *tfm)
{
	struct drbg_ctx *c = ualg_tfm_ctx(tfm);

	drbg_release(c);
	ualg_free_secret(c->test_ent, c->test_len);
	c->test_ent = NULL;
}

static const uint8_t drbg_no_pers[1];

/* crypto_rng_reset(): instantiate, or reseed an instantiated DRBG */
static int drbg_seed(struct ualg_tfm *tfm, const uint8_t *seed, size_t len)
{
	struct drbg_ctx *c = ualg_tfm_ctx(tfm);
	const struct drbg_variant *v = drbg_variant(tfm);
	bool test_mode = c->test_ent != NULL;
	int r;

	if (c->drbg && c->test_mode == test_mode) {
		if (test_mode && drbg_feed(c, c->test_ent, c->test_len, NULL, 0) < 0)
			return -EINVAL;
		if (!EVP_RAND_reseed(c->drbg, v->pr, NULL, 0, len ? seed : NULL, len))
			return -EINVAL;
		return 0;
	}
	r = drbg_build(c, v, test_mode);
	if (r < 0)
		return r;
	if (test_mode) {
		size_t nonce_len = c->test_len / 3;

		r = drbg_feed(c, c->test_ent, c->test_len - nonce_len,
			      c->test_ent + c->test_len - nonce_len, nonce_len);
	}
	/* never NULL: OpenSSL would put its own personalisation string in its place */
	if (r >= 0 &&
	    !EVP_RAND_instantiate(c->drbg, 0, v->pr, len ? seed : drbg_no_pers, len, NULL))
		r = -EINVAL;
	if (r < 0)
		drbg_release(c);
	return r;
}

static int drbg_generate(struct ualg_tfm *tfm, const uint8_t *addtl, size_t addtl_len, uint8_t *out,
			 size_t len)
{
	struct drbg_ctx *c = ualg_tfm_ctx(tfm);
	const struct drbg_variant *v = drbg_variant(tfm);

	if (!c->drbg)
		return -EINVAL; /* crypto/drbg.c drbg_generate: "not yet seeded" */
	for (size_t done = 0; done < len;) {
		size_t n = len - done > DRBG_MAX_REQUEST ? DRBG_MAX_REQUEST : len - done;

		if (v->pr && c->test_mode && drbg_feed(c, c->test_ent, c->test_len, NULL, 0) < 0)
			return -EINVAL;
		if (!EVP_RAND_generate(c->drbg, out + done, n, 0, v->pr, addtl_len ? addtl : NULL,
				       addtl_len)) {
			ualg_wipe(out, len);
			return -EINVAL;
		}
		done += n;
	}
	return 0;
}

/* crypto_rng_set_entropy(): the test entropy every later draw uses */
static int drbg_set_entropy(struct ualg_tfm *tfm, const uint8_t *ent, size_t len)
{
	struct drbg_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t *copy = NULL;

	if (ent && len) {
		copy = malloc(len);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, ent, len);
	}
	ualg_free_secret(c->test_ent, c->test_len);
	c->test_ent = copy;
	c->test_len = copy ? len : 0;
	return 0;
}

static const struct ualg_rng_ops drbg_ops = {
	.seed = drbg_seed,
	.generate = drbg_generate,
	.set_entropy = drbg_set_entropy,
};

/* ---- jitterentropy_rng: the kernel's CPU-jitter source, here getrandom() */

static int jent_seed(struct ualg_tfm *tfm, const uint8_t *seed, size_t len)
{
	return 0; /* crypto/jitterentropy-kcapi.c jent_kcapi_reset: nothing to seed */
}

static int jent_generate(struct ualg_tfm *tfm, const uint8_t *addtl, size_t addtl_len, uint8_t *out,
			 size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = getrandom(out + done, len - done, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			ualg_wipe(out, len);
			return -EIO;
		}
		done += (size_t)n;
	}
	return 0;
}

static const struct ualg_rng_ops jent_ops = {
	.seed = jent_seed,
	.generate = jent_generate,
};

/* ---- registration */

static void rng_add(const char *name, const char *driver, int priority, unsigned int ctxsize,
		    const struct ualg_rng_ops *ops, const void *data, bool with_ctx)
{
	struct ualg_alg *alg = calloc(1, sizeof(*alg));

	if (!alg)
		return;
	snprintf(alg->name, sizeof(alg->name), "%s", name);
	snprintf(alg->driver, sizeof(alg->driver), "%s", driver);
	alg->type = UALG_TYPE_RNG;
	alg->priority = priority;
	alg->ctxsize = ctxsize;
	if (with_ctx) {
		alg->init_tfm = drbg_init_tfm;
		alg->exit_tfm = drbg_exit_tfm;
	}
	alg->rng.ops = ops;
	alg->rng.seedsize = 0;
	alg->data = data;
	if (ualg_alg_register(alg) < 0)
		free(alg);
}

/* see alg/alg.h */
void ualg_rng_register(void)
{
	static const char *const prefix[2] = { "drbg_pr_", "drbg_nopr_" };
	/* crypto/drbg.c drbg_fill_array: FIPS mode ranks the DRBGs 2000 higher */
	int priority = DRBG_BASE_PRIORITY + (ualg_fips_enabled() ? 2000 : 0);

	for (size_t p = 0; p < 2; p++) {
		for (size_t i = 0; i < DRBG_NCORES; i++, priority++) {
			const struct drbg_variant *v = &drbg_variants[p][i];
			char driver[UALG_MAX_ALG_NAME];

			snprintf(driver, sizeof(driver), "%s%s", prefix[p], v->core->name);
			rng_add("stdrng", driver, priority, sizeof(struct drbg_ctx), &drbg_ops, v,
				true);
		}
	}
	/* crypto/jitterentropy-kcapi.c: name and driver alike, priority 100 */
	rng_add("jitterentropy_rng", "jitterentropy_rng", 100, 0, &jent_ops, NULL, false);
	ualg_ansi_cprng_register();
}

/* see alg/alg.h: the kernel's rng driver names are ours already */
const struct ualg_alias ualg_rng_aliases[] = {
	{ NULL, NULL },
};

/* ---- self-tests */

static int drbg_selftest(const struct ualg_alg *alg);

static int jent_selftest(const struct ualg_alg *alg)
{
	struct ualg_tfm *tfm;
	uint8_t a[32], b[32];
	int r;

	r = ualg_tfm_new(alg, &tfm);
	if (r < 0)
		return r;
	r = ualg_rng_generate(tfm, NULL, 0, a, sizeof(a));
	if (r >= 0)
		r = ualg_rng_generate(tfm, NULL, 0, b, sizeof(b));
	/* two draws of 256 bits never agree */
	if (r >= 0 && !memcmp(a, b, sizeof(a)))
		r = -ELIBBAD;
	ualg_tfm_free(tfm);
	return r;
}

struct rng_selftest_row {
	const struct ualg_rng_ops *ops;
	int (*test)(const struct ualg_alg *alg);
};

static const struct rng_selftest_row rng_selftests[] = {
	{ &drbg_ops, drbg_selftest },
	{ &jent_ops, jent_selftest },
	{ &ualg_ansi_cprng_ops, ualg_ansi_cprng_selftest },
};

/* see alg/kat.h */
int ualg_rng_selftest(const struct ualg_alg *alg)
{
	for (size_t i = 0; i < sizeof(rng_selftests) / sizeof(rng_selftests[0]); i++)
		if (alg->rng.ops == rng_selftests[i].ops)
			return rng_selftests[i].test(alg) < 0 ? -ELIBBAD : 0;
	return -ELIBBAD;
}

/* one CAVP-style run: reset(entropy, pers), generate(addtl) twice; the second output */
static int drbg_cavp_run(const struct ualg_alg *alg, const uint8_t *ent, size_t ent_len,
			 const uint8_t *pers, size_t pers_len, uint8_t ad, uint8_t *out, size_t len)
{
	uint8_t addtl[16] = "ualg selftest ad";
	struct ualg_tfm *tfm;
	int r;

	r = ualg_tfm_new(alg, &tfm);
	if (r < 0)
		return r;
	r = ualg_rng_set_entropy(tfm, ent, ent_len);
	if (r >= 0)
		r = ualg_rng_seed(tfm, pers, pers_len);
	addtl[0] = ad;
	if (r >= 0)
		r = ualg_rng_generate(tfm, addtl, sizeof(addtl), out, len);
	if (r >= 0)
		r = ualg_rng_generate(tfm, addtl, sizeof(addtl), out, len);
	ualg_tfm_free(tfm);
	return r;
}

/* compare a run with want (64 bytes): 1 equal, 0 different, -1 the run failed */
static int drbg_cavp_cmp(const struct ualg_alg *alg, const uint8_t *ent, size_t ent_len,
			 const uint8_t *pers, size_t pers_len, uint8_t ad, const uint8_t *want)
{
	uint8_t out[64];
	int r = drbg_cavp_run(alg, ent, ent_len, pers, pers_len, ad, out, sizeof(out));

	if (r >= 0)
		r = !memcmp(out, want, sizeof(out));
	else
		r = -1;
	ualg_wipe(out, sizeof(out));
	return r;
}

static int drbg_selftest(const struct ualg_alg *alg)
{
	const struct drbg_variant *v = alg->data;
	size_t elen = v->core->strength * 3 / 2;
	uint8_t ent[48], a[64], b[64];
	struct ualg_tfm *t1 = NULL, *t2 = NULL;
	int r;

	for (size_t i = 0; i < sizeof(ent); i++)
		ent[i] = (uint8_t)(i * 73 + 5);

	/* unseeded: refused */
	r = ualg_tfm_new(alg, &t1);
	if (r < 0)
		return r;
	if (ualg_rng_generate(t1, NULL, 0, a, 16) != -EINVAL)
		r = -ELIBBAD;
	ualg_tfm_free(t1);
	t1 = NULL;
	if (r < 0)
		return r;

	/* deterministic under test entropy, and the entropy matters */
	if (drbg_cavp_run(alg, ent, elen, NULL, 0, 'u', a, sizeof(a)) < 0)
		return -ELIBBAD;
	if (drbg_cavp_cmp(alg, ent, elen, NULL, 0, 'u', a) != 1) /* deterministic */
		return -ELIBBAD;
	ent[elen - 1] ^= 1; /* the nonce part matters */
	if (drbg_cavp_cmp(alg, ent, elen, NULL, 0, 'u', a) != 0)
		return -ELIBBAD;
	ent[elen - 1] ^= 1;
	ent[0] ^= 1; /* the entropy part matters */
	if (drbg_cavp_cmp(alg, ent, elen, NULL, 0, 'u', a) != 0)
		return -ELIBBAD;
	ent[0] ^= 1;
	/* the personalisation string and the additional input matter */
	if (drbg_cavp_cmp(alg, ent, elen, ent, 8, 'u', a) != 0 ||
	    drbg_cavp_cmp(alg, ent, elen, NULL, 0, 'v', a) != 0)
		return -ELIBBAD;

	/* seeded from the OS: two tfms differ */
	r = ualg_tfm_new(alg, &t1);
	if (r >= 0)
		r = ualg_tfm_new(alg, &t2);
	if (r >= 0)
		r = ualg_rng_seed(t1, NULL, 0);
	if (r >= 0)
		r = ualg_rng_seed(t2, NULL, 0);
	if (r >= 0)
		r = ualg_rng_generate(t1, NULL, 0, a, sizeof(a));
	if (r >= 0)
		r = ualg_rng_generate(t2, NULL, 0, b, sizeof(b));
	if (r >= 0 && !memcmp(a, b, sizeof(a)))
		r = -ELIBBAD;
	ualg_tfm_free(t1);
	ualg_tfm_free(t2);
	ualg_wipe(a, sizeof(a));
	ualg_wipe(b, sizeof(b));
	return r < 0 ? -ELIBBAD : 0;
}
