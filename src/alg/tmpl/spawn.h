/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_TMPL_SPAWN_H
#define UALG_ALG_TMPL_SPAWN_H

/*
 * Plumbing shared by the templates of every family (alg/tmpl/): allocating
 * and naming an instance, and the tfm context of an instance over one child
 * whose alg is the instance's data.
 */
#include "alg/alg.h"

/*
 * New zeroed instance of size bytes (a struct starting with its struct
 * ualg_alg) named "tmpl(kids...)" by ualg_tmpl_set_names(). Nothing else
 * is filled. -ENOMEM, or set_names' error (the allocation is then freed).
 */
int ualg_spawn_inst_new(const char *tmpl, const struct ualg_alg *const *kids, unsigned int n,
			size_t size, struct ualg_alg **ret);

/*
 * Instances over one child: the tfm context starts with a struct ualg_tfm *
 * member, the child tfm. This is where it lives.
 */
static inline struct ualg_tfm **ualg_spawn_child(struct ualg_tfm *tfm)
{
	return (struct ualg_tfm **)ualg_tfm_ctx(tfm);
}

/*
 * init_tfm / exit_tfm making / freeing that child tfm, of the alg that is the
 * instance's data.
 */
int ualg_spawn_init_tfm(struct ualg_tfm *tfm);
void ualg_spawn_exit_tfm(struct ualg_tfm *tfm);

/* setkey handing the whole key to that child tfm */
int ualg_spawn_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen);

#endif
