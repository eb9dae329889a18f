/* SPDX-License-Identifier: MIT */
/*
 * Single-block ciphers ("aes", "des3_ede", ...), the kernel's cipher type:
 * the input of the mode templates (cbc, ctr, xts, gcm, cmac...). One row per
 * cipher; one generic implementation over OpenSSL's ECB mode serves them
 * all. Every row's cipher is in ualg's OpenSSL (fetched at the first setkey;
 * test-registry checks that each passes its self-test).
 * des, blowfish, cast5 and seed are in alg/evp/legacy.c, serpent and
 * twofish in alg/nettle/cipher.c.
 *
 * Constant time: as OpenSSL's implementation of each cipher (AES uses
 * AES-NI or a constant-time bitsliced/vpaes path where available).
 */
#include <stdio.h>
#include <string.h>
#include <openssl/evp.h>

#include "alg/alg.h"
#include "alg/evp/evp.h"
#include "alg/nettle/nettle.h"
#include "alg/sw/cipher.h"

struct cipher_row {
	const char *name;
	int priority;
	unsigned int blocksize;
	unsigned int min_keysize, max_keysize;
	/* EVP name for a key length: "%u" is replaced by the key length in bits when present */
	const char *evp;
	bool fixed_key_sizes; /* only 16/24/32 (AES-like): the name carries the size */
};

static const struct cipher_row cipher_table[] = {
	{ "aes", 300, 16, 16, 32, "AES-%u-ECB", true },
	{ "aria", 300, 16, 16, 32, "ARIA-%u-ECB", true },
	{ "camellia", 300, 16, 16, 32, "CAMELLIA-%u-ECB", true },
	{ "sm4", 300, 16, 16, 16, "SM4-ECB", false },
	{ "des3_ede", 300, 8, 24, 24, "DES-EDE3-ECB", false },
};

struct cipher_ctx {
	EVP_CIPHER_CTX *enc, *dec;
};

static int cipher_init_tfm(struct ualg_tfm *tfm)
{
	struct cipher_ctx *c = ualg_tfm_ctx(tfm);

	return ualg_evp_ctx_pair_new(&c->enc, &c->dec);
}

static void cipher_exit_tfm(struct ualg_tfm *tfm)
{
	struct cipher_ctx *c = ualg_tfm_ctx(tfm);

	ualg_evp_ctx_pair_free(c->enc, c->dec);
}

static EVP_CIPHER *row_get(const struct cipher_row *row, size_t keylen)
{
	char name[64];

	if (row->fixed_key_sizes)
		snprintf(name, sizeof(name), row->evp, (unsigned int)keylen * 8);
	else
		snprintf(name, sizeof(name), "%s", row->evp);
	return ualg_evp_cipher_get(name);
}

static int cipher_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	const struct cipher_row *row = tfm->alg->data;
	struct cipher_ctx *c = ualg_tfm_ctx(tfm);
	EVP_CIPHER *evp;
	int r = -EINVAL;

	if (row->fixed_key_sizes && keylen != 16 && keylen != 24 && keylen != 32)
		return -EINVAL;
	evp = row_get(row, keylen);
	if (!evp)
		return -EINVAL;
	if (ualg_evp_cipher_key(c->enc, evp, key, keylen, 1) >= 0 &&
	    ualg_evp_cipher_key(c->dec, evp, key, keylen, 0) >= 0)
		r = 0;
	return r;
}

static int cipher_crypt(EVP_CIPHER_CTX *ctx, unsigned int bs, uint8_t *dst, const uint8_t *src,
			size_t nblocks)
{
	return ualg_evp_update(ctx, dst, src, nblocks * bs);
}

static int cipher_encrypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src, size_t nblocks)
{
	struct cipher_ctx *c = ualg_tfm_ctx(tfm);

	return cipher_crypt(c->enc, tfm->alg->blocksize, dst, src, nblocks);
}

static int cipher_decrypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src, size_t nblocks)
{
	struct cipher_ctx *c = ualg_tfm_ctx(tfm);

	return cipher_crypt(c->dec, tfm->alg->blocksize, dst, src, nblocks);
}

static const struct ualg_cipher_ops cipher_ops = {
	.setkey = cipher_setkey,
	.encrypt = cipher_encrypt,
	.decrypt = cipher_decrypt,
};

/* see alg/alg.h */
void ualg_cipher_register(void)
{
	ualg_nettle_cipher_register();
	ualg_legacy_cipher_register();
	ualg_sw_cipher_register();
	for (size_t i = 0; i < sizeof(cipher_table) / sizeof(cipher_table[0]); i++) {
		const struct cipher_row *row = &cipher_table[i];
		char driver[UALG_MAX_ALG_NAME];
		struct ualg_alg *alg;

		snprintf(driver, sizeof(driver), "%s-ualg", row->name);
		alg = ualg_evp_alg_new(UALG_TYPE_CIPHER, row->name, driver);
		if (!alg)
			return;
		alg->priority = row->priority;
		alg->flags = UALG_F_KEYED;
		alg->blocksize = row->blocksize;
		alg->ctxsize = sizeof(struct cipher_ctx);
		alg->init_tfm = cipher_init_tfm;
		alg->exit_tfm = cipher_exit_tfm;
		alg->cipher.ops = &cipher_ops;
		alg->cipher.min_keysize = row->min_keysize;
		alg->cipher.max_keysize = row->max_keysize;
		alg->data = row;
		ualg_evp_alg_register(alg);
	}
}

/* see alg/alg.h */
const struct ualg_alias ualg_cipher_aliases[] = {
	{ "aes-generic", "aes-ualg" },
	{ "aes-aesni", "aes-ualg" },
	{ "aes-fixed-time", "aes-ualg" },
	{ "aria-generic", "aria-ualg" },
	{ "camellia-generic", "camellia-ualg" },
	{ "camellia-asm", "camellia-ualg" },
	{ "sm4-generic", "sm4-ualg" },
	{ "des-generic", "des-ualg" },
	{ "des3_ede-generic", "des3_ede-ualg" },
	{ "des3_ede-asm", "des3_ede-ualg" },
	{ "blowfish-generic", "blowfish-ualg" },
	{ "blowfish-asm", "blowfish-ualg" },
	{ "cast5-generic", "cast5-ualg" },
	{ "seed-generic", "seed-ualg" },
	{ "twofish-asm", "twofish-generic" },
	{ NULL, NULL },
};
