/* SPDX-License-Identifier: MIT */
/*
 * The secrets policy (docs/secrets.md), checked at every free(): this
 * program is linked with -Wl,--wrap=free, so every block ualg (and the
 * OpenSSL copy linked in with it) gives back to malloc passes through
 * free_checked() first, which looks in the whole block for the key, the IV,
 * the plaintext, the AAD and the ciphertext of the requests made here.
 * Keys, IVs and states must never reach malloc unwiped; nor may data:
 * queues and bounce buffers are wiped when freed (though not after every
 * request).
 */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include "sockt.h"
#include "test.h"

void __real_free(void *p);
void __wrap_free(void *p);

/* distinct 16-byte markers, unlikely anywhere else in the heap */
static const uint8_t key_mark[32] = "KEY-marker-0123-KEY-marker-4567-";
static const uint8_t iv_mark[16] = "IV--marker-89ab-";
static const uint8_t pt_mark[64] = "PLAINTEXT-cdef--PLAINTEXT-ghij--PLAINTEXT-klmn--PLAINTEXT-opqr--";
static const uint8_t aad_mark[16] = "AAD-marker-stuv-";
static uint8_t ct_mark[64 + 16]; /* what the requests produced, filled in as they run */
static size_t ct_len;

static bool watching;
static int leaks;

static void look(const void *p, size_t n, const void *mark, size_t mlen, const char *what)
{
	if (mlen >= 16 && memmem(p, n, mark, 16)) {
		fprintf(stderr, "freed unwiped: a block of %zu bytes holds the %s\n", n, what);
		leaks++;
	}
}

void __wrap_free(void *p)
{
	if (p && watching) {
		size_t n = malloc_usable_size(p);

		watching = false; /* fprintf may free */
		look(p, n, key_mark, sizeof(key_mark), "key");
		look(p, n, key_mark + 16, 16, "key (second half)");
		look(p, n, iv_mark, sizeof(iv_mark), "IV");
		for (size_t i = 0; i < sizeof(pt_mark); i += 16)
			look(p, n, pt_mark + i, 16, "plaintext");
		look(p, n, aad_mark, sizeof(aad_mark), "AAD");
		for (size_t i = 0; i + 16 <= ct_len; i += 16)
			look(p, n, ct_mark + i, 16, "ciphertext");
		watching = true;
	}
	__real_free(p);
}

static void begin(void)
{
	leaks = 0;
	ct_len = 0;
	watching = true;
}

static int end(void)
{
	watching = false;
	return leaks;
}

/*
 * Several requests and an abandoned one, then close: every free along the
 * way is checked. bounce: receive the decryption into two segments, so the
 * output goes through a bounce buffer.
 */
static void skcipher_round(const char *name, size_t klen, bool bounce)
{
	struct ualg_sock *parent = NULL, *op;
	uint8_t out[64];

	op = t_op("skcipher", name, key_mark, klen, &parent);
	CHECK(op != NULL);
	if (!op)
		return;
	CHECK_EQ(t_sendc(op, pt_mark, 64, 0, T_ENC, iv_mark, 16, T_NONE), 64);
	CHECK_EQ(t_recv(op, out, 64, 0), 64);
	memcpy(ct_mark, out, 64);
	ct_len = 64;
	CHECK_EQ(t_sendc(op, out, 64, 0, T_DEC, iv_mark, 16, T_NONE), 64);
	if (bounce) {
		struct iovec iov[2] = { { out, 8 }, { out + 8, 56 } };
		struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 2 };

		CHECK_EQ(ualg_sock_recvmsg(op, &msg, 0), 64);
	} else {
		CHECK_EQ(t_recv(op, out, 64, 0), 64);
	}
	CHECK_MEM(out, pt_mark, 64);
	/* a request left unread when the socket goes */
	CHECK_EQ(t_sendc(op, pt_mark, 64, MSG_MORE, T_ENC, iv_mark, 16, T_NONE), 64);
	ualg_sock_unref(op);
	ualg_sock_unref(parent);
}

TEST(skcipher_cbc)
{
	NEED("skcipher", "cbc(aes)");
	begin();
	skcipher_round("cbc(aes)", 16, false);
	skcipher_round("cbc(aes)", 32, true);
	CHECK_EQ(end(), 0);
}

TEST(skcipher_xts)
{
	NEED("skcipher", "xts(aes)");
	begin();
	skcipher_round("xts(aes)", 32, true);
	CHECK_EQ(end(), 0);
}

TEST(aead_gcm)
{
	struct ualg_sock *parent = NULL, *op;
	uint8_t in[16 + 64], out[16 + 64 + 16];

	NEED("aead", "gcm(aes)");
	begin();
	op = t_op("aead", "gcm(aes)", key_mark, 16, &parent);
	CHECK(op != NULL);
	if (!op)
		return;
	memcpy(in, aad_mark, 16);
	memcpy(in + 16, pt_mark, 64);
	CHECK_EQ(t_sendc(op, in, sizeof(in), 0, T_ENC, iv_mark, 12, 16), (ssize_t)sizeof(in));
	CHECK_EQ(t_recv(op, out, sizeof(out), 0), (ssize_t)sizeof(out));
	memcpy(ct_mark, out + 16, 64 + 16);
	ct_len = 64 + 16;
	CHECK_EQ(t_sendc(op, out, sizeof(out), 0, T_DEC, iv_mark, 12, 16), (ssize_t)sizeof(out));
	CHECK_EQ(t_recv(op, out, 16 + 64, 0), 16 + 64);
	CHECK_MEM(out + 16, pt_mark, 64);
	ualg_sock_unref(op);
	ualg_sock_unref(parent);
	CHECK_EQ(end(), 0);
}

TEST(hash_hmac)
{
	struct ualg_sock *parent = NULL, *op, *clone = NULL;
	uint8_t md[32];

	NEED("hash", "hmac(sha256)");
	begin();
	op = t_op("hash", "hmac(sha256)", key_mark, 32, &parent);
	CHECK(op != NULL);
	if (!op)
		return;
	CHECK_EQ(t_send(op, pt_mark, 64, MSG_MORE), 64);
	CHECK_EQ(ualg_sock_accept(op, &clone), 0);
	CHECK_EQ(t_send(op, pt_mark, 64, 0), 64);
	CHECK_EQ(t_recv(op, md, 32, 0), 32);
	if (clone)
		ualg_sock_unref(clone); /* a live stream, dropped */
	ualg_sock_unref(op);
	/* rekey, then close: the old and the new key schedules both go */
	CHECK_EQ(t_setkey(parent, key_mark + 16, 16), 0);
	ualg_sock_unref(parent);
	CHECK_EQ(end(), 0);
}
