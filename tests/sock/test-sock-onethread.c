/* SPDX-License-Identifier: MIT */
/*
 * A process with one thread skips the per-request socket locks
 * (sock/internal.h ualg_sock_lock). What must still hold: a blocking wait
 * started without the lock (it takes it before it sleeps) ends on a signal
 * with the kernel's answer and leaves the lock free, and so does every
 * other way out of a send or receive. Checked by doing all of that with one
 * thread, then going on with two threads on the same sockets: a lock left
 * taken would hang them (the test's timeout), one released twice would be
 * reported by ThreadSanitizer or corrupt glibc's mutex.
 *
 * One TEST on purpose: the first thread any test makes ends the one-thread
 * mode for the rest of the process.
 */
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>
#ifdef UALG_HAVE_SINGLE_THREADED
#include <sys/single_threaded.h>
#endif

#include "sockt.h"
#include "test.h"

static void *recv_cbc(void *arg)
{
	struct ualg_sock *op = arg;
	uint8_t buf[16];

	return (void *)(intptr_t)t_recv(op, buf, 16, 0);
}

TEST(onethread_waits_and_errors_leave_the_locks_free)
{
	struct ualg_sock *op, *op2, *h;
	static uint8_t big[1 << 20];
	uint8_t buf[64];
	pthread_t th;
	void *ret;
	ssize_t r;
	bool late;

#ifndef UALG_HAVE_SINGLE_THREADED
	SKIP("no __libc_single_threaded (not glibc >= 2.32): the locks are always taken");
#else
	NEED("skcipher", "cbc(aes)");
	NEED("hash", "sha256");
	CHECK(__libc_single_threaded);
	op = t_op("skcipher", "cbc(aes)", T_K128, 16, NULL);
	h = t_op("hash", "sha256", NULL, 0, NULL);

	/* the common request, then a receive that must wait: EINTR after the signal */
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, T_IV0, 16, T_NONE), 16);
	CHECK_EQ(t_recv(op, buf, 16, 0), 16);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	CHECK_EQ(t_recv_timed(op, buf, 16, 0, 200, &late), -EINTR);
	CHECK(late);
	/* a partial receive that waited for the rest */
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, T_IV0, 16, T_NONE), 16);
	CHECK_EQ(t_recv_timed(op, buf, 32, 0, 200, &late), 16);
	CHECK(late);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	/* a send that waits for room: the partial count after the signal */
	op2 = t_op("skcipher", "cbc(aes)", T_K128, 16, NULL);
	memset(big, 0x5a, sizeof(big));
	r = t_send_timed(op2, big, sizeof(big), MSG_MORE, 200, &late);
	CHECK(r > 0 && r < (ssize_t)sizeof(big));
	CHECK(late);
	ualg_sock_unref(op2);
	/* an error on the way out: a wrong IV length */
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, T_IV0, 8, T_NONE), -EINVAL);
	/* hashes: an update, a final, a final without data */
	CHECK_EQ(t_send(h, "abc", 3, 0), 3);
	CHECK_EQ(t_recv(h, buf, 32, 0), 32);
	CHECK(t_eqhex(buf, 32, T_SHA256_ABC));
	CHECK_EQ(t_recv(h, buf, 32, 0), 32);
	CHECK(t_eqhex(buf, 32, T_SHA256_EMPTY));
	CHECK(__libc_single_threaded);

	/* two threads from here, on the same sockets: every lock is taken for real, and must be
	 * free */
	CHECK_EQ(pthread_create(&th, NULL, recv_cbc, op), 0);
	CHECK(!__libc_single_threaded);
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, T_IV0, 16, T_NONE), 16);
	CHECK_EQ(pthread_join(th, &ret), 0);
	CHECK_EQ((intptr_t)ret, 16);
	CHECK_EQ(t_send(h, "abc", 3, 0), 3);
	CHECK_EQ(t_recv(h, buf, 32, 0), 32);
	CHECK(t_eqhex(buf, 32, T_SHA256_ABC));
	ualg_sock_unref(op);
	ualg_sock_unref(h);
#endif
}
