/* SPDX-License-Identifier: MIT */
/*
 * Staged, recursion-proof initialisation (onload's startup order,
 * libfaketime's ft_init_once and dont_fake flag).
 *
 * The constructor initialises eagerly; every wrapper also calls
 * ualg_preload_ensure(), because another library's constructor may run
 * before ours and already use sockets. pthread_once makes concurrent first
 * calls wait for one initialisation. A thread that re-enters while it is
 * initialising (dlsym allocating, a malloc hook reading a file, ...) sees
 * its __thread flag and passes through with the stage-0 functions of real.c
 * instead of deadlocking on the once-control.
 *
 * Nothing here can fail in a way that matters to the host: a symbol dlsym
 * cannot find keeps its stage-0 value, a failed pthread_atfork only loses
 * the fork-safety of the preload's locks.
 *
 * Fork. One set of handlers takes every lock of the preload and, once it is
 * loaded, of the engine, in one order (docs/robustness.md), so that a child
 * forked while other threads are inside ualg inherits no lock held by a
 * thread it does not have, and no half-changed state:
 *
 *   1. sig_lock (lazy.c: the engine's loading, the program's sigaction()
 *	calls for SIGSEGV/SIGBUS)
 *   2. the AIO contexts' lock (aio.c)
 *   3. the fd table's table_lock, the fork sharing's share_lock, the pfd
 *	pool's pool_lock (fdtable.c, share.c)
 *   4. the audit records' rec_lock (audit.c; taken under table_lock when
 *	a pfd is freed)
 *   5. the engine's (sock/fork.c: the fault guard's, netlink sockets, AF_ALG
 *	sockets and transforms, the algorithm registry)
 *
 * The parent releases them in the opposite order; the child makes every one
 * new (the thread that held them is the only one left, and pthread mutexes
 * other than the default kind may not be unlocked by another thread id).
 */
#include <pthread.h>

#include "core/errno.h"
#include "preload/audit.h"
#include "preload/preload.h"

atomic_bool ualg_preload_ready;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static __thread bool initialising;

static void fork_prepare(void)
{
	ualg_engine_fork_prepare();
	ualg_aio_atfork_prepare();
	ualg_fd_atfork_prepare();
	ualg_audit_atfork_prepare();
	ualg_engine_fork_prepare_engine();
}

static void fork_parent(void)
{
	ualg_engine_fork_parent_engine();
	ualg_audit_atfork_parent();
	ualg_fd_atfork_parent();
	ualg_aio_atfork_parent();
	ualg_engine_fork_parent();
}

static void fork_child(void)
{
	ualg_engine_fork_child_engine();
	ualg_audit_atfork_child();
	ualg_fd_atfork_child();
	ualg_aio_atfork_child();
	ualg_engine_fork_child();
}

static void init_all(void)
{
	ualg_real_resolve();
	ualg_engine_locate();
	(void)pthread_atfork(fork_prepare, fork_parent, fork_child);
	atomic_store_explicit(&ualg_preload_ready, true, memory_order_release);
}

/* see preload.h */
bool ualg_preload_init(void)
{
	PROTECT_ERRNO;

	if (atomic_load_explicit(&ualg_preload_ready, memory_order_acquire))
		return true;
	if (initialising)
		return false;
	initialising = true;
	(void)pthread_once(&init_once, init_all);
	initialising = false;
	return atomic_load_explicit(&ualg_preload_ready, memory_order_acquire);
}

__attribute__((constructor)) static void preload_constructor(void)
{
	(void)ualg_preload_init();
}
