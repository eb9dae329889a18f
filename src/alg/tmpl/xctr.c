/* SPDX-License-Identifier: MIT */
/*
 * xctr(cipher) (crypto/xctr.c; HCTR2 paper, Crowley, Huckleberry, Biggers,
 * eprint 2021/1441, §3 "XCTR"): a counter mode over a 16-byte block cipher
 * whose keystream block i (counting from 1) is E_K(IV ^ le128(i)): the
 * counter is little-endian and XORed into the IV instead of added to it.
 * A stream cipher: blocksize 1, chunksize 16, ivsize 16, the cipher's key
 * sizes; a trailing partial block uses part of one keystream block. Only
 * 16-byte block ciphers are accepted (crypto_xctr_create: -EINVAL, which
 * lookup reports as -ENOENT).
 *
 * Implementation Notes
 *
 * Output IV: the kernel's xctr (and the x86 xctr-aes-aesni driver) keep the
 * counter in a local variable, so req->iv is left unchanged and there is no
 * exported state (statesize 0). Through AF_ALG a request split by MSG_MORE
 * therefore restarts at counter 1 for each piece, as the kernel does (spec
 * §8 "IV chaining", like xts and 6.1's chacha20); testmgr's xctr vectors
 * carry no iv_out. The counter is 64 bits wide here (the kernel's generic
 * code uses 32), which agrees below 2^32 blocks per request, far above any
 * AF_ALG request size.
 *
 * Keystream is made in batches of XCTR_BATCH bytes by one multi-block
 * call to the cipher. Constant time as the cipher.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/tmpl/skcipher.h"
#include "core/ct.h"

#define XCTR_BLOCK 16

/* out = iv ^ le128(ctr), ctr < 2^64 */
static void xctr_block(uint8_t out[XCTR_BLOCK], const uint8_t iv[XCTR_BLOCK], uint64_t ctr)
{
	memcpy(out, iv, XCTR_BLOCK);
	for (int i = 0; i < 8; i++)
		out[i] ^= (uint8_t)(ctr >> (8 * i));
}

/* n bytes: dst = src ^ ks, a word at a time */
static void xctr_xor(uint8_t *dst, const uint8_t *src, const uint8_t *ks, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t a, b;

		memcpy(&a, src + i, 8);
		memcpy(&b, ks + i, 8);
		a ^= b;
		memcpy(dst + i, &a, 8);
	}
	for (; i < n; i++)
		dst[i] = src[i] ^ ks[i];
}

/* keystream per call to the cipher: a stack buffer of whole blocks */
#define XCTR_BATCH 4096

static int xctr_crypt(struct ualg_skcipher_req *req)
{
	struct ualg_sk_tctx *c = ualg_tfm_ctx(req->tfm);
	const struct ualg_cipher_ops *ops = c->child->alg->cipher.ops;
	uint8_t ks[XCTR_BATCH];
	uint64_t ctr = 1;
	int r = 0;

	for (size_t off = 0; off < req->len;) {
		size_t n = req->len - off, nb;

		if (n > sizeof(ks))
			n = sizeof(ks);
		nb = (n + XCTR_BLOCK - 1) / XCTR_BLOCK;
		for (size_t i = 0; i < nb; i++)
			xctr_block(ks + i * XCTR_BLOCK, req->iv, ctr++);
		r = ops->encrypt(c->child, ks, ks, nb);
		if (r < 0)
			break;
		xctr_xor(req->dst + off, req->src + off, ks, n);
		off += n;
	}
	ualg_wipe(ks, sizeof(ks));
	return r;
}

static const struct ualg_skcipher_ops xctr_ops = {
	.setkey = ualg_spawn_setkey,
	.encrypt = xctr_crypt,
	.decrypt = xctr_crypt,
};

/* see alg/tmpl/skcipher.h */
int ualg_tmpl_xctr_create(const struct ualg_template *tmpl, const struct ualg_name *name,
			  struct ualg_alg **ret)
{
	struct ualg_sk_inst *inst;
	int r;

	r = ualg_sk_inst_new(tmpl, name, UALG_TYPE_CIPHER, &xctr_ops, &inst);
	if (r < 0)
		return r;
	if (inst->child->blocksize != XCTR_BLOCK) {
		free(inst);
		return -EINVAL;
	}
	/* a stream cipher walked in whole blocks but the last */
	inst->alg.blocksize = 1;
	inst->alg.skcipher.chunksize = XCTR_BLOCK;
	*ret = &inst->alg;
	return 0;
}

/* see alg/tmpl/skcipher.h */
int ualg_xctr_selfcheck(const struct ualg_alg *alg)
{
	static const size_t lens[] = {1, 15, 16, 17, 100, 600};
	uint8_t key[32], iv[XCTR_BLOCK], iv0[XCTR_BLOCK], pt[600], ct[600], ref[608];
	const struct ualg_alg *cipher = ((const struct ualg_sk_inst *)alg->data)->child;
	struct ualg_tfm *tfm = NULL, *ctfm = NULL;
	size_t klen = alg->skcipher.min_keysize;
	int r;

	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i * 11 + 7);
	for (size_t i = 0; i < sizeof(iv0); i++)
		iv0[i] = (uint8_t)(0xf0 ^ i * 5);
	for (size_t i = 0; i < sizeof(pt); i++)
		pt[i] = (uint8_t)(i * 31 + 9);
	r = ualg_tfm_new(alg, &tfm);
	if (r >= 0)
		r = ualg_tfm_new(cipher, &ctfm);
	if (r >= 0)
		r = ualg_tfm_setkey(tfm, key, klen);
	if (r >= 0)
		r = ualg_tfm_setkey(ctfm, key, klen);
	/* the reference: E_K(IV ^ le128(i)) ^ P_i block by block, i from 1 */
	for (size_t i = 0; r >= 0 && i < sizeof(ref) / XCTR_BLOCK; i++) {
		xctr_block(ref + i * XCTR_BLOCK, iv0, i + 1);
		r = cipher->cipher.ops->encrypt(ctfm, ref + i * XCTR_BLOCK, ref + i * XCTR_BLOCK,
						1);
	}
	for (size_t i = 0; r >= 0 && i < sizeof(pt); i++)
		ref[i] ^= pt[i];
	for (size_t i = 0; r >= 0 && i < sizeof(lens) / sizeof(lens[0]); i++) {
		struct ualg_skcipher_req q = {
			.tfm = tfm,
			.src = pt,
			.dst = ct,
			.len = lens[i],
			.iv = iv,
			.final = true,
		};

		memcpy(iv, iv0, sizeof(iv));
		r = ualg_skcipher_encrypt(&q);
		/* same keystream prefix at every length; the IV is not advanced */
		if (r >= 0 && (memcmp(ct, ref, lens[i]) || memcmp(iv, iv0, sizeof(iv))))
			r = -ELIBBAD;
	}
	ualg_tfm_free(ctfm);
	ualg_tfm_free(tfm);
	ualg_wipe(key, sizeof(key));
	return r < 0 ? r : 0;
}
