/* SPDX-License-Identifier: MIT */
#ifndef UALG_PRELOAD_ENGINE_H
#define UALG_PRELOAD_ENGINE_H

/*
 * The boundary between libualg-preload.so and libualg-engine.so.
 *
 * The preload links libc alone, so that a process that never makes an
 * AF_ALG or NETLINK_CRYPTO socket does not pay for mapping and relocating
 * libcrypto at every start (under /etc/ld.so.preload every process on the
 * system would). Everything below the fd layer (src/sock, src/alg, core,
 * OpenSSL) lives in libualg-engine.so, installed in the same directory as
 * the preload (libdir/ualg, or src/preload in a build tree). The preload
 * dlopen()s it (RTLD_NOW | RTLD_LOCAL) the first time a program creates one
 * of those sockets, and reaches it through the one table below, the only
 * symbol the engine exports (engine.map).
 *
 *   engine.c  (in the engine) the table: the sock.h and netlink.h calls
 *   lazy.c    (in the preload) the loader, and sock.h/netlink.h functions
 *             of the same names that forward through the table
 *
 * Only ualg_sock_new() and ualg_nl_new() load the engine; every other call
 * takes a socket those made, so the table is there already. When the
 * engine cannot be loaded, ualg_sock_new() fails with -EAFNOSUPPORT (a
 * kernel without AF_ALG) and ualg_nl_new() with -EPROTONOSUPPORT (a kernel
 * without crypto_user); nothing is logged.
 *
 * The table and the preload are built from the same tree; abi guards
 * against an engine of another build found at the same path.
 */

#include <signal.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <sys/types.h>

struct ualg_sock;
struct ualg_nlsock;

/* bump when struct ualg_engine_ops changes */
#define UALG_ENGINE_ABI 3
#define UALG_ENGINE_SONAME "libualg-engine.so"
#define UALG_ENGINE_OPS_SYMBOL "ualg_engine_ops"

/* what the preload hands the engine right after loading it */
struct ualg_engine_env {
	/* the C library's sigaction, behind the preload's interposed one */
	int (*sigaction)(int sig, const struct sigaction *act, struct sigaction *old);
};

struct ualg_engine_ops {
	unsigned int abi; /* UALG_ENGINE_ABI */

	/*
	 * Called once, before any other entry: installs the fault guard
	 * (core/uaccess.h) with env's sigaction, and leaves fork handling to
	 * the preload, which calls fork_* below in its own handlers, in the
	 * lock order of docs/robustness.md (the engine registers none).
	 */
	void (*setup)(const struct ualg_engine_env *env);
	void (*fork_prepare)(void);
	void (*fork_parent)(void);
	void (*fork_child)(void);

	/* core/uaccess.h */
	int (*sigaction)(int sig, const struct sigaction *act, struct sigaction *old);
	int (*copy_from_user)(void *dst, const void *src, size_t n);
	int (*copy_to_user)(void *dst, const void *src, size_t n);
	size_t (*uaccess_prefix)(const void *p, size_t n, bool write);

	/* sock.h */
	int (*sock_new)(int type, int protocol, struct ualg_sock **ret);
	struct ualg_sock *(*sock_ref)(struct ualg_sock *sk);
	void (*sock_unref)(struct ualg_sock *sk);
	bool (*sock_is_op)(const struct ualg_sock *sk);
	int (*sock_bind)(struct ualg_sock *sk, const void *addr, socklen_t addrlen);
	int (*sock_setsockopt)(struct ualg_sock *sk, int level, int optname, const void *optval,
			       socklen_t optlen);
	int (*sock_getsockopt)(struct ualg_sock *sk, int level, int optname, void *optval,
			       socklen_t *optlen);
	int (*sock_accept)(struct ualg_sock *sk, struct ualg_sock **ret);
	ssize_t (*sock_sendmsg)(struct ualg_sock *sk, const struct msghdr *msg, int flags);
	ssize_t (*sock_recvmsg)(struct ualg_sock *sk, struct msghdr *msg, int flags);
	ssize_t (*sock_sendmsg_kernel)(struct ualg_sock *sk, const struct msghdr *msg, int flags);
	ssize_t (*sock_recvmsg_kernel)(struct ualg_sock *sk, struct msghdr *msg, int flags);
	unsigned int (*sock_poll)(struct ualg_sock *sk);
	void (*sock_set_notify)(struct ualg_sock *sk, void (*fn)(void *arg, unsigned int mask),
				void *arg);

	/* netlink.h */
	int (*nl_new)(int type, int protocol, struct ualg_nlsock **ret);
	void (*nl_unref)(struct ualg_nlsock *nl);
	int (*nl_bind)(struct ualg_nlsock *nl, const void *addr, socklen_t len);
	int (*nl_connect)(struct ualg_nlsock *nl, const void *addr, socklen_t len);
	int (*nl_getsockname)(struct ualg_nlsock *nl, void *addr, socklen_t *len);
	int (*nl_getpeername)(struct ualg_nlsock *nl, void *addr, socklen_t *len);
	int (*nl_setsockopt)(struct ualg_nlsock *nl, int level, int name, const void *val,
			     socklen_t len);
	int (*nl_getsockopt)(struct ualg_nlsock *nl, int level, int name, void *val,
			     socklen_t *len);
	ssize_t (*nl_sendmsg)(struct ualg_nlsock *nl, const struct msghdr *msg, int flags);
	ssize_t (*nl_recvmsg)(struct ualg_nlsock *nl, struct msghdr *msg, int flags);
	unsigned int (*nl_poll)(struct ualg_nlsock *nl);
	void (*nl_set_notify)(struct ualg_nlsock *nl, void (*fn)(void *arg, unsigned int mask),
			      void *arg);

	/* /proc/crypto as ualg serves it: a malloc'd text (caller frees) or -errno */
	int (*proc_crypto)(char **ret_text, size_t *ret_len);
};

/* defined by the engine; the preload finds it with dlsym(UALG_ENGINE_OPS_SYMBOL) */
extern const struct ualg_engine_ops ualg_engine_ops;

#endif
