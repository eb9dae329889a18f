/* SPDX-License-Identifier: MIT */
/*
 * A program that never uses OpenSSL, served by ualg: ualg's OpenSSL must
 * not show. It links libc alone (like kcapi-dgst) and, before its first
 * AF_ALG socket, points OPENSSL_CONF at a configuration file and
 * OPENSSL_MODULES and OPENSSL_ENGINES at a directory holding a file named
 * as each module OpenSSL might load, all watched with inotify. Then it
 * hashes and encrypts through AF_ALG and checks:
 *   - the answers (standard vectors);
 *   - none of those files was opened: no configuration read, no provider
 *     module or engine loaded on the program's behalf;
 *   - no libcrypto.so is mapped into the process.
 * Exit 0 when all hold, 1 when one fails, 99 when the test itself can't run.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/if_alg.h>
#include <sys/inotify.h>
#include <sys/socket.h>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

static const char *const watched[] = { "openssl.cnf", "legacy.so", "default.so", "fips.so",
				       "afalg.so", "padlock.so" };

static int fail(const char *what)
{
	fprintf(stderr, "no-openssl: %s\n", what);
	return 1;
}

static int hard(const char *what)
{
	fprintf(stderr, "no-openssl: %s: %s\n", what, strerror(errno));
	return 99;
}

static int op_socket(const char *type, const char *name, const void *key, size_t keylen)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int tfm, op;

	snprintf((char *)sa.salg_type, sizeof(sa.salg_type), "%s", type);
	snprintf((char *)sa.salg_name, sizeof(sa.salg_name), "%s", name);
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0 || bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -1;
	if (keylen && setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, (socklen_t)keylen) < 0)
		return -1;
	op = accept(tfm, NULL, NULL);
	close(tfm);
	return op;
}

int main(void)
{
	/* FIPS 180-2 B.1; FIPS 197 C.1 (AES-128) */
	static const uint8_t sha_abc[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
		0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
		0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad
	};
	static const uint8_t aes_key[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
					     0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f };
	static const uint8_t aes_pt[16] = { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
					    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };
	static const uint8_t aes_ct[16] = { 0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
					    0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a };
	char dir[] = "/tmp/ualg-no-openssl.XXXXXX", path[PATH_MAX], line[PATH_MAX + 128];
	char events[4096] __attribute__((aligned(8)));
	uint8_t out[32];
	int in, op, rc = 0;
	ssize_t n;
	FILE *maps;

	if (!mkdtemp(dir))
		return hard("mkdtemp");
	for (size_t i = 0; i < sizeof(watched) / sizeof(watched[0]); i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/%s", dir, watched[i]);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0)
			return hard(path);
		/* a valid configuration: what a real openssl.cnf would be */
		if (i == 0 && write(fd, "openssl_conf = x\n[x]\n", 21) != 21)
			return hard("write");
		close(fd);
	}
	snprintf(path, sizeof(path), "%s/openssl.cnf", dir);
	if (setenv("OPENSSL_CONF", path, 1) || setenv("OPENSSL_MODULES", dir, 1) ||
	    setenv("OPENSSL_ENGINES", dir, 1))
		return hard("setenv");
	in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (in < 0 || inotify_add_watch(in, dir, IN_OPEN) < 0)
		return hard("inotify");

	op = op_socket("hash", "sha256", NULL, 0);
	if (op < 0)
		return hard("hash socket (is LD_PRELOAD=libualg-preload.so set?)");
	if (send(op, "abc", 3, 0) != 3 || read(op, out, 32) != 32)
		return hard("hash");
	if (memcmp(out, sha_abc, 32))
		rc = fail("sha256(\"abc\") is wrong");
	close(op);
	op = op_socket("skcipher", "ecb(aes)", aes_key, 16);
	/* no ALG_SET_OP: the kernel's default operation is decryption */
	if (op < 0 || send(op, aes_ct, 16, 0) != 16 || read(op, out, 16) != 16)
		return hard("ecb(aes)");
	if (memcmp(out, aes_pt, 16))
		rc = fail("ecb(aes) decryption is wrong");
	close(op);

	while ((n = read(in, events, sizeof(events))) > 0)
		for (char *p = events; p < events + n;) {
			const struct inotify_event *ev = (const void *)p;

			fprintf(stderr, "no-openssl: %s/%s was opened\n", dir,
				ev->len ? ev->name : "");
			rc = 1;
			p += sizeof(*ev) + ev->len;
		}

	maps = fopen("/proc/self/maps", "r");
	if (!maps)
		return hard("/proc/self/maps");
	while (fgets(line, sizeof(line), maps))
		if (strstr(line, "libcrypto.so") || strstr(line, "libssl.so")) {
			fprintf(stderr, "no-openssl: mapped: %s", line);
			rc = 1;
		}
	fclose(maps);

	for (size_t i = 0; i < sizeof(watched) / sizeof(watched[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, watched[i]);
		unlink(path);
	}
	rmdir(dir);
	if (!rc)
		printf("no-openssl: right answers; no OpenSSL file opened, no libcrypto mapped\n");
	return rc;
}
