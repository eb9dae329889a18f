/* SPDX-License-Identifier: MIT */
#ifndef UALG_CORE_UACCESS_H
#define UALG_CORE_UACCESS_H

/*
 * The caller's memory, read and written as the kernel's copy_from_user and
 * copy_to_user do: a pointer that does not name accessible memory gives
 * -EFAULT instead of killing the process (docs/robustness.md).
 *
 * Mechanism: a guard armed around each access to the caller's memory. A
 * guard is a record on the accessing function's stack: the user range it
 * covers and a jump buffer (ualg_ujmp_set, core/ujmp.S: the callee-saved
 * registers, eight words on x86-64), linked from a per-thread pointer. A SIGSEGV/SIGBUS handler,
 *installed once, when the process makes its first socket, finds the thread's innermost guard; a
 * fault inside its range unwinds to the guard (ualg_uaccess_faulted()
 * returns true there) with the signal mask and shadow stack of the moment
 * of the fault restored. Every other fault is passed on to the program's
 * own handler (or the default action), with the signal mask the program
 * asked for. Arming and disarming are a few stores to the stack and to
 * thread-local storage: no system call, no atomic instruction.
 *
 *	struct ualg_uaccess g;
 *
 *	ualg_uaccess_arm(&g, p, n);
 *	if (ualg_uaccess_faulted(&g))
 *		return -EFAULT;		(disarmed already; g.addr: where)
 *	... read or write p[0..n) ...
 *	ualg_uaccess_disarm(&g);
 *
 * Rules for guarded code: user memory is touched only inside calls to
 * functions of other files (ualg_umemcpy(), ualg_uaccess_touch(), the
 * algorithm engine), never by inline loads and stores or a C library
 * memcpy, which the compiler may assume cannot come back to the guard;
 * nothing between arm and disarm may take a lock, allocate or leave state
 * half-changed that the fault path does not undo; locals changed after
 * arming and read on the fault path must be volatile (the usual setjmp
 * rule); a guard is disarmed on every path out of its frame. ualg_uaccess_range() moves an armed
 *guard to another user range (msghdr, then its iovec array, then its control data).
 *
 * ualg_uaccess_ok() is the kernel's access_ok(): a range that is not in the
 * user half of the address space is EFAULT before anything is touched.
 */

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The C library's sigsetjmp/siglongjmp under sanitizers (they intercept
 * them to repair their shadow stacks) and where core/ujmp.S has no port.
 */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define UALG_UACCESS_SIGJMP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||                         \
	__has_feature(memory_sanitizer)
#define UALG_UACCESS_SIGJMP 1
#endif
#endif
#if !defined(__x86_64__) && !defined(__aarch64__)
#define UALG_UACCESS_SIGJMP 1
#endif

#ifdef UALG_UACCESS_SIGJMP
/* sanitizers intercept siglongjmp to repair their shadow stacks */
#include <setjmp.h>
#endif

struct ualg_uaccess {
#ifdef UALG_UACCESS_SIGJMP
	sigjmp_buf jb;
#else
	uintptr_t jb[22];
#endif
	uintptr_t lo, hi;	   /* the user range: a fault in [lo, hi) is ours */
	uintptr_t addr;		   /* set on a fault: the address that faulted */
	unsigned long ssp;	   /* x86-64 shadow stack pointer when armed (0: none) */
	struct ualg_uaccess *prev; /* the next guard out */
};

extern __thread struct ualg_uaccess *ualg_uaccess_cur __attribute__((tls_model("initial-exec")));

#if defined(__x86_64__) && !defined(UALG_UACCESS_SIGJMP)
/* rdsspq is a no-op (the register keeps 0) where shadow stacks are off */
static inline unsigned long ualg_uaccess_ssp(void)
{
	unsigned long ssp = 0;

	__asm__ volatile(".byte 0xf3, 0x48, 0x0f, 0x1e, 0xc8" /* rdsspq %rax */
			 : "+a"(ssp));
	return ssp;
}
#else
static inline unsigned long ualg_uaccess_ssp(void)
{
	return 0;
}
#endif

static inline void ualg_uaccess_range(struct ualg_uaccess *g, const void *p, size_t n)
{
	g->lo = (uintptr_t)p;
	g->hi = (uintptr_t)p + n;
}

static inline void ualg_uaccess_arm(struct ualg_uaccess *g, const void *p, size_t n)
{
	ualg_uaccess_range(g, p, n);
	g->ssp = ualg_uaccess_ssp();
	g->prev = ualg_uaccess_cur;
	ualg_uaccess_cur = g;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

/* core/ujmp.S */
int ualg_ujmp_set(uintptr_t *jb) __attribute__((returns_twice));
void ualg_ujmp_go(uintptr_t *jb) __attribute__((noreturn));

/* true once, after a fault in the armed range unwound here (the guard is then off) */
#ifdef UALG_UACCESS_SIGJMP
#define ualg_uaccess_faulted(g) (sigsetjmp((g)->jb, 0) != 0)
#else
#define ualg_uaccess_faulted(g) (ualg_ujmp_set((g)->jb) != 0)
#endif

static inline void ualg_uaccess_disarm(struct ualg_uaccess *g)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	ualg_uaccess_cur = g->prev;
}

/* the kernel's access_ok(): [p, p + n) lies in the user half, without wrapping */
static inline bool ualg_uaccess_ok(const void *p, size_t n)
{
#if defined(__x86_64__)
	const uintptr_t top = 0x00fffffffffff000u; /* TASK_SIZE_MAX with 5-level paging */
#elif defined(__aarch64__)
	const uintptr_t top = (uintptr_t)1 << 52;
#else
	const uintptr_t top = UINTPTR_MAX;
#endif
	uintptr_t a = (uintptr_t)p;

	return a <= top && n <= top - a;
}

/* memcpy and a one-byte probe (write: the byte stored back), out of line (core/umem.c) */
void *ualg_umemcpy(void *dst, const void *src, size_t n);
void ualg_uaccess_touch(const void *p, bool write);
/* recvmsg's write-back of a msghdr without address: msg_namelen (if namelen) 0, msg_flags,
 * msg_controllen 0 */
struct msghdr;
void ualg_umsg_writeback(struct msghdr *u, bool namelen, int flags);
/* the caller's msghdr, and one iovec (either may be misaligned), copied without a memcpy call */
struct iovec;
void ualg_umsg_read(struct msghdr *dst, const struct msghdr *u);
void ualg_uiov_read(struct iovec *dst, const struct iovec *u);

/* copy_from_user / copy_to_user: 0, or -EFAULT (then dst may hold part of it) */
int ualg_copy_from_user(void *dst, const void *src, size_t n);
int ualg_copy_to_user(void *dst, const void *src, size_t n);

/*
 * How many bytes from p on can be read (or written, write true), page by
 * page; at most n. The slow path after a fault: it tells how far a copy
 * would have got, as the kernel's partial results need. Write probing
 * rewrites each page's first byte with its own value: for output buffers a
 * request is about to overwrite.
 */
size_t ualg_uaccess_prefix(const void *p, size_t n, bool write);

/*
 * Install the handler (idempotent). ualg_uaccess_init() uses the C
 * library's sigaction(); ualg_uaccess_setup() is given the function to
 * use instead: the preload's own real sigaction, behind its interposed one.
 */
void ualg_uaccess_init(void);
void ualg_uaccess_setup(int (*real_sigaction)(int, const struct sigaction *, struct sigaction *));

/*
 * sigaction() for SIGSEGV and SIGBUS once the handler is installed: act
 * becomes the program's handler, which ours passes on to (the kernel keeps
 * ours, with act's mask and flags), and old is the program's previous
 * one, never ours. -EINVAL for other signals; before the handler is
 * installed it is the real sigaction(). The preload interposes sigaction()
 * and signal() with it, so that a handler installed later stays behind
 * ours.
 */
int ualg_uaccess_sigaction(int sig, const struct sigaction *act, struct sigaction *old);

/* fork: the lock of the handler state (first in the order of docs/robustness.md) */
void ualg_uaccess_fork_prepare(void);
void ualg_uaccess_fork_parent(void);
void ualg_uaccess_fork_child(void);

#endif
