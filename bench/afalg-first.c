/* SPDX-License-Identifier: MIT */
/*
 * afalg-first: what a program pays for its first AF_ALG socket, and what
 * that leaves resident. It links libc alone (like kcapi-dgst), so under
 * ualg the figures are the engine's: loading it (dlopen, relocations, the
 * OpenSSL it runs on), the registry, the algorithm's self-test.
 *
 * One line: the time from the first socket() to the digest of one sha256
 * and one cbc(aes) request, in microseconds, and the process's VmRSS
 * before and after, in KiB. bench/run.sh runs it many times (fresh
 * processes) and keeps the medians.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/if_alg.h>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

static long rss_kib(void)
{
	char line[256];
	long kib = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static int one(const char *type, const char *name, size_t keylen, size_t outlen)
{
	static const uint8_t key[16], buf[64];
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	uint8_t out[64];
	int tfm, op, ok;

	strcpy((char *)sa.salg_type, type);
	strcpy((char *)sa.salg_name, name);
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0 || bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -1;
	if (keylen && setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, (socklen_t)keylen) < 0)
		return -1;
	op = accept(tfm, NULL, NULL);
	if (op < 0)
		return -1;
	ok = send(op, buf, sizeof(buf), 0) == (ssize_t)sizeof(buf) &&
	     recv(op, out, outlen, 0) == (ssize_t)outlen;
	close(op);
	close(tfm);
	return ok ? 0 : -1;
}

int main(void)
{
	struct timespec t0, t1;
	long before = rss_kib(), after;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (one("hash", "sha256", 0, 32) < 0 || one("skcipher", "ecb(aes)", 16, 64) < 0) {
		perror("afalg-first");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	after = rss_kib();
	printf("%.1f %ld %ld\n",
	       (double)(t1.tv_sec - t0.tv_sec) * 1e6 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e3,
	       before, after);
	return 0;
}
