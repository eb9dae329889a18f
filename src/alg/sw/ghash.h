/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_SW_GHASH_H
#define UALG_ALG_SW_GHASH_H

/*
 * GHASH (NIST SP 800-38D §6.4): multiplication by H in GF(2^128) with GCM's
 * bit order, and POLYVAL (RFC 8452) on top of it. OpenSSL 3.0 exposes
 * neither, so this is our own, usable by gcm over any 16-byte block cipher
 * and by hctr2. Constant time either way: carry-less multiplication
 * (PCLMULQDQ, about 400 MB/s) when the CPU has it, else a branch-free
 * bit-serial multiply without tables (about 45 MB/s). The environment
 * variable UALG_NO_PCLMUL forces the portable path (for testing both).
 */
#include <stddef.h>
#include <stdint.h>

struct ualg_ghash_key {
	uint64_t hi, lo; /* H as a big-endian 128-bit value */
};

/* Load H (16 bytes, usually E_K(0^128)). */
void ualg_ghash_setkey(struct ualg_ghash_key *key, const uint8_t h[16]);

/* acc = (acc ^ block) * H for each of nblocks 16-byte blocks of p. */
void ualg_ghash_blocks(const struct ualg_ghash_key *key, uint8_t acc[16], const uint8_t *p,
		       size_t nblocks);

/*
 * POLYVAL (RFC 8452 §3), through GHASH as RFC 8452 appendix A shows:
 * POLYVAL(H, X) = rev(GHASH(mulX_GHASH(rev(H)), rev(X1), ...)). acc is in
 * POLYVAL byte order. Same constant-time property as GHASH.
 */
void ualg_polyval_setkey(struct ualg_ghash_key *key, const uint8_t h[16]);
void ualg_polyval_blocks(const struct ualg_ghash_key *key, uint8_t acc[16], const uint8_t *p,
			 size_t nblocks);

#endif
