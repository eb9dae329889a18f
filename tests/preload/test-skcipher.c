/* SPDX-License-Identifier: MIT */
/*
 * skcipher and aead through the preload: cbc/ctr/ecb(aes) with cmsgs the
 * way cryptsetup and strongSwan send them (IV chaining across requests,
 * in-place buffers), gcm/ccm(aes) with the tag size in optlen (ell,
 * cryptsetup), checked against OpenSSL; readiness (spec §14) through poll
 * and epoll on the real fd; O_NONBLOCK set with fcntl or FIONBIO.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>

#include "alg.h"

static const unsigned char key16[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
					0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
static const unsigned char iv16[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

static void fill(unsigned char *p, size_t n, unsigned int seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 31 + (i >> 3));
}

/* encrypt 64 bytes in one request and 2x32 chained, decrypt in place */
static void check_mode(const char *name, const char *ossl, bool use_iv)
{
	unsigned char pt[64], ct[64], want[64], buf[64];
	int op;
	TFM_OR_SKIP(tfm, "skcipher", name);

	fill(pt, sizeof(pt), 7);
	CHECK_EQ(alg_setkey(tfm, key16, 16), 0);
	op = accept(tfm, NULL, 0);
	CHECK(op >= 0);
	ref_cipher(ossl, 1, key16, use_iv ? iv16 : NULL, pt, 64, want);

	CHECK_EQ(alg_crypt(op, 1, use_iv ? iv16 : NULL, 16, -1, pt, 64, ct, 64, 0), 64);
	CHECK_MEM(ct, want, 64);

	/* strongSwan: later chunks carry no IV, the IV chains */
	CHECK_EQ(alg_crypt(op, 1, use_iv ? iv16 : NULL, 16, -1, pt, 32, ct, 32, 0), 32);
	CHECK_EQ(alg_crypt(op, 1, NULL, 0, -1, pt + 32, 32, ct + 32, 32, 0), 32);
	CHECK_MEM(ct, want, 64);

	/* cryptsetup: in place */
	memcpy(buf, want, 64);
	CHECK_EQ(alg_crypt(op, 0, use_iv ? iv16 : NULL, 16, -1, buf, 64, buf, 64, 0), 64);
	CHECK_MEM(buf, pt, 64);
	close(op);
	close(tfm);
}

TEST(cbc_aes)
{
	check_mode("cbc(aes)", "AES-128-CBC", true);
}

TEST(ctr_aes)
{
	check_mode("ctr(aes)", "AES-128-CTR", true);
}

TEST(ecb_aes)
{
	check_mode("ecb(aes)", "AES-128-ECB", false);
}

/* ell's l_cipher_set_iv: a cmsg-only sendmsg with MSG_MORE, then plain requests */
TEST(cbc_iv_only_sendmsg_then_write_read)
{
	unsigned char pt[32], want[32], got[32];
	int op;
	TFM_OR_SKIP(tfm, "skcipher", "cbc(aes)");

	fill(pt, sizeof(pt), 3);
	CHECK_EQ(alg_setkey(tfm, key16, 16), 0);
	op = accept4(tfm, NULL, 0, SOCK_CLOEXEC);
	close(tfm);
	ref_cipher("AES-128-CBC", 1, key16, iv16, pt, 32, want);
	CHECK_EQ(alg_crypt(op, 1, iv16, 16, -1, NULL, 0, NULL, 0, MSG_MORE), 0);
	CHECK_EQ(write(op, pt, 32), 32);
	CHECK_EQ(read(op, got, 32), 32);
	CHECK_MEM(got, want, 32);
	close(op);
}

static void check_aead(const char *name, const char *ossl, size_t ivlen, int taglen)
{
	unsigned char iv[16] = {0}, aad[20], pt[40], out[80], back[80], tag[16];
	unsigned char in[80];
	EVP_CIPHER *c;
	EVP_CIPHER_CTX *ctx;
	int l = 0, op;
	bool ccm = !strcmp(ossl, "AES-128-CCM");
	TFM_OR_SKIP(tfm, "aead", name);

	fill(aad, sizeof(aad), 1);
	fill(pt, sizeof(pt), 2);
	fill(iv, sizeof(iv), 9);
	if (ccm)
		iv[0] = 3; /* RFC 3610 counter block: L' = 3, nonce = 11 bytes */

	/* reference: OpenSSL; CCM takes the 11-byte nonce */
	c = EVP_CIPHER_fetch(NULL, ossl, NULL);
	ctx = EVP_CIPHER_CTX_new();
	if (!c || !ctx || !EVP_EncryptInit_ex2(ctx, c, NULL, NULL, NULL))
		HARD_ERROR("OpenSSL %s\n", ossl);
	EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_IVLEN, ccm ? 11 : (int)ivlen, NULL);
	if (ccm)
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, taglen, NULL);
	EVP_EncryptInit_ex2(ctx, NULL, key16, ccm ? iv + 1 : iv, NULL);
	if (ccm)
		EVP_EncryptUpdate(ctx, NULL, &l, NULL, sizeof(pt));
	EVP_EncryptUpdate(ctx, NULL, &l, aad, sizeof(aad));
	EVP_EncryptUpdate(ctx, out, &l, pt, sizeof(pt));
	EVP_EncryptFinal_ex(ctx, out + l, &l);
	EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, taglen, tag);
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);

	CHECK_EQ(alg_setkey(tfm, key16, 16), 0);
	/* ell: optval NULL, the tag size in optlen */
	CHECK_EQ(setsockopt(tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, (socklen_t)taglen), 0);
	op = accept(tfm, NULL, 0);
	CHECK(op >= 0);

	/* encrypt: AAD || PT in, AAD || CT || TAG out */
	memcpy(in, aad, sizeof(aad));
	memcpy(in + sizeof(aad), pt, sizeof(pt));
	CHECK_EQ(alg_crypt(op, 1, iv, ivlen, sizeof(aad), in, sizeof(aad) + sizeof(pt), back,
			   sizeof(aad) + sizeof(pt) + (size_t)taglen, 0),
		 (long)(sizeof(aad) + sizeof(pt) + (size_t)taglen));
	CHECK_MEM(back, aad, sizeof(aad));
	CHECK_MEM(back + sizeof(aad), out, sizeof(pt));
	CHECK_MEM(back + sizeof(aad) + sizeof(pt), tag, (size_t)taglen);

	/*
	 * decrypt: AAD || CT || TAG in, AAD || PT out; the buffer is exactly
	 * the output (a bigger one blocks for the next request, spec §8.1)
	 */
	CHECK_EQ(alg_crypt(op, 0, iv, ivlen, sizeof(aad), back,
			   sizeof(aad) + sizeof(pt) + (size_t)taglen, out, sizeof(aad) + sizeof(pt),
			   0),
		 (long)(sizeof(aad) + sizeof(pt)));
	CHECK_MEM(out + sizeof(aad), pt, sizeof(pt));

	/* a flipped tag bit: EBADMSG */
	back[sizeof(aad) + sizeof(pt)] ^= 1;
	CHECK_EQ(alg_crypt(op, 0, iv, ivlen, sizeof(aad), back,
			   sizeof(aad) + sizeof(pt) + (size_t)taglen, out, sizeof(aad) + sizeof(pt),
			   0),
		 -EBADMSG);
	close(op);
	close(tfm);
}

TEST(gcm_aes)
{
	check_aead("gcm(aes)", "AES-128-GCM", 12, 16);
}

TEST(gcm_aes_tag12)
{
	check_aead("gcm(aes)", "AES-128-GCM", 12, 12);
}

TEST(ccm_aes_tag8)
{
	check_aead("ccm(aes)", "AES-128-CCM", 16, 8);
}

/* ell's l_aead_cipher: AAD and data in 2 iovecs, output read with recvmsg into 2 iovecs */
TEST(gcm_aes_two_iovecs)
{
	unsigned char iv[12] = {1}, aad[16], pt[32], out1[48], out2[80], aad_out[16], res[48];
	struct iovec in_iov[2] = {{aad, sizeof(aad)}, {pt, sizeof(pt)}};
	struct iovec dec_in[2] = {{aad, sizeof(aad)}, {out2 + sizeof(aad), 48}};
	struct iovec out_iov[2] = {{aad_out, sizeof(aad)}, {res, 48}};
	struct msghdr rm = {.msg_iov = out_iov, .msg_iovlen = 2};
	int op;
	TFM_OR_SKIP(tfm, "aead", "gcm(aes)");

	fill(aad, sizeof(aad), 4);
	fill(pt, sizeof(pt), 8);
	CHECK_EQ(alg_setkey(tfm, key16, 16), 0);
	CHECK_EQ(setsockopt(tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, 16), 0);
	op = accept4(tfm, NULL, 0, SOCK_CLOEXEC);
	close(tfm);

	/* reference: the one-iovec path checked against OpenSSL in gcm_aes */
	memcpy(out1, aad, sizeof(aad));
	memcpy(out1 + sizeof(aad), pt, sizeof(pt));
	CHECK_EQ(alg_crypt(op, 1, iv, 12, sizeof(aad), out1, 48, out2, 64, 0), 64);

	CHECK_EQ(alg_crypt(op, 1, iv, 12, sizeof(aad), NULL, 0, NULL, 0, MSG_MORE), 0);
	CHECK_EQ(writev(op, in_iov, 2), 48);
	CHECK_EQ(recvmsg(op, &rm, 0), 64);
	CHECK_MEM(aad_out, aad, sizeof(aad));
	CHECK_MEM(res, out2 + sizeof(aad), 48);

	/* decrypt through 2 iovecs as well: AAD || PT back */
	out_iov[1].iov_len = sizeof(pt);
	CHECK_EQ(alg_crypt(op, 0, iv, 12, sizeof(aad), NULL, 0, NULL, 0, MSG_MORE), 0);
	CHECK_EQ(writev(op, dec_in, 2), 64);
	CHECK_EQ(recvmsg(op, &rm, 0), 48);
	CHECK_MEM(res, pt, sizeof(pt));
	close(op);
}

/* spec §14: an idle skcipher op socket is IN|OUT; the parent is never ready */
TEST(poll_skcipher_idle)
{
	struct pollfd p;
	struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT}, out;
	int op, ep;
	TFM_OR_SKIP(tfm, "skcipher", "cbc(aes)");

	CHECK_EQ(alg_setkey(tfm, key16, 16), 0);
	op = accept(tfm, NULL, 0);
	p = (struct pollfd){.fd = op, .events = POLLIN | POLLOUT};
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents & (POLLIN | POLLOUT | POLLHUP | POLLERR), POLLIN | POLLOUT);

	ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, op, &ev), 0);
	CHECK_EQ(epoll_wait(ep, &out, 1, 0), 1);
	CHECK_EQ(out.events & (EPOLLIN | EPOLLOUT), EPOLLIN | EPOLLOUT);
	close(ep);

	/* MSG_MORE with nothing queued: more=1, used=0 -> OUT only */
	CHECK_EQ(alg_crypt(op, 1, iv16, 16, -1, NULL, 0, NULL, 0, MSG_MORE), 0);
	p.revents = 0;
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents & (POLLIN | POLLOUT), POLLOUT);
	/* data queued: IN again */
	CHECK_EQ(send(op, key16, 10, MSG_MORE), 10);
	p.revents = 0;
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents & (POLLIN | POLLOUT), POLLIN | POLLOUT);

	p = (struct pollfd){.fd = tfm, .events = POLLIN | POLLOUT};
	CHECK_EQ(poll(&p, 1, 10), 0);
	close(op);
	close(tfm);
}

/* O_NONBLOCK on the fd turns into MSG_DONTWAIT: an empty recv gives EAGAIN */
TEST(nonblock_via_fcntl_and_fionbio)
{
	unsigned char buf[16];
	int op, fl, on = 1;
	TFM_OR_SKIP(tfm, "skcipher", "cbc(aes)");

	CHECK_EQ(alg_setkey(tfm, key16, 16), 0);
	op = accept(tfm, NULL, 0);
	fl = fcntl(op, F_GETFL);
	CHECK(fl >= 0 && !(fl & O_NONBLOCK));
	CHECK_EQ(fcntl(op, F_SETFL, fl | O_NONBLOCK), 0);
	CHECK(fcntl(op, F_GETFL) & O_NONBLOCK);
	CHECK_EQ(alg_crypt(op, 1, iv16, 16, -1, NULL, 0, NULL, 0, MSG_MORE), 0);
	CHECK_EQ(recv(op, buf, 16, 0), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(read(op, buf, 16), -1);
	CHECK_EQ(errno, EAGAIN);
	close(op);

	op = accept(tfm, NULL, 0);
	CHECK_EQ(ioctl(op, FIONBIO, &on), 0);
	CHECK(fcntl(op, F_GETFL) & O_NONBLOCK);
	CHECK_EQ(alg_crypt(op, 1, iv16, 16, -1, NULL, 0, NULL, 0, MSG_MORE), 0);
	CHECK_EQ(recv(op, buf, 16, 0), -1);
	CHECK_EQ(errno, EAGAIN);
	/* the blocking flag of a dup is the same open file description's */
	close(op);
	close(tfm);
}

/* sendmmsg / recvmmsg go through the same adapters */
TEST(mmsg)
{
	unsigned char pt[32], want[32], got[32];
	struct iovec siov = {pt, 32}, riov = {got, 32};
	struct mmsghdr sm = {.msg_hdr = {.msg_iov = &siov, .msg_iovlen = 1}};
	struct mmsghdr rm = {.msg_hdr = {.msg_iov = &riov, .msg_iovlen = 1}};
	int op;
	TFM_OR_SKIP(tfm, "skcipher", "ecb(aes)");

	fill(pt, sizeof(pt), 5);
	CHECK_EQ(alg_setkey(tfm, key16, 16), 0);
	op = accept(tfm, NULL, 0);
	ref_cipher("AES-128-ECB", 1, key16, NULL, pt, 32, want);
	CHECK_EQ(alg_crypt(op, 1, NULL, 0, -1, NULL, 0, NULL, 0, MSG_MORE), 0);
	CHECK_EQ(sendmmsg(op, &sm, 1, 0), 1);
	CHECK_EQ(sm.msg_len, 32);
	CHECK_EQ(recvmmsg(op, &rm, 1, 0, NULL), 1);
	CHECK_EQ(rm.msg_len, 32);
	CHECK_MEM(got, want, 32);
	close(op);
	close(tfm);
}

static void *late_sender(void *arg)
{
	usleep(50000);
	return (void *)(long)send((int)(long)arg, key16, 16, MSG_MORE);
}

/* readiness changes wake poll/epoll waiters on the real fd */
TEST(readiness_wakes_waiters)
{
	struct epoll_event ev = {.events = EPOLLIN | EPOLLET}, out;
	struct pollfd p;
	pthread_t t;
	void *ret;
	int op, ep;
	TFM_OR_SKIP(tfm, "skcipher", "cbc(aes)");

	CHECK_EQ(alg_setkey(tfm, key16, 16), 0);
	op = accept(tfm, NULL, 0);
	CHECK_EQ(alg_crypt(op, 1, iv16, 16, -1, NULL, 0, NULL, 0, MSG_MORE), 0);
	ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, op, &ev), 0);
	CHECK_EQ(epoll_wait(ep, &out, 1, 0), 0);

	CHECK_EQ(pthread_create(&t, NULL, late_sender, (void *)(long)op), 0);
	p = (struct pollfd){.fd = op, .events = POLLIN};
	CHECK_EQ(poll(&p, 1, 5000), 1);
	CHECK(p.revents & POLLIN);
	pthread_join(t, &ret);
	CHECK_EQ((long)ret, 16);
	CHECK_EQ(epoll_wait(ep, &out, 1, 1000), 1);
	CHECK(out.events & EPOLLIN);
	close(ep);
	close(op);
	close(tfm);
}

static void __attribute__((constructor)) check_env(void)
{
	require_preload();
}
