/* SPDX-License-Identifier: MIT */
/*
 * How many emulated sockets fit under RLIMIT_NOFILE = 1024, against the
 * number of plain AF_UNIX sockets the same program can open: one kernel fd
 * per emulated socket, plus two for the whole process (src/preload/
 * fdtable.c), so the counts differ by at most 2. The limit is set before
 * anything else runs; the AF_UNIX count is taken before the first AF_ALG
 * socket (the preload's two fds do not exist yet), the others after it.
 * Each count runs in a child until EMFILE (which must be the error:
 * nothing else may fail first), closes everything again and checks that no
 * fd is left behind. The numbers are printed for the README.
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include "alg.h"

#define LIMIT 1024

enum kind { PLAIN_UNIX, HASH_PAIRS, PARENTS, CBC_OPS };

/* in the child: sockets opened until EMFILE; -1 on any other error or a leak */
static int count(enum kind k)
{
	static int fds[4 * LIMIT];
	int n = 0, tfm = -1, before, e = 0;

	/* the first socket makes the preload's process-wide fds: they are not a leak */
	close(socket(k == PLAIN_UNIX ? AF_UNIX : AF_ALG, SOCK_SEQPACKET, 0));
	before = test_open_fds();
	if (k == CBC_OPS) {
		static const uint8_t key[16];

		tfm = alg_tfm("skcipher", "cbc(aes)");
		if (tfm < 0 || setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, 16) < 0)
			return -1;
	}
	for (;;) {
		int a = -1, b = -1;

		switch (k) {
		case PLAIN_UNIX:
			a = socket(AF_UNIX, SOCK_SEQPACKET, 0);
			break;
		case PARENTS:
			a = socket(AF_ALG, SOCK_SEQPACKET, 0);
			break;
		case CBC_OPS:
			a = accept(tfm, NULL, NULL);
			break;
		case HASH_PAIRS:
			a = alg_tfm("hash", "sha256");
			if (a < 0) {
				errno = -a;
				a = -1;
				break;
			}
			b = accept(a, NULL, NULL);
			if (b < 0) {
				e = errno;
				close(a);
				a = -1;
				errno = e;
			}
			break;
		}
		if (a < 0) {
			e = errno;
			break;
		}
		fds[n++] = a;
		if (b >= 0)
			fds[n++] = b;
	}
	if (e != EMFILE) {
		fprintf(stderr, "kind %d: stopped with %s after %d sockets\n", k, strerror(e), n);
		return -1;
	}
	for (int i = 0; i < n; i++)
		close(fds[i]);
	if (tfm >= 0)
		close(tfm);
	/* everything closed: nothing left behind */
	if (test_open_fds() != before) {
		fprintf(stderr, "kind %d: %d fds left open (before: %d)\n", k, test_open_fds(),
			before);
		return -1;
	}
	return n;
}

__attribute__((constructor)) static void limit(void)
{
	struct rlimit rl = {LIMIT, LIMIT};

	if (setrlimit(RLIMIT_NOFILE, &rl))
		HARD_ERROR("setrlimit: %s\n", strerror(errno));
}

static int in_child(enum kind k)
{
	int p[2], n = -1, st;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		n = count(k);
		_exit(write(p[1], &n, sizeof(n)) == sizeof(n) ? 0 : 1);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &n, sizeof(n)) != sizeof(n))
		n = -1;
	close(p[0]);
	if (pid > 0)
		waitpid(pid, &st, 0);
	return n;
}

TEST(sockets_under_1024_fds)
{
	int plain, pairs, parents, ops;

	plain = in_child(PLAIN_UNIX);
	require_preload();
	pairs = in_child(HASH_PAIRS);
	parents = in_child(PARENTS);
	ops = in_child(CBC_OPS);
	fprintf(stderr,
		"RLIMIT_NOFILE %d: AF_UNIX sockets %d; AF_ALG parent sockets %d, "
		"hash parent+op pairs %d (%d sockets), cbc(aes) op sockets %d\n",
		LIMIT, plain, parents, pairs / 2, pairs, ops);
	CHECK(plain > LIMIT - 16);
	/* one kernel fd per socket, two for the process */
	CHECK(parents >= plain - 2);
	CHECK(pairs >= plain - 3); /* an even count */
	CHECK(ops >= plain - 3);   /* the parent socket is one more */
}
