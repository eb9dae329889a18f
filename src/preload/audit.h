/* SPDX-License-Identifier: MIT */
#ifndef UALG_PRELOAD_AUDIT_H
#define UALG_PRELOAD_AUDIT_H

/*
 * The preload's side of `ualg audit` (audit.c; the channel is described in
 * include/ualg/audit.h): the sockets ualg serves never reach the kernel, so
 * the preload tells a listening audit about them itself.
 *
 * Cost when nobody listens: one failing open() of the channel directory per
 * emulated socket() and per bind(); nothing else, and nothing on the data
 * path. A socket reported once (an "audited" socket: its pfd has a record)
 * also counts its sends, one pointer test on the send path and two relaxed
 * stores when set; the counts go out when the socket is freed or the
 * process exits. Messages carry algorithm names and counts, never keys or
 * data.
 */

#include <stdatomic.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "preload/pfd.h"

/* one audited socket: its algorithm and what was sent on it */
struct ualg_audit_sk {
	_Atomic uint64_t bytes;
	_Atomic uint32_t sends;
	char type[14]; /* sockaddr_alg.salg_type of the bind (of the parent's, for an op socket) */
	char name[64];
	struct ualg_audit_sk *prev, *next; /* every record of the process, for exit and fork */
};

/* after socket(AF_ALG, ...): r is the new fd or -errno */
void ualg_audit_socket(int r);
/* after bind() on the AF_ALG socket of f: r is 0 or -errno */
void ualg_audit_bind(struct ualg_pfd *f, const struct sockaddr *addr, socklen_t len, int r);
/* after accept() on f: r is the new fd or -errno */
void ualg_audit_accept(struct ualg_pfd *f, int r);
/* f's last reference is gone: its counts go out */
void ualg_audit_free(struct ualg_pfd *f);

/* fork handlers; init.c installs them before the fd table's (lock order: table, then audit) */
void ualg_audit_atfork_prepare(void);
void ualg_audit_atfork_parent(void);
void ualg_audit_atfork_child(void);

/* r bytes were sent on f (share.c, after each send on an AF_ALG socket) */
static inline void ualg_audit_sent(struct ualg_pfd *f, ssize_t r)
{
	struct ualg_audit_sk *a = atomic_load_explicit(&f->audit, memory_order_relaxed);

	if (__builtin_expect(a != NULL, 0) && r > 0) {
		/* statistics: a lost update between two threads is acceptable, a lock is not */
		atomic_store_explicit(&a->bytes,
				      atomic_load_explicit(&a->bytes, memory_order_relaxed) +
					      (uint64_t)r,
				      memory_order_relaxed);
		atomic_store_explicit(&a->sends,
				      atomic_load_explicit(&a->sends, memory_order_relaxed) + 1,
				      memory_order_relaxed);
	}
}

#endif
