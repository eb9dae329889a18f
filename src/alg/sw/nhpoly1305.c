/* SPDX-License-Identifier: MIT */
/*
 * "nhpoly1305": Adiantum's ε-∆U hash for equal-length inputs (Adiantum
 * paper §6.4, eprint 2018/720: H_L = Poly1305_{K_L}(NH_{K_N}(pad_128(L))))
 * as the kernel's keyed shash (crypto/nhpoly1305.c). Not a cryptographic
 * hash. NH has no implementation in any well-kept C library, so it is
 * written here; Poly1305 is OpenSSL's (alg/evp/poly1305.h, core form).
 *
 * Implementation Notes
 *
 * Key: 1088 bytes exactly (else -EINVAL): the Poly1305 r (16 bytes), then
 * 268 little-endian NH key words. Without a key the tfm is NEED_KEY (init
 * answers -ENOKEY), as the kernel's shash with a setkey.
 *
 * The message is cut into 16-byte units; a trailing partial unit is padded
 * with zeros at final. Units form NH messages of 1024 bytes (the last may
 * be shorter); NH over one is four 64-bit sums, pass i taking key words
 * from 4i on, each unit (m0..m3) adding (m0 + k0)(m2 + k2) + (m1 + k1)(m3 +
 * k3) with 32-bit adds and a 32x32->64 product, the key advancing 4 words
 * per unit. The four sums (32 bytes, little-endian) are two Poly1305
 * blocks. Updates that split an NH message continue it from its key
 * offset, adding the partial sums: the result does not depend on how the
 * data was split. The digest is Poly1305's h mod 2^128 (16 bytes).
 */
#include <string.h>

#include "alg/alg.h"
#include "alg/evp/poly1305.h"
#include "alg/sw/hash.h"
#include "core/ct.h"

#define NH_UNIT 16
#define NH_MESSAGE_BYTES 1024
#define NH_PASSES 4
#define NH_KEY_WORDS (NH_MESSAGE_BYTES / 4 + 4 * (NH_PASSES - 1))
#define NHPOLY_KEY_SIZE (16 + 4 * NH_KEY_WORDS)

struct nhpoly_tfm {
	uint8_t poly_r[16];
	uint32_t nh_key[NH_KEY_WORDS];
	struct ualg_poly1305 *spare; /* a free EVP ctx kept for the next desc */
};

struct nhpoly_desc {
	struct ualg_poly1305 *mac;
	uint8_t buf[NH_UNIT];
	unsigned int buflen;
	unsigned int nh_remaining; /* bytes left in the current NH message; 0: none open */
	uint64_t nh_hash[NH_PASSES];
};

/* The kernel's statesize (struct nhpoly1305_state), as /proc/crypto shows it. */
#define NHPOLY_KERNEL_STATESIZE 80

static struct ualg_poly1305 *spare_take(struct nhpoly_tfm *t)
{
	return __atomic_exchange_n(&t->spare, NULL, __ATOMIC_ACQ_REL);
}

static bool spare_put(struct nhpoly_tfm *t, struct ualg_poly1305 *p)
{
	struct ualg_poly1305 *none = NULL;

	return __atomic_compare_exchange_n(&t->spare, &none, p, false, __ATOMIC_ACQ_REL,
					   __ATOMIC_ACQUIRE);
}

/* NH over len bytes (a multiple of 16) with the key from word 0 of key */
static void nh(const uint32_t *key, const uint8_t *m, size_t len, uint64_t sums[NH_PASSES])
{
	uint64_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;

	for (; len; len -= NH_UNIT, m += NH_UNIT, key += 4) {
		uint32_t m0 = ualg_get_le32(m), m1 = ualg_get_le32(m + 4);
		uint32_t m2 = ualg_get_le32(m + 8), m3 = ualg_get_le32(m + 12);

		s0 += (uint64_t)(uint32_t)(m0 + key[0]) * (uint32_t)(m2 + key[2]) +
		      (uint64_t)(uint32_t)(m1 + key[1]) * (uint32_t)(m3 + key[3]);
		s1 += (uint64_t)(uint32_t)(m0 + key[4]) * (uint32_t)(m2 + key[6]) +
		      (uint64_t)(uint32_t)(m1 + key[5]) * (uint32_t)(m3 + key[7]);
		s2 += (uint64_t)(uint32_t)(m0 + key[8]) * (uint32_t)(m2 + key[10]) +
		      (uint64_t)(uint32_t)(m1 + key[9]) * (uint32_t)(m3 + key[11]);
		s3 += (uint64_t)(uint32_t)(m0 + key[12]) * (uint32_t)(m2 + key[14]) +
		      (uint64_t)(uint32_t)(m1 + key[13]) * (uint32_t)(m3 + key[15]);
	}
	sums[0] = s0;
	sums[1] = s1;
	sums[2] = s2;
	sums[3] = s3;
}

/* the finished NH value of the open message into Poly1305 */
static int nh_emit(struct nhpoly_desc *d)
{
	uint8_t blk[8 * NH_PASSES];
	int r;

	for (int i = 0; i < NH_PASSES; i++)
		ualg_put_le64(blk + 8 * i, d->nh_hash[i]);
	r = ualg_poly1305_update(d->mac, blk, sizeof(blk));
	ualg_wipe(blk, sizeof(blk));
	return r;
}

/* whole units (len a nonzero multiple of 16) */
static int nh_units(const struct nhpoly_tfm *t, struct nhpoly_desc *d, const uint8_t *m, size_t len)
{
	uint64_t part[NH_PASSES];
	int r = 0;

	while (len && r >= 0) {
		size_t n;

		if (!d->nh_remaining) {
			n = len < NH_MESSAGE_BYTES ? len : NH_MESSAGE_BYTES;
			nh(t->nh_key, m, n, d->nh_hash);
			d->nh_remaining = (unsigned int)(NH_MESSAGE_BYTES - n);
		} else {
			size_t pos = NH_MESSAGE_BYTES - d->nh_remaining;

			n = len < d->nh_remaining ? len : d->nh_remaining;
			nh(t->nh_key + pos / 4, m, n, part);
			for (int i = 0; i < NH_PASSES; i++)
				d->nh_hash[i] += part[i];
			d->nh_remaining -= (unsigned int)n;
		}
		if (!d->nh_remaining)
			r = nh_emit(d);
		m += n;
		len -= n;
	}
	ualg_wipe(part, sizeof(part));
	return r;
}

static int nhpoly_setkey(struct ualg_tfm *tfm, const uint8_t *key, size_t keylen)
{
	struct nhpoly_tfm *t = ualg_tfm_ctx(tfm);

	if (keylen != NHPOLY_KEY_SIZE)
		return -EINVAL;
	memcpy(t->poly_r, key, 16);
	for (int i = 0; i < NH_KEY_WORDS; i++)
		t->nh_key[i] = ualg_get_le32(key + 16 + 4 * i);
	return 0;
}

static int nhpoly_init(struct ualg_hash_desc *desc)
{
	struct nhpoly_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct nhpoly_desc *d = ualg_hash_desc_ctx(desc);

	memset(d, 0, sizeof(*d));
	d->mac = spare_take(t);
	if (!d->mac)
		d->mac = ualg_poly1305_new();
	if (!d->mac)
		return -ENOMEM;
	if (ualg_poly1305_core_init(d->mac, t->poly_r) < 0) {
		ualg_poly1305_free(d->mac);
		d->mac = NULL;
		return -EINVAL;
	}
	return 0;
}

static int nhpoly_update(struct ualg_hash_desc *desc, const uint8_t *data, size_t len)
{
	const struct nhpoly_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct nhpoly_desc *d = ualg_hash_desc_ctx(desc);
	int r;

	if (d->buflen) {
		size_t n = NH_UNIT - d->buflen < len ? NH_UNIT - d->buflen : len;

		memcpy(d->buf + d->buflen, data, n);
		d->buflen += (unsigned int)n;
		data += n;
		len -= n;
		if (d->buflen < NH_UNIT)
			return 0;
		r = nh_units(t, d, d->buf, NH_UNIT);
		d->buflen = 0;
		if (r < 0)
			return r;
	}
	if (len >= NH_UNIT) {
		size_t n = len - len % NH_UNIT;

		r = nh_units(t, d, data, n);
		if (r < 0)
			return r;
		data += n;
		len -= n;
	}
	memcpy(d->buf, data, len);
	d->buflen = (unsigned int)len;
	return 0;
}

static int nhpoly_final(struct ualg_hash_desc *desc, uint8_t *out)
{
	const struct nhpoly_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct nhpoly_desc *d = ualg_hash_desc_ctx(desc);
	int r = 0;

	if (d->buflen) {
		memset(d->buf + d->buflen, 0, NH_UNIT - d->buflen);
		r = nh_units(t, d, d->buf, NH_UNIT);
		d->buflen = 0;
	}
	/* an NH message still open (shorter than 1024 bytes) */
	if (r >= 0 && d->nh_remaining)
		r = nh_emit(d);
	if (r >= 0)
		r = ualg_poly1305_final(d->mac, out);
	return r;
}

static int nhpoly_copy(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src)
{
	const struct nhpoly_desc *s = (const struct nhpoly_desc *)src->ctx;
	struct nhpoly_desc *d = ualg_hash_desc_ctx(dst);

	*d = *s;
	d->mac = ualg_poly1305_dup(s->mac);
	return d->mac ? 0 : -ENOMEM;
}

static void nhpoly_destroy(struct ualg_hash_desc *desc)
{
	struct nhpoly_tfm *t = ualg_tfm_ctx(desc->tfm);
	struct nhpoly_desc *d = ualg_hash_desc_ctx(desc);

	/* a kept ctx is re-keyed by its next init, which resets it */
	if (d->mac && !spare_put(t, d->mac))
		ualg_poly1305_free(d->mac);
	ualg_wipe(d, sizeof(*d));
}

static void nhpoly_exit_tfm(struct ualg_tfm *tfm)
{
	struct nhpoly_tfm *t = ualg_tfm_ctx(tfm);

	ualg_poly1305_free(spare_take(t));
	ualg_wipe(t, sizeof(*t));
}

static const struct ualg_hash_ops nhpoly_ops = {
	.setkey = nhpoly_setkey,
	.init = nhpoly_init,
	.update = nhpoly_update,
	.final = nhpoly_final,
	.copy = nhpoly_copy,
	.destroy = nhpoly_destroy,
};

/* see alg/sw/hash.h */
const struct ualg_sw_hash ualg_sw_nhpoly1305 = {
	.name = "nhpoly1305",
	.digestsize = 16,
	.blocksize = 0,
	.ctxsize = sizeof(struct nhpoly_tfm),
	.descsize = sizeof(struct nhpoly_desc),
	.statesize = NHPOLY_KERNEL_STATESIZE,
	.flags = UALG_F_KEYED,
	.exit_tfm = nhpoly_exit_tfm,
	.ops = &nhpoly_ops,
};
