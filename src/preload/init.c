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
 * the fork-safety of the fd table lock.
 */
#include <pthread.h>

#include "core/errno.h"
#include "preload/audit.h"
#include "preload/preload.h"

atomic_bool ualg_preload_ready;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static __thread bool initialising;

static void init_all(void)
{
	ualg_real_resolve();
	ualg_engine_locate();
	/* before the fd table's: prepare handlers run in reverse order (audit.h) */
	(void)pthread_atfork(ualg_audit_atfork_prepare, ualg_audit_atfork_parent,
			     ualg_audit_atfork_child);
	(void)pthread_atfork(ualg_fd_atfork_prepare, ualg_fd_atfork_parent, ualg_fd_atfork_child);
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
