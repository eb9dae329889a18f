/* SPDX-License-Identifier: MIT */
/*
 * The aead family through the engine API: OpenSSL leaves against our own
 * templates, tag failures, authsize and IV rules, in-place operation, the
 * IPsec wrappers and authenc.
 */
#include <stdint.h>
#include <stdlib.h>

#include "test.h"
#include "alg/alg.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint8_t rnd8(void)
{
	/* xorshift64*: reproducible test data */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint8_t)((rng_state * 0x2545f4914f6cdd1dull) >> 56);
}

static void rnd(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = rnd8();
}

static struct ualg_tfm *tfm_for(const char *name, const uint8_t *key, size_t keylen)
{
	const struct ualg_alg *a;
	struct ualg_tfm *t = NULL;
	int r;

	r = ualg_alg_lookup(UALG_TYPE_AEAD, name, &a);
	CHECK_EQ(r, 0);
	if (r < 0)
		return NULL;
	CHECK_EQ(ualg_tfm_new(a, &t), 0);
	if (t && key)
		CHECK_EQ(ualg_tfm_setkey(t, key, keylen), 0);
	return t;
}

static int enc(struct ualg_tfm *t, const uint8_t *src, uint8_t *dst, size_t alen, size_t plen,
	       const uint8_t *iv)
{
	struct ualg_aead_req q = {
		.tfm = t, .src = src, .dst = dst, .assoclen = alen, .cryptlen = plen, .iv = iv};

	return ualg_aead_encrypt(&q);
}

static int dec(struct ualg_tfm *t, const uint8_t *src, uint8_t *dst, size_t alen, size_t clen,
	       const uint8_t *iv)
{
	struct ualg_aead_req q = {
		.tfm = t, .src = src, .dst = dst, .assoclen = alen, .cryptlen = clen, .iv = iv};

	return ualg_aead_decrypt(&q);
}

#define MAXBUF (4096 + 300)

/*
 * Two implementations of one algorithm must agree on random keys, IVs,
 * AAD and text lengths, and each must decrypt the other's output.
 */
static void cross_check(const char *a_name, const char *b_name, const size_t *keylens,
			size_t nkeylens, unsigned int ivsize, bool ccm_iv, const size_t *alens,
			size_t nalens, const unsigned int *authsizes, size_t nas)
{
	static uint8_t src[MAXBUF], out_a[MAXBUF + 16], out_b[MAXBUF + 16], back[MAXBUF + 16];
	static const size_t plens[] = {0,  1,  15,  16,	 17,  31,  32,	 33,
				       63, 64, 100, 255, 256, 257, 1000, 4096};

	for (size_t ki = 0; ki < nkeylens; ki++) {
		uint8_t key[64];
		struct ualg_tfm *a, *b;

		rnd(key, keylens[ki]);
		a = tfm_for(a_name, key, keylens[ki]);
		b = tfm_for(b_name, key, keylens[ki]);
		if (!a || !b) {
			ualg_tfm_free(a);
			ualg_tfm_free(b);
			return;
		}
		for (size_t ai = 0; ai < nas; ai++) {
			unsigned int as = authsizes[ai];

			CHECK_EQ(ualg_aead_setauthsize(a, as), 0);
			CHECK_EQ(ualg_aead_setauthsize(b, as), 0);
			for (size_t pi = 0; pi < sizeof(plens) / sizeof(plens[0]); pi++) {
				size_t alen = alens[(pi + ai + ki) % nalens], plen = plens[pi];
				uint8_t iv[16];

				rnd(iv, ivsize);
				if (ccm_iv) /* L' = 1..7, counter bytes arbitrary */
					iv[0] = (uint8_t)(1 + rnd8() % 7);
				rnd(src, alen + plen);
				if (ccm_iv && iv[0] == 1 && plen > 0xffff)
					continue;
				CHECK_EQ(enc(a, src, out_a, alen, plen, iv), 0);
				CHECK_EQ(enc(b, src, out_b, alen, plen, iv), 0);
				if (memcmp(out_a + alen, out_b + alen, plen + as)) {
					fprintf(stderr,
						"%s vs %s: alen %zu plen %zu authsize %u differ\n",
						a_name, b_name, alen, plen, as);
					test_failures++;
				}
				/* each decrypts the other's output */
				memcpy(out_b, src, alen);
				CHECK_EQ(dec(a, out_b, back, alen, plen + as, iv), 0);
				CHECK_MEM(back + alen, src + alen, plen);
				memcpy(out_a, src, alen);
				CHECK_EQ(dec(b, out_a, back, alen, plen + as, iv), 0);
				CHECK_MEM(back + alen, src + alen, plen);
			}
		}
		ualg_tfm_free(a);
		ualg_tfm_free(b);
	}
}

static const size_t aes_keys[] = {16, 24, 32};
static const size_t plain_alens[] = {0, 1, 8, 13, 16, 20, 33, 300};
static const size_t ipsec_alens[] = {16, 20};

TEST(gcm_leaf_vs_template)
{
	static const unsigned int as[] = {16, 12, 8, 4};

	cross_check("gcm-aes-ualg", "gcm_base(ctr(aes-ualg),ghash-ualg)", aes_keys, 3, 12, false,
		    plain_alens, 8, as, 4);
}

TEST(ccm_leaf_vs_template)
{
	static const unsigned int as[] = {16, 14, 10, 8, 6, 4};

	cross_check("ccm-aes-ualg", "ccm_base(ctr(aes-ualg),cbcmac(aes-ualg))", aes_keys, 3, 16,
		    true, plain_alens, 8, as, 6);
}

TEST(aria_leaf_vs_template)
{
	static const unsigned int as[] = {16, 8};
	const struct ualg_alg *a;

	if (ualg_alg_lookup(UALG_TYPE_AEAD, "gcm-aria-ualg", &a) < 0)
		SKIP("no ARIA-GCM in this libcrypto");
	cross_check("gcm-aria-ualg", "gcm_base(ctr(aria-ualg),ghash-ualg)", aes_keys, 3, 12, false,
		    plain_alens, 8, as, 2);
	cross_check("ccm-aria-ualg", "ccm_base(ctr(aria-ualg),cbcmac(aria-ualg))", aes_keys, 3, 16,
		    true, plain_alens, 8, as, 2);
}

TEST(ipsec_over_leaf_vs_template)
{
	static const size_t k4[] = {20, 28, 36}, k3[] = {19, 27, 35};
	static const unsigned int as[] = {16, 12, 8}, as16[] = {16};

	cross_check("rfc4106(gcm-aes-ualg)", "rfc4106(gcm_base(ctr(aes-ualg),ghash-ualg))", k4, 3,
		    8, false, ipsec_alens, 2, as, 3);
	cross_check("rfc4309(ccm-aes-ualg)", "rfc4309(ccm_base(ctr(aes-ualg),cbcmac(aes-ualg)))",
		    k3, 3, 8, false, ipsec_alens, 2, as, 3);
	cross_check("rfc4543(gcm-aes-ualg)", "rfc4543(gcm_base(ctr(aes-ualg),ghash-ualg))", k4, 3,
		    8, false, ipsec_alens, 2, as16, 1);
}

/* rfc4106 is GCM with nonce salt || iv over the AAD without its IV copy */
TEST(rfc4106_is_gcm)
{
	uint8_t key[20], iv12[12], src[20 + 64], ad[12 + 64], o1[20 + 64 + 16], o2[12 + 64 + 16];
	struct ualg_tfm *g, *r;

	rnd(key, sizeof(key));
	rnd(src, sizeof(src));
	g = tfm_for("gcm(aes)", key, 16);
	r = tfm_for("rfc4106(gcm(aes))", key, 20);
	if (!g || !r)
		goto out;
	memcpy(iv12, key + 16, 4);
	memcpy(iv12 + 4, src + 12, 8); /* the IV copy at the AAD's end */
	memcpy(ad, src, 12);
	memcpy(ad + 12, src + 20, 64);
	CHECK_EQ(enc(r, src, o1, 20, 64, src + 12), 0);
	CHECK_EQ(enc(g, ad, o2, 12, 64, iv12), 0);
	CHECK_MEM(o1 + 20, o2 + 12, 64 + 16);
	/* the IV copy is not authenticated: changing it does not affect the output */
	src[15] ^= 1;
	CHECK_EQ(enc(r, src, o1, 20, 64, iv12 + 4), 0);
	CHECK_MEM(o1 + 20, o2 + 12, 64 + 16);
	/* assoclen must be 16 or 20 */
	CHECK_EQ(enc(r, src, o1, 8, 64, src + 12), -EINVAL);
	CHECK_EQ(enc(r, src, o1, 12, 64, src + 12), -EINVAL);
	CHECK_EQ(enc(r, src, o1, 24, 60, src + 12), -EINVAL);
	CHECK_EQ(enc(r, src, o1, 16, 64, src + 12), 0);
out:
	ualg_tfm_free(g);
	ualg_tfm_free(r);
}

/* rfc4543 authenticates everything and copies the text */
TEST(rfc4543_is_gmac)
{
	uint8_t key[20], iv12[12], src[16 + 40], o1[16 + 40 + 16], o2[16 + 40 + 16];
	struct ualg_tfm *g, *r;

	rnd(key, sizeof(key));
	rnd(src, sizeof(src));
	g = tfm_for("gcm(aes)", key, 16);
	r = tfm_for("rfc4543(gcm(aes))", key, 20);
	if (!g || !r)
		goto out;
	memcpy(iv12, key + 16, 4);
	memcpy(iv12 + 4, src + 8, 8);
	CHECK_EQ(enc(r, src, o1, 16, 40, src + 8), 0);
	CHECK_MEM(o1 + 16, src + 16, 40);
	CHECK_EQ(enc(g, src, o2, 16 + 40, 0, iv12), 0);
	CHECK_MEM(o1 + 16 + 40, o2 + 16 + 40, 16);
	CHECK_EQ(ualg_aead_setauthsize(r, 12), -EINVAL);
	CHECK_EQ(ualg_aead_setauthsize(r, 8), -EINVAL);
out:
	ualg_tfm_free(g);
	ualg_tfm_free(r);
}

/* rfc7539esp is rfc7539 with nonce salt || iv over the AAD without its IV copy */
TEST(rfc7539esp_is_rfc7539)
{
	uint8_t key[36], n12[12], src[20 + 50], ad[12 + 50], o1[20 + 50 + 16], o2[12 + 50 + 16];
	struct ualg_tfm *c, *e;

	rnd(key, sizeof(key));
	rnd(src, sizeof(src));
	c = tfm_for("rfc7539(chacha20,poly1305)", key, 32);
	e = tfm_for("rfc7539esp(chacha20,poly1305)", key, 36);
	if (!c || !e)
		goto out;
	memcpy(n12, key + 32, 4);
	memcpy(n12 + 4, src + 12, 8);
	memcpy(ad, src, 12);
	memcpy(ad + 12, src + 20, 50);
	CHECK_EQ(enc(e, src, o1, 20, 50, src + 12), 0);
	CHECK_EQ(enc(c, ad, o2, 12, 50, n12), 0);
	CHECK_MEM(o1 + 20, o2 + 12, 50 + 16);
	CHECK_EQ(enc(e, src, o1, 7, 50, src + 12), -EINVAL);
	CHECK_EQ(ualg_tfm_setkey(e, key, 32), -EINVAL);
	CHECK_EQ(ualg_tfm_setkey(c, key, 36), -EINVAL);
	CHECK_EQ(ualg_tfm_setkey(c, key, 31), -EINVAL);
out:
	ualg_tfm_free(c);
	ualg_tfm_free(e);
}

/*
 * A flipped bit anywhere (AAD, text, tag) gives EBADMSG, and the
 * plaintext area of dst is zeroed.
 */
static void tamper(const char *name, size_t keylen, size_t alen, unsigned int ivsize, uint8_t iv0)
{
	uint8_t key[64], iv[16], src[20 + 77], ct[20 + 77 + 16], out[20 + 77 + 16];
	size_t plen = 77, as;
	struct ualg_tfm *t;

	rnd(key, keylen);
	rnd(iv, ivsize);
	if (iv0)
		iv[0] = iv0;
	rnd(src, alen + plen);
	t = tfm_for(name, key, keylen);
	if (!t)
		return;
	as = t->authsize;
	CHECK_EQ(enc(t, src, ct, alen, plen, iv), 0);
	memcpy(ct, src, alen);
	for (size_t pos = 0; pos < alen + plen + as; pos += 7) {
		/* the IPsec IV copy at the AAD's end is not authenticated */
		if (alen >= 16 && pos >= alen - 8 && pos < alen && strncmp(name, "rfc4543", 7))
			continue;
		ct[pos] ^= 0x10;
		memset(out, 0xaa, sizeof(out));
		CHECK_EQ(dec(t, ct, out, alen, plen + as, iv), -EBADMSG);
		for (size_t i = 0; i < plen; i++)
			if (out[alen + i]) {
				fprintf(stderr, "%s: plaintext byte %zu not zeroed (flip at %zu)\n",
					name, i, pos);
				test_failures++;
				break;
			}
		ct[pos] ^= 0x10;
	}
	/* unflipped: decrypts */
	CHECK_EQ(dec(t, ct, out, alen, plen + as, iv), 0);
	CHECK_MEM(out + alen, src + alen, plen);
	/* in place too: the tampered ciphertext area is zeroed */
	ct[alen + plen] ^= 1;
	CHECK_EQ(dec(t, ct, ct, alen, plen + as, iv), -EBADMSG);
	for (size_t i = 0; i < plen; i++)
		if (ct[alen + i]) {
			fprintf(stderr, "%s: in-place plaintext not zeroed\n", name);
			test_failures++;
			break;
		}
	ualg_tfm_free(t);
}

TEST(tamper_ebadmsg)
{
	tamper("gcm-aes-ualg", 16, 13, 12, 0);
	tamper("gcm_base(ctr(aes-ualg),ghash-ualg)", 32, 13, 12, 0);
	tamper("ccm-aes-ualg", 16, 13, 16, 3);
	tamper("ccm_base(ctr(aes-ualg),cbcmac(aes-ualg))", 24, 13, 16, 3);
	tamper("rfc7539(chacha20,poly1305)", 32, 13, 12, 0);
	tamper("rfc7539esp(chacha20,poly1305)", 36, 20, 8, 0);
	tamper("rfc4106(gcm(aes))", 20, 16, 8, 0);
	tamper("rfc4309(ccm(aes))", 19, 20, 8, 0);
	tamper("rfc4543(gcm(aes))", 20, 16, 8, 0);
	tamper("gcm(camellia)", 16, 5, 12, 0);
}

static void authsizes(const char *name, size_t keylen, const unsigned int *ok, size_t nok)
{
	uint8_t key[64] = {1};
	struct ualg_tfm *t = tfm_for(name, key, keylen);

	if (!t)
		return;
	CHECK_EQ(t->authsize, t->alg->aead.maxauthsize);
	for (unsigned int as = 0; as <= 20; as++) {
		bool want = false;

		for (size_t i = 0; i < nok; i++)
			want |= ok[i] == as;
		if ((ualg_aead_setauthsize(t, as) == 0) != want) {
			fprintf(stderr, "%s: authsize %u %s\n", name, as,
				want ? "refused" : "accepted");
			test_failures++;
		}
	}
	ualg_tfm_free(t);
}

TEST(authsize_rules)
{
	static const unsigned int gcm[] = {4, 8, 12, 13, 14, 15, 16};
	static const unsigned int ccm[] = {4, 6, 8, 10, 12, 14, 16};
	static const unsigned int esp[] = {8, 12, 16};
	static const unsigned int only16[] = {16};

	authsizes("gcm-aes-ualg", 16, gcm, 7);
	authsizes("gcm_base(ctr(aes-ualg),ghash-ualg)", 16, gcm, 7);
	authsizes("ccm-aes-ualg", 16, ccm, 7);
	authsizes("ccm_base(ctr(aes-ualg),cbcmac(aes-ualg))", 16, ccm, 7);
	authsizes("rfc4106(gcm(aes))", 20, esp, 3);
	authsizes("rfc4309(ccm(aes))", 19, esp, 3);
	authsizes("rfc4543(gcm(aes))", 20, only16, 1);
	authsizes("rfc7539(chacha20,poly1305)", 32, only16, 1);
	authsizes("rfc7539esp(chacha20,poly1305)", 36, only16, 1);
}

/* a shorter tag is the full tag's prefix */
TEST(truncated_tag)
{
	uint8_t key[16] = {7}, iv[16] = {2}, src[40] = {3}, full[40 + 16], cut[40 + 16];
	static const char *const names[] = {"gcm-aes-ualg", "gcm_base(ctr(aes-ualg),ghash-ualg)"};

	for (size_t n = 0; n < 2; n++) {
		struct ualg_tfm *t = tfm_for(names[n], key, 16);

		if (!t)
			continue;
		CHECK_EQ(enc(t, src, full, 8, 32, iv), 0);
		CHECK_EQ(ualg_aead_setauthsize(t, 12), 0);
		CHECK_EQ(enc(t, src, cut, 8, 32, iv), 0);
		CHECK_MEM(cut + 8, full + 8, 32 + 12);
		memcpy(cut, src, 8);
		CHECK_EQ(dec(t, cut, cut, 8, 32 + 12, iv), 0);
		CHECK_MEM(cut + 8, src + 8, 32);
		ualg_tfm_free(t);
	}
}

static void inplace(const char *name, size_t keylen, unsigned int ivsize, uint8_t iv0, size_t alen)
{
	uint8_t key[64], iv[16], ivcopy[16], src[20 + 300], oop[20 + 300 + 16], ip[20 + 300 + 16];
	size_t plen = 300;
	struct ualg_tfm *t;

	rnd(key, keylen);
	rnd(iv, ivsize);
	if (iv0)
		iv[0] = iv0;
	memcpy(ivcopy, iv, ivsize);
	rnd(src, alen + plen);
	t = tfm_for(name, key, keylen);
	if (!t)
		return;
	CHECK_EQ(enc(t, src, oop, alen, plen, iv), 0);
	memcpy(ip, src, alen + plen);
	CHECK_EQ(enc(t, ip, ip, alen, plen, iv), 0);
	CHECK_MEM(ip, src, alen); /* the AAD area is untouched */
	CHECK_MEM(ip + alen, oop + alen, plen + t->authsize);
	CHECK_EQ(dec(t, ip, ip, alen, plen + t->authsize, iv), 0);
	CHECK_MEM(ip, src, alen + plen);
	CHECK_MEM(iv, ivcopy, ivsize); /* the IV is never modified */
	ualg_tfm_free(t);
}

TEST(in_place)
{
	inplace("gcm-aes-ualg", 16, 12, 0, 17);
	inplace("gcm_base(ctr(aes-ualg),ghash-ualg)", 16, 12, 0, 17);
	inplace("ccm-aes-ualg", 16, 16, 2, 17);
	inplace("ccm_base(ctr(aes-ualg),cbcmac(aes-ualg))", 16, 16, 2, 17);
	inplace("rfc7539(chacha20,poly1305)", 32, 12, 0, 17);
	inplace("rfc7539esp(chacha20,poly1305)", 36, 8, 0, 16);
	inplace("rfc4106(gcm(aes))", 20, 8, 0, 20);
	inplace("rfc4309(ccm(aes))", 19, 8, 0, 16);
	inplace("rfc4543(gcm(aes))", 36, 8, 0, 16);
}

TEST(ccm_iv_rule)
{
	static const char *const names[] = {"ccm-aes-ualg",
					    "ccm_base(ctr(aes-ualg),cbcmac(aes-ualg))"};
	uint8_t key[16] = {0}, iv[16] = {0}, src[16 + 16] = {0}, out[16 + 16 + 16];

	for (size_t n = 0; n < 2; n++) {
		struct ualg_tfm *t = tfm_for(names[n], key, 16);

		if (!t)
			continue;
		iv[0] = 0;
		CHECK_EQ(enc(t, src, out, 16, 16, iv), -EINVAL);
		CHECK_EQ(dec(t, src, out, 16, 16, iv), -EINVAL);
		iv[0] = 8;
		CHECK_EQ(enc(t, src, out, 16, 16, iv), -EINVAL);
		iv[0] = 0xff;
		CHECK_EQ(enc(t, src, out, 16, 16, iv), -EINVAL);
		for (uint8_t l = 1; l <= 7; l++) {
			iv[0] = l;
			CHECK_EQ(enc(t, src, out, 16, 16, iv), 0);
		}
		/* the counter bytes of the IV are ignored (kernel zeroes them) */
		iv[0] = 3;
		CHECK_EQ(enc(t, src, out, 16, 16, iv), 0);
		memcpy(src, out, 0);
		{
			uint8_t o2[16 + 16 + 16];

			iv[15] = 0x55;
			CHECK_EQ(enc(t, src, o2, 16, 16, iv), 0);
			CHECK_MEM(o2 + 16, out + 16, 32);
			iv[15] = 0;
		}
		ualg_tfm_free(t);
	}
}

TEST(key_rules)
{
	uint8_t key[64] = {0};
	struct ualg_tfm *t;

	t = tfm_for("gcm(aes)", NULL, 0);
	if (t) {
		CHECK_EQ(ualg_tfm_setkey(t, key, 15), -EINVAL);
		CHECK_EQ(ualg_tfm_setkey(t, key, 20), -EINVAL);
		CHECK(ualg_tfm_need_key(t));
		CHECK_EQ(ualg_tfm_setkey(t, key, 24), 0);
		ualg_tfm_free(t);
	}
	t = tfm_for("gcm_base(ctr(aes-ualg),ghash-ualg)", NULL, 0);
	if (t) {
		uint8_t src[16] = {0}, out[32];

		CHECK_EQ(enc(t, src, out, 0, 16, key), -ENOKEY);
		CHECK_EQ(ualg_tfm_setkey(t, key, 17), -EINVAL);
		ualg_tfm_free(t);
	}
	t = tfm_for("rfc4106(gcm(aes))", NULL, 0);
	if (t) {
		CHECK_EQ(ualg_tfm_setkey(t, key, 3), -EINVAL);
		CHECK_EQ(ualg_tfm_setkey(t, key, 16), -EINVAL);
		CHECK_EQ(ualg_tfm_setkey(t, key, 36), 0);
		ualg_tfm_free(t);
	}
}

TEST(names)
{
	const struct ualg_alg *a;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "gcm(aes)", &a), 0);
	CHECK(!strcmp(a->driver, "gcm-aes-ualg"));
	CHECK_EQ(a->aead.ivsize, 12);
	CHECK_EQ(a->aead.maxauthsize, 16);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "generic-gcm-aesni", &a), 0);
	CHECK(!strcmp(a->driver, "generic-gcm-aesni"));
	CHECK(!strcmp(ualg_alg_impl(a)->driver, "gcm-aes-ualg"));
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "rfc4106-gcm-aesni", &a), 0);
	CHECK(!strcmp(a->name, "rfc4106(gcm(aes))"));
	CHECK_EQ(a->aead.ivsize, 8);
	/* gcm(X) is named gcm_base(ctr(X),ghash...): only those two names find it */
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "gcm(aes-ualg)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "gcm(aes-generic)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "gcm_base(ctr(aes),ghash)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "gcm_base(ctr(aes-ualg),ghash-ualg)", &a), 0);
	CHECK(!strcmp(a->name, "gcm(aes)"));
	CHECK(!strcmp(a->driver, "gcm_base(ctr(aes-ualg),ghash-ualg)"));
	CHECK(a->priority < 300);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "gcm(serpent)", &a), 0);
	CHECK(!strcmp(a->driver, "gcm_base(ctr(serpent-generic),ghash-ualg)"));
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "ccm(aes)", &a), 0);
	CHECK_EQ(a->aead.ivsize, 16);
	/* wrong child types and unsuitable children */
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "gcm(sha256)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "gcm(des)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "rfc4106(ccm(aes))", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "rfc4309(gcm(aes))", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "rfc4106(aes)", &a), -ENOENT);
}

/* authenc key: rtattr {8, 1}, be32 enckeylen, authkey || enckey */
static size_t authenc_key(uint8_t *out, const uint8_t *ak, size_t akl, const uint8_t *ek,
			  size_t ekl)
{
	out[0] = 8;
	out[1] = 0;
	out[2] = 1;
	out[3] = 0;
	out[4] = out[5] = 0;
	out[6] = (uint8_t)(ekl >> 8);
	out[7] = (uint8_t)ekl;
	memcpy(out + 8, ak, akl);
	memcpy(out + 8 + akl, ek, ekl);
	return 8 + akl + ekl;
}

TEST(authenc_composition)
{
	const struct ualg_alg *a, *h, *s;
	uint8_t ak[32], ek[16], key[64], iv[16], ivc[16], src[24 + 64], out[24 + 64 + 32];
	uint8_t ct[64], mac[32], tmp[24 + 64];
	struct ualg_tfm *t = NULL, *ht = NULL, *st = NULL;
	size_t kl;

	if (ualg_alg_lookup(UALG_TYPE_AEAD, "authenc(hmac(sha256),cbc(aes))", &a) < 0 ||
	    ualg_alg_lookup(UALG_TYPE_HASH, "hmac(sha256)", &h) < 0 ||
	    ualg_alg_lookup(UALG_TYPE_SKCIPHER, "cbc(aes)", &s) < 0)
		SKIP("hmac(sha256) or cbc(aes) not available yet");
	CHECK_EQ(a->aead.ivsize, 16);
	CHECK_EQ(a->aead.maxauthsize, 32);
	CHECK_EQ(a->blocksize, 16);
	CHECK_EQ(a->priority, s->priority * 10 + h->priority);
	rnd(ak, sizeof(ak));
	rnd(ek, sizeof(ek));
	rnd(iv, sizeof(iv));
	rnd(src, sizeof(src));
	kl = authenc_key(key, ak, sizeof(ak), ek, sizeof(ek));
	CHECK_EQ(ualg_tfm_new(a, &t), 0);
	CHECK_EQ(ualg_tfm_new(h, &ht), 0);
	CHECK_EQ(ualg_tfm_new(s, &st), 0);
	if (!t || !ht || !st)
		goto out;
	/* malformed keys */
	CHECK_EQ(ualg_tfm_setkey(t, key, 3), -EINVAL);
	key[2] = 2;
	CHECK_EQ(ualg_tfm_setkey(t, key, kl), -EINVAL);
	key[2] = 1;
	key[0] = 12;
	CHECK_EQ(ualg_tfm_setkey(t, key, kl), -EINVAL);
	key[0] = 8;
	key[7] = 200;
	CHECK_EQ(ualg_tfm_setkey(t, key, kl), -EINVAL);
	key[7] = 16;
	CHECK_EQ(ualg_tfm_setkey(t, key, kl), 0);

	/* the same through the children: cbc then hmac(AAD || ciphertext) */
	CHECK_EQ(ualg_tfm_setkey(ht, ak, sizeof(ak)), 0);
	CHECK_EQ(ualg_tfm_setkey(st, ek, sizeof(ek)), 0);
	memcpy(ivc, iv, 16);
	CHECK_EQ(ualg_skcipher_encrypt(&(struct ualg_skcipher_req){.tfm = st,
								   .src = src + 24,
								   .dst = ct,
								   .len = 64,
								   .iv = ivc,
								   .final = true}),
		 0);
	memcpy(tmp, src, 24);
	memcpy(tmp + 24, ct, 64);
	CHECK_EQ(ualg_hash_digest(ht, tmp, sizeof(tmp), mac), 0);

	memcpy(ivc, iv, 16);
	CHECK_EQ(enc(t, src, out, 24, 64, iv), 0);
	CHECK_MEM(iv, ivc, 16);
	CHECK_MEM(out + 24, ct, 64);
	CHECK_MEM(out + 24 + 64, mac, 32);
	memcpy(out, src, 24);
	CHECK_EQ(dec(t, out, tmp, 24, 64 + 32, iv), 0);
	CHECK_MEM(tmp + 24, src + 24, 64);
	/* truncated tag (ESP uses 12 or 16 bytes) */
	CHECK_EQ(ualg_aead_setauthsize(t, 12), 0);
	CHECK_EQ(ualg_aead_setauthsize(t, 33), -EINVAL);
	CHECK_EQ(enc(t, src, out, 24, 64, iv), 0);
	CHECK_MEM(out + 24 + 64, mac, 12);
	/* tamper: AAD, ciphertext, tag */
	memcpy(out, src, 24);
	for (size_t pos = 0; pos < 24 + 64 + 12; pos += 11) {
		out[pos] ^= 4;
		memset(tmp, 0x5a, sizeof(tmp));
		CHECK_EQ(dec(t, out, tmp, 24, 64 + 12, iv), -EBADMSG);
		for (size_t i = 0; i < 64; i++)
			if (tmp[24 + i]) {
				test_failures++;
				fprintf(stderr, "authenc: plaintext not zeroed\n");
				break;
			}
		out[pos] ^= 4;
	}
	/* a partial block is refused by cbc */
	CHECK_EQ(enc(t, src, out, 24, 63, iv), -EINVAL);
out:
	ualg_tfm_free(t);
	ualg_tfm_free(ht);
	ualg_tfm_free(st);
}

TEST(authencesn_layout)
{
	const struct ualg_alg *a, *e;
	uint8_t ak[20], ek[16], key[64], iv[16], src[16 + 32], esn_in[16 + 32], o1[16 + 32 + 20],
		o2[16 + 32 + 20];
	struct ualg_tfm *t = NULL, *u = NULL;
	size_t kl;

	if (ualg_alg_lookup(UALG_TYPE_AEAD, "authencesn(hmac(sha1),cbc(aes))", &e) < 0 ||
	    ualg_alg_lookup(UALG_TYPE_AEAD, "authenc(hmac(sha1),cbc(aes))", &a) < 0)
		SKIP("hmac(sha1) or cbc(aes) not available yet");
	rnd(ak, sizeof(ak));
	rnd(ek, sizeof(ek));
	rnd(iv, sizeof(iv));
	rnd(src, sizeof(src));
	kl = authenc_key(key, ak, sizeof(ak), ek, sizeof(ek));
	CHECK_EQ(ualg_tfm_new(e, &t), 0);
	CHECK_EQ(ualg_tfm_new(a, &u), 0);
	if (!t || !u)
		goto out;
	CHECK_EQ(ualg_tfm_setkey(t, key, kl), 0);
	CHECK_EQ(ualg_tfm_setkey(u, key, kl), 0);
	/*
	 * ESN: AAD = SPI || seq_hi || seq_lo || IV; the MAC input is SPI ||
	 * seq_lo || IV || ciphertext || seq_hi. authenc over the AAD SPI ||
	 * seq_lo || IV gives the same ciphertext; its MAC lacks seq_hi, so
	 * only the ciphertexts compare, and seq_hi must be authenticated.
	 */
	CHECK_EQ(enc(t, src, o1, 16, 32, iv), 0);
	memcpy(esn_in, src, 4);
	memcpy(esn_in + 4, src + 8, 8);
	memcpy(esn_in + 12, src + 16, 32);
	CHECK_EQ(enc(u, esn_in, o2, 12, 32, iv), 0);
	CHECK_MEM(o1 + 16, o2 + 12, 32);
	memcpy(o1, src, 16);
	CHECK_EQ(dec(t, o1, o2, 16, 32 + 20, iv), 0);
	CHECK_MEM(o2 + 16, src + 16, 32);
	o1[5] ^= 1; /* seq_hi */
	CHECK_EQ(dec(t, o1, o2, 16, 32 + 20, iv), -EBADMSG);
	CHECK_EQ(enc(t, src, o1, 7, 32, iv), -EINVAL);
out:
	ualg_tfm_free(t);
	ualg_tfm_free(u);
}

TEST(essiv_authenc)
{
	const struct ualg_alg *e, *a;
	uint8_t ak[32], ek[16], key[64], iv[16], src[32 + 48], o1[32 + 48 + 32], o2[32 + 48 + 32];
	struct ualg_tfm *t = NULL;
	size_t kl;

	if (ualg_alg_lookup(UALG_TYPE_AEAD, "essiv(authenc(hmac(sha256),cbc(aes)),sha256)", &e) <
		    0 ||
	    ualg_alg_lookup(UALG_TYPE_AEAD, "authenc(hmac(sha256),cbc(aes))", &a) < 0)
		SKIP("hmac(sha256), sha256 or cbc(aes) not available yet");
	CHECK_EQ(e->priority, a->priority);
	CHECK_EQ(e->aead.ivsize, 16);
	CHECK_EQ(e->aead.maxauthsize, 32);
	/* only authenc() inners, and an unkeyed hash */
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD, "essiv(gcm(aes),sha256)", &a), -ENOENT);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_AEAD,
				 "essiv(authenc(hmac(sha256),cbc(aes)),hmac(sha256))", &a),
		 -ENOENT);
	rnd(ak, sizeof(ak));
	rnd(ek, sizeof(ek));
	rnd(iv, sizeof(iv));
	rnd(src, sizeof(src));
	kl = authenc_key(key, ak, sizeof(ak), ek, sizeof(ek));
	CHECK_EQ(ualg_tfm_new(e, &t), 0);
	if (!t)
		return;
	CHECK_EQ(ualg_tfm_setkey(t, key, kl), 0);
	CHECK_EQ(enc(t, src, o1, 32, 48, iv), 0);
	/* in place: the converted IV lands in the AAD's last 16 bytes, same output */
	memcpy(o2, src, 32 + 48);
	CHECK_EQ(enc(t, o2, o2, 32, 48, iv), 0);
	CHECK_MEM(o2, src, 16);
	CHECK(memcmp(o2 + 16, src + 16, 16) != 0);
	CHECK_MEM(o2 + 32, o1 + 32, 48 + 32);
	/* decrypting in place authenticates that converted AAD */
	CHECK_EQ(dec(t, o2, o2, 32, 48 + 32, iv), 0);
	CHECK_MEM(o2 + 32, src + 32, 48);
	/* a different IV gives a different ciphertext */
	iv[0] ^= 1;
	CHECK_EQ(enc(t, src, o2, 32, 48, iv), 0);
	CHECK(memcmp(o2 + 32, o1 + 32, 48) != 0);
	CHECK_EQ(enc(t, src, o2, 15, 48, iv), -EINVAL);
	ualg_tfm_free(t);
}

/*
 * ualg_tfm_clone: the same algorithm, key and authsize, independent state;
 * an unkeyed tfm clones unkeyed; a failed setkey leaves nothing to clone.
 */
TEST(clone_keeps_key_and_authsize)
{
	uint8_t key[16], iv[12], src[20 + 33], a[20 + 33 + 16], b[20 + 33 + 16];
	struct ualg_tfm *t, *c = NULL, *u, *uc = NULL;

	rnd(key, sizeof(key));
	rnd(iv, sizeof(iv));
	rnd(src, sizeof(src));
	t = tfm_for("gcm(aes)", key, sizeof(key));
	if (!t)
		return;
	CHECK_EQ(ualg_aead_setauthsize(t, 12), 0);
	CHECK_EQ(ualg_tfm_clone(t, &c), 0);
	if (c) {
		CHECK_EQ(c->authsize, 12);
		CHECK(!ualg_tfm_need_key(c));
		CHECK_EQ(enc(t, src, a, 20, 33, iv), 0);
		CHECK_EQ(enc(c, src, b, 20, 33, iv), 0);
		CHECK_MEM(a + 20, b + 20, 33 + 12);
		/* the original's key changes; the clone keeps the one it was given */
		key[0] ^= 1;
		CHECK_EQ(ualg_tfm_setkey(t, key, sizeof(key)), 0);
		CHECK_EQ(enc(c, src, a, 20, 33, iv), 0);
		CHECK_MEM(a + 20, b + 20, 33 + 12);
		ualg_tfm_free(c);
		c = NULL;
	}
	/* a refused key: nothing usable, and the clone knows it */
	CHECK_EQ(ualg_tfm_setkey(t, key, 15), -EINVAL);
	CHECK_EQ(ualg_tfm_clone(t, &c), 0);
	if (c) {
		CHECK(ualg_tfm_need_key(c));
		ualg_tfm_free(c);
	}
	ualg_tfm_free(t);
	u = tfm_for("gcm(aes)", NULL, 0);
	if (u) {
		CHECK_EQ(ualg_tfm_clone(u, &uc), 0);
		CHECK(uc && ualg_tfm_need_key(uc));
		ualg_tfm_free(uc);
		ualg_tfm_free(u);
	}
}
