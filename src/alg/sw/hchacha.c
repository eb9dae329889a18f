/* SPDX-License-Identifier: MIT */
/*
 * HChaCha20, draft-irtf-cfrg-xchacha-03 §2.2: the ChaCha20 block function
 * (RFC 8439 §2.3) over constants || key || 16-byte nonce, 20 rounds, without
 * the final addition; the subkey is state words 0..3 and 12..15.
 * Written here because OpenSSL 3.0 exposes no HChaCha (xchacha20 needs it).
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

#define QR(a, b, c, d)                                                                             \
	do {                                                                                       \
		a += b;                                                                            \
		d = rol32(d ^ a, 16);                                                              \
		c += d;                                                                            \
		b = rol32(b ^ c, 12);                                                              \
		a += b;                                                                            \
		d = rol32(d ^ a, 8);                                                               \
		c += d;                                                                            \
		b = rol32(b ^ c, 7);                                                               \
	} while (0)

/* see alg/sw/skcipher.h */
void ualg_hchacha20(uint8_t out[32], const uint8_t key[32], const uint8_t nonce[16])
{
	/* "expand 32-byte k" */
	uint32_t x[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

	for (int i = 0; i < 8; i++)
		x[4 + i] = le32_load(key + 4 * i);
	for (int i = 0; i < 4; i++)
		x[12 + i] = le32_load(nonce + 4 * i);
	for (int i = 0; i < 10; i++) {
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 4; i++) {
		le32_store(out + 4 * i, x[i]);
		le32_store(out + 16 + 4 * i, x[12 + i]);
	}
	ualg_wipe(x, sizeof(x));
}
