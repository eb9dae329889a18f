/* SPDX-License-Identifier: MIT */
/*
 * FIPS mode (crypto/fips.c, the FIPS rules of crypto/testmgr.c alg_test and
 * crypto/api.c crypto_alg_lookup), as the kernel applies them when booted
 * with fips=1 and /proc/sys/crypto/fips_enabled reads 1.
 *
 * Implementation Notes
 *
 * The switch is read once, at the first registry use (engine load), as the
 * kernel fixes it at boot. In FIPS mode every algorithm is classified when
 * it is registered, by its kernel name (for a single-block cipher "ecb(X)",
 * testmgr's own rule) against the table below:
 *  - an entry not marked fips_allowed: FIPS_INTERNAL (usable only as the
 *    child of another algorithm; AF_ALG bind gives -ENOENT);
 *  - no entry: allowed, unless a child is FIPS_INTERNAL (the flag is
 *    inherited: "cts(cbc(serpent))", "essiv(cbc(aes),md5)");
 *  - an entry for its driver name that is not allowed fails the self-test
 *    (alg_test returns -EINVAL for it): "ansi_cprng", whose driver name is
 *    its name, gives -ELIBBAD.
 * The table is testmgr's alg_test_descs[] with fips_allowed as of Linux
 * 7.2: that of 6.1 (recorded with fips=1 on the oracle, tests/oracle
 * fips-*.txt) with the changes of 6.3 (cbcmac(aes) and ghash no longer
 * allowed). Sorted by strcmp for bsearch: checked (assert) at first use and
 * by tests/unit/test-fips.c, as testmgr checks alg_test_descs[].
 *
 * Other FIPS rules live with their algorithms: xts keys (alg/evp/skcipher.c,
 * alg/tmpl/xts.c), hmac keys of at least 112 bits (alg/tmpl/hmac.c), DRBG
 * priorities 2000 higher (alg/evp/rng.c).
 */
#include <assert.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alg/alg.h"
#include "core/cleanup.h"
#include "core/ct.h"

#define FIPS_SWITCH "/proc/sys/crypto/fips_enabled"

static const struct fips_row {
	const char *name;
	bool allowed;
} fips_table[] = {
	{"adiantum(xchacha12,aes)", false},
	{"adiantum(xchacha20,aes)", false},
	{"aegis128", false},
	{"ansi_cprng", false},
	{"authenc(hmac(md5),ecb(cipher_null))", false},
	{"authenc(hmac(sha1),cbc(aes))", true},
	{"authenc(hmac(sha1),cbc(des))", false},
	{"authenc(hmac(sha1),cbc(des3_ede))", false},
	{"authenc(hmac(sha1),ctr(aes))", true},
	{"authenc(hmac(sha1),ecb(cipher_null))", false},
	{"authenc(hmac(sha1),rfc3686(ctr(aes)))", true},
	{"authenc(hmac(sha224),cbc(des))", false},
	{"authenc(hmac(sha224),cbc(des3_ede))", false},
	{"authenc(hmac(sha256),cbc(aes))", true},
	{"authenc(hmac(sha256),cbc(des))", false},
	{"authenc(hmac(sha256),cbc(des3_ede))", false},
	{"authenc(hmac(sha256),ctr(aes))", true},
	{"authenc(hmac(sha256),rfc3686(ctr(aes)))", true},
	{"authenc(hmac(sha384),cbc(des))", false},
	{"authenc(hmac(sha384),cbc(des3_ede))", false},
	{"authenc(hmac(sha384),ctr(aes))", true},
	{"authenc(hmac(sha384),rfc3686(ctr(aes)))", true},
	{"authenc(hmac(sha512),cbc(aes))", true},
	{"authenc(hmac(sha512),cbc(des))", false},
	{"authenc(hmac(sha512),cbc(des3_ede))", false},
	{"authenc(hmac(sha512),ctr(aes))", true},
	{"authenc(hmac(sha512),rfc3686(ctr(aes)))", true},
	{"blake2b-160", false},
	{"blake2b-256", false},
	{"blake2b-384", false},
	{"blake2b-512", false},
	{"cbc(aes)", true},
	{"cbc(anubis)", false},
	{"cbc(aria)", false},
	{"cbc(blowfish)", false},
	{"cbc(camellia)", false},
	{"cbc(cast5)", false},
	{"cbc(cast6)", false},
	{"cbc(des)", false},
	{"cbc(des3_ede)", false},
	{"cbc(paes)", true},
	{"cbc(psm4)", false},
	{"cbc(serpent)", false},
	{"cbc(sm4)", false},
	{"cbc(twofish)", false},
	{"cbcmac(aes)", false},
	{"cbcmac(sm4)", false},
	{"ccm(aes)", true},
	{"ccm(sm4)", false},
	{"cfb(aes)", true},
	{"cfb(aria)", false},
	{"cfb(sm4)", false},
	{"chacha20", false},
	{"cmac(aes)", true},
	{"cmac(des3_ede)", false},
	{"cmac(sm4)", false},
	{"compress_null", false},
	{"crc32", true},
	{"crc32c", true},
	{"crc64-rocksoft", true},
	{"crct10dif", true},
	{"ctr(aes)", true},
	{"ctr(aria)", false},
	{"ctr(blowfish)", false},
	{"ctr(camellia)", false},
	{"ctr(cast5)", false},
	{"ctr(cast6)", false},
	{"ctr(des)", false},
	{"ctr(des3_ede)", false},
	{"ctr(paes)", true},
	{"ctr(psm4)", false},
	{"ctr(serpent)", false},
	{"ctr(sm4)", false},
	{"ctr(twofish)", false},
	{"cts(cbc(aes))", true},
	{"cts(cbc(paes))", true},
	{"curve25519", false},
	{"deflate", true},
	{"dh", false},
	{"digest_null", false},
	{"drbg_nopr_ctr_aes128", true},
	{"drbg_nopr_ctr_aes192", true},
	{"drbg_nopr_ctr_aes256", true},
	{"drbg_nopr_hmac_sha1", true},
	{"drbg_nopr_hmac_sha256", true},
	{"drbg_nopr_hmac_sha384", true},
	{"drbg_nopr_hmac_sha512", true},
	{"drbg_nopr_sha1", true},
	{"drbg_nopr_sha256", true},
	{"drbg_nopr_sha384", true},
	{"drbg_nopr_sha512", true},
	{"drbg_pr_ctr_aes128", true},
	{"drbg_pr_ctr_aes192", true},
	{"drbg_pr_ctr_aes256", true},
	{"drbg_pr_hmac_sha1", true},
	{"drbg_pr_hmac_sha256", true},
	{"drbg_pr_hmac_sha384", true},
	{"drbg_pr_hmac_sha512", true},
	{"drbg_pr_sha1", true},
	{"drbg_pr_sha256", true},
	{"drbg_pr_sha384", true},
	{"drbg_pr_sha512", true},
	{"ecb(aes)", true},
	{"ecb(anubis)", false},
	{"ecb(arc4)", false},
	{"ecb(aria)", false},
	{"ecb(blowfish)", false},
	{"ecb(camellia)", false},
	{"ecb(cast5)", false},
	{"ecb(cast6)", false},
	{"ecb(cipher_null)", true},
	{"ecb(des)", false},
	{"ecb(des3_ede)", false},
	{"ecb(fcrypt)", false},
	{"ecb(khazad)", false},
	{"ecb(paes)", true},
	{"ecb(seed)", false},
	{"ecb(serpent)", false},
	{"ecb(sm4)", false},
	{"ecb(tea)", false},
	{"ecb(twofish)", false},
	{"ecb(xeta)", false},
	{"ecb(xtea)", false},
	{"ecdh-nist-p192", false},
	{"ecdh-nist-p256", true},
	{"ecdh-nist-p384", true},
	{"ecdsa-nist-p192", false},
	{"ecdsa-nist-p256", false},
	{"ecdsa-nist-p384", false},
	{"ecrdsa", false},
	{"essiv(authenc(hmac(sha256),cbc(aes)),sha256)", true},
	{"essiv(cbc(aes),sha256)", true},
	{"ffdhe2048(dh)", true},
	{"ffdhe3072(dh)", true},
	{"ffdhe4096(dh)", true},
	{"ffdhe6144(dh)", true},
	{"ffdhe8192(dh)", true},
	{"gcm(aes)", true},
	{"gcm(aria)", false},
	{"gcm(sm4)", false},
	{"ghash", false},
	{"hctr2(aes)", false},
	{"hmac(md5)", false},
	{"hmac(rmd160)", false},
	{"hmac(sha1)", true},
	{"hmac(sha224)", true},
	{"hmac(sha256)", true},
	{"hmac(sha3-224)", true},
	{"hmac(sha3-256)", true},
	{"hmac(sha3-384)", true},
	{"hmac(sha3-512)", true},
	{"hmac(sha384)", true},
	{"hmac(sha512)", true},
	{"hmac(sm3)", false},
	{"hmac(streebog256)", false},
	{"hmac(streebog512)", false},
	{"jitterentropy_rng", true},
	{"kw(aes)", true},
	{"lrw(aes)", false},
	{"lrw(camellia)", false},
	{"lrw(cast6)", false},
	{"lrw(serpent)", false},
	{"lrw(twofish)", false},
	{"lz4", true},
	{"lz4hc", true},
	{"lzo", true},
	{"lzo-rle", true},
	{"md4", false},
	{"md5", false},
	{"michael_mic", false},
	{"nhpoly1305", false},
	{"ofb(aes)", true},
	{"ofb(paes)", true},
	{"ofb(sm4)", false},
	{"pcbc(fcrypt)", false},
	{"pkcs1pad(rsa,sha224)", true},
	{"pkcs1pad(rsa,sha256)", true},
	{"pkcs1pad(rsa,sha384)", true},
	{"pkcs1pad(rsa,sha512)", true},
	{"poly1305", false},
	{"polyval", false},
	{"rfc3686(ctr(aes))", true},
	{"rfc3686(ctr(sm4))", false},
	{"rfc4106(gcm(aes))", true},
	{"rfc4309(ccm(aes))", true},
	{"rfc4543(gcm(aes))", false},
	{"rfc7539(chacha20,poly1305)", false},
	{"rfc7539esp(chacha20,poly1305)", false},
	{"rmd160", false},
	{"rsa", true},
	{"sha1", true},
	{"sha224", true},
	{"sha256", true},
	{"sha3-224", true},
	{"sha3-256", true},
	{"sha3-384", true},
	{"sha3-512", true},
	{"sha384", true},
	{"sha512", true},
	{"sm2", false},
	{"sm3", false},
	{"streebog256", false},
	{"streebog512", false},
	{"vmac64(aes)", false},
	{"wp256", false},
	{"wp384", false},
	{"wp512", false},
	{"xcbc(aes)", false},
	{"xchacha12", false},
	{"xchacha20", false},
	{"xctr(aes)", false},
	{"xts(aes)", true},
	{"xts(camellia)", false},
	{"xts(cast6)", false},
	{"xts(paes)", true},
	{"xts(serpent)", false},
	{"xts(twofish)", false},
	{"xts4096(paes)", true},
	{"xts512(paes)", true},
	{"xxhash64", true},
	{"zlib-deflate", true},
	{"zstd", true},
};

static bool fips_on;
static pthread_once_t fips_once = PTHREAD_ONCE_INIT;

/* see alg/alg.h */
bool ualg_fips_table_sorted(void)
{
	for (size_t i = 1; i < ARRAY_SIZE(fips_table); i++)
		if (strcmp(fips_table[i - 1].name, fips_table[i].name) >= 0)
			return false;
	return true;
}

static void fips_read(void)
{
	char c = 0;
	int fd;

	assert(ualg_fips_table_sorted());
	fd = open(FIPS_SWITCH, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return; /* no /proc/sys/crypto: a kernel without CONFIG_CRYPTO_FIPS */
	if (read(fd, &c, 1) == 1)
		fips_on = c != '0';
	(void)close(fd);
}

/* see alg/alg.h */
bool ualg_fips_enabled(void)
{
	(void)pthread_once(&fips_once, fips_read);
	return fips_on;
}

static int row_cmp(const void *key, const void *row)
{
	return strcmp(key, ((const struct fips_row *)row)->name);
}

static const struct fips_row *fips_find(const char *name)
{
	return bsearch(name, fips_table, ARRAY_SIZE(fips_table), sizeof(fips_table[0]), row_cmp);
}

/* see alg/alg.h */
void ualg_fips_classify(struct ualg_alg *alg)
{
	char ecb[UALG_MAX_ALG_NAME + 8];
	const struct fips_row *row;
	const char *name = alg->name;

	if (!ualg_fips_enabled())
		return;
	if (alg->type == UALG_TYPE_CIPHER) {
		(void)snprintf(ecb, sizeof(ecb), "ecb(%s)", alg->name);
		name = ecb;
	}
	row = fips_find(alg->driver);
	if (row && !row->allowed && alg->type != UALG_TYPE_CIPHER) {
		alg->selftest = -ELIBBAD;
		return;
	}
	row = fips_find(name);
	if (row && !row->allowed)
		alg->flags |= UALG_F_FIPS_INTERNAL;
	for (unsigned int i = 0; i < alg->nspawns; i++)
		alg->flags |= alg->spawns[i]->flags & UALG_F_FIPS_INTERNAL;
}

/* see alg/alg.h */
int ualg_fips_hmac_key(size_t keylen)
{
	return ualg_fips_enabled() && keylen < 112 / 8 ? -EINVAL : 0;
}

/* see alg/alg.h */
int ualg_fips_xts_key(const uint8_t *key, size_t keylen)
{
	if (!ualg_fips_enabled())
		return 0;
	if (keylen != 32 && keylen != 64)
		return -EINVAL;
	return ualg_ct_memcmp(key, key + keylen / 2, keylen / 2) ? 0 : -EINVAL;
}
