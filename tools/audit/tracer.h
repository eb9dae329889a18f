/* SPDX-License-Identifier: MIT */
#ifndef UALG_AUDIT_TRACER_H
#define UALG_AUDIT_TRACER_H

/*
 * The userspace half of the tracer (tracer.c): loads audit.bpf.c through
 * its skeleton, collects the identity events and reads the counts into a
 * report.
 */

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "report.h"

/* exit codes of ualg audit (documented in docs/audit.md and ualg(7)) */
enum {
	UA_EXIT_OK = 0,
	UA_EXIT_FAIL = 1, /* a runtime failure */
	UA_EXIT_USAGE = 2,
	UA_EXIT_PRIVILEGE = 3, /* needs root, or CAP_BPF and CAP_PERFMON */
	UA_EXIT_NO_BTF = 4,    /* no kernel BTF (CONFIG_DEBUG_INFO_BTF) and no --btf */
	UA_EXIT_KERNEL = 5,    /* the kernel refused the tracer: tracepoints, BPF features */
	UA_EXIT_NOT_BUILT = 6, /* built without libbpf/clang/bpftool */
	UA_EXIT_NOEXEC = 126,  /* -- CMD could not be run */
	UA_EXIT_NOTFOUND = 127,
};

struct ua_tracer;

/*
 * Load and attach the tracer; follow: only processes added with
 * ua_tracer_follow() and their descendants. btf: a BTF file for kernels
 * without /sys/kernel/btf/vmlinux, or NULL. Returns a UA_EXIT_* code after
 * printing what is missing.
 */
int ua_tracer_open(struct ua_tracer **ret, const char *btf, bool follow);
void ua_tracer_close(struct ua_tracer *t);

/* trace pid and the processes it forks from now on */
int ua_tracer_follow(struct ua_tracer *t, pid_t pid);
/* pid is traced (always true without follow) */
bool ua_tracer_selected(struct ua_tracer *t, pid_t pid);

/* an fd that polls readable when identity events are waiting, and their reader */
int ua_tracer_fd(struct ua_tracer *t);
int ua_tracer_consume(struct ua_tracer *t);

/* the counts of exited processes into r, and out of the kernel's map (each second) */
int ua_tracer_drain(struct ua_tracer *t, struct ua_report *r);
/* every count left into r; the lost counters into run */
int ua_tracer_collect(struct ua_tracer *t, struct ua_report *r, struct ua_run *run);
/* AF_ALG socket() calls and processes so far (the live count) */
void ua_tracer_totals(struct ua_tracer *t, uint64_t *sockets, unsigned int *procs);

#endif
