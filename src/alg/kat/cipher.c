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
	/* RFC 3713 Appendix A (Camellia-128, -192, -256) */
	{ .name = "camellia",
	  .key = "0123456789abcdeffedcba9876543210",
	  .ptext = "0123456789abcdeffedcba9876543210",
	  .ctext = "67673138549669730857065648eabe43" },
	{ .name = "camellia",
	  .key = "0123456789abcdeffedcba98765432100011223344556677",
	  .ptext = "0123456789abcdeffedcba9876543210",
	  .ctext = "b4993401b3e996f84ee5cee7d79b09b9" },
	{ .name = "camellia",
	  .key = "0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff",
	  .ptext = "0123456789abcdeffedcba9876543210",
	  .ctext = "9acc237dff16d76c20ef7c919e3a7509" },
	/* RFC 5794 Appendix A.1 and A.3 (ARIA-128, ARIA-256) */
	{ .name = "aria",
	  .key = "000102030405060708090a0b0c0d0e0f",
	  .ptext = "00112233445566778899aabbccddeeff",
	  .ctext = "d718fbd6ab644c739da95f3be6451778" },
	{ .name = "aria",
	  .key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  .ptext = "00112233445566778899aabbccddeeff",
	  .ctext = "f92bd7c79fb72e2f2b8f80c1972d24fc" },
	/* GB/T 32907-2016 (SM4) Appendix A, example 1 */
	{ .name = "sm4",
	  .key = "0123456789abcdeffedcba9876543210",
	  .ptext = "0123456789abcdeffedcba9876543210",
	  .ctext = "681edf34d206965e86b3e94f536e4246" },
	/* NIST SP 800-20 Table 1 (variable plaintext KAT), first two rows */
	{ .name = "des",
	  .key = "0101010101010101",
	  .ptext = "80000000000000004000000000000000",
	  .ctext = "95f8a5e5dd31d900dd7f121ca5015619" },
	/* NIST SP 800-20 Table 1 for TDEA: K1 = K2 = K3 gives the DES answers */
	{ .name = "des3_ede",
	  .key = "010101010101010101010101010101010101010101010101",
	  .ptext = "80000000000000004000000000000000",
	  .ctext = "95f8a5e5dd31d900dd7f121ca5015619" },
	/* B. Schneier's Blowfish test vectors (vectors.txt), ECB rows 1 and 2 */
	{ .name = "blowfish",
	  .key = "0000000000000000",
	  .ptext = "0000000000000000",
	  .ctext = "4ef997456198dd78" },
	{ .name = "blowfish",
	  .key = "ffffffffffffffff",
	  .ptext = "ffffffffffffffff",
	  .ctext = "51866fd5b85ecb8a" },
	/* RFC 2144 Appendix B.1 (CAST-128 with 128-, 80- and 40-bit keys) */
	{ .name = "cast5",
	  .key = "0123456712345678234567893456789a",
	  .ptext = "0123456789abcdef",
	  .ctext = "238b4fe5847e44b2" },
	{ .name = "cast5",
	  .key = "01234567123456782345",
	  .ptext = "0123456789abcdef",
	  .ctext = "eb6a711a2c02271b" },
	{ .name = "cast5",
	  .key = "0123456712",
	  .ptext = "0123456789abcdef",
	  .ctext = "7ac816d16e9b302e" },
	/* RFC 4269 Appendix B.1 (SEED, zero key) */
	{ .name = "seed",
	  .key = "00000000000000000000000000000000",
	  .ptext = "000102030405060708090a0b0c0d0e0f",
	  .ctext = "5ebac6e0054e166819aff1cc6d346cdb" },
	/*
	 * Serpent (Anderson, Biham, Knudsen), NESSIE test vectors as published
	 * at www.cs.technion.ac.il/~biham/Reports/Serpent/: Set 4, vector# 0
	 * of Serpent-128 and Serpent-256 (the kernel's byte order).
	 */
	{ .name = "serpent",
	  .key = "000102030405060708090a0b0c0d0e0f",
	  .ptext = "00112233445566778899aabbccddeeff",
	  .ctext = "563e2cf8740a27c164804560391e9b27" },
	{ .name = "serpent",
	  .key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  .ptext = "00112233445566778899aabbccddeeff",
	  .ctext = "2868b7a2d28ecd5e4fdefac3c4330074" },
	/*
	 * Serpent AES submission, ecb_vk.txt, KEYSIZE=128 I=1 (KEY=80000000...,
	 * CT=49AFBFAD9D5A34052CD8FFA5986BD2DD). The submission prints keys and
	 * blocks as numbers, most significant byte first; the kernel's byte
	 * strings are those reversed.
	 */
	{ .name = "serpent",
	  .key = "00000000000000000000000000000080",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "ddd26b98a5ffd82c05345a9dadbfaf49" },
	/*
	 * Twofish (Schneier et al., "Twofish: A 128-Bit Block Cipher", 1998),
	 * Appendix A.1 / ecb_ival.txt: the 128-, 192- and 256-bit keys with a
	 * zero plaintext.
	 */
	{ .name = "twofish",
	  .key = "00000000000000000000000000000000",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "9f589f5cf6122c32b6bfec2f2ae8c35a" },
	{ .name = "twofish",
	  .key = "0123456789abcdeffedcba98765432100011223344556677",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "cfd1d2e5a9be9cdf501f13b892bd2248" },
	{ .name = "twofish",
	  .key = "0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "37527be0052334b89f0cfccae87cfa20" },
	/*
	 * RFC 2612 Appendix A (CAST-256 with 128-, 192- and 256-bit keys,
	 * zero plaintext).
	 */
	{ .name = "cast6",
	  .key = "2342bb9efa38542c0af75647f29f615d",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "c842a08972b43d20836c91d1b7530f6b" },
	{ .name = "cast6",
	  .key = "2342bb9efa38542cbed0ac83940ac298bac77a7717942863",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "1b386c0210dcadcbdd0e41aa08a7a7e8" },
	{ .name = "cast6",
	  .key = "2342bb9efa38542cbed0ac83940ac2988d7c47ce264908461cc1b5137ae6b604",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "4f6a2038286897b9c9870136553317fa" },
	/*
	 * Anubis (tweaked), NESSIE test vectors
	 * (Anubis-Tweaked-128-128 and -320-128 .verified.test-vectors),
	 * Set 1, vector# 0: key 80 00 .. 00, zero plaintext.
	 */
	{ .name = "anubis",
	  .key = "80000000000000000000000000000000",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "b835bdc334829d8371bfa371e4b3c4fd" },
	{ .name = "anubis",
	  .key = "80000000000000000000000000000000000000000000000000000000000000000000000000000000",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "fee20e2a9dc583baa3a6d6a6f2e806a5" },
	/*
	 * Khazad (tweaked), NESSIE test vectors
	 * (Khazad-Tweaked-128-64.verified.test-vectors), Set 1, vector# 0.
	 */
	{ .name = "khazad",
	  .key = "80000000000000000000000000000000",
	  .ptext = "0000000000000000",
	  .ctext = "49a4ce32ac190e3f" },
	/*
	 * TEA, XTEA and XETA: no standard publishes answers (the papers give
	 * code, not vectors), so they get the cipher consistency test; their
	 * answers are checked by the kernel's vectors in the vectors suite.
	 */
	{ .name = NULL },
};
