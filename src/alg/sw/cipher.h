/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_SW_CIPHER_H
#define UALG_ALG_SW_CIPHER_H

/*
 * Single-block ciphers the kernel still offers (Linux 7.2) that no
 * well-kept C library has, written here from their specifications:
 *
 *   cast6               CAST-256, RFC 2612 (alg/sw/cast6.c)
 *   anubis, khazad      Barreto and Rijmen's NESSIE submissions, the
 *                       "tweaked" S-box (alg/sw/anubis_khazad.c)
 *   tea, xtea, xeta     Wheeler and Needham's TEA and XTEA, and the
 *                       kernel's XETA (alg/sw/tea.c)
 *
 * Libraries looked at: OpenSSL 3 and Nettle have none of them; libgcrypt
 * (not a dependency) has none; Botan and Crypto++ have CAST-256 but are
 * C++ libraries (libstdc++ and a large library in every host program),
 * rejected for the same reason as libb2.
 *
 * Each cipher is one row: names and sizes as the kernel registers them
 * (crypto/cast6_generic.c, anubis.c, khazad.c, tea.c), and three functions
 * on a context of ctxsize bytes. alg/sw/cipher.c turns every row into a
 * cipher-type algorithm; the mode templates (ecb, cbc, ctr, lrw, xts ...)
 * build on it as they do on "aes".
 *
 * Constant time: none of them is. CAST-256, Anubis and Khazad index tables
 * with secret data, as the kernel's generic drivers do; TEA has no tables
 * but is only here for compatibility.
 */
#include <stddef.h>
#include <stdint.h>

struct ualg_sw_cipher {
	const char *name, *driver; /* cra_name, cra_driver_name */
	int priority;		   /* cra_priority */
	unsigned int blocksize;
	/* accepted key lengths: min, min + step ... max; others -EINVAL */
	unsigned int min_keysize, max_keysize, key_step;
	unsigned int ctxsize;
	/* keylen already checked against the row; returns 0 or -errno */
	int (*setkey)(void *ctx, const uint8_t *key, size_t keylen);
	/* one block; dst may equal src */
	void (*encrypt)(const void *ctx, uint8_t *dst, const uint8_t *src);
	void (*decrypt)(const void *ctx, uint8_t *dst, const uint8_t *src);
};

extern const struct ualg_sw_cipher ualg_sw_cast6;
extern const struct ualg_sw_cipher ualg_sw_anubis;
extern const struct ualg_sw_cipher ualg_sw_khazad;
extern const struct ualg_sw_cipher ualg_sw_tea;
extern const struct ualg_sw_cipher ualg_sw_xtea;
extern const struct ualg_sw_cipher ualg_sw_xeta;

/*
 * CAST-128's S-boxes S1..S4 (RFC 2144, Appendix A), which CAST-256 uses
 * unchanged (RFC 2612, section 2.2). Exposed for the unit test that checks
 * them against Nettle's CAST-128.
 */
extern const uint32_t ualg_cast_sbox[4][256];

/* Register every row as a cipher; called by ualg_cipher_register(). */
void ualg_sw_cipher_register(void);

#endif
