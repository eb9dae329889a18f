/* SPDX-License-Identifier: MIT */
/*
 * The fault guard of core/uaccess.h on its own: EFAULT for every kind of
 * inaccessible memory (unmapped, PROT_NONE, read-only for writes, the
 * kernel half, a range that runs into a bad page), partial prefixes, nested
 * guards, the signal mask afterwards; and the program's own SIGSEGV handler
 * kept working whether it was installed before or after ours (a JVM-like
 * handler that makes the page accessible and returns, SA_RESETHAND, SIG_IGN,
 * a fault outside the guarded range while a guard is armed, another thread),
 * and the default action still killing a program that has none.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "core/uaccess.h"

static long page;

/* n pages, each mapped with its own protection from prot[] */
static __attribute__((noinline)) uint8_t *pages(const int *prot, int n)
{
	uint8_t *p = mmap(NULL, (size_t)(n * page), PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	memset(p, 0xab, (size_t)(n * page));
	for (int i = 0; i < n; i++)
		if (prot[i] != (PROT_READ | PROT_WRITE))
			(void)mprotect(p + i * page, (size_t)page, prot[i]);
	return p;
}

static void unmap(uint8_t *p, int n)
{
	(void)munmap(p, (size_t)(n * page));
}

/* every test installs the guard first (idempotent), as the first socket does */
static void setup(void)
{
	page = sysconf(_SC_PAGESIZE);
	ualg_uaccess_init();
}

TEST(copy_bad_pointers)
{
	static const int prot[] = {PROT_READ | PROT_WRITE, PROT_NONE, PROT_READ};
	uint8_t buf[64], *p;

	setup();
	p = pages(prot, 3);
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_EQ(ualg_copy_from_user(buf, (void *)0x1000, 16), -EFAULT);
	CHECK_EQ(ualg_copy_from_user(buf, NULL, 1), -EFAULT);
	CHECK_EQ(ualg_copy_from_user(buf, p + page, 16), -EFAULT);
	CHECK_EQ(ualg_copy_from_user(buf, p + page - 8, 16), -EFAULT);
	CHECK_EQ(ualg_copy_from_user(buf, p + 2 * page, 16), 0); /* read-only reads */
	CHECK_EQ(ualg_copy_to_user(p + 2 * page, buf, 16), -EFAULT);
	CHECK_EQ(ualg_copy_to_user(p + page, buf, 16), -EFAULT);
	CHECK_EQ(ualg_copy_to_user((void *)0x1000, buf, 16), -EFAULT);
	/* the kernel half and wrapping ranges fail before anything is touched */
	CHECK_EQ(ualg_copy_from_user(buf, (void *)~(uintptr_t)0xfff, 16), -EFAULT);
	CHECK_EQ(ualg_copy_from_user(buf, (void *)0xffffffffff600000ull, 16), -EFAULT);
	CHECK_EQ(ualg_copy_from_user(buf, p, SIZE_MAX), -EFAULT);
	/* good memory, and nothing to copy from a bad pointer */
	CHECK_EQ(ualg_copy_from_user(buf, p, 64), 0);
	CHECK_EQ(buf[63], 0xab);
	CHECK_EQ(ualg_copy_from_user(buf, (void *)0x1000, 0), 0);
	CHECK_EQ(ualg_copy_to_user(p + 100, "xyz", 3), 0);
	CHECK_MEM(p + 100, "xyz", 3);
	unmap(p, 3);
}

TEST(prefix)
{
	static const int prot[] = {PROT_READ | PROT_WRITE, PROT_READ | PROT_WRITE, PROT_NONE,
				   PROT_READ};
	uint8_t *p;

	setup();
	p = pages(prot, 4);
	CHECK(p != NULL);
	if (!p)
		return;
	CHECK_EQ(ualg_uaccess_prefix(p + 10, 3 * (size_t)page, false), 2 * page - 10);
	CHECK_EQ(ualg_uaccess_prefix(p + 10, 100, false), 100);
	CHECK_EQ(ualg_uaccess_prefix(p + 2 * page, 10, false), 0);
	CHECK_EQ(ualg_uaccess_prefix(p + 3 * page, 10, false), 10);
	CHECK_EQ(ualg_uaccess_prefix(p + 3 * page, 10, true), 0);
	CHECK_EQ(ualg_uaccess_prefix(p + page, 2 * (size_t)page, true), page);
	/* a write probe changes nothing */
	CHECK_EQ(p[page], 0xab);
	CHECK_EQ(ualg_uaccess_prefix((void *)0x1000, 10, false), 0);
	unmap(p, 4);
}

/* guards nest: the inner one unwinds only itself */
TEST(nested)
{
	static const int prot[] = {PROT_NONE};
	struct ualg_uaccess outer;
	volatile int inner_faults = 0, outer_faults = 0;
	uint8_t buf[8], *p;

	setup();
	p = pages(prot, 1);
	ualg_uaccess_arm(&outer, p, 8);
	if (ualg_uaccess_faulted(&outer)) {
		outer_faults++;
	} else {
		if (ualg_copy_from_user(buf, p, 8) == -EFAULT)
			inner_faults++;
		CHECK(ualg_uaccess_cur == &outer);
		(void)ualg_umemcpy(buf, p, 8); /* unwinds to outer */
		ualg_uaccess_disarm(&outer);
	}
	CHECK_EQ(inner_faults, 1);
	CHECK_EQ(outer_faults, 1);
	CHECK_EQ(outer.addr, (uintptr_t)p);
	CHECK(ualg_uaccess_cur == NULL);
	unmap(p, 1);
}

/* after a fault of ours the thread's signal mask is what it was */
TEST(mask_kept)
{
	sigset_t before, after;

	setup();
	sigemptyset(&before);
	sigaddset(&before, SIGUSR2);
	(void)pthread_sigmask(SIG_SETMASK, &before, NULL);
	for (int i = 0; i < 3; i++)
		CHECK_EQ(ualg_copy_from_user(&before, (void *)0x1000, 8), -EFAULT);
	(void)pthread_sigmask(SIG_SETMASK, NULL, &after);
	CHECK(sigismember(&after, SIGUSR2));
	CHECK(!sigismember(&after, SIGSEGV));
	CHECK(!sigismember(&after, SIGBUS));
	sigemptyset(&before);
	(void)pthread_sigmask(SIG_SETMASK, &before, NULL);
}

/* ---- the program's own handler ---- */

static volatile int app_calls;
static volatile uintptr_t app_addr;
static volatile int app_blocked_self;

/* a JVM-like handler: makes the faulting page accessible and returns */
static void app_handler(int sig, siginfo_t *si, void *uctx)
{
	sigset_t now;

	(void)uctx;
	app_calls++;
	app_addr = (uintptr_t)si->si_addr;
	(void)pthread_sigmask(SIG_SETMASK, NULL, &now);
	app_blocked_self = sigismember(&now, sig);
	(void)mprotect((void *)(app_addr & ~(uintptr_t)(page - 1)), (size_t)page,
		       PROT_READ | PROT_WRITE);
}

static int set_app(int sig, int flags, struct sigaction *old)
{
	struct sigaction a;

	memset(&a, 0, sizeof(a));
	a.sa_sigaction = app_handler;
	a.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&a.sa_mask);
	return ualg_uaccess_sigaction(sig, &a, old);
}

static int restore(int sig, const struct sigaction *old)
{
	return ualg_uaccess_sigaction(sig, old, NULL);
}

TEST(app_handler_after_ours)
{
	static const int prot[] = {PROT_NONE, PROT_NONE};
	struct sigaction old, cur;
	uint8_t *p, buf[4];

	setup();
	CHECK_EQ(set_app(SIGSEGV, 0, &old), 0);
	/* the program sees its own handler, never ours */
	CHECK_EQ(ualg_uaccess_sigaction(SIGSEGV, NULL, &cur), 0);
	CHECK(cur.sa_sigaction == app_handler);
	p = pages(prot, 2);
	app_calls = 0;
	/* the program's own fault reaches its handler, which fixes it up */
	test_poke(p + 5, 1);
	CHECK_EQ(app_calls, 1);
	CHECK_EQ(app_addr, (uintptr_t)p + 5);
	CHECK_EQ(app_blocked_self, 1); /* blocked during its handler, as it asked */
	CHECK_EQ(p[5], 1);
	/* ours still answers EFAULT, and does not call it */
	CHECK_EQ(ualg_copy_from_user(buf, p + page, 4), -EFAULT);
	CHECK_EQ(app_calls, 1);
	/* a fault outside the guarded range while a guard is armed is the program's */
	{
		struct ualg_uaccess g;
		volatile int ours = 0;

		ualg_uaccess_arm(&g, buf, sizeof(buf));
		if (ualg_uaccess_faulted(&g))
			ours = 1;
		else {
			test_poke(p + page + 1, 2);
			ualg_uaccess_disarm(&g);
		}
		CHECK_EQ(ours, 0);
		CHECK_EQ(app_calls, 2);
		CHECK_EQ(p[page + 1], 2);
	}
	CHECK_EQ(restore(SIGSEGV, &old), 0);
	unmap(p, 2);
}

TEST(app_handler_nodefer_and_resethand)
{
	static const int prot[] = {PROT_NONE};
	struct sigaction old, cur;
	uint8_t *p;

	setup();
	CHECK_EQ(set_app(SIGSEGV, SA_NODEFER | SA_RESETHAND, &old), 0);
	p = pages(prot, 1);
	app_calls = 0;
	test_poke(p, 3);
	CHECK_EQ(app_calls, 1);
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
	/* (sanitizers run handlers from their own, with a mask of their own) */
	CHECK_EQ(app_blocked_self, 0);
#endif
	/* one-shot: the program's disposition is the default again */
	CHECK_EQ(ualg_uaccess_sigaction(SIGSEGV, NULL, &cur), 0);
	CHECK(cur.sa_handler == SIG_DFL);
	CHECK_EQ(restore(SIGSEGV, &old), 0);
	unmap(p, 1);
}

static void *thread_fault(void *arg)
{
	uint8_t *p = arg;

	test_poke(p + 7, 4); /* the program's handler, in this thread */
	return (void *)(long)ualg_copy_from_user(p, (void *)0x1000, 1);
}

TEST(app_handler_threads)
{
	static const int prot[] = {PROT_NONE};
	struct sigaction old;
	pthread_t t;
	void *ret;
	uint8_t *p;

	setup();
	CHECK_EQ(set_app(SIGBUS, 0, &old), 0); /* unrelated: must not disturb SIGSEGV */
	CHECK_EQ(restore(SIGBUS, &old), 0);
	CHECK_EQ(set_app(SIGSEGV, 0, &old), 0);
	p = pages(prot, 1);
	app_calls = 0;
	CHECK_EQ(pthread_create(&t, NULL, thread_fault, p), 0);
	CHECK_EQ(pthread_join(t, &ret), 0);
	CHECK_EQ((long)ret, -EFAULT);
	CHECK_EQ(app_calls, 1);
	CHECK_EQ(p[7], 4);
	CHECK_EQ(restore(SIGSEGV, &old), 0);
	unmap(p, 1);
}

/* the outcome of fn() in a child: its exit status or terminating signal */
static int in_child(void (*fn)(void))
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFSIGNALED(st) ? 1000 + WTERMSIG(st) : WEXITSTATUS(st);
}

static void wild_write(void)
{
	ualg_uaccess_init();
	*(volatile int *)0x1000 = 1;
}

static void wild_write_ignored(void)
{
	struct sigaction a;

	memset(&a, 0, sizeof(a));
	a.sa_handler = SIG_IGN;
	ualg_uaccess_init();
	(void)ualg_uaccess_sigaction(SIGSEGV, &a, NULL);
	*(volatile int *)0x1000 = 1;
}

static void sent_ignored(void)
{
	struct sigaction a;

	memset(&a, 0, sizeof(a));
	a.sa_handler = SIG_IGN;
	ualg_uaccess_init();
	(void)ualg_uaccess_sigaction(SIGSEGV, &a, NULL);
	(void)raise(SIGSEGV); /* ignored, as the program asked */
	_exit(7);
}

static void sent_default(void)
{
	ualg_uaccess_init();
	(void)raise(SIGSEGV);
	_exit(7);
}

/* no handler in the program: a wild pointer of its own still kills it with SIGSEGV */
TEST(default_action_kept)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
	SKIP("the sanitizer's own SIGSEGV handler reports and exits");
#endif
	setup();
	CHECK_EQ(in_child(wild_write), 1000 + SIGSEGV);
	CHECK_EQ(in_child(wild_write_ignored), 1000 + SIGSEGV);
	CHECK_EQ(in_child(sent_ignored), 7);
	CHECK_EQ(in_child(sent_default), 1000 + SIGSEGV);
}
