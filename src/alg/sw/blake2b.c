/* SPDX-License-Identifier: MIT */
/*
 * The kernel's blake2b-160/256/384/512 over libb2 (RFC 7693 BLAKE2b):
 * digest of 20/32/48/64 bytes, optional key of 0..64 bytes (a longer key is
 * -EINVAL and keeps the old key; an empty key means unkeyed). Not from
 * OpenSSL because 3.0 offers only the unkeyed 64-byte digest (BLAKE2B-512)
 * and a MAC (BLAKE2BMAC) that refuses an empty key, so unkeyed
 * blake2b-160/256/384 cannot be had from it; one adapter serves all four
 * rows. libb2's blake2b_state is plain data held in the descriptor: copy is
 * a memcpy, and the API wipes the descriptor (and the registry the key)
 * when they end.
 */
#include <string.h>

#include <blake2.h>

#include "alg/alg.h"
#include "alg/sw/hash.h"

struct b2b_tfm {
	uint8_t key[BLAKE2B_KEYBYTES];
	unsigned int keylen;
};

static int b2b_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct b2b_tfm *t = ualg_tfm_ctx(tfm);

	if (keylen > BLAKE2B_KEYBYTES)
		return -EINVAL;
	memcpy(t->key, key, keylen);
	t->keylen = (unsigned int)keylen;
	return 0;
}

static int b2b_init(struct ualg_hash_desc *desc)
{
	struct b2b_tfm *t = ualg_tfm_ctx(desc->tfm);
	blake2b_state *s = ualg_hash_desc_ctx(desc);
	unsigned int ds = desc->tfm->alg->hash.digestsize;
	int r;

	/* libb2 refuses a zero-length key: unkeyed is blake2b_init */
	if (t->keylen)
		r = blake2b_init_key(s, ds, t->key, t->keylen);
	else
		r = blake2b_init(s, ds);
	return r < 0 ? -EINVAL : 0;
}

static int b2b_update(struct ualg_hash_desc *desc, const uint8_t *p, size_t len)
{
	return blake2b_update(ualg_hash_desc_ctx(desc), p, len) < 0 ? -EINVAL : 0;
}

static int b2b_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	unsigned int ds = desc->tfm->alg->hash.digestsize;

	return blake2b_final(ualg_hash_desc_ctx(desc), out, ds) < 0 ? -EINVAL : 0;
}

static const struct ualg_hash_ops b2b_ops = {
	.setkey = b2b_setkey,
	.init = b2b_init,
	.update = b2b_update,
	.final = b2b_final,
	.copy = ualg_sw_hash_copy_plain,
};

#define B2B_ROW(n, ds)                                                                    \
	{                                                                                 \
		.name = n, .digestsize = ds, .blocksize = BLAKE2B_BLOCKBYTES,             \
		.ctxsize = sizeof(struct b2b_tfm), .descsize = sizeof(blake2b_state),     \
		.statesize = sizeof(blake2b_state), .flags = UALG_F_OPTIONAL_KEY,         \
		.ops = &b2b_ops,                                                          \
	}

/* see alg/sw/hash.h */
const struct ualg_sw_hash ualg_sw_blake2b_160 = B2B_ROW("blake2b-160", 20);
const struct ualg_sw_hash ualg_sw_blake2b_256 = B2B_ROW("blake2b-256", 32);
const struct ualg_sw_hash ualg_sw_blake2b_384 = B2B_ROW("blake2b-384", 48);
const struct ualg_sw_hash ualg_sw_blake2b_512 = B2B_ROW("blake2b-512", 64);
