/* SPDX-License-Identifier: MIT */
/*
 * The hash family through the engine API (lookup, tfm, desc): known
 * answers on both the direct leaves and the template paths, clone
 * mid-stream, the kernel's setkey/NEED_KEY rules, template argument checks,
 * kernel driver-name aliases, and every registered hash's self-test.
 */
#include <stdlib.h>

#include "test.h"
#include "alg/alg.h"

static int digest_by_name(const char *name, const char *keyhex, const uint8_t *msg, size_t len,
			  uint8_t *out, const struct ualg_alg **ret_alg)
{
	const struct ualg_alg *alg;
	struct ualg_tfm *tfm;
	unsigned char key[256];
	long kl;
	int r;

	r = ualg_alg_lookup(UALG_TYPE_HASH, name, &alg);
	if (r < 0)
		return r;
	r = ualg_tfm_new(alg, &tfm);
	if (r < 0)
		return r;
	if (keyhex) {
		kl = test_unhex(keyhex, key, sizeof(key));
		r = kl < 0 ? -EINVAL : ualg_tfm_setkey(tfm, key, (size_t)kl);
	}
	if (r >= 0)
		r = ualg_hash_digest(tfm, msg, len, out);
	ualg_tfm_free(tfm);
	if (ret_alg)
		*ret_alg = alg;
	return r;
}

static void check_hex(const uint8_t *got, size_t n, const char *want)
{
	char hex[2 * UALG_MAX_DIGESTSIZE + 1];

	test_hex(got, n, hex);
	if (strcmp(hex, want)) {
		fprintf(stderr, "got  %s\nwant %s\n", hex, want);
		test_failures++;
	}
}

/* RFC 4231 test case 2 on the OpenSSL leaf and on the generic template */
TEST(hmac_leaf_and_template)
{
	static const char msg[] = "what do ya want for nothing?";
	static const char want[] =
		"5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
	const struct ualg_alg *leaf, *tmpl;
	uint8_t a[64], b[64];

	CHECK_EQ(digest_by_name("hmac(sha256)", "4a656665", (const uint8_t *)msg, 28, a, &leaf), 0);
	CHECK_EQ(
		digest_by_name("hmac(sha256-ualg)", "4a656665", (const uint8_t *)msg, 28, b, &tmpl),
		0);
	CHECK(!strcmp(leaf->driver, "hmac-sha256-ualg"));
	CHECK(!strcmp(tmpl->driver, "hmac(sha256-ualg)"));
	CHECK(!strcmp(tmpl->name, "hmac(sha256)"));
	CHECK(tmpl->from_template && !leaf->from_template);
	check_hex(a, 32, want);
	check_hex(b, 32, want);
}

/* RFC 4231 test case 6: a key longer than the block is hashed first */
TEST(hmac_long_key)
{
	static const char msg[] = "Test Using Larger Than Block-Size Key - Hash Key First";
	static const char want[] =
		"60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54";
	char key[2 * 131 + 1];
	uint8_t a[64], b[64];

	for (int i = 0; i < 131; i++)
		memcpy(key + 2 * i, "aa", 3);
	CHECK_EQ(digest_by_name("hmac(sha256)", key, (const uint8_t *)msg, strlen(msg), a, NULL),
		 0);
	CHECK_EQ(digest_by_name("hmac(sha256-ualg)", key, (const uint8_t *)msg, strlen(msg), b,
				NULL),
		 0);
	check_hex(a, 32, want);
	check_hex(b, 32, want);
}

/* RFC 4493 example 2 on the leaf, the template, and RFC 3566 case 3 on xcbc */
TEST(cmac_xcbc_known)
{
	uint8_t m[16], a[16], b[16];
	const struct ualg_alg *leaf, *tmpl;

	test_unhex("6bc1bee22e409f96e93d7e117393172a", m, 16);
	CHECK_EQ(digest_by_name("cmac(aes)", "2b7e151628aed2a6abf7158809cf4f3c", m, 16, a, &leaf),
		 0);
	CHECK_EQ(digest_by_name("cmac(aes-ualg)", "2b7e151628aed2a6abf7158809cf4f3c", m, 16, b,
				&tmpl),
		 0);
	CHECK(!strcmp(leaf->driver, "cmac-aes-ualg"));
	CHECK(!strcmp(tmpl->driver, "cmac(aes-ualg)"));
	check_hex(a, 16, "070a16b46b4d4144f79bdd9dd04a287c");
	check_hex(b, 16, "070a16b46b4d4144f79bdd9dd04a287c");

	test_unhex("000102030405060708090a0b0c0d0e0f", m, 16);
	CHECK_EQ(digest_by_name("xcbc(aes)", "000102030405060708090a0b0c0d0e0f", m, 16, a, NULL),
		 0);
	check_hex(a, 16, "d2a246fa349b68a79998a4394ff7a263");
}

/* leaf vs template over many key and message lengths (kernel vs-generic idea) */
TEST(leaf_vs_template_fuzz)
{
	static const char *const pairs[][2] = {
		{"hmac(md5)", "hmac(md5-ualg)"},
		{"hmac(sha1)", "hmac(sha1-ualg)"},
		{"hmac(sha224)", "hmac(sha224-ualg)"},
		{"hmac(sha384)", "hmac(sha384-ualg)"},
		{"hmac(sha512)", "hmac(sha512-ualg)"},
		{"hmac(sha3-256)", "hmac(sha3-256-ualg)"},
		{"hmac(sha3-512)", "hmac(sha3-512-ualg)"},
		{"hmac(sm3)", "hmac(sm3-ualg)"},
		{"cmac(aes)", "cmac(aes-ualg)"},
	};
	static const size_t klens[] = {0, 1, 16, 24, 32, 63, 64, 65, 128, 129, 200};
	static const size_t mlens[] = {0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 1000};
	uint8_t key[256], msg[1000], a[64], b[64];

	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i * 31 + 7);
	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 13 + 1);
	for (size_t p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++) {
		const struct ualg_alg *x, *y;
		struct ualg_tfm *tx, *ty;

		CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, pairs[p][0], &x), 0);
		CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, pairs[p][1], &y), 0);
		if (test_failures)
			return;
		CHECK(x != y);
		CHECK_EQ(ualg_tfm_new(x, &tx), 0);
		CHECK_EQ(ualg_tfm_new(y, &ty), 0);
		for (size_t k = 0; k < sizeof(klens) / sizeof(klens[0]); k++) {
			int rx = ualg_tfm_setkey(tx, key, klens[k]);
			int ry = ualg_tfm_setkey(ty, key, klens[k]);

			CHECK_EQ(rx, ry);
			if (rx < 0)
				continue;
			for (size_t m = 0; m < sizeof(mlens) / sizeof(mlens[0]); m++) {
				CHECK_EQ(ualg_hash_digest(tx, msg, mlens[m], a), 0);
				CHECK_EQ(ualg_hash_digest(ty, msg, mlens[m], b), 0);
				CHECK_MEM(a, b, x->hash.digestsize);
			}
		}
		ualg_tfm_free(tx);
		ualg_tfm_free(ty);
	}
}

/* a clone taken mid-stream continues exactly as its source */
TEST(clone_mid_stream)
{
	static const char *const names[] = {
		"sha256",    "sha3-256",       "hmac(sha256)", "hmac(sha256-ualg)",
		"cmac(aes)", "cmac(aes-ualg)", "xcbc(aes)",    "crc32c",
		"crc32",     "blake2b-256",    "xxhash64",     "michael_mic",
		"ghash",     "poly1305",       "wp384",	       "cbcmac(aes)",
		"crct10dif", "crc64-rocksoft", "polyval",
	};
	uint8_t key[32], msg[300], one[64], a[64], b[64];

	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i + 1);
	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 7);
	for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
		const struct ualg_alg *alg;
		struct ualg_tfm *tfm;
		struct ualg_hash_desc *d1, *d2;
		size_t ds;

		CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, names[n], &alg), 0);
		if (test_failures)
			return;
		ds = alg->hash.digestsize;
		CHECK_EQ(ualg_tfm_new(alg, &tfm), 0);
		if (alg->flags & UALG_F_KEYED) {
			size_t kl = !strcmp(names[n], "michael_mic") ? 8 : 16;

			CHECK_EQ(ualg_tfm_setkey(tfm, key, kl), 0);
		}
		CHECK_EQ(ualg_hash_digest(tfm, msg, sizeof(msg), one), 0);
		CHECK_EQ(ualg_hash_desc_new(tfm, &d1), 0);
		CHECK_EQ(ualg_hash_desc_new(tfm, &d2), 0);
		CHECK_EQ(ualg_hash_init(d1), 0);
		CHECK_EQ(ualg_hash_update(d1, msg, 101), 0);
		CHECK_EQ(ualg_hash_clone(d2, d1), 0);
		CHECK_EQ(ualg_hash_update(d1, msg + 101, sizeof(msg) - 101), 0);
		CHECK_EQ(ualg_hash_update(d2, msg + 101, 50), 0);
		CHECK_EQ(ualg_hash_update(d2, msg + 151, sizeof(msg) - 151), 0);
		CHECK_EQ(ualg_hash_final(d1, a), 0);
		CHECK_EQ(ualg_hash_final(d2, b), 0);
		CHECK_MEM(a, one, ds);
		CHECK_MEM(b, one, ds);
		/* a finished descriptor restarts cleanly (spare contexts are reset) */
		CHECK_EQ(ualg_hash_init(d1), 0);
		CHECK_EQ(ualg_hash_update(d1, msg, sizeof(msg)), 0);
		CHECK_EQ(ualg_hash_final(d1, a), 0);
		CHECK_MEM(a, one, ds);
		/* an abandoned stream does not leak into the next one */
		CHECK_EQ(ualg_hash_init(d2), 0);
		CHECK_EQ(ualg_hash_update(d2, msg, 77), 0);
		ualg_hash_desc_free(d2);
		CHECK_EQ(ualg_hash_digest(tfm, msg, sizeof(msg), b), 0);
		CHECK_MEM(b, one, ds);
		ualg_hash_desc_free(d1);
		ualg_tfm_free(tfm);
		if (test_failures) {
			fprintf(stderr, "(in %s)\n", names[n]);
			return;
		}
	}
}

static struct ualg_tfm *tfm_of(const char *name)
{
	const struct ualg_alg *alg;
	struct ualg_tfm *tfm = NULL;

	if (ualg_alg_lookup(UALG_TYPE_HASH, name, &alg) < 0 || ualg_tfm_new(alg, &tfm) < 0)
		return NULL;
	return tfm;
}

TEST(setkey_rules)
{
	static const uint8_t key[65] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
	uint8_t out[64], ref[64];
	struct ualg_hash_desc *d;
	struct ualg_tfm *t;

	/* unkeyed: ENOSYS, state unchanged */
	t = tfm_of("sha256");
	CHECK(t);
	if (!t)
		return;
	CHECK_EQ(ualg_tfm_setkey(t, key, 16), -ENOSYS);
	CHECK(!ualg_tfm_need_key(t));
	CHECK_EQ(ualg_hash_digest(t, key, 3, out), 0);
	ualg_tfm_free(t);

	/* keyed without a key: ENOKEY at init */
	static const char *const keyed[] = {"hmac(sha256)", "hmac(sha1-ualg)", "cmac(aes)",
					    "michael_mic",  "ghash",	       "xcbc(aes)"};
	for (size_t i = 0; i < sizeof(keyed) / sizeof(keyed[0]); i++) {
		t = tfm_of(keyed[i]);
		CHECK(t);
		if (!t)
			continue;
		CHECK(ualg_tfm_need_key(t));
		CHECK_EQ(ualg_hash_desc_new(t, &d), 0);
		CHECK_EQ(ualg_hash_init(d), -ENOKEY);
		ualg_hash_desc_free(d);
		ualg_tfm_free(t);
	}

	/* hmac: any key length, 0 included */
	t = tfm_of("hmac(sha256)");
	CHECK(t);
	if (t) {
		CHECK_EQ(ualg_tfm_setkey(t, key, 0), 0);
		CHECK_EQ(ualg_hash_digest(t, key, 3, out), 0);
		ualg_tfm_free(t);
	}

	/* failed cmac setkey: EINVAL and the old key is unusable */
	t = tfm_of("cmac(aes)");
	CHECK(t);
	if (t) {
		CHECK_EQ(ualg_tfm_setkey(t, key, 16), 0);
		CHECK(!ualg_tfm_need_key(t));
		CHECK_EQ(ualg_tfm_setkey(t, key, 15), -EINVAL);
		CHECK(ualg_tfm_need_key(t));
		CHECK_EQ(ualg_hash_digest(t, key, 3, out), -ENOKEY);
		ualg_tfm_free(t);
	}
	t = tfm_of("cmac(aes-ualg)");
	CHECK(t);
	if (t) {
		CHECK_EQ(ualg_tfm_setkey(t, key, 32), 0);
		CHECK_EQ(ualg_tfm_setkey(t, key, 17), -EINVAL);
		CHECK(ualg_tfm_need_key(t));
		ualg_tfm_free(t);
	}

	/* optional keys: crc32c works unkeyed; a bad length is EINVAL and keeps the seed */
	t = tfm_of("crc32c");
	CHECK(t);
	if (t) {
		CHECK(!ualg_tfm_need_key(t));
		CHECK_EQ(ualg_tfm_setkey(t, key, 4), 0);
		CHECK_EQ(ualg_hash_digest(t, key, 9, ref), 0);
		CHECK_EQ(ualg_tfm_setkey(t, key, 3), -EINVAL);
		CHECK(!ualg_tfm_need_key(t));
		CHECK_EQ(ualg_hash_digest(t, key, 9, out), 0);
		CHECK_MEM(out, ref, 4);
		ualg_tfm_free(t);
	}
	t = tfm_of("blake2b-256");
	CHECK(t);
	if (t) {
		CHECK_EQ(ualg_hash_digest(t, key, 9, ref), 0);
		CHECK_EQ(ualg_tfm_setkey(t, key, 65), -EINVAL);
		CHECK_EQ(ualg_tfm_setkey(t, key, 64), 0);
		CHECK_EQ(ualg_hash_digest(t, key, 9, out), 0);
		CHECK(memcmp(out, ref, 32) != 0);
		CHECK_EQ(ualg_tfm_setkey(t, key, 0), 0); /* empty key = unkeyed */
		CHECK_EQ(ualg_hash_digest(t, key, 9, out), 0);
		CHECK_MEM(out, ref, 32);
		ualg_tfm_free(t);
	}
	t = tfm_of("michael_mic");
	CHECK(t);
	if (t) {
		CHECK_EQ(ualg_tfm_setkey(t, key, 7), -EINVAL);
		CHECK(ualg_tfm_need_key(t));
		ualg_tfm_free(t);
	}
}

/* CRC-32C check value (RFC 3720 B.4) and BLAKE2b-512 (RFC 7693 A) through lookup */
TEST(sw_known)
{
	uint8_t out[64];

	CHECK_EQ(digest_by_name("crc32c", NULL, (const uint8_t *)"123456789", 9, out, NULL), 0);
	check_hex(out, 4, "839206e3");
	/* kernel crc32c with a 4-byte seed: empty message gives ~seed */
	CHECK_EQ(digest_by_name("crc32c", "87a9cbed", NULL, 0, out, NULL), 0);
	check_hex(out, 4, "78563412");
	CHECK_EQ(digest_by_name("blake2b-512", NULL, (const uint8_t *)"abc", 3, out, NULL), 0);
	check_hex(out, 64,
		  "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
		  "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
	CHECK_EQ(digest_by_name("digest_null", NULL, (const uint8_t *)"abc", 3, out, NULL), 0);
}

/* poly1305's key is the first 32 data bytes: final before them is ENOKEY */
TEST(poly1305_short)
{
	struct ualg_tfm *t = tfm_of("poly1305");
	struct ualg_hash_desc *d;
	uint8_t out[16];

	if (!t)
		SKIP("no poly1305");
	CHECK_EQ(ualg_hash_desc_new(t, &d), 0);
	CHECK_EQ(ualg_hash_init(d), 0);
	CHECK_EQ(ualg_hash_update(d, out, 16), 0);
	CHECK_EQ(ualg_hash_final(d, out), -ENOKEY);
	ualg_hash_desc_free(d);
	ualg_tfm_free(t);
}

TEST(wp_truncation)
{
	uint8_t a[64], b[64];

	if (digest_by_name("wp512", NULL, (const uint8_t *)"abc", 3, a, NULL) < 0)
		SKIP("no whirlpool (legacy provider)");
	CHECK_EQ(digest_by_name("wp256", NULL, (const uint8_t *)"abc", 3, b, NULL), 0);
	CHECK_MEM(a, b, 32);
	CHECK_EQ(digest_by_name("wp384", NULL, (const uint8_t *)"abc", 3, b, NULL), 0);
	CHECK_MEM(a, b, 48);
}

TEST(template_arguments)
{
	const struct ualg_alg *a;

	/* hmac needs an unkeyed hash whose digest fits its block */
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "hmac(crc32c)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "hmac(hmac(sha256))", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "hmac(aes)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "hmac(nosuch)", &a), -ENOENT);
	/* the MACs need a block cipher of a suitable size */
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "cmac(sha256)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "cmac(cbc(aes))", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "xcbc(des3_ede)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "cmac(aes,aes)", &a), -ENOENT);
	/* hashes are not skciphers */
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, "sha256", &a), -ENOENT);

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "cmac(des3_ede)", &a), 0);
	CHECK_EQ(a->hash.digestsize, 8);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "cbcmac(aes)", &a), 0);
	CHECK_EQ(a->blocksize, 1);
	CHECK_EQ(a->hash.digestsize, 16);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "hmac(sha3-224)", &a), 0);
	CHECK_EQ(a->blocksize, 144);
}

TEST(kernel_driver_aliases)
{
	const struct ualg_alg *a, *b;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "sha256", &a), 0);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "sha256-generic", &b), 0);
	CHECK(ualg_alg_impl(b) == a);
	CHECK(!strcmp(b->driver, "sha256-generic"));
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "sha256-avx2", &b), 0);
	CHECK(ualg_alg_impl(b) == a);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "crc32c-intel", &b), 0);
	CHECK(!strcmp(b->name, "crc32c"));
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "hmac-sha256-lib", &b), 0);
	CHECK(!strcmp(ualg_alg_impl(b)->driver, "hmac-sha256-ualg"));
	/* template arguments keep the kernel's names: an instance of its own */
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "hmac(sha256-generic)", &b), 0);
	CHECK(!strcmp(b->name, "hmac(sha256)"));
	CHECK(!strcmp(b->driver, "hmac(sha256-generic)"));
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "hmac(sha256)", &a), 0);
	CHECK(a != b);
}

struct collect {
	char names[512][UALG_MAX_ALG_NAME];
	size_t n;
};

static void collect_hash(const struct ualg_alg *alg, void *arg)
{
	struct collect *c = arg;

	if (alg->type == UALG_TYPE_HASH && c->n < 512)
		snprintf(c->names[c->n++], UALG_MAX_ALG_NAME, "%s", alg->driver);
}

/* every registered hash passes its self-test, templates over every child included */
TEST(all_selftests_pass)
{
	static const char *const extra[] = {
		"cmac(aes-ualg)", "cmac(des3_ede)", "cmac(sm4)",
		"xcbc(aes)",	  "cbcmac(aes)",    "cbcmac(sm4)",
		"cmac(camellia)", "cmac(aria)",	    "hmac(blake2b-256)",
	};
	struct collect *c = calloc(1, sizeof(*c));
	const struct ualg_alg *a;
	size_t n0;

	CHECK(c);
	if (!c)
		return;
	ualg_alg_foreach(collect_hash, c);
	n0 = c->n;
	CHECK(n0 >= 30);
	/* hmac over each unkeyed leaf */
	for (size_t i = 0; i < n0; i++) {
		char name[UALG_MAX_ALG_NAME + 8];
		const struct ualg_alg *leaf;

		CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, c->names[i], &leaf), 0);
		if (leaf && !leaf->hash.ops->setkey && leaf->hash.digestsize &&
		    leaf->hash.digestsize <= leaf->blocksize) {
			snprintf(name, sizeof(name), "hmac(%s)", c->names[i]);
			CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, name, &a), 0);
		}
	}
	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++) {
		int r = ualg_alg_lookup(UALG_TYPE_HASH, extra[i], &a);

		/* hmac(blake2b-256) is refused: blake2b has a setkey, as in the kernel */
		CHECK_EQ(r, strncmp(extra[i], "hmac(blake2b", 12) ? 0 : -ENOENT);
	}
	c->n = 0;
	ualg_alg_foreach(collect_hash, c);
	CHECK(c->n > n0);
	for (size_t i = 0; i < c->n; i++) {
		int r = ualg_alg_lookup(UALG_TYPE_HASH, c->names[i], &a);

		if (r)
			fprintf(stderr, "self-test of %s: %d\n", c->names[i], r);
		CHECK_EQ(r, 0);
	}
	free(c);
}
