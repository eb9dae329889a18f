/* SPDX-License-Identifier: MIT */
/*
 * What `ualg audit` costs the programs it watches: ns per round of
 *
 *   alg      socket(AF_ALG) + bind("hash", "sha256") + close   (the calls the audit records;
 *            to the kernel, or to ualg under the preload)
 *   op       one sha256 request on an open op socket: send + recv (the data path)
 *   null     getppid(): a system call the tracer only filters out
 *   write    write(2) of 64 bytes to /dev/null: a watched call, from a process without AF_ALG
 *
 *   audit-cost alg|op|null|write ROUNDS      prints the median ns/round of 5 runs
 */
#include <fcntl.h>
#include <linux/if_alg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif

static const struct sockaddr_alg sha256 = {
	.salg_family = AF_ALG, .salg_type = "hash", .salg_name = "sha256"};

static int op_fd = -1, null_fd = -1;

static void round_alg(void)
{
	int fd = socket(AF_ALG, SOCK_SEQPACKET, 0);

	(void)bind(fd, (const struct sockaddr *)&sha256, sizeof(sha256));
	if (fd >= 0)
		close(fd);
}

static void round_op(void)
{
	unsigned char d[32];

	if (send(op_fd, "abcdefghijklmnopqrstuvwxyz012345abcdefghijklmnopqrstuvwxyz012345", 64,
		 0) != 64 ||
	    recv(op_fd, d, sizeof(d), 0) != 32)
		exit(1);
}

static void round_null(void)
{
	(void)syscall(SYS_getppid);
}

static void round_write(void)
{
	static const char buf[64];

	(void)!write(null_fd, buf, sizeof(buf));
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*fn)(void);
	} modes[] = {
		{"alg", round_alg}, {"op", round_op}, {"null", round_null}, {"write", round_write}};
	void (*fn)(void) = NULL;
	double t[5];
	long n;

	if (argc != 3 || (n = atol(argv[2])) <= 0)
		goto usage;
	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(argv[1], modes[i].name))
			fn = modes[i].fn;
	if (!fn)
		goto usage;
	if (fn == round_op) {
		int tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);

		if (tfm < 0 || bind(tfm, (const struct sockaddr *)&sha256, sizeof(sha256)) ||
		    (op_fd = accept(tfm, NULL, 0)) < 0) {
			fprintf(stderr, "audit-cost: no AF_ALG sha256 (run it under ualg run)\n");
			return 77;
		}
	}
	null_fd = open("/dev/null", O_WRONLY);
	for (int r = 0; r < 5; r++) {
		double t0 = now();

		for (long i = 0; i < n; i++)
			fn();
		t[r] = (now() - t0) / (double)n;
	}
	qsort(t, 5, sizeof(t[0]), cmp);
	printf("%.0f\n", t[2]);
	return 0;
usage:
	fprintf(stderr, "usage: audit-cost alg|op|null|write ROUNDS\n");
	return 2;
}
