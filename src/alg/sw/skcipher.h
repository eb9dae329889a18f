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
 * The ChaCha core with a round count (alg/sw/chacha.c; 12 or 20 here):
 * no well-kept C library has ChaCha12. A state is 16 words: the constants,
 * the key, then iv as four little-endian words (word 12 the block counter,
 * which wraps within the nonce as in the kernel).
 */
void ualg_chacha_init(uint32_t st[16], const uint8_t key[32], const uint8_t iv[16]);
/* the bare permutation, nrounds rounds (even), no final addition */
void ualg_chacha_permute(uint32_t x[16], unsigned int nrounds);
/* one 64-byte keystream block of st (RFC 8439 §2.3 with nrounds); st unchanged */
void ualg_chacha_block(const uint32_t st[16], uint8_t out[64], unsigned int nrounds);
/*
 * dst = src ^ keystream over len bytes; st[12] advances by one per block
 * begun (a trailing partial block consumes a whole one). dst may equal src.
 */
void ualg_chacha_crypt(uint32_t st[16], uint8_t *dst, const uint8_t *src, size_t len,
		       unsigned int nrounds);
/* HChaCha with nrounds (draft-irtf-cfrg-xchacha §2.2 for 20) */
void ualg_hchacha(uint8_t out[32], const uint8_t key[32], const uint8_t nonce[16],
		  unsigned int nrounds);

/*
 * "xchacha12" (alg/sw/xchacha12.c): the kernel's XChaCha with 12 rounds,
 * 32-byte IV (nonce || stream position). Registered by
 * ualg_sw_skcipher_register().
 */
void ualg_sw_xchacha_register(void);
/* Check of the ChaCha core against published answers: 0 or -ELIBBAD. */
int ualg_chacha_selfcheck(void);

/*
 * "ecb(arc4)" (RC4 with the kernel's statesize continuation: libcrypto
 * cannot export an RC4 keystream position) and the null cipher pair
 * "cipher_null" / "ecb(cipher_null)" (RFC 2410).
 */
void ualg_sw_skcipher_register(void);

/* Big-endian add of n to the len-byte counter ctr (ctr mode output IVs). */
void ualg_ctr_add(uint8_t *ctr, size_t len, uint64_t n);

#endif
