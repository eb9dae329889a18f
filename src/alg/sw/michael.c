/* SPDX-License-Identifier: MIT */
/*
 * Michael MIC (IEEE 802.11i TKIP), the kernel's "michael_mic": 8-byte key
 * (two little-endian words), 8-byte digest, data taken as little-endian
 * 32-bit words, padded with 0x5a and zeros plus one zero word. OpenSSL has
 * no Michael. Branch-free and table-free: constant time.
 */
#include <string.h>

#include "alg/alg.h"
#include "alg/sw/hash.h"

struct michael_tfm {
	uint32_t l, r;
};

struct michael_desc {
	uint32_t l, r;
	uint8_t pend[4];
	unsigned int npend;
};

static inline uint32_t rol32(uint32_t x, unsigned int n)
{
	return (x << n) | (x >> (32 - n));
}

static void michael_block(uint32_t *l, uint32_t *r, uint32_t m)
{
	*l ^= m;
	*r ^= rol32(*l, 17);
	*l += *r;
	*r ^= ((*l & 0xff00ff00u) >> 8) | ((*l & 0x00ff00ffu) << 8);
	*l += *r;
	*r ^= rol32(*l, 3);
	*l += *r;
	*r ^= rol32(*l, 30);
	*l += *r;
}

static int michael_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct michael_tfm *t = ualg_tfm_ctx(tfm);

	if (keylen != 8)
		return -EINVAL;
	t->l = ualg_get_le32(key);
	t->r = ualg_get_le32(key + 4);
	return 0;
}

static int michael_init(struct ualg_hash_desc *desc)
{
	struct michael_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct michael_desc *d = ualg_hash_desc_ctx(desc);

	d->l = t->l;
	d->r = t->r;
	d->npend = 0;
	return 0;
}

static int michael_update(struct ualg_hash_desc *desc, const uint8_t *p, size_t len)
{
	struct michael_desc *d = ualg_hash_desc_ctx(desc);

	while (len && d->npend) {
		d->pend[d->npend++] = *p++;
		len--;
		if (d->npend == 4) {
			michael_block(&d->l, &d->r, ualg_get_le32(d->pend));
			d->npend = 0;
		}
	}
	if (d->npend)
		return 0; /* all data went into the pending word */
	for (; len >= 4; len -= 4, p += 4)
		michael_block(&d->l, &d->r, ualg_get_le32(p));
	memcpy(d->pend, p, len);
	d->npend = (unsigned int)len;
	return 0;
}

static int michael_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	struct michael_desc *d = ualg_hash_desc_ctx(desc);
	uint8_t last[4] = { 0 };

	memcpy(last, d->pend, d->npend);
	last[d->npend] = 0x5a;
	michael_block(&d->l, &d->r, ualg_get_le32(last));
	michael_block(&d->l, &d->r, 0);
	ualg_put_le32(out, d->l);
	ualg_put_le32(out + 4, d->r);
	return 0;
}

static const struct ualg_hash_ops michael_ops = {
	.setkey = michael_setkey,
	.init = michael_init,
	.update = michael_update,
	.final = michael_final,
	.copy = ualg_sw_hash_copy_plain,
};

/* see alg/sw/hash.h */
const struct ualg_sw_hash ualg_sw_michael_mic = {
	.name = "michael_mic",
	.digestsize = 8,
	.blocksize = 8,
	.ctxsize = sizeof(struct michael_tfm),
	.descsize = sizeof(struct michael_desc),
	.statesize = sizeof(struct michael_desc),
	.flags = UALG_F_KEYED,
	.ops = &michael_ops,
};
