/* SPDX-License-Identifier: MIT */
/*
 * Bad pointers through the real socket API under the preload: every libc
 * entry point the preload serves (send, sendto, sendmsg, sendmmsg, write,
 * writev, recv, recvfrom, recvmsg, recvmmsg, read, readv, bind, setsockopt,
 * getsockopt, getsockname, sendfile, io_submit/io_getevents, the netlink
 * socket) given unmapped, PROT_NONE, read-only or half-bad memory answers
 * EFAULT as the kernel does (spec §4, §5, §7-§10, §13, §20), never kills the
 * process. Each group runs in a child process: a crash is counted as such.
 */
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <linux/cryptouser.h>
#include <linux/netlink.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "alg.h"

#define SHA256_EMPTY                                                                               \
	"\xe3\xb0\xc4\x42\x98\xfc\x1c\x14\x9a\xfb\xf4\xc8\x99\x6f\xb9\x24"                         \
	"\x27\xae\x41\xe4\x64\x9b\x93\x4c\xa4\x95\x99\x1b\x78\x52\xb8\x55"

#define GOOD (test_bad.good)
#define NONE ((void *)test_bad.none)
#define RO ((void *)test_bad.ro)
#define HOLE (test_bad.hole)
#define KERN (test_bad.kernel)
#define EDGE(n) test_bad_edge(n)
#define pg (test_bad.page)

/* the call's errno, or 0 when it succeeded */
#define ERR(call) ((call) < 0 ? errno : 0)

static int hash_op(int *tfm)
{
	*tfm = alg_tfm("hash", "sha256");
	return *tfm < 0 ? -1 : accept(*tfm, NULL, NULL);
}

static void send_family(void)
{
	int tfm, op = hash_op(&tfm);
	struct iovec iov = {.iov_base = GOOD, .iov_len = 16};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	unsigned char d[32];

	CHECK_EQ(ERR(send(op, HOLE, 64, 0)), EFAULT);
	CHECK_EQ(ERR(sendto(op, NONE, 64, 0, NULL, 0)), EFAULT);
	CHECK_EQ(ERR(write(op, KERN, 64)), EFAULT);
	CHECK_EQ(ERR(sendmsg(op, HOLE, 0)), EFAULT);
	m.msg_iov = HOLE;
	CHECK_EQ(ERR(sendmsg(op, &m, 0)), EFAULT);
	m.msg_iov = &iov;
	m.msg_name = HOLE;
	m.msg_namelen = 16;
	CHECK_EQ(ERR(sendmsg(op, &m, 0)), EFAULT);
	m.msg_name = NULL;
	m.msg_namelen = 0;
	m.msg_control = HOLE;
	m.msg_controllen = 64;
	CHECK_EQ(ERR(sendmsg(op, &m, 0)), EFAULT);
	/* the hash takes the pages before the unreadable one, then drops the stream */
	CHECK_EQ(send(op, EDGE(100), 200, 0), 100);
	CHECK_EQ(recv(op, d, 32, 0), 32);
	CHECK_MEM(d, SHA256_EMPTY, 32);
	/* sendto's address is ignored, never read, by AF_ALG */
	CHECK_EQ(sendto(op, GOOD, 16, 0, HOLE, 16), 16);
}

static void writev_readv(void)
{
	int tfm, op = hash_op(&tfm);
	struct iovec bad[2] = {{GOOD, 8}, {HOLE, 8}};
	unsigned char d[32];

	CHECK_EQ(ERR(writev(op, HOLE, 1)), EFAULT);
	CHECK_EQ(ERR(writev(op, EDGE(8), 2)), EFAULT);
	CHECK_EQ(writev(op, bad, 2), 8); /* hashed up to the bad page */
	CHECK_EQ(ERR(readv(op, HOLE, 1)), EFAULT);
	bad[0].iov_base = d;
	CHECK_EQ(ERR(readv(op, &bad[1], 1)), EFAULT);
	/* a zero total never reaches the socket, whatever the bases */
	bad[1].iov_len = 0;
	CHECK_EQ(readv(op, &bad[1], 1), 0);
}

static void recv_family(void)
{
	int tfm, op = hash_op(&tfm);
	unsigned char d[32];
	socklen_t len = 16;
	struct sockaddr_storage ss;

	CHECK_EQ(send(op, "abc", 3, 0), 3);
	CHECK_EQ(ERR(recv(op, HOLE, 32, 0)), EFAULT);
	CHECK_EQ(ERR(read(op, RO, 32)), EFAULT);
	CHECK_EQ(ERR(recvfrom(op, EDGE(16), 32, 0, NULL, NULL)), EFAULT);
	CHECK_EQ(ERR(recvmsg(op, HOLE, 0)), EFAULT);
	/* the address is written after the digest is taken: EFAULT, digest gone */
	CHECK_EQ(send(op, "abc", 3, 0), 3);
	CHECK_EQ(ERR(recvfrom(op, d, 32, 0, (struct sockaddr *)&ss, HOLE)), EFAULT);
	CHECK_EQ(recv(op, d, 32, 0), 32);
	CHECK_MEM(d, SHA256_EMPTY, 32);
	CHECK_EQ(ERR(recvfrom(op, d, 32, 0, (struct sockaddr *)&ss, RO)), EFAULT);
	CHECK_EQ(recvfrom(op, d, 32, 0, (struct sockaddr *)&ss, &len), 32);
	CHECK_EQ(len, 0);
}

static void skcipher_recv_keeps_data(void)
{
	static const uint8_t key[16], zero[16];
	static const uint8_t ecb0[16] = {0x66, 0xe9, 0x4b, 0xd4, 0xef, 0x8a, 0x2c, 0x3b,
					 0x88, 0x4c, 0xfa, 0x59, 0xca, 0x34, 0x2b, 0x2e};
	int tfm = alg_tfm("skcipher", "ecb(aes)"), op;
	char cbuf[CMSG_SPACE(4)] = {0};
	struct iovec io = {.iov_base = (void *)zero, .iov_len = 16};
	struct msghdr m = {.msg_iov = &io,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	uint8_t out[16];

	CHECK_EQ(setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, 16), 0);
	op = accept(tfm, NULL, NULL);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(4);
	*(uint32_t *)CMSG_DATA(c) = ALG_OP_ENCRYPT;
	CHECK_EQ(sendmsg(op, &m, 0), 16);
	CHECK_EQ(ERR(read(op, HOLE, 16)), EFAULT);
	CHECK_EQ(ERR(recv(op, RO, 16, 0)), EFAULT);
	CHECK_EQ(ERR(read(op, EDGE(4), 16)), EFAULT);
	CHECK_EQ(read(op, out, 16), 16);
	CHECK_MEM(out, ecb0, 16);
}

static void options(void)
{
	int tfm = alg_tfm("hash", "hmac(sha256)"), s = socket(AF_ALG, SOCK_SEQPACKET, 0);
	socklen_t len = 4;
	int v;

	CHECK_EQ(ERR(bind(s, HOLE, 88)), EFAULT);
	CHECK_EQ(ERR(bind(s, EDGE(10), 88)), EFAULT);
	CHECK_EQ(ERR(setsockopt(tfm, SOL_ALG, ALG_SET_KEY, HOLE, 32)), EFAULT);
	CHECK_EQ(ERR(setsockopt(tfm, SOL_ALG, ALG_SET_KEY, EDGE(4), 32)), EFAULT);
	CHECK_EQ(ERR(setsockopt(tfm, SOL_SOCKET, SO_SNDBUF, NONE, 4)), EFAULT);
	CHECK_EQ(ERR(getsockopt(tfm, SOL_SOCKET, SO_SNDBUF, &v, HOLE)), EFAULT);
	CHECK_EQ(ERR(getsockopt(tfm, SOL_SOCKET, SO_SNDBUF, RO, &len)), EFAULT);
	CHECK_EQ(ERR(getsockopt(tfm, SOL_SOCKET, SO_SNDBUF, &v, RO)), EFAULT);
}

static void mmsg(void)
{
	int tfm, op = hash_op(&tfm);
	struct mmsghdr *ro = RO;
	struct timespec t = {0};

	CHECK_EQ(ERR(sendmmsg(op, HOLE, 1, 0)), EFAULT);
	CHECK_EQ(ERR(recvmmsg(op, HOLE, 1, 0, NULL)), EFAULT);
	CHECK_EQ(ERR(recvmmsg(op, (struct mmsghdr *)GOOD, 1, 0, HOLE)), EFAULT);
	/* a read-only vector: the message goes, msg_len cannot be written back */
	(void)mprotect(RO, (size_t)pg, PROT_READ | PROT_WRITE);
	memset(ro, 0, sizeof(*ro));
	(void)mprotect(RO, (size_t)pg, PROT_READ);
	CHECK_EQ(ERR(sendmmsg(op, ro, 1, 0)), EFAULT);
	(void)t;
}

static void sendfile_offset(void)
{
	int tfm, op = hash_op(&tfm);
	int fd = memfd_create("ualg-efault", 0);

	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_EQ(ERR(sendfile(op, fd, HOLE, 3)), EFAULT);
	CHECK_EQ(ERR(sendfile(op, fd, RO, 3)), EFAULT); /* written back */
}

static long sys(long n, long a, long b, long c, long d)
{
	return syscall(n, a, b, c, d);
}

static void aio(void)
{
	int tfm, op = hash_op(&tfm);
	aio_context_t ctx = 0;
	struct iocb cb = {.aio_fildes = (uint32_t)op, .aio_lio_opcode = IOCB_CMD_PREADV};
	struct iocb *list[1] = {&cb};
	struct io_event ev;
	struct timespec t = {1, 0};

	CHECK_EQ(sys(__NR_io_setup, 8, (long)&ctx, 0, 0), 0);
	CHECK_EQ(sys(__NR_io_submit, (long)ctx, 1, (long)HOLE, 0) < 0 ? errno : 0, EFAULT);
	list[0] = HOLE;
	CHECK_EQ(sys(__NR_io_submit, (long)ctx, 1, (long)list, 0) < 0 ? errno : 0, EFAULT);
	list[0] = &cb;
	/* PREADV: the iovec array is read at submit time */
	cb.aio_buf = (uint64_t)(uintptr_t)HOLE;
	cb.aio_nbytes = 1;
	CHECK_EQ(sys(__NR_io_submit, (long)ctx, 1, (long)list, 0) < 0 ? errno : 0, EFAULT);
	/* PREAD: submitted; the completion carries -EFAULT */
	cb.aio_lio_opcode = IOCB_CMD_PREAD;
	cb.aio_nbytes = 32;
	CHECK_EQ(sys(__NR_io_submit, (long)ctx, 1, (long)list, 0), 1);
	CHECK_EQ(sys(__NR_io_getevents, (long)ctx, 1, 1, (long)HOLE) < 0 ? errno : 0, EFAULT);
	CHECK_EQ(syscall(__NR_io_getevents, ctx, 1, 1, &ev, &t), 1);
	CHECK_EQ(ev.res, -EFAULT);
	CHECK_EQ(sys(__NR_io_destroy, (long)ctx, 0, 0, 0), 0);
}

static void netlink(void)
{
	int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_CRYPTO);
	struct sockaddr_nl a;
	socklen_t len = sizeof(a);
	struct {
		struct nlmsghdr h;
		struct crypto_user_alg u;
	} req = {.h = {.nlmsg_len = sizeof(req),
		       .nlmsg_type = CRYPTO_MSG_GETALG,
		       .nlmsg_flags = NLM_F_REQUEST}};
	char buf[4096];

	strcpy(req.u.cru_name, "sha256");
	CHECK(nl >= 0);
	CHECK_EQ(ERR(bind(nl, HOLE, sizeof(a))), EFAULT);
	CHECK_EQ(ERR(getsockname(nl, HOLE, &len)), EFAULT);
	CHECK_EQ(ERR(getsockname(nl, (struct sockaddr *)&a, HOLE)), EFAULT);
	CHECK_EQ(ERR(send(nl, HOLE, sizeof(req), 0)), EFAULT);
	CHECK_EQ(ERR(sendto(nl, &req, sizeof(req), 0, HOLE, sizeof(a))), EFAULT);
	CHECK_EQ(send(nl, &req, sizeof(req), 0), (ssize_t)sizeof(req));
	CHECK_EQ(ERR(recvfrom(nl, buf, sizeof(buf), 0, HOLE, &len)), EFAULT);
	CHECK_EQ(send(nl, &req, sizeof(req), 0), (ssize_t)sizeof(req));
	CHECK_EQ(ERR(recv(nl, HOLE, sizeof(buf), 0)), EFAULT);
}

/* the preload's open()/fopen() (its /proc/crypto) leave a bad path to the kernel: EFAULT */
static void open_paths(void)
{
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
	/* the sanitizer's own open()/fopen() interceptors read the path first (and crash) */
	return;
#endif
	CHECK_EQ(ERR(open(HOLE, O_RDONLY)), EFAULT);
	CHECK_EQ(ERR(openat(AT_FDCWD, NONE, O_RDONLY)), EFAULT);
	CHECK_EQ(ERR(open(KERN, O_RDONLY | O_CLOEXEC)), EFAULT);
	errno = 0;
	CHECK(fopen(HOLE, "r") == NULL);
	CHECK_EQ(errno, EFAULT);
}

static const struct test_group cases[] = {
	{"send_family", send_family},
	{"writev_readv", writev_readv},
	{"recv_family", recv_family},
	{"skcipher_recv_keeps_data", skcipher_recv_keeps_data},
	{"options", options},
	{"mmsg", mmsg},
	{"sendfile_offset", sendfile_offset},
	{"aio", aio},
	{"netlink", netlink},
	{"open_paths", open_paths},
};

TEST(efault_preload)
{
	require_preload();
	CHECK_EQ(test_bad_setup(), 0);
	test_run_groups("efault", cases, sizeof(cases) / sizeof(cases[0]));
}
