/* SPDX-License-Identifier: MIT */
/*
 * NETLINK_CRYPTO served from the algorithm registry (see sock/netlink.h for
 * what is answered and how it differs from the kernel).
 *
 * Implementation Notes
 *
 * A request is processed inside sendmsg, as the kernel's netlink_unicast to
 * the crypto_user socket does: every nlmsghdr of the datagram is dispatched
 * (netlink_rcv_skb's loop), replies and acks are appended to the socket's
 * receive queue, and recvmsg hands out one queued datagram per call. A dump
 * is produced in full at once instead of being continued by later recvmsg
 * calls; the datagrams are the same.
 */
#include <errno.h>
#include <linux/capability.h>
#include <linux/cryptouser.h>
#include <linux/netlink.h>
#include <sys/syscall.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cleanup.h"
#include "core/uaccess.h"
#include "sock/internal.h"
#include "sock/netlink.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif
#ifndef NLM_F_CAPPED
#define NLM_F_CAPPED 0x100
#endif

/* crypto_alg.cra_flags bits reported in cru_flags */
#define KF_TYPE_MASK 0xfu
#define KF_TYPE_CIPHER 0x1u
#define KF_TYPE_AEAD 0x3u
#define KF_TYPE_SKCIPHER 0x5u
#define KF_TYPE_RNG 0xcu
#define KF_TYPE_SHASH 0xeu
#define KF_TESTED 0x400u
#define KF_INSTANCE 0x800u
#define KF_INTERNAL 0x2000u
#define KF_OPTIONAL_KEY 0x4000u

/* datagram sizes: a dump's first skb (min_dump_alloc), the default buffers */
#define DUMP_DGRAM_MAX 65535u
#define NL_BUF_DEFAULT 212992
#define NL_BUF_MIN 2304

struct nl_dgram {
	struct nl_dgram *next;
	size_t len;
	uint8_t data[];
};

struct ualg_nlsock {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int ref;
	int type;
	uint32_t portid; /* 0: not bound yet */
	uint32_t groups;
	uint32_t dst_portid, dst_groups;
	int sndbuf, rcvbuf;
	bool cap_ack, ext_ack, strict_chk, pktinfo, no_enobufs, broadcast_error, all_nsid;
	struct nl_dgram *head, **tail;
	void (*notify)(void *arg, unsigned int mask);
	void *notify_arg;
	struct ualg_nlsock *all_prev, *all_next; /* every netlink socket, for fork */
};

static pthread_mutex_t all_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ualg_nlsock *all;

static void list_add(struct ualg_nlsock *nl)
{
	pthread_mutex_lock(&all_lock);
	nl->all_next = all;
	if (all)
		all->all_prev = nl;
	all = nl;
	pthread_mutex_unlock(&all_lock);
}

static void list_del(struct ualg_nlsock *nl)
{
	pthread_mutex_lock(&all_lock);
	if (nl->all_prev)
		nl->all_prev->all_next = nl->all_next;
	else if (all == nl)
		all = nl->all_next;
	if (nl->all_next)
		nl->all_next->all_prev = nl->all_prev;
	pthread_mutex_unlock(&all_lock);
}

/* see sock/netlink.h */
void ualg_nl_fork_prepare(void)
{
	pthread_mutex_lock(&all_lock);
	for (struct ualg_nlsock *nl = all; nl; nl = nl->all_next)
		pthread_mutex_lock(&nl->lock);
}

/* see sock/netlink.h */
void ualg_nl_fork_parent(void)
{
	for (struct ualg_nlsock *nl = all; nl; nl = nl->all_next)
		pthread_mutex_unlock(&nl->lock);
	pthread_mutex_unlock(&all_lock);
}

/* see sock/netlink.h */
void ualg_nl_fork_child(void)
{
	/* the waiters of other threads are gone with them */
	for (struct ualg_nlsock *nl = all; nl; nl = nl->all_next)
		(void)pthread_cond_init(&nl->cond, NULL);
	ualg_nl_fork_parent();
}

/* ---- a growable reply buffer */

struct nl_buf {
	uint8_t *p;
	size_t len, cap;
	int err;
};

static void *buf_put(struct nl_buf *b, size_t n)
{
	size_t need = NLMSG_ALIGN(n);
	uint8_t *p;

	if (b->err)
		return NULL;
	if (b->len + need > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 4096;

		while (cap < b->len + need)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->err = -ENOMEM;
			return NULL;
		}
		b->p = p;
		b->cap = cap;
	}
	p = b->p + b->len;
	memset(p, 0, need);
	b->len += need;
	return p;
}

static void buf_attr(struct nl_buf *b, uint16_t type, const void *data, size_t n)
{
	struct nlattr *a = buf_put(b, NLA_HDRLEN + n);

	if (!a)
		return;
	a->nla_len = (uint16_t)(NLA_HDRLEN + n);
	a->nla_type = type;
	memcpy((uint8_t *)a + NLA_HDRLEN, data, n);
}

/* ---- reports (crypto_report_one and the per-type report callbacks) */

static void report_cipher(struct nl_buf *b, const struct ualg_alg *alg)
{
	struct crypto_report_cipher r = {.type = "cipher"};

	r.blocksize = alg->blocksize;
	r.min_keysize = alg->cipher.min_keysize;
	r.max_keysize = alg->cipher.max_keysize;
	buf_attr(b, CRYPTOCFGA_REPORT_CIPHER, &r, sizeof(r));
}

static void report_hash(struct nl_buf *b, const struct ualg_alg *alg)
{
	struct crypto_report_hash r = {.type = "shash"};

	r.blocksize = alg->blocksize;
	r.digestsize = alg->hash.digestsize;
	buf_attr(b, CRYPTOCFGA_REPORT_HASH, &r, sizeof(r));
}

static void report_skcipher(struct nl_buf *b, const struct ualg_alg *alg)
{
	struct crypto_report_blkcipher r = {.type = "skcipher", .geniv = "<none>"};

	r.blocksize = alg->blocksize;
	r.min_keysize = alg->skcipher.min_keysize;
	r.max_keysize = alg->skcipher.max_keysize;
	r.ivsize = alg->skcipher.ivsize;
	buf_attr(b, CRYPTOCFGA_REPORT_BLKCIPHER, &r, sizeof(r));
}

static void report_aead(struct nl_buf *b, const struct ualg_alg *alg)
{
	struct crypto_report_aead r = {.type = "aead", .geniv = "<none>"};

	r.blocksize = alg->blocksize;
	r.maxauthsize = alg->aead.maxauthsize;
	r.ivsize = alg->aead.ivsize;
	buf_attr(b, CRYPTOCFGA_REPORT_AEAD, &r, sizeof(r));
}

static void report_rng(struct nl_buf *b, const struct ualg_alg *alg)
{
	struct crypto_report_rng r = {.type = "rng"};

	r.seedsize = alg->rng.seedsize;
	buf_attr(b, CRYPTOCFGA_REPORT_RNG, &r, sizeof(r));
}

/* strscpy into a CRYPTO_MAX_NAME field: truncated, always terminated */
static void copy_name(char dst[CRYPTO_MAX_NAME], const char *src)
{
	size_t n = strnlen(src, CRYPTO_MAX_NAME - 1);

	memcpy(dst, src, n);
	dst[n] = 0;
}

/* one row per algorithm type: the kernel's type bits and report callback */
static const struct {
	uint32_t kflags;
	void (*report)(struct nl_buf *b, const struct ualg_alg *alg);
} type_rows[UALG_TYPE__MAX] = {
	[UALG_TYPE_CIPHER] = {KF_TYPE_CIPHER, report_cipher},
	[UALG_TYPE_HASH] = {KF_TYPE_SHASH, report_hash},
	[UALG_TYPE_SKCIPHER] = {KF_TYPE_SKCIPHER, report_skcipher},
	[UALG_TYPE_AEAD] = {KF_TYPE_AEAD, report_aead},
	[UALG_TYPE_RNG] = {KF_TYPE_RNG, report_rng},
};

static uint32_t alg_kflags(const struct ualg_alg *alg)
{
	uint32_t f = type_rows[alg->type].kflags;

	if (__atomic_load_n(&alg->selftest, __ATOMIC_ACQUIRE) >= 0)
		f |= KF_TESTED;
	if (alg->from_template)
		f |= KF_INSTANCE;
	f |= alg->flags &
	     (UALG_F_ASYNC | UALG_F_INTERNAL | UALG_F_OPTIONAL_KEY | UALG_F_FIPS_INTERNAL);
	return f;
}

static void put_report(struct nl_buf *b, const struct ualg_alg *alg, uint32_t portid, uint32_t seq,
		       uint16_t flags)
{
	size_t start = b->len;
	struct crypto_user_alg *u;
	struct nlmsghdr *h;
	uint32_t prio = (uint32_t)__atomic_load_n(&alg->priority, __ATOMIC_RELAXED);

	if (!buf_put(b, NLMSG_HDRLEN) || !buf_put(b, sizeof(*u)))
		return;
	h = (struct nlmsghdr *)(b->p + start);
	h->nlmsg_type = CRYPTO_MSG_GETALG;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = seq;
	h->nlmsg_pid = portid;
	u = (struct crypto_user_alg *)(b->p + start + NLMSG_HDRLEN);
	copy_name(u->cru_name, alg->name);
	copy_name(u->cru_driver_name, alg->driver);
	copy_name(u->cru_module_name, "kernel");
	u->cru_refcnt = 2;
	u->cru_flags = alg_kflags(alg);
	buf_attr(b, CRYPTOCFGA_PRIORITY_VAL, &prio, sizeof(prio));
	type_rows[alg->type].report(b, alg);
	if (b->err)
		return;
	h = (struct nlmsghdr *)(b->p + start);
	h->nlmsg_len = (uint32_t)(b->len - start);
}

/* ---- algorithm matching (crypto_alg_match with exact = 0) */

struct match {
	const struct crypto_user_alg *req;
	const char *driver; /* the driver name to look for, "" for none */
	const struct ualg_alg *found;
};

static void match_one(const struct ualg_alg *alg, void *arg)
{
	struct match *m = arg;

	if ((alg_kflags(alg) ^ m->req->cru_type) & m->req->cru_mask)
		return;
	if (m->driver[0] ? !strcmp(alg->driver, m->driver) : !strcmp(alg->name, m->req->cru_name))
		m->found = alg; /* the last registered wins: the kernel's list is newest first */
}

/*
 * crypto_alg_match: the newest algorithm passing the type/mask filter whose
 * driver name is cru_driver_name (when set), else whose name is cru_name
 * unless exact. A kernel driver name we know as an alias ("sha256-generic")
 * exists as the kernel's does: its view is registered on first use.
 */
static const struct ualg_alg *alg_match(const struct crypto_user_alg *p, bool exact)
{
	struct match m = {.req = p, .driver = p->cru_driver_name};
	const struct ualg_alg *alg;

	if (!p->cru_driver_name[0] && exact)
		return NULL;
	ualg_alg_foreach(match_one, &m);
	if (!m.found && p->cru_driver_name[0] && ualg_alg_alias(p->cru_driver_name, &alg) >= 0 &&
	    !((alg_kflags(alg) ^ p->cru_type) & p->cru_mask))
		m.found = alg;
	return m.found;
}

static bool null_terminated(const char *s, size_t n)
{
	return memchr(s, 0, n) != NULL;
}

/* ---- the receive queue; lock held */

static unsigned int poll_locked(const struct ualg_nlsock *nl)
{
	return POLLOUT | POLLWRNORM | POLLWRBAND | (nl->head ? POLLIN | POLLRDNORM : 0u);
}

static void notify_locked(struct ualg_nlsock *nl)
{
	if (nl->notify)
		nl->notify(nl->notify_arg, poll_locked(nl));
}

static int enqueue_locked(struct ualg_nlsock *nl, const uint8_t *data, size_t len)
{
	struct nl_dgram *d = malloc(sizeof(*d) + len);

	if (!d)
		return -ENOMEM;
	d->next = NULL;
	d->len = len;
	memcpy(d->data, data, len);
	*nl->tail = d;
	nl->tail = &d->next;
	return 0;
}

/* queue the messages of b as datagrams of at most max bytes (whole messages) */
static int enqueue_msgs_locked(struct ualg_nlsock *nl, const struct nl_buf *b, size_t max)
{
	size_t start = 0, end = 0, n;
	int r;

	while (end < b->len) {
		n = NLMSG_ALIGN(((const struct nlmsghdr *)(b->p + end))->nlmsg_len);
		if (end > start && end + n - start > max) {
			r = enqueue_locked(nl, b->p + start, end - start);
			if (r < 0)
				return r;
			start = end;
		}
		end += n;
	}
	return end > start ? enqueue_locked(nl, b->p + start, end - start) : 0;
}

/* ---- requests (netlink_rcv_skb + crypto_user_rcv_msg) */

/* netlink_ack: NLMSG_ERROR quoting the request (just its header if capped) */
static void put_ack(struct ualg_nlsock *nl, struct nl_buf *b, const struct nlmsghdr *req, int err)
{
	size_t quote = sizeof(*req), start = b->len;
	uint16_t flags = 0;
	struct nlmsghdr *h;
	struct nlmsgerr *e;

	if (err && !nl->cap_ack)
		quote = req->nlmsg_len;
	else
		flags |= NLM_F_CAPPED;
	if (!buf_put(b, NLMSG_HDRLEN + sizeof(int) + quote))
		return;
	h = (struct nlmsghdr *)(b->p + start);
	h->nlmsg_len = (uint32_t)(NLMSG_HDRLEN + sizeof(int) + quote);
	h->nlmsg_type = NLMSG_ERROR;
	h->nlmsg_flags = flags;
	h->nlmsg_seq = req->nlmsg_seq;
	h->nlmsg_pid = nl->portid;
	e = (struct nlmsgerr *)(b->p + start + NLMSG_HDRLEN);
	e->error = err;
	memcpy(&e->msg, req, quote);
}

struct dump {
	struct nl_buf *b;
	uint32_t portid, seq;
};

static void dump_one(const struct ualg_alg *alg, void *arg)
{
	struct dump *d = arg;

	put_report(d->b, alg, d->portid, d->seq, NLM_F_MULTI);
}

/* GETALG | NLM_F_DUMP: reports, then NLMSG_DONE alone; lock held */
static int do_dump(struct ualg_nlsock *nl, const struct nlmsghdr *req)
{
	struct nl_buf b = {0}, done = {0};
	struct dump d = {.b = &b, .portid = nl->portid, .seq = req->nlmsg_seq};
	struct nlmsghdr *h;
	int r;

	ualg_alg_foreach(dump_one, &d);
	h = buf_put(&done, NLMSG_HDRLEN + sizeof(int));
	if (h) {
		h->nlmsg_len = NLMSG_HDRLEN + sizeof(int);
		h->nlmsg_type = NLMSG_DONE;
		h->nlmsg_flags = NLM_F_MULTI;
		h->nlmsg_seq = req->nlmsg_seq;
		h->nlmsg_pid = nl->portid;
	}
	r = b.err ? b.err : done.err;
	if (!r)
		r = enqueue_msgs_locked(nl, &b, DUMP_DGRAM_MAX);
	if (!r)
		r = enqueue_locked(nl, done.p, done.len);
	free(b.p);
	free(done.p);
	return r;
}

static bool names_ok(const struct crypto_user_alg *p)
{
	return null_terminated(p->cru_name, sizeof(p->cru_name)) &&
	       null_terminated(p->cru_driver_name, sizeof(p->cru_driver_name));
}

/* GETALG of one algorithm (crypto_report) */
static int do_report(struct ualg_nlsock *nl, struct nl_buf *b, const struct nlmsghdr *req)
{
	const struct crypto_user_alg *p = NLMSG_DATA(req);
	const struct ualg_alg *alg;

	if (!names_ok(p))
		return -EINVAL;
	alg = alg_match(p, false);
	if (!alg)
		return -ENOENT;
	put_report(b, alg, nl->portid, req->nlmsg_seq, 0);
	return b->err;
}

/* netlink_capable(skb, CAP_NET_ADMIN): the sender's effective capabilities */
static bool net_admin(void)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];

	if (syscall(SYS_capget, &h, d))
		return false;
	return d[CAP_NET_ADMIN / 32].effective & (1u << (CAP_NET_ADMIN % 32));
}

/* the attributes after the struct: CRYPTOCFGA_PRIORITY_VAL (NLA_U32) or -EINVAL */
static int get_priority(const struct nlmsghdr *req, bool *ret_set, uint32_t *ret_prio)
{
	size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct crypto_user_alg));
	const uint8_t *base = (const uint8_t *)req;

	*ret_set = false;
	while (off + NLA_HDRLEN <= req->nlmsg_len) {
		const struct nlattr *a = (const struct nlattr *)(base + off);

		if (a->nla_len < NLA_HDRLEN || off + a->nla_len > req->nlmsg_len)
			break; /* trailing bytes: warned about, not refused */
		if ((a->nla_type & NLA_TYPE_MASK) == CRYPTOCFGA_PRIORITY_VAL) {
			if (a->nla_len < NLA_HDRLEN + sizeof(uint32_t))
				return -EINVAL;
			memcpy(ret_prio, base + off + NLA_HDRLEN, sizeof(*ret_prio));
			*ret_set = true;
		}
		off += NLA_ALIGN(a->nla_len);
	}
	return 0;
}

/* kernel type bits of each type a NEWALG may instantiate, in the order tried */
static const struct {
	enum ualg_type type;
	uint32_t kflags;
} new_types[] = {
	{UALG_TYPE_HASH, KF_TYPE_SHASH},       {UALG_TYPE_SKCIPHER, KF_TYPE_SKCIPHER},
	{UALG_TYPE_AEAD, KF_TYPE_AEAD},	       {UALG_TYPE_RNG, KF_TYPE_RNG},
	{UALG_TYPE_CIPHER, KF_TYPE_CIPHER},
};

/* crypto_alg_mod_lookup(name, cru_type, cru_mask): instantiates if need be */
static int lookup_typed(const struct crypto_user_alg *p, const char *name,
			const struct ualg_alg **ret)
{
	unsigned int flags = UALG_LOOKUP_ASYNC;
	int r = -ENOENT, q;

	if (!(p->cru_mask & KF_TYPE_MASK))
		flags |= UALG_LOOKUP_NOTYPE;
	for (size_t i = 0; i < ARRAY_SIZE(new_types); i++) {
		if ((new_types[i].kflags ^ p->cru_type) & p->cru_mask & KF_TYPE_MASK)
			continue;
		q = ualg_alg_lookup_flags(new_types[i].type, name, flags, ret);
		if (q >= 0)
			return 0;
		if (q != -ENOENT)
			r = q;
	}
	return r;
}

/*
 * The checks NEWALG and UPDATEALG open with: CAP_NET_ADMIN, NUL-terminated
 * names, a priority attribute only with a driver name.
 */
static int change_checks(const struct nlmsghdr *req, bool *ret_has_prio, uint32_t *ret_prio)
{
	const struct crypto_user_alg *p = NLMSG_DATA(req);
	int r;

	if (!net_admin())
		return -EPERM;
	if (!names_ok(p))
		return -EINVAL;
	r = get_priority(req, ret_has_prio, ret_prio);
	if (r < 0)
		return r;
	return *ret_has_prio && !p->cru_driver_name[0] ? -EINVAL : 0;
}

/* NEWALG (crypto_add_alg): instantiate, optionally at a given priority */
static int do_new(const struct nlmsghdr *req)
{
	const struct crypto_user_alg *p = NLMSG_DATA(req);
	bool exact = p->cru_driver_name[0], has_prio;
	const struct ualg_alg *alg;
	uint32_t prio;
	int r;

	r = change_checks(req, &has_prio, &prio);
	if (r < 0)
		return r;
	if (alg_match(p, exact))
		return -EEXIST;
	r = lookup_typed(p, exact ? p->cru_driver_name : p->cru_name, &alg);
	if (r < 0)
		return r;
	if (has_prio)
		ualg_alg_set_priority(alg, (int)prio);
	return 0;
}

/* DELALG (crypto_del_alg): template instances not in use */
static int do_del(const struct nlmsghdr *req)
{
	const struct crypto_user_alg *p = NLMSG_DATA(req);
	const struct ualg_alg *alg;

	if (!net_admin())
		return -EPERM;
	if (!names_ok(p))
		return -EINVAL;
	alg = alg_match(p, true);
	if (!alg)
		return -ENOENT;
	return ualg_alg_delete(alg);
}

/* UPDATEALG (crypto_update_alg): drop the instances built on it, set its priority */
static int do_update(const struct nlmsghdr *req)
{
	const struct crypto_user_alg *p = NLMSG_DATA(req);
	const struct ualg_alg *alg;
	bool has_prio;
	uint32_t prio;
	int r;

	r = change_checks(req, &has_prio, &prio);
	if (r < 0)
		return r;
	alg = alg_match(p, true);
	if (!alg)
		return -ENOENT;
	ualg_alg_update(alg);
	if (has_prio)
		ualg_alg_set_priority(alg, (int)prio);
	return 0;
}

/* crypto_user_rcv_msg for one request; -EINTR: a dump was queued, no ack */
static int dispatch(struct ualg_nlsock *nl, struct nl_buf *b, const struct nlmsghdr *req)
{
	uint16_t type = req->nlmsg_type;

	if (type > CRYPTO_MSG_DELRNG)
		return -EINVAL;
	if (type == CRYPTO_MSG_GETALG && (req->nlmsg_flags & NLM_F_DUMP)) {
		int r = do_dump(nl, req);

		return r < 0 ? r : -EINTR;
	}
	if (type != CRYPTO_MSG_DELRNG &&
	    req->nlmsg_len < NLMSG_LENGTH(sizeof(struct crypto_user_alg)))
		return -EINVAL;
	switch (type) {
	case CRYPTO_MSG_GETALG:
		return do_report(nl, b, req);
	case CRYPTO_MSG_NEWALG:
		return do_new(req);
	case CRYPTO_MSG_DELALG:
		return do_del(req);
	case CRYPTO_MSG_UPDATEALG:
		return do_update(req);
	default:
		/* DELRNG frees the kernel's own default RNG: nothing here holds one */
		return net_admin() ? 0 : -EPERM;
	}
}

/* netlink_rcv_skb: each message in turn; replies in order; lock held */
static int process_locked(struct ualg_nlsock *nl, const uint8_t *data, size_t len)
{
	const struct nlmsghdr *req;
	size_t msglen;
	int err, r = 0;

	while (len >= NLMSG_HDRLEN) {
		struct nl_buf b = {0};

		req = (const struct nlmsghdr *)data;
		if (req->nlmsg_len < NLMSG_HDRLEN || len < req->nlmsg_len)
			break;
		err = 0;
		if ((req->nlmsg_flags & NLM_F_REQUEST) && req->nlmsg_type >= NLMSG_MIN_TYPE)
			err = dispatch(nl, &b, req);
		/* the report (a datagram of its own), unless the request failed */
		if (!err && b.len)
			r = enqueue_locked(nl, b.p, b.len);
		/* then the ack, a datagram of its own too (netlink_ack) */
		if (!r && err != -EINTR && ((req->nlmsg_flags & NLM_F_ACK) || err)) {
			b.len = 0;
			b.err = 0;
			put_ack(nl, &b, req, err);
			r = b.err ? b.err : enqueue_locked(nl, b.p, b.len);
		}
		free(b.p);
		if (r < 0)
			return r;
		msglen = NLMSG_ALIGN(req->nlmsg_len);
		if (msglen > len)
			msglen = len;
		data += msglen;
		len -= msglen;
	}
	return 0;
}

/* ---- socket calls */

static uint32_t next_portid(void)
{
	static int rover = -4096;
	static bool pid_taken;
	int v;

	if (!__atomic_exchange_n(&pid_taken, true, __ATOMIC_ACQ_REL))
		return (uint32_t)getpid();
	v = __atomic_fetch_sub(&rover, 1, __ATOMIC_RELAXED);
	return (uint32_t)v;
}

static void autobind_locked(struct ualg_nlsock *nl)
{
	if (!nl->portid)
		nl->portid = next_portid();
}

/* see sock/netlink.h */
int ualg_nl_new(int type, int protocol, struct ualg_nlsock **ret)
{
	struct ualg_nlsock *nl;
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (base != SOCK_RAW && base != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != UALG_NETLINK_CRYPTO)
		return -EPROTONOSUPPORT;
	ualg_uaccess_init();
	nl = calloc(1, sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	(void)pthread_mutex_init(&nl->lock, NULL);
	(void)pthread_cond_init(&nl->cond, NULL);
	nl->ref = 1;
	nl->type = base;
	nl->sndbuf = NL_BUF_DEFAULT;
	nl->rcvbuf = NL_BUF_DEFAULT;
	nl->tail = &nl->head;
	list_add(nl);
	ualg_sock_fork_init();
	*ret = nl;
	return 0;
}

/* see sock/netlink.h */
void ualg_nl_unref(struct ualg_nlsock *nl)
{
	struct nl_dgram *d;

	if (__atomic_sub_fetch(&nl->ref, 1, __ATOMIC_ACQ_REL))
		return;
	list_del(nl);
	while ((d = nl->head)) {
		nl->head = d->next;
		free(d);
	}
	(void)pthread_cond_destroy(&nl->cond);
	(void)pthread_mutex_destroy(&nl->lock);
	free(nl);
}

/* an address argument, already in our memory: its length, family and nl fields */
static int get_addr(const void *addr, socklen_t len, struct sockaddr_nl *ret)
{
	if (!addr || len < (socklen_t)sizeof(*ret))
		return -EINVAL;
	memcpy(ret, addr, sizeof(*ret));
	return ret->nl_family == AF_NETLINK ? 0 : -EINVAL;
}

/* move_addr_to_kernel: the caller's address into *ss; 0 bytes leave it untouched */
static int addr_in(const void *addr, socklen_t len, struct sockaddr_storage *ss)
{
	if ((int)len < 0 || len > sizeof(*ss))
		return -EINVAL;
	return ualg_copy_from_user(ss, addr, len);
}

/* see sock/netlink.h */
int ualg_nl_bind(struct ualg_nlsock *nl, const void *uaddr, socklen_t len)
{
	struct sockaddr_storage ss;
	struct sockaddr_nl a;
	int r = addr_in(uaddr, len, &ss);

	if (r < 0)
		return r;
	r = get_addr(&ss, len, &a);

	if (r < 0)
		return r;
	if (a.nl_groups && geteuid())
		return -EPERM;
	pthread_mutex_lock(&nl->lock);
	if (nl->portid && a.nl_pid != nl->portid)
		r = -EINVAL;
	else if (!nl->portid)
		nl->portid = a.nl_pid ? a.nl_pid : next_portid();
	if (!r)
		nl->groups = a.nl_groups;
	pthread_mutex_unlock(&nl->lock);
	return r;
}

/* see sock/netlink.h */
int ualg_nl_connect(struct ualg_nlsock *nl, const void *uaddr, socklen_t len)
{
	struct sockaddr_storage ss;
	const void *addr = &ss;
	struct sockaddr_nl a;
	int r = addr_in(uaddr, len, &ss);

	if (r < 0)
		return r;
	if (len < (socklen_t)sizeof(sa_family_t))
		return -EINVAL;
	pthread_mutex_lock(&nl->lock);
	if (((const struct sockaddr *)addr)->sa_family == AF_UNSPEC) {
		nl->dst_portid = 0;
		nl->dst_groups = 0;
		pthread_mutex_unlock(&nl->lock);
		return 0;
	}
	r = get_addr(addr, len, &a);
	if (!r && (a.nl_groups || a.nl_pid) && geteuid())
		r = -EPERM;
	if (!r) {
		autobind_locked(nl);
		nl->dst_portid = a.nl_pid;
		nl->dst_groups = a.nl_groups;
	}
	pthread_mutex_unlock(&nl->lock);
	return r;
}

/* move_addr_to_user */
static int put_name(const struct sockaddr_nl *a, void *addr, socklen_t *len)
{
	socklen_t full = sizeof(*a);
	int n;

	if (ualg_copy_from_user(&n, len, sizeof(n)) < 0)
		return -EFAULT;
	if (n > (int)full)
		n = (int)full;
	if (n < 0)
		return -EINVAL;
	if (ualg_copy_to_user(addr, a, (size_t)n) < 0)
		return -EFAULT;
	return ualg_copy_to_user(len, &full, sizeof(full));
}

/* see sock/netlink.h */
int ualg_nl_getsockname(struct ualg_nlsock *nl, void *addr, socklen_t *len)
{
	struct sockaddr_nl a = {.nl_family = AF_NETLINK};

	pthread_mutex_lock(&nl->lock);
	a.nl_pid = nl->portid;
	a.nl_groups = nl->groups;
	pthread_mutex_unlock(&nl->lock);
	return put_name(&a, addr, len);
}

/* see sock/netlink.h */
int ualg_nl_getpeername(struct ualg_nlsock *nl, void *addr, socklen_t *len)
{
	struct sockaddr_nl a = {.nl_family = AF_NETLINK};

	pthread_mutex_lock(&nl->lock);
	a.nl_pid = nl->dst_portid;
	a.nl_groups = nl->dst_groups;
	pthread_mutex_unlock(&nl->lock);
	return put_name(&a, addr, len);
}

/* the SOL_NETLINK flags: one row per option */
static bool *nl_flag(struct ualg_nlsock *nl, int name)
{
	switch (name) {
	case NETLINK_PKTINFO:
		return &nl->pktinfo;
	case NETLINK_BROADCAST_ERROR:
		return &nl->broadcast_error;
	case NETLINK_NO_ENOBUFS:
		return &nl->no_enobufs;
	case NETLINK_LISTEN_ALL_NSID:
		return &nl->all_nsid;
	case NETLINK_CAP_ACK:
		return &nl->cap_ack;
	case NETLINK_EXT_ACK:
		return &nl->ext_ack;
	case NETLINK_GET_STRICT_CHK:
		return &nl->strict_chk;
	default:
		return NULL;
	}
}

/* sock_setsockopt's buffer sizes: min_t(u32, val, max), doubled, floored (negative: huge) */
static int buf_size(int v)
{
	unsigned int u = (unsigned int)v;

	if (u > NL_BUF_DEFAULT)
		u = NL_BUF_DEFAULT;
	return (int)(2 * u) < NL_BUF_MIN ? NL_BUF_MIN : (int)(2 * u);
}

/* see sock/netlink.h */
int ualg_nl_setsockopt(struct ualg_nlsock *nl, int level, int name, const void *val, socklen_t len)
{
	bool *flag;
	int v;

	if (len < (socklen_t)sizeof(int))
		return -EINVAL;
	if (ualg_copy_from_user(&v, val, sizeof(v)) < 0)
		return -EFAULT;
	pthread_mutex_lock(&nl->lock);
	if (level == SOL_SOCKET && (name == SO_SNDBUF || name == SO_SNDBUFFORCE))
		nl->sndbuf = buf_size(v);
	else if (level == SOL_SOCKET && (name == SO_RCVBUF || name == SO_RCVBUFFORCE))
		nl->rcvbuf = buf_size(v);
	else if (level == SOL_SOCKET)
		; /* other socket-level options have no effect on this socket */
	else if (level != SOL_NETLINK) {
		pthread_mutex_unlock(&nl->lock);
		return -ENOPROTOOPT;
	} else if (name == NETLINK_ADD_MEMBERSHIP || name == NETLINK_DROP_MEMBERSHIP) {
		pthread_mutex_unlock(&nl->lock);
		return geteuid() ? -EPERM : 0;
	} else if ((flag = nl_flag(nl, name)))
		*flag = v != 0;
	else {
		pthread_mutex_unlock(&nl->lock);
		return -ENOPROTOOPT;
	}
	pthread_mutex_unlock(&nl->lock);
	return 0;
}

/* see sock/netlink.h */
int ualg_nl_getsockopt(struct ualg_nlsock *nl, int level, int name, void *val, socklen_t *len)
{
	bool *flag;
	int v, n;

	if (ualg_copy_from_user(&n, len, sizeof(n)) < 0)
		return -EFAULT;
	if (n < 0)
		return -EINVAL;
	pthread_mutex_lock(&nl->lock);
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_TYPE:
			v = nl->type;
			break;
		case SO_PROTOCOL:
			v = UALG_NETLINK_CRYPTO;
			break;
		case SO_DOMAIN:
			v = AF_NETLINK;
			break;
		case SO_SNDBUF:
			v = nl->sndbuf;
			break;
		case SO_RCVBUF:
			v = nl->rcvbuf;
			break;
		case SO_ERROR:
		case SO_ACCEPTCONN:
			v = 0;
			break;
		default:
			pthread_mutex_unlock(&nl->lock);
			return -ENOPROTOOPT;
		}
	} else if (level == SOL_NETLINK && (flag = nl_flag(nl, name))) {
		v = *flag;
	} else {
		pthread_mutex_unlock(&nl->lock);
		return -ENOPROTOOPT;
	}
	pthread_mutex_unlock(&nl->lock);
	if (level == SOL_NETLINK && n < (int)sizeof(int))
		return -EINVAL;
	if (n > (int)sizeof(int))
		n = sizeof(int);
	if (ualg_copy_to_user(val, &v, (size_t)n) < 0)
		return -EFAULT;
	return ualg_copy_to_user(len, &n, sizeof(n));
}

static ssize_t nl_sendmsg(void *obj, const struct msghdr *msg, int flags);
static ssize_t nl_recvmsg(void *obj, struct msghdr *msg, int flags);

/* see sock/netlink.h */
ssize_t ualg_nl_sendmsg(struct ualg_nlsock *nl, const struct msghdr *umsg, int flags)
{
	return ualg_kmsg_sendmsg(umsg, flags, 0, nl_sendmsg, nl);
}

static ssize_t nl_sendmsg(void *obj, const struct msghdr *msg, int flags)
{
	struct ualg_nlsock *nl = obj;
	_cleanup_free_ uint8_t *data = NULL;
	struct sockaddr_nl a;
	uint32_t dst_pid, dst_groups;
	struct ualg_iter it;
	size_t len;
	int r;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	r = ualg_iter_init(&it, msg);
	if (r < 0)
		return r;
	len = it.left;
	pthread_mutex_lock(&nl->lock);
	dst_pid = nl->dst_portid;
	dst_groups = nl->dst_groups;
	pthread_mutex_unlock(&nl->lock);
	if (msg->msg_namelen) {
		r = get_addr(msg->msg_name, msg->msg_namelen, &a);
		if (r < 0)
			return r;
		dst_pid = a.nl_pid;
		dst_groups = a.nl_groups;
		if ((dst_pid || dst_groups) && geteuid())
			return -EPERM;
	}
	if (len > (size_t)nl->sndbuf - 32)
		return -EMSGSIZE;
	data = malloc(len ? len : 1);
	if (!data)
		return -ENOMEM;
	r = ualg_iter_copy_from(&it, data, len);
	if (r < 0)
		return r;

	pthread_mutex_lock(&nl->lock);
	autobind_locked(nl);
	if (dst_groups) {
		/* crypto_user listens to no group: the broadcast reaches nobody */
		r = 0;
	} else if (dst_pid) {
		r = -ECONNREFUSED; /* no other emulated port to deliver to */
	} else {
		r = process_locked(nl, data, len);
		if (nl->head) {
			pthread_cond_broadcast(&nl->cond);
			notify_locked(nl);
		}
	}
	pthread_mutex_unlock(&nl->lock);
	return r < 0 ? r : (ssize_t)len;
}

/* see sock/netlink.h */
ssize_t ualg_nl_recvmsg(struct ualg_nlsock *nl, struct msghdr *umsg, int flags)
{
	static const struct sockaddr_nl from = {.nl_family = AF_NETLINK};

	return ualg_kmsg_recvmsg(umsg, flags, nl_recvmsg, nl, &from, sizeof(from));
}

/* the datagram is gone once taken, even when copying it out faults */
static ssize_t nl_recvmsg(void *obj, struct msghdr *msg, int flags)
{
	struct ualg_nlsock *nl = obj;
	struct ualg_iter it;
	struct nl_dgram *d;
	size_t copied;
	int r;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	r = ualg_iter_init(&it, msg);
	if (r < 0)
		return r;
	pthread_mutex_lock(&nl->lock);
	while (!nl->head) {
		if (flags & MSG_DONTWAIT) {
			pthread_mutex_unlock(&nl->lock);
			return -EAGAIN;
		}
		pthread_cond_wait(&nl->cond, &nl->lock);
	}
	d = nl->head;
	msg->msg_flags = 0;
	copied = d->len;
	if (it.left < copied) {
		msg->msg_flags |= MSG_TRUNC;
		copied = it.left;
	}
	r = ualg_iter_copy_to(&it, d->data, copied);
	if (flags & MSG_TRUNC)
		copied = d->len;
	if (!(flags & MSG_PEEK)) {
		nl->head = d->next;
		if (!nl->head)
			nl->tail = &nl->head;
		free(d);
		if (!nl->head)
			notify_locked(nl);
	}
	pthread_mutex_unlock(&nl->lock);
	return r < 0 ? r : (ssize_t)copied;
}

/* see sock/netlink.h */
unsigned int ualg_nl_poll(struct ualg_nlsock *nl)
{
	unsigned int m;

	pthread_mutex_lock(&nl->lock);
	m = poll_locked(nl);
	pthread_mutex_unlock(&nl->lock);
	return m;
}

/* see sock/netlink.h */
void ualg_nl_set_notify(struct ualg_nlsock *nl, void (*fn)(void *arg, unsigned int mask), void *arg)
{
	pthread_mutex_lock(&nl->lock);
	nl->notify = fn;
	nl->notify_arg = arg;
	pthread_mutex_unlock(&nl->lock);
}
