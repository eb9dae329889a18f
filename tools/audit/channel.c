/* SPDX-License-Identifier: MIT */
/*
 * The listening end of the preload's audit channel (include/ualg/audit.h):
 * a unix datagram socket UALG_AUDIT_DIR/<pid>.sock, with SO_PASSCRED so the
 * kernel names each sender. Several audits may listen at once: each has its
 * own socket, and the preload sends to every one.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "channel.h"
#include "maps.h"
#include "ualg/audit.h"

struct ua_channel {
	int fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char *dir; /* removed at close when empty */
};

/* mkdir -p with mode 0755, root-owned in practice; each level must not be writable by others */
static int make_dir(char *path)
{
	struct stat st;
	char *p = path;

	while ((p = strchr(p + 1, '/'))) {
		*p = '\0';
		if (mkdir(path, 0755) && errno != EEXIST) {
			*p = '/';
			return -errno;
		}
		*p = '/';
	}
	if (mkdir(path, 0755) && errno != EEXIST)
		return -errno;
	if (lstat(path, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode) || st.st_uid != geteuid() || (st.st_mode & 022))
		return -EPERM;
	return 0;
}

/* listeners whose audit died without removing their socket */
static void remove_stale(const char *dir)
{
	struct dirent *de;
	char path[PATH_MAX];
	DIR *d = opendir(dir);
	long pid;
	char *end;

	if (!d)
		return;
	while ((de = readdir(d))) {
		pid = strtol(de->d_name, &end, 10);
		if (pid <= 0 || strcmp(end, ".sock"))
			continue;
		if (kill((pid_t)pid, 0) && errno == ESRCH) {
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			(void)unlink(path);
		}
	}
	closedir(d);
}

int ua_channel_open(struct ua_channel **ret, const char *dir)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	struct ua_channel *c;
	int one = 1, r;

	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->fd = -1;
	c->dir = strdup(dir);
	if (!c->dir) {
		free(c);
		return -ENOMEM;
	}
	r = make_dir(c->dir);
	if (r < 0)
		goto fail;
	remove_stale(dir);
	if ((size_t)snprintf(c->path, sizeof(c->path), "%s/%d.sock", dir, (int)getpid()) >=
	    sizeof(c->path)) {
		r = -ENAMETOOLONG;
		goto fail;
	}
	memcpy(sa.sun_path, c->path, sizeof(c->path));
	c->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (c->fd < 0 || setsockopt(c->fd, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one))) {
		r = -errno;
		goto fail;
	}
	(void)unlink(c->path);
	if (bind(c->fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    /* any process may report: sending needs write permission on the socket */
	    chmod(c->path, 0666)) {
		r = -errno;
		goto fail;
	}
	/* a bigger queue: reports of a burst of short-lived programs */
	(void)setsockopt(c->fd, SOL_SOCKET, SO_RCVBUF, &(int){4 << 20}, sizeof(int));
	*ret = c;
	return 0;
fail:
	ua_channel_close(c);
	return r;
}

void ua_channel_close(struct ua_channel *c)
{
	if (!c)
		return;
	if (c->fd >= 0) {
		close(c->fd);
		(void)unlink(c->path);
	}
	/* the last listener removes the directory: the preload then stops looking */
	if (c->dir) {
		char *slash;

		if (!rmdir(c->dir) && (slash = strrchr(c->dir, '/')) && slash != c->dir) {
			*slash = '\0';
			(void)rmdir(c->dir); /* /run/ualg, if nothing else uses it */
		}
		free(c->dir);
	}
	free(c);
}

int ua_channel_fd(struct ua_channel *c)
{
	return c->fd;
}

static void copy_name(char *dst, const char *src, size_t n)
{
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* pid's executable as /proc shows it; false when it is gone */
static bool kernel_exe(pid_t pid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)pid);
	n = readlink(path, buf, size - 1);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return true;
}

/* one datagram -> one report row; false when it is not a valid message */
static bool handle(const unsigned char *buf, size_t len, const struct ucred *cred,
		   struct ua_report *r)
{
	static const unsigned int calls[] = {
		[UALG_AUDIT_SOCKET] = UA_SOCKET,
		[UALG_AUDIT_BIND] = UA_BIND,
		[UALG_AUDIT_ACCEPT] = UA_ACCEPT,
		[UALG_AUDIT_SEND] = UA_SEND,
	};
	struct ualg_audit_msg m;
	char type[sizeof(m.type) + 1], name[sizeof(m.name) + 1];
	char exe[UALG_AUDIT_PATH_MAX + 1], cgroup[UALG_AUDIT_PATH_MAX + 1];
	uint64_t now = ua_boot_ns();
	struct ua_ident id = {
		.exe = exe, .cgroup = cgroup, .uid = cred->uid, .pid = (uint32_t)cred->pid};
	struct ua_count c = {.type = type, .name = name, .first = now, .last = now};

	if (len < sizeof(m))
		return false;
	memcpy(&m, buf, sizeof(m));
	if (m.magic != UALG_AUDIT_MAGIC || m.version != UALG_AUDIT_VERSION || !m.kind ||
	    m.kind >= sizeof(calls) / sizeof(calls[0]) || m.exe_len > UALG_AUDIT_PATH_MAX ||
	    m.cgroup_len > UALG_AUDIT_PATH_MAX || len != sizeof(m) + m.exe_len + m.cgroup_len)
		return false;
	copy_name(type, m.type, sizeof(m.type));
	copy_name(name, m.name, sizeof(m.name));
	copy_name(exe, (const char *)buf + sizeof(m), m.exe_len);
	copy_name(cgroup, (const char *)buf + sizeof(m) + m.exe_len, m.cgroup_len);
	/* the sender names its executable; the kernel's word wins while it runs */
	if (kernel_exe(cred->pid, exe, sizeof(exe)))
		m.exe_len = 1;
	if (!m.exe_len)
		id.exe = NULL;
	if (!m.cgroup_len)
		id.cgroup = NULL;
	c.call = calls[m.kind];
	c.answer = m.answer > 0 ? m.answer : 0;
	if (m.kind == UALG_AUDIT_SEND) {
		if (!m.count)
			return true;
		c.count = m.count;
		c.bytes = m.bytes;
	} else {
		c.count = 1;
	}
	return ua_report_add(r, UA_BY_UALG, &id, &c) == 0;
}

int ua_channel_read(struct ua_channel *c, struct ua_report *r,
		    bool (*selected)(void *arg, pid_t pid), void *arg, uint64_t *lost)
{
	static unsigned char buf[sizeof(struct ualg_audit_msg) + 2 * UALG_AUDIT_PATH_MAX + 1];
	union {
		struct cmsghdr h;
		char space[CMSG_SPACE(sizeof(struct ucred))];
	} ctl;
	struct iovec iov = {.iov_base = buf, .iov_len = sizeof(buf)};
	struct msghdr mh;
	struct cmsghdr *cm;
	struct ucred cred;
	ssize_t n;
	bool have;

	for (;;) {
		mh = (struct msghdr){.msg_iov = &iov,
				     .msg_iovlen = 1,
				     .msg_control = &ctl,
				     .msg_controllen = sizeof(ctl)};
		n = recvmsg(c->fd, &mh, MSG_DONTWAIT);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -errno;
		have = false;
		for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
			if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_CREDENTIALS &&
			    cm->cmsg_len == CMSG_LEN(sizeof(cred))) {
				memcpy(&cred, CMSG_DATA(cm), sizeof(cred));
				have = true;
			}
		if (!have || (mh.msg_flags & MSG_TRUNC)) {
			(*lost)++;
			continue;
		}
		if (selected && !selected(arg, cred.pid))
			continue;
		if (!handle(buf, (size_t)n, &cred, r))
			(*lost)++;
	}
}
