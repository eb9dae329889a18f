/* SPDX-License-Identifier: MIT */
/*
 * Provider-level ciphers (prov.h). Resolution: the algorithm's provider
 * lists its cipher implementations (OSSL_PROVIDER_query_operation); the one
 * whose first name the EVP_CIPHER answers to is the one EVP fetched, and its
 * dispatch table gives the functions. Resolved at setkey, never on a
 * request; kept in a list under a lock.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/provider.h>

#include "alg/evp/prov.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* one node per resolved cipher, never freed (as the EVP_CIPHERs they stand for) */
static struct pnode {
	struct pnode *next;
	const EVP_CIPHER *evp;
	struct ualg_pcipher pc;
} *resolved;

/* whether evp answers to the first of names ("AES-256-XTS:1.3.111.2.1619.0.1.2") */
static bool names_match(const EVP_CIPHER *evp, const char *names)
{
	char first[64];
	size_t n = strcspn(names, ":");

	if (n >= sizeof(first))
		return false;
	memcpy(first, names, n);
	first[n] = 0;
	return EVP_CIPHER_is_a(evp, first);
}

static bool fill(struct ualg_pcipher *pc, const OSSL_DISPATCH *d)
{
	memset(pc, 0, sizeof(*pc));
	for (; d->function_id; d++) {
		switch (d->function_id) {
		case OSSL_FUNC_CIPHER_NEWCTX:
			pc->newctx = OSSL_FUNC_cipher_newctx(d);
			break;
		case OSSL_FUNC_CIPHER_FREECTX:
			pc->freectx = OSSL_FUNC_cipher_freectx(d);
			break;
		case OSSL_FUNC_CIPHER_ENCRYPT_INIT:
			pc->einit = OSSL_FUNC_cipher_encrypt_init(d);
			break;
		case OSSL_FUNC_CIPHER_DECRYPT_INIT:
			pc->dinit = OSSL_FUNC_cipher_decrypt_init(d);
			break;
		case OSSL_FUNC_CIPHER_UPDATE:
			pc->update = OSSL_FUNC_cipher_update(d);
			break;
		case OSSL_FUNC_CIPHER_FINAL:
			pc->final = OSSL_FUNC_cipher_final(d);
			break;
		case OSSL_FUNC_CIPHER_GET_CTX_PARAMS:
			pc->get_ctx_params = OSSL_FUNC_cipher_get_ctx_params(d);
			break;
		case OSSL_FUNC_CIPHER_SET_CTX_PARAMS:
			pc->set_ctx_params = OSSL_FUNC_cipher_set_ctx_params(d);
			break;
		default:
			break;
		}
	}
	return pc->newctx && pc->freectx && pc->einit && pc->dinit && pc->update && pc->final &&
	       pc->get_ctx_params && pc->set_ctx_params;
}

/* see alg/evp/prov.h */
const struct ualg_pcipher *ualg_pcipher_get(const EVP_CIPHER *evp)
{
	const struct ualg_pcipher *ret = NULL;
	const OSSL_ALGORITHM *algs;
	struct pnode *node;
	OSSL_PROVIDER *prov;
	int no_store = 0;

	if (!evp)
		return NULL;
	pthread_mutex_lock(&lock);
	for (node = resolved; node; node = node->next)
		if (node->evp == evp) {
			ret = &node->pc;
			goto out;
		}
	prov = (OSSL_PROVIDER *)EVP_CIPHER_get0_provider(evp);
	if (!prov)
		goto out;
	algs = OSSL_PROVIDER_query_operation(prov, OSSL_OP_CIPHER, &no_store);
	for (const OSSL_ALGORITHM *a = algs; a && a->algorithm_names; a++) {
		if (!names_match(evp, a->algorithm_names))
			continue;
		node = malloc(sizeof(*node));
		if (node && fill(&node->pc, a->implementation)) {
			node->pc.provctx = OSSL_PROVIDER_get0_provider_ctx(prov);
			node->evp = evp;
			node->next = resolved;
			resolved = node;
			ret = &node->pc;
		} else {
			free(node);
		}
		break;
	}
	if (algs)
		OSSL_PROVIDER_unquery_operation(prov, OSSL_OP_CIPHER, algs);
out:
	pthread_mutex_unlock(&lock);
	return ret;
}

/* see alg/evp/prov.h */
int ualg_pcipher_key(const struct ualg_pcipher *pc, void **ctx, const uint8_t *key, size_t keylen,
		     int enc)
{
	unsigned int pad = 0;
	OSSL_PARAM params[] = {
		OSSL_PARAM_construct_uint(OSSL_CIPHER_PARAM_PADDING, &pad),
		OSSL_PARAM_construct_end(),
	};
	void *c = pc->newctx(pc->provctx);

	if (!c)
		return -ENOMEM;
	/* padding off in the context, where it lasts across IV-only inits (as evp.c) */
	if (!(enc ? pc->einit : pc->dinit)(c, key, keylen, NULL, 0, NULL) ||
	    !pc->set_ctx_params(c, params)) {
		pc->freectx(c);
		return -EINVAL;
	}
	ualg_pcipher_free(pc, *ctx);
	*ctx = c;
	return 0;
}

/* see alg/evp/prov.h */
int ualg_pcipher_key_pair(const EVP_CIPHER *evp, const struct ualg_pcipher **pc, void *ctx[2],
			  const uint8_t *key, size_t keylen)
{
	const struct ualg_pcipher *npc = ualg_pcipher_get(evp);
	void *n[2] = {NULL, NULL};
	int r;

	if (!npc)
		return -EINVAL;
	r = ualg_pcipher_key(npc, &n[0], key, keylen, 0);
	if (r >= 0)
		r = ualg_pcipher_key(npc, &n[1], key, keylen, 1);
	if (r < 0) {
		ualg_pcipher_free(npc, n[0]);
		return r;
	}
	if (*pc) {
		ualg_pcipher_free(*pc, ctx[0]);
		ualg_pcipher_free(*pc, ctx[1]);
	}
	*pc = npc;
	ctx[0] = n[0];
	ctx[1] = n[1];
	return 0;
}

/* see alg/evp/prov.h */
void ualg_pcipher_free(const struct ualg_pcipher *pc, void *ctx)
{
	if (ctx)
		pc->freectx(ctx);
}
