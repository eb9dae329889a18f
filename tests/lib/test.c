/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "test.h"

static struct test_case *tests, **tests_tail = &tests;
int test_failures;
bool test_skipped;

void test_register(struct test_case *t)
{
	*tests_tail = t;
	tests_tail = &t->next;
}

static bool selected(const char *name)
{
	const char *sel = getenv("TESTFUNCS"), *p;
	size_t n = strlen(name);

	if (!sel || !*sel)
		return true;
	for (p = sel; (p = strstr(p, name)); p += n)
		if ((p == sel || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

long test_unhex(const char *hex, unsigned char *buf, size_t size)
{
	size_t n = hex ? strlen(hex) : 0;

	if (n % 2 || n / 2 > size)
		return -1;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned int v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		buf[i] = (unsigned char)v;
	}
	return (long)(n / 2);
}

void test_hex(const unsigned char *p, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
	out[2 * n] = '\0';
}

int main(void)
{
	unsigned int passed = 0, failed = 0, skipped = 0;

	for (struct test_case *t = tests; t; t = t->next) {
		if (!selected(t->name))
			continue;
		test_failures = 0;
		test_skipped = false;
		t->fn();
		if (test_failures) {
			failed++;
			printf("FAIL %s\n", t->name);
		} else if (test_skipped) {
			skipped++;
			printf("SKIP %s\n", t->name);
		} else {
			passed++;
			printf("ok   %s\n", t->name);
		}
	}
	printf("%u passed, %u failed, %u skipped\n", passed, failed, skipped);
	if (failed)
		return 1;
	if (!passed && skipped)
		return 77;
	return 0;
}
