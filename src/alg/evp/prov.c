/* SPDX-License-Identifier: MIT */
/*
 * Provider-level ciphers and digests (prov.h). Resolution: the algorithm's
 * provider lists its implementations of the operation
 * (OSSL_PROVIDER_query_operation); the one whose first name the EVP_CIPHER
 * or EVP_MD answers to is the one EVP fetched, and its dispatch table gives
 * the functions. Resolved at setkey or a descriptor's first stream, never
 * on a request; kept in a list under a lock.
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
/* one node per resolved algorithm, never freed (as the EVP objects they stand for) */
static struct pnode {
	struct pnode *next;
	const void *evp; /* EVP_CIPHER or EVP_MD */
	union {
		struct ualg_pcipher pc;
		struct ualg_pdigest pd;
	} u;
} *resolved;

/* how one operation is resolved */
struct op_kind {
	int op; /* OSSL_OP_* */
	const OSSL_PROVIDER *(*provider)(const void *evp);
	int (*is_a)(const void *evp, const char *name);
	/* the functions from a dispatch table; false if one is missing */
	bool (*fill)(struct pnode *node, const OSSL_DISPATCH *d);
};

/* whether evp answers to the first of names ("AES-256-XTS:1.3.111.2.1619.0.1.2") */
static bool names_match(const struct op_kind *k, const void *evp, const char *names)
{
	char first[64];
	size_t n = strcspn(names, ":");

	if (n >= sizeof(first))
		return false;
	memcpy(first, names, n);
	first[n] = 0;
	return k->is_a(evp, first);
}

/* the node of evp, resolved at its first call; NULL if its provider lacks something */
static struct pnode *resolve(const struct op_kind *k, const void *evp)
{
	const OSSL_ALGORITHM *algs;
	struct pnode *node, *ret = NULL;
	OSSL_PROVIDER *prov;
	int no_store = 0;

	if (!evp)
		return NULL;
	pthread_mutex_lock(&lock);
	for (node = resolved; node; node = node->next)
		if (node->evp == evp) {
			ret = node;
			goto out;
		}
	prov = (OSSL_PROVIDER *)k->provider(evp);
	if (!prov)
		goto out;
	algs = OSSL_PROVIDER_query_operation(prov, k->op, &no_store);
	for (const OSSL_ALGORITHM *a = algs; a && a->algorithm_names; a++) {
		if (!names_match(k, evp, a->algorithm_names))
			continue;
		node = calloc(1, sizeof(*node));
		if (node && k->fill(node, a->implementation)) {
			/* the provider's context, for either kind */
			if (k->op == OSSL_OP_CIPHER)
				node->u.pc.provctx = OSSL_PROVIDER_get0_provider_ctx(prov);
			else
				node->u.pd.provctx = OSSL_PROVIDER_get0_provider_ctx(prov);
			node->evp = evp;
			node->next = resolved;
			resolved = node;
			ret = node;
		} else {
			free(node);
		}
		break;
	}
	if (algs)
		OSSL_PROVIDER_unquery_operation(prov, k->op, algs);
out:
	pthread_mutex_unlock(&lock);
	return ret;
}

/* ---- ciphers */

static const OSSL_PROVIDER *cipher_provider(const void *evp)
{
	return EVP_CIPHER_get0_provider(evp);
}

static int cipher_is_a(const void *evp, const char *name)
{
	return EVP_CIPHER_is_a(evp, name);
}

static bool cipher_fill(struct pnode *node, const OSSL_DISPATCH *d)
{
	struct ualg_pcipher *pc = &node->u.pc;

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

static const struct op_kind cipher_kind = {
	.op = OSSL_OP_CIPHER,
	.provider = cipher_provider,
	.is_a = cipher_is_a,
	.fill = cipher_fill,
};

/* see alg/evp/prov.h */
const struct ualg_pcipher *ualg_pcipher_get(const EVP_CIPHER *evp)
{
	struct pnode *node = resolve(&cipher_kind, evp);

	return node ? &node->u.pc : NULL;
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

/* ---- digests */

static const OSSL_PROVIDER *md_provider(const void *evp)
{
	return EVP_MD_get0_provider(evp);
}

static int md_is_a(const void *evp, const char *name)
{
	return EVP_MD_is_a(evp, name);
}

static bool md_fill(struct pnode *node, const OSSL_DISPATCH *d)
{
	struct ualg_pdigest *pd = &node->u.pd;

	for (; d->function_id; d++) {
		switch (d->function_id) {
		case OSSL_FUNC_DIGEST_NEWCTX:
			pd->newctx = OSSL_FUNC_digest_newctx(d);
			break;
		case OSSL_FUNC_DIGEST_FREECTX:
			pd->freectx = OSSL_FUNC_digest_freectx(d);
			break;
		case OSSL_FUNC_DIGEST_DUPCTX:
			pd->dupctx = OSSL_FUNC_digest_dupctx(d);
			break;
		case OSSL_FUNC_DIGEST_INIT:
			pd->init = OSSL_FUNC_digest_init(d);
			break;
		case OSSL_FUNC_DIGEST_UPDATE:
			pd->update = OSSL_FUNC_digest_update(d);
			break;
		case OSSL_FUNC_DIGEST_FINAL:
			pd->final = OSSL_FUNC_digest_final(d);
			break;
		default:
			break;
		}
	}
	return pd->newctx && pd->freectx && pd->dupctx && pd->init && pd->update && pd->final;
}

static const struct op_kind md_kind = {
	.op = OSSL_OP_DIGEST,
	.provider = md_provider,
	.is_a = md_is_a,
	.fill = md_fill,
};

/* see alg/evp/prov.h */
const struct ualg_pdigest *ualg_pdigest_get(const EVP_MD *md)
{
	struct pnode *node = resolve(&md_kind, md);

	return node ? &node->u.pd : NULL;
}
