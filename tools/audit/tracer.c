/* SPDX-License-Identifier: MIT */
/*
 * Userspace half of the tracer: checks what the kernel and the caller
 * offer before loading anything (so each missing piece gets its own
 * message and exit code), loads audit.bpf.o through the skeleton generated
 * at build time, keeps the identity events, and turns the counts map into
 * report rows.
 */
#include <errno.h>
#include <limits.h>
#include <linux/capability.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "audit.skel.h"
#include "maps.h"
#include "tracer.h"

#define VMLINUX_BTF "/sys/kernel/btf/vmlinux"

#ifndef CAP_PERFMON
#define CAP_PERFMON 38
#endif
#ifndef CAP_BPF
#define CAP_BPF 39
#endif

struct ident {
	struct ua_proc_key key;
	char *exe, *cgroup;
	char comm[17];
	uint32_t uid, pid;
	struct ident *next;
};

#define IDENT_BUCKETS 1024

struct ua_tracer {
	struct audit_bpf *skel;
	struct ring_buffer *rb;
	bool follow;
	struct ident *idents[IDENT_BUCKETS];
	unsigned int nidents;
};

/* ---- libbpf's messages: kept, shown only when loading fails ---- */

static char libbpf_log[16384];
static size_t libbpf_log_len;

static int keep_libbpf_log(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	int n;

	if (level == LIBBPF_DEBUG)
		return 0;
	if (libbpf_log_len >= sizeof(libbpf_log) - 1)
		libbpf_log_len = 0; /* keep the latest */
	n = vsnprintf(libbpf_log + libbpf_log_len, sizeof(libbpf_log) - libbpf_log_len, fmt, ap);
	if (n > 0)
		libbpf_log_len += (size_t)n < sizeof(libbpf_log) - libbpf_log_len
					  ? (size_t)n
					  : sizeof(libbpf_log) - libbpf_log_len - 1;
	return 0;
}

static void show_libbpf_log(void)
{
	if (libbpf_log_len)
		fprintf(stderr, "libbpf said:\n%s", libbpf_log);
}

/* ---- what is missing ---- */

/* CAP_SYS_ADMIN, or CAP_BPF and CAP_PERFMON (Linux >= 5.8), in the effective set */
static bool privileged(void)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[2] = {0};
	uint64_t eff;

	if (syscall(SYS_capget, &h, d))
		return geteuid() == 0;
	eff = (uint64_t)d[0].effective | (uint64_t)d[1].effective << 32;
	if (eff & (1ull << CAP_SYS_ADMIN))
		return true;
	return (eff & (1ull << CAP_BPF)) && (eff & (1ull << CAP_PERFMON));
}

static int no_privilege(void)
{
	fprintf(stderr, "ualg audit: needs root (or the capabilities CAP_BPF and CAP_PERFMON) "
			"to load its eBPF tracer\n");
	return UA_EXIT_PRIVILEGE;
}

static int check_btf(const char *btf)
{
	const char *path = btf ? btf : VMLINUX_BTF;
	struct btf *b;

	if (access(path, R_OK)) {
		if (btf)
			fprintf(stderr, "ualg audit: BTF file %s: %s\n", btf, strerror(errno));
		else
			fprintf(stderr,
				"ualg audit: the kernel has no BTF type information (%s: %s); "
				"it needs CONFIG_DEBUG_INFO_BTF=y, a mounted /sys, or a BTF file "
				"for this kernel given with --btf\n",
				VMLINUX_BTF, strerror(errno));
		return UA_EXIT_NO_BTF;
	}
	b = btf__parse(path, NULL);
	if (!b) {
		fprintf(stderr, "ualg audit: %s is not usable BTF: %s\n", path, strerror(errno));
		return UA_EXIT_NO_BTF;
	}
	btf__free(b);
	return UA_EXIT_OK;
}

/* ---- identities ---- */

static unsigned int ident_hash(const struct ua_proc_key *k)
{
	return (unsigned int)((k->tgid * 2654435761u) ^ (uint32_t)(k->inst >> 7)) % IDENT_BUCKETS;
}

static struct ident *ident_find(struct ua_tracer *t, const struct ua_proc_key *k)
{
	for (struct ident *i = t->idents[ident_hash(k)]; i; i = i->next)
		if (i->key.tgid == k->tgid && i->key.inst == k->inst)
			return i;
	return NULL;
}

/* components leaf first, NUL-terminated each -> "/a/b/c" */
static char *join_components(const char *buf, size_t len, bool trunc)
{
	const char *comp[256];
	size_t n = 0, total = 1, off = 0;
	char *out, *p;

	while (off < len && n < sizeof(comp) / sizeof(comp[0])) {
		size_t l = strnlen(buf + off, len - off);

		comp[n++] = buf + off;
		total += l + 1;
		off += l + 1;
	}
	out = malloc(total + 4);
	if (!out)
		return NULL;
	p = out;
	if (trunc)
		p = stpcpy(p, "...");
	if (!n)
		*p++ = '/';
	while (n--) {
		*p++ = '/';
		p = stpcpy(p, comp[n]);
	}
	*p = '\0';
	return out;
}

static int on_event(void *ctx, void *data, size_t size)
{
	struct ua_tracer *t = ctx;
	const struct ua_event *e = data;
	struct ident *i;
	unsigned int h;

	if (size < sizeof(*e) || ident_find(t, &e->proc))
		return 0;
	i = calloc(1, sizeof(*i));
	if (!i)
		return 0;
	i->key = e->proc;
	i->uid = e->uid;
	i->pid = e->proc.tgid;
	memcpy(i->comm, e->comm, sizeof(e->comm));
	if (e->exe_len)
		i->exe = join_components(
			e->exe, e->exe_len < UA_PATH_BUF ? e->exe_len : UA_PATH_BUF, e->exe_trunc);
	i->cgroup =
		join_components(e->cg, e->cg_len < UA_CG_BUF ? e->cg_len : UA_CG_BUF, e->cg_trunc);
	h = ident_hash(&i->key);
	i->next = t->idents[h];
	t->idents[h] = i;
	t->nidents++;
	return 0;
}

/* ---- setup ---- */

static void set_syscalls(struct audit_bpf *s)
{
	/* numbers of this architecture; -1 (the default) for what it lacks */
	s->rodata->nr_socket = SYS_socket;
	s->rodata->nr_bind = SYS_bind;
#ifdef SYS_accept
	s->rodata->nr_accept = SYS_accept;
#endif
	s->rodata->nr_accept4 = SYS_accept4;
	s->rodata->nr_write = SYS_write;
	s->rodata->nr_writev = SYS_writev;
	s->rodata->nr_sendto = SYS_sendto;
	s->rodata->nr_sendmsg = SYS_sendmsg;
	s->rodata->nr_sendmmsg = SYS_sendmmsg;
	s->rodata->nr_splice = SYS_splice;
#ifdef SYS_sendfile
	s->rodata->nr_sendfile = SYS_sendfile;
#endif
}

int ua_tracer_open(struct ua_tracer **ret, const char *btf, bool follow)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .btf_custom_path = btf);
	struct ua_tracer *t;
	struct stat st;
	int r;

	if (!privileged())
		return no_privilege();
	r = check_btf(btf);
	if (r)
		return r;
	libbpf_set_print(keep_libbpf_log);
	t = calloc(1, sizeof(*t));
	if (!t)
		return UA_EXIT_FAIL;
	t->follow = follow;
	t->skel = audit_bpf__open_opts(&opts);
	if (!t->skel) {
		fprintf(stderr, "ualg audit: cannot open the tracer: %s\n", strerror(errno));
		show_libbpf_log();
		free(t);
		return UA_EXIT_FAIL;
	}
	set_syscalls(t->skel);
	t->skel->rodata->filter = follow;
	/*
	 * pids as this process sees them (in a container: the container's),
	 * the ones fork() returns here and the preload reports
	 */
	if (!stat("/proc/self/ns/pid", &st))
		t->skel->rodata->pidns_ino = (__u32)st.st_ino;
	r = audit_bpf__load(t->skel);
	if (r) {
		if (r == -EPERM || r == -EACCES) {
			fprintf(stderr,
				"ualg audit: the kernel refused to load the tracer (%s): "
				"locked down, or BPF restricted by a security policy\n",
				strerror(-r));
			r = UA_EXIT_PRIVILEGE;
		} else {
			fprintf(stderr,
				"ualg audit: the kernel cannot run the tracer (%s): it needs "
				"Linux >= 5.8 with BPF ring buffers and the kernel types "
				"it reads\n",
				strerror(-r));
			r = UA_EXIT_KERNEL;
		}
		show_libbpf_log();
		goto fail;
	}
	r = audit_bpf__attach(t->skel);
	if (r) {
		fprintf(stderr,
			"ualg audit: cannot attach to the raw tracepoints sys_enter, "
			"sys_exit and sched_process_* (%s): the kernel needs "
			"CONFIG_FTRACE_SYSCALLS\n",
			strerror(-r));
		show_libbpf_log();
		r = r == -EPERM ? UA_EXIT_PRIVILEGE : UA_EXIT_KERNEL;
		goto fail;
	}
	t->rb = ring_buffer__new(bpf_map__fd(t->skel->maps.events), on_event, t, NULL);
	if (!t->rb) {
		fprintf(stderr, "ualg audit: ring buffer: %s\n", strerror(errno));
		r = UA_EXIT_FAIL;
		goto fail;
	}
	*ret = t;
	return UA_EXIT_OK;
fail:
	audit_bpf__destroy(t->skel);
	free(t);
	return r;
}

void ua_tracer_close(struct ua_tracer *t)
{
	if (!t)
		return;
	ring_buffer__free(t->rb);
	audit_bpf__destroy(t->skel);
	for (unsigned int b = 0; b < IDENT_BUCKETS; b++) {
		struct ident *i = t->idents[b], *n;

		for (; i; i = n) {
			n = i->next;
			free(i->exe);
			free(i->cgroup);
			free(i);
		}
	}
	free(t);
}

int ua_tracer_follow(struct ua_tracer *t, pid_t pid)
{
	__u32 k = (__u32)pid;
	__u8 one = 1;

	if (bpf_map__update_elem(t->skel->maps.traced, &k, sizeof(k), &one, sizeof(one), BPF_ANY))
		return -errno;
	return 0;
}

bool ua_tracer_selected(struct ua_tracer *t, pid_t pid)
{
	__u32 k = (__u32)pid;
	__u8 v;

	if (!t->follow)
		return true;
	return !bpf_map__lookup_elem(t->skel->maps.traced, &k, sizeof(k), &v, sizeof(v), 0);
}

int ua_tracer_fd(struct ua_tracer *t)
{
	return ring_buffer__epoll_fd(t->rb);
}

int ua_tracer_consume(struct ua_tracer *t)
{
	int r = ring_buffer__consume(t->rb);

	return r < 0 ? r : 0;
}

/* fn on every (key, value) of the counts map */
static int each_count(struct ua_tracer *t,
		      int (*fn)(struct ua_tracer *t, const struct ua_key *k, const struct ua_val *v,
				void *arg),
		      void *arg)
{
	struct ua_key k, next;
	struct ua_val v;
	const void *prev = NULL;
	int fd = bpf_map__fd(t->skel->maps.counts), r;

	while (!bpf_map_get_next_key(fd, prev, &next)) {
		k = next;
		prev = &k;
		if (bpf_map_lookup_elem(fd, &k, &v))
			continue; /* deleted meanwhile */
		r = fn(t, &k, &v, arg);
		if (r < 0)
			return r;
	}
	return 0;
}

static int add_count(struct ua_tracer *t, const struct ua_key *k, const struct ua_val *v, void *arg)
{
	struct ident *i = ident_find(t, &k->proc);
	char type[UA_SALG_TYPE + 1], name[UA_SALG_NAME + 1];
	struct ua_ident id = {.pid = k->proc.tgid};
	struct ua_count c = {
		.call = k->call,
		.answer = k->answer < 0 ? -k->answer : 0,
		.type = type,
		.name = name,
		.count = v->count,
		.bytes = v->bytes,
		.first = v->first,
		.last = v->last,
	};

	memcpy(type, k->type, UA_SALG_TYPE);
	type[UA_SALG_TYPE] = '\0';
	memcpy(name, k->name, UA_SALG_NAME);
	name[UA_SALG_NAME] = '\0';
	if (i) {
		id.exe = i->exe;
		id.comm = i->comm;
		id.cgroup = i->cgroup;
		id.uid = i->uid;
	} else {
		id.uid = (uint32_t)-1; /* its identity event was lost */
	}
	return ua_report_add(arg, UA_BY_KERNEL, &id, &c);
}

/*
 * The counts of process images that are gone (exited, or replaced by an
 * exec) into r, and out of the map: nothing increments them any more, so
 * this loses nothing, and keeps the map to the live processes on a long
 * audit of a busy host.
 */
int ua_tracer_drain(struct ua_tracer *t, struct ua_report *r)
{
	int fd = bpf_map__fd(t->skel->maps.counts), pfd = bpf_map__fd(t->skel->maps.procs);
	struct ua_key k, *gone = NULL, *g;
	const void *prev = NULL;
	struct ua_proc p;
	struct ua_val v;
	size_t n = 0;
	int ret = 0;

	(void)ua_tracer_consume(t); /* identities first */
	while (!bpf_map_get_next_key(fd, prev, &k)) {
		prev = &k;
		if (!bpf_map_lookup_elem(pfd, &k.proc.tgid, &p) && p.inst == k.proc.inst)
			continue; /* alive */
		g = realloc(gone, (n + 1) * sizeof(*g));
		if (!g) {
			ret = -ENOMEM;
			break;
		}
		gone = g;
		gone[n++] = k;
	}
	for (size_t i = 0; i < n && ret >= 0; i++) {
		if (bpf_map_lookup_elem(fd, &gone[i], &v))
			continue;
		ret = add_count(t, &gone[i], &v, r);
		(void)bpf_map_delete_elem(fd, &gone[i]);
	}
	free(gone);
	return ret;
}

int ua_tracer_collect(struct ua_tracer *t, struct ua_report *r, struct ua_run *run)
{
	(void)ua_tracer_consume(t);
	run->lost_identities += t->skel->bss->stats[UA_STAT_EVENTS_LOST];
	run->lost_counts += t->skel->bss->stats[UA_STAT_KEYS_FULL];
	return each_count(t, add_count, r);
}

static int sum_sockets(struct ua_tracer *t, const struct ua_key *k, const struct ua_val *v,
		       void *arg)
{
	(void)t;
	if (k->call == UA_SOCKET)
		*(uint64_t *)arg += v->count;
	return 0;
}

void ua_tracer_totals(struct ua_tracer *t, uint64_t *sockets, unsigned int *procs)
{
	*sockets = 0;
	(void)each_count(t, sum_sockets, sockets);
	*procs = t->nidents;
}
