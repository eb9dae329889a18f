/* SPDX-License-Identifier: MIT */
#ifndef UALG_AUDIT_CHANNEL_H
#define UALG_AUDIT_CHANNEL_H

/* The audit's end of the preload's channel (include/ualg/audit.h). */

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "report.h"

struct ua_channel;

/* listen in dir (made if needed, mode 0755); -errno */
int ua_channel_open(struct ua_channel **ret, const char *dir);
/* stop listening; removes the socket, and dir when no other audit listens */
void ua_channel_close(struct ua_channel *c);

int ua_channel_fd(struct ua_channel *c);

/*
 * Every waiting message into r, those of processes selected() accepts;
 * malformed or truncated ones counted in *lost. -errno on a socket error.
 */
int ua_channel_read(struct ua_channel *c, struct ua_report *r,
		    bool (*selected)(void *arg, pid_t pid), void *arg, uint64_t *lost);

#endif
