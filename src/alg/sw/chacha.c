/* SPDX-License-Identifier: MIT */
/*
 * The ChaCha core with a round count: the block function of RFC 8439 §2.3
 * (20 rounds there; Bernstein's ChaCha family also defines 8 and 12), the
 * keystream over a 16-word state whose word 12 is a 32-bit block counter
 * (the kernel's layout: it wraps within the nonce), and HChaCha
 * (draft-irtf-cfrg-xchacha-03 §2.2) over the same permutation.
 *
 * Written here because no well-kept C library offers ChaCha12: OpenSSL,
 * libsodium, Nettle and libgcrypt only have 20 rounds, and OpenSSL has no
 * HChaCha at all. Everything is data-independent in time (adds, xors and
 * fixed rotations). Four blocks are computed at once with GNU C vector
 * types, which the compiler maps onto SSE2/NEON registers.
 */
#include <string.h>

#include "alg/sw/skcipher.h"
#include "core/ct.h"

static inline uint32_t rol32(uint32_t v, int n)
{
	return (v << n) | (v >> (32 - n));
}

static inline uint32_t le32_load(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void le32_store(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

#define QR(a, b, c, d, ROL)                                                                        \
	do {                                                                                       \
		a += b;                                                                            \
		d = ROL(d ^ a, 16);                                                                \
		c += d;                                                                            \
		b = ROL(b ^ c, 12);                                                                \
		a += b;                                                                            \
		d = ROL(d ^ a, 8);                                                                 \
		c += d;                                                                            \
		b = ROL(b ^ c, 7);                                                                 \
	} while (0)

/* a column round and a diagonal round (RFC 8439 §2.3) */
#define DOUBLE_ROUND(x, ROL)                                                                       \
	do {                                                                                       \
		QR(x[0], x[4], x[8], x[12], ROL);                                                  \
		QR(x[1], x[5], x[9], x[13], ROL);                                                  \
		QR(x[2], x[6], x[10], x[14], ROL);                                                 \
		QR(x[3], x[7], x[11], x[15], ROL);                                                 \
		QR(x[0], x[5], x[10], x[15], ROL);                                                 \
		QR(x[1], x[6], x[11], x[12], ROL);                                                 \
		QR(x[2], x[7], x[8], x[13], ROL);                                                  \
		QR(x[3], x[4], x[9], x[14], ROL);                                                  \
	} while (0)

/* see alg/sw/skcipher.h */
void ualg_chacha_permute(uint32_t x[16], unsigned int nrounds)
{
	for (unsigned int i = 0; i < nrounds; i += 2)
		DOUBLE_ROUND(x, rol32);
}

/* see alg/sw/skcipher.h */
void ualg_chacha_init(uint32_t st[16], const uint8_t key[32], const uint8_t iv[16])
{
	/* "expand 32-byte k" */
	st[0] = 0x61707865;
	st[1] = 0x3320646e;
	st[2] = 0x79622d32;
	st[3] = 0x6b206574;
	for (int i = 0; i < 8; i++)
		st[4 + i] = le32_load(key + 4 * i);
	for (int i = 0; i < 4; i++)
		st[12 + i] = le32_load(iv + 4 * i);
}

/* see alg/sw/skcipher.h */
void ualg_chacha_block(const uint32_t st[16], uint8_t out[64], unsigned int nrounds)
{
	uint32_t x[16];

	memcpy(x, st, sizeof(x));
	ualg_chacha_permute(x, nrounds);
	for (int i = 0; i < 16; i++)
		le32_store(out + 4 * i, x[i] + st[i]);
	ualg_wipe(x, sizeof(x));
}

/* see alg/sw/skcipher.h */
void ualg_hchacha(uint8_t out[32], const uint8_t key[32], const uint8_t nonce[16],
		  unsigned int nrounds)
{
	uint32_t x[16];

	ualg_chacha_init(x, key, nonce);
	ualg_chacha_permute(x, nrounds);
	for (int i = 0; i < 4; i++) {
		le32_store(out + 4 * i, x[i]);
		le32_store(out + 16 + 4 * i, x[12 + i]);
	}
	ualg_wipe(x, sizeof(x));
}

/* four blocks side by side: lane j of word i is word i of block j */
typedef uint32_t v4u32 __attribute__((vector_size(16)));

static inline v4u32 rol4(v4u32 v, int n)
{
	return (v << n) | (v >> (32 - n));
}

#if defined(__clang__)
#define SHUF(a, b, ...) __builtin_shufflevector(a, b, __VA_ARGS__)
#else
#define SHUF(a, b, ...) __builtin_shuffle(a, b, (v4u32){__VA_ARGS__})
#endif

/*
 * dst = src ^ 256 keystream bytes (blocks with counters st[12] .. st[12] +
 * 3). On little-endian hosts each group of four words is transposed in
 * registers so that block j's words come out as one vector.
 */
static void chacha_4blocks_xor(const uint32_t st[16], uint8_t *dst, const uint8_t *src,
			       unsigned int nrounds)
{
	v4u32 x[16], in[16];

	for (int i = 0; i < 16; i++)
		in[i] = (v4u32){st[i], st[i], st[i], st[i]};
	in[12] += (v4u32){0, 1, 2, 3};
	memcpy(x, in, sizeof(x));
	for (unsigned int r = 0; r < nrounds; r += 2)
		DOUBLE_ROUND(x, rol4);
	for (int i = 0; i < 16; i++)
		x[i] += in[i];
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (int i = 0; i < 16; i += 4) {
		v4u32 t0 = SHUF(x[i], x[i + 1], 0, 4, 1, 5), t1 = SHUF(x[i], x[i + 1], 2, 6, 3, 7);
		v4u32 t2 = SHUF(x[i + 2], x[i + 3], 0, 4, 1, 5);
		v4u32 t3 = SHUF(x[i + 2], x[i + 3], 2, 6, 3, 7);
		v4u32 r[4] = {SHUF(t0, t2, 0, 1, 4, 5), SHUF(t0, t2, 2, 3, 6, 7),
			      SHUF(t1, t3, 0, 1, 4, 5), SHUF(t1, t3, 2, 3, 6, 7)};

		for (int j = 0; j < 4; j++) {
			v4u32 m;

			memcpy(&m, src + 64 * j + 4 * i, 16);
			m ^= r[j];
			memcpy(dst + 64 * j + 4 * i, &m, 16);
		}
	}
#else
	for (int i = 0; i < 16; i++)
		for (int j = 0; j < 4; j++) {
			uint8_t k[4];

			le32_store(k, x[i][j]);
			for (int b = 0; b < 4; b++)
				dst[64 * j + 4 * i + b] = src[64 * j + 4 * i + b] ^ k[b];
		}
#endif
	ualg_wipe(x, sizeof(x));
	ualg_wipe(in, sizeof(in));
}

static inline void xor_bytes(uint8_t *dst, const uint8_t *src, const uint8_t *ks, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i] ^ ks[i];
}

/* see alg/sw/skcipher.h */
void ualg_chacha_crypt(uint32_t st[16], uint8_t *dst, const uint8_t *src, size_t len,
		       unsigned int nrounds)
{
	uint8_t ks[64];

	while (len >= 256) {
		chacha_4blocks_xor(st, dst, src, nrounds);
		st[12] += 4;
		dst += 256;
		src += 256;
		len -= 256;
	}
	while (len) {
		size_t n = len < 64 ? len : 64;

		ualg_chacha_block(st, ks, nrounds);
		xor_bytes(dst, src, ks, n);
		st[12]++;
		dst += n;
		src += n;
		len -= n;
	}
	ualg_wipe(ks, sizeof(ks));
}
