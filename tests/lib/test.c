/* SPDX-License-Identifier: MIT */
#include <dirent.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

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

int test_open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1; /* the directory's own fd */
}

struct test_bad test_bad;

int test_bad_setup(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	unsigned char *a = mmap(NULL, (size_t)(5 * pg), PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (a == MAP_FAILED)
		return -1;
	memset(a, 0x5a, (size_t)(5 * pg));
	test_bad = (struct test_bad){.page = pg,
				     .good = a,
				     .none = a + 2 * pg,
				     .ro = a + 3 * pg,
				     .hole = (void *)0x1000,
				     .kernel = (void *)0xffff800000001000ull};
	if (mprotect(test_bad.none, (size_t)pg, PROT_NONE) ||
	    mprotect(test_bad.ro, (size_t)pg, PROT_READ))
		return -1;
	return 0;
}

void test_run_groups(const char *what, const struct test_group *g, size_t n)
{
	int crashed = 0, failed = 0;

	for (size_t i = 0; i < n; i++) {
		pid_t pid;
		int st;

		fflush(stderr);
		pid = fork();
		if (pid == 0) {
			g[i].fn();
			_exit(test_failures ? 1 : 0);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid) {
			CHECK(0);
			continue;
		}
		if (WIFSIGNALED(st)) {
			fprintf(stderr, "%s: killed by signal %d\n", g[i].name, WTERMSIG(st));
			crashed++;
		} else if (WEXITSTATUS(st)) {
			fprintf(stderr, "%s: wrong answers (above)\n", g[i].name);
			failed++;
		}
	}
	fprintf(stderr, "%s: %zu groups, %d crashed, %d answered wrongly\n", what, n, crashed,
		failed);
	CHECK_EQ(crashed, 0);
	CHECK_EQ(failed, 0);
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
