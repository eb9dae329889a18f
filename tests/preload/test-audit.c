/* SPDX-License-Identifier: MIT */
/*
 * The preload's audit channel (src/preload/audit.c, include/ualg/audit.h),
 * without BPF or root: this program listens in a directory of its own,
 * named to the preload through UALG_AUDIT_DIR (a test may; a setuid
 * program could not), then makes AF_ALG calls through the preload and
 * checks what reaches the listener: who, which calls, which algorithm, how
 * many bytes, and never the key or the data.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include "alg.h"
#include "ualg/audit.h"

static const char key[] = "KEY-MATERIAL-NEVER-SENT";
static const char data[] = "PLAINTEXT-NEVER-SENT";

struct got {
	struct ualg_audit_msg m;
	char exe[UALG_AUDIT_PATH_MAX + 1];
	pid_t pid;
};

static char dir[64];
static int lfd = -1;

/* a listener socket in a fresh directory; UALG_AUDIT_DIR names it */
static void listen_setup(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	int one = 1;

	if (lfd >= 0)
		return;
	snprintf(dir, sizeof(dir), "/tmp/ualg-audit-test.%d", (int)getpid());
	if (mkdir(dir, 0700) && errno != EEXIST)
		abort();
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/1.sock", dir);
	lfd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)) ||
	    bind(lfd, (struct sockaddr *)&sa, sizeof(sa)))
		abort();
	setenv(UALG_AUDIT_DIR_ENV, dir, 1);
}

/* the next message within 2 s; false when none came */
static bool next(struct got *g)
{
	static unsigned char buf[sizeof(struct ualg_audit_msg) + 2 * UALG_AUDIT_PATH_MAX];
	char ctl[CMSG_SPACE(sizeof(struct ucred))];
	struct iovec iov = {.iov_base = buf, .iov_len = sizeof(buf)};
	struct msghdr mh = {.msg_iov = &iov,
			    .msg_iovlen = 1,
			    .msg_control = ctl,
			    .msg_controllen = sizeof(ctl)};
	struct timeval tv = {2, 0};
	struct cmsghdr *cm;
	ssize_t n;

	(void)setsockopt(lfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	n = recvmsg(lfd, &mh, 0);
	if (n < (ssize_t)sizeof(g->m))
		return false;
	/* never key material or data, anywhere in the datagram */
	CHECK(!memmem(buf, (size_t)n, key, strlen(key)));
	CHECK(!memmem(buf, (size_t)n, data, strlen(data)));
	memcpy(&g->m, buf, sizeof(g->m));
	CHECK_EQ(g->m.magic, UALG_AUDIT_MAGIC);
	CHECK_EQ(g->m.version, UALG_AUDIT_VERSION);
	CHECK_EQ((size_t)n, sizeof(g->m) + g->m.exe_len + g->m.cgroup_len);
	memcpy(g->exe, buf + sizeof(g->m), g->m.exe_len);
	g->exe[g->m.exe_len] = '\0';
	g->pid = -1;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_type == SCM_CREDENTIALS)
			g->pid = ((struct ucred *)CMSG_DATA(cm))->pid;
	return true;
}

static bool nothing_waiting(void)
{
	char b[16];

	return recv(lfd, b, sizeof(b), MSG_DONTWAIT) < 0 && errno == EAGAIN;
}

static void expect(enum ualg_audit_kind kind, int answer, const char *type, const char *name,
		   pid_t pid)
{
	struct got g;

	if (!next(&g)) {
		fprintf(stderr, "no message of kind %d\n", kind);
		test_failures++;
		return;
	}
	CHECK_EQ(g.m.kind, kind);
	CHECK_EQ(g.m.answer, answer);
	CHECK_EQ(g.pid, pid);
	CHECK(strstr(g.exe, "test-preload-audit") != NULL);
	if (type) {
		CHECK(!strcmp(g.m.type, type));
		CHECK(!strcmp(g.m.name, name));
	}
}

static void bind_alg(int fd, const char *type, const char *name, int want)
{
	struct sockaddr_alg sa = {.salg_family = AF_ALG};

	strncpy((char *)sa.salg_type, type, sizeof(sa.salg_type) - 1);
	strncpy((char *)sa.salg_name, name, sizeof(sa.salg_name) - 1);
	CHECK_EQ(bind(fd, (struct sockaddr *)&sa, sizeof(sa)) ? -errno : 0, want);
}

TEST(hmac_socket_bind_accept_send)
{
	unsigned char out[32];
	int tfm, op;

	listen_setup();
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0)
		SKIP("no AF_ALG through the preload");
	expect(UALG_AUDIT_SOCKET, 0, NULL, NULL, getpid());
	bind_alg(tfm, "hash", "hmac(sha256)", 0);
	expect(UALG_AUDIT_BIND, 0, "hash", "hmac(sha256)", getpid());
	CHECK_EQ(setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, strlen(key)), 0);
	op = accept(tfm, NULL, 0);
	CHECK(op >= 0);
	expect(UALG_AUDIT_ACCEPT, 0, "hash", "hmac(sha256)", getpid());
	CHECK_EQ(send(op, data, 5, MSG_MORE), 5);
	CHECK_EQ(send(op, data + 5, strlen(data) - 5, 0), (long)strlen(data) - 5);
	CHECK_EQ(read(op, out, sizeof(out)), 32);
	/* counts are sent when the socket goes, not per call */
	CHECK(nothing_waiting());
	close(op);
	{
		struct got g;

		CHECK(next(&g));
		CHECK_EQ(g.m.kind, UALG_AUDIT_SEND);
		CHECK_EQ(g.m.count, 2);
		CHECK_EQ(g.m.bytes, strlen(data));
		CHECK(!strcmp(g.m.type, "hash") && !strcmp(g.m.name, "hmac(sha256)"));
	}
	close(tfm); /* nothing was sent on the parent: no message */
	CHECK(nothing_waiting());
}

TEST(refused_calls_carry_the_answer)
{
	int tfm;

	listen_setup();
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0)
		SKIP("no AF_ALG through the preload");
	expect(UALG_AUDIT_SOCKET, 0, NULL, NULL, getpid());
	bind_alg(tfm, "hash", "no-such-algorithm", -ENOENT);
	expect(UALG_AUDIT_BIND, ENOENT, "hash", "no-such-algorithm", getpid());
	close(tfm);
	CHECK_EQ(socket(AF_ALG, SOCK_STREAM, 0) < 0 ? -errno : 0, -ESOCKTNOSUPPORT);
	expect(UALG_AUDIT_SOCKET, ESOCKTNOSUPPORT, NULL, NULL, getpid());
	CHECK(nothing_waiting());
}

/* a child reports what it sent itself, at exit; the parent what it sent */
TEST(fork_and_exit)
{
	struct got g;
	pid_t child;
	int tfm, op, st;

	listen_setup();
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0)
		SKIP("no AF_ALG through the preload");
	bind_alg(tfm, "hash", "sha256", 0);
	op = accept(tfm, NULL, 0);
	CHECK(op >= 0);
	CHECK_EQ(send(op, "abc", 3, 0), 3);
	for (int i = 0; i < 3; i++)
		CHECK(next(&g)); /* socket, bind, accept */
	child = fork();
	if (!child) {
		unsigned char out[32];

		if (send(op, "defgh", 5, 0) != 5 || read(op, out, 32) != 32)
			_exit(1);
		exit(0); /* op still open: reported by the exit handler */
	}
	CHECK_EQ(waitpid(child, &st, 0), child);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	CHECK(next(&g));
	CHECK_EQ(g.pid, child);
	CHECK_EQ(g.m.kind, UALG_AUDIT_SEND);
	CHECK_EQ(g.m.count, 1);
	CHECK_EQ(g.m.bytes, 5);
	close(op);
	CHECK(next(&g));
	CHECK_EQ(g.pid, getpid());
	CHECK_EQ(g.m.count, 1);
	CHECK_EQ(g.m.bytes, 3);
	close(tfm);
}

/* a directory others may write does not switch the channel on */
TEST(writable_directory_is_ignored)
{
	int tfm;

	listen_setup();
	CHECK_EQ(chmod(dir, 0777), 0);
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm >= 0) {
		bind_alg(tfm, "hash", "sha256", 0);
		close(tfm);
	}
	CHECK_EQ(chmod(dir, 0700), 0);
	CHECK(nothing_waiting());
}

/* no listener: the calls work and nothing is left behind */
TEST(nobody_listening)
{
	char path[128];
	int tfm;

	listen_setup();
	snprintf(path, sizeof(path), "%s/1.sock", dir);
	CHECK_EQ(unlink(path), 0);
	tfm = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (tfm < 0)
		SKIP("no AF_ALG through the preload");
	bind_alg(tfm, "hash", "sha256", 0);
	close(tfm);
	CHECK(nothing_waiting());
	close(lfd);
	lfd = -1;
	CHECK_EQ(rmdir(dir), 0);
}
