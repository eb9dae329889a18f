/* SPDX-License-Identifier: MIT */
/*
 * The real libc functions behind the interposed names.
 *
 * Stage 0: before dlsym has run (another library's constructor calling
 * read() before ours ran, or dlsym itself calling back into a wrapper), the
 * few functions glibc also exports under a second, non-interposed name
 * (__read, __write, __close, __send, __fcntl) already work; the others are
 * NULL and their wrappers fail with ENOSYS rather than recursing.
 * Stage 1: ualg_real_resolve() replaces every pointer with the next
 * definition in lookup order (normally libc's).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "preload/preload.h"

/* glibc's internal aliases (exported, unversioned by the API) */
extern ssize_t __read(int fd, void *buf, size_t n);
extern ssize_t __write(int fd, const void *buf, size_t n);
extern int __close(int fd);
extern ssize_t __send(int fd, const void *buf, size_t n, int flags);
extern int __fcntl(int fd, int cmd, ...);
extern int __open(const char *path, int flags, ...);
extern int __open64(const char *path, int flags, ...);
extern FILE *_IO_fopen(const char *path, const char *mode);

#define UALG_SYM(ret, name, params, stage0) ret(*ualg_real_##name) params = stage0;
#include "syms.def"
#undef UALG_SYM

/* see preload.h */
void ualg_real_resolve(void)
{
	void *p;

#define UALG_SYM(ret, name, params, stage0)                                                        \
	p = dlsym(RTLD_NEXT, #name);                                                               \
	if (p)                                                                                     \
		ualg_real_##name = (ret(*) params)p;
#include "syms.def"
#undef UALG_SYM
}
