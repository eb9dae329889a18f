/* SPDX-License-Identifier: MIT OR GPL-2.0 */
/*
 * The kernel half of `ualg audit`: which processes call AF_ALG, whatever the
 * kernel answers.
 *
 * Implementation Notes
 *
 * Attach points. Raw tracepoints only: sys_enter and sys_exit (every system
 * call; the id is compared first, so a call that is not one of ours costs a
 * few instructions), sched_process_fork, sched_process_exec and
 * sched_process_exit. Raw tracepoints need neither tracefs (the per-syscall
 * tracepoints syscalls/sys_enter_socket & co. do: their ids are read from
 * /sys/kernel/tracing, which chroots and many containers do not mount) nor
 * BTF inside the kernel (tp_btf does): every kernel structure is read with
 * BPF_CORE_READ, relocated by libbpf from /sys/kernel/btf/vmlinux or from a
 * BTF file given with --btf.
 *
 * What is recorded, per process image (tgid + instance, see trace.h), as
 * counts in the counts map:
 *
 *	socket(AF_ALG, ...)        the answer: the fd, or -EAFNOSUPPORT on a
 *	                           kernel without AF_ALG (the program that just
 *	                           broke), -EINVAL, ...
 *	bind(fd, sockaddr_alg)     salg_type and salg_name copied from the
 *	                           caller's memory, for any fd (a program that
 *	                           ignores socket()'s failure binds fd -1)
 *	accept/accept4             on an AF_ALG socket: the parent's algorithm
 *	write/send/...             on an AF_ALG socket: calls and bytes taken
 *
 * An AF_ALG socket is recognised through the caller's fd table (file ->
 * S_IFSOCK inode -> struct socket -> sk->skc_family == AF_ALG). That walk
 * runs only for processes that got an AF_ALG socket while the audit ran
 * (procs map, inherited at fork), so the writes of every other process cost
 * one hash lookup. The socks map remembers the algorithm of each socket
 * (bind: set on success; accept: the op socket inherits its parent's).
 *
 * Enter and exit are paired through the pending map (one entry per thread
 * in a call of ours): enter saves what the arguments said, exit adds the
 * answer.
 *
 * Not seen: 32-bit (compat) system calls, requests submitted through
 * io_uring, sockets handed over with SCM_RIGHTS to a process that never
 * made one (their sends are not counted). See docs/audit.md.
 */
#include <stdbool.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "kernel.h"
#include "maps.h"

char LICENSE[] SEC("license") = "Dual MIT/GPL";

#define AF_ALG 38
#define S_IFMT 0170000
#define S_IFSOCK 0140000

/* LP64 struct mmsghdr: a 56-byte msghdr, then msg_len */
#define MMSGHDR_SIZE 64
#define MMSGHDR_LEN_OFF 56
#define MMSG_MAX 64

#define PATH_DEPTH 48
#define CG_DEPTH 16

/*
 * The system call numbers of the architecture, set by userspace before
 * load (from <sys/syscall.h>): -1 for a call the architecture lacks.
 */
const volatile long nr_socket = -1;
const volatile long nr_bind = -1;
const volatile long nr_accept = -1;
const volatile long nr_accept4 = -1;
const volatile long nr_write = -1;
const volatile long nr_writev = -1;
const volatile long nr_sendto = -1;
const volatile long nr_sendmsg = -1;
const volatile long nr_sendmmsg = -1;
const volatile long nr_splice = -1;
const volatile long nr_sendfile = -1;

/* only the processes in the traced map (ualg audit -- CMD) */
const volatile bool filter = false;

/*
 * The pid namespace the audit runs in (the inode of /proc/self/ns/pid, set
 * by userspace): every tgid in the maps and the events is a pid of that
 * namespace, the one the audit's own fork(), /proc and the preload's
 * getpid() speak. Processes it cannot see (outside it) are not recorded.
 */
#define PIDNS_INIT_INO 0xEFFFFFFCU /* PROC_PID_INIT_INO */
#define PIDNS_LEVELS 32		   /* MAX_PID_NS_LEVEL */
const volatile __u32 pidns_ino = PIDNS_INIT_INO;

__u64 stats[UA_STAT_MAX];

struct alg_name {
	char type[UA_SALG_TYPE];
	char name[UA_SALG_NAME];
};

struct pending {
	__u32 call;
	__u32 tgid; /* the caller, in the audit's pid namespace */
	__u64 sk;   /* the AF_ALG socket the call is on, 0 if none */
	__u64 vec;  /* sendmmsg: the caller's mmsghdr array */
	struct alg_name alg;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, struct ua_key);
	__type(value, struct ua_val);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 32768);
	__type(key, __u32);
	__type(value, struct ua_proc);
} procs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, __u64);
	__type(value, struct alg_name);
} socks SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);
	__type(value, struct pending);
} pending SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u8);
} traced SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 512 * 1024);
} events SEC(".maps");

/* ---- architecture ---- */

#if defined(__TARGET_ARCH_x86)
#define SYSCALL_ARG(regs, n) syscall_arg_x86(regs, n)
static __always_inline unsigned long syscall_arg_x86(struct pt_regs *regs, int n)
{
	switch (n) {
	case 0:
		return BPF_CORE_READ(regs, di);
	case 1:
		return BPF_CORE_READ(regs, si);
	case 2:
		return BPF_CORE_READ(regs, dx);
	default:
		return BPF_CORE_READ(regs, r10);
	}
}
#define SYSCALL_NR(regs) ((long)BPF_CORE_READ(regs, orig_ax))
/* __USER_CS: a 64-bit task; ia32 system calls have other numbers */
#define SYSCALL_NATIVE(regs) (BPF_CORE_READ(regs, cs) == 0x33)
#elif defined(__TARGET_ARCH_arm64)
#define SYSCALL_ARG(regs, n) ((unsigned long)BPF_CORE_READ(regs, regs[n]))
#define SYSCALL_NR(regs) ((long)BPF_CORE_READ(regs, syscallno))
/* PSR_MODE32_BIT: an AArch32 task */
#define SYSCALL_NATIVE(regs) (!(BPF_CORE_READ(regs, pstate) & 0x10))
#endif

/* ---- helpers ---- */

static __always_inline void stat_inc(enum ua_stat s)
{
	__sync_fetch_and_add(&stats[s], 1);
}

/*
 * task's process id in the audit's pid namespace, 0 if it has none there.
 * The walk starts at the task's own level: a task of the audit's namespace
 * matches at once.
 */
static __always_inline __u32 view_tgid(struct task_struct *task)
{
	unsigned long numbers = bpf_core_field_offset(struct pid, numbers);
	struct pid *pid;
	struct upid *up;
	int level;

	if (pidns_ino == PIDNS_INIT_INO)
		return BPF_CORE_READ(task, tgid);
	pid = BPF_CORE_READ(task, group_leader, thread_pid);
	if (!pid)
		return 0;
	level = (int)BPF_CORE_READ(pid, level);
	for (int i = 0; i < PIDNS_LEVELS; i++) {
		if (level - i < 0)
			break;
		up = (void *)pid + numbers + (unsigned long)(level - i) * sizeof(struct upid);
		if (BPF_CORE_READ(up, ns, ns.inum) == pidns_ino)
			return (__u32)BPF_CORE_READ(up, nr);
	}
	return 0;
}

static __always_inline __u32 current_tgid(void)
{
	return view_tgid((void *)bpf_get_current_task());
}

static __always_inline bool selected(__u32 tgid)
{
	return !filter || bpf_map_lookup_elem(&traced, &tgid);
}

/* the AF_ALG sock behind the current task's fd, or 0 */
static __always_inline __u64 fd_alg_sock(struct task_struct *task, long fd)
{
	struct file **arr;
	struct fdtable *fdt;
	struct file *f = NULL;
	struct socket *so;
	struct sock *sk;

	if (fd < 0)
		return 0;
	fdt = BPF_CORE_READ(task, files, fdt);
	if (!fdt || (unsigned long)fd >= BPF_CORE_READ(fdt, max_fds))
		return 0;
	arr = BPF_CORE_READ(fdt, fd);
	if (bpf_probe_read_kernel(&f, sizeof(f), &arr[fd]) || !f)
		return 0;
	if ((BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT) != S_IFSOCK)
		return 0;
	so = BPF_CORE_READ(f, private_data);
	sk = BPF_CORE_READ(so, sk);
	if (!sk || BPF_CORE_READ(sk, __sk_common.skc_family) != AF_ALG)
		return 0;
	return (__u64)sk;
}

/*
 * Components of path, leaf first, up to the task's root, into buf; *len
 * (bytes used) lives in the event, not on the stack, on purpose: the
 * verifier then does not track its exact value from one iteration to the
 * next, and the states of the walk's branches merge instead of doubling at
 * each level.
 */
static __always_inline void walk_path(char *buf, __u16 *len, struct path *path, struct path *root,
				      __u8 *trunc)
{
	struct dentry *d = BPF_CORE_READ(path, dentry), *parent, *mnt_root;
	struct dentry *root_d = BPF_CORE_READ(root, dentry);
	struct vfsmount *vm = BPF_CORE_READ(path, mnt), *root_vm = BPF_CORE_READ(root, mnt);
	unsigned long mnt_off = bpf_core_field_offset(struct mount, mnt);
	struct mount *m = (void *)vm - mnt_off, *mp;
	const unsigned char *name;
	__u32 off;
	long n;

	*len = 0;
	*trunc = 1;
	for (int i = 0; i < PATH_DEPTH; i++) {
		if (d == root_d && vm == root_vm) {
			*trunc = 0;
			break;
		}
		mnt_root = BPF_CORE_READ(vm, mnt_root);
		parent = BPF_CORE_READ(d, d_parent);
		if (d == mnt_root || d == parent) {
			/* top of a mount: continue on the mount point, in the parent mount */
			mp = BPF_CORE_READ(m, mnt_parent);
			if (mp == m || !mp) {
				*trunc = 0;
				break;
			}
			d = BPF_CORE_READ(m, mnt_mountpoint);
			m = mp;
			vm = (void *)mp + mnt_off;
			continue;
		}
		off = *len;
		if (off >= UA_PATH_BUF)
			break;
		name = BPF_CORE_READ(d, d_name.name);
		n = bpf_probe_read_kernel_str(buf + (off & (UA_PATH_BUF - 1)), UA_COMPONENT, name);
		if (n <= 0)
			break;
		*len = (__u16)(off + n);
		d = parent;
	}
}

static __always_inline struct kernfs_node *kn_parent(struct kernfs_node *kn)
{
	struct kernfs_node___parent *old = (void *)kn;

	if (bpf_core_field_exists(old->parent))
		return BPF_CORE_READ(old, parent);
	return BPF_CORE_READ(kn, __parent);
}

/* the task's cgroup (v2) path, components leaf first, without the root (see walk_path) */
static __always_inline void walk_cgroup(char *buf, __u16 *len, struct task_struct *task,
					__u8 *trunc)
{
	struct kernfs_node *kn = BPF_CORE_READ(task, cgroups, dfl_cgrp, kn), *parent;
	__u32 off;
	long n;

	*len = 0;
	*trunc = 1;
	for (int i = 0; i < CG_DEPTH; i++) {
		if (!kn)
			break;
		parent = kn_parent(kn);
		if (!parent) {
			*trunc = 0;
			break;
		}
		off = *len;
		if (off >= UA_CG_BUF)
			break;
		n = bpf_probe_read_kernel_str(buf + (off & (UA_CG_BUF - 1)), UA_COMPONENT,
					      BPF_CORE_READ(kn, name));
		if (n <= 0)
			break;
		*len = (__u16)(off + n);
		kn = parent;
	}
}

/*
 * A global (not inlined) function: the verifier checks it once, not at each
 * of the call sites that count, which would multiply the path walk's states.
 */
__noinline int ua_emit_identity(__u32 tgid, __u64 inst)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct ua_event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
	struct path exe, root;
	struct file *exe_file;

	if (!e) {
		stat_inc(UA_STAT_EVENTS_LOST);
		return 0;
	}
	e->proc.tgid = tgid;
	e->proc.pad = 0;
	e->proc.inst = inst;
	e->pid = tgid;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->ts = inst;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	e->exe_len = 0;
	e->exe_trunc = 0;
	exe_file = BPF_CORE_READ(task, mm, exe_file);
	if (exe_file) {
		exe = BPF_CORE_READ(exe_file, f_path);
		root = BPF_CORE_READ(task, fs, root);
		walk_path(e->exe, &e->exe_len, &exe, &root, &e->exe_trunc);
	}
	walk_cgroup(e->cg, &e->cg_len, task, &e->cg_trunc);
	bpf_ringbuf_submit(e, 0);
	return 0;
}

/* this process image's instance; its identity goes out the first time */
static __always_inline __u64 proc_inst(__u32 tgid)
{
	struct ua_proc *p = bpf_map_lookup_elem(&procs, &tgid), n = {};
	__u64 inst;

	if (p && p->inst)
		return p->inst;
	inst = bpf_ktime_get_boot_ns();
	if (p) {
		p->inst = inst;
	} else {
		n.inst = inst;
		(void)bpf_map_update_elem(&procs, &tgid, &n, BPF_ANY);
	}
	(void)ua_emit_identity(tgid, inst);
	return inst;
}

static __always_inline void hold(__u32 tgid)
{
	struct ua_proc *p = bpf_map_lookup_elem(&procs, &tgid);

	if (p)
		p->holds = 1;
}

static __always_inline void count(__u32 tgid, __u32 call, long answer, const struct alg_name *alg,
				  __u64 bytes)
{
	struct ua_key k = {};
	struct ua_val *v, nv = {};
	__u64 now;

	k.proc.tgid = tgid;
	k.proc.inst = proc_inst(tgid);
	k.call = call;
	k.answer = answer < 0 ? (__s32)answer : 0;
	if (alg) {
		__builtin_memcpy(k.type, alg->type, sizeof(k.type));
		__builtin_memcpy(k.name, alg->name, sizeof(k.name));
	}
	now = bpf_ktime_get_boot_ns();
	v = bpf_map_lookup_elem(&counts, &k);
	if (!v) {
		nv.first = now;
		nv.last = now;
		/* EEXIST: another CPU made it meanwhile, E2BIG: the map is full */
		(void)bpf_map_update_elem(&counts, &k, &nv, BPF_NOEXIST);
		v = bpf_map_lookup_elem(&counts, &k);
		if (!v) {
			stat_inc(UA_STAT_KEYS_FULL);
			return;
		}
	}
	__sync_fetch_and_add(&v->count, 1);
	if (bytes)
		__sync_fetch_and_add(&v->bytes, bytes);
	v->last = now;
}

static __always_inline void save(__u64 id, struct pending *p)
{
	(void)bpf_map_update_elem(&pending, &id, p, BPF_ANY);
}

/* ---- system call entry ---- */

static __always_inline int enter_socket(struct pt_regs *regs, __u64 id)
{
	struct pending p = {.call = UA_SOCKET};

	if (SYSCALL_ARG(regs, 0) != AF_ALG)
		return 0;
	p.tgid = current_tgid();
	if (!p.tgid || !selected(p.tgid))
		return 0;
	save(id, &p);
	return 0;
}

static __always_inline int enter_bind(struct pt_regs *regs, __u64 id)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	const char *uaddr = (const char *)SYSCALL_ARG(regs, 1);
	unsigned long len = SYSCALL_ARG(regs, 2);
	struct ua_proc *proc;
	struct pending p = {.call = UA_BIND};
	__u16 family = 0;
	__u32 tgid = view_tgid(task);

	if (!tgid || !selected(tgid))
		return 0;
	p.tgid = tgid;
	if (len >= sizeof(family))
		(void)bpf_probe_read_user(&family, sizeof(family), uaddr);
	proc = bpf_map_lookup_elem(&procs, &tgid);
	if (proc && proc->holds)
		p.sk = fd_alg_sock(task, (long)SYSCALL_ARG(regs, 0));
	if (family != AF_ALG && !p.sk)
		return 0;
	if (family == AF_ALG) {
		/* struct sockaddr_alg: family, salg_type[14] at 2, salg_name[64] at 24 */
		(void)bpf_probe_read_user(p.alg.type, sizeof(p.alg.type), uaddr + 2);
		(void)bpf_probe_read_user(p.alg.name, sizeof(p.alg.name), uaddr + 24);
		p.alg.type[UA_SALG_TYPE - 1] = 0;
		p.alg.name[UA_SALG_NAME - 1] = 0;
	}
	save(id, &p);
	return 0;
}

/* accept/accept4 and the sends: only on an AF_ALG socket */
static __always_inline int enter_on_sock(struct pt_regs *regs, __u64 id, __u32 call, int fd_arg)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct pending p = {.call = call};
	struct ua_proc *proc;
	__u32 tgid = view_tgid(task);

	proc = tgid ? bpf_map_lookup_elem(&procs, &tgid) : NULL;
	if (!proc || !proc->holds || !selected(tgid))
		return 0;
	p.tgid = tgid;
	p.sk = fd_alg_sock(task, (long)SYSCALL_ARG(regs, fd_arg));
	if (!p.sk)
		return 0;
	save(id, &p);
	return 0;
}

SEC("raw_tp/sys_enter")
int ua_sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	long nr = (long)ctx->args[1];
	__u64 id = bpf_get_current_pid_tgid();
	int fd_arg = 0;

	if (nr == nr_socket || nr == nr_bind || nr == nr_accept || nr == nr_accept4) {
		if (!SYSCALL_NATIVE(regs))
			return 0;
		if (nr == nr_socket)
			return enter_socket(regs, id);
		if (nr == nr_bind)
			return enter_bind(regs, id);
		return enter_on_sock(regs, id, UA_ACCEPT, 0);
	}
	if (nr == nr_write || nr == nr_writev || nr == nr_sendto || nr == nr_sendmsg ||
	    nr == nr_sendmmsg || nr == nr_sendfile || nr == nr_splice) {
		if (!SYSCALL_NATIVE(regs))
			return 0;
		/* splice(fd_in, off_in, fd_out, ...): the socket is fd_out */
		if (nr == nr_splice)
			fd_arg = 2;
		if (enter_on_sock(regs, id, UA_SEND, fd_arg) == 0 && nr == nr_sendmmsg) {
			struct pending *p = bpf_map_lookup_elem(&pending, &id);

			if (p)
				p->vec = SYSCALL_ARG(regs, 1);
		}
	}
	return 0;
}

/* ---- system call exit ---- */

/* bytes sent by a sendmmsg that returned n messages */
static __always_inline __u64 mmsg_bytes(__u64 vec, long n)
{
	__u64 total = 0;
	__u32 len;

	for (int i = 0; i < MMSG_MAX; i++) {
		if (i >= n)
			break;
		len = 0;
		(void)bpf_probe_read_user(
			&len, sizeof(len),
			(void *)(vec + (__u64)i * MMSGHDR_SIZE + MMSGHDR_LEN_OFF));
		total += len;
	}
	return total;
}

static const struct alg_name unknown_alg = {.type = "?", .name = "?"};

SEC("raw_tp/sys_exit")
int ua_sys_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
	long ret = (long)ctx->args[1], nr;
	__u64 id, sk, bytes = 0;
	struct task_struct *task;
	const struct alg_name *alg;
	struct pending *p;
	__u32 tgid;

	nr = SYSCALL_NR(regs);
	if (nr != nr_socket && nr != nr_bind && nr != nr_accept && nr != nr_accept4 &&
	    nr != nr_write && nr != nr_writev && nr != nr_sendto && nr != nr_sendmsg &&
	    nr != nr_sendmmsg && nr != nr_sendfile && nr != nr_splice)
		return 0;
	id = bpf_get_current_pid_tgid();
	p = bpf_map_lookup_elem(&pending, &id);
	if (!p)
		return 0;
	tgid = p->tgid;
	task = (void *)bpf_get_current_task();
	switch (p->call) {
	case UA_SOCKET:
		count(tgid, UA_SOCKET, ret, NULL, 0);
		if (ret >= 0) {
			sk = fd_alg_sock(task, ret);
			if (sk)
				(void)bpf_map_update_elem(&socks, &sk, &p->alg, BPF_ANY);
			hold(tgid);
		}
		break;
	case UA_BIND:
		count(tgid, UA_BIND, ret, &p->alg, 0);
		if (ret == 0 && p->sk)
			(void)bpf_map_update_elem(&socks, &p->sk, &p->alg, BPF_ANY);
		break;
	case UA_ACCEPT:
		alg = bpf_map_lookup_elem(&socks, &p->sk);
		if (!alg)
			alg = &unknown_alg;
		count(tgid, UA_ACCEPT, ret, alg, 0);
		if (ret >= 0) {
			sk = fd_alg_sock(task, ret);
			if (sk)
				(void)bpf_map_update_elem(&socks, &sk, alg, BPF_ANY);
		}
		break;
	case UA_SEND:
		alg = bpf_map_lookup_elem(&socks, &p->sk);
		if (!alg)
			alg = &unknown_alg;
		if (ret > 0)
			bytes = p->vec ? mmsg_bytes(p->vec, ret) : (__u64)ret;
		count(tgid, UA_SEND, ret, alg, bytes);
		break;
	}
	(void)bpf_map_delete_elem(&pending, &id);
	return 0;
}

/* ---- process lifetime ---- */

SEC("raw_tp/sched_process_fork")
int ua_fork(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *parent = (void *)ctx->args[0], *child = (void *)ctx->args[1];
	__u32 ptgid, ctgid;
	struct ua_proc *pp, n = {.holds = 1};
	__u8 one = 1;

	if (BPF_CORE_READ(parent, tgid) == BPF_CORE_READ(child, tgid))
		return 0; /* a thread */
	ptgid = view_tgid(parent);
	ctgid = view_tgid(child);
	if (!ctgid)
		return 0; /* in no namespace the audit sees */
	if (filter) {
		if (bpf_map_lookup_elem(&traced, &ptgid))
			(void)bpf_map_update_elem(&traced, &ctgid, &one, BPF_ANY);
		else
			(void)bpf_map_delete_elem(&traced, &ctgid); /* a reused pid */
	}
	(void)bpf_map_delete_elem(&procs, &ctgid);
	pp = bpf_map_lookup_elem(&procs, &ptgid);
	if (pp && pp->holds) /* the child inherits the fds */
		(void)bpf_map_update_elem(&procs, &ctgid, &n, BPF_ANY);
	return 0;
}

SEC("raw_tp/sched_process_exec")
int ua_exec(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 tgid = current_tgid();
	struct ua_proc *p = tgid ? bpf_map_lookup_elem(&procs, &tgid) : NULL;

	if (p)
		p->inst = 0; /* a new image: a new identity at its first call */
	return 0;
}

SEC("raw_tp/sched_process_exit")
int ua_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *task = (void *)ctx->args[0];
	__u32 tgid;

	if (BPF_CORE_READ(task, pid) != BPF_CORE_READ(task, tgid))
		return 0; /* a thread */
	tgid = view_tgid(task);
	if (tgid)
		(void)bpf_map_delete_elem(&procs, &tgid);
	return 0;
}
