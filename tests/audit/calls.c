/* SPDX-License-Identifier: MIT */
/*
 * A program for the audit tests: makes socket() and bind() calls in a
 * loop, AF_ALG ones ("alg": bind to hash/sha256, on the socket or, where
 * the kernel refused the socket, on fd -1; where it did not, accept, send
 * "abc" and read the digest) or only AF_INET ones ("inet": a program that
 * never touches AF_ALG but makes the same system calls).
 *
 *   audit-calls alg|inet COUNT     COUNT rounds (0: until killed)
 */
#include <linux/if_alg.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif

static void alg_round(void)
{
	struct sockaddr_alg sa = {
		.salg_family = AF_ALG, .salg_type = "hash", .salg_name = "sha256"};
	int fd = socket(AF_ALG, SOCK_SEQPACKET, 0), op;
	unsigned char digest[32];

	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 && (op = accept(fd, NULL, 0)) >= 0) {
		if (write(op, "abc", 3) != 3 || read(op, digest, sizeof(digest)) != 32)
			exit(1);
		close(op);
	}
	if (fd >= 0)
		close(fd);
}

static void inet_round(void)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0)
		return;
	if (!bind(fd, (struct sockaddr *)&sa, sizeof(sa)) &&
	    !getsockname(fd, (struct sockaddr *)&sa, &len))
		(void)sendto(fd, "x", 1, 0, (struct sockaddr *)&sa, len);
	close(fd);
}

int main(int argc, char **argv)
{
	long n;
	void (*round)(void);

	if (argc != 3 || (strcmp(argv[1], "alg") && strcmp(argv[1], "inet"))) {
		fprintf(stderr, "usage: audit-calls alg|inet COUNT\n");
		return 2;
	}
	round = !strcmp(argv[1], "alg") ? alg_round : inet_round;
	n = atol(argv[2]);
	for (long i = 0; !n || i < n; i++) {
		round();
		if (!n)
			usleep(10000);
	}
	return 0;
}
