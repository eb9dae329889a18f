/* SPDX-License-Identifier: MIT */
/*
 * Algorithm names for the fuzz targets: templates with their arity, leaves
 * of every type, and separators, composed by the input into nested names
 * (valid ones, wrong-type ones, malformed ones, too deep, too long).
 */
#include <string.h>

#include "fuzz.h"

static const struct {
	const char *name;
	unsigned int nargs;
} tmpls[] = {
	{"hmac", 1},	{"cmac", 1},	   {"xcbc", 1},	   {"cbcmac", 1},  {"ecb", 1},
	{"cbc", 1},	{"pcbc", 1},	   {"ctr", 1},	   {"xts", 1},	   {"lrw", 1},
	{"cts", 1},	{"rfc3686", 1},	   {"essiv", 2},   {"gcm", 1},	   {"ccm", 1},
	{"rfc4106", 1}, {"rfc4543", 1},	   {"rfc4309", 1}, {"authenc", 2}, {"authencesn", 2},
	{"gcm_base", 2}, {"ccm_base", 2},  {"rfc7539", 2}, {"rfc7539esp", 2}, {"echainiv", 1},
	{"seqiv", 1},	{"cryptd", 1},	   {"pcrypt", 1},  {"adiantum", 2}, {"hctr2", 1},
	{"x", 3},	{"cbc", 2},	   {"hmac", 0},
};

static const char *const leaves[] = {
	"aes",		 "aes-generic",	   "aes-aesni",	   "sha1",	    "sha256",
	"sha256-generic", "sha512",	   "sha3-256",	   "md5",	    "md4",
	"crc32",	 "crc32c",	   "xxhash64",	   "ghash",	    "poly1305",
	"blake2b-256",	 "digest_null",	   "cipher_null",  "ecb-cipher_null", "des",
	"des3_ede",	 "chacha20",	   "xchacha20",	   "xchacha12",	    "sm4",
	"camellia",	 "cast5",	   "blowfish",	   "serpent",	    "twofish",
	"stdrng",	 "ansi_cprng",	   "jitterentropy_rng", "drbg_nopr_hmac_sha256",
	"drbg_pr_ctr_aes256", "cbc-aes-aesni", "__cbc-aes-aesni", "michael_mic", "polyval",
	"wp512",	 "rmd160",	   "sm3",	   "CBC",	    "",
	" ",		 "a b",		   "\xff",	   "x(",	    ")",
};

static void put(char *buf, size_t size, size_t *len, const char *s)
{
	while (*s && *len + 1 < size)
		buf[(*len)++] = *s++;
	buf[*len] = 0;
}

static void compose(struct fz *f, char *buf, size_t size, size_t *len, unsigned int depth)
{
	uint8_t c = fz_u8(f);

	if (depth == 0 || c < 96) {
		put(buf, size, len, leaves[c % FZ_ARRAY_SIZE(leaves)]);
		return;
	}
	if (c >= 250) { /* a malformation */
		static const char *const bad[] = {"(", ")", ",", "((", "))", ",,", "()", "a(", ""};

		put(buf, size, len, FZ_PICK(f, bad));
		compose(f, buf, size, len, depth - 1);
		return;
	}
	unsigned int t = c % FZ_ARRAY_SIZE(tmpls), n = tmpls[t].nargs;

	/* sometimes one argument too many or too few */
	if (c % 7 == 0)
		n = (n + 1 + fz_u8(f) % 3) % 4;
	put(buf, size, len, tmpls[t].name);
	put(buf, size, len, "(");
	for (unsigned int i = 0; i < n; i++) {
		if (i)
			put(buf, size, len, ",");
		compose(f, buf, size, len, depth - 1);
	}
	if (c % 11 != 0) /* sometimes left unclosed */
		put(buf, size, len, ")");
}

/* see fuzz.h */
size_t fz_compose_name(struct fz *f, char *buf, size_t size, unsigned int depth)
{
	size_t len = 0;

	buf[0] = 0;
	compose(f, buf, size, &len, depth);
	return len;
}
