/* SPDX-License-Identifier: MIT */
/*
 * adiantum(streamcipher,blockcipher[,nhpoly1305]) (crypto/adiantum.c; the
 * Adiantum paper, eprint 2018/720, §6.4): a tweakable, length-preserving
 * wide-block mode. Streams are "xchacha12" or "xchacha20"; the block
 * cipher needs 16-byte blocks and a 32-byte key ("aes"); the third
 * argument, accepted by older kernels, must name "nhpoly1305" (the hash
 * used either way). Instance name "adiantum(stream,block)", driver name
 * "adiantum(stream-driver,block-driver,hash-driver)", priority
 * (4 * stream + 2 * hash + block) / 7, blocksize 16, ivsize 32 (the tweak),
 * key sizes of the stream cipher; messages shorter than 16 bytes -EINVAL.
 *
 * Implementation Notes
 *
 * setkey: K_S keys the stream cipher; its keystream under the IV
 * 1 || 0^248 gives K_E (32 bytes, the block cipher key), the header
 * Poly1305 r (16) and the nhpoly1305 key (1088).
 *
 * A message is L || R with |R| = 16 (the "bulk" L may be empty). With the
 * tweak T (the IV, not modified), H_T = Poly1305core(le64(8|L|) || 0^64 ||
 * T) and H(X) = H_T + NHPoly1305(X), sums taken mod 2^128 over
 * little-endian values:
 *   encrypt  P_M = P_R + H(P_L); C_M = E(P_M);
 *            C_L = P_L ^ XChaCha(C_M || 1 || 0^88); C_R = C_M - H(C_L)
 *   decrypt  C_M = C_R + H(C_L); C_L -> P_L with the same stream;
 *            P_M = D(C_M); P_R = P_M - H(P_L)
 * R is read before the stream writes dst, so dst may equal src. A tfm's
 * hash descriptor and header Poly1305 are kept for its requests.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/evp/poly1305.h"
#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

#define ADI_BLOCK 16
#define ADI_BC_KEY 32
#define ADI_TWEAK 32
#define ADI_HASH_KEY 1088
#define ADI_DERIVED (ADI_BC_KEY + 16 + ADI_HASH_KEY)

struct adi_inst {
	struct ualg_alg alg;
	const struct ualg_alg *stream, *block, *hash;
};

struct adi_tctx {
	struct ualg_tfm *stream, *block, *hash;
	struct ualg_hash_desc *desc;
	struct ualg_poly1305 *hdr;
	uint8_t hdr_r[16];
};

static const struct adi_inst *adi_inst_of(const struct ualg_tfm *tfm)
{
	return (const struct adi_inst *)tfm->alg;
}

static void adi_exit_tfm(struct ualg_tfm *tfm)
{
	struct adi_tctx *c = ualg_tfm_ctx(tfm);

	ualg_hash_desc_free(c->desc);
	ualg_tfm_free(c->hash);
	ualg_tfm_free(c->block);
	ualg_tfm_free(c->stream);
	ualg_poly1305_free(c->hdr);
	ualg_wipe(c, sizeof(*c));
}

static int adi_init_tfm(struct ualg_tfm *tfm)
{
	const struct adi_inst *inst = adi_inst_of(tfm);
	struct adi_tctx *c = ualg_tfm_ctx(tfm);
	int r;

	memset(c, 0, sizeof(*c));
	r = ualg_tfm_new(inst->stream, &c->stream);
	if (r >= 0)
		r = ualg_tfm_new(inst->block, &c->block);
	if (r >= 0)
		r = ualg_tfm_new(inst->hash, &c->hash);
	if (r >= 0)
		r = ualg_hash_desc_new(c->hash, &c->desc);
	if (r >= 0) {
		c->hdr = ualg_poly1305_new();
		if (!c->hdr)
			r = -ENOMEM;
	}
	if (r < 0)
		adi_exit_tfm(tfm);
	return r;
}

static int adi_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct adi_tctx *c = ualg_tfm_ctx(tfm);
	uint8_t iv[ADI_TWEAK] = {1};
	uint8_t *d;
	int r;

	r = ualg_tfm_setkey(c->stream, key, keylen);
	if (r < 0)
		return r;
	d = calloc(1, ADI_DERIVED);
	if (!d)
		return -ENOMEM;
	{
		struct ualg_skcipher_req req = {
			.tfm = c->stream,
			.src = d,
			.dst = d,
			.len = ADI_DERIVED,
			.iv = iv,
			.final = true,
		};

		r = ualg_skcipher_encrypt(&req);
	}
	if (r >= 0)
		r = ualg_tfm_setkey(c->block, d, ADI_BC_KEY);
	if (r >= 0)
		r = ualg_tfm_setkey(c->hash, d + ADI_BC_KEY + 16, ADI_HASH_KEY);
	if (r >= 0)
		memcpy(c->hdr_r, d + ADI_BC_KEY, 16);
	ualg_free_secret(d, ADI_DERIVED);
	ualg_wipe(iv, sizeof(iv));
	return r;
}

/* 128-bit little-endian arithmetic mod 2^128 (constant time) */
static void le128_load(uint64_t v[2], const uint8_t *p)
{
	v[0] = 0;
	v[1] = 0;
	for (int i = 7; i >= 0; i--) {
		v[0] = v[0] << 8 | p[i];
		v[1] = v[1] << 8 | p[8 + i];
	}
}

static void le128_store(uint8_t *p, const uint64_t v[2])
{
	for (int i = 0; i < 8; i++) {
		p[i] = (uint8_t)(v[0] >> (8 * i));
		p[8 + i] = (uint8_t)(v[1] >> (8 * i));
	}
}

/* a = a + b (sign 1) or a - b (sign -1), mod 2^128 */
static void le128_addsub(uint8_t a[16], const uint8_t b[16], int sign)
{
	uint64_t x[2], y[2], lo;

	le128_load(x, a);
	le128_load(y, b);
	if (sign > 0) {
		lo = x[0] + y[0];
		x[1] = x[1] + y[1] + (lo < x[0]);
	} else {
		lo = x[0] - y[0];
		x[1] = x[1] - y[1] - (x[0] < y[0]);
	}
	x[0] = lo;
	le128_store(a, x);
	ualg_wipe(x, sizeof(x));
	ualg_wipe(y, sizeof(y));
}

/* out = H_T + NHPoly1305(bulk) */
static int adi_hash(struct adi_tctx *c, const uint8_t hdr[16], const uint8_t *bulk, size_t len,
		    uint8_t out[16])
{
	int r;

	r = ualg_hash_init(c->desc);
	if (r >= 0)
		r = ualg_hash_update(c->desc, bulk, len);
	if (r >= 0)
		r = ualg_hash_final(c->desc, out);
	if (r >= 0)
		le128_addsub(out, hdr, 1);
	return r;
}

static int adi_crypt_one(struct ualg_skcipher_req *req, struct adi_tctx *c, bool enc)
{
	const struct ualg_cipher_ops *bc = c->block->alg->cipher.ops;
	size_t bulk = req->len - ADI_BLOCK;
	uint8_t head[16] = {0}, hdr[16], h[16], rbuf[ADI_TWEAK] = {0};
	int r;

	/* H_T over the bulk length in bits and the tweak */
	for (int i = 0; i < 8; i++)
		head[i] = (uint8_t)(((uint64_t)bulk * 8) >> (8 * i));
	r = ualg_poly1305_core_init(c->hdr, c->hdr_r);
	if (r >= 0)
		r = ualg_poly1305_update(c->hdr, head, sizeof(head));
	if (r >= 0)
		r = ualg_poly1305_update(c->hdr, req->iv, ADI_TWEAK);
	if (r >= 0)
		r = ualg_poly1305_final(c->hdr, hdr);

	/* first hash step: M = R + H(L) */
	if (r >= 0)
		r = adi_hash(c, hdr, req->src, bulk, h);
	if (r >= 0) {
		memcpy(rbuf, req->src + bulk, ADI_BLOCK);
		le128_addsub(rbuf, h, 1);
		if (enc)
			r = bc->encrypt(c->block, rbuf, rbuf, 1);
	}
	/* the stream under C_M || 1 || 0 */
	if (r >= 0 && bulk) {
		struct ualg_skcipher_req sub = {
			.tfm = c->stream,
			.src = req->src,
			.dst = req->dst,
			.len = bulk,
			.iv = rbuf,
			.final = true,
		};
		uint8_t ivcopy[ADI_TWEAK];

		rbuf[16] = 1;
		memcpy(ivcopy, rbuf, sizeof(ivcopy));
		sub.iv = ivcopy;
		r = ualg_skcipher_encrypt(&sub);
		ualg_wipe(ivcopy, sizeof(ivcopy));
	}
	if (r >= 0 && !enc)
		r = bc->decrypt(c->block, rbuf, rbuf, 1);
	/* second hash step: R' = M - H(L') */
	if (r >= 0)
		r = adi_hash(c, hdr, req->dst, bulk, h);
	if (r >= 0) {
		le128_addsub(rbuf, h, -1);
		memcpy(req->dst + bulk, rbuf, ADI_BLOCK);
	}
	ualg_wipe(rbuf, sizeof(rbuf));
	ualg_wipe(h, sizeof(h));
	ualg_wipe(hdr, sizeof(hdr));
	return r;
}

static int adi_crypt(struct ualg_skcipher_req *req, bool enc)
{
	struct adi_tctx *c = ualg_tfm_ctx(req->tfm);

	if (req->len < ADI_BLOCK)
		return -EINVAL;
	return adi_crypt_one(req, c, enc);
}

static int adi_encrypt(struct ualg_skcipher_req *req)
{
	return adi_crypt(req, true);
}

static int adi_decrypt(struct ualg_skcipher_req *req)
{
	return adi_crypt(req, false);
}

static const struct ualg_skcipher_ops adi_ops = {
	.setkey = adi_setkey,
	.encrypt = adi_encrypt,
	.decrypt = adi_decrypt,
};

/* adiantum_supported_algorithms */
static bool adi_supported(const struct adi_inst *inst)
{
	const struct ualg_alg *s = inst->stream, *b = inst->block, *h = inst->hash;

	if (strcmp(s->name, "xchacha12") && strcmp(s->name, "xchacha20"))
		return false;
	if (b->cipher.min_keysize > ADI_BC_KEY || b->cipher.max_keysize < ADI_BC_KEY ||
	    b->blocksize != ADI_BLOCK)
		return false;
	return !strcmp(h->name, "nhpoly1305") && h->hash.digestsize == 16 &&
	       s->skcipher.ivsize == ADI_TWEAK;
}

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_adiantum_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			      struct ualg_alg **ret)
{
	struct adi_inst *inst = calloc(1, sizeof(*inst));
	const struct ualg_alg *kids[3];
	int r;

	if (!inst)
		return -ENOMEM;
	r = ualg_alg_lookup_child(UALG_TYPE_SKCIPHER, name->args[0], &inst->stream);
	if (r >= 0)
		r = ualg_alg_lookup_child(UALG_TYPE_CIPHER, name->args[1], &inst->block);
	if (r >= 0)
		r = ualg_alg_lookup_child(UALG_TYPE_HASH,
					  name->nargs > 2 ? name->args[2] : "nhpoly1305",
					  &inst->hash);
	if (r >= 0 && !adi_supported(inst))
		r = -EINVAL;
	if (r >= 0) {
		kids[0] = inst->stream;
		kids[1] = inst->block;
		kids[2] = inst->hash;
		/* name over (stream, block), driver over all three */
		r = ualg_tmpl_set_names(&inst->alg, tmpl->name, kids, 3);
	}
	if (r >= 0 &&
	    snprintf(inst->alg.name, sizeof(inst->alg.name), "%s(%s,%s)", tmpl->name,
		     inst->stream->name, inst->block->name) >= (int)sizeof(inst->alg.name))
		r = -ENAMETOOLONG;
	if (r < 0) {
		free(inst);
		return r;
	}
	inst->alg.type = UALG_TYPE_SKCIPHER;
	inst->alg.priority =
		(4 * inst->stream->priority + 2 * inst->hash->priority + inst->block->priority) / 7;
	inst->alg.flags = UALG_F_KEYED;
	inst->alg.blocksize = ADI_BLOCK;
	inst->alg.ctxsize = sizeof(struct adi_tctx);
	inst->alg.init_tfm = adi_init_tfm;
	inst->alg.exit_tfm = adi_exit_tfm;
	inst->alg.skcipher.ops = &adi_ops;
	inst->alg.skcipher.min_keysize = inst->stream->skcipher.min_keysize;
	inst->alg.skcipher.max_keysize = inst->stream->skcipher.max_keysize;
	inst->alg.skcipher.ivsize = ADI_TWEAK;
	inst->alg.skcipher.chunksize = ADI_BLOCK;
	inst->alg.data = inst;
	*ret = &inst->alg;
	return 0;
}
