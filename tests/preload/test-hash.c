/* SPDX-License-Identifier: MIT */
/*
 * hash and hmac through the preload, the way iwd/ell (accept4 + clone),
 * systemd (empty-message probe), BlueZ and strongSwan use them; plus the
 * socket calls AF_ALG refuses (spec §16) and fd-level behaviour (§14, §15).
 * Built twice: plain and with -D_FORTIFY_SOURCE=2 -O2, where read() and
 * recv() become __read_chk/__recv_chk.
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

#include "alg.h"

static const char msg_abc[] = "abc";

TEST(sha256_oneshot_and_more)
{
	unsigned char got[64], want[64];
	unsigned int wl;
	int op;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept4(tfm, NULL, 0, SOCK_CLOEXEC);
	CHECK(op >= 0);
	/* ell: the parent is closed at once; the op socket keeps the tfm */
	CHECK_EQ(close(tfm), 0);

	CHECK_EQ(send(op, msg_abc, 3, 0), 3);
	CHECK_EQ(read(op, got, sizeof(got)), 32);
	ref_digest("SHA256", msg_abc, 3, want, &wl);
	CHECK_MEM(got, want, 32);

	/* MSG_MORE pieces, then recv with a larger buffer returns exactly 32 */
	CHECK_EQ(send(op, "a", 1, MSG_MORE), 1);
	CHECK_EQ(send(op, "bc", 2, 0), 2);
	CHECK_EQ(recv(op, got, 64, 0), 32);
	CHECK_MEM(got, want, 32);

	/* no send: the empty-message digest (systemd's probe) */
	CHECK_EQ(recv(op, got, 32, 0), 32);
	ref_digest("SHA256", "", 0, want, &wl);
	CHECK_MEM(got, want, 32);
	close(op);
}

TEST(read_zero_does_not_consume)
{
	unsigned char got[32], want[32];
	unsigned int wl;
	int op;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept(tfm, NULL, 0);
	CHECK(op >= 0);
	ref_digest("SHA256", msg_abc, 3, want, &wl);

	/* read(fd, buf, 0) never reaches the socket: the digest stays */
	CHECK_EQ(send(op, msg_abc, 3, 0), 3);
	CHECK_EQ(read(op, got, 0), 0);
	CHECK_EQ(read(op, got, 32), 32);
	CHECK_MEM(got, want, 32);

	/* recv(fd, buf, 0) does reach it and consumes the digest (spec §10.2) */
	CHECK_EQ(send(op, msg_abc, 3, 0), 3);
	CHECK_EQ(recv(op, got, 0, 0), 0);
	CHECK_EQ(recv(op, got, 32, 0), 32);
	ref_digest("SHA256", "", 0, want, &wl);
	CHECK_MEM(got, want, 32);
	close(op);
	close(tfm);
}

TEST(truncated_recv_sets_msg_trunc)
{
	unsigned char got[32], want[32];
	struct iovec iov = {.iov_base = got, .iov_len = 10};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	unsigned int wl;
	int op;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept(tfm, NULL, 0);
	CHECK_EQ(send(op, msg_abc, 3, 0), 3);
	CHECK_EQ(recvmsg(op, &m, 0), 10);
	CHECK(m.msg_flags & MSG_TRUNC);
	ref_digest("SHA256", msg_abc, 3, want, &wl);
	CHECK_MEM(got, want, 10);
	close(op);
	close(tfm);
}

/* ell's l_checksum_clone: accept4() on the op socket clones a MSG_MORE stream */
TEST(clone_via_accept4_on_op)
{
	unsigned char got[32], want[32];
	unsigned int wl;
	int op, clone;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept4(tfm, NULL, 0, SOCK_CLOEXEC);
	close(tfm);
	CHECK_EQ(send(op, "hello ", 6, MSG_MORE), 6);
	clone = accept4(op, NULL, 0, SOCK_CLOEXEC);
	CHECK(clone >= 0);
	CHECK_EQ(send(op, "world", 5, 0), 5);
	CHECK_EQ(send(clone, "there", 5, 0), 5);
	CHECK_EQ(read(op, got, 32), 32);
	ref_digest("SHA256", "hello world", 11, want, &wl);
	CHECK_MEM(got, want, 32);
	CHECK_EQ(read(clone, got, 32), 32);
	ref_digest("SHA256", "hello there", 11, want, &wl);
	CHECK_MEM(got, want, 32);
	close(clone);
	close(op);
}

TEST(hmac_key_and_nokey)
{
	static const unsigned char key[] = "Jefe";
	static const char data[] = "what do ya want for nothing?";
	unsigned char got[32], want[64];
	int op;
	TFM_OR_SKIP(tfm, "hash", "hmac(sha256)");

	/* accept before the key: a nokey child, ENOKEY on use */
	op = accept(tfm, NULL, 0);
	CHECK(op >= 0);
	CHECK_EQ(send(op, data, 4, 0), -1);
	CHECK_EQ(errno, ENOKEY);
	close(op);

	CHECK_EQ(alg_setkey(tfm, key, 4), 0);
	op = accept(tfm, NULL, 0);
	CHECK_EQ(send(op, data, strlen(data), 0), (long)strlen(data));
	CHECK_EQ(read(op, got, 32), 32);
	ref_hmac("SHA256", key, 4, data, strlen(data), want);
	CHECK_MEM(got, want, 32);
	/* the key lives on the parent: EBUSY while a used child exists */
	CHECK_EQ(alg_setkey(tfm, key, 4), -EBUSY);
	close(op);
	close(tfm);
}

TEST(unsupported_socket_calls)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int sv[2], op, n;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	/* a non-NULL address makes accept fail (spec §6.1) */
	CHECK_EQ(accept(tfm, (struct sockaddr *)&ss, &sl), -1);
	CHECK_EQ(errno, ECONNABORTED);
	CHECK_EQ(accept4(tfm, NULL, 0, 0x4000000), -1);
	CHECK_EQ(errno, EINVAL);

	op = accept(tfm, NULL, 0);
	CHECK(op >= 0);
	CHECK_EQ(getsockname(op, (struct sockaddr *)&ss, &sl), -1);
	CHECK_EQ(errno, EOPNOTSUPP);
	CHECK_EQ(getpeername(tfm, (struct sockaddr *)&ss, &sl), -1);
	CHECK_EQ(errno, EOPNOTSUPP);
	CHECK_EQ(connect(op, (struct sockaddr *)&ss, sizeof(struct sockaddr)), -1);
	CHECK_EQ(errno, EOPNOTSUPP);
	CHECK_EQ(listen(tfm, 1), -1);
	CHECK_EQ(errno, EOPNOTSUPP);
	CHECK_EQ(shutdown(op, SHUT_RDWR), -1);
	CHECK_EQ(errno, EOPNOTSUPP);
	CHECK_EQ(ioctl(op, FIONREAD, &n), -1);
	CHECK_EQ(errno, EOPNOTSUPP);
	CHECK_EQ(socketpair(AF_ALG, SOCK_SEQPACKET, 0, sv), -1);
	CHECK_EQ(errno, EOPNOTSUPP);
	CHECK_EQ(socket(AF_ALG, SOCK_STREAM, 0), -1);
	CHECK_EQ(errno, ESOCKTNOSUPPORT);
	CHECK_EQ(socket(AF_ALG, SOCK_SEQPACKET, 1), -1);
	CHECK_EQ(errno, EPROTONOSUPPORT);
	/* parents have no data path */
	CHECK_EQ(send(tfm, "x", 1, 0), -1);
	CHECK_EQ(errno, EOPNOTSUPP);
	/* no offsets on sockets: the real fd answers */
	CHECK_EQ(pread(op, &n, 1, 5), -1);
	CHECK_EQ(errno, ESPIPE);
	CHECK_EQ(pwrite(op, &n, 1, 5), -1);
	CHECK_EQ(errno, ESPIPE);
	close(op);
	close(tfm);
}

TEST(fd_identity)
{
	struct stat st;
	int op, fl;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	CHECK_EQ(fstat(tfm, &st), 0);
	CHECK(S_ISSOCK(st.st_mode));
	/* SOCK_CLOEXEC goes to the application's fd, accept without flags has none */
	CHECK_EQ(fcntl(tfm, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	op = accept(tfm, NULL, 0);
	CHECK_EQ(fcntl(op, F_GETFD) & FD_CLOEXEC, 0);
	close(op);
	op = accept4(tfm, NULL, 0, SOCK_NONBLOCK | SOCK_CLOEXEC);
	fl = fcntl(op, F_GETFL);
	CHECK(fl >= 0 && (fl & O_NONBLOCK));
	CHECK_EQ(fcntl(op, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	close(op);
	/* closed means closed */
	CHECK_EQ(close(tfm), 0);
	CHECK_EQ(close(tfm), -1);
	CHECK_EQ(errno, EBADF);
	CHECK_EQ(fcntl(tfm, F_GETFD), -1);
}

/* spec §14: parents and hash op sockets never report readiness */
TEST(poll_hash_never_ready)
{
	struct pollfd p[2];
	struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT}, out;
	fd_set rs, ws;
	struct timeval tv = {0, 20000};
	int op, ep;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept(tfm, NULL, 0);
	CHECK_EQ(send(op, msg_abc, 3, MSG_MORE), 3);
	p[0] = (struct pollfd){.fd = tfm, .events = POLLIN | POLLOUT};
	p[1] = (struct pollfd){.fd = op, .events = POLLIN | POLLOUT};
	CHECK_EQ(poll(p, 2, 20), 0);
	FD_ZERO(&rs);
	FD_ZERO(&ws);
	FD_SET(op, &rs);
	FD_SET(op, &ws);
	CHECK_EQ(select(op + 1, &rs, &ws, NULL, &tv), 0);
	ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, op, &ev), 0);
	CHECK_EQ(epoll_wait(ep, &out, 1, 20), 0);
	close(ep);
	close(op);
	close(tfm);
}

/* BlueZ: writev of many small pieces, then read */
TEST(writev_readv)
{
	struct iovec iov[40];
	unsigned char data[40], got[20], want[32];
	struct iovec riov[2] = {{got, 12}, {got + 12, 8}};
	unsigned int wl;
	int op;
	TFM_OR_SKIP(tfm, "hash", "sha1");

	for (int i = 0; i < 40; i++) {
		data[i] = (unsigned char)(i * 7);
		iov[i] = (struct iovec){&data[i], 1};
	}
	op = accept(tfm, NULL, 0);
	CHECK_EQ(writev(op, iov, 40), 40);
	CHECK_EQ(readv(op, riov, 2), 20);
	ref_digest("SHA1", data, 40, want, &wl);
	CHECK_MEM(got, want, 20);
	close(op);
	close(tfm);
}

TEST(dup_then_close_original)
{
	unsigned char got[32], want[32];
	unsigned int wl;
	int op, d1, d2, d3, p[2];
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept(tfm, NULL, 0);
	close(tfm);
	d1 = dup(op);
	d2 = fcntl(op, F_DUPFD_CLOEXEC, 100);
	CHECK(d1 >= 0 && d2 >= 100);
	d3 = dup2(op, 200);
	CHECK_EQ(d3, 200);
	CHECK_EQ(close(op), 0);
	/* one socket behind all of them: a stream over three fds */
	CHECK_EQ(send(d1, "a", 1, MSG_MORE), 1);
	CHECK_EQ(send(d2, "b", 1, MSG_MORE), 1);
	CHECK_EQ(send(d3, "c", 1, 0), 1);
	close(d1);
	close(d2);
	CHECK_EQ(read(d3, got, 32), 32);
	ref_digest("SHA256", msg_abc, 3, want, &wl);
	CHECK_MEM(got, want, 32);
	/* dup3 of a pipe onto an emulated fd replaces it: reads reach the pipe */
	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(dup3(p[0], d3, O_CLOEXEC), d3);
	CHECK_EQ(write(p[1], "pipe", 4), 4);
	CHECK_EQ(read(d3, got, 32), 4);
	CHECK_MEM(got, "pipe", 4);
	close(p[0]);
	close(p[1]);
	close(d3);
}

TEST(close_range_closes_emulated)
{
	int fds[4], lo, hi, op;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	for (int i = 0; i < 4; i++)
		fds[i] = accept(tfm, NULL, 0);
	lo = hi = fds[0];
	for (int i = 1; i < 4; i++) {
		lo = fds[i] < lo ? fds[i] : lo;
		hi = fds[i] > hi ? fds[i] : hi;
	}
	CHECK(lo > tfm);
	CHECK_EQ(close_range((unsigned int)lo, (unsigned int)hi, 0), 0);
	for (int i = 0; i < 4; i++)
		CHECK_EQ(fcntl(fds[i], F_GETFD), -1);
	/* the parent outside the range still works */
	op = accept(tfm, NULL, 0);
	CHECK(op >= 0);
	CHECK_EQ(send(op, msg_abc, 3, 0), 3);
	close(op);
	/* close everything from the parent up, then the parent is gone */
	CHECK_EQ(close_range((unsigned int)tfm, ~0u, 0), 0);
	CHECK_EQ(accept(tfm, NULL, 0), -1);
	CHECK_EQ(errno, EBADF);
}

/* the kernel's numbering: new sockets take the lowest free numbers */
TEST(fd_numbers_stay_dense)
{
	int a, b;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	a = accept(tfm, NULL, 0);
	b = accept(tfm, NULL, 0);
	CHECK_EQ(a, tfm + 1);
	CHECK_EQ(b, tfm + 2);
	close(a);
	close(b);
	close(tfm);
}

static void __attribute__((constructor)) check_env(void)
{
	require_preload();
}

/*
 * The preload's own fds (the full datagram socket the poll-less sockets are
 * connected to, and the O_PATH descriptor close() puts in the way) survive
 * the application closing or dup2()-ing over every fd number it did not
 * open itself.
 */
TEST(internal_fds_protected)
{
	unsigned char got[32], want[32];
	struct pollfd pf;
	unsigned int wl;
	int p[2], n = 0, op, fds[64], nfds = 0;
	char path[64];
	struct dirent *de;
	DIR *d;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	CHECK_EQ(pipe(p), 0);
	d = opendir("/proc/self/fd");
	CHECK(d != NULL);
	while (d && (de = readdir(d)) && nfds < 64) {
		int fd = atoi(de->d_name);

		char link[64] = "";

		/* the preload's fds are a socket and "/" (valgrind's own fds are neither) */
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		if (readlink(path, link, sizeof(link) - 1) < 0 ||
		    (strncmp(link, "socket:", 7) && strcmp(link, "/")))
			continue;
		if (fd > 2 && fd != tfm && fd != p[0] && fd != p[1])
			fds[nfds++] = fd;
	}
	if (d)
		closedir(d);
	for (int i = 0; i < nfds; i++) {
		if (n++ % 2)
			CHECK_EQ(close(fds[i]), 0);
		else
			CHECK_EQ(dup2(p[0], fds[i]), fds[i]);
	}
	CHECK(n >= 2);
	op = accept(tfm, NULL, 0);
	CHECK(op >= 0);
	CHECK_EQ(send(op, msg_abc, 3, 0), 3);
	CHECK_EQ(read(op, got, 32), 32);
	ref_digest("SHA256", msg_abc, 3, want, &wl);
	CHECK_MEM(got, want, 32);
	pf = (struct pollfd){.fd = tfm, .events = POLLIN | POLLOUT};
	CHECK_EQ(poll(&pf, 1, 10), 0);
	close(op);
	close(tfm);
	close(p[0]);
	close(p[1]);
	/* the pipe dups made above are plain fds; close them */
	close_range(3, ~0u, 0);
}

/* libkcapi: vmsplice into a pipe, splice the pipe into the op socket */
TEST(vmsplice_splice_and_sendfile)
{
	static const char data[] = "spliced data for hashing";
	unsigned char got[32], want[32];
	char path[] = "/tmp/ualg-sendfile-XXXXXX";
	struct iovec iov = {(void *)data, sizeof(data) - 1};
	unsigned int wl;
	off_t off = 3;
	int p[2], op, file;
	TFM_OR_SKIP(tfm, "hash", "sha256");

	op = accept(tfm, NULL, 0);
	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(vmsplice(p[1], &iov, 1, 0), (long)iov.iov_len);
	/* first part with SPLICE_F_MORE keeps the stream open */
	CHECK_EQ(splice(p[0], NULL, op, NULL, 7, SPLICE_F_MORE), 7);
	CHECK_EQ(splice(p[0], NULL, op, NULL, iov.iov_len - 7, 0), (long)iov.iov_len - 7);
	CHECK_EQ(read(op, got, 32), 32);
	ref_digest("SHA256", data, iov.iov_len, want, &wl);
	CHECK_MEM(got, want, 32);
	/*
	 * an offset on the socket side: EINVAL (fs/splice.c do_splice: a
	 * socket's file has no FMODE_PWRITE); on the pipe side it is ESPIPE
	 */
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EQ(splice(p[0], NULL, op, &(loff_t){0}, 1, 0), -1);
	CHECK_EQ(errno, EINVAL);
	CHECK_EQ(splice(p[0], &(loff_t){0}, op, NULL, 1, 0), -1);
	CHECK_EQ(errno, ESPIPE);
	CHECK_EQ(read(p[0], got, 1), 1);

	/* sendfile from a file at an offset (gnulib's af_alg) */
	file = mkstemp(path);
	CHECK(file >= 0);
	unlink(path);
	CHECK_EQ(write(file, data, iov.iov_len), (long)iov.iov_len);
	CHECK_EQ(sendfile(op, file, &off, iov.iov_len - 3), (long)iov.iov_len - 3);
	CHECK_EQ(off, (long)iov.iov_len);
	CHECK_EQ(read(op, got, 32), 32);
	ref_digest("SHA256", data + 3, iov.iov_len - 3, want, &wl);
	CHECK_MEM(got, want, 32);

	/* splice from the op socket into a pipe reads the digest */
	CHECK_EQ(send(op, data, 5, 0), 5);
	CHECK_EQ(splice(op, NULL, p[1], NULL, 32, 0), 32);
	CHECK_EQ(read(p[0], got, sizeof(got)), 32);
	ref_digest("SHA256", data, 5, want, &wl);
	CHECK_MEM(got + 0, want, 32);
	close(file);
	close(p[0]);
	close(p[1]);
	close(op);
	close(tfm);
}
