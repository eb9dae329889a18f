/* SPDX-License-Identifier: MIT */
/*
 * TEA (D. Wheeler and R. Needham, "TEA, a Tiny Encryption Algorithm",
 * FSE 1994), XTEA ("Tea extensions", 1997) and XETA, the kernel's three
 * 64-bit block ciphers of crypto/tea.c: drivers "tea-generic",
 * "xtea-generic" and "xeta-generic", priority 0, 16-byte keys only.
 *
 * Byte order as the kernel: the key is four little-endian words k0..k3 and
 * a block two little-endian words (y, z). 32 cycles, delta = 0x9e3779b9
 * (2^32 / golden ratio), as in both papers.
 *
 * XETA is XTEA with the round function read as it parses when the
 * operator precedence of the published C code is not applied:
 * (v << 4 ^ v >> 5) + (v ^ sum) + key instead of
 * ((v << 4 ^ v >> 5) + v) ^ (sum + key). The kernel carries it for
 * interoperability with implementations that compute that; so does ualg.
 *
 * No tables; additions, shifts and xors only.
 */
#include <stdbool.h>

#include "alg/sw/cipher.h"
#include "core/bytes.h"

#define TEA_DELTA 0x9e3779b9u
#define TEA_CYCLES 32

struct tea_ctx {
	uint32_t k[4];
};

static int tea_setkey(void *vctx, const uint8_t *key, size_t keylen)
{
	struct tea_ctx *c = vctx;

	(void)keylen;
	for (int i = 0; i < 4; i++)
		c->k[i] = ualg_get_le32(key + 4 * i);
	return 0;
}

/* ---- TEA: each half-cycle mixes one word with a key pair */

static uint32_t tea_f(uint32_t v, uint32_t sum, uint32_t ka, uint32_t kb)
{
	return ((v << 4) + ka) ^ (v + sum) ^ ((v >> 5) + kb);
}

static void tea_crypt(const void *vctx, uint8_t *dst, const uint8_t *src, bool enc)
{
	const uint32_t *k = ((const struct tea_ctx *)vctx)->k;
	uint32_t y = ualg_get_le32(src), z = ualg_get_le32(src + 4);
	uint32_t sum = enc ? 0 : TEA_DELTA * TEA_CYCLES;

	for (int n = 0; n < TEA_CYCLES; n++) {
		if (enc) {
			sum += TEA_DELTA;
			y += tea_f(z, sum, k[0], k[1]);
			z += tea_f(y, sum, k[2], k[3]);
		} else {
			z -= tea_f(y, sum, k[2], k[3]);
			y -= tea_f(z, sum, k[0], k[1]);
			sum -= TEA_DELTA;
		}
	}
	ualg_put_le32(dst, y);
	ualg_put_le32(dst + 4, z);
}

static void tea_encrypt(const void *ctx, uint8_t *dst, const uint8_t *src)
{
	tea_crypt(ctx, dst, src, true);
}

static void tea_decrypt(const void *ctx, uint8_t *dst, const uint8_t *src)
{
	tea_crypt(ctx, dst, src, false);
}

/* ---- XTEA and XETA: the key word is chosen by the running sum */

typedef uint32_t (*xtea_mix)(uint32_t v, uint32_t sum, uint32_t key);

static uint32_t xtea_mix_std(uint32_t v, uint32_t sum, uint32_t key)
{
	return (((v << 4) ^ (v >> 5)) + v) ^ (sum + key);
}

static uint32_t xtea_mix_xeta(uint32_t v, uint32_t sum, uint32_t key)
{
	return ((v << 4) ^ (v >> 5)) + (v ^ sum) + key;
}

static void xtea_crypt(const void *vctx, uint8_t *dst, const uint8_t *src, bool enc, xtea_mix f)
{
	const uint32_t *k = ((const struct tea_ctx *)vctx)->k;
	uint32_t y = ualg_get_le32(src), z = ualg_get_le32(src + 4);
	uint32_t sum = enc ? 0 : TEA_DELTA * TEA_CYCLES;

	for (int n = 0; n < TEA_CYCLES; n++) {
		if (enc) {
			y += f(z, sum, k[sum & 3]);
			sum += TEA_DELTA;
			z += f(y, sum, k[(sum >> 11) & 3]);
		} else {
			z -= f(y, sum, k[(sum >> 11) & 3]);
			sum -= TEA_DELTA;
			y -= f(z, sum, k[sum & 3]);
		}
	}
	ualg_put_le32(dst, y);
	ualg_put_le32(dst + 4, z);
}

static void xtea_encrypt(const void *ctx, uint8_t *dst, const uint8_t *src)
{
	xtea_crypt(ctx, dst, src, true, xtea_mix_std);
}

static void xtea_decrypt(const void *ctx, uint8_t *dst, const uint8_t *src)
{
	xtea_crypt(ctx, dst, src, false, xtea_mix_std);
}

static void xeta_encrypt(const void *ctx, uint8_t *dst, const uint8_t *src)
{
	xtea_crypt(ctx, dst, src, true, xtea_mix_xeta);
}

static void xeta_decrypt(const void *ctx, uint8_t *dst, const uint8_t *src)
{
	xtea_crypt(ctx, dst, src, false, xtea_mix_xeta);
}

#define TEA_ROW(nm, enc, dec)                                                                      \
	{                                                                                          \
		.name = nm, .driver = nm "-generic", .priority = 0, .blocksize = 8,                \
		.min_keysize = 16, .max_keysize = 16, .key_step = 1,                               \
		.ctxsize = sizeof(struct tea_ctx), .setkey = tea_setkey, .encrypt = enc,           \
		.decrypt = dec,                                                                    \
	}

/* see alg/sw/cipher.h */
const struct ualg_sw_cipher ualg_sw_tea = TEA_ROW("tea", tea_encrypt, tea_decrypt);
const struct ualg_sw_cipher ualg_sw_xtea = TEA_ROW("xtea", xtea_encrypt, xtea_decrypt);
const struct ualg_sw_cipher ualg_sw_xeta = TEA_ROW("xeta", xeta_encrypt, xeta_decrypt);
