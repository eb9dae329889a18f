/* SPDX-License-Identifier: MIT */
/* Plumbing shared by the templates of every family. */
#include <stdlib.h>

#include "alg/tmpl/spawn.h"

/* see alg/tmpl/spawn.h */
int ualg_spawn_inst_new(const char *tmpl, const struct ualg_alg *const *kids, unsigned int n,
			size_t size, struct ualg_alg **ret)
{
	struct ualg_alg *inst = calloc(1, size);
	int r;

	if (!inst)
		return -ENOMEM;
	r = ualg_tmpl_set_names(inst, tmpl, kids, n);
	if (r < 0) {
		free(inst);
		return r;
	}
	*ret = inst;
	return 0;
}

/* see alg/tmpl/spawn.h */
int ualg_spawn_init_tfm(struct ualg_tfm *tfm)
{
	return ualg_tfm_new(tfm->alg->data, ualg_spawn_child(tfm));
}

/* see alg/tmpl/spawn.h */
void ualg_spawn_exit_tfm(struct ualg_tfm *tfm)
{
	ualg_tfm_free(*ualg_spawn_child(tfm));
}

/* see alg/tmpl/spawn.h */
int ualg_spawn_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	return ualg_tfm_setkey(*ualg_spawn_child(tfm), key, keylen);
}
