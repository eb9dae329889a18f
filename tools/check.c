/* SPDX-License-Identifier: MIT */
/*
 * `ualg check`: does ualg work here? The preload is loaded into a child
 * process (this program again, `ualg check --in-process`, LD_PRELOAD set to
 * that preload alone), which then behaves as an AF_ALG client would: it opens
 * AF_ALG sockets and computes known answers through them, one per socket type
 * that clients use. It passes only if the preload was loaded, the engine was
 * loaded by the first socket (so the answers came from ualg, not from a kernel
 * that still has AF_ALG: both show in /proc/self/maps), every bind succeeded
 * (the engine self-tests an algorithm before its first use and refuses it
 * with ELIBBAD when it fails) and every answer is right.
 *
 * `ualg enable` runs this before it writes anything, with the preload it is
 * about to enable, and again after writing /etc/ld.so.preload, with no
 * LD_PRELOAD at all, so that the loader's own reading of the new file is what
 * is tested; a failure there puts the old file back.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_alg.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ualg/ualg.h"
#include "cli.h"

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

extern char **environ;

/* Known answers, one per AF_ALG socket type and the most used names (hex). */
static const struct kat_row {
	const char *type, *name;
	const char *key, *iv, *assoc, *input, *output; /* output: what read() returns */
	unsigned int authsize;
} kat_table[] = {
	/* FIPS 180-2, "abc" */
	{ "hash", "sha256", NULL, NULL, NULL, "616263",
	  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 0 },
	/* RFC 4231 test case 2 */
	{ "hash", "hmac(sha256)", "4a656665", NULL, NULL,
	  "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
	  "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", 0 },
	/* SP 800-38A F.2.1, first block */
	{ "skcipher", "cbc(aes)", "2b7e151628aed2a6abf7158809cf4f3c",
	  "000102030405060708090a0b0c0d0e0f", NULL, "6bc1bee22e409f96e93d7e117393172a",
	  "7649abac8119b246cee98e9b12e9197d", 0 },
	/* McGrew-Viega GCM test case 2 (AF_ALG returns AAD || ciphertext || tag) */
	{ "aead", "gcm(aes)", "00000000000000000000000000000000", "000000000000000000000000", "",
	  "00000000000000000000000000000000",
	  "0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf", 16 },
};

#define KAT_MAX 64

static int unhex(const char *hex, unsigned char *out, size_t cap, size_t *ret_len)
{
	size_t n = hex ? strlen(hex) : 0;

	if (n % 2 || n / 2 > cap)
		return -EINVAL;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned int b;

		if (sscanf(hex + 2 * i, "%2x", &b) != 1)
			return -EINVAL;
		out[i] = (unsigned char)b;
	}
	*ret_len = n / 2;
	return 0;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		(void)close(*fd);
}

#define _cleanup_fd_ __attribute__((cleanup(close_fd)))

/* one row through AF_ALG; 0 or -errno, *ret_step the call that failed */
static int kat_run(const struct kat_row *k, const char **ret_step)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	unsigned char key[KAT_MAX], iv[KAT_MAX], buf[2 * KAT_MAX], want[2 * KAT_MAX];
	size_t klen = 0, ivlen = 0, alen = 0, inlen = 0, wantlen = 0;
	_cleanup_fd_ int tfm = -1, op = -1;
	ssize_t n;

	if (unhex(k->key, key, sizeof(key), &klen) || unhex(k->iv, iv, sizeof(iv), &ivlen) ||
	    unhex(k->assoc, buf, KAT_MAX, &alen) ||
	    unhex(k->input, buf + alen, sizeof(buf) - alen, &inlen) ||
	    unhex(k->output, want, sizeof(want), &wantlen))
		return *ret_step = "row", -EINVAL;
	snprintf((char *)sa.salg_type, sizeof(sa.salg_type), "%s", k->type);
	snprintf((char *)sa.salg_name, sizeof(sa.salg_name), "%s", k->name);

	*ret_step = "socket";
	tfm = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (tfm < 0)
		return -errno;
	*ret_step = "bind";
	if (bind(tfm, (struct sockaddr *)&sa, sizeof(sa)))
		return -errno;
	*ret_step = "setsockopt(ALG_SET_KEY)";
	if (k->key && setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, (socklen_t)klen))
		return -errno;
	*ret_step = "setsockopt(ALG_SET_AEAD_AUTHSIZE)";
	if (k->authsize && setsockopt(tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, k->authsize))
		return -errno;
	*ret_step = "accept";
	op = accept(tfm, NULL, NULL);
	if (op < 0)
		return -errno;

	*ret_step = "sendmsg";
	if (k->iv) {
		union {
			char buf[CMSG_SPACE(sizeof(__u32)) +
				 CMSG_SPACE(sizeof(struct af_alg_iv) + KAT_MAX) +
				 CMSG_SPACE(sizeof(__u32))];
			struct cmsghdr align;
		} ctl = { 0 };
		struct iovec iov = { buf, alen + inlen };
		struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl.buf };
		struct cmsghdr *c;
		struct af_alg_iv *aiv;
		__u32 v;

		msg.msg_controllen = CMSG_SPACE(sizeof(__u32)) +
				     CMSG_SPACE(sizeof(struct af_alg_iv) + ivlen) +
				     (k->assoc ? CMSG_SPACE(sizeof(__u32)) : 0);
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_ALG;
		c->cmsg_type = ALG_SET_OP;
		c->cmsg_len = CMSG_LEN(sizeof(__u32));
		v = ALG_OP_ENCRYPT;
		memcpy(CMSG_DATA(c), &v, sizeof(v));
		c = CMSG_NXTHDR(&msg, c);
		c->cmsg_level = SOL_ALG;
		c->cmsg_type = ALG_SET_IV;
		c->cmsg_len = CMSG_LEN(sizeof(struct af_alg_iv) + ivlen);
		aiv = (struct af_alg_iv *)CMSG_DATA(c);
		aiv->ivlen = (__u32)ivlen;
		memcpy(aiv->iv, iv, ivlen);
		if (k->assoc) {
			c = CMSG_NXTHDR(&msg, c);
			c->cmsg_level = SOL_ALG;
			c->cmsg_type = ALG_SET_AEAD_ASSOCLEN;
			c->cmsg_len = CMSG_LEN(sizeof(__u32));
			v = (__u32)alen;
			memcpy(CMSG_DATA(c), &v, sizeof(v));
		}
		if (sendmsg(op, &msg, 0) != (ssize_t)(alen + inlen))
			return errno ? -errno : -EIO;
	} else if (send(op, buf, inlen, 0) != (ssize_t)inlen) {
		return errno ? -errno : -EIO;
	}
	/* exactly the answer's length, as clients read: more would wait for more data */
	*ret_step = "read";
	n = read(op, buf, wantlen);
	if (n < 0)
		return -errno;
	*ret_step = "answer";
	if ((size_t)n != wantlen || memcmp(buf, want, wantlen))
		return -EBADMSG;
	return 0;
}

/* the path of the first mapping whose file name ends in /name, or NULL */
static char *mapped(const char *name, char *buf, size_t len)
{
	FILE *f = fopen("/proc/self/maps", "re");
	char line[4096 + 128];
	size_t nl = strlen(name);
	char *found = NULL;

	if (!f)
		return NULL;
	while (!found && fgets(line, sizeof(line), f)) {
		char *path = strchr(line, '/');
		size_t pl;

		if (!path)
			continue;
		path[strcspn(path, "\n")] = '\0';
		pl = strlen(path);
		if (pl > nl && path[pl - nl - 1] == '/' && !strcmp(path + pl - nl, name)) {
			snprintf(buf, len, "%s", path);
			found = buf;
		}
	}
	fclose(f);
	return found;
}

/* `ualg check --in-process`: this process as an AF_ALG client */
static int check_in_process(void)
{
	char path[4096];
	unsigned int pass = 0, fail = 0;

	setvbuf(stdout, NULL, _IOLBF, 0); /* a row that hangs shows after the last that passed */
	if (!mapped("libualg-preload.so", path, sizeof(path))) {
		printf("FAIL the preload (libualg-preload.so) is not loaded in this process\n");
		return UALG_EXIT_FAIL;
	}
	printf("preload: %s\n", path);
	for (size_t i = 0; i < sizeof(kat_table) / sizeof(kat_table[0]); i++) {
		const struct kat_row *k = &kat_table[i];
		const char *step = "";
		int r = kat_run(k, &step);

		if (r == 0) {
			pass++;
			printf("ok   %s %s\n", k->type, k->name);
		} else {
			fail++;
			printf("FAIL %s %s: %s: %s\n", k->type, k->name, step,
			       r == -EBADMSG ? "wrong answer" : strerror(-r));
		}
	}
	if (mapped("libualg-engine.so", path, sizeof(path))) {
		printf("engine:  %s\n", path);
	} else {
		fail++;
		printf("FAIL the engine (libualg-engine.so) was not loaded: AF_ALG was not served "
		       "by "
		       "ualg\n");
	}
	printf("known answers through AF_ALG: %u right, %u wrong\n", pass, fail);
	return fail ? UALG_EXIT_FAIL : UALG_EXIT_OK;
}

/* see cli.h */
int ualg_cli_check_child(const char *preload, bool verbose)
{
	static char *const argv[] = { "ualg", "check", "--in-process", NULL };
	size_t nenv = 0, k = 0, len = 0, cap = 0;
	char **envp, *ld = NULL, *out = NULL;
	posix_spawn_file_actions_t fa;
	int pipefd[2] = { -1, -1 }, status = 0, r;
	pid_t pid;

	while (environ[nenv])
		nenv++;
	envp = calloc(nenv + 2, sizeof(*envp));
	if (!envp)
		return -1;
	for (size_t i = 0; i < nenv; i++)
		if (strncmp(environ[i], "LD_PRELOAD=", 11))
			envp[k++] = environ[i];
	if (preload) {
		if (asprintf(&ld, "LD_PRELOAD=%s", preload) < 0) {
			free(envp);
			return -1;
		}
		envp[k++] = ld;
	}
	if (pipe2(pipefd, O_CLOEXEC)) {
		free(ld);
		free(envp);
		return -1;
	}
	fflush(stdout);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
	r = posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	(void)close(pipefd[1]);
	free(ld);
	free(envp);
	if (r) {
		(void)close(pipefd[0]);
		fprintf(stderr, "ualg: cannot start the check: %s\n", strerror(r));
		return -1;
	}
	for (;;) {
		ssize_t n;

		if (len + 512 > cap) {
			char *p = realloc(out, cap = cap ? 2 * cap : 4096);

			if (!p)
				break;
			out = p;
		}
		n = read(pipefd[0], out + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	(void)close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	r = WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
	if (verbose || r) {
		if (out)
			fwrite(out, 1, len, r ? stderr : stdout);
		if (WIFSIGNALED(status))
			fprintf(stderr, "ualg: the check process was killed by signal %d (%s)\n",
				WTERMSIG(status), strsignal(WTERMSIG(status)));
	}
	free(out);
	return r;
}

/* see cli.h */
int ualg_cli_kernel_afalg(void)
{
	long fd = syscall(SYS_socket, AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	(void)syscall(SYS_close, fd);
	return 0;
}

/* see cli.h */
int ualg_cli_check(int argc, char **argv)
{
	const char *preload = NULL;
	unsigned int passed = 0, failed = 0;
	int r;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--in-process") && argc == 2)
			return check_in_process();
		else if (!strcmp(argv[i], "--preload") && i + 1 < argc && !preload)
			preload = argv[++i];
		else
			return ualg_cli_usage(argv[0]);
	}
	if (!preload)
		preload = ualg_cli_preload_path();
	if (access(preload, R_OK)) {
		fprintf(stderr, "ualg: preload %s: %s\n", preload, strerror(errno));
		return UALG_EXIT_FAIL;
	}
	r = ualg_cli_check_child(preload, true);
	if (ualg_selftest(&passed, &failed) < 0)
		failed++;
	printf("self-tests: %u algorithms passed, %u failed\n", passed, failed);
	if (r || failed) {
		printf("check: FAILED\n");
		return UALG_EXIT_FAIL;
	}
	printf("check: passed\n");
	return UALG_EXIT_OK;
}
