/* SPDX-License-Identifier: MIT */
#ifndef UALG_PRELOAD_PRELOAD_H
#define UALG_PRELOAD_PRELOAD_H

/*
 * Internals of libualg-preload.so, the LD_PRELOAD front end: it maps file
 * descriptors to AF_ALG sockets of src/sock and adapts the libc socket API
 * to the calls of sock/sock.h. Nothing here is exported; preload.map lists
 * the interposed libc names and nothing else.
 *
 *   real.c     ualg_real_<fn>: the next definition of each interposed symbol
 *   init.c     staged, recursion-proof initialisation and fork handlers
 *   fdtable.c  fd -> emulated socket table, fd identity and readiness
 *   wrap.c     the interposed functions: one lookup, then the real call or
 *              a one-line adapter into src/sock
 *   share.c    op sockets shared across fork(): the process holding a
 *              socket's state serves the calls of its children
 *   aio.c      io_submit & co. reached through syscall(): reads and writes
 *              on emulated sockets served synchronously, the rest to the
 *              kernel
 *   lazy.c     libualg-engine.so (src/sock and below, OpenSSL) loaded on
 *              the first emulated socket; the sock.h and netlink.h calls
 *              forwarded to it (engine.h)
 *
 * An emulated socket is an AF_ALG socket (sock/sock.h) or a NETLINK_CRYPTO
 * socket (sock/netlink.h); both get their fd the same way.
 */

#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>

struct ualg_sock;
struct ualg_nlsock;

/* ---- real.c ---- */

#define UALG_SYM(ret, name, params, stage0) extern ret(*ualg_real_##name) params;
#include "syms.def"
#undef UALG_SYM

/* Point every ualg_real_<fn> at the next definition (dlsym(RTLD_NEXT)). */
void ualg_real_resolve(void);

/* ---- lazy.c ---- */

/*
 * sigaction() for SIGSEGV and SIGBUS: the engine's fault guard answers
 * once the engine is loaded (core/uaccess.h: the program's handler is kept
 * behind ours), the real one before; -errno.
 */
int ualg_preload_sigaction(int sig, const struct sigaction *act, struct sigaction *old);
/* the engine is loaded: some AF_ALG or NETLINK_CRYPTO socket was made */
bool ualg_engine_loaded(void);

/*
 * Fork handlers, called by init.c's in the order of docs/robustness.md:
 * ualg_engine_fork_prepare takes the lock of the engine's loading and of
 * the sigaction calls above (first of all), *_engine run the engine's own
 * handlers (last of all), when it is loaded.
 */
void ualg_engine_fork_prepare(void);
void ualg_engine_fork_parent(void);
void ualg_engine_fork_child(void);
void ualg_engine_fork_prepare_engine(void);
void ualg_engine_fork_parent_engine(void);
void ualg_engine_fork_child_engine(void);

/*
 * Record the directory libualg-engine.so is loaded from: the preload's own
 * (engine.h). Cheap, no I/O unless the preload was given by a relative path.
 */
void ualg_engine_locate(void);

/*
 * /proc/crypto as the engine serves it (loads the engine): a malloc'd text,
 * or -errno (-ENOENT without an engine).
 */
int ualg_engine_proc_crypto(char **ret_text, size_t *ret_len);

/* ---- init.c ---- */

extern atomic_bool ualg_preload_ready;

/*
 * Make the preload usable: resolve the real functions, install the fork
 * handlers. Idempotent and thread safe; from inside the initialisation
 * itself (dlsym calling back into a wrapper) it returns false at once and
 * the caller passes through with the stage-0 functions.
 */
bool ualg_preload_init(void);

static inline bool ualg_preload_ensure(void)
{
	if (__builtin_expect(atomic_load_explicit(&ualg_preload_ready, memory_order_acquire), 1))
		return true;
	return ualg_preload_init();
}

/* ---- fdtable.c ---- */

/*
 * The table holds one word per fd number: 0 (not ours: pass through), a
 * struct ualg_pfd pointer (an fd the application holds on an emulated
 * socket), or a pointer with bit 0 set (an fd the preload keeps for itself,
 * see fdtable.c). Chunks are allocated on demand and never freed, so a
 * lookup is two acquire loads and takes no lock.
 */
#define UALG_FD_CHUNK_BITS 10
#define UALG_FD_CHUNK (1u << UALG_FD_CHUNK_BITS)
#define UALG_FD_CHUNKS 1024u
#define UALG_FD_MAX (UALG_FD_CHUNK * UALG_FD_CHUNKS)
#define UALG_FD_INTERNAL ((uintptr_t)1)

extern _Atomic(_Atomic(uintptr_t) *) ualg_fd_chunks[UALG_FD_CHUNKS];

/* fd's table slot, NULL when its chunk does not exist (then the fd is not ours) */
static inline _Atomic(uintptr_t) *ualg_fd_slot(int fd)
{
	_Atomic(uintptr_t) *chunk;

	if ((unsigned int)fd >= UALG_FD_MAX)
		return NULL;
	chunk = atomic_load_explicit(&ualg_fd_chunks[(unsigned int)fd >> UALG_FD_CHUNK_BITS],
				     memory_order_acquire);
	return chunk ? &chunk[(unsigned int)fd & (UALG_FD_CHUNK - 1)] : NULL;
}

static inline uintptr_t ualg_fd_peek(int fd)
{
	_Atomic(uintptr_t) *s = ualg_fd_slot(fd);

	return s ? atomic_load_explicit(s, memory_order_acquire) : 0;
}

/* One emulated open socket (the kernel's struct file + socket); opaque. */
struct ualg_pfd;

/*
 * A reference to the emulated socket behind fd, or NULL when fd is not one
 * (then the caller makes the real call). Initialises the preload if needed.
 */
struct ualg_pfd *ualg_fd_get_slow(int fd);
/* the same, given the slot s of fd and the pfd pointer v just read from it */
struct ualg_pfd *ualg_fd_get_seen(int fd, _Atomic(uintptr_t) *s, uintptr_t v);
static inline struct ualg_pfd *ualg_fd_get(int fd)
{
	_Atomic(uintptr_t) *s;
	uintptr_t v;

	if (!ualg_preload_ensure())
		return NULL;
	s = ualg_fd_slot(fd);
	v = s ? atomic_load_explicit(s, memory_order_acquire) : 0;
	if (__builtin_expect(!v || (v & UALG_FD_INTERNAL), 1))
		return NULL;
	return ualg_fd_get_seen(fd, s, v);
}

/* Drop a reference; keeps errno. */
void ualg_pfd_put(struct ualg_pfd *f);
static inline void ualg_pfd_putp(struct ualg_pfd **f)
{
	if (*f)
		ualg_pfd_put(*f);
}

/*
 * The socket behind f: an AF_ALG socket (ualg_pfd_sock) or an emulated
 * NETLINK_CRYPTO socket (ualg_pfd_nl, sock/netlink.h); the other is NULL.
 */
struct ualg_sock *ualg_pfd_sock(const struct ualg_pfd *f);
struct ualg_nlsock *ualg_pfd_nl(const struct ualg_pfd *f);

/* MSG_DONTWAIT when the application's fd is O_NONBLOCK, else 0 */
int ualg_pfd_dontwait(const struct ualg_pfd *f);
/* Re-read O_NONBLOCK after a successful F_SETFL or FIONBIO on the application's fd */
void ualg_pfd_sync_flags(struct ualg_pfd *f, int fd);

/*
 * Give sk (one reference, consumed even on failure) an fd. flags:
 * SOCK_NONBLOCK and SOCK_CLOEXEC. Returns the new fd or -errno.
 */
int ualg_fd_open(struct ualg_sock *sk, int flags);
/* the same for a NETLINK_CRYPTO socket */
int ualg_fd_open_nl(struct ualg_nlsock *nl, int flags);

/* close(), dup(), dup2()/dup3(), F_DUPFD[_CLOEXEC], close_range() on table fds */
int ualg_fd_close(int fd);
int ualg_fd_dupfd(struct ualg_pfd *f, int fd, int cmd, int min);
int ualg_fd_dup3(int oldfd, int newfd, int flags, bool dup2);
int ualg_fd_close_range(unsigned int first, unsigned int last, int flags);

/*
 * One read (out false) or write on the socket behind f, as read/readv or
 * write/writev would do it, with extra MSG_* flags; -errno on failure.
 */
ssize_t ualg_pfd_rw(struct ualg_pfd *f, const struct iovec *iov, int cnt, bool out, int flags);

/* fork handlers (init.c installs them) */
void ualg_fd_atfork_prepare(void);
void ualg_fd_atfork_parent(void);
void ualg_fd_atfork_child(void);

/*
 * Move an fd of the preload's own to the high fd range (close-on-exec), so
 * the application's fds keep the numbers the kernel would give; returns the
 * fd to use (fd itself when it cannot be moved).
 */
int ualg_fd_internal(int fd);

/* call fn once for each emulated socket the application holds an fd of; table lock held */
void ualg_fd_foreach_locked(void (*fn)(struct ualg_pfd *f, void *arg), void *arg);

/*
 * Fork sharing (table lock held): keep U of f reachable for the readiness
 * mirror even once the application has closed its numbers (a private dup,
 * the one case of a second kernel fd for a socket: an owner whose op socket
 * a child uses), and give that up again (a child, which does not mirror).
 */
void ualg_fd_keep_reachable_locked(struct ualg_pfd *f);
void ualg_fd_unreachable_locked(struct ualg_pfd *f);
/* the socket's state becomes ours (an adopted op socket): read U's readiness, then mirror */
void ualg_pfd_resync(struct ualg_pfd *f);

/* ---- share.c ---- */

/*
 * sendmsg/recvmsg on the AF_ALG socket behind f, here or in the process
 * that owns its state (an op socket inherited through fork()); -errno.
 * flags already carry MSG_DONTWAIT for an O_NONBLOCK fd. user: msg is the
 * application's (sendmsg/recvmsg: read and written back as the kernel does,
 * sock.h), else one the preload built (send, recv, read, write, ...), of
 * which only the data is the application's.
 */
ssize_t ualg_pfd_sendmsg(struct ualg_pfd *f, const struct msghdr *msg, int flags, bool user);
ssize_t ualg_pfd_recvmsg(struct ualg_pfd *f, struct msghdr *msg, int flags, bool user);

/* the fd table's fork handlers call these (prepare with the table locked) */
void ualg_share_prepare(void);
void ualg_share_parent(void);
void ualg_share_child(void);

/* ---- aio.c ---- */

/*
 * The AIO system calls made through syscall() (io_setup, io_submit,
 * io_getevents, io_pgetevents, io_cancel, io_destroy): *handled set and the
 * syscall()-style result (-1 with errno) returned; for any other number
 * *handled is false and the caller makes the real call.
 */
long ualg_aio_syscall(long sysno, const long a[6], bool *handled);

/* fork handlers for the AIO contexts' lock (init.c calls them) */
void ualg_aio_atfork_prepare(void);
void ualg_aio_atfork_parent(void);
void ualg_aio_atfork_child(void);

#endif
