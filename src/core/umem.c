/* SPDX-License-Identifier: MIT */
/*
 * The accesses a guard (core/uaccess.h) protects, kept out of line in a
 * file of their own: a compiler only knows that a fault can come back to
 * the guard's jump buffer through a call it cannot see into (an inlined
 * copy, or a C library memcpy declared leaf, would let it assume values it
 * holds in registers survive the jump).
 */
#include <string.h>

#include "core/uaccess.h"

/* see core/uaccess.h */
void *ualg_umemcpy(void *dst, const void *src, size_t n)
{
	return memcpy(dst, src, n);
}

/* see core/uaccess.h */
void ualg_uaccess_touch(const void *p, bool write)
{
	if (!write) {
		(void)*(const volatile unsigned char *)p;
		return;
	}
#if defined(__x86_64__) || defined(__i386__)
	__asm__ volatile("lock orb $0, %0" : "+m"(*(unsigned char *)p) : : "memory");
#else
	(void)__atomic_fetch_or((unsigned char *)p, 0, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
#endif
}
