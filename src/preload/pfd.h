/* SPDX-License-Identifier: MIT */
#ifndef UALG_PRELOAD_PFD_H
#define UALG_PRELOAD_PFD_H

/*
 * struct ualg_pfd, shared by fdtable.c (fds, readiness, lifetime) and
 * share.c (op sockets shared across fork()). Nothing else looks inside.
 */

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct ualg_audit_sk;

/* ualg_pfd.conn: the socket's state lives in this process */
#define UALG_PFD_LOCAL (-1)
/* ualg_pfd.conn: a copy whose owner could not be reached at fork */
#define UALG_PFD_ORPHAN (-2)

/*
 * exactly one of sk and nl is set: an AF_ALG or a NETLINK_CRYPTO socket.
 * refs stays the first member: fdtable.c reuses freed pfds and clears the
 * rest of one without touching refs, which lock-free lookups may read.
 */
struct ualg_pfd {
	atomic_uint refs;
	struct ualg_sock *sk;
	struct ualg_nlsock *nl;
	/*
	 * U, the kernel socket the application's fds name (fdtable.c), is
	 * reached through ufd: one of the application's fd numbers of it
	 * (nfds of them name this pfd), or ud, our own dup of it (made for an
	 * op socket shared across fork, whose owner must mirror its readiness
	 * after the application closed its numbers), or -1. ufd changes under
	 * table_lock and mlock; the readiness mirror uses it under mlock.
	 */
	int ufd;
	unsigned int nfds;
	int ud;
	pthread_mutex_t mlock;
	bool dynamic; /* readiness mirrored on U; else U never shows any */
	/*
	 * MSG_DONTWAIT when the open file is O_NONBLOCK: cached, because the
	 * flag only changes through our own wrappers (F_SETFL, FIONBIO, the
	 * SOCK_NONBLOCK of socket/accept4), and asking the kernel on every
	 * send/recv would cost a system call per operation.
	 */
	atomic_int dontwait;
	bool in, out, small; /* readiness shown on U, U's send buffer; under mlock */

	/*
	 * share.c. An op socket inherited through fork() is served by the
	 * process that holds its state (the owner): conn is the connection
	 * to the owner's server, rid the owner's name for the socket. gen
	 * points into memory shared with every process forked since: the
	 * owner counts each operation there; gen_fork is the count when this
	 * copy was made, so a copy whose owner died can tell whether it is
	 * still exact.
	 */
	atomic_int conn;
	uintptr_t rid;
	_Atomic(_Atomic uint64_t *) gen; /* set by fork prepare while other threads count */
	uint64_t gen_fork;
	/* set by share.c's fork prepare for the child: conn and gen_fork */
	int fork_conn;
	uint64_t fork_gen;
	unsigned int visit; /* fork prepare: this pfd was seen */
	struct ualg_pfd *free_next; /* fdtable.c's pool of freed pfds */
	_Atomic(struct ualg_audit_sk *) audit; /* audit.c: reported to ualg audit, or NULL */
};

#endif
