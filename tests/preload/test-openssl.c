/* SPDX-License-Identifier: MIT */
/*
 * A host program that uses OpenSSL (the system's libcrypto.so.3) itself and
 * AF_ALG (served by ualg, which runs on a libcrypto of its own) in the same
 * process. Each TEST is one scenario and runs in a process of its own
 * (OpenSSL's initialisation happens once per process): meson runs this
 * program once per scenario, with TESTFUNCS naming it and OPENSSL_CONF
 * pointing at one of the configurations in tests/preload/openssl/.
 *
 * What must hold in every scenario:
 * - the host's OpenSSL settings are the ones the host chose, whichever of
 *   the two is used first: the marker configuration (it activates the
 *   legacy provider) is in effect when the host loads it and absent when
 *   the host initialises with OPENSSL_INIT_NO_LOAD_CONFIG;
 * - ualg's answers are right (checked against standard vectors and against
 *   the host's OpenSSL) whatever the host's configuration says: default
 *   properties "fips=yes", the default provider deactivated;
 * - ualg leaves nothing in the host's error queue.
 */
#include <pthread.h>
#include <sys/wait.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/provider.h>

#include "alg.h"

/* SP 800-38A F.2.1 (CBC-AES128.Encrypt) and FIPS 180-2 B.1 (SHA-256 "abc") */
static const char sp_key[] = "2b7e151628aed2a6abf7158809cf4f3c";
static const char sp_iv[] = "000102030405060708090a0b0c0d0e0f";
static const char sp_plain[] = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
			       "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
static const char sp_cipher[] = "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
				"73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7";
static const char abc_sha256[] =
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
/* RFC 1320 A.5: MD4("abc"), an algorithm of OpenSSL's legacy provider */
static const char abc_md4[] = "a448017aaf21d8525fc10ae87aa6729d";

static void unhex(const char *hex, unsigned char *buf, size_t size)
{
	if (test_unhex(hex, buf, size) != (long)(strlen(hex) / 2))
		HARD_ERROR("bad hex in the test\n");
}

/* one digest through AF_ALG; -errno */
static int afalg_digest(const char *name, const void *p, size_t n, unsigned char *out, size_t len)
{
	int tfm = alg_tfm("hash", name), op;
	ssize_t r;

	if (tfm < 0)
		return tfm;
	op = accept(tfm, NULL, NULL);
	close(tfm);
	if (op < 0)
		return -errno;
	r = send(op, p, n, 0);
	if (r == (ssize_t)n)
		r = read(op, out, len);
	close(op);
	return r < 0 ? -errno : r == (ssize_t)len ? 0 : -EIO;
}

/* one cbc(aes) request through AF_ALG; -errno */
static int afalg_cbc(int enc, const unsigned char *key, const unsigned char *iv,
		     const unsigned char *in, size_t n, unsigned char *out)
{
	int tfm = alg_tfm("skcipher", "cbc(aes)"), op = -1;
	ssize_t r = -EIO;

	if (tfm < 0)
		return tfm;
	if (alg_setkey(tfm, key, 16) == 0)
		op = accept(tfm, NULL, NULL);
	close(tfm);
	if (op < 0)
		return -EIO;
	r = alg_crypt(op, enc, iv, 16, -1, in, n, out, n, 0);
	close(op);
	return r == (ssize_t)n ? 0 : r < 0 ? (int)r : -EIO;
}

/*
 * ualg's answers: standard vectors, an algorithm the host's legacy provider
 * would serve, a key it refuses, and the host's OpenSSL agreeing where the
 * host's configuration lets it compute at all.
 */
static void check_ualg(bool host_can_compute)
{
	unsigned char key[16], iv[16], plain[64], want[64], got[64], md[32], ref[64];
	unsigned int reflen = 0;
	char hex[129];

	unhex(sp_key, key, sizeof(key));
	unhex(sp_iv, iv, sizeof(iv));
	unhex(sp_plain, plain, sizeof(plain));
	unhex(sp_cipher, want, sizeof(want));

	CHECK_EQ(afalg_cbc(1, key, iv, plain, 64, got), 0);
	CHECK_MEM(got, want, 64);
	CHECK_EQ(afalg_cbc(0, key, iv, want, 64, got), 0);
	CHECK_MEM(got, plain, 64);

	CHECK_EQ(afalg_digest("sha256", "abc", 3, md, 32), 0);
	test_hex(md, 32, hex);
	CHECK(!strcmp(hex, abc_sha256));
	CHECK_EQ(afalg_digest("md4", "abc", 3, md, 16), 0);
	test_hex(md, 16, hex);
	CHECK(!strcmp(hex, abc_md4));

	/* a key of a length AES lacks: the kernel's EINVAL */
	{
		int tfm = alg_tfm("skcipher", "cbc(aes)");

		CHECK(tfm >= 0);
		CHECK_EQ(alg_setkey(tfm, key, 15), -EINVAL);
		close(tfm);
	}

	if (host_can_compute) {
		ref_digest("SHA2-256", "abc", 3, ref, &reflen);
		CHECK_EQ(reflen, 32);
		test_hex(ref, 32, hex);
		CHECK(!strcmp(hex, abc_sha256));
		CHECK_EQ(ref_cipher("AES-128-CBC", 1, key, iv, plain, 64, ref), 64);
		CHECK_MEM(ref, want, 64);
	}
	/* nothing of ualg's reaches the host's error queue */
	CHECK_EQ(ERR_peek_error(), 0);
}

/* the marker configuration activates the legacy provider in the host's default context */
static bool host_config_applied(void)
{
	return OSSL_PROVIDER_available(NULL, "legacy") == 1;
}

static void host_init(bool load_config)
{
	uint64_t opts = load_config ? OPENSSL_INIT_LOAD_CONFIG : OPENSSL_INIT_NO_LOAD_CONFIG;

	if (!OPENSSL_init_crypto(opts, NULL))
		HARD_ERROR("OPENSSL_init_crypto failed\n");
}

static void require_marker_config(void)
{
	const char *conf = getenv("OPENSSL_CONF");

	if (!conf || !strstr(conf, "marker.cnf"))
		HARD_ERROR("run with OPENSSL_CONF=.../marker.cnf\n");
}

TEST(marker_config_afalg_first)
{
	require_marker_config();
	require_preload();
	check_ualg(false);
	host_init(true);
	CHECK(host_config_applied());
	check_ualg(true);
	CHECK(host_config_applied());
}

TEST(marker_config_openssl_first)
{
	require_marker_config();
	host_init(true);
	CHECK(host_config_applied());
	require_preload();
	check_ualg(true);
	CHECK(host_config_applied());
}

/* the host asks for no configuration: ualg must not have loaded it on the host's behalf */
TEST(no_config_afalg_first)
{
	require_marker_config();
	require_preload();
	check_ualg(false);
	host_init(false);
	CHECK(!host_config_applied());
	check_ualg(true);
	CHECK(!host_config_applied());
}

TEST(no_config_openssl_first)
{
	require_marker_config();
	host_init(false);
	CHECK(!host_config_applied());
	require_preload();
	check_ualg(true);
	CHECK(!host_config_applied());
}

/* OPENSSL_CONF=fips-properties.cnf: the host's fetches need a FIPS provider it lacks */
TEST(host_fips_properties)
{
	EVP_MD *md;

	require_preload();
	check_ualg(false);
	host_init(true);
	md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
	CHECK(md == NULL); /* the host's own setting is in effect */
	EVP_MD_free(md);
	ERR_clear_error();
	check_ualg(false);
}

/* OPENSSL_CONF=no-default.cnf: only the base provider, so the host can't hash */
TEST(host_default_provider_off)
{
	EVP_MD *md;

	host_init(true);
	md = EVP_MD_fetch(NULL, "SHA2-256", NULL);
	CHECK(md == NULL);
	EVP_MD_free(md);
	ERR_clear_error();
	require_preload();
	check_ualg(false);
	CHECK(OSSL_PROVIDER_available(NULL, "default") == 0);
}

/* ---- both instances from several threads, then across fork */

#define ROUNDS 300

static void *host_worker(void *arg)
{
	unsigned char key[16], iv[16], plain[64], want[64], got[64], md[32];
	unsigned int len;
	long bad = 0;

	(void)arg;
	unhex(sp_key, key, sizeof(key));
	unhex(sp_iv, iv, sizeof(iv));
	unhex(sp_plain, plain, sizeof(plain));
	unhex(sp_cipher, want, sizeof(want));
	for (int i = 0; i < ROUNDS; i++) {
		char hex[65];

		ref_digest("SHA2-256", "abc", 3, md, &len);
		test_hex(md, 32, hex);
		bad += strcmp(hex, abc_sha256) != 0;
		ref_cipher("AES-128-CBC", 1, key, iv, plain, 64, got);
		bad += memcmp(got, want, 64) != 0;
	}
	return (void *)bad;
}

static void *afalg_worker(void *arg)
{
	unsigned char key[16], iv[16], plain[64], want[64], got[64], md[32];
	long bad = 0;

	(void)arg;
	unhex(sp_key, key, sizeof(key));
	unhex(sp_iv, iv, sizeof(iv));
	unhex(sp_plain, plain, sizeof(plain));
	unhex(sp_cipher, want, sizeof(want));
	for (int i = 0; i < ROUNDS; i++) {
		char hex[65];

		bad += afalg_digest("sha256", "abc", 3, md, 32) != 0;
		test_hex(md, 32, hex);
		bad += strcmp(hex, abc_sha256) != 0;
		bad += afalg_cbc(1, key, iv, plain, 64, got) != 0;
		bad += memcmp(got, want, 64) != 0;
	}
	return (void *)bad;
}

/* 2 threads of each kind; returns the number of wrong or failed operations */
static long run_threads(void)
{
	pthread_t t[4];
	long total = 0;

	for (int i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, i & 1 ? afalg_worker : host_worker, NULL))
			HARD_ERROR("pthread_create\n");
	for (int i = 0; i < 4; i++) {
		void *bad;

		pthread_join(t[i], &bad);
		total += (long)bad;
	}
	return total;
}

TEST(threads_and_fork)
{
	int status;
	pid_t pid;

	require_preload();
	host_init(false);
	CHECK_EQ(run_threads(), 0);
	pid = fork();
	if (pid == 0)
		_exit(run_threads() == 0 && ERR_peek_error() == 0 ? 0 : 1);
	CHECK(pid > 0);
	CHECK_EQ(run_threads(), 0);
	CHECK_EQ(waitpid(pid, &status, 0), pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK_EQ(ERR_peek_error(), 0);
}
