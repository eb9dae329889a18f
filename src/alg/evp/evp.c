/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

#include "alg/alg.h"
#include "alg/evp/evp.h"

/* see alg/evp/evp.h */
EVP_CIPHER *ualg_evp_cipher_fetch(const char *name)
{
	OSSL_LIB_CTX *ctx = ualg_ossl_ctx();

	return ctx ? EVP_CIPHER_fetch(ctx, name, NULL) : NULL;
}

/* see alg/evp/evp.h */
EVP_MD *ualg_evp_md_fetch(const char *name)
{
	OSSL_LIB_CTX *ctx = ualg_ossl_ctx();

	return ctx ? EVP_MD_fetch(ctx, name, NULL) : NULL;
}

/* see alg/evp/evp.h */
EVP_MAC *ualg_evp_mac_fetch(const char *name)
{
	OSSL_LIB_CTX *ctx = ualg_ossl_ctx();

	return ctx ? EVP_MAC_fetch(ctx, name, NULL) : NULL;
}

/* see alg/evp/evp.h */
int ualg_evp_cipher_key(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *evp, const uint8_t *key,
			size_t keylen, int enc)
{
	OSSL_PARAM params[2];
	unsigned int pad = 0;

	if (keylen > INT_MAX)
		return -EINVAL;
	if (!EVP_CipherInit_ex2(ctx, evp, NULL, NULL, enc, NULL))
		return -EINVAL;
	if ((size_t)EVP_CIPHER_CTX_get_key_length(ctx) != keylen &&
	    !EVP_CIPHER_CTX_set_key_length(ctx, (int)keylen))
		return -EINVAL;
	if (!EVP_CipherInit_ex2(ctx, NULL, key, NULL, enc, NULL))
		return -EINVAL;
	/*
	 * Padding off in the provider's context only, where it lasts across
	 * re-initialisations: EVP_CIPHER_CTX_set_padding() would also set the
	 * EVP-level flag that makes every later EVP_CipherInit_ex2() (one per
	 * request, to set the IV) apply it again.
	 */
	params[0] = OSSL_PARAM_construct_uint(OSSL_CIPHER_PARAM_PADDING, &pad);
	params[1] = OSSL_PARAM_construct_end();
	if (!EVP_CIPHER_CTX_set_params(ctx, params))
		return -EINVAL;
	return 0;
}

/* see alg/evp/evp.h */
int ualg_evp_update(EVP_CIPHER_CTX *ctx, uint8_t *dst, const uint8_t *src, size_t len)
{
	while (len) {
		int n = len > (1u << 30) ? 1 << 30 : (int)len, out = 0;

		if (!EVP_CipherUpdate(ctx, dst, &out, src, n) || out != n)
			return -EINVAL;
		dst += n;
		src += n;
		len -= (size_t)n;
	}
	return 0;
}

/* see alg/evp/evp.h */
int ualg_evp_ctx_pair_new(EVP_CIPHER_CTX **a, EVP_CIPHER_CTX **b)
{
	*a = EVP_CIPHER_CTX_new();
	*b = EVP_CIPHER_CTX_new();
	if (!*a || !*b) {
		ualg_evp_ctx_pair_free(*a, *b);
		*a = *b = NULL;
		return -ENOMEM;
	}
	return 0;
}

/* see alg/evp/evp.h */
void ualg_evp_ctx_pair_free(EVP_CIPHER_CTX *a, EVP_CIPHER_CTX *b)
{
	EVP_CIPHER_CTX_free(a);
	EVP_CIPHER_CTX_free(b);
}

/* see alg/evp/evp.h */
struct ualg_alg *ualg_evp_alg_new(enum ualg_type type, const char *name, const char *driver)
{
	struct ualg_alg *alg = calloc(1, sizeof(*alg));

	if (!alg)
		return NULL;
	snprintf(alg->name, sizeof(alg->name), "%s", name);
	snprintf(alg->driver, sizeof(alg->driver), "%s", driver);
	alg->type = type;
	return alg;
}

/* see alg/evp/evp.h */
void ualg_evp_alg_register(struct ualg_alg *alg)
{
	if (alg && ualg_alg_register(alg) < 0)
		free(alg);
}
