/* SPDX-License-Identifier: MIT */
/*
 * afalg-bench: the same work three ways in one process, as ratios of one run.
 *
 *   (a) through the AF_ALG socket API (served by the preload under `ualg run`,
 *       by the kernel where the kernel has AF_ALG);
 *   (b) directly through OpenSSL EVP (a reused context, as a careful program
 *       would write it);
 *   (c) the kernel-crossing floor: the same bytes through send + recv on a
 *       socketpair (two system calls and two copies, the least any kernel
 *       AF_ALG request pays) plus (b)'s crypto.
 *
 * Per algorithm and size: ns/op and MB/s (median of REPS repetitions, each
 * long enough to be timed), (a)/(b) and (c)/(a).
 *
 *   afalg-bench [--reps N] [--ms N] [--sizes 16,64,...] [--csv]
 *   afalg-bench --rss N          resident bytes per open op socket (N sockets)
 *   afalg-bench --syscall-loop N time N pipe write+read pairs (preload cost
 *                                to a process that never touches AF_ALG)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include <linux/if_alg.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

enum kind { K_HASH, K_HMAC, K_SKCIPHER, K_AEAD };

struct alg {
	const char *label;
	enum kind kind;
	const char *type, *name; /* AF_ALG */
	const char *evp;         /* EVP_MD / EVP_CIPHER name */
	size_t keylen, ivlen, taglen;
};

static const struct alg algs[] = {
	{ "sha256", K_HASH, "hash", "sha256", "SHA2-256", 0, 0, 0 },
	{ "hmac(sha256)", K_HMAC, "hash", "hmac(sha256)", "SHA2-256", 32, 0, 0 },
	{ "cbc(aes)-128", K_SKCIPHER, "skcipher", "cbc(aes)", "AES-128-CBC", 16, 16, 0 },
	{ "xts(aes)-256", K_SKCIPHER, "skcipher", "xts(aes)", "AES-256-XTS", 64, 16, 0 },
	{ "gcm(aes)-128", K_AEAD, "aead", "gcm(aes)", "AES-128-GCM", 16, 12, 16 },
	{ "chacha20-poly1305", K_AEAD, "aead", "rfc7539(chacha20,poly1305)",
	  "ChaCha20-Poly1305", 32, 12, 16 },
};

static size_t sizes[16] = { 16, 64, 256, 1024, 4096, 16384, 65536 };
static size_t nsizes = 7;
static int reps = 5, min_ms = 40;

static uint8_t key[64], iv[16], in[65536 + 64], out[65536 + 64], bounce[65536 + 64];

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "afalg-bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* ---- (a) AF_ALG */

struct afalg {
	int tfm, op;
};

static int afalg_open(const struct alg *a, struct afalg *s)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };

	strcpy((char *)sa.salg_type, a->type);
	strcpy((char *)sa.salg_name, a->name);
	s->tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (s->tfm < 0)
		return -errno;
	if (bind(s->tfm, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	if (a->keylen && setsockopt(s->tfm, SOL_ALG, ALG_SET_KEY, key, (socklen_t)a->keylen) < 0)
		return -errno;
	if (a->taglen && setsockopt(s->tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL,
				    (socklen_t)a->taglen) < 0)
		return -errno;
	s->op = accept(s->tfm, NULL, NULL);
	if (s->op < 0)
		return -errno;
	return 0;
}

static void afalg_close(struct afalg *s)
{
	close(s->op);
	close(s->tfm);
}

static void afalg_op(const struct alg *a, struct afalg *s, size_t len)
{
	char cbuf[CMSG_SPACE(4) + CMSG_SPACE(4 + 16) + CMSG_SPACE(4)] = { 0 };
	struct iovec iov = { in, len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *c;
	struct af_alg_iv *aiv;
	size_t outlen = len;

	if (a->kind == K_HASH || a->kind == K_HMAC) {
		if (send(s->op, in, len, 0) != (ssize_t)len || recv(s->op, out, 32, 0) != 32)
			die("hash op");
		return;
	}
	msg.msg_control = cbuf;
	msg.msg_controllen = CMSG_SPACE(4) + CMSG_SPACE(4 + a->ivlen);
	if (a->kind == K_AEAD)
		msg.msg_controllen += CMSG_SPACE(4);
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(4);
	*(uint32_t *)CMSG_DATA(c) = ALG_OP_ENCRYPT;
	c = CMSG_NXTHDR(&msg, c);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_IV;
	c->cmsg_len = CMSG_LEN(4 + a->ivlen);
	aiv = (struct af_alg_iv *)CMSG_DATA(c);
	aiv->ivlen = (uint32_t)a->ivlen;
	memcpy(aiv->iv, iv, a->ivlen);
	if (a->kind == K_AEAD) {
		c = CMSG_NXTHDR(&msg, c);
		c->cmsg_level = SOL_ALG;
		c->cmsg_type = ALG_SET_AEAD_ASSOCLEN;
		c->cmsg_len = CMSG_LEN(4);
		*(uint32_t *)CMSG_DATA(c) = 0;
		outlen += a->taglen;
	}
	if (sendmsg(s->op, &msg, 0) != (ssize_t)len)
		die("sendmsg");
	if (recv(s->op, out, outlen, 0) != (ssize_t)outlen)
		die("recv");
}

/* ---- (b) OpenSSL EVP */

struct evp {
	EVP_MD_CTX *md;
	EVP_MAC_CTX *mac;
	EVP_CIPHER_CTX *c;
	EVP_MD *mdalg;
	EVP_CIPHER *calg;
};

static void evp_open(const struct alg *a, struct evp *e)
{
	memset(e, 0, sizeof(*e));
	switch (a->kind) {
	case K_HASH:
		e->mdalg = EVP_MD_fetch(NULL, a->evp, NULL);
		e->md = EVP_MD_CTX_new();
		break;
	case K_HMAC: {
		EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
		OSSL_PARAM p[] = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
								    (char *)a->evp, 0),
				   OSSL_PARAM_construct_end() };

		e->mac = EVP_MAC_CTX_new(mac);
		EVP_MAC_free(mac);
		if (!e->mac || !EVP_MAC_init(e->mac, key, a->keylen, p))
			die("EVP_MAC_init");
		break;
	}
	default:
		e->calg = EVP_CIPHER_fetch(NULL, a->evp, NULL);
		e->c = EVP_CIPHER_CTX_new();
		if (!e->calg || !EVP_EncryptInit_ex2(e->c, e->calg, key, iv, NULL))
			die("EVP_EncryptInit_ex2");
		EVP_CIPHER_CTX_set_padding(e->c, 0);
		break;
	}
}

static void evp_close(struct evp *e)
{
	EVP_MD_CTX_free(e->md);
	EVP_MAC_CTX_free(e->mac);
	EVP_CIPHER_CTX_free(e->c);
	EVP_MD_free(e->mdalg);
	EVP_CIPHER_free(e->calg);
}

static void evp_op(const struct alg *a, struct evp *e, const uint8_t *src, size_t len)
{
	unsigned int mdlen;
	size_t maclen;
	int n, f;

	switch (a->kind) {
	case K_HASH:
		if (!EVP_DigestInit_ex2(e->md, e->mdalg, NULL) || !EVP_DigestUpdate(e->md, src, len) ||
		    !EVP_DigestFinal_ex(e->md, out, &mdlen))
			die("digest");
		break;
	case K_HMAC:
		if (!EVP_MAC_init(e->mac, NULL, 0, NULL) || !EVP_MAC_update(e->mac, src, len) ||
		    !EVP_MAC_final(e->mac, out, &maclen, 64))
			die("mac");
		break;
	case K_SKCIPHER:
		if (!EVP_EncryptInit_ex2(e->c, NULL, NULL, iv, NULL) ||
		    !EVP_EncryptUpdate(e->c, out, &n, src, (int)len))
			die("cipher");
		break;
	case K_AEAD:
		if (!EVP_EncryptInit_ex2(e->c, NULL, NULL, iv, NULL) ||
		    !EVP_EncryptUpdate(e->c, out, &n, src, (int)len) ||
		    !EVP_EncryptFinal_ex(e->c, out + n, &f) ||
		    !EVP_CIPHER_CTX_ctrl(e->c, EVP_CTRL_AEAD_GET_TAG, (int)a->taglen, out + len))
			die("aead");
		break;
	}
}

/* ---- timing */

struct way {
	const struct alg *a;
	struct afalg *s;
	struct evp *e;
	int sp[2];
	int which; /* 0 a, 1 b, 2 c */
};

static void run_once(struct way *w, size_t len)
{
	switch (w->which) {
	case 0:
		afalg_op(w->a, w->s, len);
		break;
	case 1:
		evp_op(w->a, w->e, in, len);
		break;
	case 2:
		if (send(w->sp[0], in, len, 0) != (ssize_t)len ||
		    recv(w->sp[1], bounce, len, 0) != (ssize_t)len)
			die("socketpair");
		evp_op(w->a, w->e, bounce, len);
		break;
	}
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

/* median ns/op over reps repetitions of at least min_ms each */
static double measure(struct way *w, size_t len)
{
	double t[64], start;
	long iters = 1;

	/* calibrate */
	for (;;) {
		start = now_ns();
		for (long i = 0; i < iters; i++)
			run_once(w, len);
		if (now_ns() - start >= min_ms * 1e6 / 4)
			break;
		iters *= 2;
	}
	iters *= 4;
	for (int r = 0; r < reps; r++) {
		start = now_ns();
		for (long i = 0; i < iters; i++)
			run_once(w, len);
		t[r] = (now_ns() - start) / (double)iters;
	}
	qsort(t, (size_t)reps, sizeof(t[0]), cmp_double);
	return t[reps / 2];
}

static int bench(int csv)
{
	int bad = 0;

	if (csv)
		printf("alg,size,a_ns,b_ns,c_ns,a_MBps,b_MBps,c_MBps,a_over_b,c_over_a\n");
	else
		printf("%-28s %6s %10s %10s %10s %9s %9s %9s %6s %6s\n", "algorithm", "size",
		       "(a) ns/op", "(b) ns/op", "(c) ns/op", "(a) MB/s", "(b) MB/s", "(c) MB/s",
		       "a/b", "c/a");
	for (size_t i = 0; i < sizeof(algs) / sizeof(algs[0]); i++) {
		const struct alg *a = &algs[i];
		struct afalg s;
		struct evp e;
		struct way w = { .a = a, .s = &s, .e = &e };
		int r = afalg_open(a, &s);

		if (r < 0) {
			fprintf(stderr, "%s: AF_ALG unavailable (%s): run under `ualg run`\n", a->label,
				strerror(-r));
			bad = 1;
			continue;
		}
		evp_open(a, &e);
		if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, w.sp) < 0)
			die("socketpair");
		for (size_t k = 0; k < nsizes; k++) {
			size_t len = sizes[k];
			double ns[3];

			if (a->kind == K_SKCIPHER && len < 16)
				continue;
			for (w.which = 0; w.which < 3; w.which++)
				ns[w.which] = measure(&w, len);
			if (csv)
				printf("%s,%zu,%.1f,%.1f,%.1f,%.1f,%.1f,%.1f,%.3f,%.3f\n", a->label, len,
				       ns[0], ns[1], ns[2], len * 1e3 / ns[0], len * 1e3 / ns[1],
				       len * 1e3 / ns[2], ns[0] / ns[1], ns[2] / ns[0]);
			else
				printf("%-28s %6zu %10.1f %10.1f %10.1f %9.1f %9.1f %9.1f %6.3f %6.3f\n",
				       a->label, len, ns[0], ns[1], ns[2], len * 1e3 / ns[0],
				       len * 1e3 / ns[1], len * 1e3 / ns[2], ns[0] / ns[1],
				       ns[2] / ns[0]);
			fflush(stdout);
		}
		close(w.sp[0]);
		close(w.sp[1]);
		evp_close(&e);
		afalg_close(&s);
	}
	return bad;
}

static long rss_bytes(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f || fscanf(f, "%ld %ld", &pages, &resident) != 2)
		die("statm");
	fclose(f);
	return resident * sysconf(_SC_PAGESIZE);
}

/* resident bytes per open op socket, for each AF_ALG type */
static int rss(int n)
{
	static const struct alg *const kinds[] = { &algs[0], &algs[2], &algs[4] };
	/* room for emulations that hold more than one real fd per socket (ualg: 3) */
	struct rlimit rl = { 4 * (rlim_t)n + 64, 4 * (rlim_t)n + 64 };
	int *fds = calloc((size_t)n, sizeof(int));

	if (!fds)
		die("calloc");
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
		/* the hard limit is lower: measure as many as it allows */
		if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
			die("getrlimit");
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
		if (rl.rlim_cur < 4 * (rlim_t)n + 64) {
			n = (int)((rl.rlim_cur - 64) / 4);
			fprintf(stderr, "afalg-bench: RLIMIT_NOFILE %lu: measuring %d sockets\n",
				(unsigned long)rl.rlim_cur, n);
		}
	}
	/* each type in a fresh child process, so memory freed by one is not reused by the next */
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		struct afalg s;
		long before, after;
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid > 0) {
			int st;

			if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
				return 1;
			continue;
		}
		if (afalg_open(kinds[k], &s) < 0)
			die("AF_ALG unavailable: run under `ualg run`");
		before = rss_bytes();
		for (int i = 0; i < n; i++) {
			fds[i] = accept(s.tfm, NULL, NULL);
			if (fds[i] < 0)
				die("accept");
		}
		after = rss_bytes();
		printf("%-28s %d op sockets: %.0f bytes resident each\n", kinds[k]->label, n,
		       (double)(after - before) / n);
		fflush(stdout);
		_exit(0);
	}
	free(fds);
	return 0;
}

/* a syscall-heavy loop on ordinary fds: what the preload costs a program that never uses AF_ALG */
static int syscall_loop(long n)
{
	int p[2];
	char c = 'x';
	double start;

	if (pipe(p) < 0)
		die("pipe");
	start = now_ns();
	for (long i = 0; i < n; i++)
		if (write(p[1], &c, 1) != 1 || read(p[0], &c, 1) != 1)
			die("pipe io");
	printf("syscall loop: %ld write+read pairs, %.1f ns/pair\n", n, (now_ns() - start) / n);
	return 0;
}

int main(int argc, char **argv)
{
	int csv = 0;

	for (size_t i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i * 7 + 1);
	for (size_t i = 0; i < sizeof(iv); i++)
		iv[i] = (uint8_t)(i * 3 + 2);
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)i;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--csv"))
			csv = 1;
		else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--ms") && i + 1 < argc)
			min_ms = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--sizes") && i + 1 < argc) {
			char *p = argv[++i];

			nsizes = 0;
			while (*p && nsizes < 16) {
				sizes[nsizes++] = strtoul(p, &p, 10);
				if (*p == ',')
					p++;
			}
		} else if (!strcmp(argv[i], "--rss") && i + 1 < argc)
			return rss(atoi(argv[++i]));
		else if (!strcmp(argv[i], "--syscall-loop") && i + 1 < argc)
			return syscall_loop(atol(argv[++i]));
		else {
			fprintf(stderr, "usage: afalg-bench [--reps N] [--ms N] [--sizes a,b,..] [--csv] | --rss N | --syscall-loop N\n");
			return 2;
		}
	}
	if (reps < 1 || reps > 64)
		reps = 5;
	return bench(csv);
}
