/* SPDX-License-Identifier: MIT */
/*
 * fd -> emulated socket table, and the real kernel fds behind each emulated
 * socket.
 *
 * Implementation Notes
 *
 * fd identity. Every emulated socket is one kernel socket, U, whose fd is
 * the one the application gets: fd numbers come from the kernel and never
 * collide, and close-on-exec, dup, fork, fstat (S_IFSOCK), pread (ESPIPE)
 * and poll/select/epoll need no wrapper. U is an AF_UNIX datagram socket
 * nobody can send to (SOCK_NONBLOCK and SOCK_CLOEXEC of socket(), accept4()
 * and dup3() apply to it; O_NONBLOCK on it turns into MSG_DONTWAIT for the
 * socket layer). Its poll mask shows the emulation's (spec §14) in one of
 * two ways:
 *
 *  - a socket whose mask is 0 when it is made (parent, hash and rng
 *    sockets: always 0) is connected to F, one datagram socket of the
 *    process whose receive queue we keep full (by sending to itself, which
 *    the queue limit does not stop): U is then never writable (unix_dgram_
 *    poll: the peer's queue is full), nothing can be sent to it (it is
 *    connected elsewhere and has no address), and poll() just times out;
 *  - the others (skcipher/aead op sockets, NETLINK_CRYPTO) are bound to an
 *    autobind address and connected to themselves (so again nobody else can
 *    send to them), and mirror the mask:
 *
 *	POLLIN on U   <=> a token datagram of 2 KiB is queued on U (sent to
 *			  itself; recv drains it)
 *	POLLOUT on U  <=> no token, or a token and a large SO_SNDBUF: with
 *			  the smallest SO_SNDBUF the token's own memory makes
 *			  U unwritable (unix_writable: wmem * 4 > sndbuf)
 *
 *    Such a socket cannot show the empty mask; the emulation never asks for
 *    it (skcipher/aead always show IN or OUT), and would get OUT.
 *
 * The mirror works through one of the application's own numbers of U
 * (ufd), kept valid under the pfd's mlock: closing or replacing that number
 * first moves ufd to another number of the same U, to the pfd's private
 * dup (ud, which only an op socket shared across fork gets, share.c), or to
 * -1 (no process can see U's readiness any more: nothing to mirror). F and
 * O, an O_PATH descriptor for close() below, are the process's internal fds;
 * ud is the pfd's. All three are close-on-exec, moved to high fd numbers
 * so the application's numbering stays what the kernel would give, marked
 * in the table so close()/close_range() from the application leave them
 * alone and dup2() onto them moves them away.
 *
 * close() of an emulated fd first replaces U at that number with a dup of O
 * (dup3, atomic in the kernel), then forgets the number, then closes it: a
 * call racing with the close either found the table entry (and runs on the
 * socket, as a call the kernel had already started would) or reaches O,
 * which answers every data call with EBADF, as a closed fd does; it never
 * reaches U itself.
 *
 * Cost of readiness: a transition costs one or two system calls on U, and
 * only a transition; the common operation changes nothing (mirrored()).
 *
 * Lifetime. A struct ualg_pfd is the kernel's struct file: each application
 * fd number that refers to it (dup, dup2, F_DUPFD) holds one reference, each
 * call in progress holds one. The last put clears the notify callback, drops
 * the socket, and closes ud. Its memory then goes to a pool of free
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
 * prepare so the child never inherits a half-changed table or pool. Order:
 * table_lock, then a socket's lock (sock/internal.h), then a pfd's mlock;
 * the mirror runs under the socket's lock, close() and dup2() under
 * table_lock, so fork prepare (which takes both kinds, init.c) leaves no
 * mlock held.
 *
 * Known limits: fds >= UALG_FD_MAX cannot be emulated (EMFILE); an fd closed
 * behind libc's back (raw syscall, fclose of fdopen'd stream) leaves a stale
 * entry; close_range() and a raw system call racing with a call on the same
 * number can reach U, which takes the data harmlessly (its queue is drained
 * as tokens are). After fork() op sockets are shared through their owner (share.c);
 * parent (tfm) and NETLINK_CRYPTO sockets are copied: a key set on a tfm
 * socket after fork() is not seen by the other process's accept().
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/errno.h"
#include "core/onethread.h"
#include "preload/audit.h"
#include "preload/pfd.h"
#include "preload/preload.h"
#include "sock/netlink.h"
#include "sock/sock.h"
#include "core/lines.h"

_Atomic(_Atomic(uintptr_t) *) ualg_fd_chunks[UALG_FD_CHUNKS];

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

/* freed pfds, linked by free_next; refs of each is 0 */
static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ualg_pfd *pool;

/*
 * The process's internal fds (table_lock): F, the full sink the always-0
 * sockets are connected to, and O, an O_PATH fd close() puts in the way.
 * Their table entries name this pfd, which is never used as a socket.
 */
static struct ualg_pfd globals = {.ufd = -1, .ud = -1};
static int sink_fd = -1, opath_fd = -1;
static struct sockaddr_un sink_addr;
static socklen_t sink_len;
static bool globals_tried;

/* lock-free rounds of ualg_fd_get_slow before it takes table_lock */
#define GET_TRIES 4

/* the readiness token: its memory alone makes U unwritable with the smallest send buffer */
#define TOKEN_SIZE 2048
/* SO_SNDBUF values for U: the smallest (the kernel's floor), and one large enough for the token */
#define SNDBUF_SMALL 0
#define SNDBUF_LARGE 65536
/* datagrams F sends itself beyond net.unix.max_dgram_qlen, and the most ever */
#define SINK_MAX 4096

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

/* ---- the process's internal fds ---- */

static unsigned long dgram_qlen(void)
{
	FILE *f = fopen("/proc/sys/net/unix/max_dgram_qlen", "re");
	unsigned long v = 0;

	if (f) {
		if (fscanf(f, "%lu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

/* F: bound, its queue filled past the limit its peers see; -errno */
static int sink_make(void)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	socklen_t len = sizeof(a);
	unsigned long qlen = dgram_qlen(), n;
	int fd, big = 1 << 20;

	fd = sys_ret(ualg_real_socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
	if (fd < 0)
		return fd;
	if (ualg_real_bind(fd, (struct sockaddr *)&a, sizeof(sa_family_t)) < 0 ||
	    ualg_real_getsockname(fd, (struct sockaddr *)&a, &len) < 0)
		goto fail;
	(void)ualg_real_setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &big, sizeof(big));
	/* a queue longer than max_dgram_qlen is full for every other sender */
	n = qlen ? qlen + 1 : SINK_MAX;
	if (n > SINK_MAX)
		goto fail;
	for (unsigned long i = 0; i < n; i++) {
		if (ualg_real_sendto(fd, "", 0, MSG_DONTWAIT, (struct sockaddr *)&a, len) >= 0)
			continue;
		/* max_dgram_qlen unreadable: as many as fit is enough past its default, 10 */
		if (errno == EAGAIN && !qlen && i > 64)
			break;
		goto fail;
	}
	sink_addr = a;
	sink_len = len;
	return ualg_fd_internal(fd);
fail:
	(void)ualg_real_close(fd);
	return -ENOSYS;
}

/* table_lock held: put fd in the table as an internal fd of pfd f */
static int install_locked(int fd, uintptr_t v);

/* table_lock held: F and O, made on the first emulated socket (a failure leaves -1) */
static void globals_make_locked(void)
{
	int fd;

	if (globals_tried)
		return;
	globals_tried = true;
	fd = sink_make();
	if (fd >= 0 && install_locked(fd, tag_internal(&globals)) < 0) {
		(void)ualg_real_close(fd);
		fd = -1;
	}
	sink_fd = fd;
	fd = sys_ret(open("/", O_PATH | O_CLOEXEC));
	if (fd >= 0)
		fd = ualg_fd_internal(fd);
	if (fd >= 0 && install_locked(fd, tag_internal(&globals)) < 0) {
		(void)ualg_real_close(fd);
		fd = -1;
	}
	opath_fd = fd;
}

/* ---- readiness mirror ---- */

/* U shows mask already: the common case of every operation, no system call */
static bool mirrored(const struct ualg_pfd *f, unsigned int mask)
{
	bool in = mask & POLLIN;

	return f->in == in && f->out == (in ? !!(mask & POLLOUT) : true);
}

static void set_small(struct ualg_pfd *f, int u, bool small)
{
	int v = small ? SNDBUF_SMALL : SNDBUF_LARGE;

	if (f->small != small)
		(void)ualg_real_setsockopt(u, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	f->small = small;
}

/* mlock held */
static void mirror_locked(struct ualg_pfd *f, unsigned int mask)
{
	static const char token[TOKEN_SIZE];
	char buf[TOKEN_SIZE];
	bool in = mask & POLLIN, out = in ? !!(mask & POLLOUT) : true;
	int u = f->ufd;

	if (u >= 0) {
		if (in)
			set_small(f, u, !out);
		if (in && !f->in)
			(void)ualg_real_send(u, token, sizeof(token), MSG_DONTWAIT | MSG_NOSIGNAL);
		else if (!in && f->in)
			while (ualg_real_recv(u, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
				;
	}
	f->in = in;
	f->out = out;
}

static void mirror_keep_errno(struct ualg_pfd *f, unsigned int mask)
{
	PROTECT_ERRNO;

	pthread_mutex_lock(&f->mlock);
	mirror_locked(f, mask);
	pthread_mutex_unlock(&f->mlock);
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
		f = ualg_calloc_lines(sizeof(struct ualg_pfd));
	else
		/* refs (0) may be read by a late lookup: leave it alone */
		memset((char *)f + offsetof(struct ualg_pfd, sk), 0,
		       sizeof(*f) - offsetof(struct ualg_pfd, sk));
	if (!f)
		return NULL;
	f->ufd = -1;
	f->ud = -1;
	pthread_mutex_init(&f->mlock, NULL);
	return f;
}

/* f's refs is 0 and nothing else holds it */
static void pfd_pool_put(struct ualg_pfd *f)
{
	pthread_mutex_destroy(&f->mlock);
	pthread_mutex_lock(&pool_lock);
	f->free_next = pool;
	pool = f;
	pthread_mutex_unlock(&pool_lock);
}

/* ---- references ---- */

/* table_lock held: forget the internal fd fd of f, and close it */
static void internal_drop_locked(struct ualg_pfd *f, int fd)
{
	_Atomic(uintptr_t) *s = slot(fd, false);

	/* not ours any more when something replaced it behind our back */
	if (s && atomic_load_explicit(s, memory_order_relaxed) == tag_internal(f)) {
		slot_set(s, 0);
		(void)ualg_real_close(fd);
	}
}

/* the last reference: table_lock held when locked */
static void pfd_free(struct ualg_pfd *f, bool locked)
{
	ualg_audit_free(f);
	if (f->dynamic)
		obj_set_notify(f, NULL);
	obj_unref(f);
	if (f->ud >= 0) {
		if (!locked)
			pthread_mutex_lock(&table_lock);
		internal_drop_locked(f, f->ud);
		if (!locked)
			pthread_mutex_unlock(&table_lock);
	}
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
	if (ualg_ref_put_is_last(&f->refs)) {
		PROTECT_ERRNO;

		pfd_free(f, false);
	}
}

/* a reference to the pfd that *s names (lock-free), NULL if none; *busy: retry */
static struct ualg_pfd *get_lockfree(_Atomic(uintptr_t) *s, bool *busy)
{
	struct ualg_pfd *f;
	uintptr_t v;

	*busy = false;
	v = atomic_load(s);
	if (!v || (v & UALG_FD_INTERNAL))
		return NULL;
	f = (struct ualg_pfd *)v;
	if (!ualg_ref_get_unless_zero(&f->refs)) {
		/* freed: the slot has changed, or is about to */
		*busy = true;
		return NULL;
	}
	if (atomic_load(s) == v)
		return f;
	ualg_pfd_put(f);
	*busy = true;
	return NULL;
}

/* see preload.h */
struct ualg_pfd *ualg_fd_get_seen(int fd, _Atomic(uintptr_t) *s, uintptr_t v)
{
	struct ualg_pfd *f = (struct ualg_pfd *)v;

	/* get_lockfree's first round, on the value the caller has read already */
	if (ualg_ref_get_unless_zero(&f->refs)) {
		if (atomic_load(s) == v)
			return f;
		ualg_pfd_put(f);
	}
	return ualg_fd_get_slow(fd);
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
void ualg_pfd_sync_flags(struct ualg_pfd *f, int fd)
{
	PROTECT_ERRNO;
	int fl = ualg_real_fcntl(fd, F_GETFL);

	if (fl >= 0)
		atomic_store(&f->dontwait, fl & O_NONBLOCK ? MSG_DONTWAIT : 0);
}

/* ---- application fd numbers ---- */

/* table_lock held: another application fd number of f than not, else -1 */
static int other_number_locked(struct ualg_pfd *f, int not )
{
	_Atomic(uintptr_t) *chunk;

	if (f->nfds <= 1)
		return -1;
	for (unsigned int i = 0; i < UALG_FD_CHUNKS; i++) {
		chunk = atomic_load_explicit(&ualg_fd_chunks[i], memory_order_relaxed);
		for (unsigned int j = 0; chunk && j < UALG_FD_CHUNK; j++) {
			int fd = (int)(i * UALG_FD_CHUNK + j);

			if (fd != not &&atomic_load_explicit(&chunk[j], memory_order_relaxed) ==
			    (uintptr_t)f)
				return fd;
		}
	}
	return -1;
}

/*
 * table_lock held: the number fd of f is going away (close, dup2 over it):
 * the mirror moves to another number of U, our dup, or nowhere.
 */
static void number_leaving_locked(struct ualg_pfd *f, int fd)
{
	int next;

	if (f->ufd != fd)
		return;
	next = other_number_locked(f, fd);
	if (next < 0)
		next = f->ud;
	pthread_mutex_lock(&f->mlock);
	f->ufd = next;
	pthread_mutex_unlock(&f->mlock);
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
	if (prev && !(prev & UALG_FD_INTERNAL)) {
		struct ualg_pfd *old = (struct ualg_pfd *)prev;

		number_leaving_locked(old, fd);
		old->nfds--;
	}
	slot_set(s, v);
	if (v && !(v & UALG_FD_INTERNAL)) {
		struct ualg_pfd *f = (struct ualg_pfd *)v;

		if (f->nfds++ == 0 && f->ufd < 0) {
			pthread_mutex_lock(&f->mlock);
			f->ufd = fd;
			pthread_mutex_unlock(&f->mlock);
		}
	}
	if (prev && !(prev & UALG_FD_INTERNAL))
		pfd_put_locked((struct ualg_pfd *)prev);
	return 0;
}

/* ---- making U ---- */

/*
 * A call that reaches U itself (a raw system call, or a call racing with
 * dup2() onto its number: the table said "not ours" just before) must not
 * block forever on it: U's own timeouts (the application's SO_RCVTIMEO and
 * SO_SNDTIMEO are the emulation's) end such a wait with EAGAIN at once.
 */
static int u_timeouts(int u)
{
	static const struct timeval tv = {.tv_usec = 1};

	if (ualg_real_setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0 ||
	    ualg_real_setsockopt(u, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0) {
		int e = -errno;

		(void)ualg_real_close(u);
		return e;
	}
	return u;
}

/* U for a socket whose mask is always 0: connected to F; -errno */
static int u_static(int type)
{
	int u = sys_ret(ualg_real_socket(AF_UNIX, SOCK_DGRAM | type, 0));

	if (u < 0)
		return u;
	if (ualg_real_connect(u, (struct sockaddr *)&sink_addr, sink_len) < 0) {
		int e = -errno;

		(void)ualg_real_close(u);
		return e;
	}
	return u_timeouts(u);
}

/* U for a socket with readiness: connected to itself, nobody else's; -errno */
static int u_dynamic(int type)
{
	struct sockaddr_un a = {.sun_family = AF_UNIX};
	socklen_t len = sizeof(a);
	int u = sys_ret(ualg_real_socket(AF_UNIX, SOCK_DGRAM | type, 0)), e;

	if (u < 0)
		return u;
	if (ualg_real_bind(u, (struct sockaddr *)&a, sizeof(sa_family_t)) < 0 ||
	    ualg_real_getsockname(u, (struct sockaddr *)&a, &len) < 0 ||
	    ualg_real_connect(u, (struct sockaddr *)&a, len) < 0) {
		e = -errno;
		(void)ualg_real_close(u);
		return e;
	}
	return u_timeouts(u);
}

/* give f (sk or nl set, one reference) an fd; consumes f even on failure */
static int fd_open(struct ualg_pfd *f, int flags)
{
	int type = flags & (SOCK_NONBLOCK | SOCK_CLOEXEC), u, r;
	unsigned int mask = obj_poll(f);

	pthread_mutex_lock(&table_lock);
	globals_make_locked();
	f->dynamic = mask != 0 || sink_fd < 0;
	u = f->dynamic ? u_dynamic(type) : u_static(type);
	if (u < 0) {
		pthread_mutex_unlock(&table_lock);
		obj_unref(f);
		pfd_pool_put(f);
		return u;
	}
	atomic_init(&f->dontwait, flags & SOCK_NONBLOCK ? MSG_DONTWAIT : 0);
	atomic_init(&f->conn, UALG_PFD_LOCAL);
	/* from here a late lookup may hold f too: the last put frees it */
	atomic_store(&f->refs, 1);
	r = install_locked(u, (uintptr_t)f);
	if (r < 0) {
		pthread_mutex_unlock(&table_lock);
		(void)ualg_real_close(u);
		ualg_pfd_put(f); /* drops the socket */
		return r;
	}
	if (f->dynamic) {
		/* a fresh U is writable and has nothing to read */
		f->out = true;
		pthread_mutex_lock(&f->mlock);
		mirror_locked(f, mask);
		pthread_mutex_unlock(&f->mlock);
	}
	pthread_mutex_unlock(&table_lock);
	if (f->dynamic)
		obj_set_notify(f, pfd_notify);
	return u;
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
	if (v) {
		number_leaving_locked((struct ualg_pfd *)v, fd);
		/* a racing call on fd now meets O (EBADF), never U; then the number is forgotten */
		if (opath_fd >= 0)
			(void)ualg_real_dup3(opath_fd, fd, O_CLOEXEC);
	}
	(void)install_locked(fd, 0);
	pthread_mutex_unlock(&table_lock);
	return sys_ret(ualg_real_close(fd));
}

/* see preload.h */
int ualg_fd_dupfd(struct ualg_pfd *f, int fd, int cmd, int min)
{
	int nfd, r;

	pthread_mutex_lock(&table_lock);
	nfd = sys_ret(ualg_real_fcntl(fd, cmd, min));
	if (nfd < 0) {
		pthread_mutex_unlock(&table_lock);
		return nfd;
	}
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
	if (f == &globals) {
		if (sink_fd == fd)
			sink_fd = nfd;
		else if (opath_fd == fd)
			opath_fd = nfd;
	} else if (f->ud == fd) {
		pthread_mutex_lock(&f->mlock);
		f->ud = nfd;
		if (f->ufd == fd)
			f->ufd = nfd;
		pthread_mutex_unlock(&f->mlock);
	}
	(void)install_locked(fd, 0);
	return 0;
}

/*
 * see preload.h. The table changes on the side of the kernel call that
 * keeps racing calls on newfd off U: an emulated oldfd is entered before
 * the dup2 (a call that sees it is one made just after), a plain one
 * replaces an emulated newfd's entry only after it (a call that still sees
 * that entry is one made just before). On failure the entry is put back.
 */
int ualg_fd_dup3(int oldfd, int newfd, int flags, bool dup2)
{
	struct ualg_pfd *f = NULL, *old = NULL;
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
		vn = 0;
	}
	if (vn) {
		/* an emulated newfd: its mirror must not use the number while the kernel replaces
		 * it */
		old = (struct ualg_pfd *)vn;
		atomic_fetch_add(&old->refs, 1);
		number_leaving_locked(old, newfd);
	}
	if (vo && !(vo & UALG_FD_INTERNAL)) {
		f = (struct ualg_pfd *)vo;
		atomic_fetch_add(&f->refs, 1);
		r = install_locked(newfd, (uintptr_t)f);
		if (r < 0) {
			pfd_put_locked(f);
			goto out;
		}
	}
	r = sys_ret(dup2 ? ualg_real_dup2(oldfd, newfd) : ualg_real_dup3(oldfd, newfd, flags));
	if (r < 0) {
		if (stray)
			(void)ualg_real_close(newfd);
		if (f) {
			/* newfd still names what it named: the old entry takes our reference back
			 */
			(void)install_locked(newfd, (uintptr_t)old);
			old = NULL;
		}
		goto out;
	}
	if (!f)
		(void)install_locked(newfd, 0);
	r = newfd;
out:
	if (old)
		pfd_put_locked(old);
	pthread_mutex_unlock(&table_lock);
	return r;
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
void ualg_fd_keep_reachable_locked(struct ualg_pfd *f)
{
	int ud;

	if (!f->dynamic || f->ud >= 0 || f->ufd < 0)
		return;
	ud = internal_dup(f->ufd);
	if (ud < 0)
		return;
	if (install_locked(ud, tag_internal(f)) < 0) {
		(void)ualg_real_close(ud);
		return;
	}
	f->ud = ud;
}

/* see preload.h */
void ualg_fd_unreachable_locked(struct ualg_pfd *f)
{
	if (f->ud < 0)
		return;
	pthread_mutex_lock(&f->mlock);
	if (f->ufd == f->ud)
		f->ufd = -1;
	pthread_mutex_unlock(&f->mlock);
	internal_drop_locked(f, f->ud);
	f->ud = -1;
}

/* see preload.h */
void ualg_pfd_resync(struct ualg_pfd *f)
{
	struct pollfd p = {.events = POLLIN};
	int v = 0;
	socklen_t len = sizeof(v);

	if (!f->dynamic)
		return;
	/* under table_lock, as every mlock holder outside the mirror, so fork never splits one */
	pthread_mutex_lock(&table_lock);
	pthread_mutex_lock(&f->mlock);
	p.fd = f->ufd;
	if (p.fd >= 0 && ualg_real_getsockopt(p.fd, SOL_SOCKET, SO_SNDBUF, &v, &len) == 0) {
		f->in = poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
		f->small = v < 2 * SNDBUF_LARGE;
		f->out = !f->in || !f->small;
	}
	pthread_mutex_unlock(&f->mlock);
	pfd_notify(f, obj_poll(f));
	pthread_mutex_unlock(&table_lock);
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
	/* released first (one thread now): dropping the parent's references may free */
	pthread_mutex_unlock(&pool_lock);
	pthread_mutex_unlock(&table_lock);
	ualg_share_child();
}
