/* SPDX-License-Identifier: MIT */
/*
 * The rng family through the engine API: the kernel's testmgr DRBG
 * vectors through set_entropy + seed + generate (drbg_cavs_test), the
 * ansi_cprng vectors and seed rules, unseeded DRBGs, "stdrng" resolution,
 * prediction resistance and long requests in normal mode, and the
 * self-test of every rng. The vectors are read at run time from
 * UALG_TEST_VECTORS/testmgr (skipped when absent).
 */
#include <dirent.h>
#include <stdlib.h>
#include <json-c/json.h>

#include "test.h"
#include "alg/alg.h"

static const char *const drbg_names[] = {
	"drbg_pr_ctr_aes128",	 "drbg_pr_ctr_aes192",	  "drbg_pr_ctr_aes256",
	"drbg_pr_sha1",		 "drbg_pr_sha256",	  "drbg_pr_sha384",
	"drbg_pr_sha512",	 "drbg_pr_hmac_sha1",	  "drbg_pr_hmac_sha256",
	"drbg_pr_hmac_sha384",	 "drbg_pr_hmac_sha512",	  "drbg_nopr_ctr_aes128",
	"drbg_nopr_ctr_aes192",	 "drbg_nopr_ctr_aes256",  "drbg_nopr_sha1",
	"drbg_nopr_sha256",	 "drbg_nopr_sha384",	  "drbg_nopr_sha512",
	"drbg_nopr_hmac_sha1",	 "drbg_nopr_hmac_sha256", "drbg_nopr_hmac_sha384",
	"drbg_nopr_hmac_sha512",
};

static int new_rng(const char *name, struct ualg_tfm **ret)
{
	const struct ualg_alg *alg;
	int r = ualg_alg_lookup(UALG_TYPE_RNG, name, &alg);

	return r < 0 ? r : ualg_tfm_new(alg, ret);
}

/* a hex field of a vector; NULL or absent gives length 0 */
static long field(json_object *v, const char *key, unsigned char *buf, size_t size)
{
	json_object *f;

	if (!json_object_object_get_ex(v, key, &f) || !f)
		return 0;
	return test_unhex(json_object_get_string(f), buf, size);
}

static json_object *load_vectors(const char *file)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/testmgr/%s", UALG_TEST_VECTORS, file);
	return json_object_from_file(path);
}

/* every vector of one drbg_*.json: the count passed, -1 when unreadable */
static int run_drbg_file(const char *file, unsigned int *ret_total)
{
	json_object *root = load_vectors(file), *alg, *sets;
	int passed = 0;

	*ret_total = 0;
	if (!root || !json_object_object_get_ex(root, "alg", &alg) ||
	    !json_object_object_get_ex(root, "sets", &sets)) {
		json_object_put(root);
		return -1;
	}
	for (size_t s = 0; s < json_object_array_length(sets); s++) {
		json_object *vecs;

		json_object *set = json_object_array_get_idx(sets, s);

		if (!json_object_object_get_ex(set, "vectors", &vecs))
			continue;
		for (size_t i = 0; i < json_object_array_length(vecs); i++) {
			json_object *v = json_object_array_get_idx(vecs, i);
			unsigned char ent[256], pers[256], entpra[256], entprb[256], a[256], b[256];
			unsigned char want[1024], out[1024];
			long el = field(v, "entropy", ent, sizeof(ent));
			long pl = field(v, "pers", pers, sizeof(pers));
			long eal = field(v, "entpra", entpra, sizeof(entpra));
			long ebl = field(v, "entprb", entprb, sizeof(entprb));
			long al = field(v, "addtla", a, sizeof(a));
			long bl = field(v, "addtlb", b, sizeof(b));
			long wl = field(v, "expected", want, sizeof(want));
			struct ualg_tfm *tfm = NULL;
			int r;

			(*ret_total)++;
			if (el <= 0 || wl <= 0 || (pl | eal | ebl | al | bl) < 0) {
				fprintf(stderr, "%s #%zu: malformed\n", file, i);
				continue;
			}
			/* crypto/testmgr.c drbg_cavs_test */
			r = new_rng(json_object_get_string(alg), &tfm);
			if (r >= 0)
				r = ualg_rng_set_entropy(tfm, ent, (size_t)el);
			if (r >= 0)
				r = ualg_rng_seed(tfm, pers, (size_t)pl);
			if (r >= 0 && eal)
				r = ualg_rng_set_entropy(tfm, entpra, (size_t)eal);
			if (r >= 0)
				r = ualg_rng_generate(tfm, a, (size_t)al, out, (size_t)wl);
			if (r >= 0 && ebl)
				r = ualg_rng_set_entropy(tfm, entprb, (size_t)ebl);
			if (r >= 0)
				r = ualg_rng_generate(tfm, b, (size_t)bl, out, (size_t)wl);
			ualg_tfm_free(tfm);
			if (r < 0 || memcmp(out, want, (size_t)wl))
				fprintf(stderr, "%s #%zu: %s\n", file, i,
					r < 0 ? strerror(-r) : "wrong output");
			else
				passed++;
		}
	}
	json_object_put(root);
	return passed;
}

/* (a) every testmgr DRBG vector */
TEST(drbg_testmgr_vectors)
{
	char dir[1024];
	unsigned int files = 0, total = 0, passed = 0;
	DIR *d;
	struct dirent *e;

	snprintf(dir, sizeof(dir), "%s/testmgr", UALG_TEST_VECTORS);
	d = opendir(dir);
	if (!d)
		SKIP("no testmgr vectors folder");
	while ((e = readdir(d))) {
		unsigned int n;
		int p;

		if (strncmp(e->d_name, "drbg_", 5) || !strstr(e->d_name, ".json"))
			continue;
		files++;
		p = run_drbg_file(e->d_name, &n);
		CHECK(p >= 0);
		CHECK_EQ(p, n);
		total += n;
		passed += p > 0 ? (unsigned int)p : 0;
	}
	closedir(d);
	fprintf(stderr, "drbg vectors: %u files, %u of %u passed\n", files, passed, total);
	CHECK(files > 0 && total > 0);
}

/* (b) an unseeded DRBG refuses to generate; an empty seed is a seed */
TEST(drbg_unseeded_einval)
{
	for (size_t i = 0; i < sizeof(drbg_names) / sizeof(drbg_names[0]); i++) {
		struct ualg_tfm *tfm = NULL;
		uint8_t out[16];

		CHECK_EQ(new_rng(drbg_names[i], &tfm), 0);
		if (!tfm)
			continue;
		CHECK(!strcmp(tfm->alg->name, "stdrng"));
		CHECK(!strcmp(tfm->alg->driver, drbg_names[i]));
		CHECK_EQ(ualg_rng_generate(tfm, NULL, 0, out, sizeof(out)), -EINVAL);
		CHECK_EQ(ualg_rng_generate(tfm, out, 4, out, 1), -EINVAL);
		CHECK_EQ(ualg_rng_seed(tfm, NULL, 0), 0);
		CHECK_EQ(ualg_rng_generate(tfm, NULL, 0, out, sizeof(out)), 0);
		ualg_tfm_free(tfm);
	}
}

/* (c) "stdrng" is the highest-priority DRBG: drbg_nopr_hmac_sha512 */
TEST(stdrng_resolution)
{
	const struct ualg_alg *alg, *other;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_RNG, "stdrng", &alg), 0);
	CHECK(!strcmp(alg->driver, "drbg_nopr_hmac_sha512"));
	for (size_t i = 0; i < sizeof(drbg_names) / sizeof(drbg_names[0]); i++) {
		CHECK_EQ(ualg_alg_lookup(UALG_TYPE_RNG, drbg_names[i], &other), 0);
		if (other != alg)
			CHECK(other->priority < alg->priority);
	}
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_RNG, "jitterentropy_rng", &other), 0);
	CHECK(!strcmp(other->name, "jitterentropy_rng"));
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_RNG, "ansi_cprng", &other), 0);
	CHECK(!strcmp(other->name, "stdrng") && other->priority < alg->priority);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_RNG, "drbg_nopr_hmac_sha224", &other), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "stdrng", &other), -ENOENT);
}

/* (d) ansi_cprng: seed rules (crypto/ansi_cprng.c cprng_reset) */
TEST(ansi_cprng_seed_rules)
{
	struct ualg_tfm *tfm = NULL, *t2 = NULL;
	uint8_t seed[64] = {0}, a[48], b[48];

	for (size_t i = 0; i < sizeof(seed); i++)
		seed[i] = (uint8_t)(i + 1);
	CHECK_EQ(new_rng("ansi_cprng", &tfm), 0);
	if (!tfm)
		return;
	CHECK_EQ(ualg_rng_generate(tfm, NULL, 0, a, 16), -EINVAL); /* not yet seeded */
	CHECK_EQ(ualg_rng_seed(tfm, seed, 0), -EINVAL);
	CHECK_EQ(ualg_rng_seed(tfm, seed, 16), -EINVAL);
	CHECK_EQ(ualg_rng_seed(tfm, seed, 31), -EINVAL);
	CHECK_EQ(ualg_rng_generate(tfm, NULL, 0, a, 16), -EINVAL);
	CHECK_EQ(ualg_rng_seed(tfm, seed, 48), 0);
	CHECK_EQ(ualg_rng_generate(tfm, NULL, 0, a, sizeof(a)), 0);
	/* a short seed is refused before the state is touched */
	CHECK_EQ(ualg_rng_seed(tfm, seed, 20), -EINVAL);
	CHECK_EQ(ualg_rng_generate(tfm, NULL, 0, b, 16), 0);

	/* 32..47 bytes: V and key, DT starts at zero; extra bytes after 48 ignored */
	CHECK_EQ(new_rng("ansi_cprng", &t2), 0);
	if (!t2)
		goto out;
	memset(seed + 32, 0, 16);
	CHECK_EQ(ualg_rng_seed(tfm, seed, 32), 0);
	CHECK_EQ(ualg_rng_seed(t2, seed, 64), 0);
	CHECK_EQ(ualg_rng_generate(tfm, NULL, 0, a, sizeof(a)), 0);
	/* the stream does not depend on how it is read */
	CHECK_EQ(ualg_rng_generate(t2, NULL, 0, b, 5), 0);
	CHECK_EQ(ualg_rng_generate(t2, NULL, 0, b + 5, 27), 0);
	CHECK_EQ(ualg_rng_generate(t2, NULL, 0, b + 32, 16), 0);
	CHECK_MEM(a, b, sizeof(a));
out:
	ualg_tfm_free(tfm);
	ualg_tfm_free(t2);
}

/* (d) the testmgr ansi_cprng vectors: seed V || key || DT, last of "loops" outputs */
TEST(ansi_cprng_vectors)
{
	json_object *root = load_vectors("ansi_cprng.json"), *sets, *vecs;
	unsigned int total = 0, passed = 0;

	if (!root)
		SKIP("no ansi_cprng vectors");
	CHECK(json_object_object_get_ex(root, "sets", &sets));
	for (size_t s = 0; s < json_object_array_length(sets); s++) {
		json_object *set = json_object_array_get_idx(sets, s);

		if (!json_object_object_get_ex(set, "vectors", &vecs))
			continue;
		for (size_t i = 0; i < json_object_array_length(vecs); i++) {
			json_object *v = json_object_array_get_idx(vecs, i), *lp;
			uint8_t seed[48], want[64], out[64];
			long loops = 1, rl;
			struct ualg_tfm *tfm = NULL;
			int r;

			total++;
			if (field(v, "v", seed, 16) != 16 || field(v, "key", seed + 16, 16) != 16 ||
			    field(v, "dt", seed + 32, 16) != 16 ||
			    (rl = field(v, "result", want, sizeof(want))) <= 0) {
				CHECK(!"malformed cprng vector");
				continue;
			}
			if (json_object_object_get_ex(v, "loops", &lp))
				loops = json_object_get_int(lp);
			r = new_rng("ansi_cprng", &tfm);
			if (r >= 0)
				r = ualg_rng_seed(tfm, seed, sizeof(seed));
			for (long k = 0; k < (loops > 0 ? loops : 1) && r >= 0; k++)
				r = ualg_rng_generate(tfm, NULL, 0, out, (size_t)rl);
			ualg_tfm_free(tfm);
			CHECK_EQ(r, 0);
			if (r >= 0 && !memcmp(out, want, (size_t)rl))
				passed++;
			else
				fprintf(stderr, "ansi_cprng #%zu: wrong output\n", i);
		}
	}
	json_object_put(root);
	fprintf(stderr, "ansi_cprng vectors: %u of %u passed\n", passed, total);
	CHECK(total > 0);
	CHECK_EQ(passed, total);
}

/* (e) two tfms seeded normally differ; so do two draws of one tfm */
TEST(normal_seeding_differs)
{
	for (size_t i = 0; i < sizeof(drbg_names) / sizeof(drbg_names[0]); i++) {
		struct ualg_tfm *t1 = NULL, *t2 = NULL;
		uint8_t a[64], b[64], c[64];

		CHECK_EQ(new_rng(drbg_names[i], &t1), 0);
		CHECK_EQ(new_rng(drbg_names[i], &t2), 0);
		if (!t1 || !t2)
			goto next;
		CHECK_EQ(ualg_rng_seed(t1, (const uint8_t *)"same", 4), 0);
		CHECK_EQ(ualg_rng_seed(t2, (const uint8_t *)"same", 4), 0);
		CHECK_EQ(ualg_rng_generate(t1, NULL, 0, a, sizeof(a)), 0);
		CHECK_EQ(ualg_rng_generate(t2, NULL, 0, b, sizeof(b)), 0);
		CHECK(memcmp(a, b, sizeof(a)));
		CHECK_EQ(ualg_rng_generate(t1, (const uint8_t *)"ad", 2, c, sizeof(c)), 0);
		CHECK(memcmp(a, c, sizeof(a)));
		/* a second seed reseeds and the tfm keeps working */
		CHECK_EQ(ualg_rng_seed(t1, NULL, 0), 0);
		CHECK_EQ(ualg_rng_generate(t1, NULL, 0, c, sizeof(c)), 0);
		CHECK(memcmp(a, c, sizeof(a)));
	next:
		ualg_tfm_free(t1);
		ualg_tfm_free(t2);
	}
}

/* a reseed under test entropy is deterministic and differs from no reseed */
TEST(drbg_reseed_with_test_entropy)
{
	uint8_t ent[48], a[32], b[32], c[32];
	struct ualg_tfm *t[3] = {NULL};

	for (size_t i = 0; i < sizeof(ent); i++)
		ent[i] = (uint8_t)(3 * i);
	for (int k = 0; k < 3; k++) {
		CHECK_EQ(new_rng("drbg_nopr_hmac_sha256", &t[k]), 0);
		if (!t[k])
			goto out;
		CHECK_EQ(ualg_rng_set_entropy(t[k], ent, sizeof(ent)), 0);
		CHECK_EQ(ualg_rng_seed(t[k], NULL, 0), 0);
	}
	CHECK_EQ(ualg_rng_seed(t[0], (const uint8_t *)"x", 1), 0);
	CHECK_EQ(ualg_rng_seed(t[1], (const uint8_t *)"x", 1), 0);
	CHECK_EQ(ualg_rng_generate(t[0], NULL, 0, a, sizeof(a)), 0);
	CHECK_EQ(ualg_rng_generate(t[1], NULL, 0, b, sizeof(b)), 0);
	CHECK_EQ(ualg_rng_generate(t[2], NULL, 0, c, sizeof(c)), 0);
	CHECK_MEM(a, b, sizeof(a));
	CHECK(memcmp(a, c, sizeof(a)));
out:
	for (int k = 0; k < 3; k++)
		ualg_tfm_free(t[k]);
}

/* requests above the 64 KiB DRBG limit are split, with or without prediction resistance */
TEST(drbg_long_requests)
{
	static const char *const names[] = {"drbg_pr_hmac_sha256", "drbg_nopr_ctr_aes256"};
	size_t len = 200000;
	uint8_t *buf = malloc(len);

	CHECK(buf);
	for (size_t i = 0; buf && i < sizeof(names) / sizeof(names[0]); i++) {
		struct ualg_tfm *tfm = NULL;
		size_t zero = 0;

		CHECK_EQ(new_rng(names[i], &tfm), 0);
		if (!tfm)
			continue;
		CHECK_EQ(ualg_rng_seed(tfm, NULL, 0), 0);
		memset(buf, 0, len);
		CHECK_EQ(ualg_rng_generate(tfm, (const uint8_t *)"ad", 2, buf, len), 0);
		/* the tail was written: fewer than 1% zero bytes */
		for (size_t k = len - 4096; k < len; k++)
			zero += !buf[k];
		CHECK(zero < 64);
		ualg_tfm_free(tfm);
	}
	free(buf);
}

TEST(jitterentropy_needs_no_seed)
{
	struct ualg_tfm *tfm = NULL;
	uint8_t a[32], b[32];

	CHECK_EQ(new_rng("jitterentropy_rng", &tfm), 0);
	if (!tfm)
		return;
	CHECK_EQ(ualg_rng_generate(tfm, NULL, 0, a, sizeof(a)), 0);
	CHECK_EQ(ualg_rng_generate(tfm, NULL, 0, b, sizeof(b)), 0);
	CHECK(memcmp(a, b, sizeof(a)));
	CHECK_EQ(ualg_rng_seed(tfm, a, 3), 0);
	ualg_tfm_free(tfm);
}

static void count_rng(const struct ualg_alg *alg, void *arg)
{
	unsigned int *n = arg;

	if (alg->type != UALG_TYPE_RNG)
		return;
	n[0]++;
	if (ualg_selftest_run(alg) == 0)
		n[1]++;
	else
		fprintf(stderr, "self-test failed: %s\n", alg->driver);
}

/* every rng passes its self-test (22 DRBGs, jitterentropy_rng, ansi_cprng) */
TEST(selftests)
{
	const struct ualg_alg *alg;
	unsigned int n[2] = {0, 0};

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_RNG, "stdrng", &alg), 0); /* registers the families */
	ualg_alg_foreach(count_rng, n);
	fprintf(stderr, "rng self-tests: %u of %u passed\n", n[1], n[0]);
	CHECK_EQ(n[0], 24);
	CHECK_EQ(n[1], n[0]);
}
