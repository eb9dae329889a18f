/* SPDX-License-Identifier: MIT */
/*
 * Software leaves of the skcipher family:
 * - "ecb(arc4)": RC4. libcrypto has RC4 (legacy provider) but cannot export
 *   or import its keystream position, which the kernel's statesize contract
 *   (a message split into NOTFINAL requests continues exactly) needs; the
 *   state is 258 bytes that live in the caller's request state.
 * - "cipher_null" / "ecb(cipher_null)": the identity (RFC 2410), for
 *   authenc(...,ecb(cipher_null)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "alg/sw/skcipher.h"
#include "core/ct.h"

/* see alg/sw/skcipher.h */
void ualg_ctr_add(uint8_t *ctr, size_t len, uint64_t n)
{
	unsigned int carry = 0;

	for (size_t i = len; i-- > 0 && (n || carry);) {
		unsigned int v = ctr[i] + (unsigned int)(n & 0xff) + carry;

		ctr[i] = (uint8_t)v;
		carry = v >> 8;
		n >>= 8;
	}
}

/* ---- arc4 */

struct arc4_state {
	uint8_t s[256];
	uint8_t i, j;
};

struct arc4_ctx {
	struct arc4_state init; /* the schedule right after the key */
};

static int arc4_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct arc4_ctx *c = ualg_tfm_ctx(tfm);
	uint8_t j = 0;

	for (int i = 0; i < 256; i++)
		c->init.s[i] = (uint8_t)i;
	for (int i = 0; i < 256; i++) {
		uint8_t t = c->init.s[i];

		j = (uint8_t)(j + t + key[(size_t)i % keylen]);
		c->init.s[i] = c->init.s[j];
		c->init.s[j] = t;
	}
	c->init.i = c->init.j = 0;
	return 0;
}

static int arc4_crypt(struct ualg_skcipher_req *req)
{
	struct arc4_ctx *c = ualg_tfm_ctx(req->tfm);
	struct arc4_state local, *st = req->state ? req->state : &local;
	uint8_t i, j;

	if (!req->cont || !req->state)
		memcpy(st, &c->init, sizeof(*st));
	i = st->i;
	j = st->j;
	for (size_t n = 0; n < req->len; n++) {
		uint8_t a, b;

		i = (uint8_t)(i + 1);
		a = st->s[i];
		j = (uint8_t)(j + a);
		b = st->s[j];
		st->s[i] = b;
		st->s[j] = a;
		req->dst[n] = req->src[n] ^ st->s[(uint8_t)(a + b)];
	}
	st->i = i;
	st->j = j;
	if (st == &local)
		ualg_wipe(&local, sizeof(local));
	return 0;
}

static const struct ualg_skcipher_ops arc4_ops = {
	.setkey = arc4_setkey,
	.encrypt = arc4_crypt,
	.decrypt = arc4_crypt,
};

/* ---- null */

static int null_cipher_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	(void)tfm;
	(void)key;
	(void)keylen;
	return 0;
}

static int null_cipher_crypt(struct ualg_tfm *tfm, uint8_t *dst, const uint8_t *src, size_t nblocks)
{
	(void)tfm;
	if (dst != src)
		memmove(dst, src, nblocks);
	return 0;
}

static const struct ualg_cipher_ops null_cipher_ops = {
	.setkey = null_cipher_setkey,
	.encrypt = null_cipher_crypt,
	.decrypt = null_cipher_crypt,
};

static int null_sk_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	return null_cipher_setkey(tfm, key, keylen);
}

static int null_sk_crypt(struct ualg_skcipher_req *req)
{
	if (req->dst != req->src)
		memmove(req->dst, req->src, req->len);
	return 0;
}

static const struct ualg_skcipher_ops null_sk_ops = {
	.setkey = null_sk_setkey,
	.encrypt = null_sk_crypt,
	.decrypt = null_sk_crypt,
};

static void reg(struct ualg_alg *tmpl)
{
	struct ualg_alg *alg = malloc(sizeof(*alg));

	if (!alg)
		return;
	*alg = *tmpl;
	if (ualg_alg_register(alg) < 0)
		free(alg);
}

/* see alg/sw/skcipher.h */
void ualg_sw_skcipher_register(void)
{
	reg(&(struct ualg_alg){
		.name = "ecb(arc4)",
		.driver = "ecb-arc4-ualg",
		.type = UALG_TYPE_SKCIPHER,
		.priority = 100,
		.flags = UALG_F_KEYED,
		.blocksize = 1,
		.ctxsize = sizeof(struct arc4_ctx),
		.skcipher = { .ops = &arc4_ops,
			      .min_keysize = 1,
			      .max_keysize = 256,
			      .ivsize = 0,
			      .chunksize = 1,
			      .statesize = sizeof(struct arc4_state) },
	});
	reg(&(struct ualg_alg){
		.name = "cipher_null",
		.driver = "cipher_null-generic",
		.type = UALG_TYPE_CIPHER,
		.priority = 100,
		.blocksize = 1,
		.cipher = { .ops = &null_cipher_ops, .min_keysize = 0, .max_keysize = 0 },
	});
	reg(&(struct ualg_alg){
		.name = "ecb(cipher_null)",
		.driver = "ecb-cipher_null",
		.type = UALG_TYPE_SKCIPHER,
		.priority = 100,
		.blocksize = 1,
		.skcipher = { .ops = &null_sk_ops,
			      .min_keysize = 0,
			      .max_keysize = 0,
			      .ivsize = 0,
			      .chunksize = 1 },
	});
	ualg_sw_xchacha_register();
}
