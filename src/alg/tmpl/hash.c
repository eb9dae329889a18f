/* SPDX-License-Identifier: MIT */
/* The hash templates: one row per template, each implemented in its own file. */
#include "alg/alg.h"

/* see alg/alg.h */
const struct ualg_template ualg_hash_templates[] = {
	{ NULL, 0, 0, NULL },
};
