/* SPDX-License-Identifier: MIT */
/*
 * Adiantum and its parts through the engine API: the ChaCha core with a
 * round count against OpenSSL's ChaCha20 (the xchacha20 leaf), the
 * template's names, arguments and metadata, the 16-byte minimum, inverse
 * and tweak sensitivity, the wide-block property, and nhpoly1305's key
 * rules. The byte-exact answers are the testmgr vectors (suite vectors).
 */
#include <stdlib.h>

#include "unit.h"
#include "alg/kat.h"
#include "alg/sw/skcipher.h"

static struct ualg_tfm *keyed(enum ualg_type type, const char *name, const uint8_t *key,
			      size_t klen)
{
	struct ualg_tfm *t = unit_tfm(type, name);

	if (t && key)
		CHECK_EQ(ualg_tfm_setkey(t, key, klen), 0);
	return t;
}

TEST(chacha_core_published_answers)
{
	CHECK_EQ(ualg_chacha_selfcheck(), 0);
}

/* our core at 20 rounds (HChaCha + ChaCha) equals OpenSSL's xchacha20 leaf */
TEST(chacha_core_matches_openssl)
{
	static const size_t lens[] = {1, 63, 64, 65, 255, 256, 257, 1000, 4096};
	uint8_t key[32], iv[32], pt[4096], a[4096], b[4096], sub[32], blk[16];
	struct ualg_tfm *t;

	rnd_bytes(key, sizeof(key));
	t = keyed(UALG_TYPE_SKCIPHER, "xchacha20-ualg", key, 32);
	if (!t)
		return;
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		uint32_t st[16];

		rnd_bytes(iv, sizeof(iv));
		rnd_bytes(pt, lens[i]);
		CHECK_EQ(unit_crypt(t, true, pt, a, lens[i], iv), 0);
		ualg_hchacha(sub, key, iv, 20);
		memcpy(blk, iv + 24, 8);
		memcpy(blk + 8, iv + 16, 8);
		ualg_chacha_init(st, sub, blk);
		ualg_chacha_crypt(st, b, pt, lens[i], 20);
		CHECK_MEM(a, b, lens[i]);
		CHECK_EQ(st[12] - (uint32_t)(blk[0] | blk[1] << 8 | blk[2] << 16 |
					     (uint32_t)blk[3] << 24),
			 (lens[i] + 63) / 64);
	}
	ualg_tfm_free(t);
}

/* 12 rounds really differ from 20 (the round count is honoured) */
TEST(xchacha12_differs_from_xchacha20)
{
	uint8_t key[32], iv[32], z[128] = {0}, a[128], b[128];
	struct ualg_tfm *t12, *t20;

	rnd_bytes(key, 32);
	rnd_bytes(iv, 32);
	t12 = keyed(UALG_TYPE_SKCIPHER, "xchacha12", key, 32);
	t20 = keyed(UALG_TYPE_SKCIPHER, "xchacha20", key, 32);
	if (t12 && t20) {
		CHECK_EQ(unit_crypt(t12, true, z, a, sizeof(z), iv), 0);
		CHECK_EQ(unit_crypt(t20, true, z, b, sizeof(z), iv), 0);
		CHECK(memcmp(a, b, 64) != 0);
		CHECK(memcmp(a + 64, b + 64, 64) != 0);
	}
	ualg_tfm_free(t12);
	ualg_tfm_free(t20);
}

TEST(names_and_metadata)
{
	static const char *const good[][2] = {
		{"adiantum(xchacha12,aes)", "adiantum(xchacha12-ualg,aes-ualg,nhpoly1305-ualg)"},
		{"adiantum(xchacha20,aes)", "adiantum(xchacha20-ualg,aes-ualg,nhpoly1305-ualg)"},
		/* kernel driver names of the children: the kernel's driver name */
		{"adiantum(xchacha12-simd,aes-aesni,nhpoly1305-avx2)",
		 "adiantum(xchacha12-simd,aes-aesni,nhpoly1305-avx2)"},
		{"adiantum(xchacha12-generic,aes-generic,nhpoly1305-generic)",
		 "adiantum(xchacha12-generic,aes-generic,nhpoly1305-generic)"},
	};
	static const char *const bad[] = {
		"adiantum(chacha20,aes)",
		"adiantum(xchacha12,des3_ede)",
		"adiantum(xchacha12,aes,sha256)",
		"adiantum(xchacha12)",
		"adiantum(xchacha12,aes,nhpoly1305,aes)",
		/* names neither the instance nor its driver (kernel 6.1: ENOENT, oracle) */
		"adiantum(xchacha12,aes,nhpoly1305)",
		"adiantum(xchacha12-generic,aes,nhpoly1305)",
	};
	const struct ualg_alg *a;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, good[i][0], &a), 0);
		if (test_failures)
			return;
		CHECK(!strcmp(a->driver, good[i][1]));
		CHECK(!strncmp(a->name, good[i][0], 18));
		CHECK(!strcmp(a->name,
			      i == 1 ? "adiantum(xchacha20,aes)" : "adiantum(xchacha12,aes)"));
		CHECK_EQ(a->blocksize, 16);
		CHECK_EQ(a->skcipher.ivsize, 32);
		CHECK_EQ(a->skcipher.min_keysize, 32);
		CHECK_EQ(a->skcipher.max_keysize, 32);
		CHECK_EQ(a->skcipher.statesize, 0);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, bad[i], &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, "xchacha12-generic", &a), 0);
	CHECK(!test_failures && !strcmp(ualg_alg_impl(a)->driver, "xchacha12-ualg"));
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "nhpoly1305-sse2", &a), 0);
	CHECK(!test_failures && !strcmp(ualg_alg_impl(a)->driver, "nhpoly1305-ualg") &&
	      a->hash.digestsize == 16);
}

TEST(minimum_length_and_inverse)
{
	static const size_t lens[] = {16, 17, 31, 32, 48, 63, 64, 65, 100, 512, 4096, 4111};
	static const char *const names[] = {"adiantum(xchacha12,aes)", "adiantum(xchacha20,aes)"};
	uint8_t key[32], iv[32], iv0[32], pt[4111], ct[4111], out[4111];

	for (size_t n = 0; n < 2; n++) {
		struct ualg_tfm *t;

		rnd_bytes(key, 32);
		t = keyed(UALG_TYPE_SKCIPHER, names[n], key, 32);
		if (!t)
			return;
		for (size_t len = 0; len < 16; len++)
			CHECK_EQ(unit_crypt(t, len & 1, pt, ct, len, iv), -EINVAL);
		for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
			size_t len = lens[i];

			rnd_bytes(iv, 32);
			memcpy(iv0, iv, 32);
			rnd_bytes(pt, len);
			CHECK_EQ(unit_crypt(t, true, pt, ct, len, iv), 0);
			CHECK_MEM(iv, iv0, 32); /* the tweak is not modified */
			CHECK(memcmp(ct, pt, len) != 0);
			CHECK_EQ(unit_crypt(t, false, ct, out, len, iv), 0);
			CHECK_MEM(out, pt, len);
			/* in place gives the same */
			memcpy(out, pt, len);
			CHECK_EQ(unit_crypt(t, true, out, out, len, iv), 0);
			CHECK_MEM(out, ct, len);
		}
		ualg_tfm_free(t);
	}
}

/* count the 16-byte blocks (and the tail) of a and b that are equal */
static size_t equal_blocks(const uint8_t *a, const uint8_t *b, size_t len)
{
	size_t same = 0;

	for (size_t off = 0; off < len; off += 16) {
		size_t n = len - off < 16 ? len - off : 16;

		/* a tail shorter than 4 bytes may match by chance: count only longer pieces */
		if (n >= 4 && !memcmp(a + off, b + off, n))
			same++;
	}
	return same;
}

TEST(wide_block_and_tweak)
{
	static const size_t lens[] = {16, 40, 512, 4096};
	uint8_t key[32], iv[32], pt[4096], c0[4096], c1[4096];
	struct ualg_tfm *t;

	rnd_bytes(key, 32);
	t = keyed(UALG_TYPE_SKCIPHER, "adiantum(xchacha12,aes)", key, 32);
	if (!t)
		return;
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		size_t len = lens[i];

		rnd_bytes(iv, 32);
		rnd_bytes(pt, len);
		CHECK_EQ(unit_crypt(t, true, pt, c0, len, iv), 0);
		/* one plaintext bit anywhere changes every block of the ciphertext */
		for (int k = 0; k < 8; k++) {
			size_t bit = k == 0   ? 0
				     : k == 1 ? len * 8 - 1
					      : (size_t)(rnd() % (len * 8));

			pt[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			CHECK_EQ(unit_crypt(t, true, pt, c1, len, iv), 0);
			pt[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			CHECK_EQ(equal_blocks(c0, c1, len), 0);
			/* and one ciphertext bit changes every block of the plaintext */
			c0[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			CHECK_EQ(unit_crypt(t, false, c0, c1, len, iv), 0);
			c0[bit / 8] ^= (uint8_t)(1u << (bit % 8));
			CHECK_EQ(equal_blocks(pt, c1, len), 0);
		}
		/* one tweak bit, in either half, changes every block */
		for (int k = 0; k < 2; k++) {
			iv[k * 31] ^= 0x10;
			CHECK_EQ(unit_crypt(t, true, pt, c1, len, iv), 0);
			iv[k * 31] ^= 0x10;
			CHECK_EQ(equal_blocks(c0, c1, len), 0);
		}
	}
	ualg_tfm_free(t);
}

/* xchacha12 and xchacha20 instances with the same key differ */
TEST(stream_choice_matters)
{
	uint8_t key[32], iv[32], pt[64], a[64], b[64];
	struct ualg_tfm *t12, *t20;

	rnd_bytes(key, 32);
	rnd_bytes(iv, 32);
	rnd_bytes(pt, 64);
	t12 = keyed(UALG_TYPE_SKCIPHER, "adiantum(xchacha12,aes)", key, 32);
	t20 = keyed(UALG_TYPE_SKCIPHER, "adiantum(xchacha20,aes)", key, 32);
	if (t12 && t20) {
		CHECK_EQ(unit_crypt(t12, true, pt, a, 64, iv), 0);
		CHECK_EQ(unit_crypt(t20, true, pt, b, 64, iv), 0);
		CHECK_EQ(equal_blocks(a, b, 64), 0);
	}
	ualg_tfm_free(t12);
	ualg_tfm_free(t20);
}

TEST(adiantum_key_rules)
{
	uint8_t key[33] = {0}, iv[32] = {0}, buf[32] = {0};
	const struct ualg_alg *a;
	struct ualg_tfm *t = NULL;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, "adiantum(xchacha12,aes)", &a), 0);
	if (test_failures)
		return;
	CHECK_EQ(ualg_tfm_new(a, &t), 0);
	if (!t)
		return;
	CHECK(ualg_tfm_need_key(t));
	CHECK_EQ(unit_crypt(t, true, buf, buf, 32, iv), -ENOKEY);
	CHECK_EQ(ualg_tfm_setkey(t, key, 16), -EINVAL);
	CHECK_EQ(ualg_tfm_setkey(t, key, 33), -EINVAL);
	CHECK_EQ(ualg_tfm_setkey(t, key, 32), 0);
	CHECK_EQ(unit_crypt(t, true, buf, buf, 32, iv), 0);
	ualg_tfm_free(t);
}

TEST(nhpoly1305_key_rules)
{
	uint8_t key[1089] = {0}, out[16];
	const struct ualg_alg *a;
	struct ualg_tfm *t = NULL;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "nhpoly1305", &a), 0);
	if (test_failures)
		return;
	CHECK_EQ(a->hash.digestsize, 16);
	CHECK_EQ(ualg_tfm_new(a, &t), 0);
	if (!t)
		return;
	CHECK_EQ(ualg_hash_digest(t, key, 16, out), -ENOKEY);
	CHECK_EQ(ualg_tfm_setkey(t, key, 1087), -EINVAL);
	CHECK_EQ(ualg_tfm_setkey(t, key, 1089), -EINVAL);
	CHECK_EQ(ualg_tfm_setkey(t, key, 1088), 0);
	/* an empty message hashes to 0 (no NH value, Poly1305 h = 0) */
	memset(out, 0xaa, sizeof(out));
	CHECK_EQ(ualg_hash_digest(t, key, 0, out), 0);
	CHECK(out[0] == 0 && !memcmp(out, out + 1, 15));
	/* a partial unit is zero-padded: "x" and "x\0" hash alike, unlike "x\1" */
	{
		uint8_t m[3] = {'x', 0, 1}, d1[16], d2[16], d3[16];

		rnd_bytes(key, 1088);
		CHECK_EQ(ualg_tfm_setkey(t, key, 1088), 0);
		CHECK_EQ(ualg_hash_digest(t, m, 1, d1), 0);
		CHECK_EQ(ualg_hash_digest(t, m, 2, d2), 0);
		m[1] = 1;
		CHECK_EQ(ualg_hash_digest(t, m, 2, d3), 0);
		CHECK_MEM(d1, d2, 16);
		CHECK(memcmp(d1, d3, 16) != 0);
	}
	ualg_tfm_free(t);
}

/* the self-checks (alg/kat/selfcheck.c) pass on the real algorithms */
TEST(selfchecks_pass)
{
	for (const struct ualg_selfcheck *c = ualg_selfchecks; c->name; c++) {
		const struct ualg_alg *a;
		enum ualg_type type =
			strncmp(c->name, "nhpoly", 6) ? UALG_TYPE_SKCIPHER : UALG_TYPE_HASH;

		CHECK_EQ(ualg_alg_lookup(type, c->name, &a), 0);
		if (!test_failures)
			CHECK_EQ(c->fn(a), 0);
	}
}
