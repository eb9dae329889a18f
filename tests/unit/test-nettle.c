/* SPDX-License-Identifier: MIT */
/*
 * The Nettle-backed leaves (alg/nettle/): the kernel's key rules for
 * serpent (any length up to 32 bytes, spec padding) and twofish (16/24/32),
 * key-length checks that keep Nettle's asserts unreachable, the kernel
 * driver-name alias, and streebog streaming and cloning.
 */
#include <stdlib.h>

#include "unit.h"

static void cipher_enc(struct ualg_tfm *t, const uint8_t *key, size_t klen, const uint8_t *in,
		       uint8_t *out)
{
	CHECK_EQ(ualg_tfm_setkey(t, key, klen), 0);
	CHECK_EQ(t->alg->cipher.ops->encrypt(t, out, in, 1), 0);
}

/* Serpent spec: a key shorter than 256 bits gets a 1 bit, then zeros */
TEST(serpent_short_key_padding)
{
	static const size_t lens[] = {0, 1, 5, 15, 16, 24, 31};
	struct ualg_tfm *t = unit_tfm(UALG_TYPE_CIPHER, "serpent");
	uint8_t key[32], padded[32], in[16], a[16], b[16], c[16];

	if (!t)
		return;
	CHECK(!strcmp(t->alg->driver, "serpent-generic"));
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)(i * 7 + 1);
	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(0xa5 ^ (i * 13));
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		size_t n = lens[i];

		memset(padded, 0, sizeof(padded));
		memcpy(padded, key, n);
		padded[n] = 0x01;
		cipher_enc(t, key, n, in, a);
		cipher_enc(t, padded, sizeof(padded), in, b);
		CHECK_MEM(a, b, sizeof(a));
		/* zero padding would be another key */
		padded[n] = 0;
		cipher_enc(t, padded, sizeof(padded), in, c);
		CHECK(memcmp(a, c, sizeof(a)) != 0);
		/* and decryption inverts it */
		CHECK_EQ(ualg_tfm_setkey(t, key, n), 0);
		CHECK_EQ(t->alg->cipher.ops->decrypt(t, c, a, 1), 0);
		CHECK_MEM(c, in, sizeof(in));
	}
	/* 33 bytes: -EINVAL from the API and from the leaf itself (no Nettle assert) */
	uint8_t big[33] = {0};
	CHECK_EQ(ualg_tfm_setkey(t, big, sizeof(big)), -EINVAL);
	CHECK_EQ(t->alg->cipher.ops->setkey(t, big, sizeof(big)), -EINVAL);
	ualg_tfm_free(t);
}

/* crypto/twofish_common.c: 16, 24 or 32 bytes, else -EINVAL, old key kept */
TEST(twofish_key_sizes)
{
	static const size_t bad[] = {0, 8, 15, 17, 20, 23, 25, 31, 33};
	static const size_t good[] = {16, 24, 32};
	struct ualg_tfm *t = unit_tfm(UALG_TYPE_CIPHER, "twofish");
	uint8_t key[40] = {0}, in[16] = {0}, a[16], b[16];

	if (!t)
		return;
	CHECK(!strcmp(t->alg->driver, "twofish-generic"));
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		CHECK_EQ(ualg_tfm_setkey(t, key, good[i]), 0);
	cipher_enc(t, key, 16, in, a);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_EQ(ualg_tfm_setkey(t, key, bad[i]), -EINVAL);
		/* the leaf checks too, before Nettle sees the key */
		CHECK_EQ(t->alg->cipher.ops->setkey(t, key, bad[i]), -EINVAL);
	}
	CHECK_EQ(t->alg->cipher.ops->encrypt(t, b, in, 1), 0);
	CHECK_MEM(a, b, sizeof(a));
	/* Twofish paper, Appendix A.1: the all-zero 128-bit key */
	static const uint8_t want[16] = {0x9f, 0x58, 0x9f, 0x5c, 0xf6, 0x12, 0x2c, 0x32,
					 0xb6, 0xbf, 0xec, 0x2f, 0x2a, 0xe8, 0xc3, 0x5a};
	CHECK_MEM(a, want, sizeof(want));
	ualg_tfm_free(t);
}

TEST(kernel_driver_names)
{
	const struct ualg_alg *a;

	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_CIPHER, "twofish-asm", &a), 0);
	CHECK(!strcmp(ualg_alg_impl(a)->driver, "twofish-generic"));
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_CIPHER, "serpent-generic", &a), 0);
	CHECK(!strcmp(a->name, "serpent"));
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_HASH, "streebog512-generic", &a), 0);
	CHECK_EQ(a->hash.digestsize, 64u);
	CHECK_EQ(ualg_alg_lookup(UALG_TYPE_SKCIPHER, "xts(serpent)", &a), 0);
	CHECK(strstr(a->driver, "serpent-generic") != NULL);
	/* streebog takes no key */
	struct ualg_tfm *t = unit_tfm(UALG_TYPE_HASH, "streebog256");
	if (t) {
		CHECK_EQ(ualg_tfm_setkey(t, (const uint8_t *)"k", 1), -ENOSYS);
		ualg_tfm_free(t);
	}
}

/* split updates and a mid-stream clone give the one-shot digest */
TEST(streebog_stream_and_clone)
{
	static const char *const names[] = {"streebog256", "streebog512", "hmac(streebog256)"};
	uint8_t msg[300], one[64], part[64], cl[64];

	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)(i * 31 + 5);
	for (size_t n = 0; n < sizeof(names) / sizeof(names[0]); n++) {
		struct ualg_tfm *t = unit_tfm(UALG_TYPE_HASH, names[n]);
		struct ualg_hash_desc *d = NULL, *c = NULL;
		unsigned int ds;

		if (!t)
			continue;
		if (t->alg->flags & UALG_F_KEYED)
			CHECK_EQ(ualg_tfm_setkey(t, msg, 40), 0);
		ds = t->alg->hash.digestsize;
		for (size_t cut = 0; cut <= sizeof(msg); cut += 37) {
			CHECK_EQ(ualg_hash_digest(t, msg, sizeof(msg), one), 0);
			CHECK_EQ(ualg_hash_desc_new(t, &d), 0);
			CHECK_EQ(ualg_hash_desc_new(t, &c), 0);
			if (!d || !c)
				break;
			CHECK_EQ(ualg_hash_init(d), 0);
			CHECK_EQ(ualg_hash_update(d, msg, cut), 0);
			CHECK_EQ(ualg_hash_clone(c, d), 0);
			CHECK_EQ(ualg_hash_update(d, msg + cut, sizeof(msg) - cut), 0);
			CHECK_EQ(ualg_hash_final(d, part), 0);
			CHECK_EQ(ualg_hash_update(c, msg + cut, sizeof(msg) - cut), 0);
			CHECK_EQ(ualg_hash_final(c, cl), 0);
			CHECK_MEM(one, part, ds);
			CHECK_MEM(one, cl, ds);
			ualg_hash_desc_free(d);
			ualg_hash_desc_free(c);
			d = c = NULL;
		}
		ualg_hash_desc_free(d);
		ualg_hash_desc_free(c);
		ualg_tfm_free(t);
	}
}
