/* SPDX-License-Identifier: MIT */
/*
 * GHASH and POLYVAL (see alg/sw/ghash.h) and the kernel's "ghash" and
 * "polyval" shashes on top of them: 16-byte key H, 16-byte digest, data of
 * any length with a final partial block zero-padded (crypto/ghash-generic.c,
 * crypto/polyval-generic.c semantics).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__)
#include <wmmintrin.h>
#endif

#include "alg/alg.h"
#include "alg/sw/ghash.h"
#include "alg/sw/hash.h"
#include "core/ct.h"

static uint64_t get_be64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}


/*
 * x * H. Values are kept as big-endian 128-bit integers, which is GCM's
 * reflected order: bit 127 - i holds the coefficient of x^i.
 *
 * Portable path: bit i of x (x^0 first) selects V = H * x^i, branch-free.
 */
static void gf128_mul_generic(const struct ualg_ghash_key *key, uint64_t *xhi, uint64_t *xlo)
{
	uint64_t zhi = 0, zlo = 0, vhi = key->hi, vlo = key->lo;
	uint64_t x[2] = { *xhi, *xlo };

	for (int w = 0; w < 2; w++) {
		for (int b = 63; b >= 0; b--) {
			uint64_t m = 0 - ((x[w] >> b) & 1);
			uint64_t r = 0 - (vlo & 1);

			zhi ^= vhi & m;
			zlo ^= vlo & m;
			vlo = (vlo >> 1) | (vhi << 63);
			vhi = (vhi >> 1) ^ (0xe100000000000000ull & r);
		}
	}
	*xhi = zhi;
	*xlo = zlo;
}

#if defined(__x86_64__)
typedef unsigned __int128 u128;

static u128 clmul64(uint64_t a, uint64_t b) __attribute__((target("pclmul,sse2")));
static u128 clmul64(uint64_t a, uint64_t b)
{
	__m128i r = _mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)a),
					 _mm_set_epi64x(0, (long long)b), 0x00);
	uint64_t w[2];

	_mm_storeu_si128((__m128i *)w, r);
	return (u128)w[1] << 64 | w[0];
}

/*
 * Carry-less path (constant time): in reflected order the 255-bit product
 * shifted left by one holds x^0..x^127 in its upper half L and
 * x^128..x^255 in its lower half T. x^128 = 1 + x + x^2 + x^7 folds T
 * into L (right shifts multiply by x here); the bits that fall off the
 * shifts (degrees 128..134) are folded once more.
 */
static void gf128_mul_clmul(const struct ualg_ghash_key *key, uint64_t *xhi, uint64_t *xlo)
{
	u128 lo = clmul64(*xlo, key->lo), hi = clmul64(*xhi, key->hi);
	u128 mid = clmul64(*xlo, key->hi) ^ clmul64(*xhi, key->lo);
	u128 l, t, o;

	hi ^= mid >> 64;
	lo ^= mid << 64;
	/* shift the 256-bit hi:lo left by one */
	l = hi << 1 | lo >> 127;
	t = lo << 1;
	o = t << 127 ^ t << 126 ^ t << 121;
	l ^= t ^ t >> 1 ^ t >> 2 ^ t >> 7 ^ o ^ o >> 1 ^ o >> 2 ^ o >> 7;
	*xhi = (uint64_t)(l >> 64);
	*xlo = (uint64_t)l;
}
#endif

static void (*gf128_mul)(const struct ualg_ghash_key *key, uint64_t *xhi,
			 uint64_t *xlo) = gf128_mul_generic;
static pthread_once_t gf128_once = PTHREAD_ONCE_INIT;

static void gf128_select(void)
{
#if defined(__x86_64__)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("pclmul") && !getenv("UALG_NO_PCLMUL"))
		gf128_mul = gf128_mul_clmul;
#endif
}

/* see alg/sw/ghash.h */
void ualg_ghash_setkey(struct ualg_ghash_key *key, const uint8_t h[16])
{
	(void)pthread_once(&gf128_once, gf128_select);
	key->hi = get_be64(h);
	key->lo = get_be64(h + 8);
}

/* see alg/sw/ghash.h */
void ualg_ghash_blocks(const struct ualg_ghash_key *key, uint8_t acc[16], const uint8_t *p,
		       size_t nblocks)
{
	uint64_t hi = get_be64(acc), lo = get_be64(acc + 8);

	for (; nblocks; nblocks--, p += 16) {
		hi ^= get_be64(p);
		lo ^= get_be64(p + 8);
		gf128_mul(key, &hi, &lo);
	}
	put_be64(acc, hi);
	put_be64(acc + 8, lo);
}

static uint64_t get_le64(const uint8_t *p)
{
	return ualg_get_le64(p);
}

/* see alg/sw/ghash.h */
void ualg_polyval_setkey(struct ualg_ghash_key *key, const uint8_t h[16])
{
	(void)pthread_once(&gf128_once, gf128_select);
	/* rev(H) as a big-endian value, then multiplied by x in GHASH's order */
	uint64_t hi = get_le64(h + 8), lo = get_le64(h);
	uint64_t r = 0 - (lo & 1);

	key->lo = (lo >> 1) | (hi << 63);
	key->hi = (hi >> 1) ^ (0xe100000000000000ull & r);
}

/* see alg/sw/ghash.h */
void ualg_polyval_blocks(const struct ualg_ghash_key *key, uint8_t acc[16], const uint8_t *p,
			 size_t nblocks)
{
	uint64_t hi = get_le64(acc + 8), lo = get_le64(acc);

	for (; nblocks; nblocks--, p += 16) {
		hi ^= get_le64(p + 8);
		lo ^= get_le64(p);
		gf128_mul(key, &hi, &lo);
	}
	ualg_put_le64(acc, lo);
	ualg_put_le64(acc + 8, hi);
}

/* ---- the "ghash" shash */

struct ghash_desc {
	uint8_t acc[16];
	unsigned int npend; /* bytes of a partial block already xored into acc */
};

static int ghash_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	if (keylen != 16)
		return -EINVAL;
	ualg_ghash_setkey(ualg_tfm_ctx(tfm), key);
	return 0;
}

static int ghash_init(struct ualg_hash_desc *desc)
{
	struct ghash_desc *d = ualg_hash_desc_ctx(desc);

	memset(d, 0, sizeof(*d));
	return 0;
}

static void ghash_mul_acc(const struct ualg_ghash_key *k, uint8_t acc[16])
{
	static const uint8_t zero[16];

	ualg_ghash_blocks(k, acc, zero, 1);
}

static int ghash_update(struct ualg_hash_desc *desc, const uint8_t *p, size_t len)
{
	const struct ualg_ghash_key *k = ualg_tfm_ctx(desc->tfm);
	struct ghash_desc *d = ualg_hash_desc_ctx(desc);
	size_t n;

	if (d->npend) {
		n = 16 - d->npend < len ? 16 - d->npend : len;
		for (size_t i = 0; i < n; i++)
			d->acc[d->npend + i] ^= p[i];
		d->npend += (unsigned int)n;
		p += n;
		len -= n;
		if (d->npend < 16)
			return 0;
		ghash_mul_acc(k, d->acc);
		d->npend = 0;
	}
	ualg_ghash_blocks(k, d->acc, p, len / 16);
	p += len / 16 * 16;
	len %= 16;
	for (size_t i = 0; i < len; i++)
		d->acc[i] ^= p[i];
	d->npend = (unsigned int)len;
	return 0;
}

static int ghash_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	const struct ualg_ghash_key *k = ualg_tfm_ctx(desc->tfm);
	struct ghash_desc *d = ualg_hash_desc_ctx(desc);

	if (d->npend)
		ghash_mul_acc(k, d->acc);
	memcpy(out, d->acc, 16);
	return 0;
}

static const struct ualg_hash_ops ghash_ops = {
	.setkey = ghash_setkey,
	.init = ghash_init,
	.update = ghash_update,
	.final = ghash_final,
	.copy = ualg_sw_hash_copy_plain,
};

/* see alg/sw/hash.h */
const struct ualg_sw_hash ualg_sw_ghash = {
	.name = "ghash",
	.digestsize = 16,
	.blocksize = 16,
	.ctxsize = sizeof(struct ualg_ghash_key),
	.descsize = sizeof(struct ghash_desc),
	.statesize = sizeof(struct ghash_desc),
	.flags = UALG_F_KEYED,
	.ops = &ghash_ops,
};

/* ---- the "polyval" shash: whole blocks are buffered, a partial one is zero-padded */

struct polyval_desc {
	uint8_t acc[16];
	uint8_t buf[16];
	unsigned int nbuf;
};

static int polyval_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	if (keylen != 16)
		return -EINVAL;
	ualg_polyval_setkey(ualg_tfm_ctx(tfm), key);
	return 0;
}

static int polyval_init(struct ualg_hash_desc *desc)
{
	struct polyval_desc *d = ualg_hash_desc_ctx(desc);

	memset(d, 0, sizeof(*d));
	return 0;
}

static int polyval_update(struct ualg_hash_desc *desc, const uint8_t *p, size_t len)
{
	const struct ualg_ghash_key *k = ualg_tfm_ctx(desc->tfm);
	struct polyval_desc *d = ualg_hash_desc_ctx(desc);
	size_t n;

	if (d->nbuf) {
		n = 16 - d->nbuf < len ? 16 - d->nbuf : len;
		memcpy(d->buf + d->nbuf, p, n);
		d->nbuf += (unsigned int)n;
		p += n;
		len -= n;
		if (d->nbuf < 16)
			return 0;
		ualg_polyval_blocks(k, d->acc, d->buf, 1);
		d->nbuf = 0;
	}
	ualg_polyval_blocks(k, d->acc, p, len / 16);
	p += len / 16 * 16;
	len %= 16;
	memcpy(d->buf, p, len);
	d->nbuf = (unsigned int)len;
	return 0;
}

static int polyval_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	const struct ualg_ghash_key *k = ualg_tfm_ctx(desc->tfm);
	struct polyval_desc *d = ualg_hash_desc_ctx(desc);

	if (d->nbuf) {
		memset(d->buf + d->nbuf, 0, 16 - d->nbuf);
		ualg_polyval_blocks(k, d->acc, d->buf, 1);
	}
	memcpy(out, d->acc, 16);
	return 0;
}

static const struct ualg_hash_ops polyval_ops = {
	.setkey = polyval_setkey,
	.init = polyval_init,
	.update = polyval_update,
	.final = polyval_final,
	.copy = ualg_sw_hash_copy_plain,
};

/* see alg/sw/hash.h */
const struct ualg_sw_hash ualg_sw_polyval = {
	.name = "polyval",
	.digestsize = 16,
	.blocksize = 16,
	.ctxsize = sizeof(struct ualg_ghash_key),
	.descsize = sizeof(struct polyval_desc),
	.statesize = sizeof(struct polyval_desc),
	.flags = UALG_F_KEYED,
	.ops = &polyval_ops,
};
