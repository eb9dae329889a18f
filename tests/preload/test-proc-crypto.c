/* SPDX-License-Identifier: MIT */
/*
 * /proc/crypto under the preload (src/preload/procfs.c): every entry point
 * (open, open64, openat with any directory fd, the _FORTIFY_SOURCE forms,
 * fopen, fopen64) reads ualg's registry in the kernel's format, live (an
 * instance made by bind shows up at the next open), read-only like the
 * kernel's file; other paths and writable opens reach the kernel untouched.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_alg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif

/* the fortified entry points, called directly */
extern int __open_2(const char *path, int flags);
extern int __open64_2(const char *path, int flags);
extern int __openat_2(int dirfd, const char *path, int flags);
extern int __openat64_2(int dirfd, const char *path, int flags);

/* a driver name only ualg's list has: every leaf of ours is "<name>-ualg" */
#define OURS "driver       : sha256-ualg\n"
#define INSTANCE "driver       : cts(cbc(twofish-generic))\n"

static char *slurp_fd(int fd)
{
	size_t cap = 1 << 16, len = 0;
	char *b = malloc(cap + 1);
	ssize_t n;

	while (b && (n = read(fd, b + len, cap - len)) > 0) {
		len += (size_t)n;
		if (len == cap)
			b = realloc(b, (cap *= 2) + 1);
	}
	if (b)
		b[len] = 0;
	close(fd);
	return b;
}

static char *slurp_file(FILE *f)
{
	static char buf[1 << 20];
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	return strdup(buf);
}

static void check_ours(const char *what, char *text)
{
	if (!text || strncmp(text, "name         : ", 15) || !strstr(text, OURS)) {
		fprintf(stderr, "%s: not ualg's list\n", what);
		test_failures++;
	}
	free(text);
}

TEST(entry_points)
{
	int dir = open("/etc", O_RDONLY | O_DIRECTORY);

	check_ours("open", slurp_fd(open("/proc/crypto", O_RDONLY)));
	check_ours("open64", slurp_fd(open64("/proc/crypto", O_RDONLY)));
	check_ours("openat AT_FDCWD", slurp_fd(openat(AT_FDCWD, "/proc/crypto", O_RDONLY)));
	check_ours("openat /etc", slurp_fd(openat(dir, "/proc/crypto", O_RDONLY)));
	check_ours("openat64", slurp_fd(openat64(dir, "/proc/crypto", O_RDONLY)));
	check_ours("__open_2", slurp_fd(__open_2("/proc/crypto", O_RDONLY)));
	check_ours("__open64_2", slurp_fd(__open64_2("/proc/crypto", O_RDONLY)));
	check_ours("__openat_2", slurp_fd(__openat_2(dir, "/proc/crypto", O_RDONLY)));
	check_ours("__openat64_2", slurp_fd(__openat64_2(dir, "/proc/crypto", O_RDONLY)));
	check_ours("fopen r", slurp_file(fopen("/proc/crypto", "r")));
	check_ours("fopen re", slurp_file(fopen("/proc/crypto", "re")));
	check_ours("fopen64 rb", slurp_file(fopen64("/proc/crypto", "rb")));
	close(dir);
}

TEST(file_behaviour)
{
	struct stat st;
	char c;
	int fd = open("/proc/crypto", O_RDONLY | O_CLOEXEC | O_NONBLOCK);

	CHECK(fd >= 0);
	CHECK_EQ(fstat(fd, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0444);
	CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
	CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(write(fd, "x", 1), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(read(fd, &c, 1), 1);
	CHECK_EQ(c, 'n');
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	close(fd);
	/* not ours: another /proc file, a relative spelling, a writable open */
	check_ours("(control) /proc/crypto", slurp_fd(open("/proc/crypto", O_RDONLY)));
	fd = open("/proc/self/status", O_RDONLY);
	CHECK(fd >= 0);
	close(fd);
	fd = open("/proc/crypto", O_WRONLY);
	if (fd >= 0) {
		/* the host kernel's file: whatever it answers, it is not our memfd */
		CHECK(fstat(fd, &st) == 0 && st.st_size == 0);
		close(fd);
	}
}

TEST(live_registry)
{
	struct sockaddr_alg sa = {.salg_family = AF_ALG,
				  .salg_type = "skcipher",
				  .salg_name = "cts(cbc(twofish-generic))"};
	char *before = slurp_fd(open("/proc/crypto", O_RDONLY)), *after;
	int s = socket(AF_ALG, SOCK_SEQPACKET, 0);

	CHECK(before && !strstr(before, INSTANCE));
	CHECK(s >= 0 && bind(s, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	after = slurp_fd(open("/proc/crypto", O_RDONLY));
	CHECK(after && strstr(after, INSTANCE));
	close(s);
	free(before);
	free(after);
}
