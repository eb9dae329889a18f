/* SPDX-License-Identifier: MIT */
/*
 * Linux AIO through syscall() on emulated sockets (spec §13), the way
 * libkcapi drives it: io_setup, IOCB_CMD_PREAD with IOCB_FLAG_RESFD on an
 * skcipher op socket, io_getevents; a context mixing a real file and an
 * emulated socket; the ESPIPE and EINVAL corners. The cipher answer is
 * NIST SP 800-38A F.2.1 (CBC-AES128.Encrypt, first block).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <linux/if_alg.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

static const uint8_t key[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
				0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
static const uint8_t iv[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
			       0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
static const uint8_t pt[16] = {0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
			       0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a};
static const uint8_t ct[16] = {0x76, 0x49, 0xab, 0xac, 0x81, 0x19, 0xb2, 0x46,
			       0xce, 0xe9, 0x8e, 0x9b, 0x12, 0xe9, 0x19, 0x7d};

/* an op socket with one cbc(aes) encryption of pt queued */
static int cbc_op(int *tfm)
{
	struct sockaddr_alg sa = {
		.salg_family = AF_ALG, .salg_type = "skcipher", .salg_name = "cbc(aes)"};
	char cbuf[CMSG_SPACE(4) + CMSG_SPACE(sizeof(struct af_alg_iv) + 16)] = {0};
	struct iovec io = {.iov_base = (void *)pt, .iov_len = sizeof(pt)};
	struct msghdr m = {.msg_iov = &io,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c;
	struct af_alg_iv *aiv;
	int op;

	*tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (*tfm < 0 || bind(*tfm, (struct sockaddr *)&sa, sizeof(sa)) ||
	    setsockopt(*tfm, SOL_ALG, ALG_SET_KEY, key, sizeof(key)))
		return -1;
	op = accept(*tfm, NULL, NULL);
	if (op < 0)
		return -1;
	c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(4);
	*(uint32_t *)CMSG_DATA(c) = ALG_OP_ENCRYPT;
	c = CMSG_NXTHDR(&m, c);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_IV;
	c->cmsg_len = CMSG_LEN(sizeof(*aiv) + 16);
	aiv = (void *)CMSG_DATA(c);
	aiv->ivlen = 16;
	memcpy(aiv->iv, iv, 16);
	if (sendmsg(op, &m, 0) != (ssize_t)sizeof(pt))
		return -1;
	return op;
}

static struct iocb pread_cb(int fd, void *buf, size_t n, uint64_t data)
{
	struct iocb cb = {0};

	cb.aio_fildes = (uint32_t)fd;
	cb.aio_lio_opcode = IOCB_CMD_PREAD;
	cb.aio_buf = (uint64_t)(uintptr_t)buf;
	cb.aio_nbytes = n;
	cb.aio_data = data;
	return cb;
}

TEST(pread_with_eventfd)
{
	aio_context_t ctx = 0;
	uint8_t out[16] = {0};
	int tfm, op = cbc_op(&tfm), efd = eventfd(0, EFD_CLOEXEC);
	struct iocb cb = pread_cb(op, out, sizeof(out), 77), *cbp = &cb;
	struct io_event ev[2] = {0};
	uint64_t cnt = 0;

	CHECK(op >= 0);
	CHECK(efd >= 0);
	CHECK_EQ(syscall(__NR_io_setup, 16, &ctx), 0);
	cb.aio_flags = IOCB_FLAG_RESFD;
	cb.aio_resfd = (uint32_t)efd;
	CHECK_EQ(syscall(__NR_io_submit, ctx, 1L, &cbp), 1);
	CHECK_EQ(read(efd, &cnt, sizeof(cnt)), (ssize_t)sizeof(cnt));
	CHECK_EQ(cnt, 1u);
	CHECK_EQ(syscall(__NR_io_getevents, ctx, 1L, 2L, ev, NULL), 1);
	CHECK_EQ(ev[0].data, 77u);
	CHECK_EQ(ev[0].obj, (uint64_t)(uintptr_t)&cb);
	CHECK_EQ(ev[0].res, 16);
	CHECK_MEM(out, ct, 16);
	/* nothing left: a zero timeout returns at once */
	CHECK_EQ(syscall(__NR_io_getevents, ctx, 0L, 2L, ev, &(struct timespec){0}), 0);
	CHECK_EQ(syscall(__NR_io_destroy, ctx), 0);
	close(op);
	close(tfm);
	close(efd);
}

TEST(mixed_context)
{
	char path[] = "/tmp/ualg-aio-XXXXXX";
	aio_context_t ctx = 0;
	uint8_t out[16] = {0}, fbuf[8] = {0};
	int tfm, op = cbc_op(&tfm), fd = mkstemp(path);
	struct iocb cf = pread_cb(fd, fbuf, sizeof(fbuf), 1), co = pread_cb(op, out, 16, 2);
	struct iocb *cbs[2] = {&cf, &co};
	struct io_event ev[4] = {0};
	long n, got = 0;
	bool seen_file = false, seen_sock = false;

	CHECK(op >= 0);
	CHECK(fd >= 0);
	unlink(path);
	CHECK_EQ(write(fd, "ualg-aio", 8), 8);
	cf.aio_offset = 0;
	CHECK_EQ(syscall(__NR_io_setup, 8, &ctx), 0);
	CHECK_EQ(syscall(__NR_io_submit, ctx, 2L, cbs), 2);
	while (got < 2) {
		n = syscall(__NR_io_getevents, ctx, 1L, 4L, ev + got, NULL);
		CHECK(n > 0);
		if (n <= 0)
			break;
		got += n;
	}
	for (long i = 0; i < got; i++) {
		if (ev[i].data == 1) {
			seen_file = true;
			CHECK_EQ(ev[i].res, 8);
		} else if (ev[i].data == 2) {
			seen_sock = true;
			CHECK_EQ(ev[i].res, 16);
		}
	}
	CHECK(seen_file && seen_sock);
	CHECK_MEM(fbuf, "ualg-aio", 8);
	CHECK_MEM(out, ct, 16);
	CHECK_EQ(syscall(__NR_io_destroy, ctx), 0);
	close(fd);
	close(op);
	close(tfm);
}

TEST(offset_cancel_and_errors)
{
	aio_context_t ctx = 0;
	uint8_t out[16];
	int tfm, op = cbc_op(&tfm);
	struct iocb cb = pread_cb(op, out, 16, 5), *cbp = &cb;
	struct io_event ev, res;

	CHECK(op >= 0);
	CHECK_EQ(syscall(__NR_io_setup, 4, &ctx), 0);
	/* sock_read_iter: a socket has no file position */
	cb.aio_offset = 4096;
	CHECK_EQ(syscall(__NR_io_submit, ctx, 1L, &cbp), 1);
	CHECK_EQ(syscall(__NR_io_getevents, ctx, 1L, 1L, &ev, NULL), 1);
	CHECK_EQ(ev.res, -ESPIPE);
	/* completed requests cannot be cancelled */
	CHECK_EQ(syscall(__NR_io_cancel, ctx, &cb, &res), -1);
	CHECK_EQ(errno, EINVAL);
	/* a RESFD that is not an eventfd is refused at submit time */
	cb.aio_offset = 0;
	cb.aio_flags = IOCB_FLAG_RESFD;
	cb.aio_resfd = (uint32_t)tfm;
	CHECK_EQ(syscall(__NR_io_submit, ctx, 1L, &cbp), -1);
	CHECK_EQ(errno, EINVAL);
	/* a dead context is the kernel's EINVAL */
	cb.aio_flags = 0;
	CHECK_EQ(syscall(__NR_io_destroy, ctx), 0);
	CHECK_EQ(syscall(__NR_io_submit, ctx, 1L, &cbp), -1);
	CHECK_EQ(errno, EINVAL);
	close(op);
	close(tfm);
}
