/* SPDX-License-Identifier: MIT */
#ifndef UALG_AUDIT_MAPS_H
#define UALG_AUDIT_MAPS_H

/*
 * What audit.bpf.c and the ualg audit command share: the keys and values of
 * the BPF maps and the one event of the ring buffer. Included by both the
 * BPF program (types from linux/types.h) and userspace.
 *
 * The program counts in maps rather than sending an event per call, so a
 * program that makes a million AF_ALG calls costs a million map updates
 * and one event: counts are exact whatever the ring buffer drops. An event
 * goes out only when a process is first seen using AF_ALG (its identity:
 * executable, user, cgroup), once per process and exec.
 */

#include <linux/types.h>

#define UA_SALG_TYPE 14 /* sockaddr_alg.salg_type */
#define UA_SALG_NAME 64 /* sockaddr_alg.salg_name */

/* the calls counted, per process, algorithm and answer */
enum ua_call {
	UA_SOCKET = 1, /* socket(AF_ALG, ...) */
	UA_BIND,       /* bind() with a sockaddr_alg, or on an AF_ALG socket */
	UA_ACCEPT,     /* accept/accept4 on an AF_ALG socket */
	UA_SEND,       /* write/send/sendto/sendmsg/sendmmsg/writev/splice/sendfile to one */
	UA_CALL_MAX
};

/*
 * One process image: the process (tgid) and the time its identity was
 * first recorded (a new exec gets a new one, and so does a new process
 * that reuses the pid).
 */
struct ua_proc_key {
	__u32 tgid;
	__u32 pad;
	__u64 inst;
};

/* counts map key: who, which call, which algorithm, what the kernel said */
struct ua_key {
	struct ua_proc_key proc;
	__u32 call;   /* enum ua_call */
	__s32 answer; /* 0, or the -errno the kernel returned */
	char type[UA_SALG_TYPE];
	char name[UA_SALG_NAME];
	__u8 pad[2];
};

struct ua_val {
	__u64 count;
	__u64 bytes; /* UA_SEND: bytes the kernel took */
	__u64 first; /* CLOCK_BOOTTIME ns */
	__u64 last;
};

/* procs map value */
struct ua_proc {
	__u64 inst;  /* 0: not yet identified (a child forked by an AF_ALG user) */
	__u32 holds; /* the process holds (or held) AF_ALG sockets: watch its sends */
	__u32 pad;
};

/*
 * The identity event. Paths are sent as their components, leaf first, each
 * NUL-terminated (the BPF program walks dentries and kernfs nodes upwards);
 * userspace joins them in reverse.
 */
#define UA_PATH_BUF 2048 /* power of two */
#define UA_CG_BUF 512	 /* power of two */
#define UA_COMPONENT 256

struct ua_event {
	struct ua_proc_key proc;
	__u32 pid;
	__u32 uid;
	__u64 ts;
	char comm[16];
	__u16 exe_len;	/* bytes used in exe */
	__u16 cg_len;	/* bytes used in cg */
	__u8 exe_trunc; /* the walk stopped before the root */
	__u8 cg_trunc;
	__u8 pad[2];
	char exe[UA_PATH_BUF + UA_COMPONENT];
	char cg[UA_CG_BUF + UA_COMPONENT];
};

/* indices of the stats array in .bss */
enum ua_stat {
	UA_STAT_KEYS_FULL,   /* counts map full: a count was lost */
	UA_STAT_EVENTS_LOST, /* ring buffer full: an identity was lost */
	UA_STAT_MAX
};

#endif
