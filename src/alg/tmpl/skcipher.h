/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_TMPL_SKCIPHER_H
#define UALG_ALG_TMPL_SKCIPHER_H

/*
 * Shared plumbing of the skcipher templates (one template per file). An
 * instance is a struct ualg_sk_inst: the algorithm plus its children. A tfm
 * of an instance starts with a struct ualg_sk_tctx holding the children's
 * tfms (created at init_tfm, freed and wiped at exit_tfm).
 */
#include "alg/alg.h"
#include "alg/tmpl/spawn.h"

struct ualg_sk_inst {
	struct ualg_alg alg;
	const struct ualg_alg *child;  /* cipher (ecb, cbc, ctr, xts...) or skcipher (cts...) */
	const struct ualg_alg *child2; /* essiv: the cipher for the IV */
	const struct ualg_alg *hash;   /* essiv */
};

struct ualg_sk_tctx {
	struct ualg_tfm *child;	 /* first: ualg_spawn_setkey() keys it */
	struct ualg_tfm *child2; /* xts: tweak cipher; essiv: IV cipher */
	uint8_t nonce[4];	 /* rfc3686 */
};

static inline const struct ualg_sk_inst *ualg_sk_inst_of(const struct ualg_tfm *tfm)
{
	return (const struct ualg_sk_inst *)tfm->alg;
}

/*
 * New instance over argument 0 of name, looked up as ctype, named
 * "tmpl(child)", with ops. Fills type, priority (the child's), flags,
 * ctxsize, the init/exit that make child tfms (child2 too when set before
 * first use), and the child's shape: a cipher child gives blocksize, ivsize
 * and chunksize its block and its key sizes; a skcipher child gives its
 * blocksize, key sizes, ivsize and chunksize. The caller adjusts the rest.
 */
int ualg_sk_inst_new(const struct ualg_template *tmpl, const struct ualg_name *name,
		     enum ualg_type ctype, const struct ualg_skcipher_ops *ops,
		     struct ualg_sk_inst **ret);

/*
 * ualg_sk_inst_new for xts and lrw, whose kernel templates take an ECB
 * skcipher: the argument itself ("xts(ecb(aes-generic))", "lrw(ecb-aes-
 * aesni)"), else "ecb(argument)" ("xts(aes)"). The instance runs over that
 * ECB's block cipher and is named as the kernel names it: "xts(aes)",
 * driver "xts(<ECB driver>)".
 */
int ualg_sk_inst_new_ecb(const struct ualg_template *tmpl, const struct ualg_name *name,
			 const struct ualg_skcipher_ops *ops, struct ualg_sk_inst **ret);

/* init_tfm / exit_tfm of instances: child (and child2 when inst->child2) */
int ualg_sk_init_tfm(struct ualg_tfm *tfm);
void ualg_sk_exit_tfm(struct ualg_tfm *tfm);

/* dst[i] = a[i] ^ b[i] */
static inline void ualg_xor(uint8_t *dst, const uint8_t *a, const uint8_t *b, size_t len)
{
	for (size_t i = 0; i < len; i++)
		dst[i] = a[i] ^ b[i];
}

/* blocks processed per call to the child cipher (stack buffers) */
#define UALG_SK_BATCH 512

int ualg_tmpl_ecb_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret);
int ualg_tmpl_cbc_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret);
int ualg_tmpl_pcbc_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			  struct ualg_alg **ret);
int ualg_tmpl_ctr_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret);
int ualg_tmpl_xts_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret);
int ualg_tmpl_lrw_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret);
int ualg_tmpl_cts_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			 struct ualg_alg **ret);
int ualg_tmpl_rfc3686_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			     struct ualg_alg **ret);
int ualg_tmpl_essiv_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			   struct ualg_alg **ret);
int ualg_tmpl_adiantum_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			      struct ualg_alg **ret);
int ualg_tmpl_xctr_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			  struct ualg_alg **ret);
int ualg_tmpl_hctr2_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			   struct ualg_alg **ret);
int ualg_tmpl_hctr2_base_create(const struct ualg_template *tmpl, const struct ualg_name *name,
				struct ualg_alg **ret);

/*
 * Self-checks (alg/kat.h rows; no public standard has XCTR or HCTR2
 * answers): xctr against E_K(IV ^ le128(i)) ^ P_i from its block cipher;
 * hctr2's wide-block diffusion (a bit of the input or the tweak changes
 * every block), inverse, tweak left as is, -EINVAL below 16 bytes.
 * 0 or -errno.
 */
int ualg_xctr_selfcheck(const struct ualg_alg *alg);
int ualg_hctr2_selfcheck(const struct ualg_alg *alg);

#endif
