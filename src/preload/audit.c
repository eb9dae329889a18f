/* SPDX-License-Identifier: MIT */
/*
 * The preload's reports to `ualg audit` (see audit.h, include/ualg/audit.h).
 *
 * Implementation Notes
 *
 * Switching on. A listener is a socket in the channel directory; the
 * directory exists only while an audit runs. Each emulated socket() and
 * bind() opens the directory (O_NOFOLLOW) and checks that root owns it and
 * nobody else may write it; when that fails (ENOENT: nobody listens), the
 * call costs that one open(). The directory is UALG_AUDIT_DIR; a process
 * that is not AT_SECURE (secure_getenv) may name another one in the
 * environment, owned by root or by its own effective uid: a setuid program
 * under /etc/ld.so.preload can be made to report only by root.
 *
 * Sending. One datagram to each "*.sock" of the directory from a transient
 * AF_UNIX socket, MSG_DONTWAIT: a full or dead listener loses the message,
 * the program never waits. The sender's pid and uid travel as kernel
 * credentials (the listener sets SO_PASSCRED; it also prefers /proc/PID/exe
 * to the path a message claims); the message adds the
 * executable and the cgroup, read from /proc/self once per process.
 *
 * Records. A socket reported once gets a struct ualg_audit_sk (f->audit)
 * holding its algorithm and send counts; an op socket accepted from an
 * audited parent is audited too. The records of a process are linked
 * (rec_lock) so that exit can report the sockets still open, and a forked
 * child can clear the counts it inherited (the parent reports those).
 * Lock order: the fd table's lock, then rec_lock (a record is freed from
 * the fd table's last put).
 */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/cleanup.h"
#include "core/errno.h"
#include "core/uaccess.h"
#include "preload/audit.h"
#include "preload/preload.h"
#include "ualg/audit.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif

/* struct sockaddr_alg (linux/if_alg.h): family, type[14], feat, mask, name[64] */
#define SALG_TYPE_OFF 2
#define SALG_NAME_OFF 24

static pthread_mutex_t rec_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ualg_audit_sk *recs;

/* ---- the channel ---- */

static pthread_once_t dir_once = PTHREAD_ONCE_INIT;
static const char *dir_path = UALG_AUDIT_DIR;
static bool dir_own_ok; /* the override may belong to our euid */

static void dir_init(void)
{
	const char *env = secure_getenv(UALG_AUDIT_DIR_ENV);

	if (env && env[0] == '/' && strlen(env) < 80) {
		dir_path = env;
		dir_own_ok = true;
	}
}

/* the channel directory, open, when someone may listen; else -1 */
static int channel_open(void)
{
	struct stat st;
	int fd;

	(void)pthread_once(&dir_once, dir_init);
	fd = open(dir_path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || (st.st_mode & 022) ||
	    (st.st_uid != 0 && !(dir_own_ok && st.st_uid == geteuid()))) {
		(void)ualg_real_close(fd);
		return -1;
	}
	return fd;
}

/*
 * The executable's path and the cgroup, read once per process (a program
 * rarely changes cgroup; systemd places it before it runs).
 */
static pthread_once_t ident_once = PTHREAD_ONCE_INIT;
static char exe[UALG_AUDIT_PATH_MAX], cgroup[UALG_AUDIT_PATH_MAX];
static size_t exe_len, cgroup_len;

/* the cgroup v2 path ("0::/system.slice/x.service") into buf; its length */
static size_t read_cgroup(char *buf, size_t size)
{
	char data[UALG_AUDIT_PATH_MAX], *p, *end;
	int fd = open("/proc/self/cgroup", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? ualg_real_read(fd, data, sizeof(data) - 1) : -1;
	size_t len;

	if (fd >= 0)
		(void)ualg_real_close(fd);
	if (n <= 0)
		return 0;
	data[n] = '\0';
	for (p = data; p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, "0::", 3))
			continue;
		p += 3;
		end = strchr(p, '\n');
		len = end ? (size_t)(end - p) : strlen(p);
		if (len > size)
			len = size;
		memcpy(buf, p, len);
		return len;
	}
	return 0;
}

static void ident_init(void)
{
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe));

	exe_len = n > 0 && (size_t)n < sizeof(exe) ? (size_t)n : 0;
	cgroup_len = read_cgroup(cgroup, sizeof(cgroup));
}

/* send m (and the process's identity) to every listener in dirfd */
static void broadcast(int dirfd, struct ualg_audit_msg *m)
{
	_cleanup_free_ unsigned char *buf = NULL;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	char ents[2048];
	size_t len, dlen = strlen(dir_path);
	int s = -1;
	long n;

	buf = malloc(sizeof(*m) + 2 * UALG_AUDIT_PATH_MAX);
	if (!buf)
		return;
	(void)pthread_once(&ident_once, ident_init);
	m->magic = UALG_AUDIT_MAGIC;
	m->version = UALG_AUDIT_VERSION;
	m->exe_len = (uint16_t)exe_len;
	m->cgroup_len = (uint16_t)cgroup_len;
	memcpy(buf, m, sizeof(*m));
	memcpy(buf + sizeof(*m), exe, exe_len);
	memcpy(buf + sizeof(*m) + exe_len, cgroup, cgroup_len);
	len = sizeof(*m) + m->exe_len + m->cgroup_len;

	while ((n = ualg_real_syscall(SYS_getdents64, dirfd, ents, sizeof(ents))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *de = (struct dirent64 *)(ents + off);
			size_t nl = strlen(de->d_name);

			off += de->d_reclen;
			if (nl < 6 || strcmp(de->d_name + nl - 5, ".sock") ||
			    dlen + 1 + nl >= sizeof(sa.sun_path))
				continue;
			if (s < 0)
				s = ualg_real_socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
			if (s < 0)
				return;
			memcpy(sa.sun_path, dir_path, dlen);
			sa.sun_path[dlen] = '/';
			memcpy(sa.sun_path + dlen + 1, de->d_name, nl + 1);
			(void)ualg_real_sendto(s, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL,
					       (struct sockaddr *)&sa, sizeof(sa));
		}
	}
	if (s >= 0)
		(void)ualg_real_close(s);
}

static void report(int dirfd, enum ualg_audit_kind kind, int r, const struct ualg_audit_sk *a)
{
	struct ualg_audit_msg m = {.kind = (uint16_t)kind, .answer = r < 0 ? -r : 0};

	if (a) {
		memcpy(m.type, a->type, sizeof(m.type));
		memcpy(m.name, a->name, sizeof(m.name));
		m.count = atomic_load(&a->sends);
		m.bytes = atomic_load(&a->bytes);
	}
	broadcast(dirfd, &m);
}

/* ---- records ---- */

/* f's record, made (with parent's algorithm, if any) when it has none */
static struct ualg_audit_sk *attach(struct ualg_pfd *f, const struct ualg_audit_sk *parent)
{
	struct ualg_audit_sk *a = atomic_load(&f->audit), *expect = NULL;

	if (a)
		return a;
	a = calloc(1, sizeof(*a));
	if (!a)
		return NULL;
	if (parent) {
		memcpy(a->type, parent->type, sizeof(a->type));
		memcpy(a->name, parent->name, sizeof(a->name));
	}
	if (!atomic_compare_exchange_strong(&f->audit, &expect, a)) {
		free(a);
		return expect;
	}
	pthread_mutex_lock(&rec_lock);
	a->next = recs;
	if (recs)
		recs->prev = a;
	recs = a;
	pthread_mutex_unlock(&rec_lock);
	return a;
}

static void detach(struct ualg_audit_sk *a)
{
	pthread_mutex_lock(&rec_lock);
	if (a->prev)
		a->prev->next = a->next;
	else
		recs = a->next;
	if (a->next)
		a->next->prev = a->prev;
	pthread_mutex_unlock(&rec_lock);
}

/* ---- hooks ---- */

/* see audit.h */
void ualg_audit_socket(int r)
{
	PROTECT_ERRNO;
	_cleanup_(ualg_pfd_putp) struct ualg_pfd *f = NULL;
	int dirfd = channel_open();

	if (dirfd < 0)
		return;
	if (r >= 0 && (f = ualg_fd_get(r)) && ualg_pfd_sock(f))
		(void)attach(f, NULL);
	report(dirfd, UALG_AUDIT_SOCKET, r, NULL);
	(void)ualg_real_close(dirfd);
}

/* the bounded copy of a sockaddr_alg field, NUL-terminated */
static void salg_field(char *dst, size_t size, const struct sockaddr *addr, socklen_t len,
		       size_t off)
{
	size_t n = len > off ? (size_t)len - off : 0;

	memset(dst, 0, size);
	if (n > size - 1)
		n = size - 1;
	memcpy(dst, (const char *)addr + off, n);
}

/* see audit.h */
void ualg_audit_bind(struct ualg_pfd *f, const struct sockaddr *uaddr, socklen_t len, int r)
{
	PROTECT_ERRNO;
	struct ualg_audit_sk *a, msg = {0};
	struct sockaddr_storage ss;
	const struct sockaddr *addr = (const struct sockaddr *)&ss;
	int dirfd = channel_open();

	if (dirfd < 0)
		return;
	/* the application's address, read as bind read it (a bad one was EFAULT there) */
	if (len >= sizeof(sa_family_t) && len <= sizeof(ss) &&
	    ualg_copy_from_user(&ss, uaddr, len) == 0 && addr->sa_family == AF_ALG) {
		salg_field(msg.type, sizeof(msg.type), addr, len, SALG_TYPE_OFF);
		salg_field(msg.name, sizeof(msg.name), addr, len, SALG_NAME_OFF);
	}
	a = attach(f, NULL);
	if (a && r >= 0) {
		memcpy(a->type, msg.type, sizeof(a->type));
		memcpy(a->name, msg.name, sizeof(a->name));
	}
	report(dirfd, UALG_AUDIT_BIND, r, &msg);
	(void)ualg_real_close(dirfd);
}

/* see audit.h */
void ualg_audit_accept(struct ualg_pfd *f, int r)
{
	struct ualg_audit_sk *parent = atomic_load(&f->audit), msg = {0};
	_cleanup_(ualg_pfd_putp) struct ualg_pfd *nf = NULL;
	PROTECT_ERRNO;
	int dirfd;

	if (!parent)
		return; /* nobody listened when the parent was made or bound */
	dirfd = channel_open();
	if (dirfd < 0)
		return;
	if (r >= 0 && (nf = ualg_fd_get(r)))
		(void)attach(nf, parent);
	memcpy(msg.type, parent->type, sizeof(msg.type));
	memcpy(msg.name, parent->name, sizeof(msg.name));
	report(dirfd, UALG_AUDIT_ACCEPT, r, &msg);
	(void)ualg_real_close(dirfd);
}

/* the sends of a, if any, to the listeners */
static void report_sends(struct ualg_audit_sk *a)
{
	int dirfd;

	if (!atomic_load(&a->sends))
		return;
	dirfd = channel_open();
	if (dirfd < 0)
		return;
	report(dirfd, UALG_AUDIT_SEND, 0, a);
	(void)ualg_real_close(dirfd);
	atomic_store(&a->sends, 0);
	atomic_store(&a->bytes, 0);
}

/* see audit.h */
void ualg_audit_free(struct ualg_pfd *f)
{
	struct ualg_audit_sk *a = atomic_exchange(&f->audit, NULL);
	PROTECT_ERRNO;

	if (!a)
		return;
	detach(a);
	report_sends(a);
	free(a);
}

/* the sockets still open at exit */
__attribute__((destructor)) static void audit_exit(void)
{
	PROTECT_ERRNO;

	if (!recs || pthread_mutex_trylock(&rec_lock))
		return;
	for (struct ualg_audit_sk *a = recs; a; a = a->next)
		report_sends(a);
	pthread_mutex_unlock(&rec_lock);
}

/* see audit.h */
void ualg_audit_atfork_prepare(void)
{
	pthread_mutex_lock(&rec_lock);
}

/* see audit.h */
void ualg_audit_atfork_parent(void)
{
	pthread_mutex_unlock(&rec_lock);
}

/* see audit.h: the parent reports what was sent before the fork */
void ualg_audit_atfork_child(void)
{
	for (struct ualg_audit_sk *a = recs; a; a = a->next) {
		atomic_store(&a->sends, 0);
		atomic_store(&a->bytes, 0);
	}
	pthread_mutex_unlock(&rec_lock);
}
