/* SPDX-License-Identifier: MIT */
/*
 * dup2()/dup()/close() replacing and freeing the emulated socket behind one
 * fd number while other threads send/recv on that same number: the preload
 * takes its per-call reference without the fd-table lock, and freed sockets'
 * memory is reused for the next accept(), so a call must run on a whole
 * socket (the old one or the new one: a right digest), never on a freed or
 * half-made one; and once every thread is done, no internal fd may be left
 * open (each socket's last reference closed its kernel fds).
 *
 * A second test closes the very number the calls race with: each call must
 * then either run on the socket or fail EBADF, as with a kernel socket,
 * never reach the kernel socket behind the emulation (fdtable.c puts an
 * O_PATH descriptor in its place before it forgets the number).
 */
#include <pthread.h>
#include <stdatomic.h>

#include "alg.h"

#define WORKERS 3
#define CHURNS 20000

static int target; /* the fd number everything races on */
static int race_tfm;
static atomic_int stop;
static unsigned char data[64], h_data[32], h_empty[32];

static void *worker(void *arg)
{
	unsigned char got[32];
	long bad = 0, ok = 0;
	ssize_t n;

	(void)arg;
	while (!atomic_load(&stop)) {
		n = send(target, data, sizeof(data), 0);
		if (n < 0) {
			fprintf(stderr, "send: %s\n", strerror(errno));
			bad++;
		} else if (n >= 0 && n != (ssize_t)sizeof(data)) {
			bad++;
		}
		n = recv(target, got, sizeof(got), 0);
		if (n < 0) {
			fprintf(stderr, "recv: %s\n", strerror(errno));
			bad++;
			continue;
		}
		/* another thread's recv may have taken the digest of our data */
		if (n != 32 || (memcmp(got, h_data, 32) && memcmp(got, h_empty, 32))) {
			fprintf(stderr, "recv: %zd bytes, wrong digest\n", n);
			bad++;
		} else {
			ok++;
		}
	}
	return (void *)(bad ? -bad : ok);
}

/* replace the socket behind target, close it, hand it a plain fd, dup it */
static long churn(void)
{
	long bad = 0;

	for (int r = 0; r < CHURNS; r++) {
		int nf, old;

		switch (r % 3) {
		case 0: /* a new op socket onto the number: the old one is freed */
			nf = accept(race_tfm, NULL, 0);
			bad += nf < 0 || dup2(nf, target) != target;
			close(nf);
			break;
		case 1: /* a dup, closed again */
			nf = dup(target);
			bad += nf < 0 || close(nf) != 0;
			break;
		case 2: /* the old socket outlives the number, freed by close() */
			old = dup(target);
			nf = accept(race_tfm, NULL, 0);
			bad += old < 0 || nf < 0 || dup2(nf, target) != target;
			close(nf);
			bad += close(old) != 0;
			break;
		}
	}
	return bad;
}

TEST(race_close_dup2_against_send_recv)
{
	pthread_t t[WORKERS];
	unsigned int len;
	long total = 0;
	void *ret;
	int before, after;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + 1);
	ref_digest("SHA256", data, sizeof(data), h_data, &len);
	ref_digest("SHA256", "", 0, h_empty, &len);
	before = test_open_fds();
	race_tfm = alg_tfm("hash", "sha256");
	CHECK(race_tfm >= 0);
	target = accept(race_tfm, NULL, 0);
	CHECK(target >= 0);
	for (unsigned int i = 0; i < WORKERS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, worker, NULL), 0);
	CHECK_EQ(churn(), 0);
	atomic_store(&stop, 1);
	for (unsigned int i = 0; i < WORKERS; i++) {
		pthread_join(t[i], &ret);
		CHECK((long)ret >= 0);
		total += (long)ret;
	}
	/* the race must have let calls through, not only failed them */
	CHECK(total > 0);
	close(target);
	close(race_tfm);
	after = test_open_fds();
	CHECK_EQ(after, before);
}

#define CLOSE_ROUNDS 2000

static pthread_barrier_t round_start, round_end;
static atomic_int closed;
static int cfd;

/*
 * Each round: send and recv on cfd until a call fails after the main
 * thread closed it. A call racing with the close gives a result or EBADF,
 * never anything from the kernel socket behind it (EAGAIN: MSG_DONTWAIT
 * keeps such a call from blocking). Between rounds the workers wait, so no
 * call races with the number being given out again.
 */
static void *close_worker(void *arg)
{
	unsigned char got[32];
	long bad = 0, ok = 0, ebadf = 0;
	ssize_t n;

	(void)arg;
	for (int r = 0; r < CLOSE_ROUNDS; r++) {
		pthread_barrier_wait(&round_start);
		for (;;) {
			bool after = atomic_load(&closed);

			n = send(cfd, data, sizeof(data), MSG_DONTWAIT);
			if (n < 0 && errno == EBADF) {
				ebadf++;
				if (after)
					break;
				continue;
			}
			if (n != (ssize_t)sizeof(data)) {
				fprintf(stderr, "send: %zd (%s)\n", n, n < 0 ? strerror(errno) : "");
				bad++;
			}
			n = recv(cfd, got, sizeof(got), MSG_DONTWAIT);
			if (n < 0 && errno == EBADF) {
				ebadf++;
			} else if (n != 32 || (memcmp(got, h_data, 32) && memcmp(got, h_empty, 32))) {
				fprintf(stderr, "recv: %zd (%s)\n", n, n < 0 ? strerror(errno) : "");
				bad++;
			} else {
				ok++;
			}
		}
		pthread_barrier_wait(&round_end);
	}
	fprintf(stderr, "close race: %ld digests, %ld EBADF, %ld wrong\n", ok, ebadf, bad);
	return (void *)(bad ? -bad : ok);
}

TEST(race_close_against_calls)
{
	pthread_t t[WORKERS];
	unsigned int len;
	long total = 0, bad = 0;
	int tfm, before;
	void *ret;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + 1);
	ref_digest("SHA256", data, sizeof(data), h_data, &len);
	ref_digest("SHA256", "", 0, h_empty, &len);
	before = test_open_fds();
	tfm = alg_tfm("hash", "sha256");
	CHECK(tfm >= 0);
	pthread_barrier_init(&round_start, NULL, WORKERS + 1);
	pthread_barrier_init(&round_end, NULL, WORKERS + 1);
	for (unsigned int i = 0; i < WORKERS; i++)
		CHECK_EQ(pthread_create(&t[i], NULL, close_worker, NULL), 0);
	for (int r = 0; r < CLOSE_ROUNDS; r++) {
		cfd = accept(tfm, NULL, 0);
		bad += cfd < 0;
		atomic_store(&closed, 0);
		pthread_barrier_wait(&round_start);
		for (volatile int spin = 0; spin < (r % 64) * 50; spin++)
			;
		bad += close(cfd) != 0;
		atomic_store(&closed, 1);
		pthread_barrier_wait(&round_end);
	}
	for (unsigned int i = 0; i < WORKERS; i++) {
		pthread_join(t[i], &ret);
		CHECK((long)ret >= 0);
		total += (long)ret;
	}
	CHECK_EQ(bad, 0);
	CHECK(total > 0);
	close(tfm);
	CHECK_EQ(test_open_fds(), before);
}

static void __attribute__((constructor)) check_env(void)
{
	require_preload();
}
