/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_SW_SKCIPHER_H
#define UALG_ALG_SW_SKCIPHER_H

/*
 * Small primitives of the skcipher family that libcrypto lacks, and the
 * leaves built on them (registered by ualg_skcipher_register()).
 */
#include <stddef.h>
#include <stdint.h>

/*
 * HChaCha20 (draft-irtf-cfrg-xchacha §2.2): a 32-byte subkey from a 32-byte
 * key and a 16-byte nonce. OpenSSL 3.0 has no HChaCha.
 */
void ualg_hchacha20(uint8_t out[32], const uint8_t key[32], const uint8_t nonce[16]);

/*
 * "ecb(arc4)" (RC4 with the kernel's statesize continuation: libcrypto
 * cannot export an RC4 keystream position) and the null cipher pair
 * "cipher_null" / "ecb(cipher_null)" (RFC 2410).
 */
void ualg_sw_skcipher_register(void);

/* Big-endian add of n to the len-byte counter ctr (ctr mode output IVs). */
void ualg_ctr_add(uint8_t *ctr, size_t len, uint64_t n);

#endif
