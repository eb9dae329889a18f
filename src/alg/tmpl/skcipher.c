/* SPDX-License-Identifier: MIT */
/* The skcipher templates: one row per template, each implemented in its own file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alg/tmpl/skcipher.h"
#include "core/cleanup.h"
#include "core/ct.h"

/* see alg/alg.h */
const struct ualg_template ualg_skcipher_templates[] = {
	{ "ecb", 1, 1, ualg_tmpl_ecb_create },
	{ "cbc", 1, 1, ualg_tmpl_cbc_create },
	{ "pcbc", 1, 1, ualg_tmpl_pcbc_create },
	{ "ctr", 1, 1, ualg_tmpl_ctr_create },
	{ "xts", 1, 1, ualg_tmpl_xts_create },
	{ "lrw", 1, 1, ualg_tmpl_lrw_create },
	{ "cts", 1, 1, ualg_tmpl_cts_create },
	{ "rfc3686", 1, 1, ualg_tmpl_rfc3686_create },
	{ "essiv", 2, 2, ualg_tmpl_essiv_create },
	{ "adiantum", 2, 3, ualg_tmpl_adiantum_create },
	{ "xctr", 1, 1, ualg_tmpl_xctr_create },
	{ "hctr2", 1, 1, ualg_tmpl_hctr2_create },
	{ "hctr2_base", 2, 2, ualg_tmpl_hctr2_base_create },
	{ NULL, 0, 0, NULL },
};

/* see alg/tmpl/skcipher.h */
int ualg_sk_inst_new(const struct ualg_template *tmpl, const struct ualg_name *name,
		     enum ualg_type ctype, const struct ualg_skcipher_ops *ops,
		     struct ualg_sk_inst **ret)
{
	const struct ualg_alg *child;
	struct ualg_sk_inst *inst;
	struct ualg_alg *alg;
	int r;

	r = ualg_alg_lookup_child(ctype, name->args[0], &child);
	if (r < 0)
		return r;
	r = ualg_spawn_inst_new(tmpl->name, &child, 1, sizeof(*inst), &alg);
	if (r < 0)
		return r;
	inst = (struct ualg_sk_inst *)alg;
	inst->child = child;
	inst->alg.type = UALG_TYPE_SKCIPHER;
	inst->alg.priority = child->priority;
	inst->alg.flags = child->flags & UALG_F_KEYED;
	inst->alg.ctxsize = sizeof(struct ualg_sk_tctx);
	inst->alg.init_tfm = ualg_sk_init_tfm;
	inst->alg.exit_tfm = ualg_sk_exit_tfm;
	inst->alg.data = inst;
	inst->alg.blocksize = child->blocksize;
	inst->alg.skcipher.ops = ops;
	if (ctype == UALG_TYPE_CIPHER) {
		inst->alg.skcipher.min_keysize = child->cipher.min_keysize;
		inst->alg.skcipher.max_keysize = child->cipher.max_keysize;
		inst->alg.skcipher.ivsize = child->blocksize;
		inst->alg.skcipher.chunksize = child->blocksize;
	} else {
		inst->alg.skcipher.min_keysize = child->skcipher.min_keysize;
		inst->alg.skcipher.max_keysize = child->skcipher.max_keysize;
		inst->alg.skcipher.ivsize = child->skcipher.ivsize;
		inst->alg.skcipher.chunksize = child->skcipher.chunksize;
	}
	*ret = inst;
	return 0;
}

/* see alg/tmpl/skcipher.h */
int ualg_sk_inst_new_ecb(const struct ualg_template *tmpl, const struct ualg_name *name,
			 const struct ualg_skcipher_ops *ops, struct ualg_sk_inst **ret)
{
	const struct ualg_alg *ecb;
	struct ualg_name sub = *name;
	char ecb_name[UALG_MAX_ALG_NAME];
	const char *in;
	size_t n;
	int r;

	/* xts_create: the argument as a skcipher, else "ecb(argument)" */
	if (ualg_alg_lookup_child(UALG_TYPE_SKCIPHER, name->args[0], &ecb) < 0) {
		if (snprintf(ecb_name, sizeof(ecb_name), "ecb(%s)", name->args[0]) >=
		    (int)sizeof(ecb_name))
			return -ENAMETOOLONG;
		r = ualg_alg_lookup_child(UALG_TYPE_SKCIPHER, ecb_name, &ecb);
		if (r < 0)
			return r;
	}
	if (strncmp(ecb->name, "ecb(", 4) || ecb->skcipher.ivsize)
		return -ENOENT;
	/* its block cipher: the one inside an ecb(...) instance, else by name */
	in = strncmp(ecb->driver, "ecb(", 4) ? ecb->name : ecb->driver;
	n = strlen(in);
	memcpy(sub.args[0], in + 4, n - 5);
	sub.args[0][n - 5] = 0;
	r = ualg_sk_inst_new(tmpl, &sub, UALG_TYPE_CIPHER, ops, ret);
	if (r < 0)
		return r;
	/* the kernel names it by the ECB child: "xts(ecb(aes-generic))", "xts(ecb-aes-aesni)" */
	r = ualg_tmpl_set_names(&(*ret)->alg, tmpl->name, &ecb, 1);
	if (r >= 0 && snprintf((*ret)->alg.name, sizeof((*ret)->alg.name), "%s(%s)", tmpl->name,
			       (*ret)->child->name) >= (int)sizeof((*ret)->alg.name))
		r = -ENAMETOOLONG;
	if (r < 0) {
		free(*ret);
		return r;
	}
	return 0;
}

/* see alg/tmpl/skcipher.h */
int ualg_sk_init_tfm(struct ualg_tfm *tfm)
{
	const struct ualg_sk_inst *inst = ualg_sk_inst_of(tfm);
	struct ualg_sk_tctx *c = ualg_tfm_ctx(tfm);
	int r;

	r = ualg_tfm_new(inst->child, &c->child);
	if (r >= 0 && inst->child2)
		r = ualg_tfm_new(inst->child2, &c->child2);
	if (r < 0) {
		ualg_tfm_free(c->child);
		c->child = NULL;
	}
	return r;
}

/* see alg/tmpl/skcipher.h */
void ualg_sk_exit_tfm(struct ualg_tfm *tfm)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(tfm);

	ualg_tfm_free(c->child);
	ualg_tfm_free(c->child2);
	ualg_wipe(c->nonce, sizeof(c->nonce));
}
