/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

#include "sockt.h"

const uint8_t T_K128[16] = {0x2b, 0x7e, 0x15, 0x16, 0x28, 0xae, 0xd2, 0xa6,
			    0xab, 0xf7, 0x15, 0x88, 0x09, 0xcf, 0x4f, 0x3c};
const uint8_t T_IV0[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
const uint8_t T_P1[16] = {0x6b, 0xc1, 0xbe, 0xe2, 0x2e, 0x40, 0x9f, 0x96,
			  0xe9, 0x3d, 0x7e, 0x11, 0x73, 0x93, 0x17, 0x2a};
const uint8_t T_P2[16] = {0xae, 0x2d, 0x8a, 0x57, 0x1e, 0x03, 0xac, 0x9c,
			  0x9e, 0xb7, 0x6f, 0xac, 0x45, 0xaf, 0x8e, 0x51};
const uint8_t T_CTRIV[16] = {0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7,
			     0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff};

int t_bind_raw(struct ualg_sock *sk, const void *type, size_t typelen, const void *name,
	       size_t namelen, uint32_t feat, uint32_t mask, uint16_t family, int addrlen)
{
	uint8_t sa[256] = {0};

	memcpy(sa, &family, 2);
	memcpy(sa + 2, type, typelen > 14 ? 14 : typelen);
	memcpy(sa + 16, &feat, 4);
	memcpy(sa + 20, &mask, 4);
	memcpy(sa + 24, name, namelen > 232 ? 232 : namelen);
	return ualg_sock_bind(sk, sa, (socklen_t)addrlen);
}

int t_bind(struct ualg_sock *sk, const char *type, const char *name)
{
	return t_bind_raw(sk, type, strlen(type), name, strlen(name), 0, 0, 38, 88);
}

struct ualg_sock *t_parent(const char *type, const char *name, int *err)
{
	struct ualg_sock *sk;
	int r = ualg_sock_new(SOCK_SEQPACKET, 0, &sk);

	if (r >= 0) {
		r = t_bind(sk, type, name);
		if (r < 0)
			ualg_sock_unref(sk);
	}
	if (err)
		*err = r;
	return r < 0 ? NULL : sk;
}

bool t_have(const char *type, const char *name)
{
	struct ualg_sock *sk = t_parent(type, name, NULL);

	ualg_sock_unref(sk);
	return sk != NULL;
}

int t_setkey(struct ualg_sock *sk, const void *key, size_t len)
{
	return ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_KEY, key, (socklen_t)len);
}

struct ualg_sock *t_accept(struct ualg_sock *parent)
{
	struct ualg_sock *op;

	return ualg_sock_accept(parent, &op) < 0 ? NULL : op;
}

struct ualg_sock *t_op(const char *type, const char *name, const void *key, size_t klen,
		       struct ualg_sock **ret_parent)
{
	struct ualg_sock *p = t_parent(type, name, NULL), *op;

	if (!p)
		return NULL;
	if (key && t_setkey(p, key, klen) < 0) {
		ualg_sock_unref(p);
		return NULL;
	}
	op = t_accept(p);
	if (ret_parent)
		*ret_parent = p;
	else
		ualg_sock_unref(p);
	return op;
}

ssize_t t_sendctl(struct ualg_sock *sk, const void *p, size_t n, int flags, void *ctl,
		  size_t ctllen)
{
	struct iovec iov = {(void *)p, n};
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = ctllen};

	return ualg_sock_sendmsg(sk, &msg, flags);
}

ssize_t t_sendc(struct ualg_sock *sk, const void *p, size_t n, int flags, long op, const void *iv,
		size_t ivlen, long assoclen)
{
	union {
		char buf[CMSG_SPACE(4) * 2 + CMSG_SPACE(4 + 64)];
		struct cmsghdr align;
	} u;
	struct msghdr msg = {.msg_control = u.buf, .msg_controllen = sizeof(u.buf)};
	struct cmsghdr *c;
	size_t len = 0;
	uint32_t v;

	memset(&u, 0, sizeof(u));
	c = CMSG_FIRSTHDR(&msg);
	if (op != T_NONE) {
		c->cmsg_level = T_SOL_ALG;
		c->cmsg_type = T_SET_OP;
		c->cmsg_len = CMSG_LEN(4);
		v = (uint32_t)op;
		memcpy(CMSG_DATA(c), &v, 4);
		len += CMSG_SPACE(4);
		c = (struct cmsghdr *)(u.buf + len);
	}
	if (iv) {
		c->cmsg_level = T_SOL_ALG;
		c->cmsg_type = T_SET_IV;
		c->cmsg_len = CMSG_LEN(4 + ivlen);
		v = (uint32_t)ivlen;
		memcpy(CMSG_DATA(c), &v, 4);
		memcpy(CMSG_DATA(c) + 4, iv, ivlen);
		len += CMSG_SPACE(4 + ivlen);
		c = (struct cmsghdr *)(u.buf + len);
	}
	if (assoclen != T_NONE) {
		c->cmsg_level = T_SOL_ALG;
		c->cmsg_type = T_SET_ASSOCLEN;
		c->cmsg_len = CMSG_LEN(4);
		v = (uint32_t)assoclen;
		memcpy(CMSG_DATA(c), &v, 4);
		len += CMSG_SPACE(4);
	}
	return t_sendctl(sk, p, n, flags, len ? u.buf : NULL, len);
}

ssize_t t_send(struct ualg_sock *sk, const void *p, size_t n, int flags)
{
	return t_sendctl(sk, p, n, flags, NULL, 0);
}

ssize_t t_recvf(struct ualg_sock *sk, void *p, size_t n, int flags, int *ret_msg_flags)
{
	struct iovec iov = {p, n};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t r = ualg_sock_recvmsg(sk, &msg, flags);

	if (ret_msg_flags)
		*ret_msg_flags = msg.msg_flags;
	return r;
}

ssize_t t_recv(struct ualg_sock *sk, void *p, size_t n, int flags)
{
	return t_recvf(sk, p, n, flags, NULL);
}

static void on_alarm(int sig)
{
	(void)sig;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void timer_arm(int ms)
{
	struct sigaction sa = {.sa_handler = on_alarm};
	struct itimerval it = {.it_value = {ms / 1000, (ms % 1000) * 1000}};

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

static void timer_disarm(void)
{
	struct itimerval it = {0};

	setitimer(ITIMER_REAL, &it, NULL);
}

ssize_t t_recv_timed(struct ualg_sock *sk, void *p, size_t n, int flags, int ms, bool *late)
{
	double t0 = now();
	ssize_t r;

	timer_arm(ms);
	r = t_recv(sk, p, n, flags);
	timer_disarm();
	if (late)
		*late = now() - t0 >= ms / 1000.0 * 0.9;
	return r;
}

ssize_t t_send_timed(struct ualg_sock *sk, const void *p, size_t n, int flags, int ms, bool *late)
{
	double t0 = now();
	ssize_t r;

	timer_arm(ms);
	r = t_send(sk, p, n, flags);
	timer_disarm();
	if (late)
		*late = now() - t0 >= ms / 1000.0 * 0.9;
	return r;
}

struct t_bg {
	pthread_t th;
	struct ualg_sock *sk;
	const void *p;
	size_t n;
	int flags, ms;
	bool recv, cmsg;
	long op, assoclen;
	const void *iv;
	size_t ivlen;
	ssize_t r;
};

static void *bg_main(void *arg)
{
	struct t_bg *bg = arg;
	sigset_t all;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL); /* SIGALRM goes to the main thread */
	nanosleep(&(struct timespec){bg->ms / 1000, (bg->ms % 1000) * 1000000L}, NULL);
	if (bg->recv)
		bg->r = t_recv(bg->sk, (void *)bg->p, bg->n, bg->flags);
	else if (bg->cmsg)
		bg->r = t_sendc(bg->sk, bg->p, bg->n, bg->flags, bg->op, bg->iv, bg->ivlen,
				bg->assoclen);
	else
		bg->r = t_send(bg->sk, bg->p, bg->n, bg->flags);
	return NULL;
}

static struct t_bg *bg_start(struct t_bg tmpl)
{
	struct t_bg *bg = calloc(1, sizeof(*bg));

	if (!bg)
		return NULL;
	*bg = tmpl;
	if (pthread_create(&bg->th, NULL, bg_main, bg)) {
		free(bg);
		return NULL;
	}
	return bg;
}

ssize_t t_bg_join(struct t_bg *bg)
{
	ssize_t r;

	if (!bg)
		return -ENOMEM;
	pthread_join(bg->th, NULL);
	r = bg->r;
	free(bg);
	return r;
}

size_t t_unhex(const char *hex, uint8_t *buf)
{
	size_t n = strlen(hex) / 2;

	for (size_t i = 0; i < n; i++) {
		unsigned int v;

		sscanf(hex + 2 * i, "%2x", &v);
		buf[i] = (uint8_t)v;
	}
	return n;
}

bool t_eqhex(const uint8_t *p, size_t n, const char *hex)
{
	char out[2 * 1024 + 1];

	if (n > 1024 || strlen(hex) != 2 * n)
		return false;
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
	if (strcmp(out, hex)) {
		fprintf(stderr, "  got  %s\n  want %s\n", out, hex);
		return false;
	}
	return true;
}

struct t_bg *t_bg_send(struct ualg_sock *sk, const void *p, size_t n, int flags, int ms)
{
	return bg_start((struct t_bg){.sk = sk, .p = p, .n = n, .flags = flags, .ms = ms});
}

struct t_bg *t_bg_sendc(struct ualg_sock *sk, const void *p, size_t n, int flags, long op,
			const void *iv, size_t ivlen, long assoclen, int ms)
{
	return bg_start((struct t_bg){.sk = sk,
				      .p = p,
				      .n = n,
				      .flags = flags,
				      .ms = ms,
				      .cmsg = true,
				      .op = op,
				      .iv = iv,
				      .ivlen = ivlen,
				      .assoclen = assoclen});
}

struct t_bg *t_bg_recv(struct ualg_sock *sk, void *p, size_t n, int flags, int ms)
{
	return bg_start(
		(struct t_bg){.sk = sk, .p = p, .n = n, .flags = flags, .ms = ms, .recv = true});
}
