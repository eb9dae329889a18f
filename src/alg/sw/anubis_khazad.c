/* SPDX-License-Identifier: MIT */
/*
 * Anubis and Khazad (P. Barreto and V. Rijmen, NESSIE submissions, 2000),
 * in the "tweaked" version the kernel implements (crypto/anubis.c,
 * crypto/khazad.c: drivers "anubis-generic" and "khazad-generic", priority
 * 0; Anubis keys of 16 to 40 bytes in steps of 4 with R = 8 + N rounds for
 * N key words, Khazad keys of 16 bytes with 8 rounds).
 *
 * Implementation Notes
 *
 * Both ciphers are involutional substitution-permutation networks over
 * GF(2^8) = GF(2)[x] / (x^8 + x^4 + x^3 + x^2 + 1), sharing one S-box.
 * Nothing here is a table copied from anywhere: the S-box is built from
 * the two 4-bit mini-boxes P and Q of the tweak (three layers P|Q, Q|P,
 * P|Q, the middle two bits of each nibble exchanged between layers), and
 * every lookup table below is computed from it and from the diffusion
 * matrices once, on the first setkey:
 *
 *   Anubis  H = had(01, 02, 04, 06), h_ij = h(i ^ j), on a 4 x 4 state of
 *           big-endian rows; key extraction by the Vandermonde powers of
 *           (01, 02, 06, 08).
 *   Khazad  H = had(01, 03, 04, 05, 06, 08, 0B, 07) on one 8-byte row.
 *
 * A table T_i[x] holds S(x) times row i of H, so one round of gamma (the
 * S-box), theta (times H) and, for Anubis, tau (transposition) is one
 * lookup per byte. Decryption is the same network under the round keys
 * K'^0 = K^R, K'^r = theta(K^{R-r}), K'^R = K^0 (both specifications,
 * section "inverse cipher"). Round constants are rows of the S-box itself:
 * c^r = S[4r .. 4r+3] (Anubis), S[8r .. 8r+7] (Khazad).
 *
 * Blocks and keys are big-endian, as in both specifications and the
 * kernel. Lookups are indexed by secret data (not constant time).
 */
#include <pthread.h>
#include <stdbool.h>
#include <string.h>

#include "alg/sw/cipher.h"
#include "core/bytes.h"
#include "core/ct.h"

#define ANUBIS_MAX_N 10
#define ANUBIS_MAX_ROUNDS (8 + ANUBIS_MAX_N)
#define KHAZAD_ROUNDS 8

/* the tweak's mini-boxes (both involutions) */
static const uint8_t mini_p[16] = {0x3, 0xf, 0xe, 0x0, 0x5, 0x4, 0xb, 0xc,
				   0xd, 0xa, 0x9, 0x6, 0x7, 0x8, 0x2, 0x1};
static const uint8_t mini_q[16] = {0x9, 0xe, 0x5, 0x6, 0xa, 0x2, 0x3, 0xc,
				   0xf, 0x0, 0x4, 0xd, 0x7, 0xb, 0x1, 0x8};

static const uint8_t anubis_h[4] = {0x01, 0x02, 0x04, 0x06};
static const uint8_t anubis_v[4] = {0x01, 0x02, 0x06, 0x08};
static const uint8_t khazad_h[8] = {0x01, 0x03, 0x04, 0x05, 0x06, 0x08, 0x0b, 0x07};

static struct {
	uint8_t sbox[256];
	uint32_t anubis_t[4][256];
	uint64_t khazad_t[8][256];
} tab;
static pthread_once_t tab_once = PTHREAD_ONCE_INIT;

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
	unsigned int r = 0, x = a;

	for (; b; b >>= 1) {
		if (b & 1)
			r ^= x;
		x <<= 1;
		if (x & 0x100)
			x ^= 0x11d;
	}
	return (uint8_t)r;
}

/* exchange the middle two bits of the two nibbles (u: high, l: low) */
static void cross(unsigned int *u, unsigned int *l)
{
	unsigned int hi = (*u & 0xc) | (*l >> 2), lo = ((*u & 0x3) << 2) | (*l & 0x3);

	*u = hi;
	*l = lo;
}

static uint8_t tweak_sbox(unsigned int x)
{
	unsigned int u = mini_p[x >> 4], l = mini_q[x & 0xf];

	cross(&u, &l);
	u = mini_q[u];
	l = mini_p[l];
	cross(&u, &l);
	return (uint8_t)(mini_p[u] << 4 | mini_q[l]);
}

/* s times row i of had(h[0..n-1]) (entries h[i ^ k]), big-endian packed */
static uint64_t h_row(uint8_t s, const uint8_t *h, unsigned int n, unsigned int i)
{
	uint64_t w = 0;

	for (unsigned int k = 0; k < n; k++)
		w = w << 8 | gf_mul(s, h[i ^ k]);
	return w;
}

static void tables_build(void)
{
	for (unsigned int x = 0; x < 256; x++)
		tab.sbox[x] = tweak_sbox(x);
	for (unsigned int x = 0; x < 256; x++) {
		for (unsigned int i = 0; i < 4; i++)
			tab.anubis_t[i][x] = (uint32_t)h_row(tab.sbox[x], anubis_h, 4, i);
		for (unsigned int i = 0; i < 8; i++)
			tab.khazad_t[i][x] = h_row(tab.sbox[x], khazad_h, 8, i);
	}
}

static unsigned int byte32(uint32_t w, unsigned int k)
{
	return (w >> (24 - 8 * k)) & 0xff;
}

static unsigned int byte64(uint64_t w, unsigned int k)
{
	return (unsigned int)(w >> (56 - 8 * k)) & 0xff;
}

/* ---- Anubis */

struct anubis_ctx {
	unsigned int rounds;
	uint32_t enc[ANUBIS_MAX_ROUNDS + 1][4];
	uint32_t dec[ANUBIS_MAX_ROUNDS + 1][4];
};

/* theta of a key (no gamma): each word is one row */
static void anubis_theta(uint32_t out[4], const uint32_t in[4])
{
	for (unsigned int i = 0; i < 4; i++) {
		uint32_t w = 0;

		for (unsigned int k = 0; k < 4; k++)
			w ^= tab.anubis_t[k][tab.sbox[byte32(in[i], k)]];
		out[i] = w;
	}
}

static int anubis_setkey(void *vctx, const uint8_t *key, size_t keylen)
{
	struct anubis_ctx *c = vctx;
	unsigned int n = (unsigned int)keylen / 4, rounds = 8 + n;
	uint32_t kappa[ANUBIS_MAX_N], next[ANUBIS_MAX_N];

	(void)pthread_once(&tab_once, tables_build);
	for (unsigned int i = 0; i < n; i++)
		kappa[i] = ualg_get_be32(key + 4 * i);
	for (unsigned int r = 0; r <= rounds; r++) {
		/* key extraction: K^r[j] byte m = sum_i S(kappa_i[j]) * v_m^i */
		for (unsigned int j = 0; j < 4; j++) {
			uint32_t w = 0;

			for (unsigned int m = 0; m < 4; m++) {
				uint8_t acc = 0;

				for (unsigned int i = n; i-- > 0;)
					acc = gf_mul(acc, anubis_v[m]) ^
					      tab.sbox[byte32(kappa[i], j)];
				w = w << 8 | acc;
			}
			c->enc[r][j] = w;
		}
		if (r == rounds)
			break;
		/* key evolution: sigma[c^r] theta pi gamma, column j down by j */
		for (unsigned int i = 0; i < n; i++) {
			uint32_t w = 0;

			for (unsigned int j = 0; j < 4; j++)
				w ^= tab.anubis_t[j][byte32(kappa[(i + n - j) % n], j)];
			next[i] = w;
		}
		next[0] ^= (uint32_t)tab.sbox[4 * r] << 24 | (uint32_t)tab.sbox[4 * r + 1] << 16 |
			   (uint32_t)tab.sbox[4 * r + 2] << 8 | tab.sbox[4 * r + 3];
		memcpy(kappa, next, n * sizeof(kappa[0]));
	}
	memcpy(c->dec[0], c->enc[rounds], sizeof(c->dec[0]));
	memcpy(c->dec[rounds], c->enc[0], sizeof(c->dec[0]));
	for (unsigned int r = 1; r < rounds; r++)
		anubis_theta(c->dec[r], c->enc[rounds - r]);
	c->rounds = rounds;
	ualg_wipe(kappa, sizeof(kappa));
	ualg_wipe(next, sizeof(next));
	return 0;
}

static void anubis_crypt(const uint32_t (*rk)[4], unsigned int rounds, uint8_t *dst,
			 const uint8_t *src)
{
	uint32_t s[4], t[4];

	for (unsigned int i = 0; i < 4; i++)
		s[i] = ualg_get_be32(src + 4 * i) ^ rk[0][i];
	for (unsigned int r = 1; r <= rounds; r++) {
		for (unsigned int j = 0; j < 4; j++) {
			uint32_t w = 0;

			for (unsigned int i = 0; i < 4; i++) {
				uint32_t v = tab.anubis_t[i][byte32(s[i], j)];

				/* the last round has no theta: keep S(x), byte i */
				w ^= r < rounds ? v : v & (0xff000000u >> (8 * i));
			}
			t[j] = w ^ rk[r][j];
		}
		memcpy(s, t, sizeof(s));
	}
	for (unsigned int i = 0; i < 4; i++)
		for (unsigned int k = 0; k < 4; k++)
			dst[4 * i + k] = (uint8_t)byte32(s[i], k);
}

static void anubis_encrypt(const void *vctx, uint8_t *dst, const uint8_t *src)
{
	const struct anubis_ctx *c = vctx;

	anubis_crypt(c->enc, c->rounds, dst, src);
}

static void anubis_decrypt(const void *vctx, uint8_t *dst, const uint8_t *src)
{
	const struct anubis_ctx *c = vctx;

	anubis_crypt(c->dec, c->rounds, dst, src);
}

/* ---- Khazad */

struct khazad_ctx {
	uint64_t enc[KHAZAD_ROUNDS + 1];
	uint64_t dec[KHAZAD_ROUNDS + 1];
};

/* theta gamma of one row; with gamma twice (S is an involution) plain theta */
static uint64_t khazad_round(uint64_t s, bool last)
{
	uint64_t w = 0;

	for (unsigned int i = 0; i < 8; i++) {
		uint64_t v = tab.khazad_t[i][byte64(s, i)];

		w ^= last ? v & ((uint64_t)0xff << (56 - 8 * i)) : v;
	}
	return w;
}

static uint64_t khazad_gamma(uint64_t s)
{
	uint64_t w = 0;

	for (unsigned int i = 0; i < 8; i++)
		w = w << 8 | tab.sbox[byte64(s, i)];
	return w;
}

static int khazad_setkey(void *vctx, const uint8_t *key, size_t keylen)
{
	struct khazad_ctx *c = vctx;
	uint64_t k2, k1;

	(void)keylen;
	(void)pthread_once(&tab_once, tables_build);
	k2 = ualg_get_be64(key);
	k1 = ualg_get_be64(key + 8);
	for (unsigned int r = 0; r <= KHAZAD_ROUNDS; r++) {
		c->enc[r] = khazad_round(k1, false) ^ ualg_get_be64(tab.sbox + 8 * r) ^ k2;
		k2 = k1;
		k1 = c->enc[r];
	}
	c->dec[0] = c->enc[KHAZAD_ROUNDS];
	for (unsigned int r = 1; r < KHAZAD_ROUNDS; r++)
		c->dec[r] = khazad_round(khazad_gamma(c->enc[KHAZAD_ROUNDS - r]), false);
	c->dec[KHAZAD_ROUNDS] = c->enc[0];
	ualg_wipe(&k1, sizeof(k1));
	ualg_wipe(&k2, sizeof(k2));
	return 0;
}

static void khazad_crypt(const uint64_t *rk, uint8_t *dst, const uint8_t *src)
{
	uint64_t s = ualg_get_be64(src) ^ rk[0];

	for (unsigned int r = 1; r <= KHAZAD_ROUNDS; r++)
		s = khazad_round(s, r == KHAZAD_ROUNDS) ^ rk[r];
	ualg_put_be64(dst, s);
}

static void khazad_encrypt(const void *vctx, uint8_t *dst, const uint8_t *src)
{
	khazad_crypt(((const struct khazad_ctx *)vctx)->enc, dst, src);
}

static void khazad_decrypt(const void *vctx, uint8_t *dst, const uint8_t *src)
{
	khazad_crypt(((const struct khazad_ctx *)vctx)->dec, dst, src);
}

/* see alg/sw/cipher.h */
const struct ualg_sw_cipher ualg_sw_anubis = {
	.name = "anubis",
	.driver = "anubis-generic",
	.priority = 0,
	.blocksize = 16,
	.min_keysize = 16,
	.max_keysize = 4 * ANUBIS_MAX_N,
	.key_step = 4,
	.ctxsize = sizeof(struct anubis_ctx),
	.setkey = anubis_setkey,
	.encrypt = anubis_encrypt,
	.decrypt = anubis_decrypt,
};

/* see alg/sw/cipher.h */
const struct ualg_sw_cipher ualg_sw_khazad = {
	.name = "khazad",
	.driver = "khazad-generic",
	.priority = 0,
	.blocksize = 8,
	.min_keysize = 16,
	.max_keysize = 16,
	.key_step = 1,
	.ctxsize = sizeof(struct khazad_ctx),
	.setkey = khazad_setkey,
	.encrypt = khazad_encrypt,
	.decrypt = khazad_decrypt,
};
