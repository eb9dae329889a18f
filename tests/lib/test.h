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

#endif
