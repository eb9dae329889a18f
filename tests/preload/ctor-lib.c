/* SPDX-License-Identifier: MIT */
/*
 * A library whose constructor uses AF_ALG (libfaketime's
 * test_constructors idea): it may run before the preload's own
 * constructor, so the preload must initialise lazily from the wrapper.
 */
#include <errno.h>
#include <linux/if_alg.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif

__attribute__((visibility("default"))) int ctor_lib_result = -1000;
__attribute__((visibility("default"))) unsigned char ctor_lib_digest[32];

__attribute__((constructor)) static void ctor_lib_init(void)
{
	struct sockaddr_alg sa = {
		.salg_family = AF_ALG, .salg_type = "hash", .salg_name = "sha256"};
	int tfm, op;

	tfm = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (tfm < 0) {
		ctor_lib_result = -errno;
		return;
	}
	if (bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		ctor_lib_result = -errno;
		close(tfm);
		return;
	}
	op = accept(tfm, NULL, 0);
	close(tfm);
	if (op < 0) {
		ctor_lib_result = -errno;
		return;
	}
	if (send(op, "constructor", 11, 0) != 11 || read(op, ctor_lib_digest, 32) != 32)
		ctor_lib_result = -errno;
	else
		ctor_lib_result = 0;
	close(op);
}
