/* SPDX-License-Identifier: MIT */
#ifndef UALG_CORE_LINES_H
#define UALG_CORE_LINES_H

#include <stdlib.h>
#include <string.h>

#define UALG_CACHE_LINE 64

/*
 * Zeroed memory in whole cache lines of its own, for an object that one
 * thread writes on every request while other threads write theirs (sockets,
 * their queues, transforms): two of them never share a line, which would
 * bounce between cores on every request (false sharing). free() releases it.
 */
static inline void *ualg_calloc_lines(size_t size)
{
	size_t n = (size + UALG_CACHE_LINE - 1) & ~(size_t)(UALG_CACHE_LINE - 1);
	void *p = aligned_alloc(UALG_CACHE_LINE, n ? n : UALG_CACHE_LINE);

	if (p)
		memset(p, 0, n);
	return p;
}

#endif
