/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_EVP_POLY1305_H
#define UALG_ALG_EVP_POLY1305_H

/*
 * The kernel's "core" Poly1305 (poly1305_core_*: h = sum of the 16-byte
 * blocks times powers of r modulo 2^130 - 5, emitted mod 2^128, no final s
 * addition) over OpenSSL's EVP_MAC "POLY1305" from the private context: it
 * is standard Poly1305 with the s half of the key set to zero. Used by
 * NH-Poly1305 and Adiantum's header hash, which only feed whole blocks.
 * Callers outside alg/evp/ see an opaque handle.
 */
#include <stddef.h>
#include <stdint.h>

struct ualg_poly1305;

/* A new handle; NULL when out of memory or OpenSSL lacks POLY1305. */
struct ualg_poly1305 *ualg_poly1305_new(void);
/* Free (OpenSSL cleanses the state); takes NULL. */
void ualg_poly1305_free(struct ualg_poly1305 *p);
/* Start a computation keyed with r (clamped as Poly1305 does). -EINVAL. */
int ualg_poly1305_core_init(struct ualg_poly1305 *p, const uint8_t r[16]);
int ualg_poly1305_update(struct ualg_poly1305 *p, const uint8_t *data, size_t len);
/* The 16-byte little-endian h mod 2^128; the handle must be re-initialised after. */
int ualg_poly1305_final(struct ualg_poly1305 *p, uint8_t out[16]);
/* A copy continuing exactly as p; NULL when out of memory. */
struct ualg_poly1305 *ualg_poly1305_dup(const struct ualg_poly1305 *p);

#endif
