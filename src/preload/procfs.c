/* SPDX-License-Identifier: MIT */
/*
 * /proc/crypto as a program under ualg sees it.
 *
 * Programs pick algorithms by reading /proc/crypto (stress-ng, libkcapi's
 * tests); under ualg the host kernel's list is not what the emulated AF_ALG
 * serves. So opening "/proc/crypto" for reading gives a file holding ualg's
 * registry in the kernel's format (alg/show.c, what `ualg list` prints):
 * an anonymous memory file (memfd), written once, sealed, and opened again
 * read-only through /proc/self/fd.
 *
 * Implementation Notes
 *
 * Entry points: open, open64, openat, openat64, their _FORTIFY_SOURCE
 * forms (__open_2, ...), fopen and fopen64: glibc's fopen opens through its
 * internal __open, which no interposed open sees. The real call comes
 * first, so that the kernel is the one to read the path (a bad pointer is
 * EFAULT, not a crash here: docs/robustness.md); every other path then
 * costs one comparison, and /proc/crypto one real open more. What is
 * served: the absolute path "/proc/crypto" (openat with any directory fd,
 * as the kernel ignores it for an absolute path), read-only (O_RDONLY;
 * fopen "r", "rb", "re"...). Writable opens, O_DIRECTORY, O_PATH, relative
 * spellings and /proc/self/... aliases go to the kernel, as does
 * everything when the engine cannot be loaded (a machine without
 * libualg-engine: the host's list, as without ualg). The text is made at
 * each open, so a program sees the instances created since (as the
 * kernel's list grows); the first open loads the engine and self-tests
 * every leaf, as `ualg list` does.
 */
#undef _FORTIFY_SOURCE
#undef _FILE_OFFSET_BITS

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/errno.h"
#include "preload/preload.h"

#define PRELOAD_EXPORT __attribute__((visibility("default")))

/* each wrapper has the row's signature (checked against syms.def here) */
#define UALG_SYM(ret, name, params, stage0) PRELOAD_EXPORT ret name params;
#include "syms.def"
#undef UALG_SYM

#define UALG_PROC_CRYPTO "/proc/crypto"

/*
 * The comparison every other open pays, inline in each wrapper: a path that
 * does not start with "/pr" is decided by its first bytes.
 */
static inline bool maybe_proc(const char *path)
{
	return __builtin_expect(path && path[0] == '/' && path[1] == 'p' && path[2] == 'r', 0);
}

static inline bool is_proc_crypto(const char *path)
{
	return maybe_proc(path) && !strcmp(path, UALG_PROC_CRYPTO);
}

/* a read-only open ualg answers (see above) */
static bool served_flags(int flags)
{
	return (flags & O_ACCMODE) == O_RDONLY && !(flags & (O_DIRECTORY | O_PATH | O_CREAT));
}

/* a read-only descriptor of the memfd fd (through /proc/self/fd), with the open flags */
static int reopen_ro(int fd, int flags)
{
	char path[40];
	int ro;

	(void)snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (!ualg_real_openat)
		return -ENOSYS;
	ro = ualg_real_openat(AT_FDCWD, path, O_RDONLY | (flags & (O_CLOEXEC | O_NONBLOCK)));
	return ro < 0 ? -errno : ro;
}

/* the memfd with the registry text; -errno (-ENOENT: no engine, let the kernel answer) */
static int proc_crypto_fd(int flags)
{
	char *text = NULL;
	size_t len = 0, off = 0;
	int fd, r;

	r = ualg_engine_proc_crypto(&text, &len);
	if (r < 0)
		return r;
	fd = memfd_create("crypto", MFD_ALLOW_SEALING | (flags & O_CLOEXEC ? MFD_CLOEXEC : 0));
	if (fd < 0) {
		r = -errno;
		free(text);
		return r;
	}
	while (off < len) {
		ssize_t n = ualg_real_write ? ualg_real_write(fd, text + off, len - off) : -1;

		if (n <= 0) {
			r = n < 0 && errno != EINTR ? -errno : 0;
			if (r < 0 || !ualg_real_write)
				break;
			continue;
		}
		off += (size_t)n;
	}
	free(text);
	if (off < len) {
		(void)close(fd);
		return r < 0 ? r : -EIO;
	}
	/* sealed, and handed out read-only, as the kernel's file: write() is EBADF */
	(void)fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL);
	(void)fchmod(fd, 0444);
	r = reopen_ro(fd, flags);
	(void)close(fd);
	return r;
}

/* -ENOENT: not ours to answer */
static int try_open(const char *path, int flags)
{
	int fd;

	if (!is_proc_crypto(path) || !served_flags(flags) || !ualg_preload_ensure())
		return -ENOENT;
	{
		PROTECT_ERRNO;

		fd = proc_crypto_fd(flags);
	}
	return fd;
}

static mode_t mode_arg(int flags, va_list ap)
{
	return flags & (O_CREAT | O_TMPFILE) ? (mode_t)va_arg(ap, int) : 0;
}

/* the real function, or ENOSYS while the preload initialises itself */
#define REAL(name, ...) (ualg_real_##name ? ualg_real_##name(__VA_ARGS__) : (int)ualg_ret(-ENOSYS))

/* the path the kernel could not read (EFAULT) must not be read here either */
static bool path_unreadable(int r)
{
	return r < 0 && errno == EFAULT;
}

/* the real call's descriptor is replaced by ours: dropped, keeping errno */
static void drop(int fd)
{
	PROTECT_ERRNO;

	if (fd >= 0)
		(void)close(fd);
}

/*
 * The real call first: the kernel reads the path (EFAULT for a bad pointer,
 * where looking at it here would crash); then, for /proc/crypto, our fd or
 * the engine's error instead of the kernel's answer.
 */
#define OPEN_OR_REAL(path, flags, name, ...)                                                       \
	do {                                                                                       \
		int r_ = REAL(name, __VA_ARGS__);                                                  \
		if (!path_unreadable(r_) && maybe_proc(path)) {                                    \
			int fd_ = try_open(path, flags);                                           \
			if (fd_ != -ENOENT) {                                                      \
				drop(r_);                                                          \
				return (int)ualg_ret(fd_);                                         \
			}                                                                          \
		}                                                                                  \
		return r_;                                                                         \
	} while (0)

PRELOAD_EXPORT int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	OPEN_OR_REAL(path, flags, open, path, flags, mode);
}

PRELOAD_EXPORT int open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	OPEN_OR_REAL(path, flags, open64, path, flags, mode);
}

PRELOAD_EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	OPEN_OR_REAL(path, flags, openat, dirfd, path, flags, mode);
}

PRELOAD_EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	OPEN_OR_REAL(path, flags, openat64, dirfd, path, flags, mode);
}

PRELOAD_EXPORT int __open_2(const char *path, int flags)
{
	OPEN_OR_REAL(path, flags, __open_2, path, flags);
}

PRELOAD_EXPORT int __open64_2(const char *path, int flags)
{
	OPEN_OR_REAL(path, flags, __open64_2, path, flags);
}

PRELOAD_EXPORT int __openat_2(int dirfd, const char *path, int flags)
{
	OPEN_OR_REAL(path, flags, __openat_2, dirfd, path, flags);
}

PRELOAD_EXPORT int __openat64_2(int dirfd, const char *path, int flags)
{
	OPEN_OR_REAL(path, flags, __openat64_2, dirfd, path, flags);
}

/* fopen's mode as open flags, for the read-only modes only ("r", "rb", "re", "rce"...) */
static int fopen_flags(const char *mode)
{
	int flags = O_RDONLY;

	if (!mode || mode[0] != 'r')
		return -1;
	for (const char *m = mode + 1; *m && *m != ','; m++) {
		if (*m == '+')
			return -1;
		if (*m == 'e')
			flags |= O_CLOEXEC;
	}
	return flags;
}

static FILE *try_fopen(const char *path, const char *mode, bool *served)
{
	int flags = is_proc_crypto(path) ? fopen_flags(mode) : -1;
	FILE *f;
	int fd;

	*served = false;
	if (flags < 0 || !ualg_preload_ensure())
		return NULL;
	fd = proc_crypto_fd(flags);
	if (fd == -ENOENT)
		return NULL;
	*served = true;
	if (fd < 0) {
		(void)ualg_ret(fd);
		return NULL;
	}
	f = fdopen(fd, mode);
	if (!f) {
		PROTECT_ERRNO;

		(void)close(fd);
	}
	return f;
}

/* as OPEN_OR_REAL: the real fopen first, which has the kernel read the path */
static FILE *fopen_or_real(const char *path, const char *mode,
			   FILE *(*real)(const char *path, const char *mode))
{
	bool served;
	FILE *r, *f;

	if (!real) {
		(void)ualg_ret(-ENOSYS);
		return NULL;
	}
	r = real(path, mode);
	if (!r && errno == EFAULT)
		return NULL;
	f = try_fopen(path, mode, &served);
	if (!served)
		return r;
	if (r) {
		PROTECT_ERRNO;

		(void)fclose(r);
	}
	return f;
}

PRELOAD_EXPORT FILE *fopen(const char *path, const char *mode)
{
	return fopen_or_real(path, mode, ualg_real_fopen);
}

PRELOAD_EXPORT FILE *fopen64(const char *path, const char *mode)
{
	return fopen_or_real(path, mode, ualg_real_fopen64);
}
