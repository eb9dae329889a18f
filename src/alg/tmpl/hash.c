/* SPDX-License-Identifier: MIT */
/* The hash templates: one row per template, each implemented in its own file. */
#include "alg/alg.h"
#include "alg/tmpl/hash.h"

/* see alg/alg.h */
const struct ualg_template ualg_hash_templates[] = {
	{ "hmac", 1, 1, ualg_hmac_create },
	{ "cmac", 1, 1, ualg_cmac_create },
	{ "xcbc", 1, 1, ualg_xcbc_create },
	{ "cbcmac", 1, 1, ualg_cbcmac_create },
	{ NULL, 0, 0, NULL },
};
