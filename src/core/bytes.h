/* SPDX-License-Identifier: MIT */
#ifndef UALG_CORE_BYTES_H
#define UALG_CORE_BYTES_H

/* Loads and stores of fixed-endian words from byte strings of any alignment. */
#include <stdint.h>

static inline uint32_t ualg_get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void ualg_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline uint64_t ualg_get_be64(const uint8_t *p)
{
	return (uint64_t)ualg_get_be32(p) << 32 | ualg_get_be32(p + 4);
}

static inline void ualg_put_be64(uint8_t *p, uint64_t v)
{
	ualg_put_be32(p, (uint32_t)(v >> 32));
	ualg_put_be32(p + 4, (uint32_t)v);
}

static inline uint32_t ualg_get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void ualg_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

#endif
