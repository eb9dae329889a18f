/* SPDX-License-Identifier: MIT */
#ifndef UALG_SOCK_NETLINK_H
#define UALG_SOCK_NETLINK_H

/*
 * NETLINK_CRYPTO (the kernel's crypto_user) served from the algorithm
 * registry: socket(AF_NETLINK, SOCK_RAW|SOCK_DGRAM, NETLINK_CRYPTO) with
 * CRYPTO_MSG_GETALG, one algorithm or the NLM_F_DUMP form, in the kernel's
 * wire format (linux/cryptouser.h). libkcapi cannot work without it.
 *
 * Like sock.h: no fds, no errno; every call returns >= 0 or -errno, the
 * kernel's errno for the same condition. The preload maps fds to these
 * objects.
 *
 * What is answered (crypto/crypto_user.c in 7.2):
 *  - GETALG by cru_driver_name when it is non-empty, else by cru_name,
 *    after the (cra_flags ^ cru_type) & cru_mask filter, over the
 *    algorithms registered so far. As in the kernel, nothing is
 *    instantiated: a template name ("cbc(aes)") is known once something
 *    bound it (libkcapi binds before it asks), a leaf ("sha256") always.
 *    The kernel walks its list newest first, so among several matches of
 *    a generic name the most recently registered one is reported. A kernel
 *    driver name ("sha256-generic", spec §4) exists as in the kernel: it is
 *    registered under that name on first use (alg/registry.c). Unknown
 *    names give an NLMSG_ERROR with -ENOENT; names without a NUL -EINVAL; a
 *    request shorter than its struct crypto_user_alg -EINVAL.
 *  - GETALG with NLM_F_DUMP: every registered algorithm (NLM_F_MULTI
 *    messages packed into datagrams of at most 64 KiB, the kernel's
 *    min_dump_alloc), then NLMSG_DONE in a datagram of its own.
 *  - NEWALG, DELALG, UPDATEALG, DELRNG (crypto_add_alg, crypto_del_alg,
 *    crypto_update_alg, crypto_del_rng): -EPERM without CAP_NET_ADMIN in
 *    the effective set. NEWALG: -EEXIST if the driver name (or, without
 *    one, the name) is registered, else the lookup instantiates it
 *    (asynchronous pcrypt instances too, for an explicit aead type),
 *    optionally at the CRYPTOCFGA_PRIORITY_VAL priority (-EINVAL without a
 *    driver name). DELALG by driver name: -EINVAL for anything but a
 *    template instance, -EBUSY while a tfm of it exists (a bound AF_ALG
 *    socket), else it and the instances built on it are unregistered.
 *    UPDATEALG: the instances built on it are unregistered and the
 *    priority changes. DELRNG: 0 (no kernel default RNG here). Found out on
 *    the 6.1 kernel: tests/oracle/transcripts/alg-netlink.txt. Other types
 *    -EINVAL.
 *  - NLM_F_ACK: an NLMSG_ERROR with error 0 after a successful request.
 *    Error replies quote the whole request unless NETLINK_CAP_ACK is set.
 *
 * Attributes of a report: CRYPTOCFGA_PRIORITY_VAL, then one of
 * REPORT_CIPHER ("cipher"), REPORT_HASH ("shash"), REPORT_BLKCIPHER
 * ("skcipher", geniv "<none>"), REPORT_AEAD ("aead", geniv "<none>"),
 * REPORT_RNG ("rng"). cru_module_name is "kernel" (built in), cru_refcnt
 * 2 (the registration's reference plus the one the report holds; tfms are
 * not counted), cru_flags the type bits, CRYPTO_ALG_TESTED unless the
 * self-test failed, CRYPTO_ALG_INSTANCE for template instances,
 * CRYPTO_ALG_INTERNAL and CRYPTO_ALG_OPTIONAL_KEY.
 *
 * Socket behaviour: autobind on first send (port id = the pid for the
 * first socket of the process, then -4096, -4097, ... as the kernel does),
 * bind/connect/getsockname/getpeername with struct sockaddr_nl, replies
 * queued at send time (the request is processed synchronously, as the
 * kernel does), one datagram per recvmsg with MSG_TRUNC/MSG_PEEK, source
 * address {AF_NETLINK, pid 0}. Blocking recv on an empty queue waits for
 * another thread's send (not interruptible by signals, no SO_RCVTIMEO).
 * Multicast groups: binding to one needs root (-EPERM otherwise); crypto_user
 * never sends to them.
 */

#include <stdbool.h>
#include <sys/socket.h>
#include <sys/types.h>

#define UALG_NETLINK_CRYPTO 21

struct ualg_nlsock;

/* type SOCK_RAW or SOCK_DGRAM (+ SOCK_NONBLOCK|SOCK_CLOEXEC), protocol NETLINK_CRYPTO */
int ualg_nl_new(int type, int protocol, struct ualg_nlsock **ret);
void ualg_nl_unref(struct ualg_nlsock *nl);

int ualg_nl_bind(struct ualg_nlsock *nl, const void *addr, socklen_t len);
int ualg_nl_connect(struct ualg_nlsock *nl, const void *addr, socklen_t len);
int ualg_nl_getsockname(struct ualg_nlsock *nl, void *addr, socklen_t *len);
int ualg_nl_getpeername(struct ualg_nlsock *nl, void *addr, socklen_t *len);
int ualg_nl_setsockopt(struct ualg_nlsock *nl, int level, int name, const void *val, socklen_t len);
int ualg_nl_getsockopt(struct ualg_nlsock *nl, int level, int name, void *val, socklen_t *len);

/* msg_name (sockaddr_nl) is honoured; msg->msg_flags and msg_namelen are set on recv */
ssize_t ualg_nl_sendmsg(struct ualg_nlsock *nl, const struct msghdr *msg, int flags);
ssize_t ualg_nl_recvmsg(struct ualg_nlsock *nl, struct msghdr *msg, int flags);

/* POLLOUT always, POLLIN when a reply is queued */
unsigned int ualg_nl_poll(struct ualg_nlsock *nl);
/* as ualg_sock_set_notify (sock.h) */
void ualg_nl_set_notify(struct ualg_nlsock *nl, void (*fn)(void *arg, unsigned int mask),
			void *arg);

/* fork (sock/fork.c): every netlink socket's lock, after the list's; the child releases them too */
void ualg_nl_fork_prepare(void);
void ualg_nl_fork_parent(void);
void ualg_nl_fork_child(void);

#endif
