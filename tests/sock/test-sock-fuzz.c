/* SPDX-License-Identifier: MIT */
/*
 * Regression tests for what tests/fuzz/ found: each case is a minimised
 * fuzz input turned into plain calls, with the kernel's answer.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "sockt.h"
#include "test.h"

/*
 * A zero-length message with nothing ever queued: the request runs on zero
 * bytes and recv returns 0 (the queue buffer did not exist yet: UBSan saw
 * NULL + 0 as the cipher's source).
 */
TEST(fuzz01_skcipher_empty_request_before_any_data)
{
	struct ualg_sock *p, *op;
	uint8_t buf[16];

	NEED("skcipher", "cbc(aes)");
	op = t_op("skcipher", "cbc(aes)", T_K128, 16, &p);
	CHECK_EQ(t_sendc(op, NULL, 0, 0, T_ENC, T_IV0, 16, T_NONE), 0);
	CHECK_EQ(t_recv(op, buf, sizeof(buf), MSG_DONTWAIT), 0);
	/* the request is over: the next recv has nothing to wait for */
	CHECK_EQ(t_recv(op, buf, sizeof(buf), MSG_DONTWAIT), -EAGAIN);
	ualg_sock_unref(op);
	ualg_sock_unref(p);
}

/*
 * getsockopt with *optlen == 0 and a NULL optval succeeds and copies
 * nothing, as copy_to_user of zero bytes does (memcpy was handed NULL).
 */
TEST(fuzz02_getsockopt_zero_len_null_optval)
{
	struct ualg_sock *sk;
	socklen_t len = 0;

	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, NULL, &len), 0);
	CHECK_EQ(len, 0);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_RCVTIMEO, NULL, &len), 0);
	CHECK_EQ(len, 0);
	len = 4;
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, NULL, &len), -EFAULT);
	ualg_sock_unref(sk);
}
