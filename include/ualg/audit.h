/* SPDX-License-Identifier: MIT */
#ifndef UALG_AUDIT_H
#define UALG_AUDIT_H

/*
 * The preload's audit channel: how libualg-preload.so tells `ualg audit`
 * about the AF_ALG sockets it serves (they never reach the kernel, so the
 * audit's tracer cannot see them).
 *
 * A listener is a unix datagram socket in UALG_AUDIT_DIR, named
 * "<anything>.sock", bound by root; the directory is owned by root and
 * writable by nobody else, and is removed when the last listener goes.
 * Nothing is sent when the directory does not exist: the preload looks for
 * it once per socket() and once per bind() of an emulated AF_ALG socket
 * (one failing open() when nobody listens), never on the data path.
 * Whatever the environment says, a setuid or otherwise AT_SECURE process
 * uses UALG_AUDIT_DIR only; other processes may name another directory
 * (owned by root or by their own uid) in UALG_AUDIT_DIR_ENV, for tests.
 *
 * Each datagram is one struct ualg_audit_msg, then the executable's path
 * (exe_len bytes) and the process's cgroup v2 path (cgroup_len bytes),
 * neither NUL-terminated. The sender is identified by the kernel
 * (SCM_CREDENTIALS: the listener sets SO_PASSCRED), not by the message.
 * A message carries algorithm names and counts, never keys or data.
 */

#include <stdint.h>

#define UALG_AUDIT_DIR "/run/ualg/audit"
#define UALG_AUDIT_DIR_ENV "UALG_AUDIT_DIR"
#define UALG_AUDIT_MAGIC 0x474c4155u /* "UALG" little-endian */
#define UALG_AUDIT_VERSION 1

enum ualg_audit_kind {
	UALG_AUDIT_SOCKET = 1, /* socket(AF_ALG, ...): answer */
	UALG_AUDIT_BIND,       /* bind(): type, name, answer */
	UALG_AUDIT_ACCEPT,     /* accept(): the parent's type and name, answer */
	UALG_AUDIT_SEND,       /* at close or exit: calls and bytes sent on one socket */
};

struct ualg_audit_msg {
	uint32_t magic;	  /* UALG_AUDIT_MAGIC */
	uint16_t version; /* UALG_AUDIT_VERSION */
	uint16_t kind;	  /* enum ualg_audit_kind */
	int32_t answer;	  /* 0, or the errno ualg gave the program */
	uint32_t count;	  /* UALG_AUDIT_SEND: send calls */
	uint64_t bytes;	  /* UALG_AUDIT_SEND: bytes */
	char type[14];	  /* sockaddr_alg.salg_type, NUL-padded */
	char name[64];	  /* sockaddr_alg.salg_name, NUL-padded */
	uint16_t exe_len;
	uint16_t cgroup_len;
};

#define UALG_AUDIT_PATH_MAX 4096 /* longest exe or cgroup path sent */

#endif
