/* SPDX-License-Identifier: MIT */
#ifndef UALG_CORE_ERRNO_H
#define UALG_CORE_ERRNO_H

#include <errno.h>

/*
 * Internal functions return >= 0 on success and -errno on failure. errno is
 * written in exactly one place: ualg_ret(), called by the preload wrappers
 * (musl's __syscall_ret shape).
 */
static inline long ualg_ret(long r)
{
	if (r < 0) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

/* Keep the caller's errno across a block (systemd's PROTECT_ERRNO). */
static inline void ualg_restore_errno(const int *saved)
{
	errno = *saved;
}

#define PROTECT_ERRNO \
	__attribute__((cleanup(ualg_restore_errno), unused)) int _saved_errno_ = errno

#endif
