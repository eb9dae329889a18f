/* SPDX-License-Identifier: MIT */
/*
 * xctr and hctr2 through the engine API: names, kernel driver names and
 * metadata; xctr against a reference built from ecb(aes) (keystream block i
 * = E_K(IV ^ le128(i)), i from 1, the IV left as is); hctr2 against a
 * reference composed from ecb(aes), xctr(aes) and the "polyval" hash as the
 * HCTR2 paper (eprint 2021/1441) writes it, its 16-byte minimum, inverse in
 * place and separate, the wide-block property and the untouched tweak. The
 * byte-exact answers are the testmgr vectors (suite vectors).
 */
#include <stdlib.h>

#include "unit.h"

#define BLK 16
#define TWEAK 32
#define MAXLEN 4200

static const size_t key_sizes[] = {16, 24, 32};

static struct ualg_tfm *keyed(enum ualg_type type, const char *name, const uint8_t *key,
			      size_t klen)
{
	struct ualg_tfm *t = unit_tfm(type, name);

	if (t && key)
		CHECK_EQ(ualg_tfm_setkey(t, key, klen), 0);
	return t;
}

static const struct ualg_alg *find(const char *name)
{
	const struct ualg_alg *a = NULL;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, name, &a), 0);
	return a;
}

TEST(names_and_metadata)
{
	const struct ualg_alg *h = find("hctr2(aes)"), *x = find("xctr(aes)");

	if (!h || !x)
		return;
	CHECK(!strcmp(h->name, "hctr2(aes)"));
	CHECK(!strcmp(h->driver, "hctr2_base(xctr(aes-ualg),polyval-ualg)"));
	CHECK_EQ(h->type, UALG_TYPE_SKCIPHER);
	CHECK_EQ(h->blocksize, 16);
	CHECK_EQ(h->skcipher.ivsize, 32);
	CHECK_EQ(h->skcipher.chunksize, 16);
	CHECK_EQ(h->skcipher.min_keysize, 16);
	CHECK_EQ(h->skcipher.max_keysize, 32);
	CHECK_EQ(h->skcipher.statesize, 0);
	CHECK(h->flags & UALG_F_KEYED);

	CHECK(!strcmp(x->name, "xctr(aes)"));
	CHECK(!strcmp(x->driver, "xctr(aes-ualg)"));
	CHECK_EQ(x->blocksize, 1);
	CHECK_EQ(x->skcipher.ivsize, 16);
	CHECK_EQ(x->skcipher.chunksize, 16);
	CHECK_EQ(x->skcipher.min_keysize, 16);
	CHECK_EQ(x->skcipher.max_keysize, 32);
	CHECK_EQ(x->skcipher.statesize, 0);

	/*
	 * a request finds the instance whose name or driver it is (the
	 * kernel's rule): driver spellings with kernel or our driver names do,
	 * generic children inside hctr2_base or a driver inside hctr2() do not
	 */
	static const char *const same[] = {
		"hctr2_base(xctr(aes-generic),polyval-generic)",
		"hctr2_base(xctr-aes-aesni,polyval-clmulni)",
		"hctr2_base(xctr(aes-ualg),polyval-ualg)",
	};
	static const char *const not_found[] = {
		"hctr2_base(xctr(aes),polyval)",
		"hctr2_base(xctr(aes),polyval-lib)",
		"hctr2(aes-generic)",
	};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		const struct ualg_alg *a = find(same[i]);

		if (!a || strcmp(a->name, h->name) || strcmp(a->driver, same[i]))
			fprintf(stderr, "%s is not an hctr2(aes) of that driver name\n", same[i]);
		CHECK(a && !strcmp(a->name, h->name) && !strcmp(a->driver, same[i]));
	}
	for (size_t i = 0; i < sizeof(not_found) / sizeof(not_found[0]); i++) {
		const struct ualg_alg *a;

		CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, not_found[i], &a), -ENOENT);
	}
	CHECK(ualg_alg_impl(find("xctr-aes-aesni")) == x);
	CHECK(!strcmp(find("xctr(aes-generic)")->name, "xctr(aes)"));
}

TEST(rejected_arguments)
{
	static const char *const bad[] = {
		"hctr2_base(ctr(aes),polyval)", /* not an xctr child */
		"hctr2_base(xctr(aes),ghash)",	/* not POLYVAL */
		"hctr2_base(xctr(aes))",	/* one argument */
		"hctr2(aes,polyval)",		/* two arguments */
		"hctr2(des3_ede)",		/* 8-byte blocks */
		"xctr(des3_ede)",
		"hctr2(sha256)",
		"xctr(cbc(aes))",
	};
	const struct ualg_alg *a;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int r = ualg_alg_lookup(UALG_TYPE_SKCIPHER, bad[i], &a);

		if (r != -ENOENT)
			fprintf(stderr, "%s: %d\n", bad[i], r);
		CHECK_EQ(r, -ENOENT);
	}
}

/* iv ^ le128(i) */
static void ctr_block(uint8_t out[BLK], const uint8_t iv[BLK], uint64_t i)
{
	memcpy(out, iv, BLK);
	for (int b = 0; b < 8; b++)
		out[b] ^= (uint8_t)(i >> (8 * b));
}

/* dst = XCTR_iv(src) built from an ecb(aes) tfm */
static void xctr_ref(struct ualg_tfm *ecb, const uint8_t iv[BLK], const uint8_t *src, uint8_t *dst,
		     size_t len)
{
	uint8_t ctr[BLK], ks[BLK], ivc[BLK];

	for (size_t off = 0, i = 1; off < len; off += BLK, i++) {
		size_t n = len - off < BLK ? len - off : BLK;

		ctr_block(ctr, iv, i);
		memset(ivc, 0, sizeof(ivc));
		CHECK_EQ(unit_crypt(ecb, true, ctr, ks, BLK, ivc), 0);
		for (size_t j = 0; j < n; j++)
			dst[off + j] = src[off + j] ^ ks[j];
	}
}

TEST(xctr_matches_ecb_reference)
{
	static const size_t lens[] = {1, 15, 16, 17, 31, 32, 33, 255, 511, 512, 513, 1000, 4096};
	static uint8_t pt[MAXLEN], a[MAXLEN], b[MAXLEN];
	uint8_t key[32], iv[BLK], iv0[BLK];

	for (size_t k = 0; k < 3; k++) {
		struct ualg_tfm *x, *e;

		rnd_bytes(key, sizeof(key));
		x = keyed(UALG_TYPE_SKCIPHER, "xctr(aes)", key, key_sizes[k]);
		e = keyed(UALG_TYPE_SKCIPHER, "ecb(aes)", key, key_sizes[k]);
		if (!x || !e)
			return;
		for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
			rnd_bytes(iv0, sizeof(iv0));
			rnd_bytes(pt, lens[i]);
			xctr_ref(e, iv0, pt, b, lens[i]);
			memcpy(iv, iv0, BLK);
			CHECK_EQ(unit_crypt(x, true, pt, a, lens[i], iv), 0);
			CHECK_MEM(a, b, lens[i]);
			/* the kernel's xctr leaves req->iv as it was */
			CHECK_MEM(iv, iv0, BLK);
			/* decryption is the same XOR, in place too */
			CHECK_EQ(unit_crypt(x, false, a, a, lens[i], iv), 0);
			CHECK_MEM(a, pt, lens[i]);
		}
		ualg_tfm_free(x);
		ualg_tfm_free(e);
	}
}

/*
 * No state and an unchanged IV: a message split into requests restarts the
 * keystream at counter 1 for each piece, as the kernel's xctr through
 * AF_ALG does (statesize 0; spec §8 "IV chaining").
 */
TEST(xctr_pieces_restart)
{
	uint8_t key[16], iv[BLK], iv0[BLK], pt[64], one[64], two[64];
	struct ualg_tfm *x;

	rnd_bytes(key, sizeof(key));
	rnd_bytes(iv0, sizeof(iv0));
	rnd_bytes(pt, sizeof(pt));
	x = keyed(UALG_TYPE_SKCIPHER, "xctr(aes)", key, sizeof(key));
	if (!x)
		return;
	memcpy(iv, iv0, BLK);
	CHECK_EQ(unit_crypt(x, true, pt, one, 32, iv), 0);
	struct ualg_skcipher_req req = {
		.tfm = x,
		.src = pt,
		.dst = two,
		.len = 32,
		.iv = iv,
		.final = false,
	};
	CHECK_EQ(ualg_skcipher_encrypt(&req), 0);
	req.src = pt + 32;
	req.dst = two + 32;
	req.final = true;
	CHECK_EQ(ualg_skcipher_encrypt(&req), 0);
	CHECK_MEM(two, one, 32);
	/* the second piece used the first keystream blocks again */
	for (int i = 0; i < 32; i++)
		two[32 + i] ^= pt[32 + i] ^ pt[i];
	CHECK_MEM(two + 32, one, 32);
	ualg_tfm_free(x);
}

/* ---- hctr2 reference: ecb(aes) for E/D, xctr(aes), the "polyval" hash */

struct ref {
	struct ualg_tfm *ecb, *xctr, *poly;
	uint8_t L[BLK];
};

static void ref_init(struct ref *r, const uint8_t *key, size_t klen)
{
	uint8_t z[BLK] = {0}, hbar[BLK], iv[BLK] = {0};

	r->ecb = keyed(UALG_TYPE_SKCIPHER, "ecb(aes)", key, klen);
	r->xctr = keyed(UALG_TYPE_SKCIPHER, "xctr(aes)", key, klen);
	r->poly = unit_tfm(UALG_TYPE_HASH, "polyval");
	if (!r->ecb || !r->xctr || !r->poly)
		return;
	CHECK_EQ(unit_crypt(r->ecb, true, z, hbar, BLK, iv), 0);
	z[0] = 1;
	CHECK_EQ(unit_crypt(r->ecb, true, z, r->L, BLK, iv), 0);
	CHECK_EQ(ualg_tfm_setkey(r->poly, hbar, BLK), 0);
}

static void ref_free(struct ref *r)
{
	ualg_tfm_free(r->ecb);
	ualg_tfm_free(r->xctr);
	ualg_tfm_free(r->poly);
}

/* POLYVAL(hbar, le128(2*8*|T| + 2 + [|P| % 16 != 0]) || T || pad(X)) */
static void ref_hash(struct ref *r, const uint8_t *tweak, size_t msglen, const uint8_t *x,
		     size_t xlen, uint8_t out[BLK])
{
	static uint8_t buf[BLK + TWEAK + MAXLEN + BLK];
	uint64_t v = TWEAK * 8 * 2 + 2 + (msglen % BLK != 0);
	size_t n = 0;

	memset(buf, 0, sizeof(buf));
	for (int i = 0; i < 8; i++)
		buf[i] = (uint8_t)(v >> (8 * i));
	n = BLK;
	memcpy(buf + n, tweak, TWEAK);
	n += TWEAK;
	memcpy(buf + n, x, xlen);
	n += xlen;
	if (xlen % BLK) {
		buf[n] = 1;
		n += BLK - xlen % BLK;
	}
	CHECK_EQ(ualg_hash_digest(r->poly, buf, n, out), 0);
}

static void ref_crypt(struct ref *r, bool enc, const uint8_t *tweak, const uint8_t *in,
		      uint8_t *out, size_t len)
{
	uint8_t h[BLK], x[BLK], y[BLK], s[BLK], iv[BLK] = {0};

	ref_hash(r, tweak, len, in + BLK, len - BLK, h);
	for (int i = 0; i < BLK; i++)
		x[i] = in[i] ^ h[i];
	CHECK_EQ(unit_crypt(r->ecb, enc, x, y, BLK, iv), 0);
	for (int i = 0; i < BLK; i++)
		s[i] = x[i] ^ y[i] ^ r->L[i];
	if (len > BLK)
		CHECK_EQ(unit_crypt(r->xctr, true, in + BLK, out + BLK, len - BLK, s), 0);
	ref_hash(r, tweak, len, out + BLK, len - BLK, h);
	for (int i = 0; i < BLK; i++)
		out[i] = y[i] ^ h[i];
}

TEST(hctr2_matches_reference)
{
	static const size_t lens[] = {16, 17, 31, 32, 33, 48, 100, 255, 256, 512, 513, 4096, 4111};
	static uint8_t pt[MAXLEN], a[MAXLEN], b[MAXLEN];
	uint8_t key[32], tw[TWEAK];

	for (size_t k = 0; k < 3; k++) {
		struct ualg_tfm *t;
		struct ref r;

		rnd_bytes(key, sizeof(key));
		t = keyed(UALG_TYPE_SKCIPHER, "hctr2(aes)", key, key_sizes[k]);
		ref_init(&r, key, key_sizes[k]);
		if (!t || !r.ecb || !r.xctr || !r.poly)
			return;
		for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
			rnd_bytes(tw, sizeof(tw));
			rnd_bytes(pt, lens[i]);
			ref_crypt(&r, true, tw, pt, b, lens[i]);
			CHECK_EQ(unit_crypt(t, true, pt, a, lens[i], tw), 0);
			CHECK_MEM(a, b, lens[i]);
			ref_crypt(&r, false, tw, a, b, lens[i]);
			CHECK_MEM(b, pt, lens[i]);
		}
		ref_free(&r);
		ualg_tfm_free(t);
	}
}

TEST(hctr2_einval_below_one_block)
{
	uint8_t key[16] = {1}, tw[TWEAK] = {2}, in[BLK] = {3}, out[BLK];
	struct ualg_tfm *t = keyed(UALG_TYPE_SKCIPHER, "hctr2(aes)", key, sizeof(key));

	if (!t)
		return;
	for (size_t len = 0; len < BLK; len++) {
		CHECK_EQ(unit_crypt(t, true, in, out, len, tw), -EINVAL);
		CHECK_EQ(unit_crypt(t, false, in, out, len, tw), -EINVAL);
	}
	CHECK_EQ(unit_crypt(t, true, in, out, BLK, tw), 0);
	ualg_tfm_free(t);
}

TEST(hctr2_inverse_and_tweak_unchanged)
{
	static uint8_t pt[MAXLEN], a[MAXLEN], b[MAXLEN];
	uint8_t key[32], tw[TWEAK], tw0[TWEAK];

	for (size_t k = 0; k < 3; k++) {
		struct ualg_tfm *t;

		rnd_bytes(key, sizeof(key));
		t = keyed(UALG_TYPE_SKCIPHER, "hctr2(aes)", key, key_sizes[k]);
		if (!t)
			return;
		for (size_t len = BLK; len <= 300; len++) {
			rnd_bytes(tw0, sizeof(tw0));
			memcpy(tw, tw0, TWEAK);
			rnd_bytes(pt, len);
			/* separate buffers */
			CHECK_EQ(unit_crypt(t, true, pt, a, len, tw), 0);
			CHECK_MEM(tw, tw0, TWEAK);
			CHECK(memcmp(a, pt, len));
			CHECK_EQ(unit_crypt(t, false, a, b, len, tw), 0);
			CHECK_MEM(tw, tw0, TWEAK);
			CHECK_MEM(b, pt, len);
			/* in place gives the same ciphertext and inverts */
			memcpy(b, pt, len);
			CHECK_EQ(unit_crypt(t, true, b, b, len, tw), 0);
			CHECK_MEM(b, a, len);
			CHECK_EQ(unit_crypt(t, false, b, b, len, tw), 0);
			CHECK_MEM(b, pt, len);
		}
		ualg_tfm_free(t);
	}
}

/* every whole block differs, and the last 16 bytes (a partial tail) too */
static bool all_blocks_differ(const uint8_t *a, const uint8_t *b, size_t len)
{
	for (size_t off = 0; off + BLK <= len; off += BLK)
		if (!memcmp(a + off, b + off, BLK))
			return false;
	return memcmp(a + len - BLK, b + len - BLK, BLK) != 0;
}

TEST(hctr2_one_bit_changes_every_block)
{
	static const size_t lens[] = {16, 17, 32, 47, 64, 100, 512, 4096};
	static uint8_t pt[MAXLEN], c0[MAXLEN], c1[MAXLEN];
	uint8_t key[32], tw[TWEAK];
	struct ualg_tfm *t;

	rnd_bytes(key, sizeof(key));
	t = keyed(UALG_TYPE_SKCIPHER, "hctr2(aes)", key, 32);
	if (!t)
		return;
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		size_t len = lens[i];

		rnd_bytes(tw, sizeof(tw));
		rnd_bytes(pt, len);
		for (int dir = 0; dir < 2; dir++) {
			bool enc = dir == 0;

			CHECK_EQ(unit_crypt(t, enc, pt, c0, len, tw), 0);
			/* a bit of every input block, first, middle and last bytes */
			for (size_t pos = 0; pos < len; pos += (pos % BLK == 0 ? 7 : 9)) {
				uint8_t bit = (uint8_t)(1u << (rnd() % 8));

				pt[pos] ^= bit;
				CHECK_EQ(unit_crypt(t, enc, pt, c1, len, tw), 0);
				pt[pos] ^= bit;
				if (!all_blocks_differ(c0, c1, len))
					fprintf(stderr, "len %zu pos %zu enc %d\n", len, pos, enc);
				CHECK(all_blocks_differ(c0, c1, len));
			}
			pt[len - 1] ^= 0x80;
			CHECK_EQ(unit_crypt(t, enc, pt, c1, len, tw), 0);
			pt[len - 1] ^= 0x80;
			CHECK(all_blocks_differ(c0, c1, len));
			/* a bit of each tweak byte */
			for (size_t pos = 0; pos < TWEAK; pos++) {
				tw[pos] ^= 0x10;
				CHECK_EQ(unit_crypt(t, enc, pt, c1, len, tw), 0);
				tw[pos] ^= 0x10;
				CHECK(all_blocks_differ(c0, c1, len));
			}
		}
	}
	ualg_tfm_free(t);
}

TEST(hctr2_key_sizes)
{
	uint8_t key[33] = {0};
	struct ualg_tfm *t = unit_tfm(UALG_TYPE_SKCIPHER, "hctr2(aes)");

	if (!t)
		return;
	CHECK_EQ(ualg_tfm_setkey(t, key, 15), -EINVAL);
	CHECK_EQ(ualg_tfm_setkey(t, key, 20), -EINVAL);
	CHECK_EQ(ualg_tfm_setkey(t, key, 33), -EINVAL);
	CHECK_EQ(ualg_tfm_setkey(t, key, 16), 0);
	CHECK_EQ(ualg_tfm_setkey(t, key, 24), 0);
	CHECK_EQ(ualg_tfm_setkey(t, key, 32), 0);
	ualg_tfm_free(t);
}
