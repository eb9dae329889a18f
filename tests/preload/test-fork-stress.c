/* SPDX-License-Identifier: MIT */
/*
 * fork() while other threads are inside every ualg path (docs/robustness.md,
 * the fork lock order): threads bind (a new transform each time, and a name
 * that makes the registry try, and fail, to instantiate a template under its
 * lock), set keys, accept and close op sockets, hash, encrypt with a blocking
 * recv served by another thread's send, submit AIO, dump NETLINK_CRYPTO, and
 * forward requests to another process (an op socket shared with a child).
 * Meanwhile the main thread forks again and again; every child must, within
 * a deadline, make new sockets of every kind, use an inherited op socket
 * (served by this process through the fork sharing), and exit 0. A child that
 * hangs (a lock held by a thread it does not have) is killed at the deadline
 * and counted: the test fails on the first.
 *
 * UALG_FORK_STRESS=N sets the number of forks (default 300).
 */
#include <linux/aio_abi.h>
#include <linux/cryptouser.h>
#include <linux/netlink.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "alg.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define CHILD_DEADLINE_MS 20000

static atomic_int stop;
static atomic_long ops[8];

static const unsigned char sha_abc[32] = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
					  0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
					  0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
					  0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
static const uint8_t key16[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
				  0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
/* AES-128-ECB of 16 zero bytes under key16 (NIST-style check value from OpenSSL) */
static uint8_t ecb_zero[16];

static bool hash_ok(int op)
{
	unsigned char d[32];

	return send(op, "abc", 3, 0) == 3 && recv(op, d, 32, 0) == 32 && !memcmp(d, sha_abc, 32);
}

static int ecb_op(int *tfm)
{
	*tfm = alg_tfm("skcipher", "ecb(aes)");
	if (*tfm < 0 || setsockopt(*tfm, SOL_ALG, ALG_SET_KEY, key16, 16) < 0)
		return -1;
	return accept(*tfm, NULL, NULL);
}

static ssize_t send_enc(int op, const void *p, size_t n)
{
	char cbuf[CMSG_SPACE(4)] = {0};
	struct iovec io = {.iov_base = (void *)p, .iov_len = n};
	struct msghdr m = {.msg_iov = &io,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(4);
	*(uint32_t *)CMSG_DATA(c) = ALG_OP_ENCRYPT;
	return sendmsg(op, &m, 0);
}

static bool ecb_ok(int op)
{
	static const uint8_t zero[16];
	uint8_t out[16];

	return send_enc(op, zero, 16) == 16 && read(op, out, 16) == 16 &&
	       !memcmp(out, ecb_zero, 16);
}

static bool netlink_ok(void)
{
	int nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_CRYPTO);
	struct {
		struct nlmsghdr h;
		struct crypto_user_alg u;
	} req = {.h = {.nlmsg_len = sizeof(req),
		       .nlmsg_type = CRYPTO_MSG_GETALG,
		       .nlmsg_flags = NLM_F_REQUEST}};
	char buf[8192];
	bool ok;

	strcpy(req.u.cru_name, "sha256");
	ok = nl >= 0 && send(nl, &req, sizeof(req), 0) == sizeof(req) &&
	     recv(nl, buf, sizeof(buf), 0) > (ssize_t)sizeof(struct nlmsghdr) &&
	     ((struct nlmsghdr *)buf)->nlmsg_type == CRYPTO_MSG_GETALG;
	close(nl);
	return ok;
}

static bool aio_ok(int op)
{
	aio_context_t ctx = 0;
	unsigned char d[32];
	struct iocb cb = {.aio_fildes = (uint32_t)op,
			  .aio_lio_opcode = IOCB_CMD_PREAD,
			  .aio_buf = (uint64_t)(uintptr_t)d,
			  .aio_nbytes = 32};
	struct iocb *cbp = &cb;
	struct io_event ev;
	bool ok;

	if (syscall(__NR_io_setup, 4, &ctx) < 0)
		return false;
	ok = send(op, "abc", 3, 0) == 3 && syscall(__NR_io_submit, ctx, 1L, &cbp) == 1 &&
	     syscall(__NR_io_getevents, ctx, 1L, 1L, &ev, NULL) == 1 && ev.res == 32 &&
	     !memcmp(d, sha_abc, 32);
	(void)syscall(__NR_io_destroy, ctx);
	return ok;
}

/* ---- the threads of the parent ---- */

static void *t_bind(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		int a = alg_tfm("hash", "hmac(sha256)");
		int b = alg_tfm("skcipher", "cbc(nonexistent-ualg)"); /* registry lock, ENOENT */

		if (a >= 0 && b == -ENOENT)
			atomic_fetch_add(&ops[0], 1);
		close(a);
	}
	return NULL;
}

static void *t_setkey_accept(void *arg)
{
	int tfm = alg_tfm("hash", "hmac(sha256)");

	(void)arg;
	while (!atomic_load(&stop)) {
		int op;

		if (setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key16, 16) < 0)
			continue;
		op = accept(tfm, NULL, NULL);
		if (op >= 0 && send(op, "x", 1, 0) == 1)
			atomic_fetch_add(&ops[1], 1);
		close(op);
	}
	close(tfm);
	return NULL;
}

static void *t_hash(void *arg)
{
	int tfm = alg_tfm("hash", "sha256"), op = accept(tfm, NULL, NULL);

	(void)arg;
	while (!atomic_load(&stop))
		if (hash_ok(op))
			atomic_fetch_add(&ops[2], 1);
	close(op);
	close(tfm);
	return NULL;
}

/* a blocking recv that another thread's send completes */
static int pair_op;

static void *t_recv(void *arg)
{
	uint8_t out[16];

	(void)arg;
	while (!atomic_load(&stop)) {
		if (read(pair_op, out, 16) == 16 && !memcmp(out, ecb_zero, 16))
			atomic_fetch_add(&ops[3], 1);
	}
	return NULL;
}

static void *t_send(void *arg)
{
	static const uint8_t zero[16];
	struct timespec ms = {0, 200000};

	(void)arg;
	while (!atomic_load(&stop)) {
		if (send_enc(pair_op, zero, 16) == 16)
			atomic_fetch_add(&ops[4], 1);
		nanosleep(&ms, NULL);
	}
	/* let the reader out */
	for (int i = 0; i < 4; i++)
		(void)send_enc(pair_op, zero, 16);
	return NULL;
}

static void *t_aio_netlink(void *arg)
{
	int tfm = alg_tfm("hash", "sha256"), op = accept(tfm, NULL, NULL);

	(void)arg;
	while (!atomic_load(&stop)) {
		if (aio_ok(op))
			atomic_fetch_add(&ops[5], 1);
		if (netlink_ok())
			atomic_fetch_add(&ops[6], 1);
	}
	close(op);
	close(tfm);
	return NULL;
}

static int reap(pid_t pid);

/*
 * Children that use an op socket of ours through the fork sharing, one
 * after the other: this process's sharing threads serve them while the
 * main thread forks.
 */
static int shared_for_users = -1;

static void *t_share_users(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		pid_t pid = fork();

		if (pid == 0) {
			for (int i = 0; i < 20; i++)
				if (!hash_ok(shared_for_users))
					_exit(1);
			_exit(0);
		}
		if (pid > 0 && reap(pid) == 0)
			atomic_fetch_add(&ops[7], 1);
	}
	return NULL;
}

/* ---- a child of the storm ---- */

static int child_work(int inherited)
{
	int tfm, op, fail = 0;

	op = ecb_op(&tfm);
	fail |= !ecb_ok(op) << 0;
	close(op);
	close(tfm);
	tfm = alg_tfm("hash", "sha256");
	op = accept(tfm, NULL, NULL);
	fail |= !hash_ok(op) << 1;
	fail |= !aio_ok(op) << 2;
	close(op);
	close(tfm);
	fail |= !netlink_ok() << 3;
	fail |= !hash_ok(inherited) << 4; /* served by the parent */
	tfm = alg_tfm("hash", "hmac(sha256)");
	fail |= (setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key16, 16) < 0) << 5;
	return fail;
}

/* 0: exited 0; >0: its failure bits; -1: hung (killed at the deadline); -2: died */
static int reap(pid_t pid)
{
	struct timespec ms = {0, 1000000};
	int st;

	for (int t = 0; t < CHILD_DEADLINE_MS; t++) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : -2;
		if (r < 0)
			return -2;
		nanosleep(&ms, NULL);
	}
	kill(pid, SIGKILL);
	(void)waitpid(pid, &st, 0);
	return -1;
}

TEST(fork_storm)
{
	static const uint8_t zero[16];
	void *(*fns[])(void *) = {t_bind, t_setkey_accept, t_hash,	 t_recv,
				  t_send, t_aio_netlink,   t_share_users};
	pthread_t th[ARRAY_SIZE(fns)];
	const char *env = getenv("UALG_FORK_STRESS");
	int n = env ? atoi(env) : 300, hung = 0, died = 0, wrong = 0;
	int pair_tfm, shared_tfm, shared;
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int outl;

	require_preload();
	/* the reference ciphertext, from OpenSSL */
	CHECK(EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), NULL, key16, NULL) == 1);
	CHECK(EVP_EncryptUpdate(c, ecb_zero, &outl, zero, 16) == 1);
	EVP_CIPHER_CTX_free(c);

	pair_op = ecb_op(&pair_tfm);
	CHECK(pair_op >= 0);
	/* op sockets of ours the children use through the fork sharing: one per user */
	shared_tfm = alg_tfm("hash", "sha256");
	shared = accept(shared_tfm, NULL, NULL);
	shared_for_users = accept(shared_tfm, NULL, NULL);
	CHECK(shared >= 0 && shared_for_users >= 0);

	for (size_t i = 0; i < ARRAY_SIZE(fns); i++)
		CHECK_EQ(pthread_create(&th[i], NULL, fns[i], NULL), 0);
	for (int i = 0; i < n && !hung; i++) {
		pid_t pid = fork();
		int r;

		if (pid == 0)
			_exit(child_work(shared));
		if (pid < 0) {
			CHECK(0);
			break;
		}
		r = reap(pid);
		if (r == -1) {
			fprintf(stderr, "fork %d: child hung (killed after %d ms)\n", i,
				CHILD_DEADLINE_MS);
			hung++;
		} else if (r == -2) {
			fprintf(stderr, "fork %d: child died\n", i);
			died++;
		} else if (r) {
			fprintf(stderr, "fork %d: child answered wrongly (bits %#x)\n", i, r);
			wrong++;
		}
	}
	atomic_store(&stop, 1);
	for (size_t i = 0; i < ARRAY_SIZE(fns); i++)
		CHECK_EQ(pthread_join(th[i], NULL), 0);
	fprintf(stderr, "forks: %d, hung %d, died %d, wrong %d; thread operations:", n, hung, died,
		wrong);
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
		fprintf(stderr, " %ld", atomic_load(&ops[i]));
	fprintf(stderr, "\n");
	CHECK_EQ(hung, 0);
	CHECK_EQ(died, 0);
	CHECK_EQ(wrong, 0);
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
		CHECK(atomic_load(&ops[i]) > 0);
}
