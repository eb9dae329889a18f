/* SPDX-License-Identifier: MIT */
/* Known answers for single-block ciphers, each from the public standard cited. */
#include "alg/kat.h"

/* see alg/kat.h */
const struct ualg_kat ualg_kat_cipher[] = {
	/* FIPS 197, Appendix C.1 (AES-128) */
	{ .name = "aes",
	  .key = "000102030405060708090a0b0c0d0e0f",
	  .ptext = "00112233445566778899aabbccddeeff",
	  .ctext = "69c4e0d86a7b0430d8cdb78070b4c55a" },
	/* FIPS 197, Appendix C.3 (AES-256) */
	{ .name = "aes",
	  .key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  .ptext = "00112233445566778899aabbccddeeff",
	  .ctext = "8ea2b7ca516745bfeafc49904b496089" },
	{ .name = NULL },
};
