/* SPDX-License-Identifier: MIT */
/* Known answers for skcipher algorithms, each from the public standard cited. */
#include "alg/kat.h"

/* NIST SP 800-38A Appendix F: AES-128 key and the four plaintext blocks */
#define SP38A_KEY "2b7e151628aed2a6abf7158809cf4f3c"
#define SP38A_PT                                                                                   \
	"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"                         \
	"30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710"

/* see alg/kat.h */
const struct ualg_kat ualg_kat_skcipher[] = {
	/* NIST SP 800-38A F.1.1 ECB-AES128.Encrypt */
	{ .name = "ecb(aes)",
	  .key = SP38A_KEY,
	  .ptext = SP38A_PT,
	  .ctext = "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
		   "43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4" },
	/* NIST SP 800-38A F.2.1 CBC-AES128.Encrypt; output IV = last ciphertext block */
	{ .name = "cbc(aes)",
	  .key = SP38A_KEY,
	  .iv = "000102030405060708090a0b0c0d0e0f",
	  .ptext = SP38A_PT,
	  .ctext = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
		   "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7",
	  .iv_out = "3ff1caa1681fac09120eca307586e1a7" },
	/* NIST SP 800-38A F.5.1 CTR-AES128.Encrypt; output IV = counter block 5 */
	{ .name = "ctr(aes)",
	  .key = SP38A_KEY,
	  .iv = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
	  .ptext = SP38A_PT,
	  .ctext = "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
		   "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee",
	  .iv_out = "f0f1f2f3f4f5f6f7f8f9fafbfcfdff03" },
	/* NIST SP 800-38A F.3.13 CFB128-AES128.Encrypt; output IV = last ciphertext block */
	{ .name = "cfb(aes)",
	  .key = SP38A_KEY,
	  .iv = "000102030405060708090a0b0c0d0e0f",
	  .ptext = SP38A_PT,
	  .ctext = "3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b"
		   "26751f67a3cbb140b1808cf187a4f4dfc04b05357c5d1c0eeac4c66f9ff7f2e6",
	  .iv_out = "c04b05357c5d1c0eeac4c66f9ff7f2e6" },
	/* NIST SP 800-38A F.4.1 OFB-AES128.Encrypt; output IV = output block 4 */
	{ .name = "ofb(aes)",
	  .key = SP38A_KEY,
	  .iv = "000102030405060708090a0b0c0d0e0f",
	  .ptext = SP38A_PT,
	  .ctext = "3b3fd92eb72dad20333449f8e83cfb4a7789508d16918f03f53c52dac54ed825"
		   "9740051e9c5fecf64344f7a82260edcc304c6528f659c77866a510d9c1d6ae5e",
	  .iv_out = "c6d3416d29165c6fcb8e51a227ba994e" },
	/*
	 * IEEE Std 1619-2007 Annex B, vector 15 (XTS-AES-128, 17 bytes: ciphertext
	 * stealing); IV = the data unit sequence number, little-endian. The
	 * output IV is not checked: the x86 kernel driver's (the direct leaf's)
	 * and crypto/xts.c's (the template's) differ, see evp/skcipher.c.
	 */
	{ .name = "xts(aes)",
	  .key = "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0bfbebdbcbbbab9b8b7b6b5b4b3b2b1b0",
	  .iv = "9a785634120000000000000000000000",
	  .ptext = "000102030405060708090a0b0c0d0e0f10",
	  .ctext = "6c1625db4671522d3d7599601de7ca09ed" },
	/*
	 * RFC 3962 Appendix B (AES-128 CTS, CBC-CS3), tests 1 and 2. The output IV
	 * is not checked: the leaf leaves the x86 driver's, the template
	 * crypto/cts.c's (RFC 3962's "next IV"); testmgr has none either.
	 */
	{ .name = "cts(cbc(aes))",
	  .key = "636869636b656e207465726979616b69",
	  .iv = "00000000000000000000000000000000",
	  .ptext = "4920776f756c64206c696b652074686520",
	  .ctext = "c6353568f2bf8cb4d8a580362da7ff7f97" },
	{ .name = "cts(cbc(aes))",
	  .key = "636869636b656e207465726979616b69",
	  .iv = "00000000000000000000000000000000",
	  .ptext = "4920776f756c64206c696b65207468652047656e6572616c20476175277320",
	  .ctext = "fc00783e0efdb2c1d445d4c8eff7ed2297687268d6ecccc0c07b25e25ecfe5" },
	/* RFC 3686 §6 Test Vector #1 and #2 (key = AES key || nonce); IV unchanged */
	{ .name = "rfc3686(ctr(aes))",
	  .key = "ae6852f8121067cc4bf7a5765577f39e00000030",
	  .iv = "0000000000000000",
	  .ptext = "53696e676c6520626c6f636b206d7367",
	  .ctext = "e4095d4fb7a7b3792d6175a3261311b8",
	  .iv_out = "0000000000000000" },
	{ .name = "rfc3686(ctr(aes))",
	  .key = "7e24067817fae0d743d6ce1f32539163006cb6db",
	  .iv = "c0543b59da48d90b",
	  .ptext = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  .ctext = "5104a106168a72d9790d41ee8edad388eb2e1efc46da57c8fce630df9141be28",
	  .iv_out = "c0543b59da48d90b" },
	/*
	 * RFC 8439 §2.4.2 (counter 1, nonce 000000000000004a00000000); the
	 * kernel's 16-byte IV is the little-endian counter || nonce.
	 */
	{ .name = "chacha20",
	  .key = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  .iv = "01000000000000000000004a00000000",
	  .ptext = "4c616469657320616e642047656e746c656d656e206f662074686520636c6173"
		   "73206f66202739393a204966204920636f756c64206f6666657220796f75206f"
		   "6e6c79206f6e652074697020666f7220746865206675747572652c2073756e73"
		   "637265656e20776f756c642062652069742e",
	  .ctext = "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
		   "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
		   "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
		   "5af90bbf74a35be6b40b8eedf2785e42874d",
	  .iv_out = "01000000000000000000004a00000000" },
	/* RFC 8439 Appendix A.2 Test Vector #1: the keystream of the zero key, block 0 */
	{ .name = "chacha20",
	  .key = "0000000000000000000000000000000000000000000000000000000000000000",
	  .iv = "00000000000000000000000000000000",
	  .ptext = "0000000000000000000000000000000000000000000000000000000000000000"
		   "0000000000000000000000000000000000000000000000000000000000000000",
	  .ctext = "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
		   "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586" },
	/* RFC 2410 §2: the NULL encryption algorithm is the identity */
	{ .name = "ecb(cipher_null)",
	  .ptext = "000102030405060708090a0b0c0d0e0f",
	  .ctext = "000102030405060708090a0b0c0d0e0f" },
	{ .name = NULL },
};
