/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

#include "alg/alg.h"
#include "alg/evp/evp.h"

/*
 * Fetched algorithms, by kind and name, each fetched once and kept until
 * the process ends. A push-only list: lookups walk it without a lock, a
 * miss fetches and pushes with a compare-and-swap (two threads missing the
 * same name at once push it twice, harmlessly). No lock, so nothing for
 * fork() to leave half-held. Only setkey and tfm creation look here; the
 * per-request paths keep the pointers they got.
 */
enum evp_kind { EVP_K_CIPHER, EVP_K_MD, EVP_K_MAC, EVP_K_RAND };

struct evp_entry {
	struct evp_entry *next;
	enum evp_kind kind;
	void *alg;
	char name[];
};

static struct evp_entry *evp_list;

static void *evp_fetch(enum evp_kind kind, const char *name)
{
	OSSL_LIB_CTX *ctx = ualg_ossl_ctx();

	if (!ctx)
		return NULL;
	switch (kind) {
	case EVP_K_CIPHER:
		return EVP_CIPHER_fetch(ctx, name, NULL);
	case EVP_K_MD:
		return EVP_MD_fetch(ctx, name, NULL);
	case EVP_K_MAC:
		return EVP_MAC_fetch(ctx, name, NULL);
	case EVP_K_RAND:
		return EVP_RAND_fetch(ctx, name, NULL);
	}
	return NULL;
}

static void *evp_get(enum evp_kind kind, const char *name)
{
	struct evp_entry *e, *head;
	size_t len = strlen(name) + 1;

	for (e = __atomic_load_n(&evp_list, __ATOMIC_ACQUIRE); e; e = e->next)
		if (e->kind == kind && !strcmp(e->name, name))
			return e->alg;
	e = malloc(sizeof(*e) + len);
	if (!e)
		return NULL;
	e->kind = kind;
	e->alg = evp_fetch(kind, name);
	if (!e->alg) {
		free(e); /* not cached: an unknown name costs a fetch each time */
		return NULL;
	}
	memcpy(e->name, name, len);
	head = __atomic_load_n(&evp_list, __ATOMIC_RELAXED);
	do
		e->next = head;
	while (!__atomic_compare_exchange_n(&evp_list, &head, e, true, __ATOMIC_RELEASE,
					    __ATOMIC_RELAXED));
	return e->alg;
}

/* see alg/evp/evp.h */
EVP_CIPHER *ualg_evp_cipher_get(const char *name)
{
	return evp_get(EVP_K_CIPHER, name);
}

/* see alg/evp/evp.h */
EVP_MD *ualg_evp_md_get(const char *name)
{
	return evp_get(EVP_K_MD, name);
}

/* see alg/evp/evp.h */
EVP_MAC *ualg_evp_mac_get(const char *name)
{
	return evp_get(EVP_K_MAC, name);
}

/* see alg/evp/evp.h */
EVP_RAND *ualg_evp_rand_get(const char *name)
{
	return evp_get(EVP_K_RAND, name);
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
