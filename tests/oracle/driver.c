/*
 * ualg oracle driver: replays a transcript of AF_ALG socket operations
 * against whatever AF_ALG the process finds -- a real kernel (built static,
 * run inside qemu by record.sh) or ualg's userspace implementation (run on
 * the host with LD_PRELOAD=libualg-preload.so by compare.py).  Same source,
 * same output, so the two outputs can be compared line by line.
 *
 * Usage: driver [--from N] [FILE...]   (no FILE: standard input)
 *        --from N skips the first N transcripts ("T" lines)
 *
 * TRANSCRIPT FORMAT (one operation per line, whitespace-separated tokens)
 *
 *   # text                 comment, ignored (not echoed)
 *   T NAME                 starts transcript NAME: every handle still open
 *                          is closed silently first.  Echoed as "T NAME".
 *
 * Handles are small numbers (1..63) naming file descriptors.  BYTES is a
 * byte string: "-" (empty) or "+"-joined segments, each HEX or HEX*COUNT
 * (e.g. "00*32+616263"), or @V (bytes saved in variable V, a letter, by an
 * earlier "save=V"), @V.OFF.LEN (a slice of it), either optionally
 * followed by ^I (flip the low bit of byte I of that segment).
 * "s:TEXT" is TEXT itself (no spaces).
 * FLAGS is a ","-joined list of names or a number (0x.. allowed).
 *
 *   socket H [type=T] [proto=N] [flags=NONBLOCK,CLOEXEC]
 *          T: seqpacket (default) | stream | dgram | raw | number
 *   bind H TYPE NAME [feat=N] [mask=N] [addrlen=N] [family=N]
 *          TYPE, NAME: text, or BYTES written as "x:HEX" (e.g. to put
 *          bytes after a NUL).  "-" is the empty string.  The address is
 *          a zeroed 256-byte buffer laid out as struct sockaddr_alg_new;
 *          addrlen defaults to sizeof(struct sockaddr_alg) = 88.
 *   setsockopt H LEVEL OPT VALUE
 *          LEVEL: alg | socket | ip | number;  OPT: key | iv | op | assoclen
 *          | authsize | entropy | keyserial | sndbuf | rcvbuf | number;
 *          VALUE: BYTES | NULL:LEN (optval NULL, optlen LEN) | u32:N
 *   getsockopt H LEVEL OPT LEN          prints the option bytes
 *   accept H NEW [flags=NONBLOCK,CLOEXEC] [addr]
 *          accept4(); "addr" passes a non-NULL address and length.
 *   sendmsg H IOVS [op=N] [iv=BYTES] [assoc=N] [cmsg=LEVEL:TYPE:BYTES]...
 *           [flags=MORE,DONTWAIT]
 *          IOVS: ","-joined BYTES, one iovec each ("-" = no iovec).
 *          Control messages are emitted in the order given; "iv=" builds
 *          struct af_alg_iv with ivlen = its length; "cmsg=" is raw.
 *   send H BYTES [flags=..]             send()
 *   write H BYTES                       write()
 *   pwrite H BYTES OFFSET               pwrite()
 *   recv H SIZE [flags=DONTWAIT,TRUNC,PEEK,WAITALL]
 *   read H SIZE                         read()
 *   pread H SIZE OFFSET                 pread()
 *   recvmsg H SIZES [flags=..]          SIZES: ","-joined iovec sizes;
 *                                       prints msg_flags
 *   readv H SIZES                       readv()
 *   poll H EVENTS                       EVENTS: IN,OUT,.. ; timeout 0;
 *                                       prints revents as flags
 *   close H
 *   fcntl H NONBLOCK|BLOCK              sets or clears O_NONBLOCK
 *   splice H BYTES [MORE]               pipe -> socket splice()
 *   sendfile H BYTES                    memfd -> socket sendfile()
 *   misc H connect|listen|shutdown|getsockname|getpeername|fionread
 *   nlsocket H                          socket(AF_NETLINK, SOCK_RAW,
 *                                       NETLINK_CRYPTO)
 *   nlmsg H MSG NAME DRIVER [type=N] [mask=N] [prio=N] [len=N] [show=WHAT]
 *         [nocap]
 *          one NETLINK_CRYPTO request (NLM_F_REQUEST|NLM_F_ACK) with a
 *          struct crypto_user_alg: MSG new|del|update|get|delrng|number;
 *          NAME/DRIVER text, "-" or "x:BYTES" (copied into the 64-byte
 *          fields, so 64 bytes leave no NUL); prio= appends a
 *          CRYPTOCFGA_PRIORITY_VAL attribute; len= overrides nlmsg_len.
 *          Reads replies up to the ack: ret is 0 or -1 with the ack's
 *          errno. A GETALG report prints data=cru_name (hex) and
 *          flags=cru_flags & 0x280f (type, INSTANCE, INTERNAL); show=prio
 *          prints ret=priority instead, show=driver data=cru_driver_name.
 *          nocap: run it in a child process without CAP_NET_ADMIN.
 *
 * Trailing tokens accepted by every operation:
 *   nodata        print data=~LEN instead of the bytes (random output)
 *   save=V        (reads) keep the returned bytes in variable V (A..Z)
 *   timeout=MS    alarm for this operation (default 3000 ms): a call that
 *                 would block forever ends with EINTR (or a short count);
 *                 one that ignores the signal is reported as "=> hang"
 *                 about 5 s later and the driver exits with status 3
 *
 * OUTPUT: each operation echoes its line, then " => " and one result:
 *   ret=N errno=NAME data=HEX flags=0xF
 * ret is the return value, except that a successful socket()/accept()
 * prints ret=fd (descriptor numbers differ between implementations).
 * errno is "-" when the call succeeded.  data is "-" for calls that
 * return no bytes.  flags is msg_flags (recvmsg), revents (poll), else 0.
 * Syntax errors in a transcript print "=> syntax" and exit status is 2;
 * an @V reference to bytes that an earlier read did not return prints
 * "=> novar" and the operation is not run.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/cryptouser.h>
#include <linux/netlink.h>
#include <sys/syscall.h>

#ifndef AF_ALG
#define AF_ALG 38
#endif
#ifndef SOL_ALG
#define SOL_ALG 279
#endif

#define MAX_HANDLES 64
#define MAX_TOKENS 64
#define MAX_IOV 64
#define DEFAULT_TIMEOUT_MS 3000

static int handles[MAX_HANDLES];
static unsigned char *vars[26];
static size_t var_len[26];
static int syntax_errors;
static int var_missing; /* an @V reference named bytes that are not there */
static long transcript_no, skip_transcripts; /* --from N skips N transcripts */

struct name_val {
	const char *name;
	long val;
};

static const struct name_val msg_flag_names[] = {
	{ "MORE", MSG_MORE },	  { "DONTWAIT", MSG_DONTWAIT },
	{ "TRUNC", MSG_TRUNC },	  { "PEEK", MSG_PEEK },
	{ "WAITALL", MSG_WAITALL }, { "OOB", MSG_OOB },
	{ "CTRUNC", MSG_CTRUNC }, { "NOSIGNAL", MSG_NOSIGNAL },
	{ NULL, 0 },
};

static const struct name_val sock_flag_names[] = {
	{ "NONBLOCK", SOCK_NONBLOCK },
	{ "CLOEXEC", SOCK_CLOEXEC },
	{ NULL, 0 },
};

static const struct name_val poll_names[] = {
	{ "IN", POLLIN },	  { "OUT", POLLOUT },	      { "PRI", POLLPRI },
	{ "RDNORM", POLLRDNORM }, { "WRNORM", POLLWRNORM }, { "WRBAND", POLLWRBAND },
	{ "RDHUP", POLLRDHUP },	  { NULL, 0 },
};

static const struct name_val sock_types[] = {
	{ "seqpacket", SOCK_SEQPACKET }, { "stream", SOCK_STREAM },
	{ "dgram", SOCK_DGRAM },	 { "raw", SOCK_RAW },
	{ NULL, 0 },
};

static const struct name_val levels[] = {
	{ "alg", SOL_ALG }, { "socket", SOL_SOCKET }, { "ip", 0 }, { NULL, 0 },
};

static const struct name_val optnames[] = {
	{ "key", 1 },	   { "iv", 2 },	       { "op", 3 },
	{ "assoclen", 4 }, { "authsize", 5 },  { "entropy", 6 },
	{ "keyserial", 7 }, { "sndbuf", SO_SNDBUF }, { "rcvbuf", SO_RCVBUF },
	{ "type", SO_TYPE }, { "domain", SO_DOMAIN }, { "protocol", SO_PROTOCOL },
	{ NULL, 0 },
};

static int parse_num(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 0);
	return (errno || end == s || *end) ? -1 : 0;
}

/* A name from @tab, a number, or a ","-joined list of either (ORed). */
static int parse_flags(const char *s, const struct name_val *tab, long *out)
{
	char buf[256], *tok, *save;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	*out = 0;
	for (tok = strtok_r(buf, ",|", &save); tok; tok = strtok_r(NULL, ",|", &save)) {
		const struct name_val *nv;
		long v;

		for (nv = tab; nv->name; nv++)
			if (!strcmp(nv->name, tok))
				break;
		if (nv->name)
			v = nv->val;
		else if (parse_num(tok, &v))
			return -1;
		*out |= v;
	}
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Appends "@V[.OFF.LEN][^I]" (@seg, @seglen bytes) to *b. */
static int var_segment(const char *seg, size_t seglen, unsigned char **b, size_t *len, size_t *cap)
{
	char buf[64], *flip;
	long off = 0, n, fl = -1;
	int v;

	if (seglen >= sizeof(buf) || seglen < 2)
		return -1;
	memcpy(buf, seg, seglen);
	buf[seglen] = 0;
	v = buf[1] - 'A';
	if (v < 0 || v >= 26)
		return -1;
	n = (long)var_len[v];
	flip = strchr(buf, '^');
	if (flip) {
		*flip = 0;
		if (parse_num(flip + 1, &fl))
			return -1;
	}
	if (buf[2] == '.') {
		char *dot = strchr(buf + 3, '.');

		if (!dot)
			return -1;
		*dot = 0;
		if (parse_num(buf + 3, &off) || parse_num(dot + 1, &n))
			return -1;
		if (off < 0 || n < 0 || (size_t)(off + n) > var_len[v])
			return -1;
	} else if (buf[2]) {
		return -1;
	}
	if (fl >= n)
		return -1;
	while (*len + (size_t)n + 1 > *cap) {
		*cap *= 2;
		*b = realloc(*b, *cap);
		if (!*b)
			return -1;
	}
	memcpy(*b + *len, vars[v] + off, (size_t)n);
	if (fl >= 0)
		(*b)[*len + (size_t)fl] ^= 1;
	*len += (size_t)n;
	return 0;
}

/* Parses BYTES into a malloc'ed buffer; returns its length or -1. */
static long parse_bytes(const char *s, unsigned char **out)
{
	size_t cap = 64, len = 0;
	unsigned char *b = malloc(cap);
	const char *p = s;

	if (!b)
		return -1;
	if (!strcmp(s, "-")) {
		*out = b;
		return 0;
	}
	if (!strncmp(s, "s:", 2)) {
		len = strlen(s + 2);
		free(b);
		b = malloc(len + 1);
		memcpy(b, s + 2, len);
		*out = b;
		return (long)len;
	}
	while (*p) {
		const char *seg = p, *star = NULL;
		size_t seglen, nhex, i;
		long rep = 1;

		while (*p && *p != '+') {
			if (*p == '*' && !star)
				star = p;
			p++;
		}
		seglen = (size_t)(p - seg);
		if (seg[0] == '@') {
			if (var_segment(seg, seglen, &b, &len, &cap)) {
				var_missing = 1;
				goto bad;
			}
			if (*p == '+')
				p++;
			continue;
		}
		nhex = star ? (size_t)(star - seg) : seglen;
		if (star) {
			char num[32];
			size_t nl = seglen - nhex - 1;

			if (nl == 0 || nl >= sizeof(num))
				goto bad;
			memcpy(num, star + 1, nl);
			num[nl] = 0;
			if (parse_num(num, &rep) || rep < 0)
				goto bad;
		}
		if (nhex % 2)
			goto bad;
		while (len + nhex / 2 * (size_t)rep + 1 > cap) {
			cap *= 2;
			b = realloc(b, cap);
			if (!b)
				return -1;
		}
		for (i = 0; i < nhex / 2; i++) {
			int hi = hexval(seg[2 * i]), lo = hexval(seg[2 * i + 1]);

			if (hi < 0 || lo < 0)
				goto bad;
			b[len + i] = (unsigned char)(hi << 4 | lo);
		}
		for (long r = 1; r < rep; r++)
			memcpy(b + len + (size_t)r * (nhex / 2), b + len, nhex / 2);
		len += nhex / 2 * (size_t)rep;
		if (*p == '+')
			p++;
	}
	*out = b;
	return (long)len;
bad:
	free(b);
	return -1;
}

/* TYPE/NAME of bind: text, "-" (empty) or "x:BYTES". */
static long parse_text(const char *s, unsigned char **out)
{
	if (!strncmp(s, "x:", 2))
		return parse_bytes(s + 2, out);
	if (!strcmp(s, "-"))
		return parse_bytes("-", out);
	*out = (unsigned char *)strdup(s);
	return (long)strlen(s);
}

/* ------------------------------------------------------------------ */

struct result {
	long ret;
	int err;
	const unsigned char *data;
	long datalen; /* -1: no data field */
	long flags;
};

static int opt_nodata;

static void print_result(const char *line, const struct result *r)
{
	printf("%s => ret=%ld errno=", line, r->ret);
	if (r->err) {
		const char *n = strerrorname_np(r->err);

		if (n)
			printf("%s", n);
		else
			printf("%d", r->err);
	} else {
		printf("-");
	}
	printf(" data=");
	if (r->datalen < 0 || (r->ret < 0 && r->err))
		printf("-");
	else if (opt_nodata)
		printf("~%ld", r->datalen);
	else if (r->datalen == 0)
		printf("\"\"");
	else
		for (long i = 0; i < r->datalen; i++)
			printf("%02x", r->data[i]);
	printf(" flags=0x%lx\n", r->flags);
	fflush(stdout);
}

static const char *cur_line;
static volatile sig_atomic_t alarms;

/*
 * The first SIGALRM interrupts a blocked call (EINTR or a short count).  An
 * implementation that keeps waiting anyway gets a signal every second; after
 * HANG_ALARMS of them the driver reports "=> hang" and exits with status 3
 * (compare.py then resumes with the next transcript, --from).
 */
#define HANG_ALARMS 3

static void on_alarm(int sig)
{
	(void)sig;
	if (++alarms >= HANG_ALARMS && cur_line) {
		static const char msg[] = " => hang\n";

		if (write(1, cur_line, strlen(cur_line)) < 0 || write(1, msg, sizeof(msg) - 1) < 0)
			_exit(3);
		_exit(3);
	}
}

static void arm(long ms)
{
	struct itimerval it = { { ms ? 1 : 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };

	alarms = 0;
	setitimer(ITIMER_REAL, &it, NULL);
}

static int get_handle(const char *s, int *fd)
{
	long h;

	if (parse_num(s, &h) || h < 1 || h >= MAX_HANDLES)
		return -1;
	*fd = handles[h];
	return (int)h;
}

static void close_all(void)
{
	for (int h = MAX_HANDLES - 1; h > 0; h--)
		if (handles[h] >= 0) {
			close(handles[h]);
			handles[h] = -1;
		}
}

/* Looks up "key=" among tokens; returns the value or NULL. */
static const char *kw(char **tok, int ntok, int from, const char *key)
{
	size_t kl = strlen(key);

	for (int i = from; i < ntok; i++)
		if (!strncmp(tok[i], key, kl) && tok[i][kl] == '=')
			return tok[i] + kl + 1;
	return NULL;
}

static int has(char **tok, int ntok, int from, const char *word)
{
	for (int i = from; i < ntok; i++)
		if (!strcmp(tok[i], word))
			return 1;
	return 0;
}

static int flag_arg(char **tok, int ntok, int from, long *flags)
{
	const char *f = kw(tok, ntok, from, "flags");

	*flags = 0;
	return f ? parse_flags(f, msg_flag_names, flags) : 0;
}

/* Builds the control buffer of sendmsg from op=/iv=/assoc=/cmsg= tokens. */
static int build_cmsgs(char **tok, int ntok, int from, unsigned char **ctl, size_t *ctllen)
{
	size_t cap = 0, len = 0;
	unsigned char *buf = NULL;

	for (int i = from; i < ntok; i++) {
		unsigned char *payload = NULL;
		long plen;
		int level = SOL_ALG, type;
		struct cmsghdr *c;
		long v;

		if (!strncmp(tok[i], "op=", 3) || !strncmp(tok[i], "assoc=", 6)) {
			uint32_t u;

			if (parse_num(strchr(tok[i], '=') + 1, &v))
				return -1;
			u = (uint32_t)v;
			type = tok[i][0] == 'o' ? 3 : 4;
			payload = malloc(4);
			memcpy(payload, &u, 4);
			plen = 4;
		} else if (!strncmp(tok[i], "iv=", 3)) {
			unsigned char *iv;
			long ivl = parse_bytes(tok[i] + 3, &iv);
			uint32_t u = (uint32_t)ivl;

			if (ivl < 0)
				return -1;
			type = 2;
			payload = malloc((size_t)ivl + 4);
			memcpy(payload, &u, 4);
			memcpy(payload + 4, iv, (size_t)ivl);
			free(iv);
			plen = ivl + 4;
		} else if (!strncmp(tok[i], "cmsg=", 5)) {
			char lv[32], *c1, *c2;
			long l, t;

			c1 = strchr(tok[i] + 5, ':');
			c2 = c1 ? strchr(c1 + 1, ':') : NULL;
			if (!c2 || (size_t)(c1 - tok[i] - 5) >= sizeof(lv))
				return -1;
			memcpy(lv, tok[i] + 5, (size_t)(c1 - tok[i] - 5));
			lv[c1 - tok[i] - 5] = 0;
			if (parse_flags(lv, levels, &l))
				return -1;
			*c2 = 0;
			if (parse_num(c1 + 1, &t)) {
				*c2 = ':';
				return -1;
			}
			*c2 = ':';
			level = (int)l;
			type = (int)t;
			plen = parse_bytes(c2 + 1, &payload);
			if (plen < 0)
				return -1;
		} else {
			continue;
		}
		if (len + CMSG_SPACE((size_t)plen) > cap) {
			cap = (len + CMSG_SPACE((size_t)plen)) * 2;
			buf = realloc(buf, cap);
		}
		memset(buf + len, 0, CMSG_SPACE((size_t)plen));
		c = (struct cmsghdr *)(buf + len);
		c->cmsg_level = level;
		c->cmsg_type = type;
		c->cmsg_len = CMSG_LEN((size_t)plen);
		memcpy(CMSG_DATA(c), payload, (size_t)plen);
		free(payload);
		len += CMSG_SPACE((size_t)plen);
	}
	*ctl = buf;
	*ctllen = len;
	return 0;
}

/* ","-joined BYTES -> iovecs (buffers owned by caller: free iov[i].base) */
static int build_iovs(const char *s, struct iovec *iov, int *niov)
{
	char *copy = strdup(s), *tok, *save;

	*niov = 0;
	if (!strcmp(s, "-")) {
		free(copy);
		return 0;
	}
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned char *b;
		long l = parse_bytes(tok, &b);

		if (l < 0 || *niov >= MAX_IOV) {
			free(copy);
			return -1;
		}
		iov[*niov].iov_base = b;
		iov[*niov].iov_len = (size_t)l;
		(*niov)++;
	}
	free(copy);
	return 0;
}

/* ","-joined sizes -> zero-filled receive iovecs */
static int build_rx_iovs(const char *s, struct iovec *iov, int *niov, size_t *total)
{
	char *copy = strdup(s), *tok, *save;

	*niov = 0;
	*total = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		long n;

		if (parse_num(tok, &n) || n < 0 || *niov >= MAX_IOV) {
			free(copy);
			return -1;
		}
		iov[*niov].iov_base = calloc(1, (size_t)n + 1);
		iov[*niov].iov_len = (size_t)n;
		*total += (size_t)n;
		(*niov)++;
	}
	free(copy);
	return 0;
}

static unsigned char *gather(const struct iovec *iov, int niov, size_t total)
{
	unsigned char *b = malloc(total + 1);
	size_t off = 0;

	for (int i = 0; i < niov; i++) {
		memcpy(b + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}
	return b;
}

static void free_iovs(struct iovec *iov, int niov)
{
	for (int i = 0; i < niov; i++)
		free(iov[i].iov_base);
}

static const struct name_val nl_msgs[] = {
	{ "new", CRYPTO_MSG_NEWALG },	    { "del", CRYPTO_MSG_DELALG },
	{ "update", CRYPTO_MSG_UPDATEALG }, { "get", CRYPTO_MSG_GETALG },
	{ "delrng", CRYPTO_MSG_DELRNG },    { NULL, 0 },
};

/* what a GETALG report shows (see nlmsg above) */
struct nl_report {
	int seen;
	char name[CRYPTO_MAX_NAME], driver[CRYPTO_MAX_NAME];
	uint32_t flags, prio;
};

/*
 * Sends one request on fd and reads datagrams (without blocking: the
 * kernel answers inside sendmsg) until its ack. Returns 0 or -errno.
 */
static int nl_request(int fd, const unsigned char *msg, size_t len, struct nl_report *rep)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	static unsigned char buf[65536];
	ssize_t n;

	if (sendto(fd, msg, len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return -errno;
	for (;;) {
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0)
			return -errno;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			if (h->nlmsg_type == CRYPTO_MSG_GETALG &&
			    h->nlmsg_len >= NLMSG_LENGTH(sizeof(struct crypto_user_alg))) {
				const struct crypto_user_alg *u = NLMSG_DATA(h);
				const struct nlattr *a = (const void *)((const char *)u +
									NLMSG_ALIGN(sizeof(*u)));

				rep->seen = 1;
				memcpy(rep->name, u->cru_name, sizeof(rep->name));
				memcpy(rep->driver, u->cru_driver_name, sizeof(rep->driver));
				rep->name[sizeof(rep->name) - 1] = rep->driver[sizeof(rep->driver) - 1] = 0;
				rep->flags = u->cru_flags;
				if ((const char *)a + NLA_HDRLEN + 4 <= (const char *)h + h->nlmsg_len &&
				    a->nla_type == CRYPTOCFGA_PRIORITY_VAL)
					memcpy(&rep->prio, (const char *)a + NLA_HDRLEN, 4);
			}
		}
	}
}

/* nl_request in a child that has dropped CAP_NET_ADMIN (a socket of its own) */
static int nl_request_nocap(const unsigned char *msg, size_t len)
{
	int p[2], res = -EIO, st;
	pid_t pid;

	if (pipe(p))
		return -errno;
	pid = fork();
	if (pid == 0) {
		struct __user_cap_header_struct hd = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct d[2];
		struct nl_report rep = { 0 };
		int fd;

		if (syscall(SYS_capget, &hd, d) == 0) {
			d[CAP_NET_ADMIN / 32].effective &= ~(1u << (CAP_NET_ADMIN % 32));
			if (syscall(SYS_capset, &hd, d))
				_exit(1);
		}
		fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_CRYPTO);
		res = fd < 0 ? -errno : nl_request(fd, msg, len, &rep);
		if (write(p[1], &res, sizeof(res)) != sizeof(res))
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &res, sizeof(res)) != sizeof(res))
		res = -EIO;
	close(p[0]);
	if (pid > 0)
		waitpid(pid, &st, 0);
	return res;
}

static int run_nlmsg(char **tok, int ntok, int fd, struct result *r)
{
	struct {
		struct nlmsghdr h;
		struct crypto_user_alg u;
		struct nlattr a;
		uint32_t prio;
	} m;
	static char shown[CRYPTO_MAX_NAME];
	struct nl_report rep = { 0 };
	unsigned char *name, *drv;
	long type, nl, dl, v;
	const char *s, *show;
	size_t len = NLMSG_LENGTH(sizeof(m.u));
	int e;

	if (ntok < 5 || parse_flags(tok[2], nl_msgs, &type))
		return -1;
	nl = parse_text(tok[3], &name);
	dl = parse_text(tok[4], &drv);
	if (nl < 0 || dl < 0 || nl > CRYPTO_MAX_NAME || dl > CRYPTO_MAX_NAME)
		return -1;
	memset(&m, 0, sizeof(m));
	memcpy(m.u.cru_name, name, (size_t)nl);
	memcpy(m.u.cru_driver_name, drv, (size_t)dl);
	free(name);
	free(drv);
	if ((s = kw(tok, ntok, 5, "type"))) {
		if (parse_num(s, &v))
			return -1;
		m.u.cru_type = (uint32_t)v;
	}
	if ((s = kw(tok, ntok, 5, "mask"))) {
		if (parse_num(s, &v))
			return -1;
		m.u.cru_mask = (uint32_t)v;
	}
	if ((s = kw(tok, ntok, 5, "prio"))) {
		if (parse_num(s, &v))
			return -1;
		m.a.nla_len = NLA_HDRLEN + 4;
		m.a.nla_type = CRYPTOCFGA_PRIORITY_VAL;
		m.prio = (uint32_t)v;
		len = NLMSG_ALIGN(len) + NLA_HDRLEN + 4;
	}
	if ((s = kw(tok, ntok, 5, "len"))) {
		if (parse_num(s, &v) || v < (long)NLMSG_HDRLEN || v > (long)sizeof(m))
			return -1;
		len = (size_t)v;
	}
	m.h.nlmsg_len = (uint32_t)len;
	m.h.nlmsg_type = (uint16_t)type;
	m.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	m.h.nlmsg_seq = 1;
	e = has(tok, ntok, 5, "nocap") ? nl_request_nocap((unsigned char *)&m, len)
				       : nl_request(fd, (unsigned char *)&m, len, &rep);
	r->ret = e ? -1 : 0;
	errno = -e;
	if (e || !rep.seen)
		return 0;
	show = kw(tok, ntok, 5, "show");
	if (show && !strcmp(show, "prio")) {
		r->ret = rep.prio;
		return 0;
	}
	memcpy(shown, show && !strcmp(show, "driver") ? rep.driver : rep.name, sizeof(shown));
	r->data = (const unsigned char *)shown;
	r->datalen = (long)strlen(shown);
	r->flags = rep.flags & 0x280f;
	return 0;
}

/* Executes one tokenised operation; fills @r.  Returns -1 on syntax error. */
static int run_op(char **tok, int ntok, struct result *r)
{
	const char *op = tok[0];
	int fd = -1, h;
	long flags;

	r->datalen = -1;
	r->flags = 0;
	if (ntok < 2)
		return -1;
	h = get_handle(tok[1], &fd);
	if (h < 0)
		return -1;
	errno = 0;

	if (!strcmp(op, "socket")) {
		long type = SOCK_SEQPACKET, proto = 0, sf = 0;
		const char *v;

		if ((v = kw(tok, ntok, 2, "type")) && parse_flags(v, sock_types, &type))
			return -1;
		if ((v = kw(tok, ntok, 2, "proto")) && parse_num(v, &proto))
			return -1;
		if ((v = kw(tok, ntok, 2, "flags")) && parse_flags(v, sock_flag_names, &sf))
			return -1;
		if (handles[h] >= 0)
			close(handles[h]);
		r->ret = socket(AF_ALG, (int)(type | sf), (int)proto);
		handles[h] = r->ret >= 0 ? (int)r->ret : -1;
		if (r->ret >= 0)
			r->ret = 0;
	} else if (!strcmp(op, "bind")) {
		unsigned char addr[256] = { 0 }, *t, *n;
		long tl, nl, feat = 0, mask = 0, alen = 88, fam = AF_ALG;
		const char *v;
		uint16_t f16;
		uint32_t u;

		if (ntok < 4)
			return -1;
		tl = parse_text(tok[2], &t);
		nl = parse_text(tok[3], &n);
		if (tl < 0 || nl < 0 || tl > 14 || nl > 256 - 24)
			return -1;
		if ((v = kw(tok, ntok, 4, "feat")) && parse_num(v, &feat))
			return -1;
		if ((v = kw(tok, ntok, 4, "mask")) && parse_num(v, &mask))
			return -1;
		if ((v = kw(tok, ntok, 4, "addrlen")) && parse_num(v, &alen))
			return -1;
		if ((v = kw(tok, ntok, 4, "family")) && parse_num(v, &fam))
			return -1;
		f16 = (uint16_t)fam;
		memcpy(addr, &f16, 2);
		memcpy(addr + 2, t, (size_t)tl);
		u = (uint32_t)feat;
		memcpy(addr + 16, &u, 4);
		u = (uint32_t)mask;
		memcpy(addr + 20, &u, 4);
		memcpy(addr + 24, n, (size_t)nl);
		free(t);
		free(n);
		r->ret = bind(fd, (struct sockaddr *)addr, (socklen_t)alen);
	} else if (!strcmp(op, "setsockopt")) {
		long level, opt, vl;
		unsigned char *val = NULL;

		if (ntok < 5 || parse_flags(tok[2], levels, &level) ||
		    parse_flags(tok[3], optnames, &opt))
			return -1;
		if (!strncmp(tok[4], "NULL:", 5)) {
			if (parse_num(tok[4] + 5, &vl))
				return -1;
		} else if (!strncmp(tok[4], "u32:", 4)) {
			long n;
			uint32_t u;

			if (parse_num(tok[4] + 4, &n))
				return -1;
			u = (uint32_t)n;
			val = malloc(4);
			memcpy(val, &u, 4);
			vl = 4;
		} else if ((vl = parse_bytes(tok[4], &val)) < 0) {
			return -1;
		}
		r->ret = setsockopt(fd, (int)level, (int)opt, val, (socklen_t)vl);
		free(val);
	} else if (!strcmp(op, "getsockopt")) {
		long level, opt, len;
		static unsigned char buf[1024];
		socklen_t sl;

		if (ntok < 5 || parse_flags(tok[2], levels, &level) ||
		    parse_flags(tok[3], optnames, &opt) || parse_num(tok[4], &len) ||
		    len < 0 || len > (long)sizeof(buf))
			return -1;
		sl = (socklen_t)len;
		memset(buf, 0, sizeof(buf));
		r->ret = getsockopt(fd, (int)level, (int)opt, buf, &sl);
		r->data = buf;
		r->datalen = r->ret == 0 ? (long)sl : -1;
	} else if (!strcmp(op, "accept")) {
		long nh, af = 0;
		const char *v;
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		int wantaddr = has(tok, ntok, 3, "addr");

		if (ntok < 3 || parse_num(tok[2], &nh) || nh < 1 || nh >= MAX_HANDLES)
			return -1;
		if ((v = kw(tok, ntok, 3, "flags")) && parse_flags(v, sock_flag_names, &af))
			return -1;
		if (handles[nh] >= 0)
			close(handles[nh]);
		r->ret = accept4(fd, wantaddr ? (struct sockaddr *)&ss : NULL,
				 wantaddr ? &sl : NULL, (int)af);
		handles[nh] = r->ret >= 0 ? (int)r->ret : -1;
		if (r->ret >= 0)
			r->ret = 0;
	} else if (!strcmp(op, "sendmsg")) {
		struct iovec iov[MAX_IOV];
		int niov;
		unsigned char *ctl;
		size_t ctllen;
		struct msghdr m = { 0 };

		if (ntok < 3 || flag_arg(tok, ntok, 3, &flags) || build_iovs(tok[2], iov, &niov) ||
		    build_cmsgs(tok, ntok, 3, &ctl, &ctllen))
			return -1;
		m.msg_iov = niov ? iov : NULL;
		m.msg_iovlen = (size_t)niov;
		m.msg_control = ctl;
		m.msg_controllen = ctllen;
		r->ret = sendmsg(fd, &m, (int)flags);
		free_iovs(iov, niov);
		free(ctl);
	} else if (!strcmp(op, "send") || !strcmp(op, "write") || !strcmp(op, "pwrite")) {
		unsigned char *b;
		long l, off = 0;

		if (ntok < 3 || (l = parse_bytes(tok[2], &b)) < 0)
			return -1;
		if (op[0] == 's') {
			if (flag_arg(tok, ntok, 3, &flags))
				return -1;
			r->ret = send(fd, b, (size_t)l, (int)flags);
		} else if (op[0] == 'w') {
			r->ret = write(fd, b, (size_t)l);
		} else {
			if (ntok < 4 || parse_num(tok[3], &off))
				return -1;
			r->ret = pwrite(fd, b, (size_t)l, off);
		}
		free(b);
	} else if (!strcmp(op, "recv") || !strcmp(op, "read") || !strcmp(op, "pread")) {
		static unsigned char *buf;
		long n, off = 0;

		if (ntok < 3 || parse_num(tok[2], &n) || n < 0 || n > (1L << 24))
			return -1;
		free(buf);
		buf = calloc(1, (size_t)n + 1);
		if (op[0] == 'r' && op[2] == 'c') {
			if (flag_arg(tok, ntok, 3, &flags))
				return -1;
			r->ret = recv(fd, buf, (size_t)n, (int)flags);
		} else if (op[0] == 'r') {
			r->ret = read(fd, buf, (size_t)n);
		} else {
			if (ntok < 4 || parse_num(tok[3], &off))
				return -1;
			r->ret = pread(fd, buf, (size_t)n, off);
		}
		r->data = buf;
		r->datalen = r->ret > 0 ? (r->ret < n ? r->ret : n) : 0;
	} else if (!strcmp(op, "recvmsg") || !strcmp(op, "readv")) {
		static unsigned char *buf;
		struct iovec iov[MAX_IOV];
		int niov;
		size_t total;
		struct msghdr m = { 0 };

		if (ntok < 3 || build_rx_iovs(tok[2], iov, &niov, &total))
			return -1;
		if (op[4] == 'm') {
			if (flag_arg(tok, ntok, 3, &flags)) {
				free_iovs(iov, niov);
				return -1;
			}
			m.msg_iov = iov;
			m.msg_iovlen = (size_t)niov;
			r->ret = recvmsg(fd, &m, (int)flags);
			r->flags = m.msg_flags;
		} else {
			r->ret = readv(fd, iov, niov);
		}
		free(buf);
		buf = gather(iov, niov, total);
		free_iovs(iov, niov);
		r->data = buf;
		r->datalen = r->ret > 0 ? ((size_t)r->ret < total ? r->ret : (long)total) : 0;
	} else if (!strcmp(op, "poll")) {
		long ev;
		struct pollfd p;

		if (ntok < 3 || parse_flags(tok[2], poll_names, &ev))
			return -1;
		p.fd = fd;
		p.events = (short)ev;
		p.revents = 0;
		r->ret = poll(&p, 1, 0);
		r->flags = (unsigned short)p.revents;
	} else if (!strcmp(op, "close")) {
		r->ret = close(fd);
		handles[h] = -1;
	} else if (!strcmp(op, "fcntl")) {
		int fl;

		if (ntok < 3)
			return -1;
		fl = fcntl(fd, F_GETFL);
		if (fl < 0) {
			r->ret = fl;
		} else if (!strcmp(tok[2], "NONBLOCK")) {
			r->ret = fcntl(fd, F_SETFL, fl | O_NONBLOCK);
		} else if (!strcmp(tok[2], "BLOCK")) {
			r->ret = fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
		} else {
			return -1;
		}
	} else if (!strcmp(op, "splice") || !strcmp(op, "sendfile")) {
		unsigned char *b;
		long l;
		int src[2] = { -1, -1 };

		if (ntok < 3 || (l = parse_bytes(tok[2], &b)) < 0)
			return -1;
		if (op[1] == 'p') {
			if (pipe(src) || write(src[1], b, (size_t)l) != l) {
				r->ret = -1;
			} else {
				unsigned int sf = has(tok, ntok, 3, "MORE") ? SPLICE_F_MORE : 0;

				errno = 0;
				r->ret = splice(src[0], NULL, fd, NULL, (size_t)l, sf);
			}
		} else {
			src[0] = memfd_create("ualg-oracle", 0);
			if (src[0] < 0 || write(src[0], b, (size_t)l) != l) {
				r->ret = -1;
			} else {
				off_t o = 0;

				errno = 0;
				r->ret = sendfile(fd, src[0], &o, (size_t)l);
			}
		}
		{
			int e = errno;

			if (src[0] >= 0)
				close(src[0]);
			if (src[1] >= 0)
				close(src[1]);
			errno = e;
		}
		free(b);
	} else if (!strcmp(op, "nlsocket")) {
		if (handles[h] >= 0)
			close(handles[h]);
		r->ret = socket(AF_NETLINK, SOCK_RAW, NETLINK_CRYPTO);
		handles[h] = r->ret >= 0 ? (int)r->ret : -1;
		if (r->ret >= 0)
			r->ret = 0;
	} else if (!strcmp(op, "nlmsg")) {
		if (run_nlmsg(tok, ntok, fd, r))
			return -1;
	} else if (!strcmp(op, "misc")) {
		struct sockaddr_storage ss = { 0 };
		socklen_t sl = sizeof(ss);
		int n;

		if (ntok < 3)
			return -1;
		if (!strcmp(tok[2], "connect")) {
			ss.ss_family = AF_ALG;
			r->ret = connect(fd, (struct sockaddr *)&ss, 88);
		} else if (!strcmp(tok[2], "listen")) {
			r->ret = listen(fd, 1);
		} else if (!strcmp(tok[2], "shutdown")) {
			r->ret = shutdown(fd, SHUT_RDWR);
		} else if (!strcmp(tok[2], "getsockname")) {
			r->ret = getsockname(fd, (struct sockaddr *)&ss, &sl);
		} else if (!strcmp(tok[2], "getpeername")) {
			r->ret = getpeername(fd, (struct sockaddr *)&ss, &sl);
		} else if (!strcmp(tok[2], "fionread")) {
			r->ret = ioctl(fd, FIONREAD, &n);
		} else {
			return -1;
		}
	} else {
		return -1;
	}
	r->err = r->ret < 0 ? errno : 0;
	return 0;
}

static void run_line(char *line)
{
	char *tok[MAX_TOKENS], *copy, *save, *t;
	int ntok = 0;
	long ms = DEFAULT_TIMEOUT_MS;
	const char *v;
	struct result r = { 0 };

	line[strcspn(line, "\r\n")] = 0;
	if (!line[0] || line[0] == '#')
		return;
	if (line[0] == 'T' && line[1] == ' ')
		transcript_no++;
	if (transcript_no <= skip_transcripts)
		return;
	if (line[0] == 'T' && line[1] == ' ') {
		close_all();
		for (int i = 0; i < 26; i++) {
			free(vars[i]);
			vars[i] = NULL;
			var_len[i] = 0;
		}
		printf("%s\n", line);
		fflush(stdout);
		return;
	}
	copy = strdup(line);
	for (t = strtok_r(copy, " \t", &save); t && ntok < MAX_TOKENS; t = strtok_r(NULL, " \t", &save))
		tok[ntok++] = t;
	opt_nodata = has(tok, ntok, 1, "nodata");
	cur_line = line;
	if ((v = kw(tok, ntok, 1, "timeout")) && parse_num(v, &ms))
		ms = DEFAULT_TIMEOUT_MS;
	arm(ms);
	var_missing = 0;
	if (ntok == 0 || run_op(tok, ntok, &r)) {
		arm(0);
		if (var_missing) {
			/* an earlier read returned less than the transcript saves */
			printf("%s => novar\n", line);
			fflush(stdout);
			free(copy);
			return;
		}
		printf("%s => syntax\n", line);
		fflush(stdout);
		syntax_errors++;
	} else {
		arm(0);
		print_result(line, &r);
		if ((v = kw(tok, ntok, 1, "save")) && v[0] >= 'A' && v[0] <= 'Z' &&
		    r.datalen > 0 && r.ret > 0) {
			int i = v[0] - 'A';

			free(vars[i]);
			vars[i] = malloc((size_t)r.datalen);
			memcpy(vars[i], r.data, (size_t)r.datalen);
			var_len[i] = (size_t)r.datalen;
		}
	}
	free(copy);
}

static void run_file(FILE *f)
{
	char *line = NULL;
	size_t cap = 0;

	while (getline(&line, &cap, f) > 0)
		run_line(line);
	free(line);
	close_all();
}

int main(int argc, char **argv)
{
	struct sigaction sa = { 0 };

	sa.sa_handler = on_alarm; /* no SA_RESTART: a blocked call ends with EINTR */
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (int h = 0; h < MAX_HANDLES; h++)
		handles[h] = -1;
	if (argc > 2 && !strcmp(argv[1], "--from")) {
		skip_transcripts = strtol(argv[2], NULL, 0);
		argc -= 2;
		argv += 2;
	}
	if (argc < 2) {
		run_file(stdin);
	} else {
		for (int i = 1; i < argc; i++) {
			FILE *f = fopen(argv[i], "r");

			if (!f) {
				perror(argv[i]);
				return 2;
			}
			run_file(f);
			fclose(f);
		}
	}
	return syntax_errors ? 2 : 0;
}
