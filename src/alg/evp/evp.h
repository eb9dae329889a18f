/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_EVP_EVP_H
#define UALG_ALG_EVP_EVP_H

/*
 * Helpers shared by the OpenSSL leaves (alg/evp/). Only alg/evp/ and
 * core/ct.c include OpenSSL headers.
 */
#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>

#include "alg/class.h"

/*
 * An algorithm of the private context, fetched on first use and kept until
 * the process ends (never free it); NULL when the context lacks it. For
 * setkey and tfm creation: the per-request paths keep what they got.
 */
EVP_CIPHER *ualg_evp_cipher_get(const char *name);
EVP_MD *ualg_evp_md_get(const char *name);
EVP_MAC *ualg_evp_mac_get(const char *name);
EVP_RAND *ualg_evp_rand_get(const char *name);

/*
 * (Re)key ctx for evp in direction enc (1/0), padding off (lasting across
 * IV-only re-initialisations), key length set
 * for variable-length ciphers. -EINVAL if OpenSSL refuses the key.
 */
int ualg_evp_cipher_key(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *evp, const uint8_t *key,
			size_t keylen, int enc);

/*
 * A pair of cipher contexts (a tfm's encrypt and decrypt, or two key
 * schedules): both or neither. -ENOMEM.
 */
int ualg_evp_ctx_pair_new(EVP_CIPHER_CTX **a, EVP_CIPHER_CTX **b);
/* Free both (EVP_CIPHER_CTX_free cleanses key schedules); takes NULLs. */
void ualg_evp_ctx_pair_free(EVP_CIPHER_CTX *a, EVP_CIPHER_CTX *b);

/*
 * A leaf's descriptor: zeroed, with type and both names; NULL when out of
 * memory. The caller fills the rest and hands it to ualg_evp_alg_register().
 */
struct ualg_alg *ualg_evp_alg_new(enum ualg_type type, const char *name, const char *driver);
/* ualg_alg_register(alg), freeing alg when refused; takes NULL. */
void ualg_evp_alg_register(struct ualg_alg *alg);

/* The legacy provider's algorithms over the private copy's low-level functions (legacy.c). */
void ualg_legacy_cipher_register(void);
void ualg_legacy_hash_register(void);

/* EVP_CipherUpdate over any length (split below INT_MAX); expects len output bytes. */
int ualg_evp_update(EVP_CIPHER_CTX *ctx, uint8_t *dst, const uint8_t *src, size_t len);

#endif
