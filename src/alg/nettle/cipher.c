/* SPDX-License-Identifier: MIT */
/*
 * Single-block ciphers over GNU Nettle, one row per cipher, named as the
 * kernel's generic drivers ("serpent-generic", "twofish-generic") so that
 * kernel driver names resolve to them directly.
 *
 * Key rules mirror the kernel:
 * - serpent (crypto/serpent_generic.c, __serpent_setkey): any length from
 *   0 to 32 bytes; a short key is padded as the Serpent specification says
 *   (a 1 bit after the key, then zeros), which is what Nettle's
 *   serpent_set_key() does for every length up to 32 (it asserts above).
 * - twofish (crypto/twofish_common.c, __twofish_setkey): 16, 24 or 32
 *   bytes; any other length is -EINVAL.
 * A rejected key leaves the previous key schedule untouched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nettle/serpent.h>
#include <nettle/twofish.h>

#include "alg/alg.h"
#include "alg/nettle/nettle.h"
#include "core/cleanup.h"
#include "core/ct.h"

struct nettle_cipher_row {
	const char *name, *driver;
	int priority;
	unsigned int blocksize;
	unsigned int min_keysize, max_keysize;
	unsigned int key_step; /* accepted lengths: min, min + step, ... max */
	unsigned int ctxsize;
	void (*set_key)(void *ctx, size_t keylen, const uint8_t *key);
	void (*encrypt)(const void *ctx, size_t len, uint8_t *dst, const uint8_t *src);
	void (*decrypt)(const void *ctx, size_t len, uint8_t *dst, const uint8_t *src);
};

/* typed adapters: Nettle's functions take their own context types */

static void serpent_key(void *ctx, size_t keylen, const uint8_t *key)
{
	serpent_set_key(ctx, keylen, key);
}

static void serpent_enc(const void *ctx, size_t len, uint8_t *dst, const uint8_t *src)
{
	serpent_encrypt(ctx, len, dst, src);
}

static void serpent_dec(const void *ctx, size_t len, uint8_t *dst, const uint8_t *src)
{
	serpent_decrypt(ctx, len, dst, src);
}

static void twofish_key(void *ctx, size_t keylen, const uint8_t *key)
{
	twofish_set_key(ctx, keylen, key);
}

static void twofish_enc(const void *ctx, size_t len, uint8_t *dst, const uint8_t *src)
{
	twofish_encrypt(ctx, len, dst, src);
}

static void twofish_dec(const void *ctx, size_t len, uint8_t *dst, const uint8_t *src)
{
	twofish_decrypt(ctx, len, dst, src);
}

static const struct nettle_cipher_row nettle_cipher_table[] = {
	{"serpent", "serpent-generic", 100, SERPENT_BLOCK_SIZE, 0, SERPENT_MAX_KEY_SIZE, 1,
	 sizeof(struct serpent_ctx), serpent_key, serpent_enc, serpent_dec},
	{"twofish", "twofish-generic", 100, TWOFISH_BLOCK_SIZE, 16, 32, 8,
	 sizeof(struct twofish_ctx), twofish_key, twofish_enc, twofish_dec},
};

static int nettle_cipher_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	const struct nettle_cipher_row *row = tfm->alg->data;

	if (keylen < row->min_keysize || keylen > row->max_keysize ||
	    (keylen - row->min_keysize) % row->key_step)
		return -EINVAL;
	row->set_key(ualg_tfm_ctx(tfm), keylen, key);
	return 0;
}

static int nettle_cipher_encrypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src,
				 size_t nblocks)
{
	const struct nettle_cipher_row *row = tfm->alg->data;

	row->encrypt(ualg_tfm_ctx(tfm), nblocks * row->blocksize, dst, src);
	return 0;
}

static int nettle_cipher_decrypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src,
				 size_t nblocks)
{
	const struct nettle_cipher_row *row = tfm->alg->data;

	row->decrypt(ualg_tfm_ctx(tfm), nblocks * row->blocksize, dst, src);
	return 0;
}

static void nettle_cipher_exit_tfm(struct ualg_tfm *tfm)
{
	ualg_wipe(ualg_tfm_ctx(tfm), tfm->alg->ctxsize);
}

static const struct ualg_cipher_ops nettle_cipher_ops = {
	.setkey = nettle_cipher_setkey,
	.encrypt = nettle_cipher_encrypt,
	.decrypt = nettle_cipher_decrypt,
};

/* see alg/nettle/nettle.h */
void ualg_nettle_cipher_register(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(nettle_cipher_table); i++) {
		const struct nettle_cipher_row *row = &nettle_cipher_table[i];
		struct ualg_alg *alg = calloc(1, sizeof(*alg));

		if (!alg)
			return;
		snprintf(alg->name, sizeof(alg->name), "%s", row->name);
		snprintf(alg->driver, sizeof(alg->driver), "%s", row->driver);
		alg->type = UALG_TYPE_CIPHER;
		alg->priority = row->priority;
		alg->flags = UALG_F_KEYED;
		alg->blocksize = row->blocksize;
		alg->ctxsize = row->ctxsize;
		alg->exit_tfm = nettle_cipher_exit_tfm;
		alg->cipher.ops = &nettle_cipher_ops;
		alg->cipher.min_keysize = row->min_keysize;
		alg->cipher.max_keysize = row->max_keysize;
		alg->data = row;
		if (ualg_alg_register(alg) < 0)
			free(alg);
	}
}
