/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_SW_HASH_H
#define UALG_ALG_SW_HASH_H

/*
 * Hashes OpenSSL 3.0 has no equivalent for with the kernel's semantics (CRCs
 * with the kernel's seeding, michael_mic, xxhash64, ghash, blake2b of every
 * size with an optional key, digest_null). Where a well-kept library has the
 * algorithm the file is a thin adapter over it (xxhash64: libxxhash;
 * crc32: zlib); the rest is written here. blake2b is ours although Debian
 * has libb2: libb2 links libgomp, whose loading costs every process the
 * preload enters about 0.4 ms at start (bench/README.md), a price a
 * system-wide /etc/ld.so.preload cannot pay for an algorithm few use. Each
 * algorithm file exports one descriptor; alg/sw/hash.c turns the list into
 * registered leaves named "<name>-ualg".
 */
#include <stdint.h>

#include "alg/class.h"

struct ualg_sw_hash {
	const char *name;
	unsigned int digestsize, blocksize;
	unsigned int ctxsize, descsize, statesize;
	/*
	 * UALG_F_KEYED: starts in NEED_KEY (michael_mic, ghash);
	 * UALG_F_OPTIONAL_KEY alone: has a setkey but works without a key, and a
	 * failed setkey keeps the old key (crc32c, blake2b): the kernel's
	 * CRYPTO_ALG_OPTIONAL_KEY, never NEED_KEY.
	 */
	uint32_t flags;
	int (*init_tfm)(struct ualg_tfm *tfm);
	void (*exit_tfm)(struct ualg_tfm *tfm);
	const struct ualg_hash_ops *ops;
	const void *priv; /* per-row parameters of a shared implementation */
};

extern const struct ualg_sw_hash ualg_sw_crc32, ualg_sw_crc32c, ualg_sw_crct10dif,
	ualg_sw_crc64_rocksoft, ualg_sw_digest_null, ualg_sw_michael_mic, ualg_sw_xxhash64,
	ualg_sw_ghash, ualg_sw_polyval, ualg_sw_blake2b_160, ualg_sw_blake2b_256, ualg_sw_blake2b_384,
	ualg_sw_blake2b_512, ualg_sw_nhpoly1305;

/* Register every descriptor above (called by ualg_hash_register()). */
void ualg_sw_hash_register(void);

/* copy() for descriptors that hold plain data */
int ualg_sw_hash_copy_plain(struct ualg_hash_desc *dst, const struct ualg_hash_desc *src);

static inline uint32_t ualg_get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t ualg_get_le64(const uint8_t *p)
{
	return (uint64_t)ualg_get_le32(p) | (uint64_t)ualg_get_le32(p + 4) << 32;
}

static inline void ualg_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static inline void ualg_put_le64(uint8_t *p, uint64_t v)
{
	ualg_put_le32(p, (uint32_t)v);
	ualg_put_le32(p + 4, (uint32_t)(v >> 32));
}

#endif
