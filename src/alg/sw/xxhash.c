/* SPDX-License-Identifier: MIT */
/*
 * XXH64, the kernel's "xxhash64": optional 8-byte little-endian seed as the
 * key (default 0; other lengths -EINVAL), 8-byte little-endian digest.
 * Written from the public XXH64 specification (xxhash_spec.md); OpenSSL has
 * no xxhash. A non-cryptographic checksum: no secrecy claims.
 */
#include <string.h>

#include "alg/alg.h"
#include "alg/sw/hash.h"

#define P1 0x9e3779b185ebca87ull
#define P2 0xc2b2ae3d27d4eb4full
#define P3 0x165667b19e3779f9ull
#define P4 0x85ebca77c2b2ae63ull
#define P5 0x27d4eb2f165667c5ull

struct xxh_tfm {
	uint64_t seed;
};

struct xxh_desc {
	uint64_t v[4];
	uint64_t total;
	uint8_t buf[32];
	unsigned int nbuf;
};

static inline uint64_t rol64(uint64_t x, unsigned int n)
{
	return (x << n) | (x >> (64 - n));
}

static inline uint64_t xxh_round(uint64_t acc, uint64_t in)
{
	acc += in * P2;
	acc = rol64(acc, 31);
	return acc * P1;
}

static inline uint64_t xxh_merge(uint64_t acc, uint64_t v)
{
	acc ^= xxh_round(0, v);
	return acc * P1 + P4;
}

static int xxh_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct xxh_tfm *t = ualg_tfm_ctx(tfm);

	if (keylen != 8)
		return -EINVAL;
	t->seed = ualg_get_le64(key);
	return 0;
}

static int xxh_init(struct ualg_hash_desc *desc)
{
	uint64_t seed = ((struct xxh_tfm *)ualg_tfm_ctx(desc->tfm))->seed;
	struct xxh_desc *d = ualg_hash_desc_ctx(desc);

	d->v[0] = seed + P1 + P2;
	d->v[1] = seed + P2;
	d->v[2] = seed;
	d->v[3] = seed - P1;
	d->total = 0;
	d->nbuf = 0;
	return 0;
}

static void xxh_stripe(struct xxh_desc *d, const uint8_t *p)
{
	for (int i = 0; i < 4; i++)
		d->v[i] = xxh_round(d->v[i], ualg_get_le64(p + 8 * i));
}

static int xxh_update(struct ualg_hash_desc *desc, const uint8_t *p, size_t len)
{
	struct xxh_desc *d = ualg_hash_desc_ctx(desc);

	d->total += len;
	if (d->nbuf) {
		size_t n = 32 - d->nbuf < len ? 32 - d->nbuf : len;

		memcpy(d->buf + d->nbuf, p, n);
		d->nbuf += (unsigned int)n;
		p += n;
		len -= n;
		if (d->nbuf < 32)
			return 0;
		xxh_stripe(d, d->buf);
		d->nbuf = 0;
	}
	for (; len >= 32; len -= 32, p += 32)
		xxh_stripe(d, p);
	memcpy(d->buf, p, len);
	d->nbuf = (unsigned int)len;
	return 0;
}

static int xxh_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	uint64_t seed = ((struct xxh_tfm *)ualg_tfm_ctx(desc->tfm))->seed;
	struct xxh_desc *d = ualg_hash_desc_ctx(desc);
	const uint8_t *p = d->buf;
	size_t len = d->nbuf;
	uint64_t h;

	if (d->total >= 32) {
		h = rol64(d->v[0], 1) + rol64(d->v[1], 7) + rol64(d->v[2], 12) + rol64(d->v[3], 18);
		for (int i = 0; i < 4; i++)
			h = xxh_merge(h, d->v[i]);
	} else
		h = seed + P5;
	h += d->total;
	for (; len >= 8; len -= 8, p += 8) {
		h ^= xxh_round(0, ualg_get_le64(p));
		h = rol64(h, 27) * P1 + P4;
	}
	if (len >= 4) {
		h ^= (uint64_t)ualg_get_le32(p) * P1;
		h = rol64(h, 23) * P2 + P3;
		p += 4;
		len -= 4;
	}
	for (; len; len--, p++) {
		h ^= *p * P5;
		h = rol64(h, 11) * P1;
	}
	h ^= h >> 33;
	h *= P2;
	h ^= h >> 29;
	h *= P3;
	h ^= h >> 32;
	ualg_put_le64(out, h);
	return 0;
}

static const struct ualg_hash_ops xxh_ops = {
	.setkey = xxh_setkey,
	.init = xxh_init,
	.update = xxh_update,
	.final = xxh_final,
	.copy = ualg_sw_hash_copy_plain,
};

/* see alg/sw/hash.h */
const struct ualg_sw_hash ualg_sw_xxhash64 = {
	.name = "xxhash64",
	.digestsize = 8,
	.blocksize = 32,
	.ctxsize = sizeof(struct xxh_tfm),
	.descsize = sizeof(struct xxh_desc),
	.statesize = sizeof(struct xxh_desc),
	.flags = UALG_F_OPTIONAL_KEY,
	.ops = &xxh_ops,
};
