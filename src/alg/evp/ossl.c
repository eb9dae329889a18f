/* SPDX-License-Identifier: MIT */
/*
 * ualg's own OpenSSL. The engine is linked with libcrypto.a and every
 * libcrypto symbol in it is local (src/meson.build, docs/openssl.md): the
 * copy of OpenSSL below is ualg's alone, whatever libcrypto the host program
 * has or loads later. This file makes the copy's one library context.
 *
 * - OPENSSL_init_crypto() runs before any other call into the copy, with
 *   OPENSSL_INIT_NO_LOAD_CONFIG: no openssl.cnf is read, now or later, so
 *   OPENSSL_CONF, its engines, providers and default properties never reach
 *   ualg; with OPENSSL_INIT_NO_ATEXIT: no exit handler is registered in the
 *   host process (the copy is never unloaded; its memory goes with it).
 * - No ENGINE is ever loaded into the copy, so EVP's engine lookup by NID
 *   (which OpenSSL 3.0 still makes for fetched ciphers) finds none: OpenSSL's
 *   afalg engine, loaded by the host, cannot be reached from ualg.
 * - The context loads the built-in default provider only, by name: no
 *   module is dlopen()ed (OPENSSL_MODULES is never consulted). Algorithms
 *   of OpenSSL's legacy provider come from Nettle or from the copy's own
 *   low-level functions (alg/evp/legacy.c), never from legacy.so, which
 *   would bring the system's libcrypto.so.3 into the process.
 */
#include <pthread.h>
#include <openssl/crypto.h>
#include <openssl/provider.h>

#include "alg/alg.h"

static OSSL_LIB_CTX *ossl_ctx;
static pthread_once_t ossl_once = PTHREAD_ONCE_INIT;

static void ossl_ctx_make(void)
{
	OSSL_LIB_CTX *ctx;

	if (!OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG | OPENSSL_INIT_NO_ATEXIT, NULL))
		return;
	ctx = OSSL_LIB_CTX_new();
	if (!ctx)
		return;
	if (!OSSL_PROVIDER_load(ctx, "default")) {
		OSSL_LIB_CTX_free(ctx);
		return;
	}
	ossl_ctx = ctx;
}

/* see alg/alg.h */
OSSL_LIB_CTX *ualg_ossl_ctx(void)
{
	(void)pthread_once(&ossl_once, ossl_ctx_make);
	return ossl_ctx;
}
