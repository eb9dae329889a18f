/* SPDX-License-Identifier: MIT */
/*
 * The private OpenSSL library context. ualg never touches the host
 * program's default context, its configuration file or its providers: all
 * fetches name this context, which loads the default and legacy providers
 * explicitly and reads no configuration.
 */
#include <pthread.h>
#include <openssl/provider.h>
#include <openssl/crypto.h>

#include "alg/alg.h"

static OSSL_LIB_CTX *ossl_ctx;
static OSSL_PROVIDER *prov_default, *prov_legacy;
static pthread_once_t ossl_once = PTHREAD_ONCE_INIT;

static void ossl_ctx_make(void)
{
	OSSL_LIB_CTX *ctx = OSSL_LIB_CTX_new();

	if (!ctx)
		return;
	prov_default = OSSL_PROVIDER_load(ctx, "default");
	if (!prov_default) {
		OSSL_LIB_CTX_free(ctx);
		return;
	}
	/* optional: rows needing it (md4, des, blowfish, cast5...) are skipped without it */
	prov_legacy = OSSL_PROVIDER_load(ctx, "legacy");
	ossl_ctx = ctx;
}

/* see alg/alg.h */
OSSL_LIB_CTX *ualg_ossl_ctx(void)
{
	(void)pthread_once(&ossl_once, ossl_ctx_make);
	return ossl_ctx;
}
