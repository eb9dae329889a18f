/* SPDX-License-Identifier: MIT */
/*
 * Every user pointer of the socket API, bad in every way the kernel answers
 * with EFAULT (spec §4, §5, §7–§10, §20; kernel-probe "hmac.setkey_efault"):
 * unmapped, PROT_NONE, read-only where the kernel writes, a buffer running
 * from good memory into a bad page, the kernel half. Each case runs in a
 * child process, so a case that kills its process is counted (and fails)
 * instead of ending the test. Where the kernel gives a partial result
 * (hash: the bytes before the unreadable page; skcipher/aead send: the whole
 * pages before it), that count is checked, and where it consumes nothing
 * (skcipher/aead receive: af_alg_get_rsgl pins the output first), a good
 * receive afterwards must still produce the right bytes.
 */
#include <linux/cryptouser.h>
#include <linux/netlink.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "sockt.h"
#include "core/cleanup.h"
#include "sock/netlink.h"

#define GOOD (test_bad.good)
#define NONE ((void *)test_bad.none)
#define RO ((void *)test_bad.ro)
#define HOLE (test_bad.hole)
#define KERN (test_bad.kernel)
#define EDGE(n) test_bad_edge(n)
#define pg (test_bad.page)

static struct ualg_sock *hash_op(void)
{
	return t_op("hash", "sha256", NULL, 0, NULL);
}

static struct ualg_sock *cbc_op(void)
{
	return t_op("skcipher", "cbc(aes)", T_K128, 16, NULL);
}

static ssize_t sendmsg1(struct ualg_sock *sk, void *base, size_t len, int flags)
{
	struct iovec iov = {.iov_base = base, .iov_len = len};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};

	return ualg_sock_sendmsg(sk, &m, flags);
}

static ssize_t recvmsg1(struct ualg_sock *sk, void *base, size_t len, int flags)
{
	struct iovec iov = {.iov_base = base, .iov_len = len};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};

	return ualg_sock_recvmsg(sk, &m, flags);
}

/* ---- bind, setsockopt, getsockopt ---- */

static void bind_bad(void)
{
	struct ualg_sock *sk, *op;

	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	CHECK_EQ(ualg_sock_bind(sk, HOLE, 88), -EFAULT);
	CHECK_EQ(ualg_sock_bind(sk, NONE, 88), -EFAULT);
	CHECK_EQ(ualg_sock_bind(sk, EDGE(40), 88), -EFAULT);
	CHECK_EQ(ualg_sock_bind(sk, KERN, 88), -EFAULT);
	/* move_addr_to_kernel comes before sock_no_bind */
	op = hash_op();
	CHECK_EQ(ualg_sock_bind(op, HOLE, 88), -EFAULT);
	CHECK_EQ(ualg_sock_bind(op, GOOD, 88), -EOPNOTSUPP);
}

static void setkey_bad(void)
{
	struct ualg_sock *sk = t_parent("hash", "hmac(sha256)", NULL);

	CHECK_EQ(t_setkey(sk, HOLE, 16), -EFAULT);
	CHECK_EQ(t_setkey(sk, NONE, 16), -EFAULT);
	CHECK_EQ(t_setkey(sk, EDGE(8), 16), -EFAULT);
	CHECK_EQ(t_setkey(sk, KERN, 16), -EFAULT);
	CHECK_EQ(t_setkey(sk, RO, 16), 0); /* read-only is readable */
}

static void setsockopt_bad(void)
{
	struct ualg_sock *sk = t_parent("skcipher", "cbc(aes)", NULL);

	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_SNDBUF, HOLE, 4), -EFAULT);
	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_RCVBUF, NONE, 4), -EFAULT);
	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_RCVTIMEO, EDGE(8), 16), -EFAULT);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_KEY_BY_KEY_SERIAL, HOLE, 4), -EFAULT);
}

static void getsockopt_bad(void)
{
	struct ualg_sock *sk = t_parent("hash", "sha256", NULL);
	socklen_t *ro_len = (socklen_t *)RO;
	socklen_t len = 4;
	int v;

	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, HOLE), -EFAULT);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, KERN), -EFAULT);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, RO, &len), -EFAULT);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, NONE, &len), -EFAULT);
	/* optlen is written back: read-only is EFAULT (and 0x5a5a5a5a is a length > 4) */
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, ro_len), -EFAULT);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, &len), 0);
}

/* ---- sendmsg: the msghdr, its arrays, the data ---- */

static void sendmsg_header_bad(void)
{
	struct ualg_sock *op = hash_op(), *sk = cbc_op();
	struct iovec iov = {.iov_base = GOOD, .iov_len = 16};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};

	CHECK_EQ(ualg_sock_sendmsg(op, HOLE, 0), -EFAULT);
	CHECK_EQ(ualg_sock_sendmsg(op, (void *)NONE, 0), -EFAULT);
	CHECK_EQ(ualg_sock_sendmsg(op, EDGE(20), 0), -EFAULT);
	m.msg_iov = HOLE;
	CHECK_EQ(ualg_sock_sendmsg(op, &m, 0), -EFAULT);
	m.msg_iov = EDGE(8); /* the array runs into the bad page */
	CHECK_EQ(ualg_sock_sendmsg(op, &m, 0), -EFAULT);
	m.msg_iov = &iov;
	/* a destination address is read even where it is ignored */
	m.msg_name = HOLE;
	m.msg_namelen = 16;
	CHECK_EQ(ualg_sock_sendmsg(op, &m, 0), -EFAULT);
	m.msg_name = NULL;
	m.msg_namelen = 0;
	/* control data: on the stack buffer's size and above it */
	m.msg_control = HOLE;
	m.msg_controllen = 32;
	CHECK_EQ(ualg_sock_sendmsg(sk, &m, 0), -EFAULT);
	m.msg_control = NONE;
	m.msg_controllen = 100;
	CHECK_EQ(ualg_sock_sendmsg(sk, &m, 0), -EFAULT);
	m.msg_control = KERN;
	CHECK_EQ(ualg_sock_sendmsg(sk, &m, 0), -EFAULT);
	/* nothing was queued by any of them: a complete request still works */
	CHECK_EQ(t_sendc(sk, T_P1, 16, 0, T_ENC, T_IV0, 16, T_NONE), 16);
}

static void hash_send_bad(void)
{
	struct ualg_sock *op = hash_op();
	uint8_t d[32];
	struct iovec two[2] = {{GOOD, 64}, {HOLE, 64}};
	struct msghdr m = {.msg_iov = two, .msg_iovlen = 2};

	CHECK_EQ(sendmsg1(op, HOLE, 64, 0), -EFAULT);
	CHECK_EQ(sendmsg1(op, NONE, 64, MSG_MORE), -EFAULT);
	CHECK_EQ(sendmsg1(op, KERN, 64, 0), -EFAULT);
	/* the kernel hashes the pages it could pin, then drops the stream */
	CHECK_EQ(sendmsg1(op, EDGE(100), 200, 0), 100);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_EMPTY));
	CHECK_EQ(ualg_sock_sendmsg(op, &m, MSG_MORE), 64);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_EMPTY));
	/* read-only data hashes fine */
	CHECK_EQ(sendmsg1(op, RO, 16, 0), 16);
}

static void skcipher_send_bad(void)
{
	struct ualg_sock *sk = cbc_op();
	uint8_t out[16];

	CHECK_EQ(t_sendc(sk, NULL, 0, MSG_MORE, T_ENC, T_IV0, 16, T_NONE), 0);
	CHECK_EQ(sendmsg1(sk, HOLE, 32, MSG_MORE), -EFAULT);
	CHECK_EQ(sendmsg1(sk, KERN, 32, MSG_MORE), -EFAULT);
	/* the piece that would fill the last page is all or nothing */
	CHECK_EQ(t_send(sk, T_P1, 16, MSG_MORE), 16);
	CHECK_EQ(sendmsg1(sk, EDGE(8), 16, MSG_MORE), -EFAULT);
	CHECK_EQ(t_send(sk, NULL, 0, 0), 0);
	CHECK_EQ(t_recv(sk, out, 16, 0), 16);
	CHECK(t_eqhex(out, 16, T_CBC1));
}

/*
 * The one-pass send (queue empty, its buffer there) hands a fault to the
 * full path: as in the kernel, the op and IV of the failed message still
 * apply, and nothing is queued.
 */
static void skcipher_send_bad_one_pass(void)
{
	struct ualg_sock *sk = cbc_op();
	uint8_t out[16];

	/* a first request (decrypt) gives the queue its buffer and moves the IV on */
	CHECK_EQ(t_sendc(sk, T_P1, 16, 0, T_DEC, T_IV0, 16, T_NONE), 16);
	CHECK_EQ(t_recv(sk, out, 16, 0), 16);
	CHECK_EQ(t_sendc(sk, EDGE(8), 16, 0, T_ENC, T_IV0, 16, T_NONE), -EFAULT);
	CHECK_EQ(t_send(sk, T_P1, 16, 0), 16);
	CHECK_EQ(t_recv(sk, out, 16, 0), 16);
	CHECK(t_eqhex(out, 16, T_CBC1));
}

/* a send running into a bad page keeps the whole pages before it */
static void skcipher_send_pages(void)
{
	struct ualg_sock *sk = cbc_op();
	uint8_t *buf = malloc((size_t)(2 * pg));

	/* from a page boundary: two whole pages, then the bad one */
	CHECK_EQ(t_sendc(sk, NULL, 0, MSG_MORE, T_ENC, T_IV0, 16, T_NONE), 0);
	CHECK_EQ(sendmsg1(sk, GOOD, (size_t)(3 * pg), MSG_MORE), 2 * pg);
	/* the partial send did not update more (spec §7.2 step 7): the request is complete */
	CHECK_EQ(t_recv(sk, buf, (size_t)(2 * pg), 0), 2 * pg);
	sk = cbc_op();
	/* from inside a page: one whole page fits before the bad one */
	CHECK_EQ(t_sendc(sk, NULL, 0, MSG_MORE, T_ENC, T_IV0, 16, T_NONE), 0);
	CHECK_EQ(sendmsg1(sk, GOOD + 100, (size_t)(2 * pg), MSG_MORE), pg);
	CHECK_EQ(t_recv(sk, buf, (size_t)pg, 0), pg);
	free(buf);
}

static void aead_send_bad(void)
{
	static const uint8_t key[16], iv[12];
	struct ualg_sock *sk = t_op("aead", "gcm(aes)", key, 16, NULL);

	CHECK_EQ(t_sendc(sk, NULL, 0, MSG_MORE, T_ENC, iv, 12, 0), 0);
	CHECK_EQ(sendmsg1(sk, HOLE, 16, 0), -EFAULT);
	CHECK_EQ(sendmsg1(sk, EDGE(4), 16, 0), -EFAULT);
}

/* ---- recvmsg ---- */

static void recvmsg_header_bad(void)
{
	struct ualg_sock *op = hash_op();
	uint8_t d[32];
	struct iovec iov = {.iov_base = d, .iov_len = 32};
	struct msghdr m = {.msg_iov = HOLE, .msg_iovlen = 1};
	struct msghdr *ro = (struct msghdr *)RO;

	CHECK_EQ(ualg_sock_recvmsg(op, HOLE, 0), -EFAULT);
	CHECK_EQ(ualg_sock_recvmsg(op, KERN, 0), -EFAULT);
	CHECK_EQ(ualg_sock_recvmsg(op, &m, 0), -EFAULT);
	m.msg_iov = (struct iovec *)NONE;
	CHECK_EQ(ualg_sock_recvmsg(op, &m, 0), -EFAULT);
	/* a read-only msghdr: the digest is taken, then writing msg_flags back faults */
	(void)mprotect(RO, (size_t)pg, PROT_READ | PROT_WRITE);
	*ro = (struct msghdr){.msg_iov = &iov, .msg_iovlen = 1};
	(void)mprotect(RO, (size_t)pg, PROT_READ);
	CHECK_EQ(t_send(op, "abc", 3, 0), 3);
	CHECK_EQ(ualg_sock_recvmsg(op, ro, 0), -EFAULT);
	CHECK(t_eqhex(d, 32, T_SHA256_ABC));
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_EMPTY));
}

static void hash_recv_bad(void)
{
	struct ualg_sock *op = hash_op();
	uint8_t d[32];

	CHECK_EQ(t_send(op, "abc", 3, 0), 3);
	CHECK_EQ(recvmsg1(op, HOLE, 32, 0), -EFAULT);
	/* every recv consumes the digest, a failed one too */
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_EMPTY));
	CHECK_EQ(recvmsg1(op, RO, 32, 0), -EFAULT);
	CHECK_EQ(recvmsg1(op, EDGE(16), 32, 0), -EFAULT);
	CHECK_EQ(recvmsg1(op, KERN, 32, 0), -EFAULT);
}

/* af_alg_get_rsgl pins the output before anything is consumed */
static void skcipher_recv_bad(void)
{
	struct ualg_sock *sk = cbc_op();
	uint8_t out[32];

	CHECK_EQ(t_sendc(sk, T_P1, 16, 0, T_ENC, T_IV0, 16, T_NONE), 16);
	CHECK_EQ(recvmsg1(sk, HOLE, 16, 0), -EFAULT);
	CHECK_EQ(recvmsg1(sk, RO, 16, 0), -EFAULT);
	CHECK_EQ(recvmsg1(sk, EDGE(8), 16, 0), -EFAULT);
	CHECK_EQ(recvmsg1(sk, NONE, 16, MSG_DONTWAIT), -EFAULT);
	CHECK_EQ(recvmsg1(sk, KERN, 16, 0), -EFAULT);
	CHECK_EQ(t_recv(sk, out, 16, 0), 16);
	CHECK(t_eqhex(out, 16, T_CBC1));
	/* the second of two iovecs is the bad one */
	{
		struct iovec two[2] = {{out, 8}, {HOLE, 8}};
		struct msghdr m = {.msg_iov = two, .msg_iovlen = 2};

		CHECK_EQ(t_send(sk, T_P2, 16, 0), 16);
		CHECK_EQ(ualg_sock_recvmsg(sk, &m, 0), -EFAULT);
		CHECK_EQ(t_recv(sk, out, 16, 0), 16);
		CHECK(t_eqhex(out, 16, T_CBC2));
	}
}

static void aead_recv_bad(void)
{
	static const uint8_t key[16], iv[12];
	struct ualg_sock *sk = t_op("aead", "gcm(aes)", key, 16, NULL);
	uint8_t p[16] = {0}, out[32];

	CHECK_EQ(t_sendc(sk, p, 16, 0, T_ENC, iv, 12, 0), 16);
	CHECK_EQ(recvmsg1(sk, HOLE, 32, 0), -EFAULT);
	CHECK_EQ(recvmsg1(sk, EDGE(20), 32, 0), -EFAULT);
	CHECK_EQ(t_recv(sk, out, 32, 0), 32);
	CHECK(t_eqhex(out, 32, T_GCM_C2 T_GCM_T2));
}

static void rng_recv_bad(void)
{
	struct ualg_sock *sk = t_op("rng", "jitterentropy_rng", NULL, 0, NULL);

	if (!sk)
		sk = t_op("rng", "stdrng", "", 0, NULL);
	CHECK(sk != NULL);
	CHECK_EQ(recvmsg1(sk, HOLE, 16, 0), -EFAULT);
	CHECK_EQ(recvmsg1(sk, RO, 16, 0), -EFAULT);
}

/* ---- NETLINK_CRYPTO ---- */

static struct ualg_nlsock *nl_new(void)
{
	struct ualg_nlsock *nl;

	return ualg_nl_new(SOCK_RAW, UALG_NETLINK_CRYPTO, &nl) < 0 ? NULL : nl;
}

static void netlink_addr_bad(void)
{
	struct ualg_nlsock *nl = nl_new();
	struct sockaddr_nl a = {.nl_family = AF_NETLINK};
	socklen_t len = sizeof(a);
	int v = 1;

	CHECK_EQ(ualg_nl_bind(nl, HOLE, sizeof(a)), -EFAULT);
	CHECK_EQ(ualg_nl_connect(nl, EDGE(4), sizeof(a)), -EFAULT);
	CHECK_EQ(ualg_nl_getsockname(nl, &a, HOLE), -EFAULT);
	CHECK_EQ(ualg_nl_getsockname(nl, RO, &len), -EFAULT);
	CHECK_EQ(ualg_nl_getpeername(nl, &a, (socklen_t *)RO), -EFAULT);
	CHECK_EQ(ualg_nl_setsockopt(nl, SOL_NETLINK, NETLINK_CAP_ACK, HOLE, 4), -EFAULT);
	CHECK_EQ(ualg_nl_getsockopt(nl, SOL_NETLINK, NETLINK_CAP_ACK, &v, HOLE), -EFAULT);
	len = 4;
	CHECK_EQ(ualg_nl_getsockopt(nl, SOL_NETLINK, NETLINK_CAP_ACK, RO, &len), -EFAULT);
	CHECK_EQ(ualg_nl_bind(nl, &a, sizeof(a)), 0);
}

static void netlink_msg_bad(void)
{
	struct ualg_nlsock *nl = nl_new();
	struct {
		struct nlmsghdr h;
		struct crypto_user_alg u;
	} req = {.h = {.nlmsg_len = sizeof(req),
		       .nlmsg_type = CRYPTO_MSG_GETALG,
		       .nlmsg_flags = NLM_F_REQUEST}};
	struct iovec iov = {.iov_base = &req, .iov_len = sizeof(req)};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	uint8_t buf[4096];

	strcpy(req.u.cru_name, "sha256");
	CHECK_EQ(ualg_nl_sendmsg(nl, HOLE, 0), -EFAULT);
	iov.iov_base = HOLE;
	CHECK_EQ(ualg_nl_sendmsg(nl, &m, 0), -EFAULT);
	iov.iov_base = &req;
	m.msg_name = HOLE;
	m.msg_namelen = sizeof(struct sockaddr_nl);
	CHECK_EQ(ualg_nl_sendmsg(nl, &m, 0), -EFAULT);
	m.msg_name = NULL;
	m.msg_namelen = 0;
	CHECK_EQ(ualg_nl_sendmsg(nl, &m, 0), (ssize_t)sizeof(req));
	/* the reply is taken even though it cannot be copied out */
	iov.iov_base = HOLE;
	iov.iov_len = sizeof(buf);
	CHECK_EQ(ualg_nl_recvmsg(nl, &m, 0), -EFAULT);
	iov.iov_base = buf;
	CHECK_EQ(ualg_nl_recvmsg(nl, &m, MSG_DONTWAIT), -EAGAIN);
	CHECK_EQ(ualg_nl_recvmsg(nl, HOLE, MSG_DONTWAIT), -EFAULT);
}

static const struct test_group cases[] = {
	{"bind_bad", bind_bad},
	{"setkey_bad", setkey_bad},
	{"setsockopt_bad", setsockopt_bad},
	{"getsockopt_bad", getsockopt_bad},
	{"sendmsg_header_bad", sendmsg_header_bad},
	{"hash_send_bad", hash_send_bad},
	{"skcipher_send_bad", skcipher_send_bad},
	{"skcipher_send_pages", skcipher_send_pages},
	{"skcipher_send_bad_one_pass", skcipher_send_bad_one_pass},
	{"aead_send_bad", aead_send_bad},
	{"recvmsg_header_bad", recvmsg_header_bad},
	{"hash_recv_bad", hash_recv_bad},
	{"skcipher_recv_bad", skcipher_recv_bad},
	{"aead_recv_bad", aead_recv_bad},
	{"rng_recv_bad", rng_recv_bad},
	{"netlink_addr_bad", netlink_addr_bad},
	{"netlink_msg_bad", netlink_msg_bad},
};

TEST(efault_matrix)
{
	CHECK_EQ(test_bad_setup(), 0);
	test_run_groups("efault", cases, sizeof(cases) / sizeof(cases[0]));
}
