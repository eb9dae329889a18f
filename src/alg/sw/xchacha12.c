/* SPDX-License-Identifier: MIT */
/*
 * "xchacha12": the kernel's XChaCha with 12 rounds (crypto/chacha_generic.c,
 * used by Adiantum), over our ChaCha core (alg/sw/chacha.c): no well-kept C
 * library has ChaCha12.
 *
 * Implementation Notes
 *
 * The 32-byte IV is nonce || stream position, laid out as the kernel does:
 * HChaCha12(key, iv[0..16)) gives the subkey; the ChaCha state's words
 * 12..15 are iv[24..32) || iv[16..24) (so word 12, the 32-bit block counter,
 * comes from iv[24..28)). The IV is not modified (testmgr has no iv_out).
 * A message split into NOTFINAL requests (whole 64-byte blocks) continues
 * through req->state: state words 12..15 then the subkey, 48 bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "alg/alg.h"
#include "alg/sw/skcipher.h"
#include "core/ct.h"
#include "core/hex.h"

struct xchacha_row {
	const char *name, *driver;
	unsigned int nrounds;
};

static const struct xchacha_row xchacha_table[] = {
	{"xchacha12", "xchacha12-ualg", 12},
};

struct xchacha_ctx {
	uint8_t key[32];
};

/* req->state: the counter/nonce words, then the subkey */
struct xchacha_state {
	uint8_t blk[16];
	uint8_t subkey[32];
};

static int xchacha_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct xchacha_ctx *c = ualg_tfm_ctx(tfm);

	if (keylen != sizeof(c->key))
		return -EINVAL;
	memcpy(c->key, key, sizeof(c->key));
	return 0;
}

static int xchacha_crypt(struct ualg_skcipher_req *req)
{
	const struct xchacha_row *row = req->tfm->alg->data;
	struct xchacha_ctx *c = ualg_tfm_ctx(req->tfm);
	struct xchacha_state local, *s = req->state ? req->state : &local;
	uint32_t st[16];

	if (!(req->cont && req->state)) {
		ualg_hchacha(s->subkey, c->key, req->iv, row->nrounds);
		memcpy(s->blk, req->iv + 24, 8);
		memcpy(s->blk + 8, req->iv + 16, 8);
	}
	ualg_chacha_init(st, s->subkey, s->blk);
	ualg_chacha_crypt(st, req->dst, req->src, req->len, row->nrounds);
	if (!req->final && req->state) {
		for (int i = 0; i < 4; i++) {
			s->blk[4 * i] = (uint8_t)st[12 + i];
			s->blk[4 * i + 1] = (uint8_t)(st[12 + i] >> 8);
			s->blk[4 * i + 2] = (uint8_t)(st[12 + i] >> 16);
			s->blk[4 * i + 3] = (uint8_t)(st[12 + i] >> 24);
		}
	}
	ualg_wipe(st, sizeof(st));
	ualg_wipe(&local, sizeof(local));
	return 0;
}

static const struct ualg_skcipher_ops xchacha_ops = {
	.setkey = xchacha_setkey,
	.encrypt = xchacha_crypt,
	.decrypt = xchacha_crypt,
};

/* see alg/sw/skcipher.h */
void ualg_sw_xchacha_register(void)
{
	for (size_t i = 0; i < sizeof(xchacha_table) / sizeof(xchacha_table[0]); i++) {
		const struct xchacha_row *row = &xchacha_table[i];
		struct ualg_alg *alg = calloc(1, sizeof(*alg));

		if (!alg)
			return;
		snprintf(alg->name, sizeof(alg->name), "%s", row->name);
		snprintf(alg->driver, sizeof(alg->driver), "%s", row->driver);
		alg->type = UALG_TYPE_SKCIPHER;
		alg->priority = 300;
		alg->flags = UALG_F_KEYED;
		alg->blocksize = 1;
		alg->ctxsize = sizeof(struct xchacha_ctx);
		alg->skcipher.ops = &xchacha_ops;
		alg->skcipher.min_keysize = 32;
		alg->skcipher.max_keysize = 32;
		alg->skcipher.ivsize = 32;
		alg->skcipher.chunksize = 64;
		alg->skcipher.statesize = sizeof(struct xchacha_state);
		alg->data = row;
		if (ualg_alg_register(alg) < 0)
			free(alg);
	}
}

/*
 * Published answers for the core at 20 rounds (12 rounds differ only in the
 * loop bound): RFC 8439 §2.3.2 (block function: key 00..1f, nonce
 * 000000090000004a00000000, counter 1) and draft-irtf-cfrg-xchacha-03
 * §2.2.1 (HChaCha20: key 00..1f, nonce 000000090000004a0000000031415927).
 */
static const char rfc8439_block[] =
	"10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
	"d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e";
static const char xchacha_hchacha20[] =
	"82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc";

/* see alg/sw/skcipher.h */
int ualg_chacha_selfcheck(void)
{
	uint8_t key[32], iv[16] = {1, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0};
	uint8_t nonce[16] = {0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0, 0x31, 0x41, 0x59, 0x27};
	uint8_t out[64], *want = NULL;
	uint32_t st[16];
	size_t wlen = 0;
	int r = 0;

	for (int i = 0; i < 32; i++)
		key[i] = (uint8_t)i;
	/* counter 1 then the nonce, little-endian words as RFC 8439 §2.3 */
	ualg_chacha_init(st, key, iv);
	ualg_chacha_block(st, out, 20);
	if (ualg_hex_decode(rfc8439_block, &want, &wlen) < 0)
		return -ENOMEM;
	if (wlen != 64 || memcmp(out, want, 64))
		r = -ELIBBAD;
	/* the 4-block path and the counter step give the same stream */
	st[12] = 0;
	{
		uint8_t z[320] = {0};

		ualg_chacha_crypt(st, z, z, sizeof(z), 20);
		if (st[12] != 5 || memcmp(z + 64, want, 64))
			r = -ELIBBAD;
	}
	free(want);
	want = NULL;
	ualg_hchacha(out, key, nonce, 20);
	if (ualg_hex_decode(xchacha_hchacha20, &want, &wlen) < 0)
		return -ENOMEM;
	if (wlen != 32 || memcmp(out, want, 32))
		r = -ELIBBAD;
	free(want);
	return r;
}
