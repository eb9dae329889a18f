/* SPDX-License-Identifier: MIT */
/*
 * NETLINK_CRYPTO under the preload, as libkcapi uses it: socket, bind,
 * getsockname, sendmsg(CRYPTO_MSG_GETALG), recvmsg, and the kernel's
 * answers for known, unknown and not yet instantiated names, the dump and
 * the acks. Sizes are checked against the standards (FIPS 180-4, FIPS 197,
 * SP 800-38D), not against the engine.
 */
#include <errno.h>
#include <linux/cryptouser.h>
#include <linux/if_alg.h>
#include <linux/netlink.h>
#include <poll.h>
#include <stdint.h>
#include <sys/socket.h>
#include <unistd.h>

#include "test.h"

#ifndef AF_ALG
#define AF_ALG 38
#endif

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

TEST(privileged_requests)
{
	uint8_t buf[4096];
	struct req r = {0};
	const struct nlmsghdr *h = (const void *)buf;
	int fd = nl_open();

	r.n.nlmsg_len = NLMSG_LENGTH(sizeof(r.cru));
	r.n.nlmsg_type = CRYPTO_MSG_DELALG;
	r.n.nlmsg_flags = NLM_F_REQUEST;
	strcpy(r.cru.cru_name, "sha256");
	CHECK_EQ(send(fd, &r, sizeof(r), 0), (ssize_t)sizeof(r));
	CHECK(recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	CHECK_EQ(h->nlmsg_type, NLMSG_ERROR);
	CHECK_EQ(((const struct nlmsgerr *)NLMSG_DATA(h))->error, geteuid() ? -EPERM : -EOPNOTSUPP);
	/* a GETALG too short for its crypto_user_alg is EINVAL */
	r.n.nlmsg_type = CRYPTO_MSG_GETALG;
	r.n.nlmsg_len = NLMSG_LENGTH(8);
	CHECK_EQ(send(fd, &r, r.n.nlmsg_len, 0), (ssize_t)r.n.nlmsg_len);
	CHECK(recv(fd, buf, sizeof(buf), MSG_DONTWAIT) > 0);
	CHECK_EQ(((const struct nlmsgerr *)NLMSG_DATA(h))->error, -EINVAL);
	close(fd);
}
