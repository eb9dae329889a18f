/* SPDX-License-Identifier: MIT */
/* Known answers for aead algorithms, each from the public standard cited. */
#include "alg/kat.h"

/* RFC 8439 §2.8.2 plaintext: "Ladies and Gentlemen of the class of '99: ..." */
#define RFC8439_PTEXT                                                                      \
	"4c616469657320616e642047656e746c656d656e206f662074686520636c617373206f66202739393a20" \
	"4966204920636f756c64206f6666657220796f75206f6e6c79206f6e652074697020666f722074686520" \
	"6675747572652c2073756e73637265656e20776f756c642062652069742e"
#define RFC8439_CTEXT                                                                      \
	"d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca96712" \
	"82fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58" \
	"fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116"            \
	"1ae10b594f09e26a7e902ecbd0600691"

/* The GCM specification (McGrew, Viega), test cases 3/4 and 15/16 share these */
#define GCM_SPEC_PTEXT                                                                     \
	"d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf" \
	"0e2449a6b525b16aedf5aa0de657ba637b39"
#define GCM_SPEC_AAD "feedfacedeadbeeffeedfacedeadbeefabaddad2"

/* see alg/kat.h */
const struct ualg_kat ualg_kat_aead[] = {
	/* The GCM specification (McGrew, Viega; NIST SP 800-38D), test case 2 */
	{ .name = "gcm(aes)",
	  .key = "00000000000000000000000000000000",
	  .iv = "000000000000000000000000",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf" },
	/* The GCM specification, test case 4 (AES-128, AAD, partial block) */
	{ .name = "gcm(aes)",
	  .key = "feffe9928665731c6d6a8f9467308308",
	  .iv = "cafebabefacedbaddecaf888",
	  .assoc = GCM_SPEC_AAD,
	  .ptext = GCM_SPEC_PTEXT,
	  .ctext = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c"
		   "7d8f6a5aac84aa051ba30b396a0aac973d58e091"
		   "5bc94fbc3221a5db94fae95ae7121a47" },
	/* The GCM specification, test case 16 (AES-256, AAD, partial block) */
	{ .name = "gcm(aes)",
	  .key = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	  .iv = "cafebabefacedbaddecaf888",
	  .assoc = GCM_SPEC_AAD,
	  .ptext = GCM_SPEC_PTEXT,
	  .ctext = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3d"
		   "a7b08b1056828838c5f61e6393ba7a0abcc9f662"
		   "76fc6ece0f4e1768cddf8853bb2d551b" },
	/* The GCM specification, test case 4 truncated to a 12-byte tag (SP 800-38D §5.2.1.2) */
	{ .name = "gcm(aes)",
	  .key = "feffe9928665731c6d6a8f9467308308",
	  .iv = "cafebabefacedbaddecaf888",
	  .assoc = GCM_SPEC_AAD,
	  .ptext = GCM_SPEC_PTEXT,
	  .ctext = "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c"
		   "7d8f6a5aac84aa051ba30b396a0aac973d58e091"
		   "5bc94fbc3221a5db94fae95a",
	  .authsize = 12 },

	/*
	 * CCM: the kernel IV is L' = L - 1, the nonce, zero counter bytes.
	 * RFC 3610 §8, packet vector #1 (13-byte nonce: L = 2, M = 8)
	 */
	{ .name = "ccm(aes)",
	  .key = "c0c1c2c3c4c5c6c7c8c9cacbcccdcecf",
	  .iv = "0100000003020100a0a1a2a3a4a50000",
	  .assoc = "0001020304050607",
	  .ptext = "08090a0b0c0d0e0f101112131415161718191a1b1c1d1e",
	  .ctext = "588c979a61c663d2f066d0c2c0f989806d5f6b61dac384"
		   "17e8d12cfdf926e0",
	  .authsize = 8 },
	/* NIST SP 800-38C Appendix C, example 1 (7-byte nonce: L = 8, Tlen = 32) */
	{ .name = "ccm(aes)",
	  .key = "404142434445464748494a4b4c4d4e4f",
	  .iv = "07101112131415160000000000000000",
	  .assoc = "0001020304050607",
	  .ptext = "20212223",
	  .ctext = "7162015b4dac255d",
	  .authsize = 4 },
	/* NIST SP 800-38C Appendix C, example 2 (8-byte nonce: L = 7, Tlen = 48) */
	{ .name = "ccm(aes)",
	  .key = "404142434445464748494a4b4c4d4e4f",
	  .iv = "06101112131415161700000000000000",
	  .assoc = "000102030405060708090a0b0c0d0e0f",
	  .ptext = "202122232425262728292a2b2c2d2e2f",
	  .ctext = "d2a1f0e051ea5f62081a7792073d593d1fc64fbfaccd",
	  .authsize = 6 },

	/* RFC 8439 §2.8.2 */
	{ .name = "rfc7539(chacha20,poly1305)",
	  .key = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f",
	  .iv = "070000004041424344454647",
	  .assoc = "50515253c0c1c2c3c4c5c6c7",
	  .ptext = RFC8439_PTEXT,
	  .ctext = RFC8439_CTEXT },
	/*
	 * RFC 8439 §2.8.2 in the ESP layout of RFC 7634 §2-3: key || 4-byte
	 * salt (the nonce's first word), 8-byte IV, the IV after the AAD
	 */
	{ .name = "rfc7539esp(chacha20,poly1305)",
	  .key = "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f07000000",
	  .iv = "4041424344454647",
	  .assoc = "50515253c0c1c2c3c4c5c6c74041424344454647",
	  .ptext = RFC8439_PTEXT,
	  .ctext = RFC8439_CTEXT },
	/*
	 * Wu, Preneel, "AEGIS: A Fast Authenticated Encryption Algorithm"
	 * (v1.1, CAESAR submission), AEGIS-128 test vector 1: zero key and
	 * IV, no AD, 128-bit zero plaintext
	 */
	{ .name = "aegis128",
	  .key = "00000000000000000000000000000000",
	  .iv = "00000000000000000000000000000000",
	  .ptext = "00000000000000000000000000000000",
	  .ctext = "951b050fa72b1a2fc16d2e1f01b07d7e"
		   "a7d2a99773249542f422217ee888d5f1" },
	{ .name = NULL },
};
