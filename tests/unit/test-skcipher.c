/* SPDX-License-Identifier: MIT */
/*
 * skcipher family through the engine API: direct OpenSSL leaves against the
 * generic templates (the kernel's "vs generic" idea), NOTFINAL splitting,
 * the kernel's length and key rules, and metadata as /proc/crypto shows it.
 */
#include <stdlib.h>

#include "unit.h"
#include "alg/sw/skcipher.h"
#include "core/cleanup.h"

static struct ualg_tfm *tfm_of(const char *name)
{
	return unit_tfm(UALG_TYPE_SKCIPHER, name);
}

struct pair {
	const char *direct, *tmpl;
	size_t keylens[3];
	bool whole_blocks; /* else any length >= min_len */
	size_t min_len;
	bool check_iv;
};

static const struct pair pairs[] = {
	{"ecb-aes-ualg", "ecb(aes-ualg)", {16, 24, 32}, true, 0, true},
	{"cbc-aes-ualg", "cbc(aes-ualg)", {16, 24, 32}, true, 0, true},
	{"ctr-aes-ualg", "ctr(aes-ualg)", {16, 24, 32}, false, 0, true},
	/* output IVs differ on purpose: see xts_output_iv below */
	{"xts-aes-ualg", "xts(ecb(aes-ualg))", {32, 48, 64}, false, 16, false},
	/* output IVs differ on purpose: see cts_output_iv below */
	{"cts-cbc-aes-ualg", "cts(cbc(aes-ualg))", {16, 24, 32}, false, 16, false},
	{"cts-cbc-aes-ualg", "cts(cbc-aes-ualg)", {16, 24, 32}, false, 16, false},
	{"ecb-camellia-ualg", "ecb(camellia-ualg)", {16, 24, 32}, true, 0, true},
	{"cbc-camellia-ualg", "cbc(camellia-ualg)", {16, 24, 32}, true, 0, true},
	{"ctr-camellia-ualg", "ctr(camellia-ualg)", {16, 24, 32}, false, 0, true},
	{"cbc-aria-ualg", "cbc(aria-ualg)", {16, 24, 32}, true, 0, true},
	{"ctr-aria-ualg", "ctr(aria-ualg)", {16, 32, 24}, false, 0, true},
	{"cbc-sm4-ualg", "cbc(sm4-ualg)", {16, 16, 16}, true, 0, true},
	{"ctr-sm4-ualg", "ctr(sm4-ualg)", {16, 16, 16}, false, 0, true},
	{"cbc-des3_ede-ualg", "cbc(des3_ede-ualg)", {24, 24, 24}, true, 0, true},
	/* rfc3686 over the direct ctr leaf and over the ctr template */
	{"rfc3686(ctr-aes-ualg)", "rfc3686(ctr(aes-ualg))", {20, 28, 36}, false, 0, true},
};

/*
 * xts: the direct leaf leaves the x86 kernel driver's IV (the tweak of the
 * next block, E_k2(iv) * x^n, or the first tweak E_k2(iv) after a partial
 * last block: 6.1 oracle), the template crypto/xts.c's (the IV itself).
 */
TEST(xts_output_iv)
{
	static const size_t lens[] = {16, 17, 32, 33, 100, 4096, 4097};
	uint8_t key[64], iv[16], iv0[16], want[16], buf[4097];
	struct ualg_tfm *leaf = tfm_of("xts-aes-ualg"), *tmpl = tfm_of("xts(ecb(aes-ualg))");
	struct ualg_tfm *aes = NULL;
	const struct ualg_alg *aes_alg;

	CHECK(leaf && tmpl);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_CIPHER, "aes", &aes_alg), 0);
	CHECK_EQ(ualg_tfm_new(aes_alg, &aes), 0);
	if (!leaf || !tmpl || !aes)
		return;
	for (size_t k = 0; k < 2; k++) {
		size_t kl = k ? 64 : 32;

		rnd_bytes(key, kl);
		CHECK_EQ(ualg_tfm_setkey(leaf, key, kl), 0);
		CHECK_EQ(ualg_tfm_setkey(tmpl, key, kl), 0);
		CHECK_EQ(ualg_tfm_setkey(aes, key + kl / 2, kl / 2), 0);
		for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
			rnd_bytes(iv, 16);
			rnd_bytes(buf, lens[i]);
			CHECK_EQ(aes->alg->cipher.ops->encrypt(aes, want, iv, 1), 0);
			for (size_t n = lens[i] % 16 ? 0 : lens[i] / 16; n; n--) {
				uint8_t carry = want[15] >> 7;

				for (int b = 15; b > 0; b--)
					want[b] = (uint8_t)(want[b] << 1 | want[b - 1] >> 7);
				want[0] = (uint8_t)(want[0] << 1 ^ (carry ? 0x87 : 0));
			}
			memcpy(iv0, iv, 16);
			CHECK_EQ(unit_crypt(leaf, i % 2, buf, buf, lens[i], iv), 0);
			CHECK_MEM(iv, want, 16);
			memcpy(iv, iv0, 16);
			CHECK_EQ(unit_crypt(tmpl, i % 2, buf, buf, lens[i], iv), 0);
			CHECK_MEM(iv, iv0, 16);
		}
	}
	ualg_tfm_free(aes);
	ualg_tfm_free(leaf);
	ualg_tfm_free(tmpl);
}

/*
 * cts(cbc(aes)): the direct leaf leaves cts-cbc-aes-aesni's IV (the last
 * ciphertext block before the swapped pair; unchanged for 17..32 bytes),
 * the templates crypto/cts.c's (the whole ciphertext block of the pair).
 * "Ciphertext" is the output when encrypting, the input when decrypting.
 */
TEST(cts_output_iv)
{
	static const struct {
		size_t len;
		long leaf, tmpl; /* offset of the output IV in the ciphertext; -1: unchanged */
	} cases[] = {
		{16, 0, 0},  {17, -1, 0},  {31, -1, 0},	 {32, -1, 0},  {33, 0, 16},
		{48, 0, 16}, {50, 16, 32}, {64, 16, 32}, {65, 32, 48}, {100, 64, 80},
	};
	static const char *const tmpls[] = {"cts(cbc(aes-ualg))", "cts(cbc-aes-ualg)"};
	uint8_t key[16], iv[16], iv0[16], in[100], out[100];

	for (size_t t = 0; t < 2; t++) {
		struct ualg_tfm *leaf = tfm_of("cts-cbc-aes-ualg"), *tmpl = tfm_of(tmpls[t]);

		CHECK(leaf && tmpl);
		if (!leaf || !tmpl)
			return;
		rnd_bytes(key, sizeof(key));
		CHECK_EQ(ualg_tfm_setkey(leaf, key, sizeof(key)), 0);
		CHECK_EQ(ualg_tfm_setkey(tmpl, key, sizeof(key)), 0);
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			for (int enc = 0; enc < 2; enc++) {
				size_t len = cases[i].len;
				const uint8_t *ct = enc ? out : in;

				rnd_bytes(in, len);
				rnd_bytes(iv0, 16);
				memcpy(iv, iv0, 16);
				CHECK_EQ(unit_crypt(leaf, enc, in, out, len, iv), 0);
				CHECK_MEM(iv, cases[i].leaf < 0 ? iv0 : ct + cases[i].leaf, 16);
				memcpy(iv, iv0, 16);
				CHECK_EQ(unit_crypt(tmpl, enc, in, out, len, iv), 0);
				CHECK_MEM(iv, ct + cases[i].tmpl, 16);
			}
		}
		ualg_tfm_free(leaf);
		ualg_tfm_free(tmpl);
	}
}

TEST(direct_vs_template)
{
	static uint8_t pt[2100], c1[2100], c2[2100];
	uint8_t key[64], iv1[32], iv2[32];

	for (size_t p = 0; p < sizeof(pairs) / sizeof(pairs[0]); p++) {
		const struct pair *pr = &pairs[p];
		struct ualg_tfm *a = tfm_of(pr->direct), *b = tfm_of(pr->tmpl);

		if (!a || !b)
			continue;
		CHECK(a->alg != b->alg);
		CHECK_EQ(a->alg->skcipher.ivsize, b->alg->skcipher.ivsize);
		CHECK_EQ(a->alg->skcipher.chunksize, b->alg->skcipher.chunksize);
		CHECK_EQ(a->alg->blocksize, b->alg->blocksize);
		for (int it = 0; it < 60; it++) {
			size_t kl = pr->keylens[it % 3], bs = a->alg->blocksize;
			size_t ivs = a->alg->skcipher.ivsize;
			size_t len = rnd() % 2049;

			if (pr->whole_blocks)
				len -= len % bs;
			if (len < pr->min_len)
				len = pr->min_len + (size_t)it;
			if (it == 1)
				len = pr->whole_blocks ? 0 : pr->min_len; /* edge */
			rnd_bytes(key, kl);
			if (it == 2 && kl % 2 == 0)
				memcpy(key + kl / 2, key,
				       kl / 2); /* xts: equal halves (kernel accepts) */
			rnd_bytes(iv1, ivs);
			memcpy(iv2, iv1, ivs);
			rnd_bytes(pt, len);
			CHECK_EQ(ualg_tfm_setkey(a, key, kl), 0);
			CHECK_EQ(ualg_tfm_setkey(b, key, kl), 0);
			CHECK_EQ(unit_crypt(a, true, pt, c1, len, iv1), 0);
			CHECK_EQ(unit_crypt(b, true, pt, c2, len, iv2), 0);
			CHECK_MEM(c1, c2, len);
			if (pr->check_iv)
				CHECK_MEM(iv1, iv2, ivs);
			/* decrypt in place with the template, out of place with the leaf */
			rnd_bytes(iv1, ivs);
			memcpy(iv2, iv1, ivs);
			CHECK_EQ(unit_crypt(a, true, pt, c1, len, iv1), 0);
			memcpy(iv1, iv2, ivs);
			CHECK_EQ(unit_crypt(b, false, c1, c1, len, iv2), 0);
			CHECK_MEM(c1, pt, len);
			memcpy(iv2, iv1, ivs);
			CHECK_EQ(unit_crypt(b, true, pt, c2, len, iv2), 0);
			memcpy(iv2, iv1, ivs);
			CHECK_EQ(unit_crypt(a, false, c2, c1, len, iv1), 0);
			CHECK_MEM(c1, pt, len);
			{
				/* decrypt's output IV equals the template's too */
				uint8_t iv3[32];

				memcpy(iv3, iv2, ivs);
				CHECK_EQ(unit_crypt(b, false, c2, c2, len, iv3), 0);
				if (pr->check_iv)
					CHECK_MEM(iv1, iv3, ivs);
			}
			if (test_failures) {
				fprintf(stderr, "  %s vs %s, key %zu, len %zu\n", pr->direct,
					pr->tmpl, kl, len);
				break;
			}
		}
		ualg_tfm_free(a);
		ualg_tfm_free(b);
	}
}

TEST(xchacha20_construction)
{
	/* xchacha20 = chacha20 under HChaCha20(key, iv[0..16)), iv[24..32) || iv[16..24) */
	struct ualg_tfm *x = tfm_of("xchacha20"), *c = tfm_of("chacha20");
	uint8_t key[32], sub[32], iv[32], civ[16], pt[300], o1[300], o2[300];

	if (!x || !c)
		return;
	for (int it = 0; it < 10; it++) {
		size_t len = rnd() % sizeof(pt);

		rnd_bytes(key, 32);
		rnd_bytes(iv, 32);
		rnd_bytes(pt, len);
		ualg_hchacha20(sub, key, iv);
		memcpy(civ, iv + 24, 8);
		memcpy(civ + 8, iv + 16, 8);
		CHECK_EQ(ualg_tfm_setkey(x, key, 32), 0);
		CHECK_EQ(ualg_tfm_setkey(c, sub, 32), 0);
		CHECK_EQ(unit_crypt(x, true, pt, o1, len, iv), 0);
		CHECK_EQ(unit_crypt(c, true, pt, o2, len, civ), 0);
		CHECK_MEM(o1, o2, len);
	}
	ualg_tfm_free(x);
	ualg_tfm_free(c);
}

/* HChaCha20 test vector, draft-irtf-cfrg-xchacha-03 §2.2.1 */
TEST(hchacha20_vector)
{
	uint8_t key[32], nonce[16], out[32], want[32];

	CHECK_EQ(test_unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", key,
			    sizeof(key)),
		 32);
	CHECK_EQ(test_unhex("000000090000004a0000000031415927", nonce, sizeof(nonce)), 16);
	CHECK_EQ(test_unhex("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc",
			    want, sizeof(want)),
		 32);
	ualg_hchacha20(out, key, nonce);
	CHECK_MEM(out, want, 32);
}

static const char *const split_algs[] = {
	"cbc(aes)",	     "cbc(aes-ualg)", "ctr(aes)", "ctr(aes-ualg)", "ctr(des3_ede)",
	"cfb(aes)",	     "ofb(aes)",      "chacha20", "xchacha20",	   "ecb(arc4)",
	"rfc3686(ctr(aes))", "pcbc(aes)",     "ecb(aes)", "cbc(camellia)", "ctr(sm4)",
};

TEST(split_equals_oneshot)
{
	static uint8_t pt[1500], one[1500], part[1500];
	uint8_t key[64], iv0[32], iv1[32], iv2[32], state[512];

	for (size_t i = 0; i < sizeof(split_algs) / sizeof(split_algs[0]); i++) {
		struct ualg_tfm *t = tfm_of(split_algs[i]);
		const struct ualg_alg *a;
		size_t cs, ivs, kl;

		if (!t)
			continue;
		a = t->alg;
		cs = a->skcipher.chunksize;
		ivs = a->skcipher.ivsize;
		kl = a->skcipher.min_keysize;
		CHECK(a->skcipher.statesize <= sizeof(state));
		for (int it = 0; it < 20; it++) {
			size_t len = rnd() % 1400 + 1, c1, c2, off;
			bool whole = a->blocksize > 1;

			if (whole)
				len -= len % a->blocksize;
			/* two NOTFINAL pieces of whole chunks, then the final rest */
			c1 = (rnd() % (len / cs + 1)) * cs;
			c2 = (rnd() % ((len - c1) / cs + 1)) * cs;
			rnd_bytes(key, kl);
			rnd_bytes(iv0, ivs);
			rnd_bytes(pt, len);
			CHECK_EQ(ualg_tfm_setkey(t, key, kl), 0);
			memcpy(iv1, iv0, ivs);
			CHECK_EQ(unit_crypt(t, true, pt, one, len, iv1), 0);

			memcpy(iv2, iv0, ivs);
			off = 0;
			{
				size_t lens[3] = {c1, c2, len - c1 - c2};
				bool cont = false;

				for (int k = 0; k < 3; k++) {
					struct ualg_skcipher_req req = {
						.tfm = t,
						.src = pt + off,
						.dst = part + off,
						.len = lens[k],
						.iv = iv2,
						.final = k == 2,
						.state = a->skcipher.statesize ? state : NULL,
						.cont = cont,
					};

					if (k < 2 && !lens[k])
						continue;
					CHECK_EQ(ualg_skcipher_encrypt(&req), 0);
					cont = true;
					off += lens[k];
				}
			}
			CHECK_MEM(one, part, len);
			CHECK_MEM(iv1, iv2, ivs);
			if (test_failures) {
				fprintf(stderr, "  %s len %zu split %zu+%zu\n", split_algs[i], len,
					c1, c2);
				break;
			}
		}
		ualg_tfm_free(t);
	}
}

TEST(length_rules)
{
	uint8_t key[64] = {1, 2, 3}, iv[16] = {0}, buf[64] = {0};
	struct ualg_tfm *t;

	for (size_t i = 0; i < 64; i++)
		key[i] = (uint8_t)(i * 7 + 1);
	/* ecb/cbc: partial blocks are EINVAL, direct and template */
	{
		static const char *const names[] = {"cbc-aes-ualg", "cbc(aes-ualg)", "ecb-aes-ualg",
						    "ecb(aes-ualg)"};

		for (size_t i = 0; i < 4; i++) {
			t = tfm_of(names[i]);
			if (!t)
				continue;
			CHECK_EQ(ualg_tfm_setkey(t, key, 16), 0);
			CHECK_EQ(unit_crypt(t, true, buf, buf, 20, iv), -EINVAL);
			CHECK_EQ(unit_crypt(t, false, buf, buf, 15, iv), -EINVAL);
			CHECK_EQ(unit_crypt(t, true, buf, buf, 32, iv), 0);
			ualg_tfm_free(t);
		}
	}
	/* xts: 15 -> EINVAL, 16 and 17 fine; cts: 15 -> EINVAL, 17 fine; ctr: 20 fine */
	{
		static const struct {
			const char *name;
			size_t kl, bad, good;
		} rules[] = {
			{"xts-aes-ualg", 32, 15, 17},	    {"xts(ecb(aes-ualg))", 32, 15, 17},
			{"xts-aes-ualg", 32, 0, 16},	    {"cts-cbc-aes-ualg", 16, 15, 17},
			{"cts(cbc(aes-ualg))", 16, 15, 17}, {"lrw(aes)", 32, 17, 32},
		};

		for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
			t = tfm_of(rules[i].name);
			if (!t)
				continue;
			CHECK_EQ(ualg_tfm_setkey(t, key, rules[i].kl), 0);
			CHECK_EQ(unit_crypt(t, true, buf, buf, rules[i].bad, iv), -EINVAL);
			CHECK_EQ(unit_crypt(t, false, buf, buf, rules[i].bad, iv), -EINVAL);
			CHECK_EQ(unit_crypt(t, true, buf, buf, rules[i].good, iv), 0);
			ualg_tfm_free(t);
		}
	}
	t = tfm_of("ctr(aes)");
	if (t) {
		uint8_t ctr[16] = {[15] = 0xff};

		CHECK_EQ(ualg_tfm_setkey(t, key, 16), 0);
		CHECK_EQ(unit_crypt(t, true, buf, buf, 20, ctr), 0);
		/* ceil(20 / 16) = 2 blocks, carried over the whole block */
		CHECK_EQ(ctr[15], 0x01);
		CHECK_EQ(ctr[14], 0x01);
		ualg_tfm_free(t);
	}
}

TEST(key_rules)
{
	uint8_t key[64], pt[32] = {0}, c1[32], c2[32], iv[16];
	struct ualg_tfm *t;
	static const char *const names[] = {"cbc-aes-ualg", "cbc(aes-ualg)"};

	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i * 13 + 5);
	for (size_t n = 0; n < 2; n++) {
		t = tfm_of(names[n]);
		if (!t)
			continue;
		memset(iv, 0, sizeof(iv));
		CHECK_EQ(unit_crypt(t, true, pt, c1, 32, iv), -ENOKEY);
		CHECK_EQ(ualg_tfm_setkey(t, key, 16), 0);
		CHECK_EQ(unit_crypt(t, true, pt, c1, 32, iv), 0);
		/* out of [min, max]: EINVAL before the key is touched: old key kept */
		CHECK_EQ(ualg_tfm_setkey(t, key + 1, 15), -EINVAL);
		CHECK_EQ(ualg_tfm_setkey(t, key + 1, 33), -EINVAL);
		memset(iv, 0, sizeof(iv));
		CHECK_EQ(unit_crypt(t, true, pt, c2, 32, iv), 0);
		CHECK_MEM(c1, c2, 32);
		/* in range but refused by AES (kernel: NEED_KEY until a good key) */
		CHECK_EQ(ualg_tfm_setkey(t, key, 20), -EINVAL);
		CHECK_EQ(unit_crypt(t, true, pt, c2, 32, iv), -ENOKEY);
		ualg_tfm_free(t);
	}
	t = tfm_of("xts(aes)");
	if (t) {
		CHECK_EQ(ualg_tfm_setkey(t, key, 33), -EINVAL); /* odd */
		CHECK_EQ(ualg_tfm_setkey(t, key, 31), -EINVAL);
		CHECK_EQ(ualg_tfm_setkey(t, key, 40), -EINVAL); /* halves of 20 */
		CHECK_EQ(ualg_tfm_setkey(t, key, 48), 0);
		ualg_tfm_free(t);
	}
	t = tfm_of("rfc3686(ctr(aes))");
	if (t) {
		CHECK_EQ(ualg_tfm_setkey(t, key, 16), -EINVAL);
		CHECK_EQ(ualg_tfm_setkey(t, key, 24), -EINVAL);
		CHECK_EQ(ualg_tfm_setkey(t, key, 20), 0);
		ualg_tfm_free(t);
	}
	t = tfm_of("ecb(arc4)");
	if (t) {
		CHECK_EQ(ualg_tfm_setkey(t, key, 0), -EINVAL);
		CHECK_EQ(ualg_tfm_setkey(t, key, 257), -EINVAL);
		CHECK_EQ(ualg_tfm_setkey(t, key, 1), 0);
		ualg_tfm_free(t);
	}
}

/* the kernel's /proc/crypto values (6.1 x86-64, crypto/ sources) */
TEST(metadata)
{
	static const struct {
		const char *name;
		unsigned int bs, ivsize, chunk, minkey, maxkey;
	} rows[] = {
		{"ecb(aes)", 16, 0, 16, 16, 32},
		{"cbc(aes)", 16, 16, 16, 16, 32},
		{"ctr(aes)", 1, 16, 16, 16, 32},
		{"xts(aes)", 16, 16, 16, 32, 64},
		{"cts(cbc(aes))", 16, 16, 16, 16, 32},
		{"ofb(aes)", 1, 16, 16, 16, 32},
		{"chacha20", 1, 16, 64, 32, 32},
		{"xchacha20", 1, 32, 64, 32, 32},
		{"rfc3686(ctr(aes))", 1, 8, 16, 20, 36},
		{"ecb(arc4)", 1, 0, 1, 1, 256},
		{"ctr(des)", 1, 8, 8, 8, 8},
		{"cbc(des3_ede)", 8, 8, 8, 24, 24},
		{"ctr(blowfish)", 1, 8, 8, 4, 56},
		{"cbc(cast5)", 8, 8, 8, 5, 16},
		{"xts(camellia)", 16, 16, 16, 32, 64},
		{"ecb(cipher_null)", 1, 0, 1, 0, 0},
		{"essiv(cbc(aes),sha256)", 16, 16, 16, 16, 32},
		{"pcbc(aes)", 16, 16, 16, 16, 32},
		{"lrw(aes)", 16, 16, 16, 32, 48},
		{"cfb(aes)", 1, 16, 16, 16, 32},
	};

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct ualg_alg *a;

		CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, rows[i].name, &a), 0);
		if (test_failures) {
			fprintf(stderr, "  %s\n", rows[i].name);
			return;
		}
		CHECK_EQ(a->blocksize, rows[i].bs);
		CHECK_EQ(a->skcipher.ivsize, rows[i].ivsize);
		CHECK_EQ(a->skcipher.chunksize, rows[i].chunk);
		CHECK_EQ(a->skcipher.min_keysize, rows[i].minkey);
		CHECK_EQ(a->skcipher.max_keysize, rows[i].maxkey);
		if (test_failures)
			fprintf(stderr, "  %s\n", rows[i].name);
	}
}

TEST(aliases)
{
	/* name looked up, driver it gets, driver of the code that serves it */
	static const char *const alias_pairs[][3] = {
		{"cbc-aes-aesni", "cbc-aes-aesni", "cbc-aes-ualg"},
		{"ecb-aes-aesni", "ecb-aes-aesni", "ecb-aes-ualg"},
		{"ctr-aes-aesni", "ctr-aes-aesni", "ctr-aes-ualg"},
		{"xts-aes-aesni", "xts-aes-aesni", "xts-aes-ualg"},
		{"cts-cbc-aes-aesni", "cts-cbc-aes-aesni", "cts-cbc-aes-ualg"},
		{"chacha20-simd", "chacha20-simd", "chacha20-ualg"},
		{"chacha20-generic", "chacha20-generic", "chacha20-ualg"},
		{"cbc-serpent-avx2", "cbc-serpent-avx2", "cbc(serpent-generic)"},
		/* an instance over a kernel driver name is the kernel's instance */
		{"cbc(aes-generic)", "cbc(aes-generic)", "cbc(aes-generic)"},
		{"cbc(aes)", "cbc-aes-ualg", "cbc-aes-ualg"},
		{"ecb(cipher_null)", "ecb-cipher_null", "ecb-cipher_null"},
	};

	for (size_t i = 0; i < sizeof(alias_pairs) / sizeof(alias_pairs[0]); i++) {
		const struct ualg_alg *a;

		CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, alias_pairs[i][0], &a), 0);
		if (!test_failures && (strcmp(a->driver, alias_pairs[i][1]) ||
				       strcmp(ualg_alg_impl(a)->driver, alias_pairs[i][2]))) {
			fprintf(stderr, "  %s -> %s (%s)\n", alias_pairs[i][0], a->driver,
				ualg_alg_impl(a)->driver);
			test_failures++;
		}
	}
}

/* the kernel's chacha20 block counter is 32 bits and wraps within the nonce */
TEST(chacha20_counter_wraps)
{
	struct ualg_tfm *t = tfm_of("chacha20");
	uint8_t key[32], iv[16], iv0[16], pt[192] = {0}, a[192], b[64];

	if (!t)
		return;
	rnd_bytes(key, 32);
	rnd_bytes(iv, 16);
	memset(iv, 0xff, 4);
	memcpy(iv0, iv, 16);
	memset(iv0, 0, 4);
	CHECK_EQ(ualg_tfm_setkey(t, key, 32), 0);
	CHECK_EQ(unit_crypt(t, true, pt, a, sizeof(a), iv), 0);
	CHECK_EQ(unit_crypt(t, true, pt, b, sizeof(b), iv0), 0);
	CHECK_MEM(a + 64, b, 64);
	ualg_tfm_free(t);
}

/*
 * The EVP cbc leaves set a request's IV without re-initialising their
 * context (alg/evp/skcipher.c cbc_chained): many requests on one key, both
 * directions alternating on the shared context pair, in place and not, new
 * IVs and chained ones, against the cbc template over the bare cipher.
 */
TEST(cbc_requests_on_one_key_match_the_template)
{
	static const struct {
		const char *leaf, *tmpl;
		size_t keylen, bs;
	} algs[] = {
		{"cbc-aes-ualg", "cbc(aes-ualg)", 16, 16},
		{"cbc-aes-ualg", "cbc(aes-ualg)", 32, 16},
		{"cbc-camellia-ualg", "cbc(camellia-ualg)", 24, 16},
		{"cbc-des3_ede-ualg", "cbc(des3_ede-ualg)", 24, 8},
	};
	uint8_t key[32], in[512], a[512], b[512], iva[16], ivb[16];

	for (size_t i = 0; i < ARRAY_SIZE(algs); i++) {
		struct ualg_tfm *leaf = tfm_of(algs[i].leaf), *tmpl = tfm_of(algs[i].tmpl);
		size_t bs = algs[i].bs;

		CHECK(leaf && tmpl);
		if (!leaf || !tmpl)
			continue;
		rnd_bytes(key, algs[i].keylen);
		CHECK_EQ(ualg_tfm_setkey(leaf, key, algs[i].keylen), 0);
		CHECK_EQ(ualg_tfm_setkey(tmpl, key, algs[i].keylen), 0);
		rnd_bytes(iva, bs);
		for (int it = 0; it < 60 && !test_failures; it++) {
			size_t len = (rnd() % (sizeof(in) / bs) + 1) * bs;
			bool enc = rnd() & 1, inplace = rnd() & 1;

			if (rnd() % 3) /* else chain on: the IV the last request left */
				rnd_bytes(iva, bs);
			memcpy(ivb, iva, bs);
			rnd_bytes(in, len);
			CHECK_EQ(unit_crypt(tmpl, enc, in, b, len, ivb), 0);
			memcpy(a, in, len);
			CHECK_EQ(unit_crypt(leaf, enc, inplace ? a : in, a, len, iva), 0);
			CHECK_MEM(a, b, len);
			CHECK_MEM(iva, ivb, bs);
			if (test_failures)
				fprintf(stderr, "  %s request %d: %s %zu bytes%s\n", algs[i].leaf,
					it, enc ? "encrypt" : "decrypt", len,
					inplace ? " in place" : "");
		}
		ualg_tfm_free(leaf);
		ualg_tfm_free(tmpl);
	}
}
