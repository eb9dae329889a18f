/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the NETLINK_CRYPTO emulation (src/sock/netlink.c):
 * the input is a program of operations on two netlink sockets made with
 * sock/netlink.h, as the preload drives them: datagrams of nlmsghdr chains
 * (every message type, well-formed and broken lengths, crypto_user_alg
 * payloads naming real, composed and garbage algorithms, NUL or not, type
 * and mask filters, dumps, acks), addresses, socket options, and receives
 * with every buffer size and flag. Receives carry MSG_DONTWAIT.
 *
 * Oracle, beyond the sanitizers: an errno the kernel never gives for the
 * call; a count larger than the buffer (unless MSG_TRUNC asked for the
 * real length); a received datagram that does not parse as a chain of
 * nlmsghdrs of the types crypto_user sends (GETALG reports, NLMSG_ERROR
 * with an error the kernel can give, NLMSG_DONE), each inside the datagram;
 * an address of the wrong family or size.
 *
 * Input: repeated [opcode][operands...]; reading past the end gives zeros.
 */
#include <errno.h>
#include <linux/cryptouser.h>
#include <linux/netlink.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "fuzz.h"
#include "sock/netlink.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define NH 2
#define MAXOPS 48

static const int e_new[] = {ESOCKTNOSUPPORT, EPROTONOSUPPORT, EINVAL, ENOMEM, 0};
static const int e_addr[] = {EINVAL, EFAULT, EPERM, 0};
static const int e_opt[] = {EINVAL, EFAULT, ENOPROTOOPT, EPERM, 0};
static const int e_send[] = {EINVAL, EFAULT, EMSGSIZE, EOPNOTSUPP, ECONNREFUSED,
			     EPERM,  ENOMEM, ENOBUFS,  EAGAIN,	   0};
static const int e_recv[] = {EAGAIN, EFAULT, EOPNOTSUPP, EINVAL, ENOMEM, 0};
/* errors crypto_user answers in an NLMSG_ERROR */
static const int e_nlerr[] = {
	ENOENT, EINVAL, EPERM, EOPNOTSUPP, EMSGSIZE, ENOMEM, ENOBUFS,
	/* NEWALG of one that exists, DELALG of one in use, a failed self-test */
	EEXIST, EBUSY, ELIBBAD, 0};

static const char *const names[] = {
	"sha256",
	"sha256-generic",
	"cbc(aes)",
	"cbc-aes-aesni",
	"gcm(aes)",
	"hmac(sha256)",
	"stdrng",
	"aes",
	"",
	"x",
	"cbc(aes",
	"authenc(hmac(sha256),cbc(aes))",
	"crc32c",
	"md5",
	"__cbc-aes-aesni",
	"jitterentropy_rng",
	"xxhash64",
};

struct state {
	struct ualg_nlsock *h[NH];
	unsigned int notified;
};

static void on_notify(void *arg, unsigned int mask)
{
	((struct state *)arg)->notified++;
	if (mask & ~(unsigned int)(POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLWRBAND))
		FZ_FAIL("notify mask %#x", mask);
}

static void op_new(struct fz *f, struct state *s)
{
	static const int ty[] = {SOCK_RAW, SOCK_DGRAM, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
				 SOCK_STREAM, SOCK_SEQPACKET};
	unsigned int i = fz_u8(f) % NH;
	uint8_t m = fz_u8(f);
	int type = FZ_PICK(f, ty), proto = m & 0x80 ? (int)fz_u8(f) : NETLINK_CRYPTO;
	struct ualg_nlsock *nl = NULL;
	int r = ualg_nl_new(type, proto, &nl);

	if (!fz_errno_in(r, e_new))
		FZ_FAIL("nl_new(%#x, %d) = %d", type, proto, r);
	if (r < 0)
		return;
	if (s->h[i])
		ualg_nl_unref(s->h[i]);
	s->h[i] = nl;
	if (m & 1)
		ualg_nl_set_notify(nl, on_notify, s);
}

static socklen_t make_addr(struct fz *f, struct sockaddr_storage *ss)
{
	static const socklen_t lens[] = {0, 1, 2, 11, 12, 16, 128, 129, 0xffffffff};
	struct sockaddr_nl *a = (struct sockaddr_nl *)ss;
	uint8_t m = fz_u8(f);

	memset(ss, 0, sizeof(*ss));
	if (m & 0x80) {
		fz_bytes(f, ss, sizeof(*ss));
	} else {
		a->nl_family =
			m & 0x40 ? (sa_family_t)fz_u16(f) : (m & 0x20 ? AF_UNSPEC : AF_NETLINK);
		a->nl_pid = m & 0x10 ? fz_u32(f) : 0;
		a->nl_groups = m & 0x08 ? fz_u32(f) : 0;
	}
	return m & 0x04 ? FZ_PICK(f, lens) : (socklen_t)sizeof(*a);
}

static void op_addr(struct fz *f, struct state *s)
{
	struct ualg_nlsock *nl = s->h[fz_u8(f) % NH];
	struct sockaddr_storage ss, out = {0};
	uint8_t m = fz_u8(f);
	socklen_t len = make_addr(f, &ss), ol = (socklen_t)(fz_u8(f) % 20), ol0 = ol;
	int r;

	if (!nl)
		return;
	switch (m % 4) {
	case 0:
		r = ualg_nl_bind(nl, len > sizeof(ss) ? NULL : &ss, len);
		break;
	case 1:
		r = ualg_nl_connect(nl, len > sizeof(ss) ? NULL : &ss, len);
		break;
	case 2:
		r = ualg_nl_getsockname(nl, &out, &ol);
		break;
	default:
		r = ualg_nl_getpeername(nl, &out, &ol);
	}
	if (!fz_errno_in(r, e_addr))
		FZ_FAIL("address op %d, len %u = %d", m % 4, len, r);
	/* move_addr_to_user: the full length back, at most the buffer's bytes written */
	if (r >= 0 && m % 4 >= 2 &&
	    (ol != sizeof(struct sockaddr_nl) ||
	     (ol0 >= sizeof(sa_family_t) && ((struct sockaddr_nl *)&out)->nl_family != AF_NETLINK)))
		FZ_FAIL("address out: len %u (buffer %u)", ol, ol0);
}

static void op_opt(struct fz *f, struct state *s)
{
	static const int levels[] = {SOL_NETLINK, SOL_SOCKET, 0, 6};
	static const int names_[] = {NETLINK_CAP_ACK,
				     NETLINK_EXT_ACK,
				     NETLINK_PKTINFO,
				     NETLINK_NO_ENOBUFS,
				     NETLINK_GET_STRICT_CHK,
				     NETLINK_ADD_MEMBERSHIP,
				     NETLINK_LISTEN_ALL_NSID,
				     SO_SNDBUF,
				     SO_RCVBUF,
				     SO_TYPE,
				     99};
	struct ualg_nlsock *nl = s->h[fz_u8(f) % NH];
	uint8_t m = fz_u8(f);
	int level = FZ_PICK(f, levels), name = FZ_PICK(f, names_), v = (int)fz_u32(f);
	socklen_t len = m & 0x40 ? fz_u8(f) % 9 : sizeof(int), ol = len;
	char buf[16];
	int r;

	if (!nl)
		return;
	if (m & 1)
		r = ualg_nl_setsockopt(nl, level, name, &v, len);
	else
		r = ualg_nl_getsockopt(nl, level, name, buf, &ol);
	if (!fz_errno_in(r, e_opt))
		FZ_FAIL("%ssockopt(%d, %d, %u) = %d", m & 1 ? "set" : "get", level, name, len, r);
	if (r >= 0 && !(m & 1) && ol > sizeof(int))
		FZ_FAIL("getsockopt: optlen %u", ol);
}

/* one request message into buf at off; returns its aligned size (0: no room) */
static size_t make_nlmsg(struct fz *f, uint8_t *buf, size_t off, size_t size)
{
	static const uint16_t types[] = {CRYPTO_MSG_GETALG,
					 CRYPTO_MSG_GETALG,
					 CRYPTO_MSG_NEWALG,
					 CRYPTO_MSG_DELALG,
					 CRYPTO_MSG_UPDATEALG,
					 CRYPTO_MSG_DELRNG,
					 NLMSG_NOOP,
					 NLMSG_DONE,
					 NLMSG_ERROR,
					 0,
					 0xffff,
					 0x20};
	static const uint16_t flags[] = {NLM_F_REQUEST,
					 NLM_F_REQUEST | NLM_F_DUMP,
					 NLM_F_REQUEST | NLM_F_ACK,
					 NLM_F_REQUEST | NLM_F_DUMP | NLM_F_ACK,
					 0,
					 NLM_F_DUMP,
					 0xffff};
	struct {
		struct nlmsghdr h;
		struct crypto_user_alg u;
		uint8_t extra[64];
	} msg;
	uint8_t m = fz_u8(f);
	size_t len = sizeof(struct nlmsghdr) + sizeof(struct crypto_user_alg);

	memset(&msg, 0, sizeof(msg));
	msg.h.nlmsg_type = m & 0x80 ? fz_u16(f) : FZ_PICK(f, types);
	msg.h.nlmsg_flags = m & 0x40 ? fz_u16(f) : FZ_PICK(f, flags);
	msg.h.nlmsg_seq = fz_u32(f);
	msg.h.nlmsg_pid = m & 0x20 ? fz_u32(f) : 0;
	switch (fz_u8(f) % 4) {
	case 0:
		strncpy(msg.u.cru_name, FZ_PICK(f, names), CRYPTO_MAX_NAME - 1);
		break;
	case 1:
		strncpy(msg.u.cru_driver_name, FZ_PICK(f, names), CRYPTO_MAX_NAME - 1);
		break;
	case 2:
		fz_compose_name(f, msg.u.cru_name, CRYPTO_MAX_NAME, 1 + fz_u8(f) % 4);
		break;
	default: /* garbage, NULs anywhere or nowhere */
		fz_bytes(f, &msg.u, sizeof(msg.u));
	}
	if (m & 0x10) {
		msg.u.cru_type = fz_u32(f);
		msg.u.cru_mask = fz_u32(f);
	}
	switch ((m >> 2) & 3) {
	case 0: /* as it should be */
		break;
	case 1: /* short */
		len = fz_u8(f) % len;
		break;
	case 2: /* with a tail */
		len += fz_bytes(f, msg.extra, fz_u8(f) % sizeof(msg.extra));
		break;
	default: /* a header length of its own */
		msg.h.nlmsg_len = fz_u32(f);
		goto copy;
	}
	msg.h.nlmsg_len = (uint32_t)len;
copy:
	if (len > size - off)
		return 0;
	memcpy(buf + off, &msg, len);
	return NLMSG_ALIGN(len) <= size - off ? NLMSG_ALIGN(len) : size - off;
}

static void op_send(struct fz *f, struct state *s)
{
	static uint8_t buf[8192];
	struct ualg_nlsock *nl = s->h[fz_u8(f) % NH];
	struct sockaddr_storage ss;
	uint8_t m = fz_u8(f);
	size_t len = 0;
	struct iovec iov[2];
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 1};
	ssize_t r;

	if (m & 0x80) {
		len = fz_bytes(f, buf, fz_u16(f) % sizeof(buf));
	} else {
		for (unsigned int k = 0, n = 1 + m % 4; k < n; k++) {
			size_t l = make_nlmsg(f, buf, len, sizeof(buf));

			if (!l)
				break;
			len += l;
		}
	}
	iov[0] = (struct iovec){buf, len};
	if (m & 0x40 && len > 4) { /* the datagram in two pieces */
		size_t cut = fz_u8(f) % len;

		iov[0].iov_len = cut;
		iov[1] = (struct iovec){buf + cut, len - cut};
		msg.msg_iovlen = 2;
	}
	if (m & 0x20) {
		socklen_t al = make_addr(f, &ss);

		msg.msg_name = &ss;
		msg.msg_namelen = al > sizeof(ss) ? sizeof(ss) : al;
	}
	if (!nl)
		return;
	r = ualg_nl_sendmsg(nl, &msg, MSG_DONTWAIT | (m & 0x10 ? MSG_OOB : 0));
	if (!fz_errno_in(r, e_send))
		FZ_FAIL("nl_sendmsg(%zu bytes) = %zd", len, r);
	if (r >= 0 && (size_t)r != len)
		FZ_FAIL("nl_sendmsg(%zu bytes) = %zd", len, r);
}

/* a received datagram must be a chain of crypto_user's messages */
static void check_dgram(const uint8_t *p, size_t n)
{
	while (n >= NLMSG_HDRLEN) {
		const struct nlmsghdr *h = (const struct nlmsghdr *)p;
		size_t al;

		if (h->nlmsg_len < NLMSG_HDRLEN || h->nlmsg_len > n)
			FZ_FAIL("reply nlmsg_len %u in %zu bytes", h->nlmsg_len, n);
		switch (h->nlmsg_type) {
		case CRYPTO_MSG_GETALG:
			if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct crypto_user_alg)))
				FZ_FAIL("report of %u bytes", h->nlmsg_len);
			break;
		case NLMSG_DONE:
			break;
		case NLMSG_ERROR: {
			int e;

			if (h->nlmsg_len < NLMSG_LENGTH(sizeof(int)))
				FZ_FAIL("error message of %u bytes", h->nlmsg_len);
			memcpy(&e, NLMSG_DATA(h), sizeof(e));
			if (e > 0 || (e < 0 && !fz_errno_in(e, e_nlerr)))
				FZ_FAIL("NLMSG_ERROR %d", e);
			break;
		}
		default:
			FZ_FAIL("reply type %u", h->nlmsg_type);
		}
		al = NLMSG_ALIGN(h->nlmsg_len);
		if (al >= n)
			break;
		p += al;
		n -= al;
	}
}

static void op_recv(struct fz *f, struct state *s)
{
	static const size_t sizes[] = {0, 1, 15, 16, 20, 36, 100, 400, 4096, 65536, 70000};
	static uint8_t buf[70000];
	struct ualg_nlsock *nl = s->h[fz_u8(f) % NH];
	uint8_t m = fz_u8(f);
	size_t size = FZ_PICK(f, sizes);
	int flags = MSG_DONTWAIT | (m & 1 ? MSG_PEEK : 0) | (m & 2 ? MSG_TRUNC : 0) |
		    (m & 4 ? MSG_OOB : 0);
	struct sockaddr_storage from;
	struct iovec iov = {buf, size};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t r;

	if (m & 8) {
		msg.msg_name = &from;
		msg.msg_namelen = m & 16 ? 4 : sizeof(from);
	}
	if (!nl)
		return;
	r = ualg_nl_recvmsg(nl, &msg, flags);
	if (!fz_errno_in(r, e_recv))
		FZ_FAIL("nl_recvmsg(%zu, %#x) = %zd", size, flags, r);
	if (r < 0)
		return;
	if ((size_t)r > size && !(flags & MSG_TRUNC))
		FZ_FAIL("nl_recvmsg(%zu) = %zd", size, r);
	if (!(msg.msg_flags & MSG_TRUNC))
		check_dgram(buf, (size_t)r);
	if ((m & 8) && msg.msg_namelen != sizeof(struct sockaddr_nl))
		FZ_FAIL("source address length %u", msg.msg_namelen);
}

static void op_poll(struct fz *f, struct state *s)
{
	struct ualg_nlsock *nl = s->h[fz_u8(f) % NH];
	unsigned int m;

	if (!nl)
		return;
	m = ualg_nl_poll(nl);
	if (m & ~(unsigned int)(POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLWRBAND))
		FZ_FAIL("poll mask %#x", m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void (*const ops[])(struct fz *, struct state *) = {
		op_new,	 op_addr, op_opt,  op_send, op_send,
		op_send, op_recv, op_recv, op_recv, op_poll,
	};
	struct fz f = {data, size};
	struct state s = {0};

	/* a socket to start with, so short inputs reach sendmsg */
	(void)ualg_nl_new(SOCK_RAW, NETLINK_CRYPTO, &s.h[0]);
	for (unsigned int i = 0; i < MAXOPS && f.n; i++)
		FZ_PICK(&f, ops)(&f, &s);
	for (unsigned int i = 0; i < NH; i++)
		if (s.h[i])
			ualg_nl_unref(s.h[i]);
	return 0;
}
