/* SPDX-License-Identifier: MIT */
#ifndef UALG_ALG_SW_AEAD_H
#define UALG_ALG_SW_AEAD_H

/*
 * AEADs of the aead family that libcrypto lacks, written here, and the
 * leaves built on them (registered by ualg_sw_aead_register()).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * "aegis128" (alg/sw/aegis128.c): AEGIS-128 as the kernel implements it
 * (crypto/aegis128-core.c; the CAESAR final-portfolio version): 16-byte
 * key and IV, tags of 8..16 bytes. Registered as "aegis128-ualg", which the
 * kernel's "aegis128-generic" and "aegis128-aesni" name.
 */
void ualg_sw_aead_register(void);

/*
 * One whole AEGIS-128 message: dst = src encrypted (enc) or decrypted over
 * len bytes (dst may equal src), ad authenticated, and the full 16-byte tag
 * written to tag (on decrypt the caller compares it). portable forces the
 * constant-time table-free AES round even when AES-NI is present; false
 * picks the fastest path. For the self-check and the unit tests.
 */
void ualg_aegis128_crypt(const uint8_t key[16], const uint8_t iv[16], const uint8_t *ad,
			 size_t adlen, const uint8_t *src, uint8_t *dst, size_t len,
			 uint8_t tag[16], bool enc, bool portable);

/*
 * One AES encryption round, AESENC: out = MixColumns(ShiftRows(SubBytes(in)))
 * ^ rk, on the path ualg_aegis128_crypt() would take with portable.
 */
void ualg_aegis128_aes_round(uint8_t out[16], const uint8_t in[16], const uint8_t rk[16],
			     bool portable);

/* true when the AES-NI path is in use (the CPU has AES and it was built). */
bool ualg_aegis128_have_aesni(void);

/*
 * The AES round both paths rest on, against FIPS-197 Appendix B (round 1 of
 * the cipher example), and the two paths against each other over a few
 * messages: 0, or -ELIBBAD. alg is not used (the form of a ualg_selfcheck
 * row); the unit tests run it, the registry's self-test has the KAT row.
 */
struct ualg_alg;
int ualg_aegis128_selfcheck(const struct ualg_alg *alg);

#endif
