/* SPDX-License-Identifier: MIT */
/*
 * NETLINK_CRYPTO under the preload, as libkcapi uses it: socket, bind,
 * getsockname, sendmsg(CRYPTO_MSG_GETALG), recvmsg, and the kernel's
 * answers for known, unknown and not yet instantiated names, the dump and
 * the acks. Sizes are checked against the standards (FIPS 180-4, FIPS 197,
 * SP 800-38D), not against the engine.
 */
#include <errno.h>
#include <linux/capability.h>
#include <linux/cryptouser.h>
#include <linux/if_alg.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif

/* crypto_alg.cra_flags type bits (include/linux/crypto.h, not uapi) */
#define CRYPTO_ALG_TYPE_MASK 0xf
#define CRYPTO_ALG_TYPE_AEAD 0x3

struct req {
	struct nlmsghdr n;
	struct crypto_user_alg cru;
};

static int nl_open(void)
{
	struct sockaddr_nl a = {.nl_family = AF_NETLINK};
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_CRYPTO);

	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static ssize_t getalg(int fd, const char *name, const char *driver, uint16_t flags, void *buf,
		      size_t len)
{
	struct req r = {0};
	struct sockaddr_nl dst = {.nl_family = AF_NETLINK};
	struct iovec iov = {.iov_base = &r, .iov_len = sizeof(r)};
	struct msghdr m = {
		.msg_name = &dst, .msg_namelen = sizeof(dst), .msg_iov = &iov, .msg_iovlen = 1};

	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(r.cru));
	r.n.nlmsg_type = CRYPTO_MSG_GETALG;
	r.n.nlmsg_flags = NLM_F_REQUEST | flags;
	r.n.nlmsg_seq = 4242;
	if (name)
		strcpy(r.cru.cru_name, name);
	if (driver)
		strcpy(r.cru.cru_driver_name, driver);
	if (sendmsg(fd, &m, 0) != (ssize_t)sizeof(r))
		return -1;
	return recv(fd, buf, len, MSG_DONTWAIT);
}

/* the attribute of type t in the report at h, or NULL */
static const struct nlattr *attr(const struct nlmsghdr *h, uint16_t t)
{
	const uint8_t *p =
		(const uint8_t *)NLMSG_DATA(h) + NLMSG_ALIGN(sizeof(struct crypto_user_alg));
	const uint8_t *end = (const uint8_t *)h + h->nlmsg_len;

	while (p + NLA_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)p;

		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			return NULL;
		if (a->nla_type == t)
			return a;
		p += NLA_ALIGN(a->nla_len);
	}
	return NULL;
}

#define ATTR_DATA(a) ((const void *)((const uint8_t *)(a) + NLA_HDRLEN))

static void bind_alg(const char *type, const char *name)
{
	struct sockaddr_alg sa = {.salg_family = AF_ALG};
	int fd = socket(AF_ALG, SOCK_SEQPACKET, 0);

	strcpy((char *)sa.salg_type, type);
	strcpy((char *)sa.salg_name, name);
	CHECK(fd >= 0);
	CHECK_EQ(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	close(fd);
}

TEST(socket_bind_getsockname)
{
	struct sockaddr_nl a;
	socklen_t len = sizeof(a);
	int fd = nl_open(), type = 0;
	socklen_t tl = sizeof(type);

	CHECK(fd >= 0);
	CHECK_EQ(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	CHECK_EQ(len, sizeof(a));
	CHECK_EQ(a.nl_family, AF_NETLINK);
	CHECK(a.nl_pid != 0);
	CHECK_EQ(getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &type, &tl), 0);
	CHECK_EQ(type, NETLINK_CRYPTO);
	/* a bad address family is EINVAL, as netlink_bind says */
	a.nl_family = AF_INET;
	CHECK_EQ(bind(fd, (struct sockaddr *)&a, sizeof(a)), -1);
	CHECK_EQ(errno, EINVAL);
	close(fd);
	/* other netlink protocols and socket types are the kernel's business */
	fd = socket(AF_NETLINK, SOCK_STREAM, NETLINK_CRYPTO);
	CHECK_EQ(fd, -1);
	CHECK_EQ(errno, ESOCKTNOSUPPORT);
}

TEST(getalg_hash_by_name)
{
	uint8_t buf[4096];
	int fd = nl_open();
	ssize_t n = getalg(fd, "sha256", NULL, 0, buf, sizeof(buf));
	const struct nlmsghdr *h = (const void *)buf;
	const struct crypto_user_alg *u = NLMSG_DATA(h);
	const struct nlattr *a;
	const struct crypto_report_hash *rh;

	CHECK(n > 0);
	CHECK_EQ(h->nlmsg_len, (uint32_t)n);
	CHECK_EQ(h->nlmsg_type, CRYPTO_MSG_GETALG);
	CHECK_EQ(h->nlmsg_seq, 4242u);
	CHECK_EQ(strcmp(u->cru_name, "sha256"), 0);
	CHECK_EQ(u->cru_flags & 0xf, 0xeu); /* CRYPTO_ALG_TYPE_SHASH */
	CHECK(attr(h, CRYPTOCFGA_PRIORITY_VAL) != NULL);
	a = attr(h, CRYPTOCFGA_REPORT_HASH);
	CHECK(a != NULL);
	if (a) {
		CHECK_EQ(a->nla_len, NLA_HDRLEN + sizeof(*rh));
		rh = ATTR_DATA(a);
		CHECK_EQ(strcmp(rh->type, "shash"), 0);
		CHECK_EQ(rh->blocksize, 64u);  /* FIPS 180-4 */
		CHECK_EQ(rh->digestsize, 32u); /* FIPS 180-4 */
	}
	/* the same algorithm by its driver name */
	n = getalg(fd, NULL, u->cru_driver_name, 0, buf + 2048, sizeof(buf) - 2048);
	CHECK(n > 0);
	CHECK_EQ(((struct nlmsghdr *)(buf + 2048))->nlmsg_type, CRYPTO_MSG_GETALG);
	close(fd);
}

TEST(getalg_template_after_bind)
{
	uint8_t buf[4096];
	int fd = nl_open();
	const struct nlmsghdr *h = (const void *)buf;
	const struct nlmsgerr *e = NLMSG_DATA(h);
	const struct nlattr *a;
	ssize_t n;

	/* like the kernel: an instance exists only once something asked for it */
	n = getalg(fd, "lrw(aes)", NULL, 0, buf, sizeof(buf));
	CHECK(n > 0);
	CHECK_EQ(h->nlmsg_type, NLMSG_ERROR);
	CHECK_EQ(e->error, -ENOENT);
	CHECK_EQ(e->msg.nlmsg_seq, 4242u);
	/* the error quotes the whole request */
	CHECK_EQ(h->nlmsg_len,
		 NLMSG_LENGTH(sizeof(int)) + NLMSG_LENGTH(sizeof(struct crypto_user_alg)));

	bind_alg("skcipher", "lrw(aes)");
	n = getalg(fd, "lrw(aes)", NULL, 0, buf, sizeof(buf));
	CHECK(n > 0);
	CHECK_EQ(h->nlmsg_type, CRYPTO_MSG_GETALG);
	a = attr(h, CRYPTOCFGA_REPORT_BLKCIPHER);
	CHECK(a != NULL);
	if (a) {
		const struct crypto_report_blkcipher *r = ATTR_DATA(a);

		CHECK_EQ(strcmp(r->type, "skcipher"), 0);
		CHECK_EQ(strcmp(r->geniv, "<none>"), 0);
		CHECK_EQ(r->blocksize, 16u);
		CHECK_EQ(r->ivsize, 16u);
		CHECK_EQ(r->min_keysize, 32u); /* an AES-128 key and a 16-byte tweak key */
		CHECK_EQ(r->max_keysize, 48u);
	}
	CHECK(((const struct crypto_user_alg *)NLMSG_DATA(h))->cru_flags & 0x800); /* INSTANCE */

	bind_alg("aead", "gcm(aes)");
	n = getalg(fd, "gcm(aes)", NULL, 0, buf, sizeof(buf));
	CHECK(n > 0);
	a = attr(h, CRYPTOCFGA_REPORT_AEAD);
	CHECK(a != NULL);
	if (a) {
		const struct crypto_report_aead *r = ATTR_DATA(a);

		CHECK_EQ(strcmp(r->type, "aead"), 0);
		CHECK_EQ(r->blocksize, 1u);
		CHECK_EQ(r->ivsize, 12u);      /* SP 800-38D: 96-bit IV */
		CHECK_EQ(r->maxauthsize, 16u); /* SP 800-38D: 128-bit tag */
	}
	close(fd);
}

TEST(getalg_cipher_and_rng)
{
	uint8_t buf[4096];
	int fd = nl_open();
	const struct nlmsghdr *h = (const void *)buf;
	const struct nlattr *a;

	CHECK(getalg(fd, "aes", NULL, 0, buf, sizeof(buf)) > 0);
	CHECK_EQ(h->nlmsg_type, CRYPTO_MSG_GETALG);
	a = attr(h, CRYPTOCFGA_REPORT_CIPHER);
	CHECK(a != NULL);
	if (a) {
		const struct crypto_report_cipher *r = ATTR_DATA(a);

		CHECK_EQ(strcmp(r->type, "cipher"), 0);
		CHECK_EQ(r->blocksize, 16u);   /* FIPS 197 */
		CHECK_EQ(r->min_keysize, 16u); /* FIPS 197 */
		CHECK_EQ(r->max_keysize, 32u);
	}
	CHECK(getalg(fd, "stdrng", NULL, 0, buf, sizeof(buf)) > 0);
	CHECK_EQ(h->nlmsg_type, CRYPTO_MSG_GETALG);
	a = attr(h, CRYPTOCFGA_REPORT_RNG);
	CHECK(a != NULL);
	if (a)
		CHECK_EQ(strcmp(((const struct crypto_report_rng *)ATTR_DATA(a))->type, "rng"), 0);
	close(fd);
}

TEST(ack_truncation_and_poll)
{
	uint8_t buf[4096], small[20];
	int fd = nl_open();
	const struct nlmsghdr *h = (const void *)buf;
	struct pollfd p = {.fd = fd, .events = POLLIN | POLLOUT};
	struct iovec iov = {.iov_base = small, .iov_len = sizeof(small)};
	struct msghdr m = {.msg_iov = &iov, .msg_iovlen = 1};
	ssize_t n;

	/* nothing queued: EAGAIN, and poll shows OUT only */
	CHECK_EQ(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLOUT);

	/* NLM_F_ACK: the report, then an NLMSG_ERROR 0 */
	n = getalg(fd, "sha1", NULL, NLM_F_ACK, buf, sizeof(buf));
	CHECK(n > 0);
	CHECK_EQ(h->nlmsg_type, CRYPTO_MSG_GETALG);
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLIN | POLLOUT);
	/* a short buffer: MSG_TRUNC, and the datagram is gone */
	n = recvmsg(fd, &m, MSG_PEEK);
	CHECK_EQ(n, (ssize_t)sizeof(small));
	CHECK(m.msg_flags & MSG_TRUNC);
	n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	CHECK_EQ(n, (ssize_t)NLMSG_LENGTH(sizeof(struct nlmsgerr)));
	CHECK_EQ(h->nlmsg_type, NLMSG_ERROR);
	CHECK_EQ(((const struct nlmsgerr *)NLMSG_DATA(h))->error, 0);
	CHECK_EQ(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), -1);
	CHECK_EQ(errno, EAGAIN);
	close(fd);
}

TEST(dump)
{
	static uint8_t buf[1 << 17];
	int fd = nl_open(), reports = 0, done = 0;
	bool sha256 = false;
	ssize_t n;

	n = getalg(fd, NULL, NULL, NLM_F_DUMP, buf, sizeof(buf));
	CHECK(n > 0);
	/* the first datagram is in buf; walk it and the following ones */
	for (int dgram = 0; dgram < 64 && !done && n > 0; dgram++) {
		if (dgram) {
			n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
			if (n <= 0)
				break;
		}
		size_t left = (size_t)n;

		for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_type == NLMSG_DONE) {
				done = 1;
				break;
			}
			CHECK_EQ(h->nlmsg_type, CRYPTO_MSG_GETALG);
			CHECK(h->nlmsg_flags & NLM_F_MULTI);
			reports++;
			sha256 |= !strcmp(((struct crypto_user_alg *)NLMSG_DATA(h))->cru_name,
					  "sha256");
		}
	}
	CHECK(done);
	CHECK(reports > 20);
	CHECK(sha256);
	close(fd);
}

/* CAP_NET_ADMIN in the effective set (netlink_capable) */
static bool net_admin(void)
{
	struct __user_cap_header_struct hd = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[2];

	return !syscall(SYS_capget, &hd, d) && (d[0].effective & (1u << CAP_NET_ADMIN));
}

/*
 * One NEWALG/DELALG/UPDATEALG (NLM_F_ACK) with an optional priority
 * attribute: the ack's error.
 */
static int cfg(int fd, uint16_t type, const char *name, const char *driver, uint32_t cru_type,
	       long prio)
{
	struct {
		struct req r;
		struct nlattr a;
		uint32_t prio;
	} m = {0};
	uint8_t buf[4096];
	const struct nlmsghdr *h = (const void *)buf;

	m.r.n.nlmsg_len = NLMSG_LENGTH(sizeof(m.r.cru));
	m.r.n.nlmsg_type = type;
	m.r.n.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	strcpy(m.r.cru.cru_name, name);
	strcpy(m.r.cru.cru_driver_name, driver);
	m.r.cru.cru_type = cru_type;
	m.r.cru.cru_mask = cru_type ? CRYPTO_ALG_TYPE_MASK : 0;
	if (prio >= 0) {
		m.a.nla_len = NLA_HDRLEN + 4;
		m.a.nla_type = CRYPTOCFGA_PRIORITY_VAL;
		m.prio = (uint32_t)prio;
		m.r.n.nlmsg_len = sizeof(m);
	}
	if (send(fd, &m, m.r.n.nlmsg_len, 0) != (ssize_t)m.r.n.nlmsg_len ||
	    recv(fd, buf, sizeof(buf), MSG_DONTWAIT) <= 0 || h->nlmsg_type != NLMSG_ERROR)
		return 1; /* no errno is positive */
	return ((const struct nlmsgerr *)NLMSG_DATA(h))->error;
}

/* the priority GETALG reports for driver, or -errno */
static long priority_of(int fd, const char *driver)
{
	uint8_t buf[4096];
	const struct nlmsghdr *h = (const void *)buf;
	const struct nlattr *a;
	uint32_t v;

	if (getalg(fd, NULL, driver, 0, buf, sizeof(buf)) <= 0)
		return -EIO;
	if (h->nlmsg_type == NLMSG_ERROR)
		return ((const struct nlmsgerr *)NLMSG_DATA(h))->error;
	a = attr(h, CRYPTOCFGA_PRIORITY_VAL);
	if (!a)
		return -EIO;
	memcpy(&v, (const uint8_t *)a + NLA_HDRLEN, 4);
	return v;
}

static int bind_fd(const char *type, const char *name)
{
	struct sockaddr_alg sa = {.salg_family = AF_ALG};
	int fd = socket(AF_ALG, SOCK_SEQPACKET, 0);

	strcpy((char *)sa.salg_type, type);
	strcpy((char *)sa.salg_name, name);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/*
 * NEWALG, DELALG, UPDATEALG as the kernel answers them (crypto/crypto_user.c,
 * recorded on the oracle: tests/oracle/transcripts/alg-netlink.txt).
 */
TEST(config_requests)
{
	static const char pcrypt[] = "pcrypt(authenc(hmac(sha256-generic),cbc(aes-generic)))";
	int fd = nl_open(), op;

	if (!net_admin()) {
		CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "", "pcbc(twofish-generic)", 0, -1), -EPERM);
		close(fd);
		SKIP("no CAP_NET_ADMIN: only the EPERM answer checked");
		return;
	}
	CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "", "pcbc(twofish-generic)", 0, -1), 0);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "", "pcbc(twofish-generic)", 0, -1), -EEXIST);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "pcbc(twofish)", "", 0, -1), -ENOENT);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "", "pcbc(twofish-generic)", 0, -1), 0);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "", "pcbc(twofish-generic)", 0, -1), -ENOENT);
	CHECK_EQ(priority_of(fd, "pcbc(twofish-generic)"), -ENOENT);
	/* again, at a priority; then changed */
	CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "", "pcbc(twofish-generic)", 0, 123), 0);
	CHECK_EQ(priority_of(fd, "pcbc(twofish-generic)"), 123);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_UPDATEALG, "", "pcbc(twofish-generic)", 0, 77), 0);
	CHECK_EQ(priority_of(fd, "pcbc(twofish-generic)"), 77);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_UPDATEALG, "pcbc(twofish)", "", 0, 5), -EINVAL);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "pcbc(twofish)", "", 0, 5), -EINVAL);
	/* the wrong type is not found; core algorithms cannot go */
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "", "pcbc(twofish-generic)", 3, -1), -ENOENT);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "", "pcbc(twofish-generic)", 5, -1), 0);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "", "sha256-generic", 0, -1), -EINVAL);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "", "sha256-generic", 0, -1), -EEXIST);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "sha256", "", 0, -1), -EEXIST);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "", "nosuch(aes)", 0, -1), -ENOENT);

	/* in use: a tfm (the AF_ALG socket) holds the instance, not its spawns */
	op = bind_fd("skcipher", "cts(cbc(twofish-generic))");
	CHECK(op >= 0);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "", "cts(cbc(twofish-generic))", 0, -1), -EBUSY);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "", "cbc(twofish-generic)", 0, -1), -EBUSY);
	close(op);
	/* deleting the child takes the instance over it along */
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "", "cbc(twofish-generic)", 0, -1), 0);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "", "cts(cbc(twofish-generic))", 0, -1), -ENOENT);
	/* and the AF_ALG name makes both again */
	op = bind_fd("skcipher", "cts(cbc(twofish-generic))");
	CHECK(op >= 0);
	close(op);
	CHECK_EQ(priority_of(fd, "cts(cbc(twofish-generic))"), 100);

	/* pcrypt: made for an explicit aead type only, never served to AF_ALG */
	CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "", pcrypt, 0, -1), -ENOENT);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "", pcrypt, CRYPTO_ALG_TYPE_AEAD, -1), 0);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_NEWALG, "", pcrypt, CRYPTO_ALG_TYPE_AEAD, -1), -EEXIST);
	/* cra_priority of pcrypt_init_instance: the child's + 100 */
	CHECK_EQ(priority_of(fd, pcrypt),
		 100 + priority_of(fd, "authenc(hmac(sha256-generic),cbc(aes-generic))"));
	CHECK_EQ(bind_fd("aead", pcrypt), -1);
	CHECK_EQ(errno, ENOENT);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELALG, "", pcrypt, CRYPTO_ALG_TYPE_AEAD, -1), 0);
	CHECK_EQ(cfg(fd, CRYPTO_MSG_DELRNG, "", "", 0, -1), 0);
	close(fd);
}

TEST(privileged_requests)
{
	uint8_t buf[4096];
	struct req r = {0};
	const struct nlmsghdr *h = (const void *)buf;
	int fd = nl_open();

	/* DELALG names a driver: by name alone nothing matches */
	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(r.cru));
	r.n.nlmsg_type = CRYPTO_MSG_DELALG;
	r.n.nlmsg_flags = NLM_F_REQUEST;
	strcpy(r.cru.cru_name, "sha256");
	CHECK_EQ(send(fd, &r, sizeof(r), 0), (ssize_t)sizeof(r));
	CHECK(recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	CHECK_EQ(h->nlmsg_type, NLMSG_ERROR);
	CHECK_EQ(((const struct nlmsgerr *)NLMSG_DATA(h))->error, net_admin() ? -ENOENT : -EPERM);
	/* a GETALG too short for its crypto_user_alg is EINVAL */
	r.n.nlmsg_type = CRYPTO_MSG_GETALG;
	r.n.nlmsg_len = NLMSG_LENGTH(8);
	CHECK_EQ(send(fd, &r, r.n.nlmsg_len, 0), (ssize_t)r.n.nlmsg_len);
	CHECK(recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	CHECK_EQ(((const struct nlmsgerr *)NLMSG_DATA(h))->error, -EINVAL);
	close(fd);
}
