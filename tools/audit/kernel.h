/* SPDX-License-Identifier: MIT */
#ifndef UALG_AUDIT_KERNEL_H
#define UALG_AUDIT_KERNEL_H

/*
 * The kernel types audit.bpf.c reads, and only the members it reads: our
 * own minimal definitions instead of a vmlinux.h dumped from the build
 * machine's kernel. preserve_access_index makes every access a CO-RE
 * relocation: libbpf matches types and members by name against the BTF of
 * the kernel the tracer is loaded on (/sys/kernel/btf/vmlinux, or the file
 * given with --btf) and patches the offsets, so the member order and the
 * padding below are irrelevant.
 *
 * Why not vmlinux.h: generating it at build time needs BTF on the build
 * machine (a Debian buildd or a chroot without /sys has none) and makes the
 * object depend on whatever kernel the builder ran; this header builds the
 * same everywhere and names exactly the fields the tracer depends on. A
 * kernel that renamed one of them refuses the program at load time
 * (exit code 5), never silently.
 */

#define __ua_core __attribute__((preserve_access_index))

/* the syscall's registers: arch/x86/include/asm/ptrace.h, arch/arm64/include/asm/ptrace.h */
#if defined(__TARGET_ARCH_x86)
struct pt_regs {
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	unsigned long orig_ax;
	/*
	 * 16 bits on purpose: an unsigned long before 6.9, since then a u16 in a
	 * union with FRED's wider csx; the low 16 bits are the selector in both
	 */
	unsigned short cs;
} __ua_core;
#elif defined(__TARGET_ARCH_arm64)
struct pt_regs {
	__u64 regs[31];
	__u64 pstate;
	__u64 orig_x0;
	__s32 syscallno;
} __ua_core;
#else
#error "ualg audit: x86_64 and arm64 only"
#endif

struct qstr {
	const unsigned char *name;
} __ua_core;

struct dentry {
	struct dentry *d_parent;
	struct qstr d_name;
} __ua_core;

struct vfsmount {
	struct dentry *mnt_root;
} __ua_core;

/* fs/mount.h: the vfsmount is embedded in a struct mount */
struct mount {
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	struct vfsmount mnt;
} __ua_core;

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
} __ua_core;

struct inode {
	unsigned short i_mode;
} __ua_core;

struct file {
	struct path f_path;
	struct inode *f_inode;
	void *private_data;
} __ua_core;

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
} __ua_core;

struct files_struct {
	struct fdtable *fdt;
} __ua_core;

struct fs_struct {
	struct path root;
} __ua_core;

struct mm_struct {
	struct file *exe_file;
} __ua_core;

/* the parent member is __parent since Linux 6.15, parent before */
struct kernfs_node {
	struct kernfs_node *__parent;
	const char *name;
} __ua_core;

struct kernfs_node___parent {
	struct kernfs_node *parent;
} __ua_core;

struct cgroup {
	struct kernfs_node *kn;
} __ua_core;

struct css_set {
	struct cgroup *dfl_cgrp;
} __ua_core;

/* include/linux/pid.h, include/linux/pid_namespace.h, include/linux/ns_common.h */
struct ns_common {
	unsigned int inum;
} __ua_core;

struct pid_namespace {
	struct ns_common ns;
} __ua_core;

struct upid {
	int nr;
	struct pid_namespace *ns;
} __ua_core;

/* numbers[level + 1]: the pid in each namespace from the initial one down to its own */
struct pid {
	unsigned int level;
	struct upid numbers[1];
} __ua_core;

struct task_struct {
	int pid;
	int tgid;
	struct task_struct *group_leader;
	struct pid *thread_pid;
	struct mm_struct *mm;
	struct fs_struct *fs;
	struct files_struct *files;
	struct css_set *cgroups;
} __ua_core;

struct sock_common {
	unsigned short skc_family;
} __ua_core;

struct sock {
	struct sock_common __sk_common;
} __ua_core;

struct socket {
	struct sock *sk;
} __ua_core;

#endif
