/* SPDX-License-Identifier: MIT */
/*
 * Data-path rules through the sock API: cmsg parsing (§7.1), the locked
 * send path (§7.2, §7.3), skcipher recv (§8), aead (§9), hash (§10), rng
 * (§11), poll (§14), limits (§17).
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sockt.h"
#include "test.h"

#define IN_OUT (POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLWRBAND)
#define IN_ONLY (POLLIN | POLLRDNORM)

static struct ualg_sock *cbc_op(void)
{
	return t_op("skcipher", "cbc(aes)", T_K128, 16, NULL);
}

/* one cmsg of (type, payload) */
static size_t mk_cmsg(void *buf, int level, int type, const void *data, size_t n)
{
	struct cmsghdr *c = buf;

	memset(buf, 0, CMSG_SPACE(n));
	c->cmsg_level = level;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(n);
	memcpy(CMSG_DATA(c), data, n);
	return CMSG_SPACE(n);
}

TEST(s7_cmsg_validation)
{
	union {
		char b[256];
		struct cmsghdr a;
	} u;
	struct ualg_sock *op;
	uint8_t iv[40] = {0}, buf[16];
	uint32_t v;
	size_t n;

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	/* IV lengths must equal ivsize */
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, iv, 8, T_NONE), -EINVAL);
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, iv, 32, T_NONE), -EINVAL);
	/* IV header says 16, only 8 bytes present */
	v = 16;
	memcpy(iv, &v, 4);
	n = mk_cmsg(u.b, T_SOL_ALG, T_SET_IV, iv, 12);
	CHECK_EQ(t_sendctl(op, T_P1, 16, 0, u.b, n), -EINVAL);
	/* IV cmsg with only 3 bytes */
	n = mk_cmsg(u.b, T_SOL_ALG, T_SET_IV, iv, 3);
	CHECK_EQ(t_sendctl(op, T_P1, 16, 0, u.b, n), -EINVAL);
	/* op 2 */
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, 2, NULL, 0, T_NONE), -EINVAL);
	/* short op payload */
	n = mk_cmsg(u.b, T_SOL_ALG, T_SET_OP, "\1\0", 2);
	CHECK_EQ(t_sendctl(op, T_P1, 16, 0, u.b, n), -EINVAL);
	/* unknown SOL_ALG cmsg types */
	n = mk_cmsg(u.b, T_SOL_ALG, T_SET_KEY, T_K128, 16);
	CHECK_EQ(t_sendctl(op, T_P1, 16, 0, u.b, n), -EINVAL);
	n = mk_cmsg(u.b, T_SOL_ALG, 99, "abcd", 4);
	CHECK_EQ(t_sendctl(op, T_P1, 16, 0, u.b, n), -EINVAL);
	/* cmsg_len overrunning the buffer */
	n = mk_cmsg(u.b, T_SOL_ALG, T_SET_OP, "\1\0\0\0", 4);
	((struct cmsghdr *)u.b)->cmsg_len = 200;
	CHECK_EQ(t_sendctl(op, T_P1, 16, 0, u.b, n), -EINVAL);
	/* assoclen cap */
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, NULL, 0, 0x80000000L), -EINVAL);
	/* nothing was queued by the failures */
	CHECK_EQ(t_recv(op, buf, 16, MSG_DONTWAIT), -EAGAIN);
	ualg_sock_unref(op);
}

TEST(s7_cmsg_op_8_bytes_last_wins_other_levels)
{
	union {
		char b[256];
		struct cmsghdr a;
	} u;
	struct ualg_sock *op;
	uint8_t buf[16], enc1[16];
	size_t n;

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	/* two ops: the last (encrypt) wins; IV given once */
	n = mk_cmsg(u.b, T_SOL_ALG, T_SET_OP, "\0\0\0\0", 4);
	n += mk_cmsg(u.b + n, T_SOL_ALG, T_SET_OP, "\1\0\0\0", 4);
	{
		uint8_t ivc[20];
		uint32_t l = 16;

		memcpy(ivc, &l, 4);
		memcpy(ivc + 4, T_IV0, 16);
		n += mk_cmsg(u.b + n, T_SOL_ALG, T_SET_IV, ivc, 20);
	}
	CHECK_EQ(t_sendctl(op, T_P1, 16, 0, u.b, n), 16);
	CHECK_EQ(t_recv(op, enc1, 16, 0), 16);
	CHECK(t_eqhex(enc1, 16, T_CBC1));
	/* an 8-byte op payload: the first u32 counts */
	n = mk_cmsg(u.b, T_SOL_ALG, T_SET_OP, "\1\0\0\0\7\7\7\7", 8);
	CHECK_EQ(t_sendctl(op, T_P1, 16, 0, u.b, n), 16);
	CHECK_EQ(t_recv(op, buf, 16, 0), 16);
	/* IV chained from the first request: this is block 2 of cbc(P1, P1) */
	ualg_sock_unref(op);
	/* a SOL_SOCKET cmsg is skipped but counts as control: decrypt */
	op = cbc_op();
	n = mk_cmsg(u.b, SOL_SOCKET, 99, "abcd", 4);
	CHECK_EQ(t_sendctl(op, enc1, 16, 0, u.b, n), 16);
	CHECK_EQ(t_recv(op, buf, 16, 0), 16);
	/* zero IV decrypt of CBC1 = P1 ^ IV0 */
	for (int i = 0; i < 16; i++)
		buf[i] ^= T_IV0[i];
	CHECK_MEM(buf, T_P1, 16);
	/* ALG_SET_AEAD_ASSOCLEN is accepted and ignored on skcipher */
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, T_IV0, 16, 16), 16);
	CHECK_EQ(t_recv(op, buf, 16, 0), 16);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	ualg_sock_unref(op);
}

TEST(s7_enobufs_control_above_optmem)
{
	struct ualg_sock *op;
	char *ctl;

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	ctl = calloc(1, 200000);
	/* 10000 bytes of zeroes: no cmsg fits a zero cmsg_len -> EINVAL from CMSG_OK */
	CHECK_EQ(t_sendctl(op, T_P1, 16, 0, ctl, 200000), -ENOBUFS);
	CHECK_EQ(t_sendctl(op, T_P1, 16, 0, ctl, 131072), -ENOBUFS);
	ualg_sock_unref(op);
	free(ctl);
}

TEST(s7_cmsg_applies_to_queued_data)
{
	struct ualg_sock *op;
	uint8_t buf[32];

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	/* queued as decrypt, flipped to encrypt by a later cmsg */
	CHECK_EQ(t_sendc(op, T_P1, 16, MSG_MORE, T_DEC, T_IV0, 16, T_NONE), 16);
	CHECK_EQ(t_sendc(op, T_P2, 16, 0, T_ENC, NULL, 0, T_NONE), 16);
	CHECK_EQ(t_recv(op, buf, 32, 0), 32);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	CHECK(t_eqhex(buf + 16, 16, T_CBC2));
	ualg_sock_unref(op);
}

TEST(s7_empty_sends)
{
	struct ualg_sock *op;
	uint8_t buf[32];

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	/* a cmsg-only send without MORE on a fresh socket: an empty request */
	CHECK_EQ(t_sendc(op, NULL, 0, 0, T_ENC, T_IV0, 16, T_NONE), 0);
	CHECK_EQ(t_recv(op, buf, 16, MSG_DONTWAIT), 0);
	/* empty send with nothing queued proceeds (used == 0) */
	CHECK_EQ(t_send(op, NULL, 0, 0), 0);
	CHECK_EQ(t_send(op, T_P1, 16, 0), 16);
	CHECK_EQ(t_recv(op, buf, 16, 0), 16);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	ualg_sock_unref(op);
}

TEST(s8_chunking_more_20_recv32)
{
	struct ualg_sock *op;
	uint8_t buf[32], pt[32];

	NEED("skcipher", "cbc(aes)");
	memcpy(pt, T_P1, 16);
	memcpy(pt + 16, T_P2, 16);
	op = cbc_op();
	CHECK_EQ(t_sendc(op, pt, 20, MSG_MORE, T_ENC, T_IV0, 16, T_NONE), 20);
	CHECK_EQ(t_recv(op, buf, 32, MSG_DONTWAIT), 16);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	CHECK_EQ(t_send(op, pt + 20, 12, 0), 12);
	CHECK_EQ(t_recv(op, buf, 16, 0), 16);
	CHECK(t_eqhex(buf, 16, T_CBC2));
	ualg_sock_unref(op);
}

TEST(s8_more_short_queue_eagain_and_poll)
{
	struct ualg_sock *op;
	uint8_t buf[16];

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	CHECK_EQ(ualg_sock_poll(op), IN_OUT);
	CHECK_EQ(t_recv(op, buf, 16, MSG_DONTWAIT), -EAGAIN);
	CHECK_EQ(t_sendc(op, T_P1, 10, MSG_MORE, T_ENC, T_IV0, 16, T_NONE), 10);
	CHECK_EQ(ualg_sock_poll(op), IN_OUT);
	CHECK_EQ(t_recv(op, buf, 16, MSG_DONTWAIT), -EAGAIN);
	ualg_sock_unref(op);
}

TEST(s8_leftovers_of_complete_request)
{
	struct ualg_sock *op;
	uint8_t pt[64], buf[48];

	NEED("skcipher", "cbc(aes)");
	memset(pt, 0, sizeof(pt));
	op = cbc_op();
	CHECK_EQ(t_sendc(op, pt, 64, 0, T_ENC, T_IV0, 16, T_NONE), 64);
	CHECK_EQ(t_recv(op, buf, 40, MSG_DONTWAIT), 32);
	CHECK_EQ(t_recv(op, buf, 32, MSG_DONTWAIT), 32);
	CHECK_EQ(t_recv(op, buf, 16, MSG_DONTWAIT), -EAGAIN);
	ualg_sock_unref(op);
}

TEST(s8_recv_len_below_bs_einval_nothing_consumed)
{
	struct ualg_sock *op;
	uint8_t pt[32], buf[32];

	NEED("skcipher", "cbc(aes)");
	memcpy(pt, T_P1, 16);
	memcpy(pt + 16, T_P2, 16);
	op = cbc_op();
	CHECK_EQ(t_sendc(op, pt, 32, 0, T_ENC, T_IV0, 16, T_NONE), 32);
	CHECK_EQ(t_recv(op, buf, 8, 0), -EINVAL);
	CHECK_EQ(t_recv(op, buf, 32, 0), 32);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	CHECK(t_eqhex(buf + 16, 16, T_CBC2));
	ualg_sock_unref(op);
}

TEST(s8_recv_zero_and_flags)
{
	struct ualg_sock *op;
	uint8_t buf[16];
	int fl = -1;

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	CHECK_EQ(t_recv(op, buf, 0, 0), 0); /* returns at once, even blocking */
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, T_IV0, 16, T_NONE), 16);
	CHECK_EQ(t_recv(op, buf, 0, 0), 0);
	/* MSG_PEEK consumes; msg_flags is 0 */
	CHECK_EQ(t_recvf(op, buf, 16, MSG_PEEK, &fl), 16);
	CHECK_EQ(fl, 0);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	CHECK_EQ(t_recv(op, buf, 16, MSG_DONTWAIT), -EAGAIN);
	ualg_sock_unref(op);
}

TEST(s8_readv_split_output)
{
	struct ualg_sock *op;
	uint8_t pt[32], a[5], b[27];
	struct iovec iov[2] = {{a, 5}, {b, 27}};
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};
	uint8_t all[32];

	NEED("skcipher", "cbc(aes)");
	memcpy(pt, T_P1, 16);
	memcpy(pt + 16, T_P2, 16);
	op = cbc_op();
	CHECK_EQ(t_sendc(op, pt, 32, 0, T_ENC, T_IV0, 16, T_NONE), 32);
	CHECK_EQ(ualg_sock_recvmsg(op, &msg, 0), 32);
	memcpy(all, a, 5);
	memcpy(all + 5, b, 27);
	CHECK(t_eqhex(all, 16, T_CBC1));
	CHECK(t_eqhex(all + 16, 16, T_CBC2));
	ualg_sock_unref(op);
}

TEST(s8_ctr_partial_block_and_iv_advance)
{
	struct ualg_sock *op;
	uint8_t pt[32], buf[32];

	NEED("skcipher", "ctr(aes)");
	memcpy(pt, T_P1, 16);
	memcpy(pt + 16, T_P2, 16);
	op = t_op("skcipher", "ctr(aes)", T_K128, 16, NULL);
	CHECK_EQ(t_sendc(op, pt, 20, 0, T_ENC, T_CTRIV, 16, T_NONE), 20);
	CHECK_EQ(t_recv(op, buf, 20, 0), 20);
	CHECK(t_eqhex(buf, 16, T_CTR1));
	CHECK(t_eqhex(buf + 16, 4, "9806f66b"));
	/* a 3-byte buffer with 20 queued: EINVAL */
	CHECK_EQ(t_send(op, pt, 20, 0), 20);
	CHECK_EQ(t_recv(op, buf, 3, 0), -EINVAL);
	ualg_sock_unref(op);
}

TEST(s8_small_rcvbuf_one_page_per_request)
{
	struct ualg_sock *op;
	uint8_t *pt = calloc(1, 8192), *buf = calloc(1, 16384);
	int v = 1;

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	CHECK_EQ(ualg_sock_setsockopt(op, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	CHECK_EQ(t_sendc(op, pt, 8192, 0, T_ENC, T_IV0, 16, T_NONE), 8192);
	CHECK_EQ(t_recv(op, buf, 16384, MSG_DONTWAIT), 8192);
	CHECK_EQ(t_recv(op, buf, 16384, MSG_DONTWAIT), -EAGAIN);
	/* two pages read in two recvs */
	CHECK_EQ(t_sendc(op, pt, 8192, 0, T_ENC, T_IV0, 16, T_NONE), 8192);
	CHECK_EQ(t_recv(op, buf, 4096, MSG_DONTWAIT), 4096);
	CHECK_EQ(t_recv(op, buf, 4096, MSG_DONTWAIT), 4096);
	CHECK_EQ(t_recv(op, buf, 4096, MSG_DONTWAIT), -EAGAIN);
	ualg_sock_unref(op);
	free(pt);
	free(buf);
}

TEST(s8_many_iovecs_enomem)
{
	struct ualg_sock *op;
	uint8_t *pt = calloc(1, 4096), *out = calloc(1, 4096);
	struct iovec iov[1024];
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 1024};

	NEED("skcipher", "ctr(aes)");
	op = t_op("skcipher", "ctr(aes)", T_K128, 16, NULL);
	for (int i = 0; i < 1024; i++)
		iov[i] = (struct iovec){out + 4 * i, 4};
	CHECK_EQ(t_sendc(op, pt, 4096, 0, T_ENC, T_CTRIV, 16, T_NONE), 4096);
	/* each extra output segment costs option memory: 1024 of them do not fit */
	CHECK_EQ(ualg_sock_recvmsg(op, &msg, MSG_DONTWAIT), -ENOMEM);
	/* nothing consumed */
	CHECK_EQ(t_recv(op, out, 4096, MSG_DONTWAIT), 4096);
	msg.msg_iovlen = 1025;
	CHECK_EQ(ualg_sock_recvmsg(op, &msg, 0), -EMSGSIZE);
	ualg_sock_unref(op);
	free(pt);
	free(out);
}

TEST(s9_gcm_layout_and_vectors)
{
	struct ualg_sock *op;
	uint8_t z[16] = {0}, iv[12] = {0}, in[40], out[64];

	NEED("aead", "gcm(aes)");
	op = t_op("aead", "gcm(aes)", z, 16, NULL);
	/* encrypt without AAD: ct || tag (GCM spec test case 2) */
	CHECK_EQ(t_sendc(op, z, 16, 0, T_ENC, iv, 12, 0), 16);
	CHECK_EQ(t_recv(op, out, 32, 0), 32);
	CHECK(t_eqhex(out, 16, T_GCM_C2));
	CHECK(t_eqhex(out + 16, 16, T_GCM_T2));
	/* with 8 bytes of AAD: AAD is copied to the output */
	memset(in, 'A', 8);
	memset(in + 8, 0, 16);
	CHECK_EQ(t_sendc(op, in, 24, 0, T_ENC, iv, 12, 8), 24);
	CHECK_EQ(t_recv(op, out, 40, 0), 40);
	CHECK_MEM(out, in, 8);
	CHECK(t_eqhex(out + 8, 16, T_GCM_C2));
	/* decrypt it back: AAD || plaintext */
	memcpy(in, out, 40);
	CHECK_EQ(t_sendc(op, in, 40, 0, T_DEC, iv, 12, 8), 40);
	CHECK_EQ(t_recv(op, out, 24, 0), 24);
	CHECK_MEM(out, in, 8);
	CHECK_MEM(out + 8, z, 16);
	/* AAD and text split across sends */
	CHECK_EQ(t_sendc(op, "AAAAAAAA", 8, MSG_MORE, T_ENC, iv, 12, 8), 8);
	CHECK_EQ(ualg_sock_poll(op), IN_OUT); /* IN because used > 0 */
	CHECK_EQ(t_recv(op, out, 40, MSG_DONTWAIT), -EAGAIN);
	CHECK_EQ(t_send(op, z, 16, 0), 16);
	CHECK_EQ(t_recv(op, out, 40, 0), 40);
	CHECK(t_eqhex(out + 8, 16, T_GCM_C2));
	ualg_sock_unref(op);
}

TEST(s9_gcm_sizes_and_errors)
{
	struct ualg_sock *op, *p;
	uint8_t z[64] = {0}, iv[16] = {0}, out[64];

	NEED("aead", "gcm(aes)");
	op = t_op("aead", "gcm(aes)", z, 16, NULL);
	CHECK_EQ(t_sendc(op, z, 16, 0, T_ENC, iv, 16, 0), -EINVAL); /* ivlen 16 */
	/* assoclen larger than the data */
	CHECK_EQ(t_sendc(op, z, 16, 0, T_ENC, iv, 12, 32), 16);
	CHECK_EQ(t_recv(op, out, 64, 0), -EINVAL);
	ualg_sock_unref(op);
	op = t_op("aead", "gcm(aes)", z, 16, NULL);
	/* decrypt shorter than the tag */
	CHECK_EQ(t_sendc(op, z, 8, 0, T_DEC, iv, 12, 0), 8);
	CHECK_EQ(t_recv(op, out, 64, 0), -EINVAL);
	ualg_sock_unref(op);
	op = t_op("aead", "gcm(aes)", z, 16, NULL);
	/* 0x7fffffff assoclen accepted at send */
	CHECK_EQ(t_sendc(op, z, 16, 0, T_ENC, iv, 12, 0x7fffffffL), 16);
	CHECK_EQ(t_recv(op, out, 64, 0), -EINVAL);
	ualg_sock_unref(op);
	/* authsize 8 */
	p = t_parent("aead", "gcm(aes)", NULL);
	CHECK_EQ(t_setkey(p, z, 16), 0);
	CHECK_EQ(ualg_sock_setsockopt(p, T_SOL_ALG, T_SET_AUTHSIZE, NULL, 8), 0);
	op = t_accept(p);
	CHECK_EQ(t_sendc(op, z, 16, 0, T_ENC, iv, 12, 0), 16);
	CHECK_EQ(t_recv(op, out, 24, 0), 24);
	CHECK(t_eqhex(out + 16, 8, "ab6e47d42cec13bd"));
	ualg_sock_unref(op);
	ualg_sock_unref(p);
}

TEST(s9_gcm_badtag_socket_stays_usable)
{
	struct ualg_sock *op;
	uint8_t z[16] = {0}, iv[12] = {0}, ct[32], out[32];

	NEED("aead", "gcm(aes)");
	op = t_op("aead", "gcm(aes)", z, 16, NULL);
	t_unhex(T_GCM_C2 T_GCM_T2, ct);
	ct[31] ^= 1;
	CHECK_EQ(t_sendc(op, ct, 32, 0, T_DEC, iv, 12, 0), 32);
	CHECK_EQ(t_recv(op, out, 16, 0), -EBADMSG);
	CHECK_EQ(ualg_sock_poll(op), IN_OUT);
	CHECK_EQ(t_sendc(op, z, 16, 0, T_ENC, iv, 12, 0), 16);
	CHECK_EQ(t_recv(op, out, 32, 0), 32);
	CHECK(t_eqhex(out, 16, T_GCM_C2));
	ualg_sock_unref(op);
}

static void digest_of(const char *alg, const void *p, size_t n, uint8_t *out, size_t ds)
{
	struct ualg_sock *op = t_op("hash", alg, NULL, 0, NULL);

	CHECK_EQ(t_send(op, p, n, 0), (ssize_t)n);
	CHECK_EQ(t_recv(op, out, ds, 0), (ssize_t)ds);
	ualg_sock_unref(op);
}

TEST(s10_hash_sequences)
{
	struct ualg_sock *op;
	uint8_t d[32], want[32];

	NEED("hash", "sha256");
	op = t_op("hash", "sha256", NULL, 0, NULL);
	CHECK_EQ(t_send(op, "abc", 3, 0), 3);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_ABC));
	CHECK_EQ(t_send(op, "ab", 2, MSG_MORE), 2);
	CHECK_EQ(t_send(op, "c", 1, 0), 1);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_ABC));
	/* MORE stream read by recv: digest so far */
	CHECK_EQ(t_send(op, "ab", 2, MSG_MORE), 2);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	digest_of("sha256", "ab", 2, want, 32);
	CHECK_MEM(d, want, 32);
	/* two finals: the last wins */
	CHECK_EQ(t_send(op, "abc", 3, 0), 3);
	CHECK_EQ(t_send(op, "def", 3, 0), 3);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	digest_of("sha256", "def", 3, want, 32);
	CHECK_MEM(d, want, 32);
	/* MORE then empty final */
	CHECK_EQ(t_send(op, "ab", 2, MSG_MORE), 2);
	CHECK_EQ(t_send(op, "", 0, 0), 0);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	digest_of("sha256", "ab", 2, want, 32);
	CHECK_MEM(d, want, 32);
	/* MORE, empty MORE, MORE */
	CHECK_EQ(t_send(op, "ab", 2, MSG_MORE), 2);
	CHECK_EQ(t_send(op, "", 0, MSG_MORE), 0);
	CHECK_EQ(t_send(op, "c", 1, 0), 1);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_ABC));
	/* MORE then a non-MORE send continues the stream */
	CHECK_EQ(t_send(op, "ab", 2, MSG_MORE), 2);
	CHECK_EQ(t_send(op, "zz", 2, 0), 2);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	digest_of("sha256", "abzz", 4, want, 32);
	CHECK_MEM(d, want, 32);
	/* recv without send; big buffers get digestsize */
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_EMPTY));
	{
		uint8_t big[100];

		CHECK_EQ(t_recv(op, big, 100, 0), 32);
	}
	ualg_sock_unref(op);
}

TEST(s10_hash_big_send_and_multi_iov)
{
	struct ualg_sock *op;
	uint8_t *big = malloc(1 << 20), d[32], want[32];
	struct iovec iov[3] = {{"a", 1}, {"", 0}, {"bc", 2}};
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 3};

	NEED("hash", "sha256");
	memset(big, 'x', 1 << 20);
	op = t_op("hash", "sha256", NULL, 0, NULL);
	CHECK_EQ(t_send(op, big, 1 << 20, 0), 1 << 20);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	/* same as in pieces */
	for (int i = 0; i < 16; i++)
		CHECK_EQ(t_send(op, big + i * 65536, 65536, i < 15 ? MSG_MORE : 0), 65536);
	CHECK_EQ(t_recv(op, want, 32, 0), 32);
	CHECK_MEM(d, want, 32);
	CHECK_EQ(ualg_sock_sendmsg(op, &msg, 0), 3);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_ABC));
	ualg_sock_unref(op);
	free(big);
}

TEST(s10_hash_cmsgs_ignored)
{
	struct ualg_sock *op;
	uint8_t d[32];

	NEED("hash", "sha256");
	op = t_op("hash", "sha256", NULL, 0, NULL);
	CHECK_EQ(t_sendc(op, "abc", 3, 0, 7, T_IV0, 3, T_NONE), 3);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_ABC));
	CHECK_EQ(ualg_sock_poll(op), 0);
	CHECK_EQ(t_send(op, "ab", 2, MSG_MORE), 2);
	CHECK_EQ(ualg_sock_poll(op), 0);
	ualg_sock_unref(op);
}

TEST(s10_hash_accept_clone)
{
	struct ualg_sock *op, *cl;
	uint8_t d[32], want[32];

	NEED("hash", "sha256");
	op = t_op("hash", "sha256", NULL, 0, NULL);
	CHECK_EQ(t_send(op, "ab", 2, MSG_MORE), 2);
	CHECK_EQ(ualg_sock_accept(op, &cl), 0);
	CHECK_EQ(t_send(cl, "c", 1, 0), 1);
	CHECK_EQ(t_recv(cl, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_ABC));
	CHECK_EQ(t_send(op, "zz", 2, 0), 2);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	digest_of("sha256", "abzz", 4, want, 32);
	CHECK_MEM(d, want, 32);
	ualg_sock_unref(cl);
	/* a pending result is not cloned */
	CHECK_EQ(t_send(op, "abc", 3, 0), 3);
	CHECK_EQ(ualg_sock_accept(op, &cl), 0);
	CHECK_EQ(t_recv(cl, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, T_SHA256_EMPTY));
	ualg_sock_unref(cl);
	ualg_sock_unref(op);
}

TEST(s10_hmac_basic_and_empty)
{
	struct ualg_sock *op;
	uint8_t d[32];

	NEED("hash", "hmac(sha256)");
	/* RFC 4231 test case 2: key "Jefe" */
	op = t_op("hash", "hmac(sha256)", "Jefe", 4, NULL);
	CHECK_EQ(t_send(op, "what do ya want for nothing?", 28, 0), 28);
	CHECK_EQ(t_recv(op, d, 32, 0), 32);
	CHECK(t_eqhex(d, 32, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
	/* no send: the HMAC of the empty message, twice */
	{
		uint8_t e1[32], e2[32];

		CHECK_EQ(t_recv(op, e1, 32, 0), 32);
		CHECK_EQ(t_recv(op, e2, 32, 0), 32);
		CHECK_MEM(e1, e2, 32);
		CHECK(memcmp(e1, d, 32) != 0);
	}
	ualg_sock_unref(op);
}

TEST(s11_rng)
{
	struct ualg_sock *p, *a, *b;
	uint8_t buf[1000];
	struct iovec iov[2] = {{buf, 100}, {buf + 100, 100}};
	struct msghdr msg = {.msg_iov = iov, .msg_iovlen = 2};

	NEED("rng", "stdrng");
	p = t_parent("rng", "stdrng", NULL);
	a = t_accept(p);
	CHECK(a);
	CHECK_EQ(t_recv(a, buf, 0, 0), 0);
	CHECK_EQ(t_recv(a, buf, 16, 0), -EINVAL); /* unseeded DRBG */
	CHECK_EQ(t_setkey(p, "", 0), -EBUSY);
	ualg_sock_unref(a);
	CHECK_EQ(t_setkey(p, "", 0), 0);
	a = t_accept(p);
	b = t_accept(p);
	CHECK_EQ(t_recv(a, buf, 200, 0), 128);
	CHECK_EQ(t_recv(a, buf, 1000, 0), 128);
	CHECK_EQ(t_recv(a, buf, 1, MSG_DONTWAIT), 1);
	CHECK_EQ(ualg_sock_recvmsg(b, &msg, 0), 128);
	CHECK_EQ(t_send(a, "x", 1, 0), -EOPNOTSUPP);
	CHECK_EQ(ualg_sock_poll(a), 0);
	{
		struct ualg_sock *c;

		CHECK_EQ(ualg_sock_accept(a, &c), -EOPNOTSUPP);
	}
	CHECK_EQ(t_setkey(p, "", 0), -EBUSY);
	CHECK_EQ(ualg_sock_setsockopt(p, T_SOL_ALG, T_SET_DRBG_ENTROPY, "x", 1), -EBUSY);
	ualg_sock_unref(a);
	ualg_sock_unref(b);
	CHECK_EQ(ualg_sock_setsockopt(p, T_SOL_ALG, T_SET_DRBG_ENTROPY, "x", 1), -ENOPROTOOPT);
	ualg_sock_unref(p);
}

struct notify_rec {
	int calls;
	unsigned int last;
};

static void on_notify(void *arg, unsigned int mask)
{
	struct notify_rec *n = arg;

	n->calls++;
	n->last = mask;
}

TEST(s14_poll_and_notify)
{
	struct ualg_sock *op;
	struct notify_rec n = {0};
	uint8_t *big = calloc(1, 212992), buf[16];

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	ualg_sock_set_notify(op, on_notify, &n);
	CHECK_EQ(t_sendc(op, big, 212992, MSG_MORE, T_ENC, T_IV0, 16, T_NONE), 212992);
	CHECK(n.calls > 0);
	CHECK_EQ(n.last, IN_ONLY); /* full budget: IN only */
	CHECK_EQ(ualg_sock_poll(op), IN_ONLY);
	CHECK_EQ(t_send(op, big, 1, MSG_DONTWAIT | MSG_MORE), -EAGAIN);
	CHECK_EQ(t_send(op, NULL, 0, 0), 0);
	n.calls = 0;
	CHECK_EQ(t_recv(op, big, 4096, 0), 4096);
	CHECK(n.calls > 0);
	CHECK_EQ(n.last, IN_OUT);
	(void)buf;
	ualg_sock_unref(op);
	free(big);
}

TEST(s17_sndbuf_limits_send)
{
	struct ualg_sock *op;
	uint8_t *big = calloc(1, 100000);
	int v = 8192;

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	CHECK_EQ(ualg_sock_setsockopt(op, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), 0);
	CHECK_EQ(t_sendc(op, big, 100000, MSG_DONTWAIT | MSG_MORE, T_ENC, T_IV0, 16, T_NONE),
		 16384);
	ualg_sock_unref(op);
	free(big);
}

/* §7.2 step 1 (6.17+): a second sendmsg while one is in progress is EBUSY */
TEST(s7_concurrent_sendmsg_ebusy)
{
	struct ualg_sock *op;
	uint8_t *big = calloc(1, 212992), *out = calloc(1, 212992);
	struct t_bg *bg;
	bool late;

	NEED("skcipher", "cbc(aes)");
	op = cbc_op();
	CHECK_EQ(t_sendc(op, big, 212992, MSG_MORE, T_ENC, T_IV0, 16, T_NONE), 212992);
	/* another thread blocks in sendmsg waiting for budget */
	bg = t_bg_send(op, big, 16, MSG_MORE, 0);
	usleep(200000);
	CHECK_EQ(t_send(op, big, 16, MSG_MORE | MSG_DONTWAIT), -EBUSY);
	/* a receiver makes room; the blocked sender completes */
	CHECK_EQ(t_recv_timed(op, out, 65536, 0, 5000, &late), 65536);
	CHECK_EQ(t_bg_join(bg), 16);
	CHECK_EQ(t_send(op, big, 16, MSG_MORE), 16);
	ualg_sock_unref(op);
	free(big);
	free(out);
}

/* §10.1: hash data is processed in chunks of min(16, sndbuf pages) pages: same digest */
TEST(s10_hash_small_sndbuf_chunks)
{
	struct ualg_sock *op;
	uint8_t *big = malloc(300000), a[32], b[32];
	int v = 1;

	NEED("hash", "sha256");
	for (int i = 0; i < 300000; i++)
		big[i] = (uint8_t)(i * 13);
	op = t_op("hash", "sha256", NULL, 0, NULL);
	CHECK_EQ(t_send(op, big, 300000, 0), 300000);
	CHECK_EQ(t_recv(op, a, 32, 0), 32);
	CHECK_EQ(ualg_sock_setsockopt(op, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), 0);
	CHECK_EQ(t_send(op, big, 300000, 0), 300000);
	CHECK_EQ(t_recv(op, b, 32, 0), 32);
	CHECK_MEM(a, b, 32);
	ualg_sock_unref(op);
	free(big);
}

/* §7.3/§8.1: a blocking send above the budget and a blocking recv make progress together */
TEST(s8_blocking_send_and_recv_progress)
{
	struct ualg_sock *op, *ref;
	size_t n = 1 << 20;
	uint8_t *big = malloc(n), *out = calloc(1, n), *want = calloc(1, n);
	struct t_bg *bg;
	bool late;

	NEED("skcipher", "cbc(aes)");
	for (size_t i = 0; i < n; i++)
		big[i] = (uint8_t)(i * 31 + 7);
	op = cbc_op();
	ref = cbc_op();
	CHECK_EQ(t_sendc(op, NULL, 0, MSG_MORE, T_ENC, T_IV0, 16, T_NONE), 0);
	bg = t_bg_send(op, big, n, 0, 0);
	CHECK_EQ(t_recv_timed(op, out, n, 0, 10000, &late), (ssize_t)n);
	CHECK(!late);
	CHECK_EQ(t_bg_join(bg), (ssize_t)n);
	/* the same bytes through another socket in 64 KiB messages: CBC chains across */
	CHECK_EQ(t_sendc(ref, big, 65536, 0, T_ENC, T_IV0, 16, T_NONE), 65536);
	CHECK_EQ(t_recv(ref, want, 65536, 0), 65536);
	for (size_t off = 65536; off < n; off += 65536) {
		CHECK_EQ(t_send(ref, big + off, 65536, 0), 65536);
		CHECK_EQ(t_recv(ref, want + off, 65536, 0), 65536);
	}
	CHECK_MEM(out, want, n);
	ualg_sock_unref(op);
	ualg_sock_unref(ref);
	free(big);
	free(out);
	free(want);
}
