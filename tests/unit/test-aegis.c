/* SPDX-License-Identifier: MIT */
/*
 * aegis128 (alg/sw/aegis128.c): the AES round of both paths against
 * OpenSSL's AES-128, the AES-NI and portable paths against each other, and
 * the leaf through the engine API: round trips, tampering, authsize and key
 * rules, names and aliases.
 */
#include <stdint.h>
#include <stdlib.h>
#include <openssl/evp.h>

#include "unit.h"
#include "alg/evp/evp.h"
#include "alg/sw/aead.h"

/* ---- an AES-128 written here from FIPS-197, for checking the round only */

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
	uint8_t r = 0;

	while (b) {
		if (b & 1)
			r ^= a;
		a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
		b >>= 1;
	}
	return r;
}

/* FIPS-197 §5.1.1: multiplicative inverse (found by search), then the affine map */
static uint8_t sbox_ref(uint8_t x)
{
	uint8_t inv = 0, s;

	for (int y = 1; y < 256 && x; y++)
		if (gf_mul(x, (uint8_t)y) == 1)
			inv = (uint8_t)y;
	s = inv;
	for (int i = 1; i <= 4; i++)
		s ^= (uint8_t)((inv << i) | (inv >> (8 - i)));
	return s ^ 0x63;
}

static uint8_t sbox_tab[256];

static void aes128_ref(const uint8_t key[16], const uint8_t in[16], uint8_t out[16], bool portable)
{
	uint8_t rk[11][16], st[16], t[16], rcon = 1;

	memcpy(rk[0], key, 16);
	for (int r = 1; r <= 10; r++) {
		const uint8_t *p = rk[r - 1];

		rk[r][0] = p[0] ^ sbox_tab[p[13]] ^ rcon;
		rk[r][1] = p[1] ^ sbox_tab[p[14]];
		rk[r][2] = p[2] ^ sbox_tab[p[15]];
		rk[r][3] = p[3] ^ sbox_tab[p[12]];
		for (int i = 4; i < 16; i++)
			rk[r][i] = p[i] ^ rk[r][i - 4];
		rcon = gf_mul(rcon, 2);
	}
	for (int i = 0; i < 16; i++)
		st[i] = in[i] ^ rk[0][i];
	/* rounds 1..9: the engine's AESENC */
	for (int r = 1; r <= 9; r++) {
		ualg_aegis128_aes_round(t, st, rk[r], portable);
		memcpy(st, t, 16);
	}
	/* the last round has no MixColumns */
	for (int c = 0; c < 4; c++)
		for (int row = 0; row < 4; row++)
			out[4 * c + row] =
				sbox_tab[st[4 * ((c + row) & 3) + row]] ^ rk[10][4 * c + row];
}

TEST(aes_round_matches_openssl)
{
	EVP_CIPHER *ecb = ualg_evp_cipher_get("AES-128-ECB");
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	uint8_t key[16], in[16], want[16], got[16];
	int n = 0;

	CHECK(ecb && ctx);
	if (!ecb || !ctx)
		goto out;
	for (int i = 0; i < 256; i++)
		sbox_tab[i] = sbox_ref((uint8_t)i);
	CHECK_EQ(sbox_tab[0], 0x63);
	CHECK_EQ(sbox_tab[0x53], 0xed); /* FIPS-197 §5.1.1 example */
	for (int k = 0; k < 200; k++) {
		rnd_bytes(key, 16);
		rnd_bytes(in, 16);
		CHECK(EVP_EncryptInit_ex2(ctx, ecb, key, NULL, NULL));
		EVP_CIPHER_CTX_set_padding(ctx, 0);
		CHECK(EVP_EncryptUpdate(ctx, want, &n, in, 16) && n == 16);
		for (int p = 0; p < 2; p++) {
			aes128_ref(key, in, got, p);
			CHECK_MEM(got, want, 16);
		}
	}
	/* every S-box value through the portable round: a block of x, zero key, gives S(x) */
	for (int x = 0; x < 256; x++) {
		uint8_t b[16], z[16] = {0};

		memset(b, x, 16);
		ualg_aegis128_aes_round(got, b, z, true);
		CHECK_EQ(got[0], sbox_tab[x]);
		CHECK_EQ(got[15], sbox_tab[x]);
	}
out:
	EVP_CIPHER_CTX_free(ctx);
}

TEST(selfcheck_passes)
{
	CHECK_EQ(ualg_aegis128_selfcheck(NULL), 0);
}

/* ---- the two paths */

static void paths_agree(size_t adlen, size_t len)
{
	uint8_t key[16], iv[16], tag[2][16], dtag[2][16];
	uint8_t *ad = malloc(adlen + 1), *m = malloc(len + 1), *c[2], *d[2];

	c[0] = malloc(len + 1);
	c[1] = malloc(len + 1);
	d[0] = malloc(len + 1);
	d[1] = malloc(len + 1);
	rnd_bytes(key, 16);
	rnd_bytes(iv, 16);
	rnd_bytes(ad, adlen);
	rnd_bytes(m, len);
	for (int p = 0; p < 2; p++) {
		ualg_aegis128_crypt(key, iv, ad, adlen, m, c[p], len, tag[p], true, p);
		ualg_aegis128_crypt(key, iv, ad, adlen, c[p], d[p], len, dtag[p], false, p);
		CHECK_MEM(d[p], m, len);
		CHECK_MEM(dtag[p], tag[p], 16);
	}
	CHECK_MEM(c[0], c[1], len);
	CHECK_MEM(tag[0], tag[1], 16);
	for (int p = 0; p < 2; p++) {
		free(c[p]);
		free(d[p]);
	}
	free(ad);
	free(m);
}

TEST(aesni_and_portable_agree)
{
	if (!ualg_aegis128_have_aesni())
		SKIP("no AES-NI on this CPU: one path only");
	for (size_t len = 0; len <= 300; len++)
		paths_agree(len % 53, len);
	for (size_t adlen = 0; adlen <= 100; adlen++)
		paths_agree(adlen, 17);
	paths_agree(4096, 4096);
	paths_agree(13, 65536 + 7);
	paths_agree(70001, 1);
}

/* the path choice must not be visible: in-place equals out-of-place on both */
TEST(in_place_both_paths)
{
	uint8_t key[16], iv[16], ad[20], m[77], c[77], buf[77], t1[16], t2[16];

	rnd_bytes(key, 16);
	rnd_bytes(iv, 16);
	rnd_bytes(ad, sizeof(ad));
	rnd_bytes(m, sizeof(m));
	for (int p = 0; p < 2; p++) {
		ualg_aegis128_crypt(key, iv, ad, sizeof(ad), m, c, sizeof(m), t1, true, p);
		memcpy(buf, m, sizeof(m));
		ualg_aegis128_crypt(key, iv, ad, sizeof(ad), buf, buf, sizeof(buf), t2, true, p);
		CHECK_MEM(buf, c, sizeof(c));
		CHECK_MEM(t1, t2, 16);
		ualg_aegis128_crypt(key, iv, ad, sizeof(ad), buf, buf, sizeof(buf), t2, false, p);
		CHECK_MEM(buf, m, sizeof(m));
		CHECK_MEM(t1, t2, 16);
	}
}

/* ---- the leaf through the engine */

static struct ualg_tfm *aegis_tfm(const char *name, uint8_t key[16])
{
	struct ualg_tfm *t = unit_tfm(UALG_TYPE_AEAD, name);

	if (t) {
		rnd_bytes(key, 16);
		CHECK_EQ(ualg_tfm_setkey(t, key, 16), 0);
	}
	return t;
}

static int aead_op(struct ualg_tfm *t, bool enc, const uint8_t *src, uint8_t *dst, size_t alen,
		   size_t clen, const uint8_t *iv)
{
	struct ualg_aead_req q = {
		.tfm = t, .src = src, .dst = dst, .assoclen = alen, .cryptlen = clen, .iv = iv};

	return enc ? ualg_aead_encrypt(&q) : ualg_aead_decrypt(&q);
}

TEST(names_and_aliases)
{
	const struct ualg_alg *a, *b;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "aegis128", &a), 0);
	if (test_failures)
		return;
	CHECK(!strcmp(a->driver, "aegis128-ualg"));
	CHECK_EQ(a->blocksize, 1);
	CHECK_EQ(a->aead.ivsize, 16);
	CHECK_EQ(a->aead.maxauthsize, 16);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "aegis128-generic", &b), 0);
	CHECK(ualg_alg_impl(b) == a);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "aegis128-aesni", &b), 0);
	CHECK(ualg_alg_impl(b) == a);
	CHECK(!strcmp(b->driver, "aegis128-aesni"));
	/* the kernel's internal driver is never reachable, nor another type */
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "__aegis128-aesni", &b), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, "aegis128", &b), -ENOENT);
}

TEST(published_vector)
{
	/* AEGIS v1.1 (Wu, Preneel), AEGIS-128 test vector 1 */
	static const uint8_t want[32] = {0x95, 0x1b, 0x05, 0x0f, 0xa7, 0x2b, 0x1a, 0x2f,
					 0xc1, 0x6d, 0x2e, 0x1f, 0x01, 0xb0, 0x7d, 0x7e,
					 0xa7, 0xd2, 0xa9, 0x97, 0x73, 0x24, 0x95, 0x42,
					 0xf4, 0x22, 0x21, 0x7e, 0xe8, 0x88, 0xd5, 0xf1};
	uint8_t key[16] = {0}, iv[16] = {0}, p[16] = {0}, c[32], t[16];
	struct ualg_tfm *tf = unit_tfm(UALG_TYPE_AEAD, "aegis128");

	for (int path = 0; path < 2; path++) {
		ualg_aegis128_crypt(key, iv, NULL, 0, p, c, 16, t, true, path);
		CHECK_MEM(c, want, 16);
		CHECK_MEM(t, want + 16, 16);
	}
	if (!tf)
		return;
	CHECK_EQ(ualg_tfm_setkey(tf, key, 16), 0);
	CHECK_EQ(aead_op(tf, true, p, c, 0, 16, iv), 0);
	CHECK_MEM(c, want, 32);
	ualg_tfm_free(tf);
}

static void roundtrip(struct ualg_tfm *t, size_t alen, size_t plen)
{
	unsigned int as = t->authsize;
	uint8_t iv[16], *src = malloc(alen + plen + 1), *ct = malloc(alen + plen + as + 1);
	uint8_t *pt = malloc(alen + plen + 1);

	rnd_bytes(iv, 16);
	rnd_bytes(src, alen + plen);
	CHECK_EQ(aead_op(t, true, src, ct, alen, plen, iv), 0);
	memcpy(ct, src, alen); /* the AAD area of dst is the caller's */
	CHECK_EQ(aead_op(t, false, ct, pt, alen, plen + as, iv), 0);
	CHECK_MEM(pt + alen, src + alen, plen);
	if (plen >= 16)
		CHECK(memcmp(ct + alen, src + alen, plen) != 0);
	free(src);
	free(ct);
	free(pt);
}

TEST(roundtrip_lengths)
{
	uint8_t key[16];
	struct ualg_tfm *t = aegis_tfm("aegis128", key);

	if (!t)
		return;
	for (size_t a = 0; a <= 100; a++)
		for (size_t p = 0; p <= 100; p++)
			roundtrip(t, a, p);
	roundtrip(t, 0, 65536);
	roundtrip(t, 4096, 1 << 20);
	roundtrip(t, 1000003, 3);
	CHECK_EQ(ualg_aead_setauthsize(t, 8), 0);
	for (size_t p = 0; p <= 40; p++)
		roundtrip(t, p / 2, p);
	ualg_tfm_free(t);
}

TEST(tamper_gives_ebadmsg)
{
	enum { AL = 21, PL = 45 };
	uint8_t key[16], iv[16], src[AL + PL], ct[AL + PL + 16], bad[AL + PL + 16], pt[AL + PL];
	struct ualg_tfm *t = aegis_tfm("aegis128", key);

	if (!t)
		return;
	rnd_bytes(iv, 16);
	rnd_bytes(src, sizeof(src));
	CHECK_EQ(aead_op(t, true, src, ct, AL, PL, iv), 0);
	memcpy(ct, src, AL);
	for (size_t i = 0; i < sizeof(ct); i++) {
		memcpy(bad, ct, sizeof(ct));
		bad[i] ^= (uint8_t)(1u << (i & 7));
		memset(pt, 0xaa, sizeof(pt));
		CHECK_EQ(aead_op(t, false, bad, pt, AL, PL + 16, iv), -EBADMSG);
		/* nothing of the candidate plaintext is handed out */
		for (size_t j = AL; j < sizeof(pt); j++)
			CHECK_EQ(pt[j], 0);
	}
	/* a wrong IV, and a short message */
	iv[3] ^= 0x10;
	CHECK_EQ(aead_op(t, false, ct, pt, AL, PL + 16, iv), -EBADMSG);
	CHECK_EQ(aead_op(t, false, ct, pt, AL, 15, iv), -EINVAL);
	iv[3] ^= 0x10;
	CHECK_EQ(aead_op(t, false, ct, pt, AL, PL + 16, iv), 0);
	CHECK_MEM(pt + AL, src + AL, PL);
	/* a truncated tag: the 16-byte tag's prefix, and only it */
	CHECK_EQ(ualg_aead_setauthsize(t, 10), 0);
	CHECK_EQ(aead_op(t, false, ct, pt, AL, PL + 10, iv), 0);
	ct[AL + PL + 9] ^= 1;
	CHECK_EQ(aead_op(t, false, ct, pt, AL, PL + 10, iv), -EBADMSG);
	ualg_tfm_free(t);
}

TEST(authsize_rules)
{
	uint8_t key[16];
	struct ualg_tfm *t = aegis_tfm("aegis128", key);

	if (!t)
		return;
	CHECK_EQ(t->authsize, 16);
	/* kernel crypto_aegis128_setauthsize: 8..16 */
	for (unsigned int a = 0; a <= 40; a++)
		CHECK_EQ(ualg_aead_setauthsize(t, a), a >= 8 && a <= 16 ? 0 : -EINVAL);
	ualg_tfm_free(t);
}

TEST(key_rules)
{
	uint8_t key[64] = {0};
	struct ualg_tfm *t = unit_tfm(UALG_TYPE_AEAD, "aegis128");

	if (!t)
		return;
	CHECK(ualg_tfm_need_key(t));
	for (size_t k = 0; k <= 64; k++)
		CHECK_EQ(ualg_tfm_setkey(t, key, k), k == 16 ? 0 : -EINVAL);
	ualg_tfm_free(t);
}
