/* SPDX-License-Identifier: MIT */
/*
 * The accesses a guard (core/uaccess.h) protects, kept out of line in a
 * file of their own: a compiler only knows that a fault can come back to
 * the guard's jump buffer through a call it cannot see into (an inlined
 * copy, or a C library memcpy declared leaf, would let it assume values it
 * holds in registers survive the jump). The caller's pointer may be
 * anything, NULL included: memcpy is reached through a pointer (no nonnull
 * contract to check at the call) and a probe is one instruction of asm.
 */
#include <string.h>

#include "core/uaccess.h"

static void *(*volatile copy)(void *, const void *, size_t) = memcpy;

/* see core/uaccess.h */
void *ualg_umemcpy(void *dst, const void *src, size_t n)
{
	return copy(dst, src, n);
}

/* see core/uaccess.h */
void ualg_uaccess_touch(const void *p, bool write)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned char v;

	if (write)
		__asm__ volatile("lock orb $0, (%0)" : : "r"(p) : "memory");
	else
		__asm__ volatile("movb (%1), %0" : "=q"(v) : "r"(p) : "memory");
#elif defined(__aarch64__)
	unsigned int v;

	if (write)
		__asm__ volatile("1: ldxrb %w0, [%1]\n\tstxrb w9, %w0, [%1]\n\tcbnz w9, 1b"
				 : "=&r"(v) : "r"(p) : "w9", "memory");
	else
		__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(p) : "memory");
#else
	if (!write) {
		(void)*(const volatile unsigned char *)p;
		return;
	}
	(void)__atomic_fetch_or((unsigned char *)p, 0, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
#endif
}
