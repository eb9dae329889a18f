/* SPDX-License-Identifier: MIT */
/*
 * Socket-object rules through the sock API: socket() (§3), bind (§4),
 * setsockopt/getsockopt (§5), accept and nokey (§6), lifetime (§15),
 * parent/op restrictions (§16), SO_SNDBUF/SO_RCVBUF (§17).
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sockt.h"
#include "test.h"

TEST(s3_socket_type_protocol)
{
	struct ualg_sock *sk;

	CHECK_EQ(ualg_sock_new(SOCK_STREAM, 0, &sk), -ESOCKTNOSUPPORT);
	CHECK_EQ(ualg_sock_new(SOCK_DGRAM, 0, &sk), -ESOCKTNOSUPPORT);
	CHECK_EQ(ualg_sock_new(SOCK_RAW, 0, &sk), -ESOCKTNOSUPPORT);
	CHECK_EQ(ualg_sock_new(SOCK_STREAM, 1, &sk), -ESOCKTNOSUPPORT);
	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 1, &sk), -EPROTONOSUPPORT);
	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET | 0x100, 0, &sk), -EINVAL);
	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, &sk), 0);
	CHECK(!ualg_sock_is_op(sk));
	ualg_sock_unref(sk);
}

TEST(s3_getsockopt_sol_socket)
{
	struct ualg_sock *sk;
	socklen_t l = sizeof(int);
	int v = -1;
	uint8_t small[2];

	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_TYPE, &v, &l), 0);
	CHECK_EQ(v, 5);
	CHECK_EQ(l, sizeof(int));
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_DOMAIN, &v, &l), 0);
	CHECK_EQ(v, 38);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_PROTOCOL, &v, &l), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, &l), 0);
	CHECK_EQ(v, 212992);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_RCVBUF, &v, &l), 0);
	CHECK_EQ(v, 212992);
	l = 2;
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_TYPE, small, &l), 0);
	CHECK_EQ(l, 2);
	l = sizeof(v);
	CHECK_EQ(ualg_sock_getsockopt(sk, T_SOL_ALG, T_SET_KEY, &v, &l), -EOPNOTSUPP);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_PEERCRED, &v, &l), -ENOPROTOOPT);
	ualg_sock_unref(sk);
}

TEST(s17_sndbuf_rcvbuf_doubling_clamping)
{
	struct ualg_sock *sk;
	socklen_t l = sizeof(int);
	int v;

	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	v = 8192;
	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), 0);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, &l), 0);
	CHECK_EQ(v, 16384);
	v = 1;
	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_RCVBUF, &v, &l), 0);
	CHECK_EQ(v, 2304);
	v = 1;
	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), 0);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, &l), 0);
	CHECK_EQ(v, 4608);
	v = 10000000;
	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), 0);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, &l), 0);
	CHECK_EQ(v, 2 * 212992);
	v = -5;
	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	CHECK_EQ(ualg_sock_getsockopt(sk, SOL_SOCKET, SO_RCVBUF, &v, &l), 0);
	CHECK_EQ(v, 2 * 212992);
	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_SNDBUF, &v, 2), -EINVAL);
	{
		struct timeval tv = {1, 0};

		CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
		CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)), 0);
	}
	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)), -ENOPROTOOPT);
	ualg_sock_unref(sk);
}

TEST(s4_bind_address_rules)
{
	struct ualg_sock *sk;
	char name[200];

	NEED("hash", "sha256");
	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0, 38, 24), -EINVAL);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0, 38, 129), -EINVAL);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0, 38, -1), -EINVAL);
	CHECK_EQ(ualg_sock_bind(sk, NULL, 88), -EFAULT);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "", 0, 0, 0, 38, 25), -ENOENT);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0, 38, 30), -ENOENT);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0, 38, 31), 0);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0, 38, 87), 0);
	/* family never checked */
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0, 0, 88), 0);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0, 2, 88), 0);
	/* salg_type[13] forced to NUL */
	CHECK_EQ(t_bind_raw(sk, "hash\0\0\0\0\0\0\0\0\0Z", 14, "sha256", 6, 0, 0, 38, 88), 0);
	CHECK_EQ(t_bind_raw(sk, "skcipherXXXXX", 13, "cbc(aes)", 8, 0, 0, 38, 88), -ENOENT);
	/* garbage after the name inside addr_len belongs to the name */
	memset(name, 'A', sizeof(name));
	memcpy(name, "sha256", 6);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, name, 64, 0, 0, 38, 88), -ENOENT);
	/* a 64-byte field without NUL: the last byte is forced to NUL */
	memset(name, 0, sizeof(name));
	memcpy(name, "sha256", 6);
	name[63] = 'X';
	CHECK_EQ(t_bind_raw(sk, "hash", 4, name, 64, 0, 0, 38, 88), 0);
	ualg_sock_unref(sk);
}

TEST(s4_bind_feat_mask)
{
	struct ualg_sock *sk;

	NEED("hash", "sha256");
	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0x1000, 0, 38, 88), 0);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0x1000, 38, 88), 0);
	/* 7.2: ignored after the check (6.1 gave ENOENT here) */
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0x1000, 0x1000, 38, 88), 0);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0x80, 0, 38, 88), -EINVAL);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 1, 0, 38, 88), -EINVAL);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0x80, 38, 88), -EINVAL);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, "sha256", 6, 0, 0x2000, 38, 88), -EINVAL);
	/* feat checked before the type */
	CHECK_EQ(t_bind_raw(sk, "foo", 3, "sha256", 6, 1, 0, 38, 88), -EINVAL);
	ualg_sock_unref(sk);
}

TEST(s4_bind_type_and_name_lookup)
{
	struct ualg_sock *sk;

	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	CHECK_EQ(t_bind(sk, "foo", "sha256"), -ENOENT);
	CHECK_EQ(t_bind(sk, "", "sha256"), -ENOENT);
	CHECK_EQ(t_bind(sk, "akcipher", "rsa"), -ENOENT);
	CHECK_EQ(t_bind(sk, "kpp", "dh"), -ENOENT);
	CHECK_EQ(t_bind(sk, "hash", "nosuchalg"), -ENOENT);
	CHECK_EQ(t_bind(sk, "skcipher", "aes"), -ENOENT);
	CHECK_EQ(t_bind(sk, "hash", "aes"), -ENOENT);
	CHECK_EQ(t_bind(sk, "skcipher", "cbc(aes"), -ENOENT);
	CHECK_EQ(t_bind(sk, "skcipher", "cbc(aes))"), -ENOENT);
	CHECK_EQ(t_bind(sk, "skcipher", "CBC(AES)"), -ENOENT);
	CHECK_EQ(t_bind(sk, "skcipher", " cbc(aes)"), -ENOENT);
	CHECK_EQ(t_bind(sk, "rng", "nosuchrng"), -ENOENT);
	ualg_sock_unref(sk);
}

TEST(s4_bind_long_names)
{
	struct ualg_sock *sk;
	char name[128];

	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	memset(name, 'x', sizeof(name));
	/* sockaddr_alg_new with addr_len 128: a 103-character name fits */
	CHECK_EQ(t_bind_raw(sk, "hash", 4, name, 104, 0, 0, 38, 128), -ENOENT);
	CHECK_EQ(t_bind_raw(sk, "hash", 4, name, 128, 0, 0, 38, 152), -EINVAL);
	ualg_sock_unref(sk);
}

TEST(s4_rebind_rules)
{
	struct ualg_sock *sk, *op;
	uint8_t buf[32];

	NEED("hash", "sha256");
	NEED("hash", "sha1");
	NEED("skcipher", "cbc(aes)");
	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	CHECK_EQ(t_bind(sk, "hash", "sha256"), 0);
	CHECK_EQ(t_bind(sk, "skcipher", "cbc(aes)"), 0);
	/* failed rebind keeps the old binding: a 16-byte key is an AES key */
	CHECK_EQ(t_bind(sk, "hash", "nosuch"), -ENOENT);
	CHECK_EQ(t_setkey(sk, T_K128, 16), 0);
	op = t_accept(sk);
	CHECK(op);
	if (!op)
		goto out;
	/* EBUSY only after a successful lookup */
	CHECK_EQ(t_bind(sk, "hash", "sha1"), -EBUSY);
	CHECK_EQ(t_bind(sk, "hash", "nosuch"), -ENOENT);
	CHECK_EQ(t_bind(op, "hash", "sha1"), -EOPNOTSUPP);
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, T_IV0, 16, T_NONE), 16);
	CHECK_EQ(t_recv(op, buf, 16, 0), 16);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	ualg_sock_unref(op);
	CHECK_EQ(t_bind(sk, "hash", "sha1"), 0);
	/* the key went with the old tfm; the new one is sha1 */
	op = t_accept(sk);
	CHECK(op);
	if (op) {
		CHECK_EQ(t_recv(op, buf, 32, 0), 20);
		ualg_sock_unref(op);
	}
out:
	ualg_sock_unref(sk);
}

TEST(s5_setsockopt_parent_rules)
{
	struct ualg_sock *sk;
	int e;

	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	CHECK_EQ(t_setkey(sk, "k", 1), -ENOPROTOOPT); /* unbound */
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_KEY, "k", (socklen_t)-1), -EINVAL);
	ualg_sock_unref(sk);
	NEED("hash", "sha256");
	sk = t_parent("hash", "sha256", &e);
	CHECK_EQ(t_setkey(sk, "kkkkkkkkkkkkkkkk", 16), -ENOSYS);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, 99, "x", 1), -ENOPROTOOPT);
	CHECK_EQ(ualg_sock_setsockopt(sk, 0 /* IPPROTO_IP */, T_SET_KEY, "x", 1), -ENOPROTOOPT);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_AUTHSIZE, NULL, 16), -ENOPROTOOPT);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_DRBG_ENTROPY, "x", 1), -ENOPROTOOPT);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_IV, "x", 1), -ENOPROTOOPT);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_OP, "\1\0\0\0", 4), -ENOPROTOOPT);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_ASSOCLEN, "\1\0\0\0", 4), -ENOPROTOOPT);
	ualg_sock_unref(sk);
}

TEST(s5_setkey_optmem_and_efault)
{
	struct ualg_sock *sk;
	uint8_t *big;

	NEED("hash", "hmac(sha256)");
	sk = t_parent("hash", "hmac(sha256)", NULL);
	CHECK_EQ(t_setkey(sk, "", 0), 0);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_KEY, NULL, 0), 0);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_KEY, NULL, 16), -EFAULT);
	big = calloc(1, 1 << 20);
	CHECK(big);
	if (big) {
		CHECK_EQ(t_setkey(sk, big, 200), 0);
		/* 7.2 default optmem_max is 128 KiB: 100 KB fits (6.1's 20 KiB did not) */
		CHECK_EQ(t_setkey(sk, big, 100000), 0);
		CHECK_EQ(t_setkey(sk, big, 131072), -ENOMEM);
		CHECK_EQ(t_setkey(sk, big, 1 << 20), -ENOMEM);
		free(big);
	}
	ualg_sock_unref(sk);
}

TEST(s5_authsize_from_optlen)
{
	static const struct {
		int n, want;
	} rows[] = {{0, -EINVAL}, {3, -EINVAL}, {4, 0},	 {8, 0},
		    {12, 0},	  {13, 0},	{16, 0}, {17, -EINVAL}};
	struct ualg_sock *sk;

	NEED("aead", "gcm(aes)");
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		sk = t_parent("aead", "gcm(aes)", NULL);
		CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_AUTHSIZE, NULL, rows[i].n),
			 rows[i].want);
		ualg_sock_unref(sk);
	}
}

TEST(s5_authsize_on_skcipher)
{
	struct ualg_sock *sk;

	NEED("skcipher", "cbc(aes)");
	sk = t_parent("skcipher", "cbc(aes)", NULL);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_AUTHSIZE, NULL, 16), -ENOPROTOOPT);
	ualg_sock_unref(sk);
}

TEST(s5_skcipher_key_lengths_and_retention)
{
	static const struct {
		size_t len;
		int want;
	} rows[] = {{15, -EINVAL}, {16, 0}, {24, 0}, {33, -EINVAL}};
	struct ualg_sock *sk, *op;
	uint8_t key[64], buf[16];

	NEED("skcipher", "cbc(aes)");
	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)i;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		sk = t_parent("skcipher", "cbc(aes)", NULL);
		CHECK_EQ(t_setkey(sk, key, rows[i].len), rows[i].want);
		ualg_sock_unref(sk);
	}
	/* a wrong key length keeps the old key (native skcipher) */
	sk = t_parent("skcipher", "cbc(aes)", NULL);
	CHECK_EQ(t_setkey(sk, T_K128, 16), 0);
	CHECK_EQ(t_setkey(sk, "short", 5), -EINVAL);
	op = t_accept(sk);
	CHECK_EQ(t_sendc(op, T_P1, 16, 0, T_ENC, T_IV0, 16, T_NONE), 16);
	CHECK_EQ(t_recv(op, buf, 16, 0), 16);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	ualg_sock_unref(op);
	ualg_sock_unref(sk);
}

TEST(s5_xts_and_ctr_key_lengths)
{
	struct ualg_sock *sk;
	uint8_t key[32];

	if (t_have("skcipher", "xts(aes)")) {
		for (int i = 0; i < 32; i++)
			key[i] = (uint8_t)i;
		sk = t_parent("skcipher", "xts(aes)", NULL);
		CHECK_EQ(t_setkey(sk, key, 16), -EINVAL);
		CHECK_EQ(t_setkey(sk, key, 32), 0);
		memset(key, 0x11, sizeof(key));
		CHECK_EQ(t_setkey(sk, key, 32), 0); /* equal halves: fine outside FIPS */
		ualg_sock_unref(sk);
	} else {
		SKIP("xts(aes) is not available (yet)");
	}
	if (t_have("skcipher", "ctr(aes)")) {
		sk = t_parent("skcipher", "ctr(aes)", NULL);
		CHECK_EQ(t_setkey(sk, key, 0), -EINVAL);
		ualg_sock_unref(sk);
	}
}

TEST(s5_failed_setkey_needkey_aead_and_keyed_hash)
{
	struct ualg_sock *sk, *op;
	uint8_t buf[32];

	if (!t_have("aead", "gcm(aes)") && !t_have("hash", "cmac(aes)"))
		SKIP("gcm(aes) and cmac(aes) are not available (yet)");
	if (t_have("aead", "gcm(aes)")) {
		sk = t_parent("aead", "gcm(aes)", NULL);
		CHECK_EQ(t_setkey(sk, T_K128, 16), 0);
		CHECK_EQ(t_setkey(sk, "short", 5), -EINVAL);
		op = t_accept(sk);
		CHECK_EQ(t_sendc(op, buf, 16, 0, T_ENC, buf, 12, 0), -ENOKEY);
		ualg_sock_unref(op);
		ualg_sock_unref(sk);
	}
	if (t_have("hash", "cmac(aes)")) {
		sk = t_parent("hash", "cmac(aes)", NULL);
		CHECK_EQ(t_setkey(sk, T_K128, 16), 0);
		CHECK_EQ(t_setkey(sk, "short", 5), -EINVAL);
		op = t_accept(sk);
		CHECK_EQ(t_send(op, "abc", 3, 0), -ENOKEY);
		ualg_sock_unref(op);
		ualg_sock_unref(sk);
	}
}

TEST(s5_after_accept_ebusy_order)
{
	struct ualg_sock *sk, *op;
	int v = 65536;
	uint8_t buf[16];

	NEED("skcipher", "cbc(aes)");
	sk = t_parent("skcipher", "cbc(aes)", NULL);
	CHECK_EQ(t_setkey(sk, T_K128, 16), 0);
	op = t_accept(sk);
	CHECK(op);
	/* keyed at accept: a normal child at once */
	CHECK_EQ(t_setkey(sk, T_K128, 16), -EBUSY);
	CHECK_EQ(ualg_sock_setsockopt(sk, 0, 1, "x", 1), -EBUSY);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, 99, "x", 1), -EBUSY);
	CHECK_EQ(ualg_sock_setsockopt(sk, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)), 0);
	CHECK_EQ(ualg_sock_setsockopt(op, T_SOL_ALG, T_SET_KEY, T_K128, 16), -EOPNOTSUPP);
	CHECK_EQ(ualg_sock_setsockopt(op, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v)), 0);
	{
		socklen_t l = sizeof(v);

		CHECK_EQ(ualg_sock_getsockopt(op, T_SOL_ALG, T_SET_KEY, buf, &l), -EOPNOTSUPP);
		CHECK_EQ(ualg_sock_getsockopt(op, SOL_SOCKET, SO_TYPE, &v, &l), 0);
		CHECK_EQ(v, 5);
	}
	ualg_sock_unref(op);
	CHECK_EQ(t_setkey(sk, T_K128, 16), 0);
	ualg_sock_unref(sk);
}

TEST(s6_accept_rules)
{
	struct ualg_sock *sk, *ops[100], *op2;
	int n = 0;

	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	CHECK_EQ(ualg_sock_accept(sk, &op2), -EINVAL);
	ualg_sock_unref(sk);
	NEED("hash", "sha256");
	sk = t_parent("hash", "sha256", NULL);
	for (int i = 0; i < 100; i++)
		if (ualg_sock_accept(sk, &ops[i]) == 0)
			n++;
	CHECK_EQ(n, 100);
	for (int i = 0; i < n; i++) {
		CHECK(ualg_sock_is_op(ops[i]));
		ualg_sock_unref(ops[i]);
	}
	ualg_sock_unref(sk);
	if (t_have("skcipher", "cbc(aes)")) {
		op2 = t_op("skcipher", "cbc(aes)", T_K128, 16, NULL);
		CHECK(op2);
		CHECK_EQ(ualg_sock_accept(op2, &sk), -EOPNOTSUPP);
		ualg_sock_unref(op2);
	}
}

TEST(s6_nokey_children)
{
	struct ualg_sock *sk, *a, *b, *c;
	uint8_t buf[32];

	NEED("skcipher", "cbc(aes)");
	sk = t_parent("skcipher", "cbc(aes)", NULL);
	a = t_accept(sk);
	b = t_accept(sk);
	CHECK(a && b);
	CHECK_EQ(ualg_sock_poll(a), POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM | POLLWRBAND);
	CHECK_EQ(t_sendc(a, T_P1, 16, 0, T_ENC, T_IV0, 16, T_NONE), -ENOKEY);
	CHECK_EQ(t_recv(a, buf, 16, MSG_DONTWAIT), -ENOKEY);
	/* every child is nokey: the parent can be keyed */
	CHECK_EQ(t_setkey(sk, T_K128, 16), 0);
	CHECK_EQ(t_setkey(sk, T_K128, 16), 0);
	/* a graduates on first use */
	CHECK_EQ(t_sendc(a, T_P1, 16, 0, T_ENC, T_IV0, 16, T_NONE), 16);
	CHECK_EQ(t_recv(a, buf, 16, 0), 16);
	CHECK(t_eqhex(buf, 16, T_CBC1));
	CHECK_EQ(t_setkey(sk, T_K128, 16), -EBUSY);
	ualg_sock_unref(a);
	/* only the unused nokey b is left */
	CHECK_EQ(t_setkey(sk, T_K128, 16), 0);
	c = t_accept(sk); /* keyed now: a normal child */
	CHECK_EQ(t_setkey(sk, T_K128, 16), -EBUSY);
	ualg_sock_unref(c);
	ualg_sock_unref(b);
	ualg_sock_unref(sk);
}

TEST(s6_nokey_hash_accept_from_op)
{
	struct ualg_sock *sk, *a, *b;
	uint8_t buf[32];

	NEED("hash", "hmac(sha256)");
	sk = t_parent("hash", "hmac(sha256)", NULL);
	a = t_accept(sk);
	CHECK(a);
	CHECK_EQ(ualg_sock_accept(a, &b), -ENOKEY);
	CHECK_EQ(t_send(a, "abc", 3, 0), -ENOKEY);
	CHECK_EQ(t_recv(a, buf, 32, 0), -ENOKEY);
	CHECK_EQ(t_setkey(sk, "k", 1), 0);
	CHECK_EQ(t_send(a, "abc", 3, 0), 3);
	CHECK_EQ(t_recv(a, buf, 32, 0), 32);
	CHECK_EQ(t_setkey(sk, "k", 1), -EBUSY);
	ualg_sock_unref(a);
	ualg_sock_unref(sk);
}

TEST(s15_parent_closed_first)
{
	struct ualg_sock *sk, *op, *clone;
	uint8_t buf[32], want[32];

	NEED("hash", "hmac(sha256)");
	sk = t_parent("hash", "hmac(sha256)", NULL);
	CHECK_EQ(t_setkey(sk, "key", 3), 0);
	op = t_accept(sk);
	CHECK_EQ(t_send(op, "abc", 3, 0), 3);
	CHECK_EQ(t_recv(op, want, 32, 0), 32);
	ualg_sock_unref(sk); /* close the parent */
	CHECK_EQ(t_send(op, "ab", 2, MSG_MORE), 2);
	CHECK_EQ(ualg_sock_accept(op, &clone), 0);
	CHECK_EQ(t_send(op, "c", 1, 0), 1);
	CHECK_EQ(t_recv(op, buf, 32, 0), 32);
	CHECK_MEM(buf, want, 32);
	ualg_sock_unref(op);
	CHECK_EQ(t_send(clone, "c", 1, 0), 1);
	CHECK_EQ(t_recv(clone, buf, 32, 0), 32);
	CHECK_MEM(buf, want, 32);
	ualg_sock_unref(clone);
}

TEST(s16_parent_has_no_data_path)
{
	struct ualg_sock *sk;
	uint8_t buf[4];

	CHECK_EQ(ualg_sock_new(SOCK_SEQPACKET, 0, &sk), 0);
	CHECK_EQ(t_send(sk, "x", 1, 0), -EOPNOTSUPP);
	CHECK_EQ(t_recv(sk, buf, 4, MSG_DONTWAIT), -EOPNOTSUPP);
	CHECK_EQ(ualg_sock_poll(sk), 0);
	if (t_bind(sk, "hash", "sha256") == 0) {
		CHECK_EQ(t_send(sk, "x", 1, 0), -EOPNOTSUPP);
		CHECK_EQ(t_recv(sk, buf, 4, MSG_DONTWAIT), -EOPNOTSUPP);
		CHECK_EQ(ualg_sock_poll(sk), 0);
	}
	ualg_sock_unref(sk);
}

TEST(s5_key_by_serial)
{
	struct ualg_sock *sk, *op, *p2, *op2;
	int32_t id;
	uint8_t a[32], b[32];

	NEED("hash", "hmac(sha256)");
	sk = t_parent("hash", "hmac(sha256)", NULL);
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_KEY_BY_KEY_SERIAL, "\1\2\3", 3),
		 -EINVAL);
	id = 0x7fff1234;
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_KEY_BY_KEY_SERIAL, &id, 4), -ENOKEY);
	id = (int32_t)syscall(SYS_add_key, "user", "ualg-sock-test", "secretkey", 9,
			      -2 /* KEY_SPEC_PROCESS_KEYRING */);
	if (id < 0) {
		ualg_sock_unref(sk);
		SKIP("add_key(user) is not permitted here");
	}
	CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_KEY_BY_KEY_SERIAL, &id, 4), 0);
	op = t_accept(sk);
	CHECK_EQ(t_send(op, "abc", 3, 0), 3);
	CHECK_EQ(t_recv(op, a, 32, 0), 32);
	op2 = t_op("hash", "hmac(sha256)", "secretkey", 9, &p2);
	CHECK_EQ(t_send(op2, "abc", 3, 0), 3);
	CHECK_EQ(t_recv(op2, b, 32, 0), 32);
	CHECK_MEM(a, b, 32);
	ualg_sock_unref(op);
	ualg_sock_unref(op2);
	ualg_sock_unref(p2);
	/* a keyring is not a key type AF_ALG takes */
	id = (int32_t)syscall(SYS_add_key, "keyring", "ualg-sock-kr", NULL, 0, -2);
	if (id >= 0)
		CHECK_EQ(ualg_sock_setsockopt(sk, T_SOL_ALG, T_SET_KEY_BY_KEY_SERIAL, &id, 4),
			 -ENOPROTOOPT);
	ualg_sock_unref(sk);
}
