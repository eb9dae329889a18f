/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_TMPL_HASH_H
#define UALG_ALG_TMPL_HASH_H

/*
 * The hash templates (rows of ualg_hash_templates[] in alg/tmpl/hash.c).
 * Each create() follows struct ualg_template's contract (alg/alg.h).
 */
#include "alg/alg.h"

/* hmac(H): any unkeyed hash H with 0 < digestsize <= blocksize (alg/tmpl/hmac.c) */
int ualg_hmac_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		     struct ualg_alg **ret);

/*
 * CBC-MAC family over a block cipher C (alg/tmpl/cmac.c):
 * cmac(C) (NIST SP 800-38B, 8- or 16-byte blocks), xcbc(C) (RFC 3566,
 * 16-byte blocks), cbcmac(C) (the kernel's zero-padded CBC-MAC used by ccm).
 */
int ualg_cmac_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		     struct ualg_alg **ret);
int ualg_xcbc_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		     struct ualg_alg **ret);
int ualg_cbcmac_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		       struct ualg_alg **ret);

#endif
