/* SPDX-License-Identifier: MIT */
/*
 * afalg-bench: the same work several ways in one process, as ratios of one
 * run.
 *
 *   (a) through the AF_ALG socket API: socket/bind/setsockopt/accept once,
 *       then per request one sendmsg (ALG_SET_OP, ALG_SET_IV,
 *       ALG_SET_AEAD_ASSOCLEN) or send, and one recv. Served by the preload
 *       under `ualg run`, by the kernel where the kernel has AF_ALG.
 *   (b) OpenSSL EVP at its best: the algorithm fetched once, one context
 *       kept, per request only what the work needs (the IV re-set; the MAC
 *       restarted with its key; the digest re-initialised).
 *   (m) memcpy of the request's bytes: the one pass the AF_ALG API itself
 *       requires (the caller may reuse its buffer once sendmsg returns, and
 *       the output buffer is known only at recv). (b) + (m) is the floor.
 *   (c) the kernel-crossing floor: the same bytes through send + recv on a
 *       socketpair, plus (b)'s crypto.
 *
 * The ways run in alternating rounds (a, b, m, c, a, b, ...), each round
 * long enough to time; each figure is the median of its rounds.
 *
 *   afalg-bench [--reps N] [--ms N] [--sizes 16,64,...] [--algs a,b] [--csv]
 *   afalg-bench --threads 1,2,4 [--sizes ...] [--algs ...] [--csv]
 *                                requests/s with N threads, each on its own
 *                                transform, and on one shared transform
 *                                (medians of reps alternating rounds)
 *   afalg-bench --rss N          resident bytes per open op socket and per
 *                                keyed transform (N of each)
 *   afalg-bench --open-loop N    time N open+close of /dev/null (what the
 *                                /proc/crypto check costs every other open)
 *   afalg-bench --syscall-loop N time N rounds of pipe and socket I/O (what
 *                                the preload costs a program that never
 *                                opens an AF_ALG socket)
 *   afalg-bench --count N --way a|b --algs A --sizes S
 *                                N requests of one way, untimed: for an
 *                                instruction counter (bench/instr.sh)
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdbool.h>
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
	const char *evp;	 /* EVP_MD / EVP_CIPHER name */
	size_t keylen, ivlen, taglen, aadlen;
};

static const struct alg algs[] = {
	{ "sha256", K_HASH, "hash", "sha256", "SHA2-256", 0, 0, 0, 0 },
	{ "hmac(sha256)", K_HMAC, "hash", "hmac(sha256)", "SHA2-256", 32, 0, 0, 0 },
	{ "cbc(aes)-128", K_SKCIPHER, "skcipher", "cbc(aes)", "AES-128-CBC", 16, 16, 0, 0 },
	{ "xts(aes)-256", K_SKCIPHER, "skcipher", "xts(aes)", "AES-256-XTS", 64, 16, 0, 0 },
	{ "gcm(aes)-128", K_AEAD, "aead", "gcm(aes)", "AES-128-GCM", 16, 12, 16, 16 },
	{ "chacha20-poly1305", K_AEAD, "aead", "rfc7539(chacha20,poly1305)", "ChaCha20-Poly1305",
	  32, 12, 16, 16 },
};
#define NALGS (sizeof(algs) / sizeof(algs[0]))

#define MAXLEN 65536
static size_t sizes[16] = { 16, 64, 256, 1024, 4096, 16384, 65536 };
static size_t nsizes = 7;
static bool alg_on[NALGS] = { true, true, true, true, true, true };
static int reps = 7, min_ms = 20;

static uint8_t key[64], iv[16], in[MAXLEN + 64];

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

/* per-thread output buffers: the threads mode runs the same code in several threads */
struct bufs {
	uint8_t out[MAXLEN + 64], bounce[MAXLEN + 64];
};

/* ---- (a) AF_ALG */

struct afalg {
	int tfm, op;
	char cbuf[CMSG_SPACE(4) + CMSG_SPACE(4 + 16) + CMSG_SPACE(4)];
	size_t clen;
};

static int afalg_bind(const struct alg *a)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int tfm;

	strcpy((char *)sa.salg_type, a->type);
	strcpy((char *)sa.salg_name, a->name);
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0)
		return -errno;
	if (bind(tfm, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    (a->keylen && setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, (socklen_t)a->keylen) < 0) ||
	    (a->taglen &&
	     setsockopt(tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, (socklen_t)a->taglen) < 0)) {
		int e = errno;

		close(tfm);
		return -e;
	}
	return tfm;
}

/* the control messages of every request, built once as a program would */
static void afalg_cmsgs(const struct alg *a, struct afalg *s)
{
	struct msghdr msg = { .msg_control = s->cbuf, .msg_controllen = sizeof(s->cbuf) };
	struct cmsghdr *c;
	struct af_alg_iv *aiv;

	memset(s->cbuf, 0, sizeof(s->cbuf));
	s->clen = 0;
	if (a->kind != K_SKCIPHER && a->kind != K_AEAD)
		return;
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
	s->clen = CMSG_SPACE(4) + CMSG_SPACE(4 + a->ivlen);
	if (a->kind == K_AEAD) {
		c = CMSG_NXTHDR(&msg, c);
		c->cmsg_level = SOL_ALG;
		c->cmsg_type = ALG_SET_AEAD_ASSOCLEN;
		c->cmsg_len = CMSG_LEN(4);
		*(uint32_t *)CMSG_DATA(c) = (uint32_t)a->aadlen;
		s->clen += CMSG_SPACE(4);
	}
}

/* tfm < 0: bind a transform of our own; else an op socket on the given one */
static int afalg_open(const struct alg *a, struct afalg *s, int tfm)
{
	s->tfm = tfm < 0 ? afalg_bind(a) : -1;
	if (tfm < 0 && s->tfm < 0)
		return s->tfm;
	s->op = accept(tfm < 0 ? s->tfm : tfm, NULL, NULL);
	if (s->op < 0)
		return -errno;
	afalg_cmsgs(a, s);
	return 0;
}

static void afalg_close(struct afalg *s)
{
	close(s->op);
	if (s->tfm >= 0)
		close(s->tfm);
}

/* len: the request's payload; an AEAD request also carries aadlen bytes of AAD before it */
static void afalg_op(const struct alg *a, struct afalg *s, struct bufs *b, size_t len)
{
	size_t inlen = a->aadlen + len, outlen = inlen + a->taglen;
	struct iovec iov = { in, inlen };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (a->kind == K_HASH || a->kind == K_HMAC) {
		if (send(s->op, in, len, 0) != (ssize_t)len || recv(s->op, b->out, 32, 0) != 32)
			die("hash op");
		return;
	}
	msg.msg_control = s->cbuf;
	msg.msg_controllen = s->clen;
	if (sendmsg(s->op, &msg, 0) != (ssize_t)inlen)
		die("sendmsg");
	if (recv(s->op, b->out, outlen, 0) != (ssize_t)outlen)
		die("recv");
}

/* ---- (b) OpenSSL EVP at its best */

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
		if (!e->mdalg || !e->md)
			die("EVP_MD_fetch");
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
		/* encryption only: padding matters to EVP_EncryptFinal, which no request calls */
		e->calg = EVP_CIPHER_fetch(NULL, a->evp, NULL);
		e->c = EVP_CIPHER_CTX_new();
		if (!e->calg || !e->c || !EVP_EncryptInit_ex2(e->c, e->calg, key, iv, NULL))
			die("EVP_EncryptInit_ex2");
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

/* the same request as afalg_op: src holds aadlen bytes of AAD, then len bytes */
static void evp_op(const struct alg *a, struct evp *e, struct bufs *b, const uint8_t *src,
		   size_t len)
{
	unsigned int mdlen;
	size_t maclen;
	int n, f;

	switch (a->kind) {
	case K_HASH:
		if (!EVP_DigestInit_ex2(e->md, e->mdalg, NULL) || !EVP_DigestUpdate(e->md, src, len) ||
		    !EVP_DigestFinal_ex(e->md, b->out, &mdlen))
			die("digest");
		break;
	case K_HMAC:
		if (!EVP_MAC_init(e->mac, NULL, 0, NULL) || !EVP_MAC_update(e->mac, src, len) ||
		    !EVP_MAC_final(e->mac, b->out, &maclen, 64))
			die("mac");
		break;
	case K_SKCIPHER:
		if (!EVP_EncryptInit_ex2(e->c, NULL, NULL, iv, NULL) ||
		    !EVP_EncryptUpdate(e->c, b->out, &n, src, (int)len))
			die("cipher");
		break;
	case K_AEAD:
		if (!EVP_EncryptInit_ex2(e->c, NULL, NULL, iv, NULL) ||
		    !EVP_EncryptUpdate(e->c, NULL, &n, src, (int)a->aadlen) ||
		    !EVP_EncryptUpdate(e->c, b->out + a->aadlen, &n, src + a->aadlen, (int)len) ||
		    !EVP_EncryptFinal_ex(e->c, b->out + a->aadlen + n, &f) ||
		    !EVP_CIPHER_CTX_ctrl(e->c, EVP_CTRL_AEAD_GET_TAG, (int)a->taglen,
					 b->out + a->aadlen + len))
			die("aead");
		break;
	}
}

/* ---- timing */

enum way { W_AFALG, W_EVP, W_MEMCPY, W_SOCKPAIR, W__MAX };

struct run {
	const struct alg *a;
	struct afalg s;
	struct evp e;
	struct bufs *b;
	int sp[2];
};

static void run_once(struct run *r, enum way w, size_t len)
{
	size_t n = r->a->aadlen + len;

	switch (w) {
	case W_AFALG:
		afalg_op(r->a, &r->s, r->b, len);
		break;
	case W_EVP:
		evp_op(r->a, &r->e, r->b, in, len);
		break;
	case W_MEMCPY:
		/* the bytes the caller hands over; hashes copy nothing (see bench/README.md) */
		memcpy(r->b->bounce, in, n);
		__asm__ volatile("" : : "r"(r->b->bounce) : "memory");
		break;
	case W_SOCKPAIR:
		if (send(r->sp[0], in, n, 0) != (ssize_t)n ||
		    recv(r->sp[1], r->b->bounce, n, 0) != (ssize_t)n)
			die("socketpair");
		evp_op(r->a, &r->e, r->b, r->b->bounce, len);
		break;
	default:
		break;
	}
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

/* iterations that take about min_ms */
static long calibrate(struct run *r, enum way w, size_t len)
{
	long iters = 1;

	for (;;) {
		double start = now_ns();

		for (long i = 0; i < iters; i++)
			run_once(r, w, len);
		if (now_ns() - start >= min_ms * 1e6 / 4)
			return iters * 4;
		iters *= 2;
	}
}

/* ns per request of each way: medians of reps alternating rounds */
static void measure(struct run *r, size_t len, double ns[W__MAX])
{
	double t[W__MAX][64];
	long iters[W__MAX];

	for (int w = 0; w < W__MAX; w++)
		iters[w] = calibrate(r, (enum way)w, len);
	for (int k = 0; k < reps; k++)
		for (int w = 0; w < W__MAX; w++) {
			double start = now_ns();

			for (long i = 0; i < iters[w]; i++)
				run_once(r, (enum way)w, len);
			t[w][k] = (now_ns() - start) / (double)iters[w];
		}
	for (int w = 0; w < W__MAX; w++) {
		qsort(t[w], (size_t)reps, sizeof(t[w][0]), cmp_double);
		ns[w] = t[w][reps / 2];
	}
}

static bool copies(const struct alg *a)
{
	return a->kind != K_HASH && a->kind != K_HMAC;
}

static int bench(int csv)
{
	static struct bufs b;
	int bad = 0;

	if (csv)
		printf("alg,size,a_ns,b_ns,m_ns,c_ns,a_over_b,a_over_floor,c_over_a\n");
	else
		printf("%-18s %6s %10s %10s %10s %10s %6s %8s %6s\n", "algorithm", "size",
		       "(a) ualg", "(b) EVP", "(m) memcpy", "(c) kernel", "a/b", "a/(b+m)", "c/a");
	for (size_t i = 0; i < NALGS; i++) {
		const struct alg *a = &algs[i];
		struct run r = { .a = a, .b = &b };
		int e;

		if (!alg_on[i])
			continue;
		e = afalg_open(a, &r.s, -1);
		if (e < 0) {
			fprintf(stderr, "%s: AF_ALG unavailable (%s): run under `ualg run`\n", a->label,
				strerror(-e));
			bad = 1;
			continue;
		}
		evp_open(a, &r.e);
		if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, r.sp) < 0)
			die("socketpair");
		for (size_t k = 0; k < nsizes; k++) {
			size_t len = sizes[k];
			double ns[W__MAX], floor;

			if (a->kind == K_SKCIPHER && len < 16)
				continue;
			measure(&r, len, ns);
			if (!copies(a))
				ns[W_MEMCPY] = 0;
			floor = ns[W_EVP] + ns[W_MEMCPY];
			if (csv)
				printf("%s,%zu,%.1f,%.1f,%.1f,%.1f,%.3f,%.3f,%.3f\n", a->label, len,
				       ns[W_AFALG], ns[W_EVP], ns[W_MEMCPY], ns[W_SOCKPAIR],
				       ns[W_AFALG] / ns[W_EVP], ns[W_AFALG] / floor,
				       ns[W_SOCKPAIR] / ns[W_AFALG]);
			else
				printf("%-18s %6zu %10.1f %10.1f %10.1f %10.1f %6.2f %8.2f %6.2f\n",
				       a->label, len, ns[W_AFALG], ns[W_EVP], ns[W_MEMCPY],
				       ns[W_SOCKPAIR], ns[W_AFALG] / ns[W_EVP], ns[W_AFALG] / floor,
				       ns[W_SOCKPAIR] / ns[W_AFALG]);
			fflush(stdout);
		}
		close(r.sp[0]);
		close(r.sp[1]);
		evp_close(&r.e);
		afalg_close(&r.s);
	}
	return bad;
}

/* ---- threads */

/* a line each: a counter shared with the next worker's would bounce between cores */
struct worker {
	alignas(64) pthread_t t;
	const struct alg *a;
	int tfm; /* shared transform, or -1 */
	size_t len;
	double secs;
	long done;
	pthread_barrier_t *start;
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct bufs *b = malloc(sizeof(*b));
	struct afalg s;
	double end;
	long done;

	if (!b || afalg_open(w->a, &s, w->tfm) < 0)
		die("worker socket");
	pthread_barrier_wait(w->start);
	end = now_ns() + w->secs * 1e9;
	for (done = 0; (done & 63) || now_ns() < end; done++)
		afalg_op(w->a, &s, b, w->len);
	w->done = done;
	afalg_close(&s);
	free(b);
	return NULL;
}

/* requests per second of n threads, each with its own transform or all on one */
static double threads_rate(const struct alg *a, size_t len, int n, bool shared)
{
	struct worker w[64];
	pthread_barrier_t start;
	int tfm = shared ? afalg_bind(a) : -1;
	long total = 0;

	if (shared && tfm < 0)
		die("bind");
	pthread_barrier_init(&start, NULL, (unsigned int)n);
	for (int i = 0; i < n; i++) {
		w[i] = (struct worker){ .a = a, .tfm = tfm, .len = len, .secs = min_ms * 10 / 1e3,
					.start = &start };
		if (pthread_create(&w[i].t, NULL, worker_main, &w[i]))
			die("pthread_create");
	}
	for (int i = 0; i < n; i++) {
		pthread_join(w[i].t, NULL);
		total += w[i].done;
	}
	pthread_barrier_destroy(&start);
	if (tfm >= 0)
		close(tfm);
	return total / (min_ms * 10 / 1e3);
}

static int threads(const char *list, int csv)
{
	int counts[8], n = 0;

	for (const char *p = list; *p && n < 8;) {
		char *e;

		counts[n++] = (int)strtol(p, &e, 10);
		p = *e == ',' ? e + 1 : e;
	}
	if (csv)
		printf("alg,size,threads,own_tfm_rps,shared_tfm_rps,own_scaling,shared_scaling\n");
	for (size_t i = 0; i < NALGS; i++) {
		if (!alg_on[i])
			continue;
		for (size_t k = 0; k < nsizes; k++) {
			double base_own = 0, base_shared = 0, t[8][2][64];

			/* alternating rounds over every count and both ways; medians */
			for (int q = 0; q < reps; q++)
				for (int j = 0; j < n; j++)
					for (int sh = 0; sh < 2; sh++)
						t[j][sh][q] = threads_rate(&algs[i], sizes[k], counts[j],
									   sh);
			for (int j = 0; j < n; j++) {
				double own, shared;

				qsort(t[j][0], (size_t)reps, sizeof(double), cmp_double);
				qsort(t[j][1], (size_t)reps, sizeof(double), cmp_double);
				own = t[j][0][reps / 2];
				shared = t[j][1][reps / 2];
				if (!j) {
					base_own = own / counts[j];
					base_shared = shared / counts[j];
				}
				printf(csv ? "%s,%zu,%d,%.0f,%.0f,%.2f,%.2f\n"
					   : "%-18s %6zu B %2d threads: req/s own tfm %10.0f, shared tfm "
					     "%10.0f; scaling own x%.2f, shared x%.2f\n",
				       algs[i].label, sizes[k], counts[j], own, shared,
				       own / base_own, shared / base_shared);
				fflush(stdout);
			}
		}
	}
	return 0;
}

/* ---- memory */

static long rss_bytes(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f || fscanf(f, "%ld %ld", &pages, &resident) != 2)
		die("statm");
	fclose(f);
	return resident * sysconf(_SC_PAGESIZE);
}

/* resident bytes per open op socket and per keyed transform, per AF_ALG type */
static int rss(int n)
{
	static const struct alg *const kinds[] = { &algs[0], &algs[1], &algs[2], &algs[4] };
	/* room for emulations that hold more than one real fd per socket */
	struct rlimit rl = { 4 * (rlim_t)n + 64, 4 * (rlim_t)n + 64 };
	int *fds = calloc((size_t)n, sizeof(int));

	if (!fds)
		die("calloc");
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
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
	/* each figure in a fresh child process, so memory freed by one is not reused by the next */
	for (size_t k = 0; k < 2 * sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct alg *a = kinds[k / 2];
		bool tfms = k & 1;
		long before, after;
		int tfm = -1;
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid > 0) {
			int st;

			if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
				return 1;
			continue;
		}
		/* one of each first, so that the figure is the marginal cost */
		tfm = afalg_bind(a);
		if (tfm < 0 || close(accept(tfm, NULL, NULL)) < 0)
			die("AF_ALG unavailable: run under `ualg run`");
		before = rss_bytes();
		for (int i = 0; i < n; i++) {
			fds[i] = tfms ? afalg_bind(a) : accept(tfm, NULL, NULL);
			if (fds[i] < 0)
				die(tfms ? "bind" : "accept");
		}
		after = rss_bytes();
		printf("%-18s %d %s: %.0f bytes resident each\n", a->label, n,
		       tfms ? "keyed transforms (bound sockets)" : "op sockets", (double)(after - before) / n);
		fflush(stdout);
		_exit(0);
	}
	free(fds);
	return 0;
}

/*
 * A syscall-heavy loop on ordinary fds: what the preload costs a program
 * that never opens an AF_ALG socket. One round: write+read on a pipe,
 * send+recv on a stream socketpair, write+read of 256 bytes on a datagram
 * socketpair.
 */
static int syscall_loop(long n)
{
	int p[2], s[2], d[2];
	char buf[256] = { 0 };
	double start;

	if (pipe(p) < 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, s) < 0 ||
	    socketpair(AF_UNIX, SOCK_DGRAM, 0, d) < 0)
		die("pipe/socketpair");
	start = now_ns();
	for (long i = 0; i < n; i++)
		if (write(p[1], buf, 1) != 1 || read(p[0], buf, 1) != 1 ||
		    send(s[0], buf, 16, 0) != 16 || recv(s[1], buf, 16, 0) != 16 ||
		    write(d[0], buf, 256) != 256 || read(d[1], buf, 256) != 256)
			die("io");
	printf("syscall loop: %ld rounds of 6 calls, %.1f ns/round\n", n, (now_ns() - start) / n);
	return 0;
}

/* open+close of an ordinary path: the /proc/crypto comparison every open pays */
static int open_loop(long n)
{
	double start = now_ns();

	for (long i = 0; i < n; i++) {
		int fd = open("/dev/null", O_RDONLY);

		if (fd < 0 || close(fd))
			die("open /dev/null");
	}
	printf("open loop: %ld open+close, %.1f ns/pair\n", n, (now_ns() - start) / n);
	return 0;
}

/* n requests of size len of the first selected algorithm, one way, untimed */
static int count(long n, const char *way)
{
	static struct bufs b;
	enum way w = !strcmp(way, "a") ? W_AFALG : !strcmp(way, "b") ? W_EVP : W__MAX;
	size_t i = 0;
	struct run r = { .b = &b };

	while (i < NALGS && !alg_on[i])
		i++;
	if (w == W__MAX || i == NALGS) {
		fprintf(stderr, "afalg-bench: --count needs --way a|b and an algorithm\n");
		return 2;
	}
	r.a = &algs[i];
	if (w == W_AFALG && afalg_open(r.a, &r.s, -1) < 0)
		die("AF_ALG");
	if (w == W_EVP)
		evp_open(r.a, &r.e);
	for (long k = 0; k < n; k++)
		run_once(&r, w, sizes[0]);
	return 0;
}

static void parse_algs(const char *list)
{
	memset(alg_on, 0, sizeof(alg_on));
	for (const char *p = list; *p;) {
		size_t l = strcspn(p, ",");
		bool found = false;

		for (size_t i = 0; i < NALGS; i++)
			if (strlen(algs[i].label) == l && !strncmp(algs[i].label, p, l))
				alg_on[i] = found = true;
		if (!found) {
			fprintf(stderr, "afalg-bench: unknown algorithm %.*s\n", (int)l, p);
			exit(2);
		}
		p += l + (p[l] == ',');
	}
}

int main(int argc, char **argv)
{
	const char *threads_list = NULL, *way = NULL;
	long n_count = -1;
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
		else if (!strcmp(argv[i], "--algs") && i + 1 < argc)
			parse_algs(argv[++i]);
		else if (!strcmp(argv[i], "--threads") && i + 1 < argc)
			threads_list = argv[++i];
		else if (!strcmp(argv[i], "--sizes") && i + 1 < argc) {
			char *p = argv[++i];

			nsizes = 0;
			while (*p && nsizes < 16) {
				sizes[nsizes] = strtoul(p, &p, 10);
				if (sizes[nsizes] > MAXLEN)
					sizes[nsizes] = MAXLEN;
				nsizes++;
				if (*p == ',')
					p++;
			}
		} else if (!strcmp(argv[i], "--rss") && i + 1 < argc)
			return rss(atoi(argv[++i]));
		else if (!strcmp(argv[i], "--syscall-loop") && i + 1 < argc)
			return syscall_loop(atol(argv[++i]));
		else if (!strcmp(argv[i], "--open-loop") && i + 1 < argc)
			return open_loop(atol(argv[++i]));
		else if (!strcmp(argv[i], "--count") && i + 1 < argc)
			n_count = atol(argv[++i]);
		else if (!strcmp(argv[i], "--way") && i + 1 < argc)
			way = argv[++i];
		else {
			fprintf(stderr, "usage: afalg-bench [--reps N] [--ms N] [--sizes a,b,..] "
					"[--algs a,b] [--csv] [--threads 1,2,4] | --rss N | "
					"--syscall-loop N | --open-loop N | "
					"--count N --way a|b --algs A --sizes S\n");
			return 2;
		}
	}
	if (reps < 1 || reps > 64)
		reps = 7;
	if (n_count >= 0)
		return count(n_count, way ? way : "");
	if (threads_list)
		return threads(threads_list, csv);
	return bench(csv);
}
