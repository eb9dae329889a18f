/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_EVP_PROV_H
#define UALG_ALG_EVP_PROV_H

/*
 * Ciphers and digests called at the provider level (provider-cipher(7),
 * provider-digest(7)): the
 * functions OpenSSL's default provider gives EVP for one algorithm, called
 * on a provider context of our own. For the per-request path of the leaves
 * where EVP's own layer costs more than the work: OpenSSL 3.0's
 * EVP_CipherInit_ex2 with a new IV asks the provider for the IV length
 * through an OSSL_PARAM round trip every time (550-640 instructions, more
 * than AES-XTS or AES-GCM of 64 bytes); here the IV goes straight to the
 * provider's init. Same code underneath, same answers.
 */
#include <stddef.h>
#include <stdint.h>
#include <openssl/core_dispatch.h>
#include <openssl/evp.h>

struct ualg_pcipher {
	void *provctx;
	OSSL_FUNC_cipher_newctx_fn *newctx;
	OSSL_FUNC_cipher_freectx_fn *freectx;
	OSSL_FUNC_cipher_encrypt_init_fn *einit;
	OSSL_FUNC_cipher_decrypt_init_fn *dinit;
	OSSL_FUNC_cipher_update_fn *update;
	OSSL_FUNC_cipher_final_fn *final;
	OSSL_FUNC_cipher_get_ctx_params_fn *get_ctx_params;
	OSSL_FUNC_cipher_set_ctx_params_fn *set_ctx_params;
};

/*
 * The provider functions behind evp, resolved once and kept for the life
 * of the process; NULL if its provider does not offer all of them.
 */
const struct ualg_pcipher *ualg_pcipher_get(const EVP_CIPHER *evp);

/* A new provider context keyed for direction enc (1/0): -ENOMEM, -EINVAL if refused. */
int ualg_pcipher_key(const struct ualg_pcipher *pc, void **ctx, const uint8_t *key, size_t keylen,
		     int enc);

/*
 * Both directions of evp keyed ([0] decrypt, [1] encrypt) into *pc and
 * ctx[], replacing what they held (of any cipher) once both are made;
 * -EINVAL (no provider functions, key refused) or -ENOMEM, nothing changed.
 */
int ualg_pcipher_key_pair(const EVP_CIPHER *evp, const struct ualg_pcipher **pc, void *ctx[2],
			  const uint8_t *key, size_t keylen);

/* Free ctx (the provider cleanses its key schedule); takes NULL. */
void ualg_pcipher_free(const struct ualg_pcipher *pc, void *ctx);

/* A new IV on a keyed context, direction kept: 0 or -EINVAL. */
static inline int ualg_pcipher_iv(const struct ualg_pcipher *pc, void *ctx, const uint8_t *iv,
				  size_t ivlen, int enc)
{
	return (enc ? pc->einit : pc->dinit)(ctx, NULL, 0, iv, ivlen, NULL) ? 0 : -EINVAL;
}

/* len bytes through (no split: one call, as the xts data unit needs); 0 or -EINVAL. */
static inline int ualg_pcipher_update(const struct ualg_pcipher *pc, void *ctx, uint8_t *dst,
				      const uint8_t *src, size_t len)
{
	size_t out = 0;

	return pc->update(ctx, dst, &out, len, src, len) && out == len ? 0 : -EINVAL;
}

/* A digest's provider functions (digests re-created their context on every EVP_DigestInit_ex2). */
struct ualg_pdigest {
	void *provctx;
	OSSL_FUNC_digest_newctx_fn *newctx;
	OSSL_FUNC_digest_freectx_fn *freectx;
	OSSL_FUNC_digest_dupctx_fn *dupctx;
	OSSL_FUNC_digest_init_fn *init;
	OSSL_FUNC_digest_update_fn *update;
	OSSL_FUNC_digest_final_fn *final;
};

/* As ualg_pcipher_get, for a digest. */
const struct ualg_pdigest *ualg_pdigest_get(const EVP_MD *md);

#endif
