/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the preload's fd table (src/preload/fdtable.c,
 * share.c): run with LD_PRELOAD=libualg-preload.so (tests/fuzz/run.sh). The
 * input is a program of fd operations on emulated AF_ALG sockets (parents,
 * hash and cbc(aes) op sockets) and ordinary fds (pipes, eventfds): socket,
 * bind, accept, pipe, dup, dup2, dup3, F_DUPFD, close, close_range, fcntl
 * flags, fork, and using an fd. A shadow table says what each fd number in
 * [0, MAXFD) must be; after every operation the numbers it touched are
 * checked, and all of them at the end of the input:
 *
 *  - open exactly when the shadow says so (EBADF otherwise);
 *  - an emulated socket answers as one (SO_DOMAIN AF_ALG, its poll mask, a
 *    right digest or ciphertext), an ordinary fd never does (ENOTSOCK:
 *    no emulated state on a non-emulated fd);
 *  - after fork, the child sees the same, and its calls on inherited op
 *    sockets are served by this process;
 *  - once the input's fds are closed, the process has exactly the fds it
 *    had before (no kernel fd of ualg leaked); use-after-free and double
 *    free are the sanitizers'.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_alg.h>
#include <poll.h>
#include <signal.h>
#include <dirent.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef SOL_ALG
#define SOL_ALG 279
#endif

#define MAXFD 48
#define MAXOPS 40
#define MAXFORKS 2

enum kind {
	K_NONE,
	K_PIPE_R,
	K_PIPE_W,
	K_EVENTFD,
	K_PARENT,
	K_PARENT_HASH,
	K_PARENT_CBC,
	K_OP_HASH,
	K_OP_CBC
};

struct obj {
	enum kind kind;
	unsigned int id;   /* the open file: equal ids are dups of each other */
	unsigned int peer; /* pipes: the id of the other end */
};

static struct obj shadow[MAXFD];
static bool reserved[MAXFD];
static unsigned int next_id, forks;
static int baseline = -1;

static const uint8_t sha_abc[32] = {0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea,
				    0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
				    0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c,
				    0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
/* AES-128 of 16 zero bytes under the zero key (CBC, zero IV: the same) */
static const uint8_t aes_zero[16] = {0x66, 0xe9, 0x4b, 0xd4, 0xef, 0x8a, 0x2c, 0x3b,
				     0x88, 0x4c, 0xfa, 0x59, 0xca, 0x34, 0x2b, 0x2e};

static bool emulated(enum kind k)
{
	return k >= K_PARENT;
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n - 1;
}

/* a free number in [0, MAXFD) chosen by the input, or any non-reserved one */
static int pick_fd(struct fz *f)
{
	int fd = fz_u8(f) % MAXFD;

	for (int i = 0; i < MAXFD && reserved[fd]; i++)
		fd = (fd + 1) % MAXFD;
	return reserved[fd] ? -1 : fd;
}

/* an open tracked fd chosen by the input, or -1 */
static int pick_open(struct fz *f)
{
	int fd = fz_u8(f) % MAXFD;

	for (int i = 0; i < MAXFD; i++, fd = (fd + 1) % MAXFD)
		if (shadow[fd].kind != K_NONE)
			return fd;
	return -1;
}

static int tracked(void)
{
	int n = 0;

	for (int i = 0; i < MAXFD; i++)
		n += shadow[i].kind != K_NONE;
	return n;
}

/* a new fd from the kernel: tracked when it lands in range, else closed */
static void track_new(int fd, enum kind k, unsigned int id, unsigned int peer)
{
	if (fd < 0)
		return;
	if (fd >= MAXFD || reserved[fd]) {
		close(fd);
		return;
	}
	if (shadow[fd].kind != K_NONE)
		FZ_FAIL("fd %d given out while open", fd);
	shadow[fd] = (struct obj){k, id, peer};
}

/* ---- checks ---- */

static bool fd_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0 || errno != EBADF;
}

static void check_fd(int fd)
{
	const struct obj *o = &shadow[fd];
	int dom = -1;
	socklen_t len = sizeof(dom);
	struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT};
	int r;

	if (reserved[fd])
		return;
	if (fd_open(fd) != (o->kind != K_NONE)) {
		char path[64], link[256] = "";

		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (readlink(path, link, sizeof(link) - 1) < 0)
			strcpy(link, "?");
		FZ_FAIL("fd %d: open %d (%s), shadow kind %d", fd, fd_open(fd), link, o->kind);
	}
	if (o->kind == K_NONE)
		return;
	r = getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &dom, &len);
	if (emulated(o->kind) && (r < 0 || dom != AF_ALG))
		FZ_FAIL("fd %d (kind %d): SO_DOMAIN %d (%s)", fd, o->kind, dom,
			r < 0 ? strerror(errno) : "");
	if (!emulated(o->kind) && (r == 0 || errno != ENOTSOCK))
		FZ_FAIL("fd %d (kind %d, plain): getsockopt %d (%s), domain %d", fd, o->kind, r,
			strerror(errno), dom);
	if (!emulated(o->kind))
		return;
	/* spec §14: parents and hash op sockets never ready; an idle cbc op socket IN|OUT */
	r = poll(&p, 1, 0);
	if (o->kind == K_OP_CBC ? (r != 1 || (p.revents & (POLLIN | POLLOUT)) != (POLLIN | POLLOUT))
				: r != 0)
		FZ_FAIL("fd %d (kind %d): poll %d revents %#x", fd, o->kind, r, p.revents);
}

static void check_all(void)
{
	for (int fd = 0; fd < MAXFD; fd++)
		check_fd(fd);
}

/* ---- operations ---- */

static void op_socket(struct fz *f)
{
	static const struct {
		const char *type, *name;
		enum kind kind;
	} b[] = {{NULL, NULL, K_PARENT},
		 {"hash", "sha256", K_PARENT_HASH},
		 {"skcipher", "cbc(aes)", K_PARENT_CBC}};
	uint8_t m = fz_u8(f);
	int which = m % 3, fd;
	int flags = (m & 8 ? SOCK_NONBLOCK : 0) | (m & 16 ? SOCK_CLOEXEC : 0);

	if (tracked() > MAXFD - 8)
		return;
	fd = socket(AF_ALG, SOCK_SEQPACKET | flags, 0);
	if (fd < 0)
		FZ_FAIL("socket(AF_ALG): %s", strerror(errno));
	if (b[which].type) {
		struct sockaddr_alg sa = {.salg_family = AF_ALG};
		static const uint8_t key[16];

		strcpy((char *)sa.salg_type, b[which].type);
		strcpy((char *)sa.salg_name, b[which].name);
		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
			FZ_FAIL("bind %s: %s", b[which].name, strerror(errno));
		if (b[which].kind == K_PARENT_CBC &&
		    setsockopt(fd, SOL_ALG, ALG_SET_KEY, key, 16) < 0)
			FZ_FAIL("setkey: %s", strerror(errno));
	}
	track_new(fd, b[which].kind, ++next_id, 0);
}

static void op_accept(struct fz *f)
{
	int fd = pick_open(f), nfd;
	enum kind k;

	if (fd < 0 || tracked() > MAXFD - 4)
		return;
	k = shadow[fd].kind;
	nfd = accept4(fd, NULL, NULL, fz_u8(f) & 1 ? SOCK_CLOEXEC : 0);
	switch (k) {
	case K_PARENT_HASH:
	case K_PARENT_CBC:
		if (nfd < 0)
			FZ_FAIL("accept on bound parent %d: %s", fd, strerror(errno));
		track_new(nfd, k == K_PARENT_HASH ? K_OP_HASH : K_OP_CBC, ++next_id, 0);
		break;
	case K_OP_HASH: /* clone of the (idle) stream */
		if (nfd < 0)
			FZ_FAIL("accept on hash op %d: %s", fd, strerror(errno));
		track_new(nfd, K_OP_HASH, ++next_id, 0);
		break;
	default:
		if (nfd >= 0)
			FZ_FAIL("accept on fd %d of kind %d succeeded", fd, k);
		if (!emulated(k) ? errno != ENOTSOCK : errno != EINVAL && errno != EOPNOTSUPP)
			FZ_FAIL("accept on fd %d of kind %d: %s", fd, k, strerror(errno));
	}
}

static void op_plain(struct fz *f)
{
	int p[2], fd;
	uint8_t m = fz_u8(f);

	if (tracked() > MAXFD - 4)
		return;
	if (m & 1) {
		fd = eventfd(0, EFD_NONBLOCK | (m & 2 ? EFD_CLOEXEC : 0));
		track_new(fd, K_EVENTFD, ++next_id, 0);
		return;
	}
	if (pipe2(p, O_NONBLOCK | (m & 2 ? O_CLOEXEC : 0)))
		return;
	next_id += 2;
	track_new(p[0], K_PIPE_R, next_id - 1, next_id);
	track_new(p[1], K_PIPE_W, next_id, next_id - 1);
}

static void op_dup(struct fz *f)
{
	uint8_t m = fz_u8(f);
	int a = m & 0x80 ? pick_fd(f) : pick_open(f), b, r;

	if (a < 0 || tracked() > MAXFD - 4)
		return;
	switch (m % 4) {
	case 0:
		r = dup(a);
		break;
	case 1:
		r = fcntl(a, m & 4 ? F_DUPFD_CLOEXEC : F_DUPFD, fz_u8(f) % MAXFD);
		break;
	case 2:
		b = pick_fd(f);
		if (b < 0)
			return;
		r = dup2(a, b);
		if (shadow[a].kind == K_NONE ? r >= 0 || errno != EBADF : r != b)
			FZ_FAIL("dup2(%d, %d) = %d (%s)", a, b, r, strerror(errno));
		if (r >= 0 && a != b)
			shadow[b] = shadow[a];
		check_fd(b);
		return;
	default:
		b = pick_fd(f);
		if (b < 0)
			return;
		r = dup3(a, b, m & 4 ? O_CLOEXEC : 0);
		if (a == b		       ? r >= 0 || errno != EINVAL
		    : shadow[a].kind == K_NONE ? r >= 0 || errno != EBADF
					       : r != b)
			FZ_FAIL("dup3(%d, %d) = %d (%s)", a, b, r, strerror(errno));
		if (r >= 0)
			shadow[b] = shadow[a];
		check_fd(b);
		return;
	}
	if (shadow[a].kind == K_NONE) {
		if (r >= 0 || errno != EBADF)
			FZ_FAIL("dup of closed %d = %d", a, r);
		return;
	}
	if (r < 0)
		FZ_FAIL("dup of %d: %s", a, strerror(errno));
	track_new(r, shadow[a].kind, shadow[a].id, shadow[a].peer);
	if (r < MAXFD)
		check_fd(r);
}

static void op_close(struct fz *f)
{
	uint8_t m = fz_u8(f);
	int fd = m & 1 ? pick_fd(f) : pick_open(f), r;

	if (fd < 0)
		return;
	if (m & 2) { /* close_range over a few numbers, none reserved */
		int hi = fd + fz_u8(f) % 6;

		if (hi >= MAXFD)
			hi = MAXFD - 1;
		for (int i = fd; i <= hi; i++)
			if (reserved[i])
				return;
		if (close_range((unsigned int)fd, (unsigned int)hi, 0))
			FZ_FAIL("close_range(%d, %d): %s", fd, hi, strerror(errno));
		for (int i = fd; i <= hi; i++) {
			shadow[i].kind = K_NONE;
			check_fd(i);
		}
		return;
	}
	r = close(fd);
	if (shadow[fd].kind == K_NONE ? r >= 0 || errno != EBADF : r != 0)
		FZ_FAIL("close(%d) = %d (%s), kind %d", fd, r, strerror(errno), shadow[fd].kind);
	shadow[fd].kind = K_NONE;
	check_fd(fd);
}

static void op_flags(struct fz *f)
{
	int fd = pick_open(f), fl, fdf;
	uint8_t m = fz_u8(f);

	if (fd < 0)
		return;
	fl = fcntl(fd, F_GETFL);
	fdf = fcntl(fd, F_GETFD);
	if (fl < 0 || fdf < 0)
		FZ_FAIL("fcntl(%d): %s", fd, strerror(errno));
	if (fcntl(fd, F_SETFL, m & 1 ? fl | O_NONBLOCK : fl & ~O_NONBLOCK) < 0 ||
	    fcntl(fd, F_SETFD, m & 2 ? FD_CLOEXEC : 0) < 0)
		FZ_FAIL("fcntl set(%d): %s", fd, strerror(errno));
	if (!!(fcntl(fd, F_GETFL) & O_NONBLOCK) != (m & 1) ||
	    !!(fcntl(fd, F_GETFD) & FD_CLOEXEC) != !!(m & 2))
		FZ_FAIL("fcntl(%d): flags not kept", fd);
	/* O_NONBLOCK is the open file's, shared by every dup */
	for (int i = 0; i < MAXFD; i++)
		if (shadow[i].kind != K_NONE && shadow[i].id == shadow[fd].id &&
		    !!(fcntl(i, F_GETFL) & O_NONBLOCK) != (m & 1))
			FZ_FAIL("dup %d of %d does not share O_NONBLOCK", i, fd);
}

static ssize_t send_enc(int fd)
{
	static const uint8_t zero[16];
	char cbuf[CMSG_SPACE(4) + CMSG_SPACE(sizeof(struct af_alg_iv) + 16)] = {0};
	struct iovec io = {.iov_base = (void *)zero, .iov_len = 16};
	struct msghdr m = {.msg_iov = &io,
			   .msg_iovlen = 1,
			   .msg_control = cbuf,
			   .msg_controllen = sizeof(cbuf)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	struct af_alg_iv *iv;

	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_OP;
	c->cmsg_len = CMSG_LEN(4);
	*(uint32_t *)CMSG_DATA(c) = ALG_OP_ENCRYPT;
	c = CMSG_NXTHDR(&m, c);
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = ALG_SET_IV;
	c->cmsg_len = CMSG_LEN(sizeof(*iv) + 16);
	iv = (struct af_alg_iv *)CMSG_DATA(c);
	iv->ivlen = 16;
	return sendmsg(fd, &m, MSG_DONTWAIT);
}

/* use fd as what it is; false when the answer is wrong */
static bool use(int fd)
{
	uint8_t buf[32];
	uint64_t v = 1;

	switch (shadow[fd].kind) {
	case K_OP_HASH:
		return send(fd, "abc", 3, MSG_DONTWAIT) == 3 &&
		       recv(fd, buf, 32, MSG_DONTWAIT) == 32 && !memcmp(buf, sha_abc, 32);
	case K_OP_CBC:
		return send_enc(fd) == 16 && recv(fd, buf, 16, MSG_DONTWAIT) == 16 &&
		       !memcmp(buf, aes_zero, 16);
	case K_EVENTFD:
		return write(fd, &v, 8) == 8 && read(fd, &v, 8) == 8 && v >= 1;
	case K_PIPE_W: /* (op_flags may have made it blocking: only when there is room) */
		return poll(&(struct pollfd){.fd = fd, .events = POLLOUT}, 1, 0) != 1 ||
		       write(fd, "p", 1) == 1 || errno == EPIPE;
	case K_PIPE_R:
		return poll(&(struct pollfd){.fd = fd, .events = POLLIN}, 1, 0) != 1 ||
		       read(fd, buf, sizeof(buf)) >= 0;
	case K_PARENT:
	case K_PARENT_HASH:
	case K_PARENT_CBC: /* spec §16: no data on a parent */
		return send(fd, "x", 1, MSG_DONTWAIT) < 0 && errno == EOPNOTSUPP;
	default:
		return write(fd, "x", 1) < 0 && errno == EBADF;
	}
}

static void op_use(struct fz *f)
{
	int fd = fz_u8(f) & 1 ? pick_fd(f) : pick_open(f);

	if (fd < 0)
		return;
	if (!use(fd))
		FZ_FAIL("use of fd %d (kind %d): %s", fd, shadow[fd].kind, strerror(errno));
	check_fd(fd);
}

static void op_fork(struct fz *f)
{
	pid_t pid, r;
	int st = 0;

	(void)f;
	if (forks >= MAXFORKS)
		return;
	forks++;
	pid = fork();
	if (pid < 0)
		return;
	if (pid == 0) {
		/* the same table, inherited op sockets served by the parent */
		check_all();
		for (int fd = 0; fd < MAXFD; fd++)
			if (shadow[fd].kind != K_NONE && !use(fd))
				_exit(3);
		_exit(0);
	}
	while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR) /* libFuzzer's timer */
		;
	if (r != pid || !WIFEXITED(st) || WEXITSTATUS(st))
		FZ_FAIL("forked child: status %#x (%s)", st, r < 0 ? strerror(errno) : "");
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * libFuzzer runs helpers through sh (merging, the symbolizer), which cannot
 * load the sanitized preload: the preload moves from LD_PRELOAD, where sh
 * would inherit it, to UALG_FUZZ_PRELOAD, and a process started without it
 * (an inner merge run) starts itself again with it.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *pre = getenv("LD_PRELOAD"), *mine = getenv("UALG_FUZZ_PRELOAD");

	(void)argc;
	if (pre && strstr(pre, "libualg-preload")) {
		setenv("UALG_FUZZ_PRELOAD", pre, 1);
		unsetenv("LD_PRELOAD");
	} else if (mine) {
		setenv("LD_PRELOAD", mine, 1);
		execv("/proc/self/exe", *argv);
		FZ_FAIL("execv: %s", strerror(errno));
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static void (*const ops[])(struct fz *) = {
		op_socket, op_socket, op_accept, op_accept, op_plain, op_dup,  op_dup,
		op_close,  op_close,  op_flags,	 op_use,    op_use,   op_fork,
	};
	struct fz f = {data, size};
	int n;

	if (baseline < 0) {
		/* the first AF_ALG socket makes the preload's own fds: count them in */
		int fd = socket(AF_ALG, SOCK_SEQPACKET, 0);

		if (fd < 0)
			FZ_FAIL("socket(AF_ALG): %s (run with LD_PRELOAD=libualg-preload.so)",
				strerror(errno));
		close(fd);
		for (int i = 0; i < MAXFD; i++)
			reserved[i] = fd_open(i);
		/* a pipe whose reader is gone answers EPIPE, not death */
		signal(SIGPIPE, SIG_IGN);
		baseline = open_fds();
	}
	forks = 0;
	if (getenv("FZ_TRACE")) {
		char path[64], link[256];

		fprintf(stderr, "fds:");
		for (int fd = 0; fd < MAXFD; fd++) {
			ssize_t k;

			snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
			k = readlink(path, link, sizeof(link) - 1);
			if (k > 0) {
				link[k] = 0;
				fprintf(stderr, " %d=%s", fd, link);
			}
		}
		fprintf(stderr, "\n");
	}
	for (unsigned int i = 0; i < MAXOPS && f.n; i++) {
		uint8_t op = fz_u8(&f);

		if (getenv("FZ_TRACE"))
			fprintf(stderr, "op %u\n", op % (unsigned int)FZ_ARRAY_SIZE(ops));
		ops[op % FZ_ARRAY_SIZE(ops)](&f);
	}
	if (getenv("FZ_TRACE"))
		fprintf(stderr, "end of input\n");
	check_all();
	for (int fd = 0; fd < MAXFD; fd++) {
		if (shadow[fd].kind != K_NONE && close(fd))
			FZ_FAIL("close(%d) at the end: %s", fd, strerror(errno));
		shadow[fd].kind = K_NONE;
	}
	/* after a fork, the thread serving the child closes its connection on its own time */
	n = open_fds();
	for (int t = 0; n != baseline && forks && t < 200; t++) {
		usleep(5000);
		n = open_fds();
	}
	if (n != baseline)
		FZ_FAIL("%d fds open after the input, %d before", n, baseline);
	return 0;
}
