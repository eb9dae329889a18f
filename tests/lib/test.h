/* SPDX-License-Identifier: MIT */
#ifndef UALG_TESTS_TEST_H
#define UALG_TESTS_TEST_H

/*
 * A tiny self-registering test harness (systemd's tests.h idea):
 *
 *   TEST(name) { CHECK(x == 1); CHECK_ERR(f(), -ENOENT); }
 *
 * main() (tests/lib/test.c) runs every TEST, or those named in $TESTFUNCS
 * (comma-separated), prints "N passed, N failed, N skipped" and exits 0, 1,
 * or 77 when every test skipped. A test skips with SKIP("why").
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct test_case {
	const char *name;
	void (*fn)(void);
	struct test_case *next;
};

void test_register(struct test_case *t);
extern int test_failures; /* failures of the running test */
extern bool test_skipped;

#define TEST(n)                                                                     \
	static void test_##n(void);                                                 \
	static struct test_case test_case_##n = { #n, test_##n, NULL };             \
	__attribute__((constructor)) static void test_reg_##n(void)                 \
	{                                                                           \
		test_register(&test_case_##n);                                      \
	}                                                                           \
	static void test_##n(void)

#define CHECK(cond)                                                                 \
	do {                                                                        \
		if (!(cond)) {                                                      \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__,      \
				__LINE__, #cond);                                   \
			test_failures++;                                            \
		}                                                                   \
	} while (0)

/* compare an int/ssize_t result, printing both on mismatch */
#define CHECK_EQ(got, want)                                                         \
	do {                                                                        \
		long long g_ = (long long)(got), w_ = (long long)(want);            \
		if (g_ != w_) {                                                     \
			fprintf(stderr, "%s:%d: %s = %lld (%s), want %lld (%s)\n",   \
				__FILE__, __LINE__, #got, g_,                        \
				g_ < 0 ? strerror((int)-g_) : "", w_,                \
				w_ < 0 ? strerror((int)-w_) : "");                   \
			test_failures++;                                            \
		}                                                                   \
	} while (0)

#define CHECK_MEM(a, b, n)                                                          \
	do {                                                                        \
		if (memcmp((a), (b), (n))) {                                        \
			fprintf(stderr, "%s:%d: memory differs: %s vs %s\n",         \
				__FILE__, __LINE__, #a, #b);                         \
			test_failures++;                                            \
		}                                                                   \
	} while (0)

#define SKIP(why)                                                                   \
	do {                                                                        \
		fprintf(stderr, "skipped: %s\n", why);                              \
		test_skipped = true;                                                \
		return;                                                             \
	} while (0)

/* hex helpers for tests: decode into buf (returns length, -1 on error); encode */
long test_unhex(const char *hex, unsigned char *buf, size_t size);
void test_hex(const unsigned char *p, size_t n, char *out);

/* the number of fds the process has open (/proc/self/fd), -1 if unknown */
int test_open_fds(void);

/*
 * Memory the kernel answers EFAULT for: pages 0-1 read-write, 2 PROT_NONE,
 * 3 read-only (for memory the kernel would write), 4 read-write; 0 or -1.
 * test_bad.hole: an address below vm.mmap_min_addr, where nothing can ever
 * be mapped; test_bad.kernel: one in the kernel half.
 */
struct test_bad {
	long page;
	unsigned char *good, *none, *ro;
	void *hole, *kernel;
};
extern struct test_bad test_bad;
int test_bad_setup(void);
/* n good bytes that run into the PROT_NONE page */
static inline void *test_bad_edge(size_t n)
{
	return test_bad.none - n;
}

/* a store the compiler keeps in place between volatile accesses around it */
static inline void test_poke(unsigned char *p, unsigned char v)
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	*(volatile unsigned char *)p = v;
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

/*
 * Run each group in a child process, so that a group that kills its
 * process is counted, not fatal: a group fails by CHECKs or by a signal.
 * Prints what failed and a summary line "<what>: N groups, N crashed, N
 * answered wrongly"; CHECKs (in this process) that nothing crashed or failed.
 */
struct test_group {
	const char *name;
	void (*fn)(void);
};
void test_run_groups(const char *what, const struct test_group *g, size_t n);

#endif
