/* SPDX-License-Identifier: MIT */
/*
 * Linux AIO (io_submit and friends, spec §13) on emulated sockets, reached
 * through glibc's syscall(): glibc has no io_submit wrapper, so libkcapi
 * and others call syscall(__NR_io_submit, ...), which the preload
 * interposes (wrap.c) and routes here.
 *
 * Implementation Notes
 *
 * Contexts stay the kernel's: io_setup and io_destroy go to the kernel, so
 * a context mixing real files and emulated sockets works, and the
 * aio_context_t the application holds is a real one. io_submit splits the
 * iocb array in order:
 *
 *  - an iocb whose fd is an emulated socket and whose opcode is a read or
 *    write (PREAD, PREADV, PWRITE, PWRITEV) is served synchronously inside
 *    io_submit, as 7.2 does for AF_ALG (spec §13: "completes synchronously
 *    inside io_submit"); its io_event (data, obj, res = bytes or -errno) is
 *    queued in userspace for the context, and an IOCB_FLAG_RESFD eventfd is
 *    signalled with 1;
 *  - every other iocb (real fds, and POLL/FSYNC/NOOP on emulated ones,
 *    whose fd is a real socket mirroring the emulation's readiness) goes to
 *    the kernel in a batch of consecutive real iocbs.
 *
 * As the kernel does, io_submit stops at the first iocb that cannot be
 * queued and returns how many were, or that iocb's error when none was.
 * Emulated completions are bounded by the nr_events of io_setup (EAGAIN).
 *
 * io_getevents / io_pgetevents first hand out queued emulated events, then
 * ask the kernel for the rest: for at least min_nr minus what was handed out
 * (with the caller's timeout and signal mask), or without waiting when
 * min_nr is already met. io_cancel of an emulated iocb is EINVAL: it has
 * already completed, like a kernel request that is no longer active.
 *
 * The iocb pointer array, the iocbs and their iovec arrays, and the
 * io_event array are the caller's memory: read and written with the
 * engine's guarded copies (core/uaccess.h), EFAULT where the kernel gives
 * it. A process without an emulated socket (no engine loaded) never looks
 * at them: its AIO calls go straight to the kernel.
 *
 * Known limits: libaio's io_getevents reads the kernel's completion ring
 * directly in one case, and libaio issues its own system calls without
 * syscall(); neither can see emulated completions (libkcapi uses syscall()).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <linux/aio_abi.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/cleanup.h"
#include "core/errno.h"
#include "core/uaccess.h"
#include "preload/preload.h"

#ifndef RWF_NOWAIT
#define RWF_NOWAIT 0x8
#endif

/* the emulated completions of one kernel context */
struct aio_ctx {
	struct aio_ctx *next;
	aio_context_t id;
	unsigned long cap; /* nr_events of io_setup */
	struct io_event *ev;
	size_t n, alloc;
	size_t reserved; /* slots held by submits being served */
};

static pthread_mutex_t ctx_lock = PTHREAD_MUTEX_INITIALIZER;
static struct aio_ctx *ctxs;

static long raw(long nr, long a, long b, long c, long d, long e, long f)
{
	return ualg_real_syscall ? ualg_real_syscall(nr, a, b, c, d, e, f) : ualg_ret(-ENOSYS);
}

/* ctx_lock held */
static struct aio_ctx *ctx_find(aio_context_t id)
{
	struct aio_ctx *c;

	for (c = ctxs; c; c = c->next)
		if (c->id == id)
			return c;
	return NULL;
}

/* ctx_lock held; NULL on ENOMEM */
static struct aio_ctx *ctx_get(aio_context_t id, unsigned long cap)
{
	struct aio_ctx *c = ctx_find(id);

	if (c)
		return c;
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->id = id;
	c->cap = cap;
	c->next = ctxs;
	ctxs = c;
	return c;
}

static void ctx_drop(aio_context_t id)
{
	struct aio_ctx **p, *c;

	pthread_mutex_lock(&ctx_lock);
	for (p = &ctxs; (c = *p); p = &c->next) {
		if (c->id == id) {
			*p = c->next;
			free(c->ev);
			free(c);
			break;
		}
	}
	pthread_mutex_unlock(&ctx_lock);
}

/* io_setup: the kernel's context; remember its size for the emulated queue */
static long aio_setup(const long a[6])
{
	aio_context_t *idp = (aio_context_t *)a[1];
	long r = raw(__NR_io_setup, a[0], a[1], a[2], a[3], a[4], a[5]);

	if (r == 0) {
		pthread_mutex_lock(&ctx_lock);
		(void)ctx_get(*idp, (unsigned int)a[0]);
		pthread_mutex_unlock(&ctx_lock);
	}
	return r;
}

static long aio_destroy(const long a[6])
{
	long r = raw(__NR_io_destroy, a[0], a[1], a[2], a[3], a[4], a[5]);

	if (r == 0)
		ctx_drop((aio_context_t)a[0]);
	return r;
}

static bool is_rw(unsigned int op)
{
	return op == IOCB_CMD_PREAD || op == IOCB_CMD_PREADV || op == IOCB_CMD_PWRITE ||
	       op == IOCB_CMD_PWRITEV;
}

/* an iocb the emulation serves: a read or write on an emulated socket */
static bool emulated_iocb(const struct iocb *cb)
{
	uintptr_t v = ualg_fd_peek((int)cb->aio_fildes);

	return is_rw(cb->aio_lio_opcode) && v && !(v & UALG_FD_INTERNAL);
}

/*
 * iocbpp[i] and the iocb it points to, copied into *cb: 0, or -EFAULT
 * (the kernel answers that iocb the same way: it is left to the kernel).
 */
static int get_iocb(struct iocb *const *iocbpp, long i, struct iocb **ret_u, struct iocb *cb)
{
	struct iocb *u;

	if (ualg_copy_from_user(&u, &iocbpp[i], sizeof(u)) < 0 ||
	    ualg_copy_from_user(cb, u, sizeof(*cb)) < 0)
		return -EFAULT;
	*ret_u = u;
	return 0;
}

/* iocbpp[i] is readable and an emulated read or write */
static bool emulated_at(struct iocb *const *iocbpp, long i)
{
	struct iocb cb, *u;

	return get_iocb(iocbpp, i, &u, &cb) == 0 && emulated_iocb(&cb);
}

/* eventfd_ctx_fdget: 0 for an eventfd, -EBADF for no fd, -EINVAL for another file */
static int is_eventfd(int fd)
{
	char path[64], link[64];
	ssize_t n;

	if (ualg_real_fcntl(fd, F_GETFD) < 0)
		return -EBADF;
	(void)snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		return -EINVAL;
	link[n] = 0;
	return strcmp(link, "anon_inode:[eventfd]") ? -EINVAL : 0;
}

/*
 * Serve one emulated iocb (io_submit_one + aio_read/aio_write +
 * sock_read_iter/sock_write_iter). Returns the submit error (-errno: the
 * iocb was not queued) or 0 with *res the completion result.
 */
static int serve(const struct iocb *cb, long long *res)
{
	_cleanup_(ualg_pfd_putp) struct ualg_pfd *f = NULL;
	_cleanup_free_ struct iovec *vec = NULL;
	bool out = cb->aio_lio_opcode == IOCB_CMD_PWRITE || cb->aio_lio_opcode == IOCB_CMD_PWRITEV;
	struct iovec one;
	const struct iovec *iov = &one;
	int cnt = 1, flags = 0;
	size_t total = 0;

	if (cb->aio_reserved2 || (int64_t)cb->aio_nbytes < 0)
		return -EINVAL;
	if (cb->aio_rw_flags & ~(RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND))
		return -EOPNOTSUPP;
	f = ualg_fd_get((int)cb->aio_fildes);
	if (!f)
		return -EBADF;
	if (cb->aio_flags & IOCB_FLAG_RESFD) {
		int r = is_eventfd((int)cb->aio_resfd);

		if (r < 0)
			return r;
	}
	if (cb->aio_lio_opcode == IOCB_CMD_PREADV || cb->aio_lio_opcode == IOCB_CMD_PWRITEV) {
		if (cb->aio_nbytes > IOV_MAX)
			return -EINVAL;
		cnt = (int)cb->aio_nbytes;
		vec = malloc(sizeof(*vec) * (cnt ? (size_t)cnt : 1));
		if (!vec)
			return -ENOMEM;
		if (ualg_copy_from_user(vec, (const void *)(uintptr_t)cb->aio_buf,
					sizeof(*vec) * (size_t)cnt) < 0)
			return -EFAULT;
		iov = vec;
	} else {
		one.iov_base = (void *)(uintptr_t)cb->aio_buf;
		one.iov_len = (size_t)cb->aio_nbytes;
	}
	for (int i = 0; i < cnt; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - total)
			return -EINVAL;
		total += iov[i].iov_len;
	}
	/* sock_read_iter / sock_write_iter */
	if (cb->aio_offset) {
		*res = -ESPIPE;
		return 0;
	}
	if (!total && !out) {
		*res = 0;
		return 0;
	}
	if (cb->aio_rw_flags & RWF_NOWAIT)
		flags |= MSG_DONTWAIT;
	*res = ualg_pfd_rw(f, iov, cnt, out, flags);
	return 0;
}

/* cb: our copy of the iocb at u */
static void complete(struct aio_ctx *c, const struct iocb *u, const struct iocb *cb, long long res)
{
	c->ev[c->n++] = (struct io_event){
		.data = cb->aio_data,
		.obj = (uint64_t)(uintptr_t)u,
		.res = res,
	};
	if (cb->aio_flags & IOCB_FLAG_RESFD) {
		uint64_t one = 1;

		(void)ualg_real_write((int)cb->aio_resfd, &one, sizeof(one));
	}
}

/* io_submit(ctx, nr, iocbpp) */
static long aio_submit(const long a[6])
{
	aio_context_t id = (aio_context_t)a[0];
	long nr = a[1], done = 0, i, j, r;
	struct iocb **cbs = (struct iocb **)a[2];
	struct io_event zero_ev;
	struct timespec zero = {0};
	struct iocb cb, *u;
	struct aio_ctx *c;
	long long res = 0;
	bool any = false;

	if (nr > 0 && ualg_engine_loaded()) {
		for (i = 0; i < nr && !any; i++)
			any = emulated_at(cbs, i);
	}
	if (!any)
		return raw(__NR_io_submit, a[0], a[1], a[2], a[3], a[4], a[5]);
	/* the context must be a live one: io_getevents with nr 0 checks that */
	r = raw(__NR_io_getevents, (long)id, 0, 0, (long)&zero_ev, (long)&zero, 0);
	if (r < 0)
		return r;
	for (i = 0; i < nr;) {
		if (get_iocb(cbs, i, &u, &cb) < 0) /* io_submit's get_user/copy_from_user */
			return done ? done : ualg_ret(-EFAULT);
		if (!emulated_iocb(&cb)) {
			/* a run of real iocbs goes to the kernel as one batch */
			for (j = i + 1; j < nr && !emulated_at(cbs, j); j++)
				;
			r = raw(__NR_io_submit, (long)id, j - i, (long)&cbs[i], 0, 0, 0);
			if (r < 0)
				return done ? done : r;
			done += r;
			if (r < j - i)
				return done;
			i = j;
			continue;
		}
		pthread_mutex_lock(&ctx_lock);
		c = ctx_get(id, 0);
		if (!c || (c->cap && c->n + c->reserved >= c->cap)) {
			pthread_mutex_unlock(&ctx_lock);
			return done ? done : ualg_ret(c ? -EAGAIN : -ENOMEM);
		}
		if (c->n + c->reserved == c->alloc) {
			size_t want = c->alloc ? c->alloc * 2 : 16;
			struct io_event *ev = realloc(c->ev, want * sizeof(*ev));

			if (!ev) {
				pthread_mutex_unlock(&ctx_lock);
				return done ? done : ualg_ret(-ENOMEM);
			}
			c->ev = ev;
			c->alloc = want;
		}
		c->reserved++; /* the slot stays ours until complete() */
		pthread_mutex_unlock(&ctx_lock);
		/* served without the lock: a blocking read must not stall other contexts */
		r = serve(&cb, &res);
		pthread_mutex_lock(&ctx_lock);
		c = ctx_find(id); /* NULL if io_destroy ran meanwhile */
		if (c) {
			c->reserved--;
			if (r == 0)
				complete(c, u, &cb, res);
		}
		pthread_mutex_unlock(&ctx_lock);
		if (r < 0)
			return done ? done : ualg_ret(r);
		done++;
		i++;
	}
	return done;
}

/* hand out up to max queued emulated events of id; -EFAULT leaves them queued */
static long take(aio_context_t id, struct io_event *ev, long max)
{
	struct aio_ctx *c;
	long n = 0;

	if (max <= 0 || !ualg_engine_loaded())
		return 0;
	pthread_mutex_lock(&ctx_lock);
	c = ctx_find(id);
	if (c && c->n) {
		n = (long)c->n < max ? (long)c->n : max;
		if (ualg_copy_to_user(ev, c->ev, (size_t)n * sizeof(*ev)) < 0) {
			pthread_mutex_unlock(&ctx_lock);
			return -EFAULT;
		}
		memmove(c->ev, c->ev + n, (c->n - (size_t)n) * sizeof(*ev));
		c->n -= (size_t)n;
	}
	pthread_mutex_unlock(&ctx_lock);
	return n;
}

/* io_getevents(ctx, min_nr, nr, events, timeout[, sig]) */
static long aio_getevents(long sysno, const long a[6])
{
	aio_context_t id = (aio_context_t)a[0];
	long min_nr = a[1], nr = a[2], got, r;
	struct io_event *ev = (struct io_event *)a[3];
	struct timespec zero = {0};

	if (min_nr < 0 || nr < 0 || min_nr > nr || !ev)
		return raw(sysno, a[0], a[1], a[2], a[3], a[4], a[5]);
	got = take(id, ev, nr);
	if (got < 0)
		return ualg_ret(got);
	if (!got)
		return raw(sysno, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (got >= min_nr)
		r = raw(sysno, a[0], 0, nr - got, (long)(ev + got), (long)&zero, a[5]);
	else
		r = raw(sysno, a[0], min_nr - got, nr - got, (long)(ev + got), a[4], a[5]);
	/* events already taken are delivered even when the kernel part fails */
	return r < 0 ? got : got + r;
}

/* io_cancel(ctx, iocb, result) */
static long aio_cancel(const long a[6])
{
	struct iocb *const u = (struct iocb *)a[1];
	struct iocb cb;

	if (ualg_engine_loaded() && ualg_copy_from_user(&cb, u, sizeof(cb)) == 0 &&
	    emulated_iocb(&cb))
		return ualg_ret(-EINVAL);
	return raw(__NR_io_cancel, a[0], a[1], a[2], a[3], a[4], a[5]);
}

/* see preload.h */
void ualg_aio_atfork_prepare(void)
{
	pthread_mutex_lock(&ctx_lock);
}

/* see preload.h */
void ualg_aio_atfork_parent(void)
{
	pthread_mutex_unlock(&ctx_lock);
}

/* see preload.h */
void ualg_aio_atfork_child(void)
{
	struct aio_ctx *c, *next;

	/* AIO contexts are the parent's: a child has none (io_setup again) */
	for (c = ctxs; c; c = next) {
		next = c->next;
		free(c->ev);
		free(c);
	}
	ctxs = NULL;
	pthread_mutex_unlock(&ctx_lock);
}

/* see preload.h */
long ualg_aio_syscall(long sysno, const long a[6], bool *handled)
{
	*handled = true;
	switch (sysno) {
	case __NR_io_setup:
		return aio_setup(a);
	case __NR_io_destroy:
		return aio_destroy(a);
	case __NR_io_submit:
		return aio_submit(a);
	case __NR_io_getevents:
#ifdef __NR_io_pgetevents
	case __NR_io_pgetevents:
#endif
		return aio_getevents(sysno, a);
	case __NR_io_cancel:
		return aio_cancel(a);
	default:
		*handled = false;
		return 0;
	}
}
