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

static void __attribute__((constructor)) check_env(void)
{
	require_preload();
}
