/* SPDX-License-Identifier: MIT */
/*
 * Core Poly1305 over EVP_MAC "POLY1305" (see alg/evp/poly1305.h): the key is
 * r || 0^16, so OpenSSL's final addition of s adds nothing.
 */
#include <string.h>
#include <openssl/evp.h>

#include "alg/evp/evp.h"
#include "alg/evp/poly1305.h"
#include "core/ct.h"

/* see alg/evp/poly1305.h */
struct ualg_poly1305 *ualg_poly1305_new(void)
{
	EVP_MAC *mac = ualg_evp_mac_get("POLY1305");

	return mac ? (struct ualg_poly1305 *)EVP_MAC_CTX_new(mac) : NULL;
}

/* see alg/evp/poly1305.h */
void ualg_poly1305_free(struct ualg_poly1305 *p)
{
	EVP_MAC_CTX_free((EVP_MAC_CTX *)p);
}

/* see alg/evp/poly1305.h */
int ualg_poly1305_core_init(struct ualg_poly1305 *p, const uint8_t r[16])
{
	uint8_t key[32] = {0};
	int ok;

	memcpy(key, r, 16);
	ok = EVP_MAC_init((EVP_MAC_CTX *)p, key, sizeof(key), NULL);
	ualg_wipe(key, sizeof(key));
	return ok ? 0 : -EINVAL;
}

/* see alg/evp/poly1305.h */
int ualg_poly1305_update(struct ualg_poly1305 *p, const uint8_t *data, size_t len)
{
	if (!len)
		return 0;
	return EVP_MAC_update((EVP_MAC_CTX *)p, data, len) ? 0 : -EINVAL;
}

/* see alg/evp/poly1305.h */
int ualg_poly1305_final(struct ualg_poly1305 *p, uint8_t out[16])
{
	size_t outl = 0;

	if (!EVP_MAC_final((EVP_MAC_CTX *)p, out, &outl, 16) || outl != 16)
		return -EINVAL;
	return 0;
}

/* see alg/evp/poly1305.h */
struct ualg_poly1305 *ualg_poly1305_dup(const struct ualg_poly1305 *p)
{
	return (struct ualg_poly1305 *)EVP_MAC_CTX_dup((const EVP_MAC_CTX *)p);
}
