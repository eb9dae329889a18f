/* SPDX-License-Identifier: MIT */
#ifndef UALG_CORE_CLEANUP_H
#define UALG_CORE_CLEANUP_H

#include <stdlib.h>
#include <unistd.h>

/* Scope-bound cleanup and explicit ownership transfer (systemd's idiom). */
#define _cleanup_(f) __attribute__((cleanup(f)))

static inline void ualg_freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ _cleanup_(ualg_freep)

#define TAKE_PTR(p)                             \
	({                                      \
		__typeof__(p) _tp_ = (p);       \
		(p) = NULL;                     \
		_tp_;                           \
	})

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
