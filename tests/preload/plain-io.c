/* SPDX-License-Identifier: MIT */
/*
 * A plain program using the calls the preload interposes beyond the socket
 * API: syscall() (with 0 to 6 arguments, AIO on a regular file included),
 * splice, vmsplice + splice, sendfile and sendfile64 on ordinary fds, and
 * their error cases. It prints every result, errno and byte it sees;
 * plain-io.sh runs it with and without the preload and compares the output
 * byte for byte. Nothing here depends on the process (no pids, no fd
 * numbers, no addresses).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *what, long r)
{
	printf("%-28s %ld %s\n", what, r, r < 0 ? strerror(errno) : "");
	errno = 0;
}

static void show_bytes(const char *what, const void *p, size_t n)
{
	const unsigned char *b = p;

	printf("%-28s ", what);
	for (size_t i = 0; i < n; i++)
		printf("%02x", b[i]);
	printf("\n");
}

static int tmpfile_with(const char *data, size_t n)
{
	char path[] = "/tmp/ualg-plain-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		exit(99);
	unlink(path);
	if (write(fd, data, n) != (ssize_t)n)
		exit(99);
	return fd;
}

int main(void)
{
	static char big[200000];
	char buf[256];
	int p[2], fd, out;
	loff_t off, off2;
	off_t o;
	ssize_t r;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7 + (i >> 8));

	/* syscall(): every argument count, results and errno as the kernel gives them */
	show("getpid matches", syscall(SYS_getpid) == getpid());
	show("sched_yield", syscall(SYS_sched_yield));
	show("close(-1)", syscall(SYS_close, -1));
	if (pipe(p))
		return 99;
	show("write 2 args+", syscall(SYS_write, p[1], "abcdef", 6L));
	memset(buf, 0, sizeof(buf));
	show("read", syscall(SYS_read, p[0], buf, sizeof(buf)));
	show_bytes("read bytes", buf, 6);
	fd = tmpfile_with("0123456789", 10);
	memset(buf, 0, sizeof(buf));
	show("pread64 4 args", syscall(SYS_pread64, fd, buf, 4L, 3L));
	show_bytes("pread bytes", buf, 4);
	show("bad syscall number", syscall(100000));
	/* six arguments: splice through syscall() */
	off = 2;
	show("syscall splice 6 args", syscall(SYS_splice, fd, &off, p[1], NULL, 5L, 0L));
	show("off after", (long)off);
	memset(buf, 0, sizeof(buf));
	show("read", read(p[0], buf, sizeof(buf)));
	show_bytes("spliced", buf, 5);

	/* AIO on a regular file through syscall() */
	{
		aio_context_t ctx = 0;
		struct iocb cb = {0}, *cbp = &cb;
		struct io_event ev = {0};

		show("io_setup", syscall(SYS_io_setup, 4, &ctx));
		cb.aio_fildes = (uint32_t)fd;
		cb.aio_lio_opcode = IOCB_CMD_PREAD;
		cb.aio_buf = (uint64_t)(uintptr_t)buf;
		cb.aio_nbytes = 6;
		cb.aio_offset = 1;
		cb.aio_data = 9;
		memset(buf, 0, sizeof(buf));
		show("io_submit", syscall(SYS_io_submit, ctx, 1L, &cbp));
		show("io_getevents", syscall(SYS_io_getevents, ctx, 1L, 1L, &ev, NULL));
		show("event res", (long)ev.res);
		show("event data", (long)ev.data);
		show_bytes("aio bytes", buf, 6);
		cb.aio_lio_opcode = 99;
		show("io_submit bad opcode", syscall(SYS_io_submit, ctx, 1L, &cbp));
		show("io_destroy", syscall(SYS_io_destroy, ctx));
		show("io_submit dead ctx", syscall(SYS_io_submit, ctx, 1L, &cbp));
	}

	/* splice file -> pipe -> file, with offsets, flags and errors */
	out = tmpfile_with("", 0);
	off = 0;
	show("splice file->pipe", splice(fd, &off, p[1], NULL, 8, SPLICE_F_MORE));
	off2 = 3;
	show("splice pipe->file", splice(p[0], NULL, out, &off2, 8, 0));
	show("off2", (long)off2);
	memset(buf, 0, sizeof(buf));
	show("pread out", pread(out, buf, sizeof(buf), 0));
	show_bytes("out bytes", buf, 11);
	show("splice off on pipe", splice(p[0], &off, out, NULL, 1, 0));
	show("splice file->file", splice(fd, NULL, out, NULL, 1, 0));
	show("splice bad fd", splice(-1, NULL, p[1], NULL, 1, 0));
	show("splice nonblock empty", splice(p[0], NULL, out, NULL, 1, SPLICE_F_NONBLOCK));

	/* vmsplice + splice, as libkcapi feeds an op socket */
	{
		struct iovec iov = {.iov_base = big, .iov_len = 4096};

		show("vmsplice", vmsplice(p[1], &iov, 1, SPLICE_F_GIFT));
		off2 = 0;
		show("splice to file", splice(p[0], NULL, out, &off2, 4096, SPLICE_F_MORE));
		memset(buf, 0, sizeof(buf));
		show("pread", pread(out, buf, 64, 4000));
		show_bytes("vmspliced", buf, 64);
	}

	/* sendfile / sendfile64: offsets, count past EOF, errors */
	close(fd);
	fd = tmpfile_with(big, sizeof(big));
	if (ftruncate(out, 0))
		return 99;
	lseek(out, 0, SEEK_SET);
	o = 100;
	show("sendfile", sendfile(out, fd, &o, 150000));
	show("offset", (long)o);
	lseek(fd, 5, SEEK_SET);
	show("sendfile no offset", sendfile(out, fd, NULL, 70000));
	show("file pos", (long)lseek(fd, 0, SEEK_CUR));
	o = 199990;
	show("sendfile64 past EOF", sendfile64(out, fd, (off64_t *)&o, 100));
	show("offset", (long)o);
	show("sendfile bad out", sendfile(-1, fd, NULL, 1));
	show("sendfile file to itself", sendfile(fd, fd, NULL, 1));
	show("out size", (long)lseek(out, 0, SEEK_END));
	{
		unsigned long h = 5381;
		char cbuf[4096];

		lseek(out, 0, SEEK_SET);
		while ((r = read(out, cbuf, sizeof(cbuf))) > 0)
			for (ssize_t i = 0; i < r; i++)
				h = h * 33 + (unsigned char)cbuf[i];
		show("out hash", (long)(h & 0x7fffffff));
	}
	/* sendfile into a pipe, then out of it with splice */
	o = 0;
	show("sendfile to pipe", sendfile(p[1], fd, &o, 1000));
	memset(buf, 0, sizeof(buf));
	show("read pipe", read(p[0], buf, 16));
	show_bytes("pipe bytes", buf, 16);
	return 0;
}
