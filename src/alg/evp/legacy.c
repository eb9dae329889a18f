/* SPDX-License-Identifier: MIT */
/*
 * The algorithms OpenSSL 3 keeps in its legacy provider: des, blowfish,
 * cast5 and seed (single-block ciphers, the input of the mode templates),
 * md4 and whirlpool (wp512, wp384, wp256). The provider is a module
 * (legacy.so) linked against the system's libcrypto.so.3: loading it would
 * bring the host's OpenSSL back into the process. Its implementations are
 * thin wrappers of libcrypto's low-level functions, which ualg's own copy of
 * libcrypto has (alg/evp/ossl.c), so each row here calls those directly:
 * the same code the provider ran, with nothing shared with the host.
 *
 * Key rules mirror the kernel's generic drivers: des (crypto/des_generic.c)
 * takes 8 bytes and keeps weak keys (AF_ALG never sets FORBID_WEAK_KEYS;
 * DES_set_key_unchecked ignores parity as the kernel does), blowfish 4 to 56
 * bytes, cast5 5 to 16 (RFC 2144: 12 rounds up to 80 bits, as
 * CAST_set_key), seed 16. wp384 and wp256 are wp512 truncated
 * (crypto/wp512.c). Constant time: as OpenSSL's C code for each cipher
 * (table lookups: none of these is constant-time).
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/blowfish.h>
#include <openssl/cast.h>
#include <openssl/des.h>
#include <openssl/md4.h>
#include <openssl/seed.h>
#include <openssl/whrlpool.h>

#include "alg/alg.h"
#include "alg/evp/evp.h"
#include "core/cleanup.h"
#include "core/ct.h"

/* ---- single-block ciphers */

struct legacy_cipher_row {
	const char *name;
	unsigned int blocksize, min_keysize, max_keysize, ctxsize;
	void (*set_key)(void *ctx, const uint8_t *key, size_t keylen);
	/* one block; enc 1 or 0 */
	void (*crypt)(const void *ctx, uint8_t *dst, const uint8_t *src, int enc);
};

static void des_key(void *ctx, const uint8_t *key, size_t keylen)
{
	DES_cblock k;

	memcpy(k, key, sizeof(k));
	DES_set_key_unchecked(&k, ctx);
	ualg_wipe(k, sizeof(k));
}

static void des_crypt(const void *ctx, uint8_t *dst, const uint8_t *src, int enc)
{
	DES_ecb_encrypt((const_DES_cblock *)src, (DES_cblock *)dst, (DES_key_schedule *)ctx, enc);
}

static void bf_key(void *ctx, const uint8_t *key, size_t keylen)
{
	BF_set_key(ctx, (int)keylen, key);
}

static void bf_crypt(const void *ctx, uint8_t *dst, const uint8_t *src, int enc)
{
	BF_ecb_encrypt(src, dst, ctx, enc);
}

static void cast_key(void *ctx, const uint8_t *key, size_t keylen)
{
	CAST_set_key(ctx, (int)keylen, key);
}

static void cast_crypt(const void *ctx, uint8_t *dst, const uint8_t *src, int enc)
{
	CAST_ecb_encrypt(src, dst, ctx, enc);
}

static void seed_key(void *ctx, const uint8_t *key, size_t keylen)
{
	SEED_set_key(key, ctx);
}

static void seed_crypt(const void *ctx, uint8_t *dst, const uint8_t *src, int enc)
{
	SEED_ecb_encrypt(src, dst, ctx, enc);
}

static const struct legacy_cipher_row legacy_cipher_table[] = {
	{ "des", 8, 8, 8, sizeof(DES_key_schedule), des_key, des_crypt },
	{ "blowfish", 8, 4, 56, sizeof(BF_KEY), bf_key, bf_crypt },
	{ "cast5", 8, 5, 16, sizeof(CAST_KEY), cast_key, cast_crypt },
	{ "seed", 16, 16, 16, sizeof(SEED_KEY_SCHEDULE), seed_key, seed_crypt },
};

static int legacy_cipher_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	const struct legacy_cipher_row *row = tfm->alg->data;

	if (keylen < row->min_keysize || keylen > row->max_keysize)
		return -EINVAL;
	row->set_key(ualg_tfm_ctx(tfm), key, keylen);
	return 0;
}

static int legacy_cipher_crypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src,
			       size_t nblocks, int enc)
{
	const struct legacy_cipher_row *row = tfm->alg->data;
	const void *ks = ualg_tfm_ctx(tfm);

	for (size_t i = 0; i < nblocks; i++)
		row->crypt(ks, dst + i * row->blocksize, src + i * row->blocksize, enc);
	return 0;
}

static int legacy_cipher_encrypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src,
				 size_t nblocks)
{
	return legacy_cipher_crypt(tfm, dst, src, nblocks, 1);
}

static int legacy_cipher_decrypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src,
				 size_t nblocks)
{
	return legacy_cipher_crypt(tfm, dst, src, nblocks, 0);
}

static void legacy_cipher_exit_tfm(struct ualg_tfm *tfm)
{
	ualg_wipe(ualg_tfm_ctx(tfm), tfm->alg->ctxsize);
}

static const struct ualg_cipher_ops legacy_cipher_ops = {
	.setkey = legacy_cipher_setkey,
	.encrypt = legacy_cipher_encrypt,
	.decrypt = legacy_cipher_decrypt,
};

/* see alg/evp/evp.h */
void ualg_legacy_cipher_register(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(legacy_cipher_table); i++) {
		const struct legacy_cipher_row *row = &legacy_cipher_table[i];
		char driver[UALG_MAX_ALG_NAME];
		struct ualg_alg *alg;

		snprintf(driver, sizeof(driver), "%s-ualg", row->name);
		alg = ualg_evp_alg_new(UALG_TYPE_CIPHER, row->name, driver);
		if (!alg)
			return;
		alg->priority = 300;
		alg->flags = UALG_F_KEYED;
		alg->blocksize = row->blocksize;
		alg->ctxsize = row->ctxsize;
		alg->exit_tfm = legacy_cipher_exit_tfm;
		alg->cipher.ops = &legacy_cipher_ops;
		alg->cipher.min_keysize = row->min_keysize;
		alg->cipher.max_keysize = row->max_keysize;
		alg->data = row;
		ualg_evp_alg_register(alg);
	}
}

/* ---- hashes: the descriptor is the low-level context (plain data) */

struct legacy_hash_row {
	const char *name;
	unsigned int digestsize, blocksize, statesize, descsize;
	int (*init)(void *ctx);
	int (*update)(void *ctx, const void *data, size_t len);
	/* the full digest of the underlying function, at most 64 bytes */
	int (*final)(unsigned char *out, void *ctx);
};

static int md4_init(void *ctx)
{
	return MD4_Init(ctx);
}

static int md4_update(void *ctx, const void *data, size_t len)
{
	return MD4_Update(ctx, data, len);
}

static int md4_final(unsigned char *out, void *ctx)
{
	return MD4_Final(out, ctx);
}

static int wp_init(void *ctx)
{
	return WHIRLPOOL_Init(ctx);
}

static int wp_update(void *ctx, const void *data, size_t len)
{
	return WHIRLPOOL_Update(ctx, data, len);
}

static int wp_final(unsigned char *out, void *ctx)
{
	return WHIRLPOOL_Final(out, ctx);
}

/* statesize: the kernel's, as /proc/crypto shows it (struct md4_ctx, wp512_ctx) */
static const struct legacy_hash_row legacy_hash_table[] = {
	{ "md4", 16, 64, 88, sizeof(MD4_CTX), md4_init, md4_update, md4_final },
	{ "wp512", 64, 64, 168, sizeof(WHIRLPOOL_CTX), wp_init, wp_update, wp_final },
	{ "wp384", 48, 64, 168, sizeof(WHIRLPOOL_CTX), wp_init, wp_update, wp_final },
	{ "wp256", 32, 64, 168, sizeof(WHIRLPOOL_CTX), wp_init, wp_update, wp_final },
};

static const struct legacy_hash_row *desc_row(const struct ualg_hash_desc *desc)
{
	return desc->tfm->alg->data;
}

static int legacy_hash_init(struct ualg_hash_desc *desc)
{
	return desc_row(desc)->init(ualg_hash_desc_ctx(desc)) ? 0 : -EINVAL;
}

static int legacy_hash_update(struct ualg_hash_desc *desc, const uint8_t *data, size_t len)
{
	if (!len)
		return 0;
	return desc_row(desc)->update(ualg_hash_desc_ctx(desc), data, len) ? 0 : -EINVAL;
}

static int legacy_hash_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	const struct legacy_hash_row *row = desc_row(desc);
	uint8_t full[64];
	int ok = row->final(full, ualg_hash_desc_ctx(desc));

	memcpy(out, full, row->digestsize);
	ualg_wipe(full, sizeof(full));
	return ok ? 0 : -EINVAL;
}

static int legacy_hash_copy(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	memcpy(dst->ctx, src->ctx, desc_row(src)->descsize);
	return 0;
}

static void legacy_hash_destroy(struct ualg_hash_desc *desc)
{
	ualg_wipe(ualg_hash_desc_ctx(desc), desc_row(desc)->descsize);
}

static const struct ualg_hash_ops legacy_hash_ops = {
	.init = legacy_hash_init,
	.update = legacy_hash_update,
	.final = legacy_hash_final,
	.copy = legacy_hash_copy,
	.destroy = legacy_hash_destroy,
};

/* see alg/evp/evp.h */
void ualg_legacy_hash_register(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(legacy_hash_table); i++) {
		const struct legacy_hash_row *row = &legacy_hash_table[i];
		char driver[UALG_MAX_ALG_NAME];
		struct ualg_alg *alg;

		snprintf(driver, sizeof(driver), "%s-ualg", row->name);
		alg = ualg_evp_alg_new(UALG_TYPE_HASH, row->name, driver);
		if (!alg)
			return;
		alg->priority = 300;
		alg->blocksize = row->blocksize;
		alg->hash.ops = &legacy_hash_ops;
		alg->hash.digestsize = row->digestsize;
		alg->hash.descsize = row->descsize;
		alg->hash.statesize = row->statesize;
		alg->data = row;
		ualg_evp_alg_register(alg);
	}
}
