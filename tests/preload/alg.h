/* SPDX-License-Identifier: MIT */
#ifndef UALG_TESTS_PRELOAD_ALG_H
#define UALG_TESTS_PRELOAD_ALG_H

/*
 * Helpers for the preload tests: plain AF_ALG socket calls, written the
 * way the clients of spec/clients.md make them, and OpenSSL references.
 * Everything here goes through libc, so under LD_PRELOAD it exercises the
 * preload exactly as a real program would.
 */
#include <errno.h>
#include <linux/if_alg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "test.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef SOL_ALG
#define SOL_ALG 279
#endif

/* Abort the whole program as a hard error (not a test failure). */
#define HARD_ERROR(...)                                                                            \
	do {                                                                                       \
		fprintf(stderr, __VA_ARGS__);                                                      \
		exit(99);                                                                          \
	} while (0)

/*
 * Make sure the program really runs under the preload: AF_ALG sockets must
 * work (this machine's kernel has none). Exits 99 otherwise, so a missing
 * LD_PRELOAD can never turn into a pass.
 */
static inline void require_preload(void)
{
	int fd = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	if (fd < 0)
		HARD_ERROR("socket(AF_ALG): %s (is LD_PRELOAD=libualg-preload.so set?)\n",
			   strerror(errno));
	close(fd);
}

/* socket + bind; -errno on failure (ENOENT: algorithm not available) */
static inline int alg_tfm(const char *type, const char *name)
{
	struct sockaddr_alg sa = {.salg_family = AF_ALG};
	int fd, e;

	snprintf((char *)sa.salg_type, sizeof(sa.salg_type), "%s", type);
	snprintf((char *)sa.salg_name, sizeof(sa.salg_name), "%s", name);
	fd = socket(AF_ALG, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		e = errno;
		close(fd);
		return -e;
	}
	return fd;
}

/* Open tfm or SKIP the calling TEST when the algorithm is not available yet. */
#define TFM_OR_SKIP(var, type, name)                                                               \
	int var = alg_tfm(type, name);                                                             \
	do {                                                                                       \
		if (var == -ENOENT) {                                                              \
			fprintf(stderr, "%s %s: ", type, name);                                    \
			SKIP("not available (yet)");                                               \
		}                                                                                  \
		if (var < 0) {                                                                     \
			fprintf(stderr, "bind %s: %s\n", name, strerror(-var));                    \
			test_failures++;                                                           \
			return;                                                                    \
		}                                                                                  \
	} while (0)

static inline int alg_setkey(int tfm, const void *key, size_t len)
{
	return setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, (socklen_t)len) < 0 ? -errno : 0;
}

/*
 * One skcipher/aead request the way cryptsetup and ell make it: one sendmsg
 * with ALG_SET_OP, optional ALG_SET_AEAD_ASSOCLEN and ALG_SET_IV, then
 * read(). iv may be NULL (keep the chained IV). Returns bytes read or -errno.
 */
static inline ssize_t alg_crypt(int op, int enc, const void *iv, size_t ivlen, long assoclen,
				const void *in, size_t inlen, void *out, size_t outlen,
				int sendflags)
{
	char cbuf[CMSG_SPACE(4) + CMSG_SPACE(4) + CMSG_SPACE(sizeof(struct af_alg_iv) + 64)];
	struct iovec iov = {.iov_base = (void *)in, .iov_len = inlen};
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
	struct cmsghdr *c;
	size_t clen = 0;
	ssize_t r;

	memset(cbuf, 0, sizeof(cbuf));
	msg.msg_control = cbuf;
	msg.msg_controllen = sizeof(cbuf);
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(4);
	*(uint32_t *)CMSG_DATA(c) = enc ? ALG_OP_ENCRYPT : ALG_OP_DECRYPT;
	clen += CMSG_SPACE(4);
	if (assoclen >= 0) {
		c = CMSG_NXTHDR(&msg, c);
		c->cmsg_level = SOL_ALG;
		c->cmsg_type = ALG_SET_AEAD_ASSOCLEN;
		c->cmsg_len = CMSG_LEN(4);
		*(uint32_t *)CMSG_DATA(c) = (uint32_t)assoclen;
		clen += CMSG_SPACE(4);
	}
	if (iv) {
		struct af_alg_iv *a;

		c = CMSG_NXTHDR(&msg, c);
		c->cmsg_level = SOL_ALG;
		c->cmsg_type = ALG_SET_IV;
		c->cmsg_len = CMSG_LEN(sizeof(*a) + ivlen);
		a = (struct af_alg_iv *)CMSG_DATA(c);
		a->ivlen = (uint32_t)ivlen;
		memcpy(a->iv, iv, ivlen);
		clen += CMSG_SPACE(sizeof(*a) + ivlen);
	}
	msg.msg_controllen = clen;
	r = sendmsg(op, &msg, sendflags);
	if (r < 0)
		return -errno;
	if (r != (ssize_t)inlen)
		return -EIO;
	if (!outlen)
		return 0;
	r = read(op, out, outlen);
	return r < 0 ? -errno : r;
}

/* ---- OpenSSL references (test code only) ---- */

static inline void ref_digest(const char *md, const void *p, size_t n, unsigned char *out,
			      unsigned int *outlen)
{
	EVP_MD *m = EVP_MD_fetch(NULL, md, NULL);

	if (!m || !EVP_Digest(p, n, out, outlen, m, NULL))
		HARD_ERROR("OpenSSL digest %s failed\n", md);
	EVP_MD_free(m);
}

static inline size_t ref_hmac(const char *md, const void *key, size_t klen, const void *p, size_t n,
			      unsigned char *out)
{
	size_t outlen = 0;

	if (!EVP_Q_mac(NULL, "HMAC", NULL, md, NULL, key, klen, p, n, out, 64, &outlen))
		HARD_ERROR("OpenSSL HMAC %s failed\n", md);
	return outlen;
}

/* plain block/stream cipher without padding; returns output length */
static inline int ref_cipher(const char *name, int enc, const unsigned char *key,
			     const unsigned char *iv, const unsigned char *in, int n,
			     unsigned char *out)
{
	EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, name, NULL);
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int l1 = 0, l2 = 0;

	if (!c || !ctx || !EVP_CipherInit_ex2(ctx, c, key, iv, enc, NULL) ||
	    !EVP_CIPHER_CTX_set_padding(ctx, 0) || !EVP_CipherUpdate(ctx, out, &l1, in, n) ||
	    !EVP_CipherFinal_ex(ctx, out + l1, &l2))
		HARD_ERROR("OpenSSL cipher %s failed\n", name);
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(c);
	return l1 + l2;
}

#endif
