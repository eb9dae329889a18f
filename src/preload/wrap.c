/* SPDX-License-Identifier: MIT */
/*
 * The interposed libc functions (one per row of syms.def).
 *
 * Each one looks its fd up once (preload.h: lock-free, two loads); an fd
 * that is not an emulated socket goes straight to the real function. An
 * emulated one takes a reference and makes a one-line call into src/sock
 * through the small adapters below, which turn read/recv/write/... into
 * msghdr calls (musl's shape: copy in, bound, call, copy out). Adapters
 * return -errno; ualg_ret() writes errno, in exactly one place.
 */
#undef _FORTIFY_SOURCE
#undef _FILE_OFFSET_BITS

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "core/cleanup.h"
#include "core/errno.h"
#include "core/uaccess.h"
#include "preload/audit.h"
#include "preload/preload.h"
#include "sock/netlink.h"
#include "sock/sock.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif

/* the emulated NETLINK_CRYPTO socket behind f, or NULL for an AF_ALG one */
#define NL(f) ualg_pfd_nl(f)

#define PRELOAD_EXPORT __attribute__((visibility("default")))

/* prototypes the headers give only under _FORTIFY_SOURCE */
extern void __chk_fail(void) __attribute__((noreturn));
PRELOAD_EXPORT ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen);
PRELOAD_EXPORT ssize_t __recv_chk(int fd, void *buf, size_t n, size_t buflen, int flags);
PRELOAD_EXPORT ssize_t __recvfrom_chk(int fd, void *buf, size_t n, size_t buflen, int flags,
				      struct sockaddr *addr, socklen_t *addrlen);
PRELOAD_EXPORT int fcntl64(int fd, int cmd, ...);

/* each wrapper has the row's signature (checked against syms.def here) */
#define UALG_SYM(ret, name, params, stage0) PRELOAD_EXPORT ret name params;
#include "syms.def"
#undef UALG_SYM

/* the real function, or ENOSYS while the preload initialises itself */
#define REAL(name, ...) (ualg_real_##name ? ualg_real_##name(__VA_ARGS__) : ualg_ret(-ENOSYS))

/* declare f for fd; an fd that is not an emulated socket makes the real call */
/* clang-format off */
#define EMULATED_OR_REAL(fd, name, ...)                                          \
	_cleanup_(ualg_pfd_putp) struct ualg_pfd *f = ualg_fd_get(fd);           \
	if (!f)                                                                  \
		return REAL(name, __VA_ARGS__)
/* clang-format on */

/* ---- adapters: -errno returns ---- */

static int add_dontwait(const struct ualg_pfd *f, int flags)
{
	return flags & MSG_DONTWAIT ? flags : flags | ualg_pfd_dontwait(f);
}

static int pf_socket(int type, int protocol)
{
	struct ualg_sock *sk;
	int r = ualg_sock_new(type, protocol, &sk);

	if (r < 0)
		return r;
	return ualg_fd_open(sk, type & (SOCK_NONBLOCK | SOCK_CLOEXEC));
}

/*
 * socket(AF_NETLINK, ..., NETLINK_CRYPTO) is always emulated, never asked of
 * the kernel: a kernel crypto_user could only describe the kernel's own
 * algorithms, not the ones the emulated AF_ALG sockets of this process use
 * (sock/netlink.h).
 */
static int pf_socket_nl(int type, int protocol)
{
	struct ualg_nlsock *nl;
	int r = ualg_nl_new(type, protocol, &nl);

	if (r < 0)
		return r;
	return ualg_fd_open_nl(nl, type & (SOCK_NONBLOCK | SOCK_CLOEXEC));
}

/* the type checks of socket(), then sock_no_socketpair (spec §16) */
static int pf_socketpair(int type, int protocol)
{
	struct ualg_sock *sk;
	int r = ualg_sock_new(type, protocol, &sk);

	if (r < 0)
		return r;
	ualg_sock_unref(sk);
	return -EOPNOTSUPP;
}

/* spec §6.1: a non-NULL address makes the new socket fail ECONNABORTED */
static int pf_accept(struct ualg_pfd *f, struct sockaddr *addr, int flags)
{
	struct ualg_sock *nsk;
	int r;

	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	if (NL(f))
		return -EOPNOTSUPP; /* netlink: sock_no_accept */
	r = ualg_sock_accept(ualg_pfd_sock(f), &nsk);
	if (r < 0)
		return r;
	if (addr) {
		ualg_sock_unref(nsk);
		return -ECONNABORTED;
	}
	return ualg_fd_open(nsk, flags);
}

/* the engine reads msg (the caller's) as ___sys_sendmsg does; AF_ALG ignores msg_name */
static ssize_t pf_sendmsg(struct ualg_pfd *f, const struct msghdr *msg, int flags)
{
	if (NL(f))
		return ualg_nl_sendmsg(NL(f), msg, add_dontwait(f, flags));
	return ualg_pfd_sendmsg(f, msg, add_dontwait(f, flags), true);
}

static ssize_t pf_send(struct ualg_pfd *f, const void *buf, size_t n, int flags)
{
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = n};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};

	if (NL(f))
		return ualg_nl_sendmsg(NL(f), &m, add_dontwait(f, flags));
	return ualg_pfd_sendmsg(f, &m, add_dontwait(f, flags), false);
}

/* sendto: netlink honours the destination address, AF_ALG ignores it */
static ssize_t pf_sendto(struct ualg_pfd *f, const void *buf, size_t n, int flags,
			 const struct sockaddr *addr, socklen_t len)
{
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = n};
	struct msghdr m = {.msg_name = (void *)addr,
			   .msg_namelen = addr ? len : 0,
			   .msg_iov = &iov,
			   .msg_iovlen = 1};

	if (NL(f))
		return ualg_nl_sendmsg(NL(f), &m, add_dontwait(f, flags));
	return pf_send(f, buf, n, flags);
}

/*
 * The engine reads msg and writes its msg_namelen, msg_flags and
 * msg_controllen back as ____sys_recvmsg does; AF_ALG returns no address
 * and no control messages (spec §8.3).
 */
static ssize_t pf_recvmsg(struct ualg_pfd *f, struct msghdr *msg, int flags)
{
	if (NL(f))
		return ualg_nl_recvmsg(NL(f), msg, add_dontwait(f, flags));
	return ualg_pfd_recvmsg(f, msg, add_dontwait(f, flags), true);
}

static ssize_t pf_recv(struct ualg_pfd *f, void *buf, size_t n, int flags)
{
	struct iovec iov = {.iov_base = buf, .iov_len = n};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};

	if (NL(f))
		return ualg_nl_recvmsg(NL(f), &m, add_dontwait(f, flags));
	return ualg_pfd_recvmsg(f, &m, add_dontwait(f, flags), false);
}

/*
 * move_addr_to_user: the address (klen bytes of ss) to addr, at most *addrlen
 * of them, then *addrlen = klen; -EFAULT, or -EINVAL for a negative length
 */
static int put_addr(const struct sockaddr_storage *ss, socklen_t klen, struct sockaddr *addr,
		    socklen_t *addrlen)
{
	int len;

	if (ualg_copy_from_user(&len, addrlen, sizeof(len)) < 0)
		return -EFAULT;
	if (len > (int)klen)
		len = (int)klen;
	if (len < 0)
		return -EINVAL;
	if (ualg_copy_to_user(addr, ss, (size_t)len) < 0)
		return -EFAULT;
	return ualg_copy_to_user(addrlen, &klen, sizeof(klen));
}

/* __sys_recvfrom: the source address is written after the data is taken */
static ssize_t pf_recvfrom(struct ualg_pfd *f, void *buf, size_t n, int flags,
			   struct sockaddr *addr, socklen_t *addrlen)
{
	struct sockaddr_storage ss;
	struct iovec iov = {.iov_base = buf, .iov_len = n};
	struct msghdr m = {.msg_name = addr ? &ss : NULL,
			   .msg_namelen = addr ? sizeof(ss) : 0,
			   .msg_iov = &iov,
			   .msg_iovlen = 1};
	ssize_t r;
	int e;

	if (NL(f)) {
		r = ualg_nl_recvmsg(NL(f), &m, add_dontwait(f, flags));
	} else {
		r = ualg_pfd_recvmsg(f, &m, add_dontwait(f, flags), false);
		m.msg_namelen = 0; /* AF_ALG has no address */
	}
	if (r < 0 || !addr)
		return r;
	e = put_addr(&ss, m.msg_namelen, addr, addrlen);
	return e < 0 ? e : r;
}

/* read(fd, buf, 0) returns 0 before reaching the socket (spec §8.3, §10.2) */
static ssize_t pf_read(struct ualg_pfd *f, void *buf, size_t n)
{
	return n ? pf_recv(f, buf, n, 0) : 0;
}

/* readv/writev: import_iovec (EINVAL, EFAULT), and a zero total never reaches the socket */
static ssize_t pf_rwv(struct ualg_pfd *f, const struct iovec *uiov, int cnt, bool out)
{
	struct iovec fast[8];
	_cleanup_free_ struct iovec *heap = NULL;
	struct iovec *iov = fast;
	size_t total = 0;

	if (cnt < 0 || cnt > IOV_MAX)
		return -EINVAL;
	if ((size_t)cnt > ARRAY_SIZE(fast)) {
		iov = heap = malloc((size_t)cnt * sizeof(*iov));
		if (!heap)
			return -ENOMEM;
	}
	if (ualg_copy_from_user(iov, uiov, (size_t)cnt * sizeof(*iov)) < 0)
		return -EFAULT;
	for (int i = 0; i < cnt; i++) {
		if (iov[i].iov_len > SSIZE_MAX - total)
			return -EINVAL;
		total += iov[i].iov_len;
	}
	if (!total)
		return 0;
	return ualg_pfd_rw(f, iov, cnt, out, 0);
}

/* see preload.h */
ssize_t ualg_pfd_rw(struct ualg_pfd *f, const struct iovec *iov, int cnt, bool out, int flags)
{
	struct msghdr m = {.msg_iov = (struct iovec *)iov, .msg_iovlen = (size_t)cnt};

	flags = add_dontwait(f, flags);
	if (NL(f))
		return out ? ualg_nl_sendmsg(NL(f), &m, flags) : ualg_nl_recvmsg(NL(f), &m, flags);
	return out ? ualg_pfd_sendmsg(f, &m, flags, false) : ualg_pfd_recvmsg(f, &m, flags, false);
}

/*
 * sendmmsg/recvmmsg: the count done, else the first error (net/socket.c);
 * each entry's msg_len is written right after its call, and a fault there
 * ends the loop too.
 */
static int pf_mmsg(struct ualg_pfd *f, struct mmsghdr *vec, unsigned int vlen, int flags, bool out)
{
	unsigned int i;
	ssize_t r = 0;

	if (vlen > IOV_MAX)
		vlen = IOV_MAX;
	for (i = 0; i < vlen; i++) {
		unsigned int len;

		r = out ? pf_sendmsg(f, &vec[i].msg_hdr, flags)
			: pf_recvmsg(f, &vec[i].msg_hdr, flags);
		if (r < 0)
			break;
		len = (unsigned int)r;
		r = ualg_copy_to_user(&vec[i].msg_len, &len, sizeof(len));
		if (r < 0)
			break;
		if (!out && (flags & MSG_WAITFORONE))
			flags |= MSG_DONTWAIT;
	}
	return i ? (int)i : (int)r;
}

/*
 * splice/sendfile (spec §12): since 7.2 AF_ALG copies spliced data anyway,
 * so copying through a bounce buffer gives the same results. Each chunk is
 * one sendmsg with MSG_MORE while more data follows in the call (or with
 * SPLICE_F_MORE), as net/socket.c's splice_to_socket and
 * splice_direct_to_actor set it. Data read from the source before a failed
 * send is lost (the kernel would leave it in the pipe).
 */
#define SPLICE_CHUNK 65536

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

static int pipe_avail(int fd)
{
	int n = 0;

	return ualg_real_ioctl(fd, FIONREAD, &n) < 0 ? 0 : n;
}

/* pipe -> emulated socket */
static ssize_t pf_splice_to(struct ualg_pfd *f, int in, const loff_t *off_in, const loff_t *off_out,
			    size_t len, unsigned int flags)
{
	_cleanup_free_ unsigned char *buf = NULL;
	size_t total = 0, want;
	struct stat st;
	ssize_t n, r;
	int avail;

	if (fstat(in, &st) < 0)
		return -errno;
	if (!S_ISFIFO(st.st_mode))
		return -EINVAL;
	/* do_splice: a pipe has no offset; a socket has no FMODE_PWRITE */
	if (off_in)
		return -ESPIPE;
	if (off_out)
		return -EINVAL;
	if (!len)
		return 0;
	buf = malloc(min_size(len, SPLICE_CHUNK));
	if (!buf)
		return -ENOMEM;
	while (total < len) {
		avail = pipe_avail(in);
		if (!avail && (total || (flags & SPLICE_F_NONBLOCK)))
			break;
		want = min_size(len - total, SPLICE_CHUNK);
		if (avail && (size_t)avail < want)
			want = (size_t)avail;
		n = ualg_real_read(in, buf, want);
		if (n <= 0) {
			if (n < 0 && !total)
				return -errno;
			break;
		}
		r = pf_send(f, buf, (size_t)n,
			    (flags & SPLICE_F_MORE) ||
					    (total + (size_t)n < len && pipe_avail(in) > 0)
				    ? MSG_MORE
				    : 0);
		if (r < 0)
			return total ? (ssize_t)total : r;
		total += (size_t)r;
		if (r < n)
			break;
	}
	if (!total && (flags & SPLICE_F_NONBLOCK))
		return -EAGAIN;
	return (ssize_t)total;
}

/* emulated socket -> pipe: one recv, as copy_splice_read does */
static ssize_t pf_splice_from(struct ualg_pfd *f, const loff_t *off_in, int out,
			      const loff_t *off_out, size_t len, unsigned int flags)
{
	_cleanup_free_ unsigned char *buf = NULL;
	struct stat st;
	size_t done = 0;
	ssize_t n, w;

	if (fstat(out, &st) < 0)
		return -errno;
	if (!S_ISFIFO(st.st_mode))
		return -EINVAL;
	/* do_splice: a pipe has no offset; a socket has no FMODE_PREAD */
	if (off_out)
		return -ESPIPE;
	if (off_in)
		return -EINVAL;
	if (!len)
		return 0;
	buf = malloc(min_size(len, SPLICE_CHUNK));
	if (!buf)
		return -ENOMEM;
	n = pf_recv(f, buf, min_size(len, SPLICE_CHUNK),
		    flags & SPLICE_F_NONBLOCK ? MSG_DONTWAIT : 0);
	while (n > 0 && done < (size_t)n) {
		w = ualg_real_write(out, buf + done, (size_t)n - done);
		if (w < 0)
			return done ? (ssize_t)done : -errno;
		done += (size_t)w;
	}
	return n;
}

static ssize_t sendfile_copy(struct ualg_pfd *f, int in, off_t *off, size_t count,
			     unsigned char **bufp);

/* file -> emulated socket; *uoff (read and written back as the kernel does) advanced */
static ssize_t pf_sendfile(struct ualg_pfd *f, int in, off_t *uoff, size_t count)
{
	_cleanup_free_ unsigned char *buf = NULL;
	off_t pos, *off = NULL;
	ssize_t r;

	if (uoff) {
		if (ualg_copy_from_user(&pos, uoff, sizeof(pos)) < 0)
			return -EFAULT;
		off = &pos;
	}
	r = sendfile_copy(f, in, off, count, &buf);
	if (r >= 0 && uoff && ualg_copy_to_user(uoff, &pos, sizeof(pos)) < 0)
		return -EFAULT;
	return r;
}

static ssize_t sendfile_copy(struct ualg_pfd *f, int in, off_t *off, size_t count,
			     unsigned char **bufp)
{
	unsigned char *buf;
	size_t total = 0, want;
	ssize_t n, r;

	if (!count)
		return 0;
	buf = *bufp = malloc(min_size(count, SPLICE_CHUNK));
	if (!buf)
		return -ENOMEM;
	while (total < count) {
		want = min_size(count - total, SPLICE_CHUNK);
		n = off ? pread(in, buf, want, *off) : ualg_real_read(in, buf, want);
		if (n <= 0) {
			if (n < 0 && !total)
				return -errno;
			break;
		}
		r = pf_send(f, buf, (size_t)n, total + (size_t)n < count ? MSG_MORE : 0);
		if (r < 0)
			return total ? (ssize_t)total : r;
		total += (size_t)r;
		if (off)
			*off += r;
		if (r < n)
			break;
	}
	return (ssize_t)total;
}

/* ioctls the vfs or net core answer for every socket; the rest is sock_no_ioctl */
static const unsigned long vfs_ioctls[] = {
	FIONBIO, FIOASYNC, FIOCLEX, FIONCLEX, FIOSETOWN, SIOCSPGRP, FIOGETOWN, SIOCGPGRP,
};

static bool vfs_ioctl(unsigned long req)
{
	for (size_t i = 0; i < ARRAY_SIZE(vfs_ioctls); i++)
		if (vfs_ioctls[i] == req)
			return true;
	return false;
}

/* fd is an application fd of an emulated socket */
static bool is_emulated(int fd)
{
	uintptr_t v = ualg_preload_ensure() ? ualg_fd_peek(fd) : 0;

	return v && !(v & UALG_FD_INTERNAL);
}

/* ---- the interposed functions ---- */

int socket(int domain, int type, int protocol)
{
	int r;

	if (domain == AF_NETLINK && protocol == UALG_NETLINK_CRYPTO && ualg_preload_ensure())
		return ualg_ret(pf_socket_nl(type, protocol));
	if (domain != AF_ALG || !ualg_preload_ensure())
		return REAL(socket, domain, type, protocol);
	r = pf_socket(type, protocol);
	ualg_audit_socket(r);
	return ualg_ret(r);
}

int socketpair(int domain, int type, int protocol, int sv[2])
{
	if (domain != AF_ALG || !ualg_preload_ensure())
		return REAL(socketpair, domain, type, protocol, sv);
	return ualg_ret(pf_socketpair(type, protocol));
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	int r;

	EMULATED_OR_REAL(fd, bind, fd, addr, len);
	if (NL(f))
		return ualg_ret(ualg_nl_bind(NL(f), addr, len));
	r = ualg_sock_bind(ualg_pfd_sock(f), addr, len);
	ualg_audit_bind(f, addr, len, r);
	return ualg_ret(r);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	EMULATED_OR_REAL(fd, connect, fd, addr, len);
	if (NL(f))
		return ualg_ret(ualg_nl_connect(NL(f), addr, len));
	return ualg_ret(-EOPNOTSUPP);
}

int listen(int fd, int backlog)
{
	EMULATED_OR_REAL(fd, listen, fd, backlog);
	return ualg_ret(-EOPNOTSUPP);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	EMULATED_OR_REAL(fd, setsockopt, fd, level, name, val, len);
	if (NL(f))
		return ualg_ret(ualg_nl_setsockopt(NL(f), level, name, val, len));
	return ualg_ret(ualg_sock_setsockopt(ualg_pfd_sock(f), level, name, val, len));
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	EMULATED_OR_REAL(fd, getsockopt, fd, level, name, val, len);
	if (NL(f))
		return ualg_ret(ualg_nl_getsockopt(NL(f), level, name, val, len));
	return ualg_ret(ualg_sock_getsockopt(ualg_pfd_sock(f), level, name, val, len));
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	EMULATED_OR_REAL(fd, getsockname, fd, addr, len);
	if (NL(f))
		return ualg_ret(ualg_nl_getsockname(NL(f), addr, len));
	return ualg_ret(-EOPNOTSUPP);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	EMULATED_OR_REAL(fd, getpeername, fd, addr, len);
	if (NL(f))
		return ualg_ret(ualg_nl_getpeername(NL(f), addr, len));
	return ualg_ret(-EOPNOTSUPP);
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	int r;

	EMULATED_OR_REAL(fd, accept, fd, addr, len);
	r = pf_accept(f, addr, 0);
	ualg_audit_accept(f, r);
	return ualg_ret(r);
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	int r;

	EMULATED_OR_REAL(fd, accept4, fd, addr, len, flags);
	r = pf_accept(f, addr, flags);
	ualg_audit_accept(f, r);
	return ualg_ret(r);
}

int shutdown(int fd, int how)
{
	EMULATED_OR_REAL(fd, shutdown, fd, how);
	return ualg_ret(-EOPNOTSUPP);
}

ssize_t send(int fd, const void *buf, size_t n, int flags)
{
	EMULATED_OR_REAL(fd, send, fd, buf, n, flags);
	return ualg_ret(pf_send(f, buf, n, flags));
}

ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *addr,
	       socklen_t len)
{
	EMULATED_OR_REAL(fd, sendto, fd, buf, n, flags, addr, len);
	return ualg_ret(pf_sendto(f, buf, n, flags, addr, len));
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	EMULATED_OR_REAL(fd, sendmsg, fd, msg, flags);
	return ualg_ret(pf_sendmsg(f, msg, flags));
}

int sendmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags)
{
	EMULATED_OR_REAL(fd, sendmmsg, fd, vec, vlen, flags);
	return ualg_ret(pf_mmsg(f, vec, vlen, flags, true));
}

ssize_t write(int fd, const void *buf, size_t n)
{
	EMULATED_OR_REAL(fd, write, fd, buf, n);
	return ualg_ret(pf_send(f, buf, n, 0));
}

ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	EMULATED_OR_REAL(fd, writev, fd, iov, cnt);
	return ualg_ret(pf_rwv(f, iov, cnt, true));
}

ssize_t recv(int fd, void *buf, size_t n, int flags)
{
	EMULATED_OR_REAL(fd, recv, fd, buf, n, flags);
	return ualg_ret(pf_recv(f, buf, n, flags));
}

ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *addr, socklen_t *len)
{
	EMULATED_OR_REAL(fd, recvfrom, fd, buf, n, flags, addr, len);
	return ualg_ret(pf_recvfrom(f, buf, n, flags, addr, len));
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	EMULATED_OR_REAL(fd, recvmsg, fd, msg, flags);
	return ualg_ret(pf_recvmsg(f, msg, flags));
}

int recvmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags, struct timespec *tmo)
{
	struct timespec t;

	EMULATED_OR_REAL(fd, recvmmsg, fd, vec, vlen, flags, tmo);
	/* the timeout is read (and otherwise not honoured: spec §16) */
	if (tmo && ualg_copy_from_user(&t, tmo, sizeof(t)) < 0)
		return ualg_ret(-EFAULT);
	return ualg_ret(pf_mmsg(f, vec, vlen, flags, false));
}

ssize_t read(int fd, void *buf, size_t n)
{
	EMULATED_OR_REAL(fd, read, fd, buf, n);
	return ualg_ret(pf_read(f, buf, n));
}

ssize_t readv(int fd, const struct iovec *iov, int cnt)
{
	EMULATED_OR_REAL(fd, readv, fd, iov, cnt);
	return ualg_ret(pf_rwv(f, iov, cnt, false));
}

/* glibc's fortified versions call __read/__recv, which cannot be interposed */
ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen)
{
	EMULATED_OR_REAL(fd, __read_chk, fd, buf, n, buflen);
	if (n > buflen)
		__chk_fail();
	return ualg_ret(pf_read(f, buf, n));
}

ssize_t __recv_chk(int fd, void *buf, size_t n, size_t buflen, int flags)
{
	EMULATED_OR_REAL(fd, __recv_chk, fd, buf, n, buflen, flags);
	if (n > buflen)
		__chk_fail();
	return ualg_ret(pf_recv(f, buf, n, flags));
}

ssize_t __recvfrom_chk(int fd, void *buf, size_t n, size_t buflen, int flags, struct sockaddr *addr,
		       socklen_t *len)
{
	EMULATED_OR_REAL(fd, __recvfrom_chk, fd, buf, n, buflen, flags, addr, len);
	if (n > buflen)
		__chk_fail();
	return ualg_ret(pf_recvfrom(f, buf, n, flags, addr, len));
}

ssize_t splice(int in, loff_t *off_in, int out, loff_t *off_out, size_t len, unsigned int flags)
{
	_cleanup_(ualg_pfd_putp) struct ualg_pfd *fo = ualg_fd_get(out);
	_cleanup_(ualg_pfd_putp) struct ualg_pfd *fi = fo ? NULL : ualg_fd_get(in);

	if (fo)
		return ualg_ret(pf_splice_to(fo, in, off_in, off_out, len, flags));
	if (fi)
		return ualg_ret(pf_splice_from(fi, off_in, out, off_out, len, flags));
	return REAL(splice, in, off_in, out, off_out, len, flags);
}

/* sendfile from an emulated socket is not served (EINVAL, see report) */
ssize_t sendfile(int out, int in, off_t *off, size_t count)
{
	if (is_emulated(in))
		return ualg_ret(-EINVAL);
	EMULATED_OR_REAL(out, sendfile, out, in, off, count);
	return ualg_ret(pf_sendfile(f, in, off, count));
}

_Static_assert(sizeof(off_t) == sizeof(off64_t), "sendfile64 needs a 64-bit off_t");

ssize_t sendfile64(int out, int in, off64_t *off, size_t count)
{
	if (is_emulated(in))
		return ualg_ret(-EINVAL);
	EMULATED_OR_REAL(out, sendfile64, out, in, off, count);
	return ualg_ret(pf_sendfile(f, in, (off_t *)off, count));
}

int close(int fd)
{
	if (!ualg_preload_ensure() || !ualg_fd_peek(fd))
		return REAL(close, fd);
	return ualg_ret(ualg_fd_close(fd));
}

int close_range(unsigned int first, unsigned int last, int flags)
{
	if (!ualg_preload_ensure())
		return REAL(close_range, first, last, flags);
	return ualg_ret(ualg_fd_close_range(first, last, flags));
}

int dup(int fd)
{
	EMULATED_OR_REAL(fd, dup, fd);
	return ualg_ret(ualg_fd_dupfd(f, fd, F_DUPFD, 0));
}

int dup2(int oldfd, int newfd)
{
	if (!ualg_preload_ensure() || (!ualg_fd_peek(oldfd) && !ualg_fd_peek(newfd)))
		return REAL(dup2, oldfd, newfd);
	return ualg_ret(ualg_fd_dup3(oldfd, newfd, 0, true));
}

int dup3(int oldfd, int newfd, int flags)
{
	if (!ualg_preload_ensure() || (!ualg_fd_peek(oldfd) && !ualg_fd_peek(newfd)))
		return REAL(dup3, oldfd, newfd, flags);
	return ualg_ret(ualg_fd_dup3(oldfd, newfd, flags, false));
}

/*
 * fcntl is variadic: the argument (int or pointer, or none) is forwarded as
 * the one machine word glibc's own fcntl reads. Only F_DUPFD and
 * F_DUPFD_CLOEXEC of an emulated fd need the table; the rest (F_GETFL,
 * F_SETFL O_NONBLOCK, F_GETFD/F_SETFD, ...) act on the real fd.
 */
static int do_fcntl(int (*real)(int, int, ...), int fd, int cmd, void *arg)
{
	_cleanup_(ualg_pfd_putp) struct ualg_pfd *f = NULL;

	int r;

	if (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_SETFL)
		f = ualg_fd_get(fd);
	if (!f || cmd == F_SETFL) {
		r = real ? real(fd, cmd, arg) : (int)ualg_ret(-ENOSYS);
		if (f && r >= 0)
			ualg_pfd_sync_flags(f, fd);
		return r;
	}
	return ualg_ret(ualg_fd_dupfd(f, fd, cmd, (int)(long)arg));
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	(void)ualg_preload_ensure();
	return do_fcntl(ualg_real_fcntl, fd, cmd, arg);
}

int fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, cmd);
	arg = va_arg(ap, void *);
	va_end(ap);
	(void)ualg_preload_ensure();
	return do_fcntl(ualg_real_fcntl64, fd, cmd, arg);
}

int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	uintptr_t v;
	void *arg;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	v = ualg_preload_ensure() ? ualg_fd_peek(fd) : 0;
	if (!v || (v & UALG_FD_INTERNAL))
		return REAL(ioctl, fd, req, arg);
	if (vfs_ioctl(req)) {
		_cleanup_(ualg_pfd_putp) struct ualg_pfd *f = req == FIONBIO ? ualg_fd_get(fd) : NULL;
		int r = REAL(ioctl, fd, req, arg);

		if (f && r >= 0)
			ualg_pfd_sync_flags(f, fd);
		return r;
	}
	/* netlink_ioctl knows no command: sock_do_ioctl's ENOTTY */
	return ualg_ret(ualg_pfd_nl((struct ualg_pfd *)v) ? -ENOTTY : -EOPNOTSUPP);
}

/*
 * sigaction() and the signal() family for SIGSEGV and SIGBUS: once the
 * engine's fault guard is installed, the program's handler is kept behind
 * ours and the program sees only its own (core/uaccess.h). signal() is
 * glibc's BSD flavour (SA_RESTART, the signal blocked in its handler),
 * sysv_signal() one-shot without blocking. sigset() is not interposed.
 */
static bool guarded_sig(int sig)
{
	return (sig == SIGSEGV || sig == SIGBUS) && ualg_preload_ensure();
}

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	if (!guarded_sig(sig))
		return REAL(sigaction, sig, act, old);
	return (int)ualg_ret(ualg_preload_sigaction(sig, act, old));
}

int __sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	if (!guarded_sig(sig))
		return REAL(__sigaction, sig, act, old);
	return (int)ualg_ret(ualg_preload_sigaction(sig, act, old));
}

static sighandler_t pf_signal(int sig, sighandler_t h, int flags)
{
	struct sigaction act, old;
	int r;

	if (h == SIG_ERR) {
		errno = EINVAL;
		return SIG_ERR;
	}
	memset(&act, 0, sizeof(act));
	act.sa_handler = h;
	sigemptyset(&act.sa_mask);
	if (!(flags & SA_NODEFER))
		sigaddset(&act.sa_mask, sig);
	act.sa_flags = flags;
	r = (int)ualg_ret(ualg_preload_sigaction(sig, &act, &old));
	return r < 0 ? SIG_ERR : old.sa_handler;
}

/* signal() and its aliases: one row each, with the flags glibc gives them */
#define SIGNAL_WRAPPER(name, flags)                                                                \
	sighandler_t name(int sig, sighandler_t h)                                                 \
	{                                                                                          \
		if (!guarded_sig(sig))                                                             \
			return ualg_real_##name ? ualg_real_##name(sig, h) : SIG_ERR;              \
		return pf_signal(sig, h, flags);                                                   \
	}
SIGNAL_WRAPPER(signal, SA_RESTART)
SIGNAL_WRAPPER(bsd_signal, SA_RESTART)
SIGNAL_WRAPPER(ssignal, SA_RESTART)
SIGNAL_WRAPPER(sysv_signal, SA_RESETHAND | SA_NODEFER)
SIGNAL_WRAPPER(__sysv_signal, SA_RESETHAND | SA_NODEFER)
#undef SIGNAL_WRAPPER

/*
 * syscall() is variadic and says nothing about how many arguments follow;
 * like glibc's own implementation, the wrapper reads six machine words and
 * forwards them all. That is safe on the LP64 ABIs: on x86-64 the first
 * five come from registers saved by va_start and the sixth from the
 * caller's outgoing-argument area of the stack, which is mapped even when
 * the caller passed less (glibc's syscall() loads the same slot); on
 * aarch64 all six come from the x1-x6 register save area. A value passed
 * as int arrives in a 64-bit register whose upper half the kernel ignores
 * for int parameters, and is forwarded unchanged, so the kernel sees
 * exactly what it would have without the preload. Only the AIO calls are
 * looked at (aio.c); every other number passes through.
 */
long syscall(long sysno, ...)
{
	va_list ap;
	long a[6], r;
	bool handled = false;

	va_start(ap, sysno);
	for (int i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	if (ualg_preload_ensure()) {
		r = ualg_aio_syscall(sysno, a, &handled);
		if (handled)
			return r;
	}
	return ualg_real_syscall ? ualg_real_syscall(sysno, a[0], a[1], a[2], a[3], a[4], a[5])
				 : ualg_ret(-ENOSYS);
}
