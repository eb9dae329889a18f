/* SPDX-License-Identifier: MIT */
/*
 * Op sockets shared across fork().
 *
 * On Linux, parent and child share one socket after fork(): what one sends,
 * the other can read (libkcapi's multithreaded test forks a writer for the
 * op socket its parent reads). Here a socket's state is memory of the
 * process that made it, so that process (the owner) serves the calls its
 * children make on it:
 *
 *   fork prepare, in the owner (fd table locked): for the child to be, a
 *	connection (SOCK_SEQPACKET socketpair {C, S}) holding one reference on
 *	each op socket the owner has, and a counter for each socket in an
 *	anonymous shared mapping;
 *   owner after fork: a thread serves S until the child has exited or
 *	exec'd (C is close-on-exec), then drops the references;
 *   child: each inherited op socket names C and the owner's id for it.
 *
 * A request is one message on C carrying a fresh stream socket (SCM_RIGHTS);
 * the payload (sendmsg data and control) and the answer travel on that
 * stream, and a worker thread per request serves it, so a recv blocking in
 * the owner holds up neither the connection nor the child's other threads.
 * A child that forks again connects its own child to the same owner
 * (REQ_CONNECT: a new server end and the ids, over its own connection).
 *
 * The owner counts every operation on a shared socket in the shared
 * mapping. When the owner is gone (exited: a daemon's parent), a child's
 * copy is still exact if the count has not moved since the copy was made:
 * the child then takes the socket over. Otherwise the state is lost and
 * calls fail EIO (docs/errors.md) instead of answering from a stale copy.
 *
 * Only op sockets are shared. Parent (tfm) and NETLINK_CRYPTO sockets are
 * copied: their state changes only through bind and setsockopt.
 *
 * Known limits: a worker thread of the owner still blocked in a recv when
 * the child that asked has died keeps waiting, as a kernel socket's reader
 * would; a child forked while one of the owner's workers runs inherits the
 * worker's stream, so that request's answer waits for the worker alone.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/uaccess.h"
#include "preload/audit.h"
#include "preload/pfd.h"
#include "preload/preload.h"
#include "sock/sock.h"

enum req_op {
	REQ_SEND = 1,
	REQ_RECV,
	REQ_CONNECT,
};

struct req {
	uint32_t op;
	int32_t flags;
	uint64_t rid;
	uint64_t len;	     /* SEND: data bytes; RECV: buffer bytes; CONNECT: ids */
	uint64_t controllen; /* SEND: control bytes after the data */
};

struct rep {
	int64_t ret; /* the call's result or -errno */
	int32_t msg_flags;
	uint32_t pad;
};

/* the most one forwarded call carries */
#define DATA_MAX ((uint64_t)1 << 30)
#define CONTROL_MAX 65536u
#define WORKER_STACK (1u << 20)

/* the owner's end of one connection: a child process and the sockets it may use */
struct conn {
	struct conn *next;
	int fd; /* S */
	size_t n;
	struct ualg_pfd **pfds; /* one reference each */
};

/* one forwarded sendmsg or recvmsg in the owner */
struct job {
	struct ualg_pfd *f; /* a reference */
	int fd;		    /* the request's stream */
	struct req q;
};

/* what fork prepare decided, for the parent and child handlers */
struct group {
	int conn;	  /* the owner's connection in this process; -1: our own sockets */
	int child_fd;	  /* the connection the child gets; -1 if none could be made */
	struct conn *srv; /* our own sockets: the connection to serve */
	size_t n, cap;
	struct ualg_pfd **pfds;
};

static pthread_mutex_t share_lock = PTHREAD_MUTEX_INITIALIZER;
static struct conn *conns; /* served connections */
static struct group *plan;
static size_t plan_n;

/* counters: pages of the shared mapping, allocated a slot at a time */
#define GEN_PAGE 4096u
static _Atomic uint64_t *gen_page;
static size_t gen_used;

static int sys_ret(long r)
{
	return r < 0 ? -errno : (int)r;
}

static void count(struct ualg_pfd *f)
{
	/* acquire: the counter's page was mapped by the thread that set it (fork prepare) */
	_Atomic uint64_t *gen = atomic_load_explicit(&f->gen, memory_order_acquire);

	if (gen)
		atomic_fetch_add_explicit(gen, 1, memory_order_relaxed);
}

static _Atomic uint64_t *gen_alloc(void)
{
	void *p;

	if (!gen_page || gen_used == GEN_PAGE / sizeof(*gen_page)) {
		p = mmap(NULL, GEN_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return NULL;
		gen_page = p;
		gen_used = 0;
	}
	return &gen_page[gen_used++];
}

/* ---- stream and message helpers (the real calls: these fds are ours) ---- */

/* all n bytes sent (out) or received: 0, -EPIPE at end of stream, or -errno */
static int xfer(int fd, void *buf, size_t n, bool out)
{
	char *p = buf;
	ssize_t r;

	while (n) {
		r = out ? ualg_real_send(fd, p, n, MSG_NOSIGNAL)
			: ualg_real_recv(fd, p, n, MSG_WAITALL);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : -EPIPE;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

static int write_full(int fd, const void *buf, size_t n)
{
	return xfer(fd, (void *)buf, n, true);
}

static int read_full(int fd, void *buf, size_t n)
{
	return xfer(fd, buf, n, false);
}

/* one request message with nfds descriptors attached */
static int send_req(int conn, const struct req *q, const int *fds, unsigned int nfds)
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = {.iov_base = (void *)q, .iov_len = sizeof(*q)};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = u.buf,
			   .msg_controllen = CMSG_SPACE(nfds * sizeof(int))};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	ssize_t r;

	memset(u.buf, 0, sizeof(u.buf));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(nfds * sizeof(int));
	memcpy(CMSG_DATA(c), fds, nfds * sizeof(int));
	do
		r = ualg_real_sendmsg(conn, &m, MSG_NOSIGNAL);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : 0;
}

/* the next request: its size, 0 at end of connection, or -errno; fds[] -1 when absent */
static ssize_t recv_req(int conn, struct req *q, int fds[2])
{
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} u;
	struct iovec iov = {.iov_base = q, .iov_len = sizeof(*q)};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = u.buf,
			   .msg_controllen = sizeof(u.buf)};
	ssize_t r;

	fds[0] = fds[1] = -1;
	r = ualg_real_recvmsg(conn, &m, MSG_CMSG_CLOEXEC);
	if (r < 0)
		return -errno;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		size_t k;

		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		k = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < k; i++) {
			int fd;

			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
			if (i < 2 && fds[i] < 0)
				fds[i] = fd;
			else
				(void)ualg_real_close(fd);
		}
	}
	return r;
}

static int reply(int fd, int64_t ret)
{
	struct rep rp = {.ret = ret};

	return write_full(fd, &rp, sizeof(rp));
}

/* a detached thread with every signal blocked: the application's handlers run in its own threads */
static int spawn(void *(*fn)(void *), void *arg)
{
	pthread_attr_t a;
	sigset_t all, old;
	pthread_t t;
	int r;

	if (pthread_attr_init(&a))
		return -ENOMEM;
	(void)pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	(void)pthread_attr_setstacksize(&a, WORKER_STACK);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&t, &a, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&a);
	return -r;
}

/* ---- the owner ---- */

static void conn_free(struct conn *c, bool close_fd)
{
	for (size_t i = 0; i < c->n; i++)
		ualg_pfd_put(c->pfds[i]);
	if (close_fd && c->fd >= 0)
		(void)ualg_real_close(c->fd);
	free(c->pfds);
	free(c);
}

static struct ualg_pfd *conn_find(const struct conn *c, uint64_t rid)
{
	for (size_t i = 0; i < c->n; i++)
		if ((uintptr_t)c->pfds[i] == rid)
			return c->pfds[i];
	return NULL;
}

static void *work(void *arg)
{
	struct job *j = arg;
	struct rep rp = {0};
	struct iovec iov;
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	size_t size = j->q.len + (j->q.op == REQ_SEND ? j->q.controllen : 0);
	char *buf = malloc(size ? size : 1);
	int r = 0;

	if (!buf) {
		rp.ret = -ENOMEM;
	} else if (j->q.op == REQ_SEND) {
		r = read_full(j->fd, buf, size);
		iov = (struct iovec){.iov_base = buf, .iov_len = j->q.len};
		if (j->q.controllen) {
			m.msg_control = buf + j->q.len;
			m.msg_controllen = j->q.controllen;
		}
		if (!r) {
			count(j->f);
			rp.ret = ualg_sock_sendmsg(j->f->sk, &m, j->q.flags);
		}
	} else {
		iov = (struct iovec){.iov_base = buf, .iov_len = j->q.len};
		count(j->f);
		rp.ret = ualg_sock_recvmsg(j->f->sk, &m, j->q.flags);
		rp.msg_flags = m.msg_flags;
	}
	if (!r && !write_full(j->fd, &rp, sizeof(rp)) && j->q.op == REQ_RECV && rp.ret > 0)
		(void)write_full(j->fd, buf, (size_t)rp.ret);
	if (buf) {
		/* plaintext or ciphertext of the application: wiped */
		explicit_bzero(buf, j->q.op == REQ_SEND ? size : rp.ret > 0 ? (size_t)rp.ret : 0);
		free(buf);
	}
	(void)ualg_real_close(j->fd);
	ualg_pfd_put(j->f);
	free(j);
	return NULL;
}

static void *serve(void *arg);

/* REQ_CONNECT: serve a grandchild the sockets of c it names */
static int do_connect(struct conn *c, const struct req *q, int stream, int server_fd)
{
	struct conn *nc;
	uint64_t rid;
	int r;

	if (server_fd < 0 || q->len > c->n)
		return -EINVAL;
	nc = calloc(1, sizeof(*nc));
	if (!nc)
		return -ENOMEM;
	nc->fd = -1;
	nc->pfds = calloc(q->len ? q->len : 1, sizeof(*nc->pfds));
	if (!nc->pfds) {
		free(nc);
		return -ENOMEM;
	}
	for (uint64_t i = 0; i < q->len; i++) {
		struct ualg_pfd *f;

		r = read_full(stream, &rid, sizeof(rid));
		if (r < 0) {
			conn_free(nc, false);
			return r;
		}
		f = conn_find(c, rid);
		if (f) {
			atomic_fetch_add(&f->refs, 1);
			nc->pfds[nc->n++] = f;
		}
	}
	nc->fd = server_fd;
	pthread_mutex_lock(&share_lock);
	nc->next = conns;
	conns = nc;
	pthread_mutex_unlock(&share_lock);
	r = spawn(serve, nc);
	if (r < 0) {
		/* never served: unlisted and freed by nobody else */
		pthread_mutex_lock(&share_lock);
		for (struct conn **p = &conns; *p; p = &(*p)->next)
			if (*p == nc) {
				*p = nc->next;
				break;
			}
		pthread_mutex_unlock(&share_lock);
		nc->fd = -1; /* the caller closes server_fd */
		conn_free(nc, false);
	}
	return r;
}

static void dispatch(struct conn *c, const struct req *q, int fds[2])
{
	struct ualg_pfd *f;
	struct job *j;
	int r;

	/* a worker may hold its stream long (a blocking recv): out of the application's range */
	fds[0] = ualg_fd_internal(fds[0]);
	if (q->op == REQ_CONNECT) {
		if (fds[1] >= 0)
			fds[1] = ualg_fd_internal(fds[1]);
		r = do_connect(c, q, fds[0], fds[1]);
		if (r < 0 && fds[1] >= 0)
			(void)ualg_real_close(fds[1]);
		(void)reply(fds[0], r);
		(void)ualg_real_close(fds[0]);
		return;
	}
	if (fds[1] >= 0)
		(void)ualg_real_close(fds[1]);
	f = conn_find(c, q->rid);
	if (!f || (q->op != REQ_SEND && q->op != REQ_RECV)) {
		(void)reply(fds[0], -EBADF);
		(void)ualg_real_close(fds[0]);
		return;
	}
	if (q->len > DATA_MAX || (q->op == REQ_SEND && q->controllen > CONTROL_MAX) ||
	    !(j = malloc(sizeof(*j)))) {
		(void)reply(fds[0], -ENOMEM);
		(void)ualg_real_close(fds[0]);
		return;
	}
	atomic_fetch_add(&f->refs, 1);
	*j = (struct job){.f = f, .fd = fds[0], .q = *q};
	r = spawn(work, j);
	if (r < 0) {
		(void)reply(fds[0], r);
		(void)ualg_real_close(fds[0]);
		ualg_pfd_put(f);
		free(j);
	}
}

/* one connection's thread: requests until the child has gone */
static void *serve(void *arg)
{
	struct conn *c = arg;
	struct req q;
	int fds[2];
	ssize_t r;

	for (;;) {
		r = recv_req(c->fd, &q, fds);
		if (r == -EINTR)
			continue;
		if (r <= 0)
			break;
		if (fds[0] < 0 || r != (ssize_t)sizeof(q)) {
			for (int i = 0; i < 2; i++)
				if (fds[i] >= 0)
					(void)ualg_real_close(fds[i]);
			continue;
		}
		dispatch(c, &q, fds);
	}
	pthread_mutex_lock(&share_lock);
	for (struct conn **p = &conns; *p; p = &(*p)->next)
		if (*p == c) {
			*p = c->next;
			break;
		}
	pthread_mutex_unlock(&share_lock);
	conn_free(c, true);
	return NULL;
}

/* ---- the process using a socket it does not own ---- */

/*
 * The msghdr and iovec array brought in (from the application when user,
 * EFAULT as the kernel gives it; else they are the preload's): *msg is
 * then ours, with msg_iov a malloc'd copy (freed by the caller); the data
 * and control bytes stay the application's, sent and received with real
 * system calls, which answer EFAULT themselves. A receive buffer must be
 * writable before the owner consumes anything for it.
 */
static int import(const struct msghdr *umsg, struct msghdr *msg, bool out, bool user)
{
	struct iovec *iov;
	size_t n;

	if (!user)
		*msg = *umsg;
	else if (ualg_copy_from_user(msg, umsg, sizeof(*msg)) < 0)
		return -EFAULT;
	n = msg->msg_iovlen;
	if (n > IOV_MAX)
		return -EMSGSIZE;
	iov = malloc((n ? n : 1) * sizeof(*iov));
	if (!iov)
		return -ENOMEM;
	if (!user)
		memcpy(iov, msg->msg_iov, n * sizeof(*iov));
	else if (ualg_copy_from_user(iov, msg->msg_iov, n * sizeof(*iov)) < 0) {
		free(iov);
		return -EFAULT;
	}
	msg->msg_iov = iov;
	for (size_t i = 0; !out && i < n; i++) {
		if (ualg_uaccess_prefix(iov[i].iov_base, iov[i].iov_len, true) < iov[i].iov_len) {
			free(iov);
			return -EFAULT;
		}
	}
	return 0;
}

/* recvmsg's write-back to the caller's msghdr (no address, no control data) */
static int export(struct msghdr *umsg, const struct msghdr *msg)
{
	static const socklen_t zero_len;
	static const __typeof__(msg->msg_controllen) zero_ctl;

	if (msg->msg_name && ualg_copy_to_user(&umsg->msg_namelen, &zero_len, sizeof(zero_len)) < 0)
		return -EFAULT;
	if (ualg_copy_to_user(&umsg->msg_flags, &msg->msg_flags, sizeof(msg->msg_flags)) < 0)
		return -EFAULT;
	return ualg_copy_to_user(&umsg->msg_controllen, &zero_ctl, sizeof(zero_ctl));
}

/* the bytes of msg's iovec, -EINVAL past SSIZE_MAX */
static ssize_t iov_total(const struct msghdr *msg)
{
	size_t t = 0;

	for (size_t i = 0; i < msg->msg_iovlen; i++) {
		if (msg->msg_iov[i].iov_len > SSIZE_MAX - t)
			return -EINVAL;
		t += msg->msg_iov[i].iov_len;
	}
	return (ssize_t)t;
}

static bool owner_gone(int e)
{
	return e == -EPIPE || e == -ECONNRESET || e == -ECONNREFUSED || e == -ENOTCONN;
}

/* one call served by the owner; *gone when the owner is no more */
static ssize_t forward(struct ualg_pfd *f, int conn, uint32_t op, struct msghdr *msg, int flags,
		       bool *gone)
{
	struct req q = {.op = op, .flags = flags, .rid = f->rid};
	ssize_t total = iov_total(msg);
	struct rep rp;
	int sv[2], r;

	if (total < 0)
		return total;
	q.len = (uint64_t)total;
	if (op == REQ_SEND && msg->msg_control)
		q.controllen = msg->msg_controllen;
	if (q.len > DATA_MAX || q.controllen > CONTROL_MAX)
		return -ENOMEM;
	r = sys_ret(ualg_real_socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	if (r < 0)
		return r;
	r = send_req(conn, &q, &sv[1], 1);
	(void)ualg_real_close(sv[1]);
	/* the call may block long: keep its end out of the application's fd range */
	if (!r)
		sv[0] = ualg_fd_internal(sv[0]);
	for (size_t i = 0; !r && op == REQ_SEND && i < msg->msg_iovlen; i++)
		r = write_full(sv[0], msg->msg_iov[i].iov_base, msg->msg_iov[i].iov_len);
	if (!r && q.controllen)
		r = write_full(sv[0], msg->msg_control, q.controllen);
	if (!r)
		r = read_full(sv[0], &rp, sizeof(rp));
	if (!r && op == REQ_RECV && rp.ret > 0) {
		size_t left = (size_t)rp.ret;

		if (rp.ret > total)
			r = -EPROTO;
		for (size_t i = 0; !r && left && i < msg->msg_iovlen; i++) {
			size_t k = msg->msg_iov[i].iov_len < left ? msg->msg_iov[i].iov_len : left;

			r = read_full(sv[0], msg->msg_iov[i].iov_base, k);
			left -= k;
		}
	}
	(void)ualg_real_close(sv[0]);
	if (r < 0) {
		*gone = owner_gone(r);
		return r;
	}
	if (op == REQ_RECV)
		msg->msg_flags = rp.msg_flags;
	return (ssize_t)rp.ret;
}

/* the owner is gone: take the socket over if our copy is exact, else -EIO */
static int adopt(struct ualg_pfd *f)
{
	int r = 0;

	bool taken = false;

	pthread_mutex_lock(&share_lock);
	if (atomic_load(&f->conn) != UALG_PFD_LOCAL) {
		if (atomic_load(&f->gen) && atomic_load(atomic_load(&f->gen)) == f->gen_fork) {
			atomic_store(&f->conn, UALG_PFD_LOCAL);
			taken = true;
		} else {
			r = -EIO;
		}
	}
	pthread_mutex_unlock(&share_lock);
	/* the owner mirrored U's readiness until now; from here on we do */
	if (taken)
		ualg_pfd_resync(f);
	return r;
}

static ssize_t local(struct ualg_pfd *f, uint32_t op, struct msghdr *msg, int flags, bool user)
{
	count(f);
	if (op == REQ_SEND)
		return user ? ualg_sock_sendmsg(f->sk, msg, flags)
			    : ualg_sock_sendmsg_kernel(f->sk, msg, flags);
	return user ? ualg_sock_recvmsg(f->sk, msg, flags)
		    : ualg_sock_recvmsg_kernel(f->sk, msg, flags);
}

static ssize_t remote(struct ualg_pfd *f, int conn, uint32_t op, struct msghdr *umsg, int flags,
		      bool user)
{
	bool gone = conn < 0;
	struct msghdr msg;
	ssize_t r = 0;
	int e;

	if (conn >= 0) {
		r = import(umsg, &msg, op == REQ_SEND, user);
		if (r < 0)
			return r;
		r = forward(f, conn, op, &msg, flags, &gone);
		if (!user && !gone && r >= 0 && op == REQ_RECV)
			umsg->msg_flags = msg.msg_flags;
		if (user && !gone && r >= 0 && op == REQ_RECV) {
			e = export(umsg, &msg);
			if (e < 0)
				r = e;
		}
		free(msg.msg_iov);
		if (!gone)
			return r;
	}
	r = adopt(f);
	return r < 0 ? r : local(f, op, umsg, flags, user);
}

/* see preload.h */
ssize_t ualg_pfd_sendmsg(struct ualg_pfd *f, const struct msghdr *msg, int flags, bool user)
{
	int conn = atomic_load_explicit(&f->conn, memory_order_acquire);
	ssize_t r;

	if (__builtin_expect(conn == UALG_PFD_LOCAL, 1))
		r = local(f, REQ_SEND, (struct msghdr *)msg, flags, user);
	else
		r = remote(f, conn, REQ_SEND, (struct msghdr *)msg, flags, user);
	ualg_audit_sent(f, r);
	return r;
}

/* see preload.h */
ssize_t ualg_pfd_recvmsg(struct ualg_pfd *f, struct msghdr *msg, int flags, bool user)
{
	int conn = atomic_load_explicit(&f->conn, memory_order_acquire);

	if (__builtin_expect(conn == UALG_PFD_LOCAL, 1))
		return local(f, REQ_RECV, msg, flags, user);
	return remote(f, conn, REQ_RECV, msg, flags, user);
}

/* ---- fork ---- */

static struct group *plan_group(int conn)
{
	struct group *g;

	for (size_t i = 0; i < plan_n; i++)
		if (plan[i].conn == conn)
			return &plan[i];
	g = realloc(plan, (plan_n + 1) * sizeof(*plan));
	if (!g)
		return NULL;
	plan = g;
	g = &plan[plan_n++];
	*g = (struct group){.conn = conn, .child_fd = -1};
	return g;
}

static void plan_add(struct ualg_pfd *f, void *arg)
{
	int conn = atomic_load(&f->conn);
	struct group *g;
	void *p;

	(void)arg;
	if (!f->sk || !ualg_sock_is_op(f->sk))
		return;
	/* the child's copy is exact at the count of now if we hold the state */
	if (conn == UALG_PFD_LOCAL) {
		/* we keep mirroring U's readiness for the child, even once our fds are gone */
		ualg_fd_keep_reachable_locked(f);
		if (!atomic_load(&f->gen))
			atomic_store(&f->gen, gen_alloc());
		f->fork_gen = atomic_load(&f->gen) ? atomic_load(atomic_load(&f->gen)) : 0;
	} else {
		f->fork_gen = f->gen_fork;
	}
	f->fork_conn = UALG_PFD_ORPHAN;
	if (conn == UALG_PFD_ORPHAN)
		return;
	g = plan_group(conn);
	if (!g)
		return;
	if (g->n == g->cap) {
		p = realloc(g->pfds, (g->cap ? 2 * g->cap : 8) * sizeof(*g->pfds));
		if (!p)
			return;
		g->pfds = p;
		g->cap = g->cap ? 2 * g->cap : 8;
	}
	g->pfds[g->n++] = f;
}

/* a connection for the child to our own sockets */
static void plan_own(struct group *g)
{
	struct conn *c = calloc(1, sizeof(*c));
	int sv[2];

	if (!c ||
	    sys_ret(ualg_real_socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) < 0) {
		free(c);
		return;
	}
	c->fd = ualg_fd_internal(sv[1]);
	c->n = g->n;
	c->pfds = g->pfds; /* the connection takes the array */
	g->pfds = NULL;
	g->srv = c;
	g->child_fd = ualg_fd_internal(sv[0]);
	for (size_t i = 0; i < c->n; i++) {
		atomic_fetch_add(&c->pfds[i]->refs, 1);
		c->pfds[i]->fork_conn = g->child_fd;
	}
}

/* a connection for the child to the owner of sockets we use */
static void plan_remote(struct group *g)
{
	struct req q = {.op = REQ_CONNECT, .len = g->n};
	int sv[2], st[2], fds[2], r;
	struct rep rp;

	if (sys_ret(ualg_real_socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv)) < 0)
		return;
	if (sys_ret(ualg_real_socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, st)) < 0) {
		(void)ualg_real_close(sv[0]);
		(void)ualg_real_close(sv[1]);
		return;
	}
	fds[0] = st[1];
	fds[1] = sv[1];
	r = send_req(g->conn, &q, fds, 2);
	(void)ualg_real_close(st[1]);
	(void)ualg_real_close(sv[1]);
	for (size_t i = 0; !r && i < g->n; i++)
		r = write_full(st[0], &g->pfds[i]->rid, sizeof(uint64_t));
	if (!r)
		r = read_full(st[0], &rp, sizeof(rp));
	(void)ualg_real_close(st[0]);
	if (r || rp.ret < 0) {
		(void)ualg_real_close(sv[0]);
		return;
	}
	g->child_fd = ualg_fd_internal(sv[0]);
	for (size_t i = 0; i < g->n; i++)
		g->pfds[i]->fork_conn = g->child_fd;
}

/* see preload.h */
void ualg_share_prepare(void)
{
	pthread_mutex_lock(&share_lock);
	plan = NULL;
	plan_n = 0;
	ualg_fd_foreach_locked(plan_add, NULL);
	for (size_t i = 0; i < plan_n; i++) {
		if (plan[i].conn == UALG_PFD_LOCAL)
			plan_own(&plan[i]);
		else
			plan_remote(&plan[i]);
	}
}

static void plan_free(void)
{
	for (size_t i = 0; i < plan_n; i++)
		free(plan[i].pfds);
	free(plan);
	plan = NULL;
	plan_n = 0;
}

/* see preload.h */
void ualg_share_parent(void)
{
	for (size_t i = 0; i < plan_n; i++) {
		struct group *g = &plan[i];

		if (g->child_fd >= 0)
			(void)ualg_real_close(g->child_fd);
		if (!g->srv)
			continue;
		g->srv->next = conns;
		conns = g->srv;
		if (spawn(serve, g->srv) < 0) {
			conns = g->srv->next;
			conn_free(g->srv, true);
		}
	}
	plan_free();
	pthread_mutex_unlock(&share_lock);
}

/* in the child: every op socket takes what prepare decided for it */
static void child_apply(struct ualg_pfd *f, void *arg)
{
	(void)arg;
	if (!f->sk || !ualg_sock_is_op(f->sk))
		return;
	if (atomic_load(&f->conn) == UALG_PFD_LOCAL)
		f->rid = (uintptr_t)f;
	f->gen_fork = f->fork_gen;
	atomic_store(&f->conn, f->fork_conn);
	/* the owner mirrors; our dup of U would only hold an fd */
	ualg_fd_unreachable_locked(f);
}

/* see preload.h */
void ualg_share_child(void)
{
	struct conn *c, *next;

	/* the parent's connections and counters are the parent's */
	gen_page = NULL;
	for (c = conns; c; c = next) {
		next = c->next;
		conn_free(c, true);
	}
	conns = NULL;
	ualg_fd_foreach_locked(child_apply, NULL);
	for (size_t i = 0; i < plan_n; i++) {
		struct group *g = &plan[i];

		/* our connection to the owner is the parent's; ours is child_fd */
		if (g->conn >= 0)
			(void)ualg_real_close(g->conn);
		if (g->srv)
			conn_free(g->srv, true);
	}
	plan_free();
	pthread_mutex_unlock(&share_lock);
}
