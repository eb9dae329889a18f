/* SPDX-License-Identifier: MIT */
/*
 * A host program with SIGSEGV handlers of its own, as a JVM, Go with cgo or
 * a garbage collector has them, keeps working under the preload, whose
 * fault guard takes SIGSEGV/SIGBUS over at the first AF_ALG socket:
 *
 *  - a handler installed before the first socket, used for control flow
 *    (a JVM's implicit null checks and safepoint polls: the handler makes
 *    the page accessible and returns, the access runs again), still gets
 *    every fault of the program's own, from several threads at once while
 *    other threads hash through AF_ALG;
 *  - one installed after it with sigaction() or signal() replaces the
 *    program's, not ours: sigaction() reports the program's own handler,
 *    its faults reach it, and ualg still answers EFAULT;
 *  - a handler that leaves with siglongjmp (a language runtime's recovery)
 *    works, repeatedly;
 *  - with SIG_DFL restored, a wild pointer of the program still kills it with
 *    SIGSEGV (and a core), as it would without ualg.
 */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "alg.h"

static long pg;
static atomic_int jvm_faults, other_faults;

/* a JVM-like handler: the faulting page becomes accessible, the access is retried */
static void jvm_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	atomic_fetch_add(&jvm_faults, 1);
	(void)mprotect((void *)((uintptr_t)si->si_addr & ~(uintptr_t)(pg - 1)), (size_t)pg,
		       PROT_READ | PROT_WRITE);
}

static void other_handler(int sig)
{
	(void)sig;
	atomic_fetch_add(&other_faults, 1);
}

static uint8_t *guard_page(void)
{
	uint8_t *p = mmap(NULL, (size_t)pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int install(void (*fn)(int, siginfo_t *, void *))
{
	struct sigaction a;

	memset(&a, 0, sizeof(a));
	a.sa_sigaction = fn;
	a.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&a.sa_mask);
	return sigaction(SIGSEGV, &a, NULL);
}

/* hash "abc" through AF_ALG; 0 on the right digest */
static int hash_abc(void)
{
	static const unsigned char want[] = "\xba\x78\x16\xbf\x8f\x01\xcf\xea\x41\x41\x40\xde\x5d"
					    "\xae\x22\x23\xb0\x03\x61\xa3\x96\x17\x7a\x9c\xb4\x10"
					    "\xff\x61\xf2\x00\x15\xad";
	int tfm = alg_tfm("hash", "sha256"), op = tfm < 0 ? -1 : accept(tfm, NULL, NULL);
	unsigned char d[32];
	int r = -1;

	if (op >= 0 && send(op, "abc", 3, 0) == 3 && recv(op, d, 32, 0) == 32)
		r = memcmp(d, want, 32) ? -1 : 0;
	close(op);
	close(tfm);
	return r;
}

/* libualg-engine.so is mapped: some AF_ALG socket was made in this process */
static bool engine_mapped(void)
{
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/self/maps", "r");

	while (f && fgets(line, sizeof(line), f))
		found |= strstr(line, "libualg-engine.so") != NULL;
	if (f)
		fclose(f);
	return found;
}

/* the first test (registration order): no AF_ALG socket exists yet */
TEST(handler_installed_before_ualg)
{
	uint8_t *p;

	pg = sysconf(_SC_PAGESIZE);
	CHECK(!engine_mapped());
	CHECK_EQ(install(jvm_handler), 0);
	p = guard_page();
	test_poke(p, 1); /* before any AF_ALG socket: the program's handler alone */
	CHECK_EQ(atomic_load(&jvm_faults), 1);
	require_preload();
	CHECK(engine_mapped());
	CHECK_EQ(hash_abc(), 0);
	(void)mprotect(p, (size_t)pg, PROT_NONE);
	test_poke(p, 2); /* after: through ualg's handler, to the program's */
	CHECK_EQ(atomic_load(&jvm_faults), 2);
	CHECK_EQ(p[0], 2);
	/* and ualg's own answer for a bad pointer */
	{
		int tfm = alg_tfm("hash", "sha256"), op = accept(tfm, NULL, NULL);

		(void)mprotect(p, (size_t)pg, PROT_NONE);
		CHECK_EQ(send(op, p, 16, 0) < 0 ? errno : 0, EFAULT);
		CHECK_EQ(atomic_load(&jvm_faults), 2); /* not the program's business */
		close(op);
		close(tfm);
	}
	munmap(p, (size_t)pg);
}

struct worker {
	uint8_t *page;
	int hashes, faults;
};

static void *jvm_thread(void *arg)
{
	struct worker *w = arg;

	for (int i = 0; i < 200; i++) {
		if (hash_abc() == 0)
			w->hashes++;
		(void)mprotect(w->page, (size_t)pg, PROT_NONE);
		test_poke(w->page + (i % 64), (uint8_t)i); /* an implicit null check */
		w->faults++;
	}
	return NULL;
}

TEST(threads_fault_while_others_hash)
{
	struct worker w[4];
	pthread_t t[4];
	int before;

	pg = sysconf(_SC_PAGESIZE);
	require_preload();
	CHECK_EQ(install(jvm_handler), 0);
	before = atomic_load(&jvm_faults);
	for (int i = 0; i < 4; i++) {
		w[i] = (struct worker){.page = guard_page()};
		CHECK_EQ(pthread_create(&t[i], NULL, jvm_thread, &w[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(pthread_join(t[i], NULL), 0);
		CHECK_EQ(w[i].hashes, 200);
		munmap(w[i].page, (size_t)pg);
	}
	CHECK_EQ(atomic_load(&jvm_faults) - before, 4 * 200);
}

TEST(handler_installed_after_ualg)
{
	struct sigaction cur;
	uint8_t *p;
	int before;

	pg = sysconf(_SC_PAGESIZE);
	require_preload();
	CHECK_EQ(hash_abc(), 0);
	/* signal(): the program's view is its own handler */
	CHECK(signal(SIGSEGV, other_handler) != SIG_ERR);
	CHECK_EQ(sigaction(SIGSEGV, NULL, &cur), 0);
	CHECK(cur.sa_handler == other_handler);
	CHECK(signal(SIGSEGV, SIG_DFL) == other_handler);
	/* sigaction(): the same */
	CHECK_EQ(install(jvm_handler), 0);
	CHECK_EQ(sigaction(SIGSEGV, NULL, &cur), 0);
	CHECK(cur.sa_sigaction == jvm_handler);
	CHECK(cur.sa_flags & SA_SIGINFO);
	p = guard_page();
	before = atomic_load(&jvm_faults);
	test_poke(p + 3, 3);
	CHECK_EQ(atomic_load(&jvm_faults), before + 1);
	CHECK_EQ(p[3], 3);
	{
		int tfm = alg_tfm("hash", "sha256"), op = accept(tfm, NULL, NULL);
		unsigned char d[32];

		CHECK_EQ(send(op, "abc", 3, 0), 3);
		CHECK_EQ(recv(op, (void *)0x1000, 32, 0) < 0 ? errno : 0, EFAULT);
		CHECK_EQ(recv(op, d, 32, 0), 32);
		close(op);
		close(tfm);
	}
	CHECK_EQ(atomic_load(&jvm_faults), before + 1);
	munmap(p, (size_t)pg);
}

static sigjmp_buf recover_to;

static void recover_handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	siglongjmp(recover_to, 1);
}

/* a runtime that turns a fault into an exception with siglongjmp */
TEST(handler_that_longjmps)
{
	volatile int recovered = 0;

	require_preload();
	CHECK_EQ(hash_abc(), 0);
	CHECK_EQ(install(recover_handler), 0);
	for (int i = 0; i < 10; i++) {
		if (sigsetjmp(recover_to, 1) == 0)
			test_poke((uint8_t *)0x1000, 1);
		else
			recovered++;
		CHECK_EQ(hash_abc(), 0);
	}
	CHECK_EQ(recovered, 10);
}

static void wild(void)
{
	struct sigaction dfl;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	(void)sigaction(SIGSEGV, &dfl, NULL);
	(void)hash_abc();
	test_poke((uint8_t *)0x1000, 1);
	_exit(0);
}

TEST(default_action_kills)
{
	int st;
	pid_t pid;

	require_preload();
	pid = fork();
	if (pid == 0)
		wild();
	CHECK(pid > 0);
	CHECK_EQ(waitpid(pid, &st, 0), pid);
	CHECK(WIFSIGNALED(st));
	CHECK_EQ(WTERMSIG(st), SIGSEGV);
}
