/* SPDX-License-Identifier: MIT */
/*
 * fork(): parent and child share an inherited op socket as on Linux (the
 * process holding its state serves the other, src/preload/share.c): what
 * one sends the other reads, in children and grandchildren; a child whose
 * owner exited takes the socket over when its copy is exact and fails EIO
 * when it is not. New sockets in the child; fork while another thread works
 * on sockets; exec closing CLOEXEC sockets.
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

/* the digest of op after the data sent so far equals sha256(want) */
static bool digest_is(int op, const char *want)
{
	unsigned char got[32], ref[32];
	unsigned int wl;

	if (read(op, got, 32) != 32)
		return false;
	ref_digest("SHA256", want, strlen(want), ref, &wl);
	return memcmp(got, ref, 32) == 0;
}

TEST(child_shares_inherited_and_makes_new)
{
	pid_t pid;
	int op, lowest;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept(tfm, NULL, 0);
	CHECK_EQ(send(op, "ab", 2, MSG_MORE), 2);
	lowest = dup(0);
	close(lowest);
	pid = fork();
	if (pid == 0) {
		int op2, fail = 0;

		/* the shared stream: "ab" + "c", and the digest consumes it */
		fail |= send(op, "c", 1, 0) != 1 || !digest_is(op, "abc");
		/* the sharing's own fds keep out of the application's numbering */
		op2 = dup(0);
		fail |= op2 != lowest;
		close(op2);
		/* new sockets in the child, from the inherited parent and a new one */
		op2 = accept(tfm, NULL, 0);
		fail |= op2 < 0 || send(op2, "xyz", 3, 0) != 3 || !digest_is(op2, "xyz");
		close(op2);
		op2 = alg_tfm("hash", "sha1");
		fail |= op2 < 0;
		close(op2);
		_exit(fail ? 1 : 0);
	}
	CHECK(pid > 0);
	CHECK_EQ(child_status(pid), 0);
	/* the child's read ended the hash: "d" starts a new one, as on Linux */
	CHECK_EQ(send(op, "d", 1, 0), 1);
	CHECK(digest_is(op, "d"));
	close(op);
	close(tfm);
}

/* libkcapi's multithreaded stream test: a forked writer, the parent reads */
TEST(child_writes_parent_reads)
{
	static const unsigned char key[16] = "0123456789abcdef", iv[16] = "fedcba9876543210";
	unsigned char pt[4096], ct[4096], ref[4096];
	size_t got = 0;
	pid_t pid;
	int op;
	TFM_OR_SKIP(tfm, "skcipher", "cbc(aes)");

	alarm(30); /* without sharing the parent would wait for ever */
	for (size_t i = 0; i < sizeof(pt); i++)
		pt[i] = (unsigned char)(i * 7);
	CHECK_EQ(alg_setkey(tfm, key, 16), 0);
	op = accept(tfm, NULL, 0);
	/* the operation and IV from the parent, no data yet */
	CHECK_EQ(alg_crypt(op, 1, iv, 16, -1, pt, 0, NULL, 0, MSG_MORE), 0);
	pid = fork();
	if (pid == 0) {
		/* two sends, the second the last: the parent is already reading */
		_exit(send(op, pt, 1024, MSG_MORE) == 1024 && send(op, pt + 1024, 3072, 0) == 3072
			      ? 0
			      : 1);
	}
	CHECK(pid > 0);
	while (got < sizeof(ct)) {
		ssize_t r = read(op, ct + got, sizeof(ct) - got);

		if (r <= 0)
			break;
		got += (size_t)r;
	}
	CHECK_EQ(got, sizeof(ct));
	CHECK_EQ(child_status(pid), 0);
	ref_cipher("AES-128-CBC", 1, key, iv, pt, sizeof(pt), ref);
	CHECK_MEM(ct, ref, sizeof(ct));
	alarm(0);
	close(op);
	close(tfm);
}

/* a grandchild reaches the socket's owner through its parent's connection */
TEST(grandchild_shares)
{
	pid_t pid;
	int op;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept(tfm, NULL, 0);
	CHECK_EQ(send(op, "a", 1, MSG_MORE), 1);
	pid = fork();
	if (pid == 0) {
		int fail = send(op, "b", 1, MSG_MORE) != 1;
		pid_t gc = fork();

		if (gc == 0)
			_exit(send(op, "c", 1, MSG_MORE) == 1 ? 0 : 1);
		fail |= child_status(gc) != 0;
		_exit(fail ? 1 : 0);
	}
	CHECK_EQ(child_status(pid), 0);
	CHECK_EQ(send(op, "d", 1, 0), 1);
	CHECK(digest_is(op, "abcd"));
	close(op);
	close(tfm);
}

/*
 * The owner exits (a daemon's parent): in an intermediate process, make
 * the socket, send "ab", fork the child, optionally send more, exit; the
 * child waits for the owner's end and continues. Returns the child's
 * result: 0 digest of "abc" right, 2 the send failed EIO, 1 anything else.
 */
static int orphan_case(bool owner_sends_after_fork)
{
	int pfd[2], res = -1;
	pid_t mid;

	if (pipe(pfd))
		return -1;
	mid = fork();
	if (mid == 0) {
		int tfm = alg_tfm("hash", "sha256"), op, gate[2];
		pid_t c;

		op = tfm >= 0 ? accept(tfm, NULL, 0) : -1;
		if (op < 0 || send(op, "ab", 2, MSG_MORE) != 2 || pipe(gate))
			_exit(1);
		c = fork();
		if (c == 0) {
			char b;
			int r;

			close(gate[1]);
			/* end of file: the owner has exited */
			while (read(gate[0], &b, 1) > 0)
				;
			if (send(op, "c", 1, 0) == 1)
				r = digest_is(op, "abc") ? 0 : 1;
			else
				r = errno == EIO ? 2 : 1;
			(void)!write(pfd[1], &r, sizeof(r));
			_exit(0);
		}
		if (owner_sends_after_fork)
			(void)!send(op, "x", 1, MSG_MORE);
		_exit(0);
	}
	close(pfd[1]);
	(void)child_status(mid);
	if (read(pfd[0], &res, sizeof(res)) != sizeof(res))
		res = -1;
	close(pfd[0]);
	return res;
}

TEST(owner_exits_child_takes_over)
{
	TFM_OR_SKIP(tfm, "hash", "sha256");
	close(tfm);
	CHECK_EQ(orphan_case(false), 0);
}

TEST(owner_exits_after_changing_state_child_gets_eio)
{
	TFM_OR_SKIP(tfm, "hash", "sha256");
	close(tfm);
	CHECK_EQ(orphan_case(true), 2);
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

#ifdef __SANITIZE_THREAD__
	/* /bin/sh is not built with TSan: it cannot run with this preload */
	close(tfm);
	SKIP("exec of an uninstrumented program under -fsanitize=thread");
#endif
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
