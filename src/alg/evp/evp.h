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

/* Fetch from the private context; NULL when it lacks the algorithm. */
EVP_CIPHER *ualg_evp_cipher_fetch(const char *name);
EVP_MD *ualg_evp_md_fetch(const char *name);
EVP_MAC *ualg_evp_mac_fetch(const char *name);

/*
 * (Re)key ctx for evp in direction enc (1/0), padding off, key length set
 * for variable-length ciphers. -EINVAL if OpenSSL refuses the key.
 */
int ualg_evp_cipher_key(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *evp, const uint8_t *key,
			size_t keylen, int enc);

/* EVP_CipherUpdate over any length (split below INT_MAX); expects len output bytes. */
int ualg_evp_update(EVP_CIPHER_CTX *ctx, uint8_t *dst, const uint8_t *src, size_t len);

#endif
