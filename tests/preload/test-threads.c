/* SPDX-License-Identifier: MIT */
/*
 * Several threads, each with its own parent and op sockets, hashing and
 * encrypting concurrently while other threads open and close plain fds
 * (the table must never mix them up).
 */
#include <fcntl.h>
#include <pthread.h>

#include "alg.h"

#define THREADS 8
#define ROUNDS 200

static int skip_hmac;

static void *hash_worker(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;
	unsigned char data[64], got[32], want[64], key[8];
	long bad = 0;
	int tfm, op;

	memset(key, (int)id, sizeof(key));
	tfm = alg_tfm("hash", "hmac(sha256)");
	if (tfm == -ENOENT) {
		skip_hmac = 1;
		return NULL;
	}
	if (tfm < 0 || alg_setkey(tfm, key, sizeof(key)))
		return (void *)1;
	for (int r = 0; r < ROUNDS; r++) {
		size_t n = (size_t)(r % 64);

		for (size_t i = 0; i < n; i++)
			data[i] = (unsigned char)(id * 13 + r + i);
		op = accept(tfm, NULL, 0);
		if (op < 0 || send(op, data, n, 0) != (ssize_t)n || read(op, got, 32) != 32) {
			bad++;
		} else {
			ref_hmac("SHA256", key, sizeof(key), data, n, want);
			bad += memcmp(got, want, 32) != 0;
		}
		close(op);
	}
	close(tfm);
	return (void *)bad;
}

static void *fd_churner(void *arg)
{
	long bad = 0;

	for (int r = 0; r < ROUNDS * 4; r++) {
		int p[2];
		char c = 'x';

		if (pipe(p))
			return (void *)1;
		bad += write(p[1], &c, 1) != 1 || read(p[0], &c, 1) != 1 || c != 'x';
		close(p[0]);
		close(p[1]);
	}
	(void)arg;
	return (void *)bad;
}

TEST(threads_hash_and_plain_fds)
{
	pthread_t t[THREADS], u[2];
	void *ret;

	for (unsigned int i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, hash_worker, (void *)(uintptr_t)i), 0);
	for (unsigned int i = 0; i < 2; i++)
		CHECK_EQ(pthread_create(&u[i], NULL, fd_churner, NULL), 0);
	for (unsigned int i = 0; i < THREADS; i++) {
		pthread_join(t[i], &ret);
		CHECK_EQ((long)ret, 0);
	}
	for (unsigned int i = 0; i < 2; i++) {
		pthread_join(u[i], &ret);
		CHECK_EQ((long)ret, 0);
	}
	if (skip_hmac)
		SKIP("hmac(sha256) not available");
}

/* one shared parent, each thread its own op sockets (BlueZ's singleton) */
static int shared_tfm;

static void *cipher_worker(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;
	unsigned char key[16] = {0}, iv[16], pt[48], ct[48], want[48];
	long bad = 0;

	for (int r = 0; r < ROUNDS; r++) {
		int op = accept4(shared_tfm, NULL, 0, SOCK_CLOEXEC);

		memset(iv, (int)(id + r), sizeof(iv));
		memset(pt, (int)(id * 3 + r), sizeof(pt));
		ref_cipher("AES-128-CTR", 1, key, iv, pt, sizeof(pt), want);
		bad += op < 0 ||
		       alg_crypt(op, 1, iv, 16, -1, pt, sizeof(pt), ct, sizeof(ct), 0) != 48 ||
		       memcmp(ct, want, sizeof(ct));
		close(op);
	}
	return (void *)bad;
}

TEST(threads_shared_parent)
{
	unsigned char key[16] = {0};
	pthread_t t[THREADS];
	void *ret;
	TFM_OR_SKIP(tfm, "skcipher", "ctr(aes)");

	CHECK_EQ(alg_setkey(tfm, key, 16), 0);
	shared_tfm = tfm;
	for (unsigned int i = 0; i < THREADS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, cipher_worker, (void *)(uintptr_t)i), 0);
	for (unsigned int i = 0; i < THREADS; i++) {
		pthread_join(t[i], &ret);
		CHECK_EQ((long)ret, 0);
	}
	close(tfm);
}

/*
 * One shared parent, each thread one op socket kept for all its requests:
 * the sockets that find the parent's transform busy run on clones of it
 * (sock/internal.h, ualg_sock_engine_get), the hash sockets on descriptors
 * of the one transform. Every answer is checked, including CBC's IV
 * chained across requests (a socket's requests form one CBC stream, which
 * a clone must continue) and gcm's tag.
 */
#define LONG_THREADS 4
#define LONG_ROUNDS 400

static int long_tfm;

static void *cbc_long_worker(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;
	static const unsigned char key[16] = {7};
	unsigned char iv[16], *pt, *ct, *want;
	size_t total = 0;
	long bad = 0;
	int op = accept(long_tfm, NULL, 0);

	pt = malloc(LONG_ROUNDS * 64);
	ct = malloc(LONG_ROUNDS * 64);
	want = malloc(LONG_ROUNDS * 64);
	if (op < 0 || !pt || !ct || !want)
		return (void *)1;
	memset(iv, (int)id, sizeof(iv));
	for (int r = 0; r < LONG_ROUNDS; r++) {
		size_t n = 16 * (size_t)(1 + (r + id) % 4);

		for (size_t i = 0; i < n; i++)
			pt[total + i] = (unsigned char)(id * 31 + r * 7 + i);
		/* the IV once; every later request continues the chain */
		bad += alg_crypt(op, 1, r ? NULL : iv, 16, -1, pt + total, n, ct + total, n, 0) !=
		       (ssize_t)n;
		total += n;
	}
	ref_cipher("AES-128-CBC", 1, key, iv, pt, (int)total, want);
	bad += memcmp(ct, want, total) != 0;
	close(op);
	free(pt);
	free(ct);
	free(want);
	return (void *)bad;
}

/* AES-128-GCM of pt with 16 bytes of AAD: aad || ct || tag(16) */
static void ref_gcm(const unsigned char *key, const unsigned char *iv, const unsigned char *aad,
		    const unsigned char *pt, int n, unsigned char *out)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, "AES-128-GCM", NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int l = 0;

	memcpy(out, aad, 16);
	if (!c || !ctx || !EVP_EncryptInit_ex2(ctx, c, key, iv, NULL) ||
	    !EVP_EncryptUpdate(ctx, NULL, &l, aad, 16) ||
	    !EVP_EncryptUpdate(ctx, out + 16, &l, pt, n) ||
	    !EVP_EncryptFinal_ex(ctx, out + 16 + l, &l) ||
	    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, out + 16 + n))
		HARD_ERROR("OpenSSL gcm failed\n");
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
}

static void *gcm_long_worker(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;
	static const unsigned char key[16] = {9};
	unsigned char iv[12], in[16 + 64], out[16 + 64 + 16], want[16 + 64 + 16];
	long bad = 0;
	int op = accept(long_tfm, NULL, 0);

	if (op < 0)
		return (void *)1;
	for (int r = 0; r < LONG_ROUNDS; r++) {
		int n = (r + (int)id) % 65;

		memset(iv, (int)(id + 3 * r), sizeof(iv));
		for (int i = 0; i < 16 + n; i++)
			in[i] = (unsigned char)(id * 5 + r + i);
		ref_gcm(key, iv, in, in + 16, n, want);
		bad += alg_crypt(op, 1, iv, 12, 16, in, 16 + (size_t)n, out, 16 + (size_t)n + 16,
				 0) != 16 + n + 16 ||
		       memcmp(out, want, 16 + (size_t)n + 16) != 0;
	}
	close(op);
	return (void *)bad;
}

/* hash sockets of one transform: two sends (MSG_MORE between) and a read, checked */
static const char *long_hash;

static void *hash_long_worker(void *arg)
{
	unsigned int id = (unsigned int)(uintptr_t)arg;
	static const unsigned char key[20] = {5};
	unsigned char data[200], got[32], want[64];
	unsigned int wl;
	long bad = 0;
	int op = accept(long_tfm, NULL, 0);

	if (op < 0)
		return (void *)1;
	for (int r = 0; r < LONG_ROUNDS; r++) {
		size_t n = (size_t)(r * 7 + id) % sizeof(data), h = n / 2;

		for (size_t i = 0; i < n; i++)
			data[i] = (unsigned char)(id * 11 + r + i);
		if (strcmp(long_hash, "sha256"))
			ref_hmac("SHA256", key, sizeof(key), data, n, want);
		else
			ref_digest("SHA256", data, n, want, &wl);
		bad += send(op, data, h, MSG_MORE) != (ssize_t)h ||
		       send(op, data + h, n - h, 0) != (ssize_t)(n - h) ||
		       read(op, got, 32) != 32 || memcmp(got, want, 32) != 0;
	}
	close(op);
	return (void *)bad;
}

static long run_long(void *(*fn)(void *))
{
	pthread_t t[LONG_THREADS];
	long bad = 0;
	void *ret;

	for (unsigned int i = 0; i < LONG_THREADS; i++)
		if (pthread_create(&t[i], NULL, fn, (void *)(uintptr_t)i))
			return -1;
	for (unsigned int i = 0; i < LONG_THREADS; i++) {
		pthread_join(t[i], &ret);
		bad += (long)ret;
	}
	return bad;
}

TEST(threads_shared_parent_long_cbc)
{
	static const unsigned char key[16] = {7};
	TFM_OR_SKIP(tfm, "skcipher", "cbc(aes)");

	CHECK_EQ(alg_setkey(tfm, key, 16), 0);
	long_tfm = tfm;
	CHECK_EQ(run_long(cbc_long_worker), 0);
	/* the parent's key is fixed while op sockets live, and free again after */
	CHECK_EQ(alg_setkey(tfm, key, 16), 0);
	close(tfm);
}

TEST(threads_shared_parent_long_gcm)
{
	static const unsigned char key[16] = {9};
	TFM_OR_SKIP(tfm, "aead", "gcm(aes)");

	CHECK_EQ(alg_setkey(tfm, key, 16), 0);
	CHECK_EQ(setsockopt(tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, 16), 0);
	long_tfm = tfm;
	CHECK_EQ(run_long(gcm_long_worker), 0);
	close(tfm);
}

TEST(threads_shared_parent_long_hash)
{
	static const unsigned char key[20] = {5};
	static const char *names[] = {"sha256", "hmac(sha256)"};

	for (size_t i = 0; i < 2; i++) {
		TFM_OR_SKIP(tfm, "hash", names[i]);

		if (i)
			CHECK_EQ(alg_setkey(tfm, key, sizeof(key)), 0);
		long_tfm = tfm;
		long_hash = names[i];
		CHECK_EQ(run_long(hash_long_worker), 0);
		close(tfm);
	}
}

static void __attribute__((constructor)) check_env(void)
{
	require_preload();
}
