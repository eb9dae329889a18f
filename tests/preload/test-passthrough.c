/* SPDX-License-Identifier: MIT */
/*
 * A plain program that never touches AF_ALG behaves the same with the
 * preload loaded: pipes, files, unix and inet sockets, dup, fcntl (variadic
 * arguments of every kind), ioctl, poll, close_range, fortified reads.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "test.h"

TEST(preload_is_loaded)
{
	char line[512];
	bool found = false;
	FILE *f = fopen("/proc/self/maps", "r");

	CHECK(f != NULL);
	while (f && fgets(line, sizeof(line), f))
		found |= strstr(line, "libualg-preload.so") != NULL;
	if (f)
		fclose(f);
	CHECK(found);
}

TEST(pipe_read_write)
{
	int p[2], n;
	char buf[8];

	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(write(p[1], "hello", 5), 5);
	CHECK_EQ(ioctl(p[0], FIONREAD, &n), 0);
	CHECK_EQ(n, 5);
	CHECK_EQ(read(p[0], buf, 0), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 5);
	CHECK_MEM(buf, "hello", 5);
	CHECK_EQ(close(p[1]), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	CHECK_EQ(close(p[0]), 0);
	CHECK_EQ(close(p[0]), -1);
	CHECK_EQ(errno, EBADF);
}

TEST(unix_socketpair_all_calls)
{
	int sv[2], d, v = 0;
	char buf[16];
	socklen_t l = sizeof(v);
	struct iovec iov = {buf, sizeof(buf)};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	struct pollfd p;

	CHECK_EQ(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
	CHECK_EQ(getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &l), 0);
	CHECK_EQ(v, SOCK_SEQPACKET);
	CHECK_EQ(send(sv[0], "one", 3, 0), 3);
	CHECK_EQ(recv(sv[1], buf, sizeof(buf), 0), 3);
	CHECK_EQ(sendto(sv[0], "two", 3, 0, NULL, 0), 3);
	CHECK_EQ(recvfrom(sv[1], buf, sizeof(buf), 0, NULL, NULL), 3);
	CHECK_EQ(write(sv[0], "three", 5), 5);
	CHECK_EQ(recvmsg(sv[1], &m, 0), 5);
	CHECK_MEM(buf, "three", 5);
	p = (struct pollfd){.fd = sv[1], .events = POLLIN};
	CHECK_EQ(poll(&p, 1, 0), 0);
	CHECK_EQ(shutdown(sv[0], SHUT_WR), 0);
	CHECK_EQ(poll(&p, 1, 0), 1);
	d = dup(sv[1]);
	CHECK(d > sv[1]);
	CHECK_EQ(close(sv[1]), 0);
	CHECK_EQ(read(d, buf, sizeof(buf)), 0);
	close(d);
	close(sv[0]);
	/* a socketpair of another family is the kernel's answer */
	CHECK_EQ(socketpair(AF_INET, SOCK_STREAM, 0, sv), -1);
	CHECK_EQ(errno, EOPNOTSUPP);
}

TEST(inet_socket)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	char buf[4];

	CHECK(fd >= 0);
	CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
	CHECK_EQ(recv(fd, buf, sizeof(buf), 0), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(listen(fd, 1), -1);
	CHECK_EQ(errno, EOPNOTSUPP);
	close(fd);
}

TEST(fcntl_variadic)
{
	char path[] = "/tmp/ualg-preload-XXXXXX";
	int fd = mkstemp(path), d;
	struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_len = 1};
	struct stat st;

	CHECK(fd >= 0);
	unlink(path);
	CHECK_EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(fcntl(fd, F_SETLK, &fl), 0);
	fl.l_type = F_UNLCK;
	CHECK_EQ(fcntl(fd, F_SETLK, &fl), 0);
	d = fcntl(fd, F_DUPFD, 300);
	CHECK(d >= 300);
	CHECK_EQ(fcntl(d, F_GETFD), 0);
	CHECK_EQ(write(d, "data", 4), 4);
	CHECK_EQ(pread(fd, path, 4, 0), 4);
	CHECK_MEM(path, "data", 4);
	CHECK_EQ(fstat(d, &st), 0);
	CHECK_EQ(st.st_size, 4);
	CHECK_EQ(dup2(fd, d), d);
	CHECK_EQ(dup3(fd, d, O_CLOEXEC), d);
	CHECK_EQ(fcntl(d, F_GETFD), FD_CLOEXEC);
	CHECK_EQ(close_range((unsigned int)d, (unsigned int)d, 0), 0);
	CHECK_EQ(fcntl(d, F_GETFD), -1);
	CHECK_EQ(close(fd), 0);
}

TEST(errno_preserved_on_success)
{
	int p[2];

	CHECK_EQ(pipe(p), 0);
	errno = 1234;
	CHECK_EQ(close(p[0]), 0);
	CHECK_EQ(close(p[1]), 0);
	CHECK_EQ(errno, 1234);
}
