/* SPDX-License-Identifier: MIT */
/*
 * CAST-256 (RFC 2612, C. Adams and J. Gilchrist, 1999), the kernel's
 * "cast6" (crypto/cast6_generic.c: driver "cast6-generic", priority 100,
 * 16-byte blocks, keys of 16 to 32 bytes in steps of 4).
 *
 * Byte order as the RFC and the kernel: key and blocks are big-endian
 * 32-bit words, the block is ABCD. A key shorter than 32 bytes is padded
 * with zero bytes (RFC 2612 section 2.4, kappa = ABCDEFGH).
 *
 * Key schedule (section 2.4): the 24 x 8 constants Tm and Tr come from
 * their definition (Cm = 2^30 sqrt(2), Mm = 2^30 sqrt(3), Cr = 19, Mr = 17)
 * at setkey, no table. Twelve pairs of forward octaves W give the round
 * keys Kr_i = (A, C, E, G) mod 32 and Km_i = (H, F, D, B).
 *
 * Rounds (section 2.3): six forward quad-rounds Q, then six reverse
 * quad-rounds QBAR; decryption runs the same with the round keys in
 * reverse order, which is Q over keys 11..6 then QBAR over keys 5..0.
 */
#include <stdbool.h>
#include <string.h>

#include "alg/sw/cipher.h"
#include "core/bytes.h"
#include "core/ct.h"

#define CAST6_ROUNDS 12

struct cast6_ctx {
	uint32_t km[CAST6_ROUNDS][4];
	uint8_t kr[CAST6_ROUNDS][4];
};

static uint32_t rol32(uint32_t v, unsigned int n)
{
	n &= 31;
	return n ? v << n | v >> (32 - n) : v;
}

/* the three round-function types of RFC 2144 section 2.2, by number 1..3 */
static uint32_t cast_f(unsigned int type, uint32_t d, uint8_t kr, uint32_t km)
{
	const uint32_t(*s)[256] = ualg_cast_sbox;
	uint32_t i, a, b, c, e;

	switch (type) {
	case 1:
		i = rol32(km + d, kr);
		break;
	case 2:
		i = rol32(km ^ d, kr);
		break;
	default:
		i = rol32(km - d, kr);
		break;
	}
	a = s[0][i >> 24];
	b = s[1][(i >> 16) & 0xff];
	c = s[2][(i >> 8) & 0xff];
	e = s[3][i & 0xff];
	switch (type) {
	case 1:
		return ((a ^ b) - c) + e;
	case 2:
		return ((a - b) + c) ^ e;
	default:
		return ((a + b) ^ c) - e;
	}
}

/*
 * One step of a quad-round or octave: w[dst] ^= f_type(w[src], kr, km).
 * The quad-rounds and the octave are tables of steps.
 */
struct cast_step {
	uint8_t dst, src, type;
};

/* forward octave W on ABCDEFGH = k[0..7] (section 2.4) */
static const struct cast_step octave[8] = {
	{6, 7, 1}, {5, 6, 2}, {4, 5, 3}, {3, 4, 1}, {2, 3, 2}, {1, 2, 3}, {0, 1, 1}, {7, 0, 2},
};

/* forward quad-round Q on ABCD = b[0..3]; step j uses Kr_j, Km_j */
static const struct cast_step quad[4] = {
	{2, 3, 1},
	{1, 2, 2},
	{0, 1, 3},
	{3, 0, 1},
};

static int cast6_setkey(void *vctx, const uint8_t *key, size_t keylen)
{
	struct cast6_ctx *c = vctx;
	uint8_t padded[32] = {0};
	uint32_t k[8], cm = 0x5a827999, cr = 19;

	memcpy(padded, key, keylen);
	for (int j = 0; j < 8; j++)
		k[j] = ualg_get_be32(padded + 4 * j);
	for (int i = 0; i < 2 * CAST6_ROUNDS; i++) {
		for (int j = 0; j < 8; j++) {
			const struct cast_step *s = &octave[j];

			k[s->dst] ^= cast_f(s->type, k[s->src], (uint8_t)cr, cm);
			cm += 0x6ed9eba1;
			cr = (cr + 17) & 31;
		}
		if (i % 2 == 0)
			continue;
		for (int j = 0; j < 4; j++) {
			c->kr[i / 2][j] = (uint8_t)(k[2 * j] & 31);
			c->km[i / 2][j] = k[7 - 2 * j];
		}
	}
	ualg_wipe(k, sizeof(k));
	ualg_wipe(padded, sizeof(padded));
	return 0;
}

static void quad_fwd(uint32_t b[4], const struct cast6_ctx *c, int r)
{
	for (int j = 0; j < 4; j++)
		b[quad[j].dst] ^= cast_f(quad[j].type, b[quad[j].src], c->kr[r][j], c->km[r][j]);
}

static void quad_rev(uint32_t b[4], const struct cast6_ctx *c, int r)
{
	for (int j = 3; j >= 0; j--)
		b[quad[j].dst] ^= cast_f(quad[j].type, b[quad[j].src], c->kr[r][j], c->km[r][j]);
}

static void cast6_crypt(const struct cast6_ctx *c, uint8_t *dst, const uint8_t *src, bool enc)
{
	uint32_t b[4];

	for (int j = 0; j < 4; j++)
		b[j] = ualg_get_be32(src + 4 * j);
	for (int i = 0; i < CAST6_ROUNDS; i++) {
		int r = enc ? i : CAST6_ROUNDS - 1 - i;

		if (i < CAST6_ROUNDS / 2)
			quad_fwd(b, c, r);
		else
			quad_rev(b, c, r);
	}
	for (int j = 0; j < 4; j++)
		ualg_put_be32(dst + 4 * j, b[j]);
}

static void cast6_encrypt(const void *ctx, uint8_t *dst, const uint8_t *src)
{
	cast6_crypt(ctx, dst, src, true);
}

static void cast6_decrypt(const void *ctx, uint8_t *dst, const uint8_t *src)
{
	cast6_crypt(ctx, dst, src, false);
}

/* see alg/sw/cipher.h */
const struct ualg_sw_cipher ualg_sw_cast6 = {
	.name = "cast6",
	.driver = "cast6-generic",
	.priority = 100,
	.blocksize = 16,
	.min_keysize = 16,
	.max_keysize = 32,
	.key_step = 4,
	.ctxsize = sizeof(struct cast6_ctx),
	.setkey = cast6_setkey,
	.encrypt = cast6_encrypt,
	.decrypt = cast6_decrypt,
};
