/* SPDX-License-Identifier: MIT */
/*
 * Known answers for hash algorithms, each from the public standard cited.
 * Digests are in the byte order the kernel's algorithm outputs (the CRCs are
 * little-endian; their check values are the standard "123456789" ones).
 */
#include "alg/kat.h"

#define ABC "616263"
#define HI_THERE "4869205468657265"				     /* "Hi There" */
#define WHAT_DO "7768617420646f2079612077616e7420666f72206e6f7468696e673f" /* RFC 2202/4231 */
#define JEFE "4a656665"
#define CHECK_123456789 "313233343536373839"
#define NIST_PT16 "6bc1bee22e409f96e93d7e117393172a"
#define NIST_PT40 NIST_PT16 "ae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411"
#define NIST_PT64 NIST_PT16 "ae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52ef" \
		  "f69f2445df4f9b17ad2b417be66c3710"
#define NIST_AES128 "2b7e151628aed2a6abf7158809cf4f3c"
#define STREEBOG_M1 "303132333435363738393031323334353637383930313233343536373839303132" \
		    "333435363738393031323334353637383930313233343536373839303132"
#define STREEBOG_M2 "d1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120eceef0ff" \
		    "20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb"

/* see alg/kat.h */
const struct ualg_kat ualg_kat_hash[] = {
	/* RFC 1320 appendix A.5 */
	{ .name = "md4", .ptext = "", .ctext = "31d6cfe0d16ae931b73c59d7e0c089c0" },
	{ .name = "md4", .ptext = ABC, .ctext = "a448017aaf21d8525fc10ae87aa6729d" },
	/* RFC 1321 appendix A.5 */
	{ .name = "md5", .ptext = "", .ctext = "d41d8cd98f00b204e9800998ecf8427e" },
	{ .name = "md5", .ptext = ABC, .ctext = "900150983cd24fb0d6963f7d28e17f72" },
	{ .name = "md5",
	  .ptext = "6d65737361676520646967657374", /* "message digest" */
	  .ctext = "f96b697d7cb7938d525a2f31aaf161d0" },
	/* FIPS 180-4 examples (NIST CSRC "Examples with intermediate values"): "abc" */
	{ .name = "sha1", .ptext = ABC, .ctext = "a9993e364706816aba3e25717850c26c9cd0d89d" },
	{ .name = "sha224",
	  .ptext = ABC,
	  .ctext = "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7" },
	{ .name = "sha256",
	  .ptext = ABC,
	  .ctext = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ .name = "sha384",
	  .ptext = ABC,
	  .ctext = "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
		   "8086072ba1e7cc2358baeca134c825a7" },
	{ .name = "sha512",
	  .ptext = ABC,
	  .ctext = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
		   "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	/* FIPS 202 examples (NIST CSRC "SHA-3 examples"): "abc" */
	{ .name = "sha3-224",
	  .ptext = ABC,
	  .ctext = "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf" },
	{ .name = "sha3-256",
	  .ptext = ABC,
	  .ctext = "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532" },
	{ .name = "sha3-384",
	  .ptext = ABC,
	  .ctext = "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b2"
		   "98d88cea927ac7f539f1edf228376d25" },
	{ .name = "sha3-512",
	  .ptext = ABC,
	  .ctext = "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e"
		   "10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0" },
	/* GB/T 32905-2016 appendix A example 1 */
	{ .name = "sm3",
	  .ptext = ABC,
	  .ctext = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" },
	/* Dobbertin, Bosselaers, Preneel, "RIPEMD-160" (1996), test vectors */
	{ .name = "rmd160", .ptext = ABC, .ctext = "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc" },
	/* ISO/IEC 10118-3:2004 Whirlpool example "abc"; wp384/wp256 are its truncations */
	{ .name = "wp512",
	  .ptext = ABC,
	  .ctext = "4e2448a4c6f486bb16b6562c73b4020bf3043e3a731bce721ae1b303d97e6d4c"
		   "7181eebdb6c57e277d0e34957114cbd6c797fc9d95d8b582d225292076d4eef5" },
	{ .name = "wp384",
	  .ptext = ABC,
	  .ctext = "4e2448a4c6f486bb16b6562c73b4020bf3043e3a731bce721ae1b303d97e6d4c"
		   "7181eebdb6c57e277d0e34957114cbd6" },
	{ .name = "wp256",
	  .ptext = ABC,
	  .ctext = "4e2448a4c6f486bb16b6562c73b4020bf3043e3a731bce721ae1b303d97e6d4c" },
	/* RFC 7693 appendix A: BLAKE2b-512("abc") */
	{ .name = "blake2b-512",
	  .ptext = ABC,
	  .ctext = "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
		   "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923" },

	/* RFC 2202 test cases 1 and 2 */
	{ .name = "hmac(md5)",
	  .key = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
	  .ptext = HI_THERE,
	  .ctext = "9294727a3638bb1c13f48ef8158bfc9d" },
	{ .name = "hmac(md5)",
	  .key = JEFE, /* 4 bytes: below FIPS mode's 112 bits */
	  .fips_skip = true,
	  .ptext = WHAT_DO,
	  .ctext = "750c783e6ab0b503eaa86e310a5db738" },
	{ .name = "hmac(sha1)",
	  .key = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
	  .ptext = HI_THERE,
	  .ctext = "b617318655057264e28bc0b6fb378c8ef146be00" },
	{ .name = "hmac(sha1)",
	  .key = JEFE, /* 4 bytes: below FIPS mode's 112 bits */
	  .fips_skip = true,
	  .ptext = WHAT_DO,
	  .ctext = "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79" },
	/* RFC 4231 test cases 1 and 2 */
	{ .name = "hmac(sha224)",
	  .key = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
	  .ptext = HI_THERE,
	  .ctext = "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22" },
	{ .name = "hmac(sha256)",
	  .key = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
	  .ptext = HI_THERE,
	  .ctext = "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
	{ .name = "hmac(sha256)",
	  .key = JEFE, /* 4 bytes: below FIPS mode's 112 bits */
	  .fips_skip = true,
	  .ptext = WHAT_DO,
	  .ctext = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
	{ .name = "hmac(sha384)",
	  .key = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
	  .ptext = HI_THERE,
	  .ctext = "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59c"
		   "faea9ea9076ede7f4af152e8b2fa9cb6" },
	{ .name = "hmac(sha512)",
	  .key = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
	  .ptext = HI_THERE,
	  .ctext = "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
		   "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854" },

	/* RFC 4493 section 4, examples 1-4 */
	{ .name = "cmac(aes)",
	  .key = NIST_AES128,
	  .ptext = "",
	  .ctext = "bb1d6929e95937287fa37d129b756746" },
	{ .name = "cmac(aes)",
	  .key = NIST_AES128,
	  .ptext = NIST_PT16,
	  .ctext = "070a16b46b4d4144f79bdd9dd04a287c" },
	{ .name = "cmac(aes)",
	  .key = NIST_AES128,
	  .ptext = NIST_PT40,
	  .ctext = "dfa66747de9ae63030ca32611497c827" },
	{ .name = "cmac(aes)",
	  .key = NIST_AES128,
	  .ptext = NIST_PT64,
	  .ctext = "51f0bebf7e3b9d92fc49741779363cfe" },
	/* RFC 3566 section 4.6, test cases 1, 2, 3 and 5 */
	{ .name = "xcbc(aes)",
	  .key = "000102030405060708090a0b0c0d0e0f",
	  .ptext = "",
	  .ctext = "75f0251d528ac01c4573dfd584d79f29" },
	{ .name = "xcbc(aes)",
	  .key = "000102030405060708090a0b0c0d0e0f",
	  .ptext = "000102",
	  .ctext = "5b376580ae2f19afe7219ceef172756f" },
	{ .name = "xcbc(aes)",
	  .key = "000102030405060708090a0b0c0d0e0f",
	  .ptext = "000102030405060708090a0b0c0d0e0f",
	  .ctext = "d2a246fa349b68a79998a4394ff7a263" },
	{ .name = "xcbc(aes)",
	  .key = "000102030405060708090a0b0c0d0e0f",
	  .ptext = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
	  .ctext = "f54f0ec8d2b9f3d36807734bd5283fd4" },

	/*
	 * CRC check values over "123456789" (ITU-T V.42 CRC-32, RFC 3720
	 * appendix B.4 CRC-32C, ANSI INCITS T10 DIF CRC-16, NVMe 64b CRC), in the kernel's
	 * conventions: crc32c outputs ~crc little-endian; crc32 is the raw
	 * register (seed 0xffffffff given as key, no final inversion), i.e.
	 * ~0xcbf43926 little-endian; crct10dif and crc64-rocksoft little-endian.
	 */
	{ .name = "crc32c", .ptext = CHECK_123456789, .ctext = "839206e3" },
	{ .name = "crc32", .key = "ffffffff", .ptext = CHECK_123456789, .ctext = "d9c60b34" },
	{ .name = "crct10dif", .ptext = CHECK_123456789, .ctext = "dbd0" },
	/* NVM Express NVM Command Set 1.0 §5.2.1.3.3 64b CRC: check 0xae8b14860a799888 */
	{ .name = "crc64-rocksoft", .ptext = CHECK_123456789, .ctext = "8898790a86148bae" },

	/* IEEE Std 802.11-2020 Michael test vectors (chained keys), first four */
	{ .name = "michael_mic", .key = "0000000000000000", .ptext = "", .ctext = "82925c1ca1d130b8" },
	{ .name = "michael_mic", .key = "82925c1ca1d130b8", .ptext = "4d", .ctext = "434721ca40639b3f" },
	{ .name = "michael_mic",
	  .key = "434721ca40639b3f",
	  .ptext = "4d69",
	  .ctext = "e8f9becae97e5d29" },
	{ .name = "michael_mic",
	  .key = "e8f9becae97e5d29",
	  .ptext = "4d6963",
	  .ctext = "90038fc6cf13c1db" },

	/* RFC 8439 section 2.5.2: the kernel's poly1305 takes r || s as the first 32 data bytes */
	{ .name = "poly1305",
	  .ptext = "85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b"
		   "43727970746f6772617068696320466f72756d2052657365617263682047726f7570",
	  .ctext = "a8061dc1305136c6c22b8baf0c0127a9" },

	/*
	 * GCM specification (McGrew and Viega, 2005) test case 2:
	 * GHASH(H, {}, C) = T ^ E(K, Y0) over C || len(A) || len(C).
	 */
	{ .name = "ghash",
	  .key = "66e94bd4ef8a2c3b884cfa59ca342b2e",
	  .ptext = "0388dace60b6a392f328c2b971b2fe7800000000000000000000000000000080",
	  .ctext = "f38cbb1ad69223dcc3457ae5b6b0f885" },
	/* RFC 8452 appendix A: POLYVAL(H, X_1, X_2) */
	{ .name = "polyval",
	  .key = "25629347589242761d31f826ba4b757b",
	  .ptext = "4f4f95668c83dfb6401762bb2d01a262d1a24ddd2721d006bbe45f20d3c9f362",
	  .ctext = "f7a3b47b846119fae5b7866cf5e5b77e" },
	/*
	 * RFC 6986 section 10 (Streebog): M1 and M2 with their 512- and
	 * 256-bit hash codes. The RFC prints messages and hash codes as
	 * numbers, most significant byte first; the byte strings here are
	 * those reversed (M1 is the ASCII digits "0123...012", M2 the
	 * CP1251 text of 10.2).
	 */
	{ .name = "streebog512",
	  .ptext = STREEBOG_M1,
	  .ctext = "1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa"
		   "00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48" },
	{ .name = "streebog256",
	  .ptext = STREEBOG_M1,
	  .ctext = "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500" },
	{ .name = "streebog512",
	  .ptext = STREEBOG_M2,
	  .ctext = "1e88e62226bfca6f9994f1f2d51569e0daf8475a3b0fe61a5300eee46d961376"
		   "035fe83549ada2b8620fcd7c496ce5b33f0cb9dddc2b6460143b03dabac9fb28" },
	{ .name = "streebog256",
	  .ptext = STREEBOG_M2,
	  .ctext = "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50" },
	{ .name = NULL },
};
