/* SPDX-License-Identifier: MIT */
/*
 * BLAKE2b (RFC 7693), the kernel's blake2b-160/256/384/512: digest of
 * 20/32/48/64 bytes, optional key of 0..64 bytes (a longer key is -EINVAL;
 * an empty key means unkeyed). Written here because OpenSSL 3.0 offers only
 * the unkeyed 64-byte digest (BLAKE2B-512) and a MAC (BLAKE2BMAC) that
 * refuses an empty key, so unkeyed blake2b-160/256/384 cannot be had from
 * it; one implementation serves all four rows. Constant time (ARX only).
 */
#include <string.h>

#include "alg/alg.h"
#include "alg/sw/hash.h"
#include "core/ct.h"

#define B2B_BLOCK 128
#define B2B_KEYMAX 64

struct b2b_tfm {
	uint8_t key[B2B_KEYMAX];
	unsigned int keylen;
};

struct b2b_desc {
	uint64_t h[8];
	uint64_t t[2];
	uint8_t buf[B2B_BLOCK];
	unsigned int nbuf;
};

static const uint64_t b2b_iv[8] = {
	0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
	0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull,
};

static const uint8_t sigma[12][16] = {
	{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
	{ 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 },
	{ 11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4 },
	{ 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8 },
	{ 9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13 },
	{ 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9 },
	{ 12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11 },
	{ 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10 },
	{ 6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5 },
	{ 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0 },
	{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 },
	{ 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3 },
};

static inline uint64_t ror64(uint64_t x, unsigned int n)
{
	return (x >> n) | (x << (64 - n));
}

#define G(a, b, c, d, x, y)                  \
	do {                                 \
		v[a] = v[a] + v[b] + (x);    \
		v[d] = ror64(v[d] ^ v[a], 32); \
		v[c] = v[c] + v[d];          \
		v[b] = ror64(v[b] ^ v[c], 24); \
		v[a] = v[a] + v[b] + (y);    \
		v[d] = ror64(v[d] ^ v[a], 16); \
		v[c] = v[c] + v[d];          \
		v[b] = ror64(v[b] ^ v[c], 63); \
	} while (0)

static void b2b_compress(struct b2b_desc *d, const uint8_t *block, bool last)
{
	uint64_t v[16], m[16];

	for (int i = 0; i < 16; i++)
		m[i] = ualg_get_le64(block + 8 * i);
	for (int i = 0; i < 8; i++) {
		v[i] = d->h[i];
		v[i + 8] = b2b_iv[i];
	}
	v[12] ^= d->t[0];
	v[13] ^= d->t[1];
	if (last)
		v[14] = ~v[14];
	for (int r = 0; r < 12; r++) {
		const uint8_t *s = sigma[r];

		G(0, 4, 8, 12, m[s[0]], m[s[1]]);
		G(1, 5, 9, 13, m[s[2]], m[s[3]]);
		G(2, 6, 10, 14, m[s[4]], m[s[5]]);
		G(3, 7, 11, 15, m[s[6]], m[s[7]]);
		G(0, 5, 10, 15, m[s[8]], m[s[9]]);
		G(1, 6, 11, 12, m[s[10]], m[s[11]]);
		G(2, 7, 8, 13, m[s[12]], m[s[13]]);
		G(3, 4, 9, 14, m[s[14]], m[s[15]]);
	}
	for (int i = 0; i < 8; i++)
		d->h[i] ^= v[i] ^ v[i + 8];
	ualg_wipe(v, sizeof(v));
	ualg_wipe(m, sizeof(m));
}

static void b2b_count(struct b2b_desc *d, uint64_t n)
{
	d->t[0] += n;
	if (d->t[0] < n)
		d->t[1]++;
}

static int b2b_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct b2b_tfm *t = ualg_tfm_ctx(tfm);

	if (keylen > B2B_KEYMAX)
		return -EINVAL;
	memcpy(t->key, key, keylen);
	t->keylen = (unsigned int)keylen;
	return 0;
}

static int b2b_init(struct ualg_hash_desc *desc)
{
	struct b2b_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct b2b_desc *d = ualg_hash_desc_ctx(desc);
	unsigned int ds = desc->tfm->alg->hash.digestsize;

	memcpy(d->h, b2b_iv, sizeof(d->h));
	/* parameter block: digest length, key length, fanout 1, depth 1 */
	d->h[0] ^= 0x01010000u ^ (t->keylen << 8) ^ ds;
	d->t[0] = d->t[1] = 0;
	d->nbuf = 0;
	if (t->keylen) {
		memset(d->buf, 0, sizeof(d->buf));
		memcpy(d->buf, t->key, t->keylen);
		d->nbuf = B2B_BLOCK;
	}
	return 0;
}

static int b2b_update(struct ualg_hash_desc *desc, const uint8_t *p, size_t len)
{
	struct b2b_desc *d = ualg_hash_desc_ctx(desc);

	/* the last block must stay buffered until final knows it is the last */
	while (len) {
		size_t n;

		if (d->nbuf == B2B_BLOCK) {
			b2b_count(d, B2B_BLOCK);
			b2b_compress(d, d->buf, false);
			d->nbuf = 0;
		}
		if (!d->nbuf) {
			for (; len > B2B_BLOCK; len -= B2B_BLOCK, p += B2B_BLOCK) {
				b2b_count(d, B2B_BLOCK);
				b2b_compress(d, p, false);
			}
		}
		n = B2B_BLOCK - d->nbuf < len ? B2B_BLOCK - d->nbuf : len;
		memcpy(d->buf + d->nbuf, p, n);
		d->nbuf += (unsigned int)n;
		p += n;
		len -= n;
	}
	return 0;
}

static int b2b_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	struct b2b_desc *d = ualg_hash_desc_ctx(desc);
	unsigned int ds = desc->tfm->alg->hash.digestsize;
	uint8_t full[64];

	b2b_count(d, d->nbuf);
	memset(d->buf + d->nbuf, 0, B2B_BLOCK - d->nbuf);
	b2b_compress(d, d->buf, true);
	for (int i = 0; i < 8; i++)
		ualg_put_le64(full + 8 * i, d->h[i]);
	memcpy(out, full, ds);
	ualg_wipe(full, sizeof(full));
	return 0;
}

static const struct ualg_hash_ops b2b_ops = {
	.setkey = b2b_setkey,
	.init = b2b_init,
	.update = b2b_update,
	.final = b2b_final,
	.copy = ualg_sw_hash_copy_plain,
};

#define B2B_ROW(n, ds)                                                               \
	{                                                                            \
		.name = n, .digestsize = ds, .blocksize = B2B_BLOCK,                 \
		.ctxsize = sizeof(struct b2b_tfm), .descsize = sizeof(struct b2b_desc), \
		.statesize = sizeof(struct b2b_desc),                                \
		.flags = UALG_F_OPTIONAL_KEY, .ops = &b2b_ops,         \
	}

/* see alg/sw/hash.h */
const struct ualg_sw_hash ualg_sw_blake2b_160 = B2B_ROW("blake2b-160", 20);
const struct ualg_sw_hash ualg_sw_blake2b_256 = B2B_ROW("blake2b-256", 32);
const struct ualg_sw_hash ualg_sw_blake2b_384 = B2B_ROW("blake2b-384", 48);
const struct ualg_sw_hash ualg_sw_blake2b_512 = B2B_ROW("blake2b-512", 64);
