/* SPDX-License-Identifier: MIT */
/*
 * Run with the preload copied alone into a folder (no libualg-engine.so beside
 * it): AF_ALG must then fail as on a kernel without it, NETLINK_CRYPTO as on a
 * kernel without crypto_user, and ordinary descriptors keep working.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef NETLINK_CRYPTO
#define NETLINK_CRYPTO 21
#endif

int main(void)
{
	int fails = 0, p[2];
	char c = 'x';

	errno = 0;
	if (socket(AF_ALG, SOCK_SEQPACKET, 0) != -1 || errno != EAFNOSUPPORT) {
		fprintf(stderr, "socket(AF_ALG): errno %d, want EAFNOSUPPORT\n", errno);
		fails++;
	}
	errno = 0;
	if (socket(AF_NETLINK, SOCK_RAW, NETLINK_CRYPTO) != -1 || errno != EPROTONOSUPPORT) {
		fprintf(stderr, "socket(NETLINK_CRYPTO): errno %d, want EPROTONOSUPPORT\n", errno);
		fails++;
	}
	if (pipe(p) || write(p[1], &c, 1) != 1 || read(p[0], &c, 1) != 1 || c != 'x') {
		fprintf(stderr, "pipe I/O broken\n");
		fails++;
	}
	printf("%d passed, %d failed\n", 3 - fails, fails);
	return fails ? 1 : 0;
}
