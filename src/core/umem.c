/* SPDX-License-Identifier: MIT */
/*
 * The accesses a guard (core/uaccess.h) protects, kept out of line in a
 * file of their own: a compiler only knows that a fault can come back to
 * the guard's jump buffer through a call it cannot see into (an inlined
 * copy, or a C library memcpy declared leaf, would let it assume values it
 * holds in registers survive the jump). The caller's pointer may be
 * anything, NULL included: memcpy's nonnull contract is not checked here
 * (the fault is the answer), and a probe is a load (and a store of the
 * same byte back: the probed pages are output the request is about to
 * overwrite, so no atomic instruction is needed) in asm.
 */
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "core/uaccess.h"

/* see core/uaccess.h */
#if defined(__clang__) || __GNUC__ >= 8
__attribute__((no_sanitize("nonnull-attribute")))
#endif
void *
ualg_umemcpy(void *dst, const void *src, size_t n)
{
	return memcpy(dst, src, n);
}

/* see core/uaccess.h */
void ualg_uaccess_touch(const void *p, bool write)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned char v;

	__asm__ volatile("movb (%1), %0" : "=q"(v) : "r"(p) : "memory");
	if (write)
		__asm__ volatile("movb %0, (%1)" : : "q"(v), "r"(p) : "memory");
#elif defined(__aarch64__)
	unsigned int v;

	__asm__ volatile("ldrb %w0, [%1]" : "=r"(v) : "r"(p) : "memory");
	if (write)
		__asm__ volatile("strb %w0, [%1]" : : "r"(v), "r"(p) : "memory");
#else
	unsigned char v = *(const volatile unsigned char *)p;

	if (write)
		*(volatile unsigned char *)p = v;
#endif
}

/* see core/uaccess.h */
void ualg_umsg_read(struct msghdr *dst, const struct msghdr *u)
{
	/* the caller's may be misaligned, as the kernel allows: a fixed-size memcpy, inlined */
	__builtin_memcpy(dst, u, sizeof(*dst));
}

/* see core/uaccess.h */
void ualg_uiov_read(struct iovec *dst, const struct iovec *u)
{
	__builtin_memcpy(dst, u, sizeof(*dst));
}

/* see core/uaccess.h */
void ualg_umsg_writeback(struct msghdr *u, bool namelen, int flags)
{
	if (namelen)
		u->msg_namelen = 0;
	u->msg_flags = flags;
	u->msg_controllen = 0;
}
