/* SPDX-License-Identifier: MIT */
/*
 * fd -> emulated socket table, and the real kernel fds behind each emulated
 * socket.
 *
 * Implementation Notes
 *
 * fd identity. Every emulated socket owns real kernel objects, so fd numbers
 * come from the kernel and never collide, and close-on-exec, dup, fork,
 * fstat (S_IFSOCK), pread (ESPIPE) and poll/select/epoll need no wrapper:
 *
 *	socketpair(AF_UNIX, SOCK_SEQPACKET) = { U, P }
 *
 * U is the application's fd (SOCK_NONBLOCK and SOCK_CLOEXEC of socket(),
 * accept4() and dup3() apply to it; O_NONBLOCK on it turns into
 * MSG_DONTWAIT for the socket layer). P, the peer, and Ud, a private dup of
 * U (so the preload can still reach U's open file description after the
 * application closed or renumbered the fd it got), are internal: close-on-
 * exec, moved to high fd numbers so the application's numbering stays what
 * the kernel would give, marked in the table so close()/close_range() from
 * the application leave them alone and dup2() onto them moves them away.
 *
 * Readiness. The socket layer calls pfd_notify() (with the socket's lock
 * held) whenever its poll mask may have changed; the mask is mirrored onto
 * U with two bits of state:
 *
 *	POLLIN on U   <=> one token message is queued P -> U
 *	POLLOUT on U  <=> U's send buffer is not full: U's SO_SNDBUF is set to
 *			  the minimum, and clearing POLLOUT fills it with
 *			  1-byte messages U -> P (MSG_DONTWAIT) until EAGAIN;
 *			  setting it drains P, which frees U's send memory and
 *			  wakes U's writers.
 *
 * Both ends use MSG_DONTWAIT, so the application's O_NONBLOCK is never
 * touched. A parent, hash or rng socket has mask 0 (spec §14): nothing
 * queued for U, U's send buffer full: poll() just times out, as with the
 * kernel. skcipher/aead op sockets show IN|OUT when idle.
 *
 * Lifetime. A struct ualg_pfd is the kernel's struct file: each application
 * fd number that refers to it (dup, dup2, F_DUPFD) holds one reference, each
 * call in progress holds one. The last put clears the notify callback, drops
 * the socket, and closes P and Ud. Its memory then goes to a pool of free
 * pfds and is only ever reused as a pfd, never given back to malloc (type-
 * stable memory, like the kernel's SLAB_TYPESAFE_BY_RCU): a lookup that read
 * a table entry just before the pfd was freed still reads a pfd's refs.
 *
 * Locking. Lookups of fds that are not ours are lock-free (preload.h), and
 * so is taking the reference for a call on an emulated fd: read the slot,
 * increment refs unless it is 0 (the pfd is being freed, or sits in the
 * pool), then read the slot again; if it no longer holds the same pfd, the
 * reference is dropped (a pfd reused meanwhile for another fd is put back
 * like any reference) and the lookup starts over, under table_lock after a
 * few rounds. A slot holds a reference, so while it names the pfd, refs > 0;
 * the second read orders the increment after any close/dup2 that emptied the
 * slot first (refs then hits 0 only after both). table_lock serialises
 * changes of the table and the pool; fork() takes it (and pool_lock) in
 * prepare so the child never inherits a half-changed table or pool.
 *
 * Known limits: fds >= UALG_FD_MAX cannot be emulated (EMFILE); an fd closed
 * behind libc's back (raw syscall, fclose of fdopen'd stream) leaves a stale
 * entry. After fork() op sockets are shared through their owner (share.c);
 * parent (tfm) and NETLINK_CRYPTO sockets are copied: a key set on a tfm
 * socket after fork() is not seen by the other process's accept().
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/errno.h"
#include "preload/audit.h"
#include "preload/pfd.h"
#include "preload/preload.h"
#include "sock/netlink.h"
#include "sock/sock.h"

_Atomic(_Atomic(uintptr_t) *) ualg_fd_chunks[UALG_FD_CHUNKS];

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

/* freed pfds, linked by free_next; refs of each is 0 */
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ualg_pfd *pool;

/* lock-free rounds of ualg_fd_get_slow before it takes table_lock */
#define GET_TRIES 4

/* bounded loops on the internal sockets; a full U send buffer needs < 10 */
#define FILL_MAX 256
#define DRAIN_MAX 4096

static int sys_ret(long r)
{
	return r < 0 ? -errno : (int)r;
}

/* the table slot for fd, allocated when alloc (then table_lock held) */
static _Atomic(uintptr_t) *slot(int fd, bool alloc)
{
	_Atomic(uintptr_t) *chunk;
	unsigned int i;

	if (fd < 0 || (unsigned int)fd >= UALG_FD_MAX)
		return NULL;
	i = (unsigned int)fd >> UALG_FD_CHUNK_BITS;
	chunk = atomic_load_explicit(&ualg_fd_chunks[i], memory_order_acquire);
	if (!chunk && alloc) {
		chunk = calloc(UALG_FD_CHUNK, sizeof(*chunk));
		if (!chunk)
			return NULL;
		atomic_store_explicit(&ualg_fd_chunks[i], chunk, memory_order_release);
	}
	return chunk ? &chunk[(unsigned int)fd & (UALG_FD_CHUNK - 1)] : NULL;
}

static uintptr_t slot_get(int fd)
{
	_Atomic(uintptr_t) *s = slot(fd, false);

	return s ? atomic_load_explicit(s, memory_order_relaxed) : 0;
}

static void slot_set(_Atomic(uintptr_t) *s, uintptr_t v)
{
	atomic_store_explicit(s, v, memory_order_release);
}

static uintptr_t tag_internal(struct ualg_pfd *f)
{
	return (uintptr_t)f | UALG_FD_INTERNAL;
}

/*
 * Lowest fd number for internal fds: half the soft RLIMIT_NOFILE, so the
 * application's fds keep the numbers the kernel would give. 0 when the
 * limit is too small to spare.
 */
static int internal_base(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur < 256)
		return 0;
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur / 2 >= UALG_FD_MAX / 2)
		return (int)(UALG_FD_MAX / 2);
	return (int)(rl.rlim_cur / 2);
}

/* a close-on-exec dup of fd for internal use, in the high range if possible */
static int internal_dup(int fd)
{
	int base = internal_base(), nfd = -1;

	if (base > 0) {
		nfd = ualg_real_fcntl(fd, F_DUPFD_CLOEXEC, base);
		if (nfd >= 0 && (unsigned int)nfd >= UALG_FD_MAX) {
			(void)ualg_real_close(nfd);
			nfd = -1;
		}
	}
	if (nfd < 0)
		nfd = ualg_real_fcntl(fd, F_DUPFD_CLOEXEC, 0);
	return sys_ret(nfd);
}

/* see preload.h */
int ualg_fd_internal(int fd)
{
	int nfd = internal_dup(fd);

	if (nfd < 0)
		return fd;
	(void)ualg_real_close(fd);
	return nfd;
}

/* ---- readiness mirror ---- */

/* U shows mask already: the common case of every operation, no system call */
static bool mirrored(const struct ualg_pfd *f, unsigned int mask)
{
	return f->in == !!(mask & POLLIN) && f->out == !!(mask & POLLOUT);
}

static void mirror(struct ualg_pfd *f, unsigned int mask)
{
	int u = atomic_load(&f->ufd), p = atomic_load(&f->peer);
	bool in = mask & POLLIN, out = mask & POLLOUT;
	char buf[64] = {0};
	int i;

	if (mirrored(f, mask))
		return;

	if (in && !f->in) {
		(void)ualg_real_send(p, buf, 1, MSG_DONTWAIT | MSG_NOSIGNAL);
		f->in = true;
	} else if (!in && f->in) {
		for (i = 0; i < DRAIN_MAX; i++)
			if (ualg_real_recv(u, buf, sizeof(buf), MSG_DONTWAIT) < 0)
				break;
		f->in = false;
	}
	if (out && !f->out) {
		for (i = 0; i < DRAIN_MAX; i++)
			if (ualg_real_recv(p, buf, sizeof(buf), MSG_DONTWAIT) < 0)
				break;
		f->out = true;
	} else if (!out && f->out) {
		for (i = 0; i < FILL_MAX; i++)
			if (ualg_real_send(u, buf, 1, MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
				break;
		f->out = false;
	}
}

static void mirror_keep_errno(struct ualg_pfd *f, unsigned int mask)
{
	PROTECT_ERRNO;

	mirror(f, mask);
}

static void pfd_notify(void *arg, unsigned int mask)
{
	if (!mirrored(arg, mask))
		mirror_keep_errno(arg, mask);
}

/* ---- the socket object behind a pfd ---- */

static void obj_set_notify(struct ualg_pfd *f, void (*fn)(void *arg, unsigned int mask))
{
	if (f->nl)
		ualg_nl_set_notify(f->nl, fn, fn ? f : NULL);
	else
		ualg_sock_set_notify(f->sk, fn, fn ? f : NULL);
}

static unsigned int obj_poll(struct ualg_pfd *f)
{
	return f->nl ? ualg_nl_poll(f->nl) : ualg_sock_poll(f->sk);
}

static void obj_unref(struct ualg_pfd *f)
{
	if (f->nl)
		ualg_nl_unref(f->nl);
	else if (f->sk)
		ualg_sock_unref(f->sk);
}

/* ---- pfd memory ---- */

/* a zeroed pfd with refs 0: from the pool, else from calloc */
static struct ualg_pfd *pfd_alloc(void)
{
	struct ualg_pfd *f;

	pthread_mutex_lock(&pool_lock);
	f = pool;
	if (f)
		pool = f->free_next;
	pthread_mutex_unlock(&pool_lock);
	if (!f)
		return calloc(1, sizeof(struct ualg_pfd));
	/* refs (0) may be read by a late lookup: leave it alone */
	memset((char *)f + offsetof(struct ualg_pfd, sk), 0,
	       sizeof(*f) - offsetof(struct ualg_pfd, sk));
	return f;
}

/* f's refs is 0 and nothing else holds it */
static void pfd_pool_put(struct ualg_pfd *f)
{
	pthread_mutex_lock(&pool_lock);
	f->free_next = pool;
	pool = f;
	pthread_mutex_unlock(&pool_lock);
}

/* ---- references ---- */

/* the last reference: table_lock held when locked */
static void pfd_free(struct ualg_pfd *f, bool locked)
{
	int fds[2] = {atomic_load(&f->ufd), atomic_load(&f->peer)};
	_Atomic(uintptr_t) *s;

	ualg_audit_free(f);
	obj_set_notify(f, NULL);
	obj_unref(f);
	if (!locked)
		pthread_mutex_lock(&table_lock);
	for (size_t i = 0; i < 2; i++) {
		s = slot(fds[i], false);
		/* not ours any more when something replaced it behind our back */
		if (s && atomic_load_explicit(s, memory_order_relaxed) == tag_internal(f)) {
			slot_set(s, 0);
			(void)ualg_real_close(fds[i]);
		}
	}
	if (!locked)
		pthread_mutex_unlock(&table_lock);
	pfd_pool_put(f);
}

static void pfd_put_locked(struct ualg_pfd *f)
{
	if (atomic_fetch_sub(&f->refs, 1) == 1)
		pfd_free(f, true);
}

/* see preload.h */
void ualg_pfd_put(struct ualg_pfd *f)
{
	PROTECT_ERRNO;

	if (atomic_fetch_sub(&f->refs, 1) == 1)
		pfd_free(f, false);
}

/* a reference to the pfd that *s names (lock-free), NULL if none; *busy: retry */
static struct ualg_pfd *get_lockfree(_Atomic(uintptr_t) *s, bool *busy)
{
	struct ualg_pfd *f;
	unsigned int n;
	uintptr_t v;

	*busy = false;
	v = atomic_load(s);
	if (!v || (v & UALG_FD_INTERNAL))
		return NULL;
	f = (struct ualg_pfd *)v;
	n = atomic_load(&f->refs);
	do {
		if (!n) {
			/* freed: the slot has changed, or is about to */
			*busy = true;
			return NULL;
		}
	} while (!atomic_compare_exchange_weak(&f->refs, &n, n + 1));
	if (atomic_load(s) == v)
		return f;
	ualg_pfd_put(f);
	*busy = true;
	return NULL;
}

/* see preload.h */
struct ualg_pfd *ualg_fd_get_slow(int fd)
{
	_Atomic(uintptr_t) *s = slot(fd, false);
	struct ualg_pfd *f = NULL;
	uintptr_t v;
	bool busy;

	for (int i = 0; s && i < GET_TRIES; i++) {
		f = get_lockfree(s, &busy);
		if (f || !busy)
			return f;
	}
	pthread_mutex_lock(&table_lock);
	v = slot_get(fd);
	if (v && !(v & UALG_FD_INTERNAL)) {
		f = (struct ualg_pfd *)v;
		atomic_fetch_add(&f->refs, 1);
	}
	pthread_mutex_unlock(&table_lock);
	return f;
}

/* see preload.h */
struct ualg_sock *ualg_pfd_sock(const struct ualg_pfd *f)
{
	return f->sk;
}

/* see preload.h */
struct ualg_nlsock *ualg_pfd_nl(const struct ualg_pfd *f)
{
	return f->nl;
}

/* see preload.h */
int ualg_pfd_dontwait(const struct ualg_pfd *f)
{
	return atomic_load_explicit(&f->dontwait, memory_order_relaxed);
}

/* see preload.h */
void ualg_pfd_sync_flags(struct ualg_pfd *f)
{
	PROTECT_ERRNO;
	int fl = ualg_real_fcntl(atomic_load(&f->ufd), F_GETFL);

	if (fl >= 0)
		atomic_store(&f->dontwait, fl & O_NONBLOCK ? MSG_DONTWAIT : 0);
}

/*
 * Put v into fd's slot; the previous user entry (a stale one: the kernel
 * gave this number out again, so the fd was closed behind our back) is
 * released. table_lock held.
 */
static int install_locked(int fd, uintptr_t v)
{
	_Atomic(uintptr_t) *s = slot(fd, v != 0);
	uintptr_t prev;

	if (!s)
		return v ? (fd < 0 || (unsigned int)fd >= UALG_FD_MAX ? -EMFILE : -ENOMEM) : 0;
	prev = atomic_load_explicit(s, memory_order_relaxed);
	slot_set(s, v);
	if (prev && !(prev & UALG_FD_INTERNAL))
		pfd_put_locked((struct ualg_pfd *)prev);
	return 0;
}

/* give f (sk or nl set, one reference) an fd; consumes f even on failure */
static int fd_open(struct ualg_pfd *f, int flags)
{
	int sv[2], u, ud, p, r;

	r = sys_ret(ualg_real_socketpair(
		AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | (flags & SOCK_NONBLOCK), 0, sv));
	if (r < 0) {
		obj_unref(f);
		pfd_pool_put(f);
		return r;
	}
	u = sv[0];
	p = ualg_fd_internal(sv[1]);
	ud = internal_dup(u);
	if (ud < 0 || (!(flags & SOCK_CLOEXEC) && ualg_real_fcntl(u, F_SETFD, 0) < 0)) {
		r = ud < 0 ? ud : -errno;
		goto fail_fds;
	}
	/* the smallest send buffer: a few 1-byte messages fill it */
	(void)ualg_real_setsockopt(u, SOL_SOCKET, SO_SNDBUF, &(int){0}, sizeof(int));

	atomic_init(&f->ufd, ud);
	atomic_init(&f->peer, p);
	atomic_init(&f->dontwait, flags & SOCK_NONBLOCK ? MSG_DONTWAIT : 0);
	atomic_init(&f->conn, UALG_PFD_LOCAL);
	f->out = true; /* a fresh U is writable and has nothing to read */
	obj_set_notify(f, pfd_notify);
	mirror(f, obj_poll(f));

	pthread_mutex_lock(&table_lock);
	/* from here a late lookup may hold f too: the last put frees it */
	atomic_store(&f->refs, 1);
	r = install_locked(p, tag_internal(f));
	if (r >= 0)
		r = install_locked(ud, tag_internal(f));
	if (r >= 0)
		r = install_locked(u, (uintptr_t)f);
	if (r < 0) {
		(void)install_locked(p, 0);
		(void)install_locked(ud, 0);
	}
	pthread_mutex_unlock(&table_lock);
	if (r < 0) {
		obj_set_notify(f, NULL);
		(void)ualg_real_close(ud);
		(void)ualg_real_close(p);
		(void)ualg_real_close(u);
		atomic_store(&f->ufd, -1);
		atomic_store(&f->peer, -1);
		ualg_pfd_put(f); /* drops the socket */
		return r;
	}
	return u;

fail_fds:
	if (ud >= 0)
		(void)ualg_real_close(ud);
	(void)ualg_real_close(p);
	(void)ualg_real_close(u);
	obj_unref(f);
	pfd_pool_put(f);
	return r;
}

/* see preload.h */
int ualg_fd_open(struct ualg_sock *sk, int flags)
{
	struct ualg_pfd *f = pfd_alloc();

	if (!f) {
		ualg_sock_unref(sk);
		return -ENOMEM;
	}
	f->sk = sk;
	return fd_open(f, flags);
}

/* see preload.h */
int ualg_fd_open_nl(struct ualg_nlsock *nl, int flags)
{
	struct ualg_pfd *f = pfd_alloc();

	if (!f) {
		ualg_nl_unref(nl);
		return -ENOMEM;
	}
	f->nl = nl;
	return fd_open(f, flags);
}

/* see preload.h */
int ualg_fd_close(int fd)
{
	uintptr_t v;

	pthread_mutex_lock(&table_lock);
	v = slot_get(fd);
	if (v & UALG_FD_INTERNAL) {
		/* ours, not the application's: leave it open, report success */
		pthread_mutex_unlock(&table_lock);
		return 0;
	}
	/* forget the number before the kernel can hand it out again */
	(void)install_locked(fd, 0);
	pthread_mutex_unlock(&table_lock);
	return sys_ret(ualg_real_close(fd));
}

/* see preload.h */
int ualg_fd_dupfd(struct ualg_pfd *f, int fd, int cmd, int min)
{
	int nfd, r;

	nfd = sys_ret(ualg_real_fcntl(fd, cmd, min));
	if (nfd < 0)
		return nfd;
	pthread_mutex_lock(&table_lock);
	atomic_fetch_add(&f->refs, 1);
	r = install_locked(nfd, (uintptr_t)f);
	if (r < 0)
		pfd_put_locked(f);
	pthread_mutex_unlock(&table_lock);
	if (r < 0) {
		(void)ualg_real_close(nfd);
		return r;
	}
	return nfd;
}

/* table_lock held: move our internal fd away from the number fd */
static int relocate_locked(int fd, uintptr_t v)
{
	struct ualg_pfd *f = (struct ualg_pfd *)(v & ~UALG_FD_INTERNAL);
	int nfd, r;
	int old = fd;

	nfd = internal_dup(fd);
	if (nfd < 0)
		return nfd;
	if (nfd == fd) /* cannot happen: fd is open */
		return -EBADF;
	r = install_locked(nfd, v);
	if (r < 0) {
		(void)ualg_real_close(nfd);
		return r;
	}
	if (atomic_compare_exchange_strong(&f->ufd, &old, nfd) == false) {
		old = fd;
		(void)atomic_compare_exchange_strong(&f->peer, &old, nfd);
	}
	(void)install_locked(fd, 0);
	return 0;
}

/* see preload.h */
int ualg_fd_dup3(int oldfd, int newfd, int flags, bool dup2)
{
	struct ualg_pfd *f = NULL;
	bool stray = false;
	uintptr_t vo, vn;
	int r;

	if (oldfd == newfd)
		return sys_ret(dup2 ? ualg_real_dup2(oldfd, newfd)
				    : ualg_real_dup3(oldfd, newfd, flags));
	pthread_mutex_lock(&table_lock);
	vo = slot_get(oldfd);
	vn = slot_get(newfd);
	if (vn & UALG_FD_INTERNAL) {
		r = relocate_locked(newfd, vn);
		if (r < 0) {
			pthread_mutex_unlock(&table_lock);
			return r;
		}
		stray = true; /* newfd is now an unlisted dup of ours */
	}
	if (vo && !(vo & UALG_FD_INTERNAL)) {
		f = (struct ualg_pfd *)vo;
		atomic_fetch_add(&f->refs, 1);
	}
	pthread_mutex_unlock(&table_lock);

	r = sys_ret(dup2 ? ualg_real_dup2(oldfd, newfd) : ualg_real_dup3(oldfd, newfd, flags));
	if (r < 0) {
		if (stray)
			(void)ualg_real_close(newfd);
		if (f)
			ualg_pfd_put(f);
		return r;
	}
	pthread_mutex_lock(&table_lock);
	r = install_locked(newfd, (uintptr_t)f);
	if (r < 0 && f)
		pfd_put_locked(f);
	pthread_mutex_unlock(&table_lock);
	if (r < 0) {
		(void)ualg_real_close(newfd);
		return r;
	}
	return newfd;
}

/* fd's chunk is allocated; else fd is moved to the chunk's last number */
static bool chunk_present(unsigned int *fd)
{
	if (atomic_load_explicit(&ualg_fd_chunks[*fd >> UALG_FD_CHUNK_BITS], memory_order_relaxed))
		return true;
	*fd |= UALG_FD_CHUNK - 1;
	return false;
}

/* see preload.h */
int ualg_fd_close_range(unsigned int first, unsigned int last, int flags)
{
	unsigned int hi, fd, run = first;
	uintptr_t v;
	int r = 0;

	/* invalid arguments, or nothing is closed: the kernel decides alone */
	if (first > last || (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) ||
	    (flags & CLOSE_RANGE_CLOEXEC))
		return sys_ret(ualg_real_close_range(first, last, flags));

	pthread_mutex_lock(&table_lock);
	hi = last < UALG_FD_MAX - 1 ? last : UALG_FD_MAX - 1;
	/* forget the application's emulated fds in range first */
	for (fd = first; fd <= hi && fd >= first; fd++) {
		if (!chunk_present(&fd))
			continue;
		v = slot_get((int)fd);
		if (v && !(v & UALG_FD_INTERNAL))
			(void)install_locked((int)fd, 0);
	}
	/* then close everything in range but our internal fds */
	for (fd = first; fd <= hi && fd >= first; fd++) {
		if (!chunk_present(&fd))
			continue;
		if (!(slot_get((int)fd) & UALG_FD_INTERNAL))
			continue;
		if (fd > run && r >= 0)
			r = sys_ret(ualg_real_close_range(run, fd - 1, flags));
		run = fd + 1;
	}
	if (r >= 0 && run <= last && run >= first)
		r = sys_ret(ualg_real_close_range(run, last, flags));
	pthread_mutex_unlock(&table_lock);
	return r;
}

/* see preload.h */
void ualg_fd_foreach_locked(void (*fn)(struct ualg_pfd *f, void *arg), void *arg)
{
	static unsigned int seq;
	_Atomic(uintptr_t) *chunk;
	struct ualg_pfd *f;
	uintptr_t v;

	if (!++seq)
		seq = 1;
	for (unsigned int i = 0; i < UALG_FD_CHUNKS; i++) {
		chunk = atomic_load_explicit(&ualg_fd_chunks[i], memory_order_relaxed);
		for (unsigned int j = 0; chunk && j < UALG_FD_CHUNK; j++) {
			v = atomic_load_explicit(&chunk[j], memory_order_relaxed);
			if (!v || (v & UALG_FD_INTERNAL))
				continue;
			f = (struct ualg_pfd *)v;
			if (f->visit == seq)
				continue;
			f->visit = seq;
			fn(f, arg);
		}
	}
}

/* see preload.h */
void ualg_fd_atfork_prepare(void)
{
	pthread_mutex_lock(&table_lock);
	ualg_share_prepare();
	pthread_mutex_lock(&pool_lock);
}

/* see preload.h */
void ualg_fd_atfork_parent(void)
{
	pthread_mutex_unlock(&pool_lock);
	ualg_share_parent();
	pthread_mutex_unlock(&table_lock);
}

/* see preload.h */
void ualg_fd_atfork_child(void)
{
	pthread_mutex_init(&pool_lock, NULL);
	pthread_mutex_init(&table_lock, NULL);
	ualg_share_child();
}
