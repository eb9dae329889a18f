/* SPDX-License-Identifier: MIT */
#ifndef UALG_AUDIT_REPORT_H
#define UALG_AUDIT_REPORT_H

/*
 * What the audit found, grouped per executable and per who served it (the
 * kernel, seen by the tracer; ualg, told by the preload), one row per call,
 * algorithm and answer. Both sources add rows here; the output is a table
 * for people or JSON.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum ua_by {
	UA_BY_KERNEL,
	UA_BY_UALG,
};

/* who made the calls */
struct ua_ident {
	const char *exe;    /* full path, or NULL when unknown */
	const char *comm;   /* the kernel's short name, or NULL */
	const char *cgroup; /* cgroup v2 path, or NULL */
	uint32_t uid;
	uint32_t pid;
};

/* one row: call is an enum ua_call (trace.h), answer 0 or a positive errno */
struct ua_count {
	unsigned int call;
	int answer;
	const char *type; /* NULL or "" when the call names no algorithm */
	const char *name;
	uint64_t count;
	uint64_t bytes;
	uint64_t first; /* CLOCK_BOOTTIME ns */
	uint64_t last;
};

/* the run, for the header of the output */
struct ua_run {
	uint64_t start; /* CLOCK_BOOTTIME ns */
	uint64_t end;
	char **command;	    /* argv of `-- CMD`, or NULL */
	int command_status; /* its wait status, -1 if none */
	uint64_t lost_identities, lost_counts, lost_messages;
};

struct ua_report;

struct ua_report *ua_report_new(void);
void ua_report_free(struct ua_report *r);

/* add (or merge into) a row; -ENOMEM */
int ua_report_add(struct ua_report *r, enum ua_by by, const struct ua_ident *id,
		  const struct ua_count *c);

/* AF_ALG socket() calls reported so far, served by by */
uint64_t ua_report_sockets(const struct ua_report *r, enum ua_by by);

void ua_report_print(const struct ua_report *r, const struct ua_run *run, FILE *f, bool json);

/* the systemd unit in a cgroup path ("system.slice/iwd.service" -> "iwd.service"), or NULL */
const char *ua_unit_of(const char *cgroup, char *buf, size_t size);

/* CLOCK_BOOTTIME now, in ns */
uint64_t ua_boot_ns(void);

#endif
