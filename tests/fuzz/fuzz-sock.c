/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the socket layer: the input is a program of socket
 * operations on a few handles, run through src/sock/sock.h exactly as the
 * preload would drive it. Every receive and send carries MSG_DONTWAIT, so
 * nothing blocks. Besides crashes, leaks and UB (the sanitizers), the oracle
 * aborts when a call returns an errno the kernel never gives for it, a
 * count larger than the caller's buffer, or a poll mask with foreign bits.
 *
 * Input: repeated [opcode][operands...]; reading past the end gives zeros.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "fuzz.h"
#include "sock/sock.h"

#define NH 4	       /* handles */
#define MAXOPS 64      /* operations per input */
#define POOL 65536     /* data bytes behind iovecs that the input does not fill */
#define SOL_ALG_ 279

static uint8_t pool[POOL];
/* option buffers up to twice optmem_max are real; longer ones must not be read */
static uint8_t optpool[262144];

static const char *const types[] = {"hash", "skcipher", "aead", "rng", "", "akcipher", "hash\x01"};

/* names worth binding directly; the composer makes the rest */
static const char *const names[] = {
	"sha256", "hmac(sha256)", "cmac(aes)", "cbc(aes)", "ctr(aes)", "ecb(aes)", "xts(aes)",
	"cts(cbc(aes))", "lrw(aes)", "chacha20", "gcm(aes)", "ccm(aes)", "rfc4106(gcm(aes))",
	"rfc4309(ccm(aes))", "rfc4543(gcm(aes))", "authenc(hmac(sha256),cbc(aes))",
	"authencesn(hmac(sha1),cbc(aes))", "essiv(cbc(aes),sha256)", "rfc3686(ctr(aes))",
	"stdrng", "ansi_cprng", "drbg_nopr_hmac_sha256", "jitterentropy_rng", "crc32c",
	"xcbc(aes)", "cbcmac(aes)", "hmac(hmac(sha1))", "cbc(cbc(aes))", "pcbc(aes)",
	"ecb(cipher_null)", "digest_null", "xxhash64", "poly1305", "ghash", "md5", "sha3-256",
	"cbc(aes", "cbc(aes))", "", "(", "cbc()", "cbc(,)", "cbc(aes,aes)", "hmac(aes)",
	"gcm(sha256)", "__cbc-aes-aesni", "cbc-aes-aesni", "sha256-generic",
};

/* errno sets the kernel can give, per call (spec §3–§11) */
static const int e_new[] = {EINVAL, ESOCKTNOSUPPORT, EPROTONOSUPPORT, 0};
static const int e_bind[] = {EINVAL, EFAULT, EOPNOTSUPP, ENOENT, EBUSY, ELIBBAD, ENOMEM, 0};
static const int e_setopt[] = {EINVAL,	EFAULT,	     EOPNOTSUPP,  EBUSY,       ENOPROTOOPT,
			       ENOMEM,	ENOSYS,	     EPERM,	  EDOM,	       ENOKEY,
			       EACCES,	EKEYREVOKED, EKEYEXPIRED, EMSGSIZE,    0};
static const int e_getopt[] = {EOPNOTSUPP, EFAULT, EINVAL, ENOPROTOOPT, 0};
static const int e_accept[] = {EINVAL, EOPNOTSUPP, ENOKEY, ENOMEM, ENOBUFS, 0};
static const int e_send[] = {EINVAL, EFAULT,	 EMSGSIZE, ENOBUFS, EOPNOTSUPP, ENOKEY,
			     EAGAIN, EBUSY,	 ENOMEM,   0};
static const int e_recv[] = {EINVAL, EFAULT, EMSGSIZE, EOPNOTSUPP, ENOKEY, EAGAIN,
			     EBADMSG, ENOMEM, EBUSY, 0};

struct state {
	struct ualg_sock *h[NH];
	unsigned int notified;
};

static void on_notify(void *arg, unsigned int mask)
{
	((struct state *)arg)->notified++;
	if (mask & ~(unsigned int)(POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLWRBAND))
		FZ_FAIL("notify mask %#x", mask);
}

static void put(struct state *s, unsigned int i, struct ualg_sock *sk)
{
	ualg_sock_unref(s->h[i]);
	s->h[i] = sk;
}

static void op_new(struct fz *f, struct state *s)
{
	static const int ty[] = {SOCK_SEQPACKET, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC,
				 SOCK_STREAM, SOCK_DGRAM, SOCK_SEQPACKET | 0x100};
	unsigned int i = fz_u8(f) % NH;
	uint8_t m = fz_u8(f);
	int type = m & 0x80 ? (int)fz_u32(f) : FZ_PICK(f, ty);
	int proto = m & 0x40 ? (int)fz_u32(f) : 0;
	struct ualg_sock *sk = NULL;
	int r = ualg_sock_new(type, proto, &sk);

	if (!fz_errno_in(r, e_new))
		FZ_FAIL("new(%#x, %d) = %d", type, proto, r);
	if (r >= 0) {
		put(s, i, sk);
		if (m & 1)
			ualg_sock_set_notify(sk, on_notify, s);
	}
}

static void op_bind(struct fz *f, struct state *s)
{
	static const uint32_t fm[] = {0, 0x1000, 1, 0x80, 0x2000, 0x1001, 0xffffffff};
	static const int bad_addrlen[] = {-1, 0, 24, 25, 129, 152, 0x7fffffff, (int)0x80000000};
	unsigned char sa[256];
	struct ualg_sock *sk = s->h[fz_u8(f) % NH];
	uint8_t mode = fz_u8(f);
	int addrlen;
	const void *addr = sa;
	size_t nl;
	int r;

	memset(sa, 0, sizeof(sa));
	switch (mode % 4) {
	case 0: /* table name */
	case 1: /* composed name */
		sa[0] = 38;
		strncpy((char *)sa + 2, FZ_PICK(f, types), 14);
		if (mode & 0x10) {
			uint32_t feat = FZ_PICK(f, fm), mask = FZ_PICK(f, fm);

			memcpy(sa + 16, &feat, 4);
			memcpy(sa + 20, &mask, 4);
		}
		if (mode % 4 == 0)
			strncpy((char *)sa + 24, FZ_PICK(f, names), 128);
		else
			fz_compose_name(f, (char *)sa + 24, 128, 1 + fz_u8(f) % 8);
		nl = strlen((char *)sa + 24);
		switch ((mode >> 5) & 3) {
		case 0:
			addrlen = 88;
			break;
		case 1:
			addrlen = (int)(24 + nl + 1);
			break;
		case 2:
			addrlen = 128;
			break;
		default:
			addrlen = 20 + fz_u8(f) % 120;
		}
		break;
	case 2: /* raw bytes */
		addrlen = fz_u8(f);
		fz_bytes(f, sa, (size_t)addrlen);
		break;
	default: /* hostile lengths */
		addrlen = FZ_PICK(f, bad_addrlen);
		if (fz_u8(f) & 1 || addrlen > (int)sizeof(sa) || addrlen < 0)
			addr = NULL;
	}
	if (!sk)
		return;
	r = ualg_sock_bind(sk, addr, (socklen_t)addrlen);
	if (!fz_errno_in(r, e_bind))
		FZ_FAIL("bind(\"%.14s\", \"%.104s\", len %d) = %d", sa + 2, sa + 24, addrlen, r);
}

/* an option buffer: NULL, or POOL-backed with optlen (bounded) filled from input */
static void *optbuf(struct fz *f, uint8_t m, socklen_t optlen, uint8_t *small, size_t smallsz)
{
	if (m & 0x80)
		return NULL;
	if (optlen <= smallsz) {
		fz_bytes(f, small, optlen);
		return small;
	}
	fz_bytes(f, optpool, optlen < 256 ? optlen : 256);
	/* past sizeof(optpool): the implementation must refuse before reading it all */
	return optpool;
}

static void op_setsockopt(struct fz *f, struct state *s)
{
	static const int levels[] = {SOL_ALG_, SOL_ALG_, SOL_SOCKET, 0, 6, -1};
	static const int optnames[] = {1, 2, 3, 4, 5, 6, 7, 0, 8, SO_SNDBUF, SO_RCVBUF,
				       SO_RCVTIMEO, SO_SNDTIMEO, SO_SNDBUFFORCE, SO_RCVBUFFORCE,
				       SO_TYPE};
	static const uint32_t lens[] = {0, 1, 4, 8, 15, 16, 17, 24, 32, 33, 48, 64, 65, 131071,
					131072, 200000, 0x7fffffff, 0x80000000, 0xffffffff};
	struct ualg_sock *sk = s->h[fz_u8(f) % NH];
	uint8_t m = fz_u8(f), small[128];
	int level = m & 0x40 ? (int)fz_u32(f) : FZ_PICK(f, levels);
	int optname = m & 0x20 ? (int)fz_u32(f) : FZ_PICK(f, optnames);
	socklen_t optlen = m & 0x10 ? fz_u8(f) : FZ_PICK(f, lens);
	void *optval = optbuf(f, m, optlen, small, sizeof(small));
	int r;

	if (!sk)
		return;
	r = ualg_sock_setsockopt(sk, level, optname, optval, optlen);
	if (!fz_errno_in(r, e_setopt))
		FZ_FAIL("setsockopt(%d, %d, len %u) = %d", level, optname, optlen, r);
}

static void op_getsockopt(struct fz *f, struct state *s)
{
	static const int levels[] = {SOL_SOCKET, SOL_SOCKET, SOL_ALG_, 0};
	static const int optnames[] = {SO_TYPE,	    SO_DOMAIN,	 SO_PROTOCOL, SO_ERROR,
				       SO_ACCEPTCONN, SO_SNDBUF, SO_RCVBUF,   SO_RCVTIMEO,
				       SO_SNDTIMEO,  SO_LINGER,	 1,	      12345};
	static const int lens[] = {0, 1, 3, 4, 8, 16, 17, 64, -1, 0x7fffffff};
	struct ualg_sock *sk = s->h[fz_u8(f) % NH];
	uint8_t m = fz_u8(f), buf[64 + 1];
	int level = m & 0x40 ? (int)fz_u32(f) : FZ_PICK(f, levels);
	int optname = m & 0x20 ? (int)fz_u32(f) : FZ_PICK(f, optnames);
	int len = FZ_PICK(f, lens);
	socklen_t ol = (socklen_t)len;
	int r;

	if (!sk)
		return;
	buf[64] = 0xa5;
	r = ualg_sock_getsockopt(sk, level, optname, m & 0x80 ? NULL : buf, m & 8 ? NULL : &ol);
	if (!fz_errno_in(r, e_getopt))
		FZ_FAIL("getsockopt(%d, %d, len %d) = %d", level, optname, len, r);
	if (r >= 0 && (ol > 16 || (len >= 0 && ol > (socklen_t)len)))
		FZ_FAIL("getsockopt(%d, %d, len %d): optlen %u", level, optname, len, ol);
	if (buf[64] != 0xa5)
		FZ_FAIL("getsockopt wrote past the buffer");
}

static void op_accept(struct fz *f, struct state *s)
{
	struct ualg_sock *sk = s->h[fz_u8(f) % NH], *nsk = NULL;
	unsigned int dst = fz_u8(f) % NH;
	int r;

	if (!sk)
		return;
	r = ualg_sock_accept(sk, &nsk);
	if (!fz_errno_in(r, e_accept))
		FZ_FAIL("accept = %d", r);
	if (r >= 0) {
		if (!nsk || !ualg_sock_is_op(nsk))
			FZ_FAIL("accept gave no op socket");
		put(s, dst, nsk);
	}
}

/* iovecs over input bytes and the pool; returns the total */
static size_t make_iov(struct fz *f, struct iovec *iov, size_t *cnt, uint8_t *store, size_t storesz,
		       bool in)
{
	static const size_t lens[] = {0, 1, 15, 16, 17, 31, 32, 48, 64, 100, 4095, 4096, 4097, 65536};
	size_t n = fz_u8(f) % 5, total = 0, used = 0;

	for (size_t i = 0; i < n; i++) {
		uint8_t m = fz_u8(f);
		size_t l = m & 0x80 ? fz_u16(f) : FZ_PICK(f, lens);

		if (m & 0x40 && l <= storesz - used) {
			/* input-filled for sends, private for receives */
			if (in)
				fz_bytes(f, store + used, l);
			iov[i].iov_base = store + used;
			used += l;
		} else {
			if (l > POOL)
				l = POOL;
			iov[i].iov_base = pool;
		}
		if (m & 0x20 && (m & 0x1f) == 0x1f)
			iov[i].iov_base = NULL; /* EFAULT when l != 0 */
		iov[i].iov_len = l;
		total += l;
	}
	*cnt = n;
	return total;
}

/* control messages: valid ones of every SOL_ALG type, malformed lengths, raw bytes */
static size_t make_ctl(struct fz *f, uint8_t *ctl, size_t size)
{
	uint8_t m = fz_u8(f);
	size_t len = 0;

	if (m < 64)
		return 0;
	if (m < 96) { /* raw */
		size_t n = fz_u8(f);

		return fz_bytes(f, ctl, n < size ? n : size), n < size ? n : size;
	}
	for (unsigned int k = 0, nc = 1 + m % 4; k < nc; k++) {
		uint8_t c = fz_u8(f);
		uint32_t type = c & 0x80 ? fz_u32(f) : 1u + c % 7u;
		uint32_t v, dl;
		struct cmsghdr h = {.cmsg_level = c & 0x40 ? (int)fz_u32(f) : SOL_ALG_};
		uint8_t data[64];

		memset(data, 0, sizeof(data));
		switch (type) {
		case 2: /* IV: ivlen + bytes */
			v = c & 0x20 ? fz_u32(f) : (uint32_t)FZ_PICK(f, ((const uint8_t[]){0, 8, 12, 16, 24, 32}));
			memcpy(data, &v, 4);
			dl = 4 + (v < 60 ? v : fz_u8(f) % 60);
			fz_bytes(f, data + 4, dl - 4);
			break;
		case 3:
			v = c & 0x20 ? fz_u32(f) : fz_u8(f) % 3;
			memcpy(data, &v, 4);
			dl = 4;
			break;
		case 4:
			v = c & 0x20 ? fz_u32(f) : (uint32_t)FZ_PICK(f, ((const uint8_t[]){0, 8, 16, 20, 255}));
			memcpy(data, &v, 4);
			dl = 4;
			break;
		default:
			dl = fz_u8(f) % 16;
			fz_bytes(f, data, dl);
		}
		h.cmsg_type = (int)type;
		h.cmsg_len = CMSG_LEN(dl);
		if (c & 0x10) { /* malformed length */
			static const size_t bad[] = {0, 1, 15, 16, 17, 19, 20, 1000, (size_t)-1,
						     0x100000000ull};

			h.cmsg_len = FZ_PICK(f, bad);
		}
		if (len + CMSG_SPACE(dl) > size)
			break;
		memcpy(ctl + len, &h, sizeof(h));
		memcpy(ctl + len + sizeof(h), data, dl);
		len += CMSG_SPACE(dl);
		if (c & 8 && k + 1 == nc) /* cut the last one short */
			len -= fz_u8(f) % (CMSG_SPACE(dl) + 1);
	}
	return len;
}

static void op_sendmsg(struct fz *f, struct state *s)
{
	static uint8_t store[8192];
	static uint8_t ctl[512] __attribute__((aligned(8)));
	struct ualg_sock *sk = s->h[fz_u8(f) % NH];
	uint8_t m = fz_u8(f);
	int flags = MSG_DONTWAIT | (m & 1 ? MSG_MORE : 0) | (m & 2 ? MSG_NOSIGNAL : 0);
	struct iovec iov[8];
	struct msghdr msg = {0};
	size_t total, cnt, cl;
	ssize_t r;

	total = make_iov(f, iov, &cnt, store, sizeof(store), true);
	msg.msg_iov = iov;
	msg.msg_iovlen = cnt;
	cl = make_ctl(f, ctl, sizeof(ctl));
	memset(ctl + cl, 0, sizeof(ctl) - cl);
	msg.msg_control = cl ? ctl : NULL;
	msg.msg_controllen = cl;
	switch ((m >> 2) & 7) {
	case 1: /* huge control length; the buffer behind it is only read when it fits */
		msg.msg_control = ctl;
		msg.msg_controllen = FZ_PICK(f, ((const size_t[]){131072, 0x80000000u, (size_t)-1,
								 0x100000000ull}));
		break;
	case 2: /* control length without a buffer */
		msg.msg_control = NULL;
		msg.msg_controllen = 16 + fz_u8(f) % 32;
		break;
	case 3: /* too many iovecs, or none behind a count */
		msg.msg_iovlen = m & 0x20 ? 1025 : 3;
		msg.msg_iov = m & 0x20 ? iov : NULL;
		total = 0;
		break;
	}
	if (!sk)
		return;
	r = ualg_sock_sendmsg(sk, &msg, flags);
	if (!fz_errno_in(r, e_send))
		FZ_FAIL("sendmsg(total %zu, ctl %zu) = %zd", total, msg.msg_controllen, r);
	if (r > (ssize_t)total)
		FZ_FAIL("sendmsg(total %zu) = %zd", total, r);
}

static void op_recvmsg(struct fz *f, struct state *s)
{
	static uint8_t store[8192];
	struct ualg_sock *sk = s->h[fz_u8(f) % NH];
	uint8_t m = fz_u8(f);
	int flags = MSG_DONTWAIT | (m & 1 ? MSG_TRUNC : 0) | (m & 2 ? MSG_WAITALL : 0) |
		    (m & 4 ? MSG_PEEK : 0);
	struct iovec iov[8];
	struct msghdr msg = {0};
	size_t total, cnt;
	ssize_t r;

	total = make_iov(f, iov, &cnt, store, sizeof(store), false);
	msg.msg_iov = iov;
	msg.msg_iovlen = cnt;
	if ((m & 0x18) == 0x18) {
		msg.msg_iovlen = m & 0x20 ? 1025 : 2;
		msg.msg_iov = m & 0x20 ? iov : NULL;
		total = 0;
	}
	if (!sk)
		return;
	r = ualg_sock_recvmsg(sk, &msg, flags);
	if (!fz_errno_in(r, e_recv))
		FZ_FAIL("recvmsg(total %zu) = %zd", total, r);
	if (r > (ssize_t)total)
		FZ_FAIL("recvmsg(total %zu) = %zd", total, r);
	if (msg.msg_flags & ~MSG_TRUNC)
		FZ_FAIL("recvmsg msg_flags %#x", msg.msg_flags);
}

static void op_poll(struct fz *f, struct state *s)
{
	struct ualg_sock *sk = s->h[fz_u8(f) % NH];
	unsigned int mask;

	if (!sk)
		return;
	mask = ualg_sock_poll(sk);
	if (mask & ~(unsigned int)(POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLWRBAND))
		FZ_FAIL("poll mask %#x", mask);
}

static void op_unref(struct fz *f, struct state *s)
{
	put(s, fz_u8(f) % NH, NULL);
}

static void op_dup(struct fz *f, struct state *s)
{
	struct ualg_sock *sk = s->h[fz_u8(f) % NH];
	unsigned int dst = fz_u8(f) % NH;

	if (sk)
		put(s, dst, ualg_sock_ref(sk));
}

/* parent + bind + key in one step, so short inputs reach the data paths */
static void op_quick(struct fz *f, struct state *s)
{
	static const struct {
		const char *type, *name;
		uint8_t klen;
	} rows[] = {
		{"hash", "sha256", 0},	      {"hash", "hmac(sha256)", 20}, {"skcipher", "cbc(aes)", 16},
		{"skcipher", "ctr(aes)", 16}, {"skcipher", "xts(aes)", 32}, {"skcipher", "cts(cbc(aes))", 16},
		{"aead", "gcm(aes)", 16},     {"aead", "ccm(aes)", 16},	    {"rng", "stdrng", 0},
		{"aead", "authenc(hmac(sha256),cbc(aes))", 0}, {"skcipher", "chacha20", 32},
		{"hash", "cmac(aes)", 16},    {"aead", "rfc4106(gcm(aes))", 20},
		{"skcipher", "lrw(aes)", 32}, {"skcipher", "ecb(cipher_null)", 0},
	};
	unsigned int i = fz_u8(f) % NH, row = fz_u8(f) % FZ_ARRAY_SIZE(rows);
	unsigned char sa[88] = {38};
	struct ualg_sock *sk;
	uint8_t key[64];

	if (ualg_sock_new(SOCK_SEQPACKET, 0, &sk) < 0)
		return;
	put(s, i, sk);
	strncpy((char *)sa + 2, rows[row].type, 13);
	strncpy((char *)sa + 24, rows[row].name, 63);
	if (ualg_sock_bind(sk, sa, sizeof(sa)) < 0)
		return;
	fz_bytes(f, key, rows[row].klen);
	if (rows[row].klen)
		ualg_sock_setsockopt(sk, SOL_ALG_, 1, key, rows[row].klen);
}

static void (*const ops[])(struct fz *f, struct state *s) = {
	op_new,	     op_bind,	 op_setsockopt, op_getsockopt, op_accept, op_sendmsg,
	op_recvmsg,  op_poll,	 op_unref,	op_dup,	       op_quick,  op_sendmsg,
	op_recvmsg,  op_accept,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz f = {data, size};
	struct state s = {0};

	for (unsigned int k = 0; k < MAXOPS && f.n; k++)
		ops[fz_u8(&f) % FZ_ARRAY_SIZE(ops)](&f, &s);
	/* close children first sometimes, parents first other times */
	for (unsigned int i = 0; i < NH; i++)
		put(&s, size & 1 ? i : NH - 1 - i, NULL);
	return 0;
}
