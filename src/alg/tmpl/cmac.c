/* SPDX-License-Identifier: MIT */
/*
 * The CBC-MAC family over any single-block cipher of the registry:
 *
 *   cmac(C)    NIST SP 800-38B / RFC 4493: subkeys K1 = dbl(E(0)), K2 =
 *              dbl(K1); a complete last block is xored with K1, a partial
 *              one is padded 10* and xored with K2. 8- or 16-byte blocks.
 *   xcbc(C)    RFC 3566: K1 = E_K(1^128), K2 = E_K(2^128), K3 = E_K(3^128);
 *              the chain runs under K1, the last block is xored with K2
 *              (complete) or padded 10* and xored with K3. 16-byte blocks.
 *   cbcmac(C)  the kernel's cbcmac (crypto/ccm.c): plain CBC-MAC with a
 *              zero IV and a zero-padded last block; blocksize 1.
 *
 * One implementation, three rows (the templates differ only in key
 * derivation and the last block), which is why they share this file.
 *
 * Implementation Notes: the descriptor holds the chaining value already
 * xored with the bytes of the current block (len of them). A full block is
 * encrypted only when more data arrives, so final always sees the last
 * block. The instance inherits the child's priority; the direct leaf
 * "cmac-aes-ualg" (alg/evp/hash.c) is registered first. Constant time: as
 * the child cipher; subkey doubling is branch-free.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/tmpl/hash.h"
#include "core/ct.h"

enum mac_kind { MAC_CMAC, MAC_XCBC, MAC_CBCMAC };

struct mac_tmpl {
	enum mac_kind kind;
	/* whether the child block size suits the template */
	bool (*bs_ok)(unsigned int bs);
};

struct mac_tfm {
	struct ualg_tfm *child;
	uint8_t k1[UALG_MAX_BLOCKSIZE]; /* last block complete: cmac K1, xcbc K2 */
	uint8_t k2[UALG_MAX_BLOCKSIZE]; /* last block padded:   cmac K2, xcbc K3 */
};

struct mac_desc {
	uint8_t dg[UALG_MAX_BLOCKSIZE];
	unsigned int len;
};

struct mac_inst {
	const struct mac_tmpl *t;
	const struct ualg_alg *child;
};

static bool bs_cmac(unsigned int bs)
{
	return bs == 8 || bs == 16;
}

static bool bs_xcbc(unsigned int bs)
{
	return bs == 16;
}

static bool bs_any(unsigned int bs)
{
	return bs >= 1 && bs <= UALG_MAX_BLOCKSIZE;
}

static const struct mac_tmpl cmac_tmpl = { MAC_CMAC, bs_cmac };
static const struct mac_tmpl xcbc_tmpl = { MAC_XCBC, bs_xcbc };
static const struct mac_tmpl cbcmac_tmpl = { MAC_CBCMAC, bs_any };

static const struct mac_inst *inst_of(const struct ualg_tfm *tfm)
{
	return tfm->alg->data;
}

static unsigned int child_bs(const struct ualg_tfm *tfm)
{
	return inst_of(tfm)->child->blocksize;
}

static int encrypt1(struct ualg_tfm *child, uint8_t *dst, const uint8_t *src)
{
	return child->alg->cipher.ops->encrypt(child, dst, src, 1);
}

static int mac_init_tfm(struct ualg_tfm *tfm)
{
	struct mac_tfm *t = ualg_tfm_ctx(tfm);

	return ualg_tfm_new(inst_of(tfm)->child, &t->child);
}

static void mac_exit_tfm(struct ualg_tfm *tfm)
{
	struct mac_tfm *t = ualg_tfm_ctx(tfm);

	ualg_tfm_free(t->child);
}

/* multiply by x in GF(2^(8*bs)) (SP 800-38B §6.1), without branching on the key */
static void dbl(uint8_t *out, const uint8_t *in, unsigned int bs)
{
	uint8_t carry = (uint8_t)(0 - (in[0] >> 7));

	for (unsigned int i = 0; i + 1 < bs; i++)
		out[i] = (uint8_t)(in[i] << 1 | in[i + 1] >> 7);
	out[bs - 1] = (uint8_t)(in[bs - 1] << 1) ^ (carry & (bs == 16 ? 0x87 : 0x1b));
}

static int mac_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct mac_tfm *t = ualg_tfm_ctx(tfm);
	unsigned int bs = child_bs(tfm);
	uint8_t l[UALG_MAX_BLOCKSIZE] = { 0 }, k1[UALG_MAX_BLOCKSIZE];
	int r;

	r = ualg_tfm_setkey(t->child, key, keylen);
	if (r < 0)
		return r;
	switch (inst_of(tfm)->t->kind) {
	case MAC_CMAC:
		r = encrypt1(t->child, l, l);
		if (r >= 0) {
			dbl(t->k1, l, bs);
			dbl(t->k2, t->k1, bs);
		}
		break;
	case MAC_XCBC:
		memset(k1, 0x01, bs);
		memset(t->k1, 0x02, bs);
		memset(t->k2, 0x03, bs);
		r = encrypt1(t->child, k1, k1);
		if (r >= 0)
			r = encrypt1(t->child, t->k1, t->k1);
		if (r >= 0)
			r = encrypt1(t->child, t->k2, t->k2);
		if (r >= 0)
			r = ualg_tfm_setkey(t->child, k1, bs);
		break;
	case MAC_CBCMAC:
		break;
	}
	ualg_wipe(l, sizeof(l));
	ualg_wipe(k1, sizeof(k1));
	return r;
}

static int mac_init(struct ualg_hash_desc *desc)
{
	struct mac_desc *d = ualg_hash_desc_ctx(desc);

	memset(d, 0, sizeof(*d));
	return 0;
}

static int mac_update(struct ualg_hash_desc *desc, const uint8_t *p, size_t len)
{
	struct mac_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct mac_desc *d = ualg_hash_desc_ctx(desc);
	unsigned int bs = child_bs(desc->tfm);
	int r;

	while (len) {
		size_t n;

		if (d->len == bs) {
			r = encrypt1(t->child, d->dg, d->dg);
			if (r < 0)
				return r;
			d->len = 0;
		}
		n = bs - d->len < len ? bs - d->len : len;
		for (size_t i = 0; i < n; i++)
			d->dg[d->len + i] ^= p[i];
		d->len += (unsigned int)n;
		p += n;
		len -= n;
	}
	return 0;
}

static int mac_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	struct mac_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct mac_desc *d = ualg_hash_desc_ctx(desc);
	unsigned int bs = child_bs(desc->tfm);
	const uint8_t *k;
	int r;

	if (inst_of(desc->tfm)->t->kind == MAC_CBCMAC) {
		if (d->len) {
			r = encrypt1(t->child, d->dg, d->dg);
			if (r < 0)
				return r;
		}
		memcpy(out, d->dg, bs);
		return 0;
	}
	if (d->len == bs)
		k = t->k1;
	else {
		d->dg[d->len] ^= 0x80;
		k = t->k2;
	}
	for (unsigned int i = 0; i < bs; i++)
		d->dg[i] ^= k[i];
	r = encrypt1(t->child, d->dg, d->dg);
	if (r < 0)
		return r;
	memcpy(out, d->dg, bs);
	return 0;
}

static int mac_copy(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	memcpy(dst->ctx, src->ctx, sizeof(struct mac_desc));
	return 0;
}

static const struct ualg_hash_ops mac_ops = {
	.setkey = mac_setkey,
	.init = mac_init,
	.update = mac_update,
	.final = mac_final,
	.copy = mac_copy,
};

static void mac_inst_destroy(struct ualg_alg *alg)
{
	free((void *)alg->data);
}

static int mac_create(const struct mac_tmpl *mt, const struct ualg_template *tmpl,
		      const struct ualg_name *name, struct ualg_alg **ret)
{
	const struct ualg_alg *child;
	struct mac_inst *mi;
	struct ualg_alg *inst;
	int r;

	r = ualg_alg_lookup_child(UALG_TYPE_CIPHER, name->args[0], &child);
	if (r < 0)
		return r;
	if (!mt->bs_ok(child->blocksize))
		return -ENOENT;
	inst = calloc(1, sizeof(*inst));
	mi = calloc(1, sizeof(*mi));
	if (!inst || !mi) {
		free(inst);
		free(mi);
		return -ENOMEM;
	}
	r = ualg_tmpl_set_names(inst, tmpl->name, &child, 1);
	if (r < 0) {
		free(inst);
		free(mi);
		return r;
	}
	mi->t = mt;
	mi->child = child;
	inst->type = UALG_TYPE_HASH;
	inst->priority = child->priority;
	inst->flags = UALG_F_KEYED;
	inst->blocksize = mt->kind == MAC_CBCMAC ? 1 : child->blocksize;
	inst->ctxsize = sizeof(struct mac_tfm);
	inst->init_tfm = mac_init_tfm;
	inst->exit_tfm = mac_exit_tfm;
	inst->hash.ops = &mac_ops;
	inst->hash.digestsize = child->blocksize;
	inst->hash.descsize = sizeof(struct mac_desc);
	inst->hash.statesize = child->blocksize + 4;
	inst->data = mi;
	inst->destroy = mac_inst_destroy;
	*ret = inst;
	return 0;
}

/* see alg/tmpl/hash.h */
int ualg_cmac_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		     struct ualg_alg **ret)
{
	return mac_create(&cmac_tmpl, tmpl, name, ret);
}

/* see alg/tmpl/hash.h */
int ualg_xcbc_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		     struct ualg_alg **ret)
{
	return mac_create(&xcbc_tmpl, tmpl, name, ret);
}

/* see alg/tmpl/hash.h */
int ualg_cbcmac_create(const struct ualg_template *tmpl, const struct ualg_name *name,
		       struct ualg_alg **ret)
{
	return mac_create(&cbcmac_tmpl, tmpl, name, ret);
}
