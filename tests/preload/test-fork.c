/* SPDX-License-Identifier: MIT */
/*
 * fork(): the child keeps using an inherited op socket (its own copy of the
 * state from the moment of fork) and makes new sockets; the parent is not
 * disturbed. Also fork while another thread works on sockets, and exec
 * closing CLOEXEC sockets.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/wait.h>

#include "alg.h"

static int child_status(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

TEST(child_uses_inherited_and_new)
{
	unsigned char got[32], want[32];
	unsigned int wl;
	pid_t pid;
	int op;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept(tfm, NULL, 0);
	CHECK_EQ(send(op, "ab", 2, MSG_MORE), 2);
	pid = fork();
	if (pid == 0) {
		int op2, fail = 0;

		/* inherited stream: "ab" + "c" */
		fail |= send(op, "c", 1, 0) != 1 || read(op, got, 32) != 32;
		ref_digest("SHA256", "abc", 3, want, &wl);
		fail |= memcmp(got, want, 32) != 0;
		/* new sockets in the child, from the inherited parent and a new one */
		op2 = accept(tfm, NULL, 0);
		fail |= op2 < 0 || send(op2, "xyz", 3, 0) != 3 || read(op2, got, 32) != 32;
		ref_digest("SHA256", "xyz", 3, want, &wl);
		fail |= memcmp(got, want, 32) != 0;
		close(op2);
		op2 = alg_tfm("hash", "sha1");
		fail |= op2 < 0;
		close(op2);
		_exit(fail ? 1 : 0);
	}
	CHECK(pid > 0);
	CHECK_EQ(child_status(pid), 0);
	/* the parent's copy of the stream is its own: "ab" + "d" */
	CHECK_EQ(send(op, "d", 1, 0), 1);
	CHECK_EQ(read(op, got, 32), 32);
	ref_digest("SHA256", "abd", 3, want, &wl);
	CHECK_MEM(got, want, 32);
	close(op);
	close(tfm);
}

static atomic_int stop;

static void *busy(void *arg)
{
	int tfm = (int)(intptr_t)arg;
	unsigned char got[32];

	while (!atomic_load(&stop)) {
		int op = accept(tfm, NULL, 0);

		(void)!send(op, "x", 1, 0);
		(void)!read(op, got, 32);
		close(op);
	}
	return NULL;
}

/* the fd table lock is taken around fork: the child never inherits it held */
TEST(fork_while_threads_work)
{
	pthread_t t;
	int fails = 0;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	CHECK_EQ(pthread_create(&t, NULL, busy, (void *)(intptr_t)tfm), 0);
	for (int i = 0; i < 20; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			unsigned char got[32];
			int op = alg_tfm("hash", "sha256"), o2;

			o2 = op >= 0 ? accept(op, NULL, 0) : -1;
			_exit(o2 >= 0 && send(o2, "q", 1, 0) == 1 && read(o2, got, 32) == 32 ? 0
											     : 1);
		}
		fails += child_status(pid) != 0;
	}
	atomic_store(&stop, 1);
	pthread_join(t, NULL);
	CHECK_EQ(fails, 0);
	close(tfm);
}

/* exec: a CLOEXEC socket is gone, one without CLOEXEC is still an fd */
TEST(exec_cloexec)
{
	char a[16], b[16];
	pid_t pid;
	int keep;
	TFM_OR_SKIP(tfm, "hash", "sha256"); /* SOCK_CLOEXEC */

	keep = accept(tfm, NULL, 0);
	snprintf(a, sizeof(a), "%d", tfm);
	snprintf(b, sizeof(b), "%d", keep);
	pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", "[ ! -e /proc/self/fd/$0 ] && [ -e /proc/self/fd/$1 ]",
		      a, b, (char *)NULL);
		_exit(127);
	}
	CHECK_EQ(child_status(pid), 0);
	close(keep);
	close(tfm);
}

static void __attribute__((constructor)) check_env(void)
{
	require_preload();
}
