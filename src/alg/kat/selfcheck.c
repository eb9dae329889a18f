/* SPDX-License-Identifier: MIT */
/*
 * Self-checks for algorithms no public standard gives answers for (kat.h):
 * ChaCha12/XChaCha12, NH-Poly1305 and Adiantum have no RFC or NIST vectors.
 * Each check rests on what is published (RFC 8439 for the ChaCha core at 20
 * rounds and for Poly1305) and on properties that fail if the code is
 * wrong: an independent straight-line NH-Poly1305 against the streaming
 * one under uneven splits, and Adiantum's wide-block diffusion.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "alg/evp/poly1305.h"
#include "alg/kat.h"
#include "alg/sw/skcipher.h"
#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

static int xchacha_check(const struct ualg_alg *alg)
{
	(void)alg;
	return ualg_chacha_selfcheck() < 0 ? -ELIBBAD : 0;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * RFC 8439 §2.5.2: with s = 0 the core Poly1305 of the message is the
 * published tag minus s, mod 2^128.
 */
static int poly1305_core_check(void)
{
	static const uint8_t r[16] = {0x85, 0xd6, 0xbe, 0x78, 0x57, 0x55, 0x6d, 0x33,
				      0x7f, 0x44, 0x52, 0xfe, 0x42, 0xd5, 0x06, 0xa8};
	static const uint8_t s[16] = {0x01, 0x03, 0x80, 0x8a, 0xfb, 0x0d, 0xb2, 0xfd,
				      0x4a, 0xbf, 0xf6, 0xaf, 0x41, 0x49, 0xf5, 0x1b};
	static const uint8_t tag[16] = {0xa8, 0x06, 0x1d, 0xc1, 0x30, 0x51, 0x36, 0xc6,
					0xc2, 0x2b, 0x8b, 0xaf, 0x0c, 0x01, 0x27, 0xa9};
	static const char msg[] = "Cryptographic Forum Research Group";
	struct ualg_poly1305 *p = ualg_poly1305_new();
	uint8_t out[16];
	unsigned int carry = 0;
	int r2;

	if (!p)
		return -ENOMEM;
	r2 = ualg_poly1305_core_init(p, r);
	if (r2 >= 0)
		r2 = ualg_poly1305_update(p, (const uint8_t *)msg, sizeof(msg) - 1);
	if (r2 >= 0)
		r2 = ualg_poly1305_final(p, out);
	ualg_poly1305_free(p);
	if (r2 < 0)
		return -ELIBBAD;
	/* out + s must give the tag */
	for (int i = 0; i < 16; i++) {
		unsigned int v = out[i] + s[i] + carry;

		if ((uint8_t)v != tag[i])
			return -ELIBBAD;
		carry = v >> 8;
	}
	return 0;
}

/* straight-line NH-Poly1305 of m (zero-padded to 16) under key (1088 bytes) */
static int nhpoly_reference(const uint8_t *key, const uint8_t *m, size_t len, uint8_t out[16])
{
	struct ualg_poly1305 *p = ualg_poly1305_new();
	size_t padded = (len + 15) / 16 * 16;
	uint8_t *buf = calloc(1, padded + 1);
	int r;

	if (!p || !buf) {
		ualg_poly1305_free(p);
		free(buf);
		return -ENOMEM;
	}
	memcpy(buf, m, len);
	r = ualg_poly1305_core_init(p, key);
	for (size_t off = 0; off < padded && r >= 0; off += 1024) {
		size_t n = padded - off < 1024 ? padded - off : 1024;
		uint8_t h[32];

		for (int pass = 0; pass < 4; pass++) {
			uint64_t sum = 0;

			for (size_t u = 0; u < n / 16; u++) {
				const uint8_t *k = key + 16 + 4 * (4 * u + 4 * (size_t)pass);
				const uint8_t *x = buf + off + 16 * u;

				for (int half = 0; half < 2; half++)
					sum += (uint64_t)(uint32_t)(le32(x + 4 * half) +
								    le32(k + 4 * half)) *
					       (uint32_t)(le32(x + 8 + 4 * half) +
							  le32(k + 8 + 4 * half));
			}
			for (int b = 0; b < 8; b++)
				h[8 * pass + b] = (uint8_t)(sum >> (8 * b));
		}
		r = ualg_poly1305_update(p, h, sizeof(h));
	}
	if (r >= 0)
		r = ualg_poly1305_final(p, out);
	ualg_poly1305_free(p);
	free(buf);
	return r;
}

static int nhpoly_check(const struct ualg_alg *alg)
{
	enum { KEYLEN = 1088, MLEN = 2100 };
	uint8_t *key = malloc(KEYLEN), *m = malloc(MLEN), want[16], got[16];
	static const size_t lens[] = {0, 5, 16, 1024, 1040, MLEN};
	struct ualg_tfm *tfm = NULL;
	struct ualg_hash_desc *d = NULL, *d2 = NULL;
	int r = poly1305_core_check();

	if (!key || !m)
		r = -ENOMEM;
	for (size_t i = 0; r >= 0 && i < KEYLEN; i++)
		key[i] = (uint8_t)(i * 131 + 7);
	for (size_t i = 0; r >= 0 && i < MLEN; i++)
		m[i] = (uint8_t)(i * 17 + 3);
	if (r >= 0)
		r = ualg_tfm_new(alg, &tfm);
	if (r >= 0)
		r = ualg_tfm_setkey(tfm, key, KEYLEN);
	if (r >= 0)
		r = ualg_hash_desc_new(tfm, &d);
	if (r >= 0)
		r = ualg_hash_desc_new(tfm, &d2);
	for (size_t i = 0; r >= 0 && i < sizeof(lens) / sizeof(lens[0]); i++) {
		size_t len = lens[i], at = 0;

		r = nhpoly_reference(key, m, len, want);
		/* uneven pieces: 7, 1, 33, 1000, ... bytes, a clone taken midway */
		if (r >= 0)
			r = ualg_hash_init(d);
		for (size_t step = 7; r >= 0 && at < len; step = step * 5 % 1031 + 1) {
			size_t n = len - at < step ? len - at : step;

			r = ualg_hash_update(d, m + at, n);
			if (r >= 0 && d2->live)
				r = ualg_hash_update(d2, m + at, n);
			at += n;
			if (r >= 0 && at >= len / 2 && !d2->live)
				r = ualg_hash_clone(d2, d);
		}
		if (r >= 0)
			r = ualg_hash_final(d, got);
		if (r >= 0 && memcmp(got, want, 16))
			r = -ELIBBAD;
		if (r >= 0 && d2->live) {
			r = ualg_hash_final(d2, got);
			if (r >= 0 && memcmp(got, want, 16))
				r = -ELIBBAD;
		}
	}
	ualg_hash_desc_free(d);
	ualg_hash_desc_free(d2);
	ualg_tfm_free(tfm);
	if (key)
		ualg_free_secret(key, KEYLEN);
	free(m);
	return r < 0 ? (r == -ENOMEM ? r : -ELIBBAD) : 0;
}

/*
 * Adiantum is one wide block: a change in any input byte (or in the tweak)
 * changes the whole output, first bytes and last block alike; and decrypt
 * inverts encrypt at lengths around the 16-byte minimum and the 64-byte
 * ChaCha blocks. Below 16 bytes: -EINVAL.
 */
static int adiantum_check(const struct ualg_alg *alg)
{
	static const size_t lens[] = {16, 17, 63, 80, 512};
	uint8_t key[32], iv[32], pt[512], c0[512], c1[512];
	struct ualg_tfm *tfm = NULL;
	int r;

	for (int i = 0; i < 32; i++) {
		key[i] = (uint8_t)(i * 7 + 1);
		iv[i] = (uint8_t)(i * 3 + 2);
	}
	for (size_t i = 0; i < sizeof(pt); i++)
		pt[i] = (uint8_t)(i * 13 + 5);
	r = ualg_tfm_new(alg, &tfm);
	if (r >= 0)
		r = ualg_tfm_setkey(tfm, key, sizeof(key));
	for (size_t i = 0; r >= 0 && i < sizeof(lens) / sizeof(lens[0]); i++) {
		size_t len = lens[i];
		struct ualg_skcipher_req q = {
			.tfm = tfm,
			.src = pt,
			.dst = c0,
			.len = len,
			.iv = iv,
			.final = true,
		};

		r = ualg_skcipher_encrypt(&q);
		/* flip the first bit: the last block changes too */
		pt[0] ^= 1;
		q.dst = c1;
		if (r >= 0)
			r = ualg_skcipher_encrypt(&q);
		pt[0] ^= 1;
		if (r >= 0 && (!memcmp(c0 + len - 16, c1 + len - 16, 16) || !memcmp(c0, c1, 8)))
			r = -ELIBBAD;
		/* flip the last bit: the first bytes change too */
		pt[len - 1] ^= 0x80;
		if (r >= 0)
			r = ualg_skcipher_encrypt(&q);
		pt[len - 1] ^= 0x80;
		if (r >= 0 && (!memcmp(c0, c1, 8) || !memcmp(c0 + len - 16, c1 + len - 16, 15)))
			r = -ELIBBAD;
		/* decrypt in place inverts */
		q.src = c0;
		q.dst = c0;
		if (r >= 0)
			r = ualg_skcipher_decrypt(&q);
		if (r >= 0 && memcmp(c0, pt, len))
			r = -ELIBBAD;
	}
	if (r >= 0) {
		struct ualg_skcipher_req q = {
			.tfm = tfm,
			.src = pt,
			.dst = c0,
			.len = 15,
			.iv = iv,
			.final = true,
		};

		r = ualg_skcipher_encrypt(&q) == -EINVAL ? 0 : -ELIBBAD;
	}
	ualg_tfm_free(tfm);
	ualg_wipe(c0, sizeof(c0));
	ualg_wipe(c1, sizeof(c1));
	return r < 0 ? (r == -ENOMEM ? r : -ELIBBAD) : 0;
}

/* see alg/kat.h */
const struct ualg_selfcheck ualg_selfchecks[] = {
	{"xchacha12", xchacha_check},
	{"nhpoly1305", nhpoly_check},
	{"adiantum(xchacha12,aes)", adiantum_check},
	{"adiantum(xchacha20,aes)", adiantum_check},
	{"xctr(aes)", ualg_xctr_selfcheck},
	{"hctr2(aes)", ualg_hctr2_selfcheck},
	{NULL, NULL},
};
