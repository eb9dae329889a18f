/* SPDX-License-Identifier: MIT */
/*
 * Our own single-block ciphers as cipher-type algorithms: one generic
 * implementation serves every row of alg/sw/cipher.h. A rejected key
 * leaves the previous key schedule untouched (the length is checked before
 * the row's setkey runs, and the rows check everything else first too).
 */
#include <stdio.h>
#include <stdlib.h>

#include "alg/alg.h"
#include "alg/sw/cipher.h"
#include "core/cleanup.h"
#include "core/ct.h"

static const struct ualg_sw_cipher *const sw_cipher_table[] = {
	&ualg_sw_cast6, &ualg_sw_anubis, &ualg_sw_khazad,
	&ualg_sw_tea,	&ualg_sw_xtea,	 &ualg_sw_xeta,
};

static int sw_cipher_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	const struct ualg_sw_cipher *row = tfm->alg->data;

	if (keylen < row->min_keysize || keylen > row->max_keysize ||
	    (keylen - row->min_keysize) % row->key_step)
		return -EINVAL;
	return row->setkey(ualg_tfm_ctx(tfm), key, keylen);
}

static int sw_cipher_crypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src, size_t nblocks,
			   bool enc)
{
	const struct ualg_sw_cipher *row = tfm->alg->data;
	void (*fn)(const void *, uint8_t *, const uint8_t *) = enc ? row->encrypt : row->decrypt;

	for (size_t i = 0; i < nblocks; i++)
		fn(ualg_tfm_ctx(tfm), dst + i * row->blocksize, src + i * row->blocksize);
	return 0;
}

static int sw_cipher_encrypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src, size_t nblocks)
{
	return sw_cipher_crypt(tfm, dst, src, nblocks, true);
}

static int sw_cipher_decrypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src, size_t nblocks)
{
	return sw_cipher_crypt(tfm, dst, src, nblocks, false);
}

static void sw_cipher_exit_tfm(struct ualg_tfm *tfm)
{
	ualg_wipe(ualg_tfm_ctx(tfm), tfm->alg->ctxsize);
}

static const struct ualg_cipher_ops sw_cipher_ops = {
	.setkey = sw_cipher_setkey,
	.encrypt = sw_cipher_encrypt,
	.decrypt = sw_cipher_decrypt,
};

/* see alg/sw/cipher.h */
void ualg_sw_cipher_register(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(sw_cipher_table); i++) {
		const struct ualg_sw_cipher *row = sw_cipher_table[i];
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
		alg->exit_tfm = sw_cipher_exit_tfm;
		alg->cipher.ops = &sw_cipher_ops;
		alg->cipher.min_keysize = row->min_keysize;
		alg->cipher.max_keysize = row->max_keysize;
		alg->data = row;
		if (ualg_alg_register(alg) < 0)
			free(alg);
	}
}
