/* SPDX-License-Identifier: MIT */
/*
 * A process with one thread, and the reference counts it can update
 * without the bus lock.
 *
 * glibc clears __libc_single_threaded at the first pthread_create() (before
 * the thread exists) and never sets it again; without it (musl) the process
 * is taken to have several. With one thread the only code that can run in
 * the middle of ours is a signal handler of the same thread, and a handler
 * runs between two instructions: a read-modify-write that is one
 * instruction is atomic against it without the lock prefix, which costs
 * about 20 cycles on x86 per operation. Elsewhere the locked forms.
 */
#ifndef UALG_CORE_ONETHREAD_H
#define UALG_CORE_ONETHREAD_H

#include <stdatomic.h>
#include <stdbool.h>

#ifdef UALG_HAVE_SINGLE_THREADED
#include <sys/single_threaded.h>
#endif

static inline bool ualg_one_thread(void)
{
#ifdef UALG_HAVE_SINGLE_THREADED
	return __libc_single_threaded;
#else
	return false;
#endif
}

/* *refs + 1 unless it is 0: whether it was taken */
static inline bool ualg_ref_get_unless_zero(atomic_uint *refs)
{
	unsigned int n = atomic_load_explicit(refs, memory_order_relaxed);

#if defined(__x86_64__) || defined(__i386__)
	if (ualg_one_thread()) {
		bool ok;

		do {
			if (!n)
				return false;
			__asm__ volatile("cmpxchgl %3, %1"
					 : "=@ccz"(ok), "+m"(*(unsigned int *)refs), "+a"(n)
					 : "r"(n + 1)
					 : "memory");
		} while (!ok);
		return true;
	}
#endif
	do {
		if (!n)
			return false;
	} while (!atomic_compare_exchange_weak(refs, &n, n + 1));
	return true;
}

/* *refs - 1: whether that made it 0 */
static inline bool ualg_ref_put_is_last(atomic_uint *refs)
{
#if defined(__x86_64__) || defined(__i386__)
	if (ualg_one_thread()) {
		bool zero;

		__asm__ volatile("decl %0" : "+m"(*(unsigned int *)refs), "=@ccz"(zero) : : "memory");
		return zero;
	}
#endif
	return atomic_fetch_sub(refs, 1) == 1;
}

#endif /* UALG_CORE_ONETHREAD_H */
