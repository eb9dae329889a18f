/* SPDX-License-Identifier: MIT */
#ifndef UALG_SOCK_SOCK_H
#define UALG_SOCK_SOCK_H

/*
 * AF_ALG socket semantics, independent of file descriptors and of
 * interposition (spec: ../shared/spec/afalg-semantics.md). One struct
 * ualg_sock is one kernel socket object: a parent (tfm) socket made by
 * ualg_sock_new(), or an operation socket made by ualg_sock_accept().
 *
 * Every call returns >= 0 on success or -errno, the kernel's errno for the
 * same condition. Nothing here writes errno, touches an fd table, or knows
 * about dlsym; the preload (src/preload) maps fds to sockets and adapts
 * read/recv/write/... to these calls.
 *
 * Flags are the socket-API values: MSG_MORE, MSG_DONTWAIT (the front end
 * adds MSG_DONTWAIT when the fd is O_NONBLOCK), MSG_TRUNC in msg_flags.
 * Blocking waits (skcipher/aead recv waiting for data, send waiting for
 * budget) are interruptible by signals: -EINTR, or the partial count.
 *
 * Thread safety: every call may be made concurrently on any sockets; each
 * socket has its own lock (the kernel's lock_sock).
 */

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/types.h>

struct ualg_sock;

/*
 * socket(AF_ALG, type, protocol): type may carry SOCK_NONBLOCK|SOCK_CLOEXEC
 * (accepted here, honoured by the front end); other flag bits -EINVAL, a
 * type other than SOCK_SEQPACKET -ESOCKTNOSUPPORT, protocol != 0
 * -EPROTONOSUPPORT (spec §3).
 */
int ualg_sock_new(int type, int protocol, struct ualg_sock **ret);

/* Take and drop references. The last unref is close() (spec §15). */
struct ualg_sock *ualg_sock_ref(struct ualg_sock *sk);
void ualg_sock_unref(struct ualg_sock *sk);

/* true for an operation socket (made by accept) */
bool ualg_sock_is_op(const struct ualg_sock *sk);

/* spec §4; addr is the caller's bytes, addrlen as given */
int ualg_sock_bind(struct ualg_sock *sk, const void *addr, socklen_t addrlen);

/* spec §5 (SOL_SOCKET included: SO_SNDBUF/SO_RCVBUF and friends are emulated) */
int ualg_sock_setsockopt(struct ualg_sock *sk, int level, int optname, const void *optval,
			 socklen_t optlen);
int ualg_sock_getsockopt(struct ualg_sock *sk, int level, int optname, void *optval,
			 socklen_t *optlen);

/*
 * accept(sk, NULL, NULL) (spec §6). The ECONNABORTED rule for a non-NULL
 * address is the front end's: it accepts, then unrefs the new socket.
 */
int ualg_sock_accept(struct ualg_sock *sk, struct ualg_sock **ret);

/*
 * sendmsg / recvmsg (spec §7–§11): msg and everything it points to is the
 * caller's memory, read and written as the kernel does (EFAULT for what
 * cannot be, core/uaccess.h); msg_name is ignored; msg_flags, msg_namelen
 * and msg_controllen are written back on recv.
 */
ssize_t ualg_sock_sendmsg(struct ualg_sock *sk, const struct msghdr *msg, int flags);
ssize_t ualg_sock_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags);
/*
 * The same for a msghdr the caller built itself (send, recv, read, write):
 * only the bytes its iovecs point to are user memory; no name, no control
 * data; msg->msg_flags is set on recv. Nothing is copied.
 */
ssize_t ualg_sock_sendmsg_kernel(struct ualg_sock *sk, const struct msghdr *msg, int flags);
ssize_t ualg_sock_recvmsg_kernel(struct ualg_sock *sk, struct msghdr *msg, int flags);

/* poll mask by the kernel's rules (spec §14): POLLIN|POLLRDNORM, POLLOUT|POLLWRNORM|POLLWRBAND, or 0 */
unsigned int ualg_sock_poll(struct ualg_sock *sk);

/*
 * fork() with other threads inside the engine (sock/fork.c): prepare takes
 * every lock below the fd layer in the order of docs/robustness.md, parent
 * and child release them (the child also forgets the other threads). The
 * first socket registers them with pthread_atfork, unless
 * ualg_sock_fork_external() said before that the caller (the preload)
 * calls them from its own handlers.
 */
void ualg_sock_fork_prepare(void);
void ualg_sock_fork_parent(void);
void ualg_sock_fork_child(void);
void ualg_sock_fork_external(void);

/*
 * Readiness changes: fn(arg, mask) is called, with the socket's lock held,
 * whenever ualg_sock_poll() has changed since fn was last called (first:
 * the next time it may have; then never twice with the same mask, except
 * once in a fork child). fn must not call back into this socket. Set once
 * by the front end right after creation.
 */
void ualg_sock_set_notify(struct ualg_sock *sk, void (*fn)(void *arg, unsigned int mask),
			  void *arg);

#endif
