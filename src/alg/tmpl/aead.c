/* SPDX-License-Identifier: MIT */
/* The aead templates: one row per template, each implemented in its own file. */
#include <string.h>

#include "alg/alg.h"
#include "alg/tmpl/aead.h"
#include "alg/tmpl/spawn.h"

/* see alg/alg.h */
const struct ualg_template ualg_aead_templates[] = {
	{ "gcm", 1, 1, ualg_gcm_tmpl_create },
	{ "ccm", 1, 1, ualg_ccm_tmpl_create },
	{ "gcm_base", 2, 2, ualg_gcm_base_create },
	{ "ccm_base", 2, 2, ualg_ccm_base_create },
	{ "rfc4106", 1, 1, ualg_rfc4106_create },
	{ "rfc4543", 1, 1, ualg_rfc4543_create },
	{ "rfc4309", 1, 1, ualg_rfc4309_create },
	{ "authenc", 2, 2, ualg_authenc_create },
	{ "authencesn", 2, 2, ualg_authencesn_create },
	{ "essiv", 2, 2, ualg_essiv_create },
	{ "pcrypt", 1, 1, ualg_pcrypt_create },
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

/*
 * The split request of a flat one: AAD the first assoclen - ad_drop bytes,
 * text from assoclen, tag after the text; iv as given. -EINVAL when
 * assoclen < ad_drop or a decrypt's cryptlen is shorter than the tag.
 */
static int flat_xreq(const struct ualg_aead_req *req, size_t ad_drop, const uint8_t *iv, bool enc,
		     struct ualg_aead_xreq *xr)
{
	unsigned int authsize = req->tfm->authsize;

	*xr = (struct ualg_aead_xreq){
		.ad = req->src,
		.src = req->src + req->assoclen,
		.dst = req->dst + req->assoclen,
		.len = req->cryptlen,
		.iv = iv,
		.authsize = authsize,
	};
	if (req->assoclen < ad_drop)
		return -EINVAL;
	xr->adlen = req->assoclen - ad_drop;
	if (enc) {
		xr->tag = req->dst + req->assoclen + req->cryptlen;
		return 0;
	}
	if (req->cryptlen < authsize)
		return -EINVAL;
	xr->len -= authsize;
	/* decrypt only reads the tag: the cast keeps one request type */
	xr->tag = (uint8_t *)(uintptr_t)(req->src + req->assoclen + xr->len);
	return 0;
}

/* see alg/tmpl/aead.h */
int ualg_aead_flat_crypt(struct ualg_aead_req *req, const struct ualg_aead_xops *x, size_t ad_drop,
			 bool enc)
{
	struct ualg_aead_xreq xr;
	int r;

	r = flat_xreq(req, ad_drop, req->iv, enc, &xr);
	if (r < 0)
		return r;
	return enc ? x->encrypt(req->tfm, &xr) : x->decrypt(req->tfm, &xr);
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

/* see alg/tmpl/aead.h */
int ualg_aead_wrap_new(const struct ualg_name *name, const char *tmpl, unsigned int child_ivsize,
		       const struct ualg_aead_ops *ops, struct ualg_alg **ret)
{
	const struct ualg_alg *child;
	struct ualg_alg *inst;
	int r;

	r = ualg_alg_lookup_child(UALG_TYPE_AEAD, name->args[0], &child);
	if (r < 0)
		return r;
	if (!ualg_aead_xops_of(child) || child->aead.ivsize != child_ivsize || child->blocksize != 1)
		return -ENOENT;
	r = ualg_spawn_inst_new(tmpl, &child, 1, sizeof(*inst), &inst);
	if (r < 0)
		return r;
	inst->type = UALG_TYPE_AEAD;
	inst->priority = child->priority;
	inst->flags = UALG_F_KEYED;
	inst->blocksize = 1;
	inst->ctxsize = sizeof(struct ualg_aead_wrap_ctx);
	inst->init_tfm = ualg_spawn_init_tfm;
	inst->exit_tfm = ualg_spawn_exit_tfm;
	inst->aead.ops = ops;
	inst->aead.ivsize = 8;
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

/* see alg/tmpl/aead.h */
int ualg_aead_ipsec_crypt(struct ualg_aead_req *req, const uint8_t *iv, bool enc)
{
	struct ualg_aead_xreq xr;
	int r;

	if (ualg_aead_ipsec_check_assoclen(req->assoclen) < 0)
		return -EINVAL;
	r = flat_xreq(req, 8, iv, enc, &xr);
	if (r < 0)
		return r;
	return ualg_aead_wrap_xcrypt(req->tfm, &xr, enc);
}

/* see alg/tmpl/aead.h */
int ualg_aead_cipher_init_tfm(struct ualg_tfm *tfm)
{
	return ualg_spawn_init_tfm(tfm);
}

/* see alg/tmpl/aead.h */
void ualg_aead_cipher_exit_tfm(struct ualg_tfm *tfm)
{
	struct ualg_aead_cipher_ctx *c = ualg_tfm_ctx(tfm);

	ualg_tfm_free(c->cipher);
}

/* see alg/tmpl/aead.h */
int ualg_aead_cipher_inst_new(const struct ualg_template *tmpl, const struct ualg_name *name,
			      size_t ctxsize, const struct ualg_aead_ops *ops, unsigned int ivsize,
			      struct ualg_alg **ret)
{
	const struct ualg_alg *cipher;
	struct ualg_alg *inst;
	int r;

	r = ualg_alg_lookup_child(UALG_TYPE_CIPHER, name->args[0], &cipher);
	if (r < 0)
		return r;
	if (cipher->blocksize != 16)
		return -ENOENT;
	r = ualg_spawn_inst_new(tmpl->name, &cipher, 1, sizeof(*inst), &inst);
	if (r < 0)
		return r;
	inst->type = UALG_TYPE_AEAD;
	inst->priority = 100;
	inst->flags = UALG_F_KEYED;
	inst->blocksize = 1;
	inst->ctxsize = (unsigned int)ctxsize;
	inst->init_tfm = ualg_aead_cipher_init_tfm;
	inst->exit_tfm = ualg_aead_cipher_exit_tfm;
	inst->aead.ops = ops;
	inst->aead.ivsize = ivsize;
	inst->aead.maxauthsize = 16;
	inst->data = cipher;
	*ret = inst;
	return 0;
}
