/* SPDX-License-Identifier: MIT */
/*
 * ualg audit: which programs on this host use AF_ALG.
 *
 *   ualg audit [--json] [--btf FILE] [--duration T]    every process, for T or until Ctrl-C
 *   ualg audit [--json] [--btf FILE] [--duration T] -- CMD [ARG...]
 *                                                      CMD and its descendants, until CMD exits
 *
 * Two sources: the eBPF tracer (tracer.c, audit.bpf.c) sees every AF_ALG
 * call that reaches the kernel, answered or refused; the preload's channel
 * (channel.c) reports the sockets ualg serves, which never do. Both fill one
 * report, printed at the end. Exit codes: tracer.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit.h"
#include "channel.h"
#include "report.h"
#include "tracer.h"
#include "ualg/audit.h"

struct audit {
	struct ua_tracer *tracer;
	struct ua_channel *channel;
	struct ua_report *report;
	struct ua_run run;
	bool json, live;
	FILE *out;	   /* the report */
	uint64_t duration; /* ns, 0: none */
	pid_t child;
	int child_go;  /* write end: the child may exec */
	int child_err; /* read end: errno of a failed exec */
	int exec_errno;
};

static int usage(FILE *f)
{
	fputs("usage: ualg audit [--json] [--output FILE] [--duration TIME] [--btf FILE]\n"
	      "                  [-- CMD [ARG...]]\n"
	      "  Report the programs that use AF_ALG: every process until Ctrl-C or for\n"
	      "  TIME (30s, 5m, 1h, 500ms), or CMD and its children until CMD exits.\n"
	      "  --json       a machine-readable report\n"
	      "  --output F   write the report to F instead of stdout\n"
	      "  --btf FILE   kernel BTF to use when /sys/kernel/btf/vmlinux is missing\n"
	      "exit codes: 0 done, 1 failure, 2 usage, 3 not privileged (root or CAP_BPF +\n"
	      "  CAP_PERFMON), 4 no kernel BTF, 5 the kernel cannot run the tracer,\n"
	      "  6 built without audit support, 126/127 CMD cannot be run\n",
	      f);
	return f == stdout ? UA_EXIT_OK : UA_EXIT_USAGE;
}

/* "30s", "5m", "1h", "500ms", "10" (seconds) -> ns; 0 when invalid */
static uint64_t parse_duration(const char *s)
{
	static const struct {
		const char *suffix;
		uint64_t ns;
	} units[] = {
		{"", 1000000000ull},   {"s", 1000000000ull},	{"ms", 1000000ull},
		{"m", 60000000000ull}, {"min", 60000000000ull}, {"h", 3600000000000ull},
	};
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || !(v > 0) || v > 1e7)
		return 0;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(end, units[i].suffix))
			return (uint64_t)(v * (double)units[i].ns);
	return 0;
}

/* fork CMD stopped before exec, so its pid can be traced before it runs */
static int spawn(struct audit *a, char **argv)
{
	int go[2], err[2];
	char c;

	if (pipe2(go, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		return -errno;
	a->child = fork();
	if (a->child < 0)
		return -errno;
	if (!a->child) {
		close(go[1]);
		close(err[0]);
		if (read(go[0], &c, 1) != 1)
			_exit(UA_EXIT_FAIL); /* the audit could not start */
		execvp(argv[0], argv);
		c = (char)errno;
		(void)!write(err[1], &c, 1);
		_exit(errno == ENOENT ? UA_EXIT_NOTFOUND : UA_EXIT_NOEXEC);
	}
	close(go[0]);
	close(err[1]);
	a->child_go = go[1];
	a->child_err = err[0];
	return 0;
}

static bool channel_selected(void *arg, pid_t pid)
{
	return ua_tracer_selected(arg, pid);
}

static void drain(struct audit *a)
{
	(void)ua_tracer_consume(a->tracer);
	if (a->channel)
		(void)ua_channel_read(a->channel, a->report, channel_selected, a->tracer,
				      &a->run.lost_messages);
}

static void show_live(struct audit *a, bool last)
{
	unsigned int kprocs;
	uint64_t ksock, usock;

	if (!a->live)
		return;
	if (last) {
		fputs("\r\033[K", stderr);
		return;
	}
	/* the map holds the live processes' counts, the report those drained */
	ua_tracer_totals(a->tracer, &ksock, &kprocs);
	ksock += ua_report_sockets(a->report, UA_BY_KERNEL);
	usock = ua_report_sockets(a->report, UA_BY_UALG);
	fprintf(stderr,
		"\r\033[Kualg audit: %.0f s  AF_ALG sockets: %llu to the kernel (processes: %u), "
		"%llu served by ualg  (Ctrl-C to stop)",
		(double)(ua_boot_ns() - a->run.start) / 1e9, (unsigned long long)ksock, kprocs,
		(unsigned long long)usock);
	fflush(stderr);
}

static int add_fd(int ep, int fd)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

/* run until the duration ends, a signal stops it, or CMD exits */
static int loop(struct audit *a, const sigset_t *mask)
{
	struct itimerspec tick = {.it_interval = {1, 0}, .it_value = {1, 0}};
	int ep, sfd, tfd, interrupts = 0, r = 0, status;
	struct epoll_event ev[4];
	struct signalfd_siginfo si;
	bool done = false;
	uint64_t now;

	ep = epoll_create1(EPOLL_CLOEXEC);
	sfd = signalfd(-1, mask, SFD_CLOEXEC | SFD_NONBLOCK);
	tfd = timerfd_create(CLOCK_BOOTTIME, TFD_CLOEXEC | TFD_NONBLOCK);
	if (ep < 0 || sfd < 0 || tfd < 0 || timerfd_settime(tfd, 0, &tick, NULL) ||
	    add_fd(ep, sfd) || add_fd(ep, tfd) || add_fd(ep, ua_tracer_fd(a->tracer)) ||
	    (a->channel && add_fd(ep, ua_channel_fd(a->channel)))) {
		r = -errno;
		goto out;
	}
	show_live(a, false);
	while (!done) {
		int n = epoll_wait(ep, ev, 4, 200);

		if (n < 0 && errno != EINTR) {
			r = -errno;
			break;
		}
		for (int i = 0; i < n; i++) {
			int fd = ev[i].data.fd;

			if (fd == sfd) {
				while (read(sfd, &si, sizeof(si)) == sizeof(si)) {
					if (si.ssi_signo == SIGCHLD)
						continue;
					/* Ctrl-C reaches CMD too: wait, unless pressed twice */
					if (a->child > 0 && si.ssi_signo == SIGINT && !interrupts++)
						continue;
					if (a->child > 0 && si.ssi_signo == SIGTERM)
						(void)kill(a->child, SIGTERM);
					done = a->child <= 0 || interrupts > 1 ||
					       si.ssi_signo != SIGTERM;
				}
			} else if (fd == tfd) {
				uint64_t ticks;

				(void)!read(tfd, &ticks, sizeof(ticks));
				if (ua_tracer_drain(a->tracer, a->report) < 0) {
					r = -ENOMEM;
					done = true;
				}
				show_live(a, false);
			}
		}
		drain(a);
		if (a->child > 0 && waitpid(a->child, &status, WNOHANG) == a->child) {
			a->run.command_status = status;
			a->child = 0;
			done = true;
		}
		now = ua_boot_ns();
		if (a->duration && now - a->run.start >= a->duration)
			done = true;
	}
	drain(a);
	show_live(a, true);
out:
	if (ep >= 0)
		close(ep);
	if (sfd >= 0)
		close(sfd);
	if (tfd >= 0)
		close(tfd);
	return r;
}

static int run(struct audit *a, char **cmd, const char *btf)
{
	sigset_t mask;
	int r;
	char e;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGCHLD);
	if (cmd) {
		r = spawn(a, cmd);
		if (r < 0) {
			fprintf(stderr, "ualg audit: cannot start %s: %s\n", cmd[0], strerror(-r));
			return UA_EXIT_FAIL;
		}
	}
	r = ua_tracer_open(&a->tracer, btf, cmd != NULL);
	if (r)
		return r;
	if (a->child > 0 && ua_tracer_follow(a->tracer, a->child) < 0) {
		fprintf(stderr, "ualg audit: cannot follow %s: %s\n", cmd[0], strerror(errno));
		return UA_EXIT_FAIL;
	}
	r = ua_channel_open(&a->channel, UALG_AUDIT_DIR);
	if (r < 0) {
		fprintf(stderr,
			"ualg audit: warning: cannot listen on %s (%s): programs served by "
			"ualg will not be reported\n",
			UALG_AUDIT_DIR, strerror(-r));
		a->channel = NULL;
	}
	/* from here SIGINT/SIGTERM stop the audit and still print the report */
	(void)sigprocmask(SIG_BLOCK, &mask, NULL);
	a->run.start = ua_boot_ns();
	if (cmd) {
		if (write(a->child_go, "g", 1) != 1)
			return UA_EXIT_FAIL;
		close(a->child_go);
		a->child_go = -1;
		if (read(a->child_err, &e, 1) == 1)
			a->exec_errno = e;
		close(a->child_err);
		a->child_err = -1;
	} else {
		fprintf(stderr, "ualg audit: tracing every process %s\n",
			a->duration ? "for the given duration" : "until Ctrl-C");
	}
	if (a->exec_errno) {
		fprintf(stderr, "ualg audit: %s: %s\n", cmd[0], strerror(a->exec_errno));
		return a->exec_errno == ENOENT ? UA_EXIT_NOTFOUND : UA_EXIT_NOEXEC;
	}
	r = loop(a, &mask);
	a->run.end = ua_boot_ns();
	if (r < 0) {
		fprintf(stderr, "ualg audit: %s\n", strerror(-r));
		return UA_EXIT_FAIL;
	}
	if (ua_tracer_collect(a->tracer, a->report, &a->run) < 0) {
		fprintf(stderr, "ualg audit: reading the counts: %s\n", strerror(errno));
		return UA_EXIT_FAIL;
	}
	ua_report_print(a->report, &a->run, a->out, a->json);
	if (fflush(a->out) || ferror(a->out)) {
		fprintf(stderr, "ualg audit: writing the report: %s\n", strerror(errno));
		return UA_EXIT_FAIL;
	}
	return UA_EXIT_OK;
}

/* see audit.h */
int ualg_audit_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},      {"duration", required_argument, NULL, 'd'},
		{"btf", required_argument, NULL, 'b'}, {"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},      {},
	};
	struct audit a = {.child_go = -1, .child_err = -1, .run.command_status = -1};
	const char *btf = NULL, *output = NULL;
	char **cmd = NULL;
	int c, r;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+jd:b:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'j':
			a.json = true;
			break;
		case 'd':
			a.duration = parse_duration(optarg);
			if (!a.duration) {
				fprintf(stderr, "ualg audit: bad duration '%s'\n", optarg);
				return UA_EXIT_USAGE;
			}
			break;
		case 'b':
			btf = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			return usage(stdout);
		default:
			return usage(stderr);
		}
	}
	if (optind < argc) {
		if (strcmp(argv[optind - 1], "--")) {
			fprintf(stderr, "ualg audit: put '--' before the command\n");
			return usage(stderr);
		}
		cmd = argv + optind;
		a.run.command = cmd;
	}
	a.live = isatty(STDERR_FILENO);
	a.out = stdout;
	if (output && !(a.out = fopen(output, "we"))) {
		fprintf(stderr, "ualg audit: %s: %s\n", output, strerror(errno));
		return UA_EXIT_FAIL;
	}
	a.report = ua_report_new();
	if (!a.report) {
		if (a.out != stdout)
			fclose(a.out);
		return UA_EXIT_FAIL;
	}
	r = run(&a, cmd, btf);
	if (a.child > 0) {
		/* the audit failed before CMD could run: it exits on EOF */
		if (a.child_go >= 0)
			close(a.child_go);
		(void)waitpid(a.child, NULL, 0);
	}
	if (a.child_err >= 0)
		close(a.child_err);
	ua_channel_close(a.channel);
	ua_tracer_close(a.tracer);
	ua_report_free(a.report);
	if (a.out != stdout && fclose(a.out) && !r)
		r = UA_EXIT_FAIL;
	return r;
}
