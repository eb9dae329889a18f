/* SPDX-License-Identifier: MIT */
/*
 * Implementation Notes: the transmit context shared by skcipher and aead op
 * sockets (crypto/af_alg.c: af_alg_sendmsg, af_alg_wait_for_wmem,
 * af_alg_pull_tsgl, af_alg_get_rsgl, af_alg_poll; include/crypto/if_alg.h:
 * af_alg_sndbuf, af_alg_writable, af_alg_rcvbuf, af_alg_readable).
 *
 * State (spec §2): used (queued bytes), more (the last complete sendmsg had
 * MSG_MORE), init (a request has been started), enc, iv, assoclen, write (a
 * sendmsg is in progress), and the skcipher NOTFINAL state.
 *
 * Transitions:
 *   sendmsg: EBUSY while another sendmsg runs; EINVAL if init && !more &&
 *     used (a complete request is unread); init = 1; a message with control
 *     data sets enc, the IV if given, and assoclen (0 unless given); data is
 *     appended (tail of the last page first, then in budget-sized pieces,
 *     waiting for budget); only a fully copied message updates more.
 *   pull (recv): used -= n; when the queue empties, init = more.
 *
 * The queue is one contiguous buffer (head offset + used): the cipher reads
 * it in place. "Pages" exist only as the bookkeeping that decides how much
 * a send accepts (merge = free bytes in the last page) and how much option
 * memory the queue costs.
 *
 * Data in the queue is wiped when the buffer is freed (a larger one
 * replaces it, or the socket is released), not as each request consumes
 * it (docs/secrets.md).
 *
 * One pass for the common request (ualg_sock_ops.send_one/recv_one): a
 * sendmsg of one iovec and small control data onto an empty queue whose
 * buffer is there, within the send budget; a recv of exactly the queued
 * complete request into one segment. Each checks every condition that
 * could make the generic path do anything else (wait, allocate, charge
 * more, fail, keep a partial count) before it changes anything, and
 * otherwise returns false untouched: the generic path then runs from the
 * start and gives the kernel's answer, faults included. So the fast paths
 * hold no rule of their own; they are the generic path's outcome for a
 * subset of states, computed without the iterator, the page loop and the
 * generic msghdr import.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <unistd.h>

#include "core/ct.h"
#include "core/uaccess.h"
#include "sock/internal.h"
#include "core/lines.h"

#define PAGE UALG_PAGE_SIZE

static struct ualg_sock_ctx *ctx_of(struct ualg_sock *sk)
{
	return sk->priv;
}

static size_t tsgl_cost(size_t used)
{
	size_t pages;

	if (used <= (size_t)UALG_TSGL_PAGES * PAGE)
		return used ? UALG_OMEM_TSGL : 0; /* one tsgl holds the common request */
	pages = (used + PAGE - 1) / PAGE;
	return (pages + UALG_TSGL_PAGES - 1) / UALG_TSGL_PAGES * UALG_OMEM_TSGL;
}

/* sk_sndbuf / sk_rcvbuf as af_alg_sndbuf/af_alg_rcvbuf see them: whole pages, at least one */
static size_t buf_lim(int v)
{
	size_t lim = (size_t)v & ~(size_t)(PAGE - 1);

	return lim < PAGE ? PAGE : lim;
}

/* the most one rsgl maps from p on: ALG_MAX_PAGES pages of user memory */
static size_t rsgl_span(const uint8_t *p)
{
	return UALG_MAX_PAGES * PAGE - ((uintptr_t)p & (PAGE - 1));
}

/* see sock/internal.h */
int ualg_sock_ctx_new(struct ualg_sock *sk, unsigned int ivsize, size_t statesize)
{
	struct ualg_sock_ctx *ctx;
	int r;

	if (ivsize > UALG_MAX_IVSIZE)
		return -EINVAL;
	r = ualg_sock_omem_charge(sk, UALG_OMEM_CTX + ivsize);
	if (r < 0)
		return r;
	ctx = ualg_calloc_lines(sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	if (statesize) {
		ctx->state = calloc(1, statesize);
		if (!ctx->state) {
			free(ctx);
			return -ENOMEM;
		}
	}
	ctx->ivsize = ivsize;
	ctx->statesize = statesize;
	sk->priv = ctx;
	return 0;
}

/* see sock/internal.h */
void ualg_sock_ctx_free(struct ualg_sock *sk)
{
	struct ualg_sock_ctx *ctx = ctx_of(sk);

	if (!ctx)
		return;
	ualg_free_secret(ctx->buf, ctx->cap);
	ualg_free_secret(ctx->state, ctx->statesize);
	ualg_free_secret(ctx, sizeof(*ctx));
	sk->priv = NULL;
}

/* see sock/internal.h */
void ualg_sock_ctx_release(struct ualg_sock *sk)
{
	ualg_sock_ctx_free(sk);
}

/* see sock/internal.h */
size_t ualg_sock_ctx_sndbuf(const struct ualg_sock *sk)
{
	const struct ualg_sock_ctx *ctx = sk->priv;
	size_t lim = buf_lim(sk->sndbuf);

	return lim > ctx->used ? lim - ctx->used : 0;
}

/* see sock/internal.h */
bool ualg_sock_ctx_writable(const struct ualg_sock *sk)
{
	return ualg_sock_ctx_sndbuf(sk) >= PAGE;
}

/* see sock/internal.h */
unsigned int ualg_sock_ctx_poll(struct ualg_sock *sk)
{
	struct ualg_sock_ctx *ctx = ctx_of(sk);
	unsigned int m = 0;

	if (!ctx->more || ctx->used)
		m |= POLLIN | POLLRDNORM;
	if (ualg_sock_ctx_writable(sk))
		m |= POLLOUT | POLLWRNORM | POLLWRBAND;
	return m;
}

/* room for n more bytes at the tail; moves the queue to the front first */
static int ctx_reserve(struct ualg_sock_ctx *ctx, size_t n)
{
	uint8_t *nb;
	size_t want;

	if (ctx->head && ctx->head + ctx->used + n > ctx->cap) {
		memmove(ctx->buf, ctx->buf + ctx->head, ctx->used);
		ctx->head = 0;
	}
	if (ctx->used + n <= ctx->cap)
		return 0;
	want = ctx->cap ? ctx->cap : PAGE;
	while (want < ctx->used + n)
		want *= 2;
	nb = malloc(want);
	if (!nb)
		return -ENOMEM;
	if (ctx->used)
		memcpy(nb, ctx->buf + ctx->head, ctx->used);
	ualg_free_secret(ctx->buf, ctx->cap);
	ctx->buf = nb;
	ctx->cap = want;
	ctx->head = 0;
	return 0;
}

/*
 * Queue n bytes of the caller's; *ret_n is how many were. A fault is
 * -EFAULT, and what memcpy_from_msg would have kept: nothing of the piece
 * that fills the last page (whole), else the whole pages before the
 * unreadable one.
 */
static int ctx_append(struct ualg_sock *sk, struct ualg_iter *it, size_t n, bool whole,
		      size_t *ret_n)
{
	struct ualg_sock_ctx *ctx = ctx_of(sk);
	size_t before = tsgl_cost(ctx->used), after = tsgl_cost(ctx->used + n), ok;
	uint8_t *dst;
	int r;

	*ret_n = 0;
	if (after > before) {
		r = ualg_sock_omem_charge(sk, after - before);
		if (r < 0)
			return r;
	}
	r = ctx_reserve(ctx, n);
	if (r < 0) {
		ualg_sock_omem_uncharge(sk, after - before);
		return r;
	}
	dst = ctx->buf + ctx->head + ctx->used;
	r = ualg_iter_copy_from(it, dst, n);
	if (r >= 0) {
		ctx->used += n;
		*ret_n = n;
		return 0;
	}
	ualg_wipe(dst, n);
	ok = whole ? 0 : ualg_iter_accessible(it, n, false) / PAGE * PAGE;
	if (ok && ualg_iter_copy_from(it, dst, ok) < 0)
		ok = 0;
	ctx->used += ok;
	*ret_n = ok;
	ualg_sock_omem_uncharge(sk, after - tsgl_cost(ctx->used));
	return -EFAULT;
}

/* see sock/internal.h */
void ualg_sock_ctx_pull(struct ualg_sock *sk, size_t n)
{
	struct ualg_sock_ctx *ctx = ctx_of(sk);
	size_t before = tsgl_cost(ctx->used);

	if (n > ctx->used)
		n = ctx->used;
	ctx->head += n;
	ctx->used -= n;
	ualg_sock_omem_uncharge(sk, before - tsgl_cost(ctx->used));
	if (!ctx->used) {
		ctx->head = 0;
		ctx->merge = 0;
		ctx->init = ctx->more;
	}
}

/* a message starts the request: its control data, if any, sets op, IV and assoclen */
static void ctx_start(struct ualg_sock_ctx *ctx, const struct ualg_sock_cmsg *con)
{
	ctx->init = true;
	if (con->present) {
		ctx->enc = con->op == UALG_ALG_OP_ENCRYPT;
		if (con->has_iv) {
			memcpy(ctx->iv, con->iv, ctx->ivsize);
			ctx->iv_later.owed = 0;
		}
		ctx->assoclen = con->assoclen;
	}
}

static bool ctx_writable_ready(struct ualg_sock *sk)
{
	return ualg_sock_ctx_writable(sk);
}

/* see sock/internal.h */
ssize_t ualg_sock_ctx_sendmsg(struct ualg_sock *sk, const struct msghdr *msg, int flags)
{
	struct ualg_sock_ctx *ctx;
	struct ualg_sock_cmsg con;
	struct ualg_iter it;
	size_t copied = 0, done;
	int r;

	r = ualg_sock_cmsg_parse(msg, &con);
	if (r < 0)
		return r;
	if (con.present) {
		if (con.op != UALG_ALG_OP_DECRYPT && con.op != UALG_ALG_OP_ENCRYPT)
			return -EINVAL;
	}
	r = ualg_iter_init(&it, msg);
	if (r < 0)
		return r;

	ualg_sock_lock(sk);
	ctx = ctx_of(sk);
	if (con.present && con.has_iv && con.ivlen != ctx->ivsize) {
		ualg_sock_unlock(sk);
		return -EINVAL;
	}
	if (ctx->write) {
		ualg_sock_unlock(sk);
		return -EBUSY;
	}
	ctx->write = true;
	if (ctx->init && !ctx->more && ctx->used) {
		r = -EINVAL;
		goto unlock;
	}
	ctx_start(ctx, &con);
	while (it.left) {
		size_t n = it.left;

		if (ctx->merge) {
			/* fill the tail of the last page, no budget check */
			if (n > ctx->merge)
				n = ctx->merge;
			r = ctx_append(sk, &it, n, true, &done);
			if (r < 0)
				goto unlock;
			ctx->merge -= n;
			copied += n;
			continue;
		}
		if (!ualg_sock_ctx_writable(sk)) {
			r = ualg_sock_wait(sk, flags, ctx_writable_ready);
			if (r < 0)
				goto unlock;
		}
		if (n > ualg_sock_ctx_sndbuf(sk))
			n = ualg_sock_ctx_sndbuf(sk);
		r = ctx_append(sk, &it, n, false, &done);
		copied += done;
		if (r < 0)
			goto unlock;
		ctx->merge = (PAGE - n % PAGE) % PAGE;
	}
	r = 0;
	ctx->more = flags & MSG_MORE;
unlock:
	ctx->write = false;
	ualg_sock_wake(sk); /* af_alg_data_wakeup; notify either way */
	ualg_sock_unlock(sk);
	return copied ? (ssize_t)copied : r;
}

/*
 * see sock/internal.h. The common request: the queue is empty and nobody
 * else is sending, so no EINVAL (complete request unread) or EBUSY is
 * possible; the data fits the send budget and the buffer there is, so
 * there is no wait and no allocation; its option memory fits. Anything
 * else, any error, and a fault while copying (the partial result is
 * ctx_append's business) leave the state as it was and return false. The
 * bytes a faulting copy left in the buffer lie beyond used: not queued.
 */
bool ualg_sock_ctx_send_one(struct ualg_sock *sk, const struct msghdr *msg, int flags, ssize_t *ret)
{
	const struct iovec *iov = msg->msg_iov;
	struct ualg_sock_ctx *ctx;
	struct ualg_sock_cmsg con;
	size_t len = iov->iov_len;

	if (len > (size_t)SSIZE_MAX || ualg_sock_cmsg_parse(msg, &con) < 0 ||
	    (con.present && con.op != UALG_ALG_OP_DECRYPT && con.op != UALG_ALG_OP_ENCRYPT))
		return false;
	ualg_sock_lock(sk);
	ctx = ctx_of(sk);
	if (ctx->write || ctx->used || ctx->merge || len > ctx->cap ||
	    len > ualg_sock_ctx_sndbuf(sk) ||
	    (con.present && con.has_iv && con.ivlen != ctx->ivsize) ||
	    ualg_sock_omem_charge(sk, tsgl_cost(len)) < 0)
		goto other;
	if (len && ualg_copy_from_user(ctx->buf, iov->iov_base, len) < 0) {
		ualg_sock_omem_uncharge(sk, tsgl_cost(len));
		goto other;
	}
	ctx_start(ctx, &con);
	ctx->head = 0;
	ctx->used = len;
	ctx->merge = (PAGE - len % PAGE) % PAGE;
	ctx->more = flags & MSG_MORE;
	ualg_sock_ctx_wake(sk);
	ualg_sock_unlock(sk);
	*ret = (ssize_t)len;
	return true;

other:
	ualg_sock_unlock(sk);
	return false;
}

/* see sock/internal.h */
bool ualg_sock_ctx_recv_whole(struct ualg_sock *sk, const struct msghdr *msg, uint8_t **ret_p,
			      size_t *ret_len)
{
	const struct ualg_sock_ctx *ctx = ctx_of(sk);
	size_t n = msg->msg_iov[0].iov_len;
	uint8_t *p = msg->msg_iov[0].iov_base;

	if (!ctx->init || ctx->more || !ctx->used || n != ctx->used || n > buf_lim(sk->rcvbuf) ||
	    n > rsgl_span(p) || ualg_uaccess_prefix(p, n, true) < n)
		return false;
	*ret_p = p;
	*ret_len = n;
	return true;
}

/* see sock/internal.h */
int ualg_sock_rx_map(struct ualg_sock *sk, const struct ualg_iter *it0, size_t maxsize,
		     size_t *ret_len, size_t *ret_charge)
{
	struct ualg_iter it = *it0;
	size_t lim = buf_lim(sk->rcvbuf), len = 0, charge = 0, nseg = 0;
	uint8_t *p0;

	/* the common request: the current segment takes it all, within the budget and one rsgl */
	if (ualg_iter_seg(&it, &p0) >= maxsize && maxsize <= lim && maxsize <= rsgl_span(p0)) {
		*ret_len = maxsize;
		*ret_charge = 0;
		return 0;
	}
	while (len < maxsize && it.left) {
		size_t budget = lim - len, seg;
		uint8_t *p;
		int r;

		/* af_alg_readable: at least one page of budget left */
		if (budget < PAGE)
			break;
		seg = ualg_iter_seg(&it, &p);
		if (seg > maxsize - len)
			seg = maxsize - len;
		if (seg > budget)
			seg = budget;
		if (seg > rsgl_span(p))
			seg = rsgl_span(p);
		if (nseg++) {
			r = ualg_sock_omem_charge(sk, UALG_OMEM_RSGL);
			if (r < 0) {
				ualg_sock_omem_uncharge(sk, charge);
				return r;
			}
			charge += UALG_OMEM_RSGL;
		}
		it.off += seg;
		it.left -= seg;
		len += seg;
	}
	*ret_len = len;
	*ret_charge = charge;
	return 0;
}

/* see sock/internal.h */
int ualg_sock_out_begin(struct ualg_sock_out *o, struct ualg_iter *it, size_t n)
{
	uint8_t *p;
	size_t seg = ualg_iter_seg(it, &p);

	*o = (struct ualg_sock_out){.n = n};
	if (seg >= n) {
		o->p = n ? p : o->none;
		return 0;
	}
	o->bounce = malloc(n ? n : 1);
	if (!o->bounce)
		return -ENOMEM;
	o->p = o->bounce;
	return 0;
}

/* see sock/internal.h */
int ualg_sock_out_finish(struct ualg_sock_out *o, struct ualg_iter *it)
{
	int r = 0;

	if (o->bounce) {
		r = ualg_iter_copy_to(it, o->bounce, o->n);
		ualg_free_secret(o->bounce, o->n);
		o->bounce = NULL;
	} else {
		it->off += o->n;
		it->left -= o->n;
	}
	return r;
}

/* see sock/internal.h */
void ualg_sock_out_abort(struct ualg_sock_out *o)
{
	ualg_free_secret(o->bounce, o->n);
	o->bounce = NULL;
}

/* see sock/internal.h */
ssize_t ualg_sock_ctx_recvmsg(struct ualg_sock *sk, struct msghdr *msg, int flags,
			      ssize_t (*one)(struct ualg_sock *sk, struct ualg_iter *it, int flags),
			      bool ebadmsg_wins)
{
	struct ualg_iter it;
	ssize_t ret = 0;
	int r;

	r = ualg_iter_init(&it, msg);
	if (r < 0)
		return r;
	ualg_sock_lock(sk);
	while (it.left) {
		ssize_t n = one(sk, &it, flags);

		if (n <= 0) {
			if (!ret || (ebadmsg_wins && n == -EBADMSG))
				ret = n;
			break;
		}
		ret += n;
	}
	ualg_sock_wake(sk); /* af_alg_wmem_wakeup */
	ualg_sock_unlock(sk);
	return ret;
}
