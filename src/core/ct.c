/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>

#include "ct.h"

/* see core/ct.h */
void ualg_wipe(void *p, size_t len)
{
	if (p && len)
		explicit_bzero(p, len);
}

/* see core/ct.h */
void ualg_free_secret(void *p, size_t len)
{
	if (!p)
		return;
	ualg_wipe(p, len);
	free(p);
}

/* see core/ct.h */
int ualg_ct_memcmp(const void *a, const void *b, size_t len)
{
	return CRYPTO_memcmp(a, b, len);
}
