/* SPDX-License-Identifier: MIT */
/* The aead templates: one row per template, each implemented in its own file. */
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "alg/tmpl/aead.h"

/* see alg/alg.h */
const struct ualg_template ualg_aead_templates[] = {
	{ "gcm", 1, 1, ualg_gcm_create },
	{ "ccm", 1, 1, ualg_ccm_create },
	{ "rfc4106", 1, 1, ualg_rfc4106_create },
	{ "rfc4543", 1, 1, ualg_rfc4543_create },
	{ "rfc4309", 1, 1, ualg_rfc4309_create },
	{ "authenc", 2, 2, ualg_authenc_create },
	{ "authencesn", 2, 2, ualg_authencesn_create },
	{ "essiv", 2, 2, ualg_essiv_create },
	{ NULL, 0, 0, NULL },
};

static const struct ualg_aead_xops *const xops_table[] = {
	&ualg_aead_evp_xops,
	&ualg_gcm_xops,
	&ualg_ccm_xops,
};

/* see alg/tmpl/aead.h */
const struct ualg_aead_xops *ualg_aead_xops_of(const struct ualg_alg *alg)
{
	if (alg->type != UALG_TYPE_AEAD)
		return NULL;
	for (size_t i = 0; i < sizeof(xops_table) / sizeof(xops_table[0]); i++)
		if (alg->aead.ops == &xops_table[i]->ops)
			return xops_table[i];
	return NULL;
}

/* see alg/tmpl/aead.h */
int ualg_aead_flat_crypt(struct ualg_aead_req *req, const struct ualg_aead_xops *x, size_t ad_drop,
			 bool enc)
{
	struct ualg_tfm *tfm = req->tfm;
	struct ualg_aead_xreq xr = {
		.ad = req->src,
		.src = req->src + req->assoclen,
		.dst = req->dst + req->assoclen,
		.len = req->cryptlen,
		.iv = req->iv,
		.authsize = tfm->authsize,
	};

	if (req->assoclen < ad_drop)
		return -EINVAL;
	xr.adlen = req->assoclen - ad_drop;
	if (enc) {
		xr.tag = req->dst + req->assoclen + req->cryptlen;
		return x->encrypt(tfm, &xr);
	}
	if (req->cryptlen < tfm->authsize)
		return -EINVAL;
	xr.len -= tfm->authsize;
	/* decrypt only reads the tag: the cast keeps one request type */
	xr.tag = (uint8_t *)(uintptr_t)(req->src + req->assoclen + xr.len);
	return x->decrypt(tfm, &xr);
}

/* see alg/tmpl/aead.h */
int ualg_aead_flat_encrypt(struct ualg_aead_req *req)
{
	return ualg_aead_flat_crypt(req, ualg_aead_xops_of(req->tfm->alg), 0, true);
}

/* see alg/tmpl/aead.h */
int ualg_aead_flat_decrypt(struct ualg_aead_req *req)
{
	return ualg_aead_flat_crypt(req, ualg_aead_xops_of(req->tfm->alg), 0, false);
}

static int wrap_init_tfm(struct ualg_tfm *tfm)
{
	struct ualg_aead_wrap_ctx *c = ualg_tfm_ctx(tfm);

	return ualg_tfm_new(tfm->alg->data, &c->child);
}

static void wrap_exit_tfm(struct ualg_tfm *tfm)
{
	struct ualg_aead_wrap_ctx *c = ualg_tfm_ctx(tfm);

	ualg_tfm_free(c->child);
}

/* see alg/tmpl/aead.h */
int ualg_aead_wrap_new(const struct ualg_name *name, const char *tmpl, unsigned int child_ivsize,
		       struct ualg_alg **ret)
{
	const struct ualg_alg *child;
	struct ualg_alg *inst;
	int r;

	r = ualg_alg_lookup_child(UALG_TYPE_AEAD, name->args[0], &child);
	if (r < 0)
		return r;
	if (!ualg_aead_xops_of(child) || child->aead.ivsize != child_ivsize || child->blocksize != 1)
		return -ENOENT;
	inst = calloc(1, sizeof(*inst));
	if (!inst)
		return -ENOMEM;
	r = ualg_tmpl_set_names(inst, tmpl, &child, 1);
	if (r < 0) {
		free(inst);
		return r;
	}
	inst->type = UALG_TYPE_AEAD;
	inst->priority = child->priority;
	inst->flags = UALG_F_KEYED;
	inst->blocksize = 1;
	inst->ctxsize = sizeof(struct ualg_aead_wrap_ctx);
	inst->init_tfm = wrap_init_tfm;
	inst->exit_tfm = wrap_exit_tfm;
	inst->aead.maxauthsize = child->aead.maxauthsize;
	inst->data = child;
	*ret = inst;
	return 0;
}

/* see alg/tmpl/aead.h */
int ualg_aead_wrap_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen,
			  size_t saltlen)
{
	struct ualg_aead_wrap_ctx *c = ualg_tfm_ctx(tfm);

	if (keylen < saltlen || saltlen > sizeof(c->salt))
		return -EINVAL;
	memcpy(c->salt, key + keylen - saltlen, saltlen);
	return ualg_tfm_setkey(c->child, key, keylen - saltlen);
}

/* see alg/tmpl/aead.h */
int ualg_aead_wrap_xcrypt(struct ualg_tfm *tfm, struct ualg_aead_xreq *xr, bool enc)
{
	struct ualg_aead_wrap_ctx *c = ualg_tfm_ctx(tfm);
	const struct ualg_aead_xops *x = ualg_aead_xops_of(c->child->alg);

	if (ualg_tfm_need_key(c->child))
		return -ENOKEY;
	xr->authsize = tfm->authsize;
	return enc ? x->encrypt(c->child, xr) : x->decrypt(c->child, xr);
}
