/* SPDX-License-Identifier: MIT */
/*
 * hctr2(blockcipher) and hctr2_base(xctr(blockcipher),polyval)
 * (crypto/hctr2.c; "Length-preserving encryption with HCTR2", Crowley,
 * Huckleberry, Biggers, eprint 2021/1441): a tweakable, length-preserving
 * wide-block mode over a 16-byte block cipher, its XCTR mode and POLYVAL.
 * hctr2(X) is hctr2_base(xctr(X),polyval). Either way the instance name is
 * "hctr2(X)" (X the block cipher's generic name, taken from inside the
 * xctr child's name) and the driver name "hctr2_base(xctr-driver,
 * polyval-driver)"; the second argument of hctr2_base must be a "polyval"
 * hash, or "polyval-lib" (the 6.17+ kernels' name for the POLYVAL library).
 * Priority (2 * xctr + 4 * polyval + block) / 7, blocksize 16, chunksize 16,
 * ivsize 32 (the tweak, not modified), the xctr child's key sizes (the
 * block cipher's), no state; messages shorter than 16 bytes -EINVAL.
 *
 * Implementation Notes
 *
 * setkey: K keys the block cipher and the xctr child; hbar = E_K(0^128) is
 * the POLYVAL key and L = E_K(le128(1)). The POLYVAL accumulator after the
 * tweak-length block le128(2 * 8 * |T| + 2 + (|P| mod 16 != 0)), |T| = 32,
 * is precomputed for both values of the flag.
 *
 * With the tweak T and H(X) = POLYVAL(hbar, lenblock || T || pad(X)),
 * pad(X) = X when |X| is a multiple of 16, else X || 1 || 0* to a block:
 *   encrypt P = M || N (|M| = 16): MM = M ^ H(N); UU = E(MM);
 *           S = MM ^ UU ^ L; V = XCTR_S(N); U = UU ^ H(V); C = U || V
 *   decrypt C = U || V: UU = U ^ H(V); MM = D(UU); S = MM ^ UU ^ L;
 *           N = XCTR_S(V); M = MM ^ H(N)
 * The first block is read and the bulk hashed before XCTR writes dst, and
 * the first block of dst is written last, so dst may equal src. POLYVAL is
 * ours (alg/sw/ghash.h, constant time); the polyval child names and
 * validates the hash.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/sw/ghash.h"
#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

#define HCTR2_BLOCK 16
#define HCTR2_TWEAK 32

struct hctr2_inst {
	struct ualg_alg alg;
	const struct ualg_alg *xctr, *block, *polyval;
};

struct hctr2_tctx {
	struct ualg_tfm *block, *xctr;
	struct ualg_ghash_key hkey;
	uint8_t L[HCTR2_BLOCK];
	uint8_t lenacc[2][HCTR2_BLOCK]; /* POLYVAL after the tweak-length block */
};

static const struct hctr2_inst *hctr2_inst_of(const struct ualg_tfm *tfm)
{
	return (const struct hctr2_inst *)tfm->alg;
}

static void hctr2_exit_tfm(struct ualg_tfm *tfm)
{
	struct hctr2_tctx *c = ualg_tfm_ctx(tfm);

	ualg_tfm_free(c->xctr);
	ualg_tfm_free(c->block);
	ualg_wipe(c, sizeof(*c));
}

static int hctr2_init_tfm(struct ualg_tfm *tfm)
{
	const struct hctr2_inst *inst = hctr2_inst_of(tfm);
	struct hctr2_tctx *c = ualg_tfm_ctx(tfm);
	int r;

	memset(c, 0, sizeof(*c));
	r = ualg_tfm_new(inst->block, &c->block);
	if (r >= 0)
		r = ualg_tfm_new(inst->xctr, &c->xctr);
	if (r < 0)
		hctr2_exit_tfm(tfm);
	return r;
}

static int hctr2_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct hctr2_tctx *c = ualg_tfm_ctx(tfm);
	const struct ualg_cipher_ops *bc = c->block->alg->cipher.ops;
	uint8_t hbar[HCTR2_BLOCK] = {0}, lenblk[HCTR2_BLOCK];
	int r;

	r = ualg_tfm_setkey(c->block, key, keylen);
	if (r >= 0)
		r = ualg_tfm_setkey(c->xctr, key, keylen);
	if (r >= 0)
		r = bc->encrypt(c->block, hbar, hbar, 1);
	if (r >= 0) {
		memset(c->L, 0, sizeof(c->L));
		c->L[0] = 1;
		r = bc->encrypt(c->block, c->L, c->L, 1);
	}
	if (r >= 0) {
		ualg_polyval_setkey(&c->hkey, hbar);
		for (unsigned int rem = 0; rem < 2; rem++) {
			uint64_t v = HCTR2_TWEAK * 8 * 2 + 2 + rem;

			memset(lenblk, 0, sizeof(lenblk));
			for (int i = 0; i < 8; i++)
				lenblk[i] = (uint8_t)(v >> (8 * i));
			memset(c->lenacc[rem], 0, HCTR2_BLOCK);
			ualg_polyval_blocks(&c->hkey, c->lenacc[rem], lenblk, 1);
		}
	}
	ualg_wipe(hbar, sizeof(hbar));
	return r;
}


/* out = POLYVAL continued from the hashed tweak over pad(data) */
static void hctr2_hash(const struct hctr2_tctx *c, const uint8_t tacc[HCTR2_BLOCK],
		       const uint8_t *data, size_t len, uint8_t out[HCTR2_BLOCK])
{
	size_t full = len / HCTR2_BLOCK, rem = len % HCTR2_BLOCK;
	uint8_t last[HCTR2_BLOCK] = {0};

	memcpy(out, tacc, HCTR2_BLOCK);
	ualg_polyval_blocks(&c->hkey, out, data, full);
	if (rem) {
		memcpy(last, data + full * HCTR2_BLOCK, rem);
		last[rem] = 1;
		ualg_polyval_blocks(&c->hkey, out, last, 1);
		ualg_wipe(last, sizeof(last));
	}
}

static int hctr2_crypt_one(struct ualg_skcipher_req *req, struct hctr2_tctx *c, bool enc)
{
	const struct ualg_cipher_ops *bc = c->block->alg->cipher.ops;
	size_t bulk = req->len - HCTR2_BLOCK;
	uint8_t tacc[HCTR2_BLOCK], x[HCTR2_BLOCK], y[HCTR2_BLOCK], s[HCTR2_BLOCK];
	int r;

	/* the hashed tweak, shared by both hash steps */
	memcpy(tacc, c->lenacc[req->len % HCTR2_BLOCK != 0], HCTR2_BLOCK);
	ualg_polyval_blocks(&c->hkey, tacc, req->iv, HCTR2_TWEAK / HCTR2_BLOCK);

	/* x = MM (or UU) = first block ^ H(bulk of src); y = E(x) (or D(x)) */
	hctr2_hash(c, tacc, req->src + HCTR2_BLOCK, bulk, x);
	ualg_xor(x, x, req->src, HCTR2_BLOCK);
	r = enc ? bc->encrypt(c->block, y, x, 1) : bc->decrypt(c->block, y, x, 1);
	/* S = MM ^ UU ^ L; the bulk through XCTR_S */
	if (r >= 0 && bulk) {
		struct ualg_skcipher_req sub = {
			.tfm = c->xctr,
			.src = req->src + HCTR2_BLOCK,
			.dst = req->dst + HCTR2_BLOCK,
			.len = bulk,
			.iv = s,
			.final = true,
		};

		ualg_xor(s, x, y, HCTR2_BLOCK);
		ualg_xor(s, s, c->L, HCTR2_BLOCK);
		r = ualg_skcipher_encrypt(&sub);
	}
	/* first block of dst = y ^ H(bulk of dst) */
	if (r >= 0) {
		hctr2_hash(c, tacc, req->dst + HCTR2_BLOCK, bulk, x);
		ualg_xor(req->dst, y, x, HCTR2_BLOCK);
	}
	ualg_wipe(tacc, sizeof(tacc));
	ualg_wipe(x, sizeof(x));
	ualg_wipe(y, sizeof(y));
	ualg_wipe(s, sizeof(s));
	return r;
}

static int hctr2_crypt(struct ualg_skcipher_req *req, bool enc)
{
	struct hctr2_tctx *c = ualg_tfm_ctx(req->tfm);

	if (req->len < HCTR2_BLOCK)
		return -EINVAL;
	return hctr2_crypt_one(req, c, enc);
}

static int hctr2_encrypt(struct ualg_skcipher_req *req)
{
	return hctr2_crypt(req, true);
}

static int hctr2_decrypt(struct ualg_skcipher_req *req)
{
	return hctr2_crypt(req, false);
}

static const struct ualg_skcipher_ops hctr2_ops = {
	.setkey = hctr2_setkey,
	.encrypt = hctr2_encrypt,
	.decrypt = hctr2_decrypt,
};

/* hctr2_create_common: the children, their checks, names and shape */
static int hctr2_create_common(const char *xctr_name, const char *polyval_name,
			       struct ualg_alg **ret)
{
	struct hctr2_inst *inst = calloc(1, sizeof(*inst));
	char bname[UALG_MAX_ALG_NAME];
	size_t n = 0;
	int r;

	if (!inst)
		return -ENOMEM;
	r = ualg_alg_lookup_child(UALG_TYPE_SKCIPHER, xctr_name, &inst->xctr);
	/* the block cipher is named inside the xctr child's generic name */
	if (r >= 0) {
		n = strlen(inst->xctr->name);
		if (strncmp(inst->xctr->name, "xctr(", 5) || n < 7 ||
		    inst->xctr->name[n - 1] != ')')
			r = -EINVAL;
	}
	if (r >= 0) {
		memcpy(bname, inst->xctr->name + 5, n - 6);
		bname[n - 6] = '\0';
		r = ualg_alg_lookup_child(UALG_TYPE_CIPHER, bname, &inst->block);
	}
	if (r >= 0 && inst->block->blocksize != HCTR2_BLOCK)
		r = -EINVAL;
	/* POLYVAL, under its name or the 6.17+ library's */
	if (r >= 0 && !strcmp(polyval_name, "polyval-lib"))
		polyval_name = "polyval";
	if (r >= 0)
		r = ualg_alg_lookup_child(UALG_TYPE_HASH, polyval_name, &inst->polyval);
	if (r >= 0 && strcmp(inst->polyval->name, "polyval"))
		r = -EINVAL;
	if (r >= 0 && snprintf(inst->alg.name, sizeof(inst->alg.name), "hctr2(%s)",
			       inst->block->name) >= (int)sizeof(inst->alg.name))
		r = -ENAMETOOLONG;
	if (r >= 0 &&
	    snprintf(inst->alg.driver, sizeof(inst->alg.driver), "hctr2_base(%s,%s)",
		     inst->xctr->driver, inst->polyval->driver) >= (int)sizeof(inst->alg.driver))
		r = -ENAMETOOLONG;
	if (r < 0) {
		free(inst);
		return r;
	}
	inst->alg.type = UALG_TYPE_SKCIPHER;
	inst->alg.priority =
		(2 * inst->xctr->priority + 4 * inst->polyval->priority + inst->block->priority) /
		7;
	inst->alg.flags = UALG_F_KEYED;
	inst->alg.blocksize = HCTR2_BLOCK;
	inst->alg.ctxsize = sizeof(struct hctr2_tctx);
	inst->alg.init_tfm = hctr2_init_tfm;
	inst->alg.exit_tfm = hctr2_exit_tfm;
	inst->alg.skcipher.ops = &hctr2_ops;
	inst->alg.skcipher.min_keysize = inst->xctr->skcipher.min_keysize;
	inst->alg.skcipher.max_keysize = inst->xctr->skcipher.max_keysize;
	inst->alg.skcipher.ivsize = HCTR2_TWEAK;
	inst->alg.skcipher.chunksize = HCTR2_BLOCK;
	inst->alg.data = inst;
	*ret = &inst->alg;
	return 0;
}

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_hctr2_base_create(const struct ualg_template *tmpl, const struct ualg_name *name,
				struct ualg_alg **ret)
{
	(void)tmpl;
	return hctr2_create_common(name->args[0], name->args[1], ret);
}

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_hctr2_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			   struct ualg_alg **ret)
{
	char xctr_name[UALG_MAX_ALG_NAME];

	(void)tmpl;
	if (snprintf(xctr_name, sizeof(xctr_name), "xctr(%s)", name->args[0]) >=
	    (int)sizeof(xctr_name))
		return -ENAMETOOLONG;
	return hctr2_create_common(xctr_name, "polyval", ret);
}

/* one final request of len bytes */
static int hctr2_one(struct ualg_tfm *tfm, bool enc, const uint8_t *in, uint8_t *out, size_t len,
		     uint8_t *tweak)
{
	struct ualg_skcipher_req q = {
		.tfm = tfm,
		.src = in,
		.dst = out,
		.len = len,
		.iv = tweak,
		.final = true,
	};

	return enc ? ualg_skcipher_encrypt(&q) : ualg_skcipher_decrypt(&q);
}

/*
 * every whole 16-byte block of a and b differs, and so do the last 16 bytes
 * (which cover a partial tail; len >= 16)
 */
static bool all_blocks_differ(const uint8_t *a, const uint8_t *b, size_t len)
{
	for (size_t off = 0; off + HCTR2_BLOCK <= len; off += HCTR2_BLOCK)
		if (!memcmp(a + off, b + off, HCTR2_BLOCK))
			return false;
	return memcmp(a + len - HCTR2_BLOCK, b + len - HCTR2_BLOCK, HCTR2_BLOCK) != 0;
}

/* see alg/tmpl/skcipher.h */
int ualg_hctr2_selfcheck(const struct ualg_alg *alg)
{
	static const size_t lens[] = {16, 17, 31, 32, 33, 100, 512};
	uint8_t key[32], tw[HCTR2_TWEAK], tw0[HCTR2_TWEAK], pt[512], c0[512], c1[512];
	struct ualg_tfm *tfm = NULL;
	int r;

	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i * 7 + 3);
	for (size_t i = 0; i < sizeof(tw0); i++)
		tw0[i] = (uint8_t)(i * 5 + 1);
	for (size_t i = 0; i < sizeof(pt); i++)
		pt[i] = (uint8_t)(i * 13 + 5);
	memcpy(tw, tw0, sizeof(tw));
	r = ualg_tfm_new(alg, &tfm);
	if (r >= 0)
		r = ualg_tfm_setkey(tfm, key, alg->skcipher.min_keysize);
	for (size_t i = 0; r >= 0 && i < sizeof(lens) / sizeof(lens[0]); i++) {
		size_t len = lens[i];

		r = hctr2_one(tfm, true, pt, c0, len, tw);
		/* one wide block: a bit of the first or last byte changes every block */
		pt[0] ^= 1;
		if (r >= 0)
			r = hctr2_one(tfm, true, pt, c1, len, tw);
		pt[0] ^= 1;
		if (r >= 0 && !all_blocks_differ(c0, c1, len))
			r = -ELIBBAD;
		pt[len - 1] ^= 0x80;
		if (r >= 0)
			r = hctr2_one(tfm, true, pt, c1, len, tw);
		pt[len - 1] ^= 0x80;
		if (r >= 0 && !all_blocks_differ(c0, c1, len))
			r = -ELIBBAD;
		/* and so does a bit of the tweak, which is not modified */
		tw[HCTR2_TWEAK - 1] ^= 0x40;
		if (r >= 0)
			r = hctr2_one(tfm, true, pt, c1, len, tw);
		tw[HCTR2_TWEAK - 1] ^= 0x40;
		if (r >= 0 && (!all_blocks_differ(c0, c1, len) || memcmp(tw, tw0, sizeof(tw))))
			r = -ELIBBAD;
		/* decrypt in place inverts */
		if (r >= 0)
			r = hctr2_one(tfm, false, c0, c0, len, tw);
		if (r >= 0 && memcmp(c0, pt, len))
			r = -ELIBBAD;
	}
	if (r >= 0 && hctr2_one(tfm, true, pt, c0, 15, tw) != -EINVAL)
		r = -ELIBBAD;
	ualg_tfm_free(tfm);
	ualg_wipe(key, sizeof(key));
	return r < 0 ? r : 0;
}
