/* SPDX-License-Identifier: MIT */
/*
 * Implementation Notes: the fault guard (see core/uaccess.h, and
 * docs/robustness.md for what a host program sees).
 *
 * The handler. One sa_sigaction for SIGSEGV and SIGBUS, installed with the
 * program's own sa_mask and SA_NODEFER/SA_RESTART/SA_ONSTACK (so a signal
 * that is the program's is handled with exactly the mask it asked for, and
 * no system call is added on its way), plus SA_SIGINFO, never SA_RESETHAND
 * (emulated below). Ours are faults with si_code > 0 (raised by the
 * hardware, not sent with kill) at an address inside the innermost guard of
 * the faulting thread: the guard is popped, the signal mask of the moment of
 * the fault (uc_sigmask) is restored, the x86-64 shadow stack, if any, is
 * unwound to the guard's frame, and control jumps back to the guard
 * (core/ujmp.S).
 *
 * Everything else goes to the program's handler, read lock-free from a
 * two-slot record (writers fill the slot not in use and then publish it by
 * bumping a version; a reader that saw the version move retries): a
 * handler is called as the kernel would call it (SA_SIGINFO or not;
 * SA_RESETHAND turns the record into SIG_DFL first). SIG_DFL, and SIG_IGN
 * for a hardware fault (which the kernel does not let a program ignore),
 * restore the default action: the faulting instruction runs again and the
 * kernel ends the process as if ualg had never been there; a SIGSEGV sent
 * with kill() is raised again.
 *
 * sigaction() calls of the program for the two signals come here once the
 * handler is installed (the preload interposes sigaction and signal): the
 * record is updated and ours is installed again with the new mask and
 * flags, so ours stays first. Writers are serialised by lock.
 *
 * Limits (docs/robustness.md): a thread that blocks SIGSEGV or SIGBUS gets
 * the kernel's forced default action, not EFAULT; a handler installed with
 * raw rt_sigaction system calls after ours replaces ours; SS_AUTODISARM
 * alternate stacks stay disarmed after a fault of ours.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "core/uaccess.h"

__thread struct ualg_uaccess *ualg_uaccess_cur __attribute__((tls_model("initial-exec")));

enum { SEGV, BUS, NSIGS };

struct app_record {
	struct sigaction slot[2];
	unsigned int version; /* atomic; slot[version & 1] is the current one */
};

static struct app_record app[NSIGS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int (*real_sigaction)(int, const struct sigaction *, struct sigaction *);
static bool installed; /* atomic */

static int sig_index(int sig)
{
	return sig == SIGSEGV ? SEGV : sig == SIGBUS ? BUS : -1;
}

static void handler(int sig, siginfo_t *si, void *uctx);

/* the program's action for sig (lock-free, async-signal-safe) */
static void app_get(int i, struct sigaction *ret)
{
	unsigned int v, w;

	for (int tries = 0; tries < 4; tries++) {
		v = __atomic_load_n(&app[i].version, __ATOMIC_ACQUIRE);
		memcpy(ret, &app[i].slot[v & 1], sizeof(*ret));
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		w = __atomic_load_n(&app[i].version, __ATOMIC_RELAXED);
		if (v == w)
			return;
	}
}

/* publish the program's action for sig; lock held (or the handler, for SA_RESETHAND) */
static void app_put(int i, const struct sigaction *act)
{
	unsigned int v = __atomic_load_n(&app[i].version, __ATOMIC_RELAXED);

	memcpy(&app[i].slot[(v + 1) & 1], act, sizeof(*act));
	__atomic_store_n(&app[i].version, v + 1, __ATOMIC_RELEASE);
}

static bool is_handler(const struct sigaction *a)
{
	return a->sa_handler != SIG_DFL && a->sa_handler != SIG_IGN;
}

/* ours, with the mask and flags the program's action asks for */
static void ours_for(const struct sigaction *a, struct sigaction *ret)
{
	memset(ret, 0, sizeof(*ret));
	ret->sa_sigaction = handler;
	if (is_handler(a)) {
		ret->sa_mask = a->sa_mask;
		ret->sa_flags = a->sa_flags & (SA_NODEFER | SA_RESTART | SA_ONSTACK);
	} else {
		sigemptyset(&ret->sa_mask);
		ret->sa_flags = SA_ONSTACK;
	}
	ret->sa_flags |= SA_SIGINFO;
}

static void default_action(int sig, const siginfo_t *si)
{
	struct sigaction dfl;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	(void)real_sigaction(sig, &dfl, NULL);
	/* a fault happens again when we return; a sent signal must be sent again */
	if (si->si_code <= 0)
		(void)raise(sig);
}

static void chain(int sig, siginfo_t *si, void *uctx)
{
	int i = sig_index(sig);
	struct sigaction a;

	app_get(i, &a);
	if (a.sa_handler == SIG_IGN && si->si_code <= 0)
		return;
	if (!is_handler(&a)) {
		default_action(sig, si);
		return;
	}
	if (a.sa_flags & SA_RESETHAND) {
		struct sigaction dfl;

		memset(&dfl, 0, sizeof(dfl));
		dfl.sa_handler = SIG_DFL;
		app_put(i, &dfl);
	}
	if (a.sa_flags & SA_SIGINFO)
		a.sa_sigaction(sig, si, uctx);
	else
		a.sa_handler(sig);
}

#if defined(__x86_64__) && !defined(UALG_UACCESS_SIGJMP)
/* pop the shadow stack back to where it was when g was armed (glibc's longjmp does the same) */
static void unwind_ssp(const struct ualg_uaccess *g)
{
	unsigned long now = ualg_uaccess_ssp(), n;

	if (!g->ssp || !now || g->ssp <= now)
		return;
	for (n = (g->ssp - now) / 8; n; n -= n > 255 ? 255 : n) {
		unsigned long k = n > 255 ? 255 : n;

		__asm__ volatile(".byte 0xf3, 0x48, 0x0f, 0xae, 0xe8" /* incsspq %rax */
				 :
				 : "a"(k)
				 : "memory");
	}
}
#else
static void unwind_ssp(const struct ualg_uaccess *g)
{
	(void)g;
}
#endif

static void handler(int sig, siginfo_t *si, void *uctx)
{
	struct ualg_uaccess *g = ualg_uaccess_cur;
	uintptr_t a = (uintptr_t)si->si_addr;

	if (g && si->si_code > 0 && a >= g->lo && a < g->hi) {
		int saved = errno;

		ualg_uaccess_cur = g->prev;
		g->addr = a;
		(void)pthread_sigmask(SIG_SETMASK, &((ucontext_t *)uctx)->uc_sigmask, NULL);
		errno = saved;
		unwind_ssp(g);
#ifdef UALG_UACCESS_SIGJMP
		siglongjmp(g->jb, 1);
#else
		ualg_ujmp_go(g->jb);
#endif
	}
	chain(sig, si, uctx);
}

/* lock held */
static void install_locked(void)
{
	static const int sigs[NSIGS] = {[SEGV] = SIGSEGV, [BUS] = SIGBUS};
	struct sigaction old, ours;

	if (installed)
		return;
	for (int i = 0; i < NSIGS; i++) {
		if (real_sigaction(sigs[i], NULL, &old) < 0)
			return;
		if (old.sa_sigaction == handler)
			continue;
		app_put(i, &old);
		ours_for(&old, &ours);
		if (real_sigaction(sigs[i], &ours, NULL) < 0)
			return;
	}
	__atomic_store_n(&installed, true, __ATOMIC_RELEASE);
}

/* see core/uaccess.h */
void ualg_uaccess_setup(int (*fn)(int, const struct sigaction *, struct sigaction *))
{
	pthread_mutex_lock(&lock);
	if (!installed) {
		real_sigaction = fn;
		install_locked();
	}
	pthread_mutex_unlock(&lock);
}

/* see core/uaccess.h */
void ualg_uaccess_init(void)
{
	if (__atomic_load_n(&installed, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&lock);
	if (!real_sigaction)
		real_sigaction = sigaction;
	install_locked();
	pthread_mutex_unlock(&lock);
}

/* see core/uaccess.h */
int ualg_uaccess_sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	int i = sig_index(sig), r = 0;
	struct sigaction prev, ours;

	if (i < 0)
		return -EINVAL;
	pthread_mutex_lock(&lock);
	if (!installed) {
		r = real_sigaction(sig, act, old) < 0 ? -errno : 0;
		pthread_mutex_unlock(&lock);
		return r;
	}
	app_get(i, &prev);
	/* our own handler, saved by code that bypassed us, is not the program's */
	if (act && act->sa_sigaction != handler) {
		ours_for(act, &ours);
		if (real_sigaction(sig, &ours, NULL) < 0)
			r = -errno;
		else
			app_put(i, act);
	}
	pthread_mutex_unlock(&lock);
	if (!r && old)
		*old = prev;
	return r;
}

/* memcpy with user the side that is the caller's memory */
static int copy_user(void *dst, const void *src, size_t n, const void *user)
{
	struct ualg_uaccess g;

	if (!ualg_uaccess_ok(user, n))
		return -EFAULT;
	if (!n)
		return 0;
	ualg_uaccess_arm(&g, user, n);
	if (ualg_uaccess_faulted(&g))
		return -EFAULT;
	ualg_umemcpy(dst, src, n);
	ualg_uaccess_disarm(&g);
	return 0;
}

/* see core/uaccess.h */
int ualg_copy_from_user(void *dst, const void *src, size_t n)
{
	return copy_user(dst, src, n, src);
}

/* see core/uaccess.h */
int ualg_copy_to_user(void *dst, const void *src, size_t n)
{
	return copy_user(dst, src, n, dst);
}

/* see core/uaccess.h */
size_t ualg_uaccess_prefix(const void *p, size_t n, bool write)
{
	/* the smallest page size there is: probing more often than needed is never wrong */
	const uintptr_t page = 4096;
	volatile uintptr_t a = (uintptr_t)p;
	struct ualg_uaccess g;
	uintptr_t end;

	if (!n || !ualg_uaccess_ok(p, n))
		return 0;
	end = (uintptr_t)p + n;
	ualg_uaccess_arm(&g, p, n);
	if (ualg_uaccess_faulted(&g))
		return a - g.lo;
	while (a < end) {
		ualg_uaccess_touch((const void *)a, write);
		a = (a | (page - 1)) + 1; /* the next page */
	}
	ualg_uaccess_disarm(&g);
	return n;
}

/* see core/uaccess.h */
void ualg_uaccess_fork_prepare(void)
{
	pthread_mutex_lock(&lock);
}

/* see core/uaccess.h */
void ualg_uaccess_fork_parent(void)
{
	pthread_mutex_unlock(&lock);
}

/* see core/uaccess.h */
void ualg_uaccess_fork_child(void)
{
	pthread_mutex_unlock(&lock);
}
