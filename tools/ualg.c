/* SPDX-License-Identifier: MIT */
/*
 * The ualg command: a table of subcommands over the public API
 * (include/ualg/ualg.h) and plain libc. ualg(1) is its manual (doc/ualg.1.scd);
 * `ualg help COMMAND` prints a command's row of the table below.
 *
 * Adding a command is adding a row: its name, function, synopsis (after
 * "ualg NAME"), one-line summary for `ualg --help`, and the text of
 * `ualg help NAME` (NULL: the command prints its own, given --help). Every
 * function takes (argc, argv) with argv[0] its name and returns the exit
 * status: 0 success, 1 failure, 2 usage error (cli.h), and for run and audit
 * the others their manuals give.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "ualg/ualg.h"
#include "cli.h"

static int cmd_list(int argc, char **argv)
{
	const char *type = NULL, *name = NULL;
	int r;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--type") && i + 1 < argc && !type)
			type = argv[++i];
		else if (!name && argv[i][0] != '-')
			name = argv[i];
		else
			return ualg_cli_usage(argv[0]);
	}
	if (!name) {
		r = ualg_list(stdout);
		return r < 0 ? UALG_EXIT_FAIL : UALG_EXIT_OK;
	}
	r = ualg_show(stdout, type, name);
	if (r < 0) {
		fprintf(stderr, "ualg: %s: %s\n", name, strerror(-r));
		return UALG_EXIT_FAIL;
	}
	return UALG_EXIT_OK;
}

/* see cli.h */
const char *ualg_cli_preload_path(void)
{
	static char buf[PATH_MAX], real[PATH_MAX];
	const char *env = getenv("UALG_PRELOAD");
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	/* a build tree: tools/ualg beside src/preload/ */
	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = '\0';
		slash = strrchr(buf, '/');
		if (slash) {
			*slash = '\0';
			if (strlen(buf) + sizeof("/../src/preload/libualg-preload.so") <
			    sizeof(buf)) {
				strcat(buf, "/../src/preload/libualg-preload.so");
				/* a canonical absolute path for LD_PRELOAD */
				if (!access(buf, R_OK) && realpath(buf, real))
					return real;
			}
		}
	}
	return UALG_PRELOAD_INSTALLED;
}

static int cmd_run(int argc, char **argv)
{
	const char *preload = ualg_cli_preload_path(), *old;
	char *val;
	int i = 1;

	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc)
		return ualg_cli_usage(argv[0]);
	if (access(preload, R_OK)) {
		fprintf(stderr, "ualg: preload library %s: %s\n", preload, strerror(errno));
		return 127;
	}
	old = getenv("LD_PRELOAD");
	if (old && *old) {
		if (asprintf(&val, "%s:%s", preload, old) < 0)
			return 127;
	} else if (!(val = strdup(preload)))
		return 127;
	if (setenv("LD_PRELOAD", val, 1)) {
		free(val);
		return 127;
	}
	free(val);
	execvp(argv[i], argv + i);
	fprintf(stderr, "ualg: %s: %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}

static int cmd_version(int argc, char **argv)
{
	if (argc > 1)
		return ualg_cli_usage(argv[0]);
	printf("ualg %s\n", ualg_version());
	return UALG_EXIT_OK;
}

static int cmd_help(int argc, char **argv);

static const struct subcommand {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *synopsis;
	const char *summary;
	const char *help;
} subcommands[] = {
	{ "run", cmd_run, "[--] PROGRAM [ARG...]", "run PROGRAM with AF_ALG served by ualg",
	  "Runs PROGRAM with the preload prepended to LD_PRELOAD (kept otherwise), so its\n"
	  "AF_ALG sockets are served by ualg. Exits with PROGRAM's status; 127 when PROGRAM\n"
	  "or the preload is not found, 126 when PROGRAM cannot be executed.\n" },
	{ "list", cmd_list, "[NAME] [--type hash|skcipher|aead|rng]",
	  "algorithms, in /proc/crypto format",
	  "Without NAME: every algorithm, each base algorithm self-tested first, in\n"
	  "/proc/crypto format. With NAME: the algorithm a bind() to NAME would get\n"
	  "(templates are instantiated: 'gcm(aes)'), of TYPE only when --type is given.\n" },
	{ "enable", ualg_cli_enable, "--system | --unit NAME [--root DIR]",
	  "turn ualg on for the machine or a systemd service",
	  "--system adds the preload to /etc/ld.so.preload: every dynamically linked program\n"
	  "started afterwards gets AF_ALG from ualg. --unit NAME writes the drop-in\n"
	  "/etc/systemd/system/NAME.d/ualg.conf, which sets LD_PRELOAD for that service\n"
	  "(NAME without a suffix means NAME.service); restart the unit to apply it.\n"
	  "Nothing is written unless `ualg check` passes with that preload and every\n"
	  "algorithm passes its self-test; the file is replaced atomically, its other\n"
	  "entries kept, and enabling twice changes nothing. --root DIR acts on the files\n"
	  "under DIR instead of /.\n" },
	{ "disable", ualg_cli_disable, "--system | --unit NAME | --all [--root DIR]",
	  "turn ualg off again",
	  "--system removes the ualg preload from /etc/ld.so.preload, keeping every other\n"
	  "byte (the file is deleted when nothing else is in it); --unit NAME removes the\n"
	  "drop-in that `ualg enable --unit NAME` wrote; --all does both, for every unit.\n"
	  "Disabling what is not enabled is not an error.\n" },
	{ "status", ualg_cli_status, "[--root DIR]", "where ualg is on, and whether it works",
	  "Reports the version, whether the kernel itself has AF_ALG (a raw socket(AF_ALG)\n"
	  "call), the preload's path, whether /etc/ld.so.preload lists it, the units that\n"
	  "have a ualg drop-in, the self-test summary and the result of `ualg check`.\n"
	  "Exits 1 when the check or a self-test fails.\n" },
	{ "check", ualg_cli_check, "[--preload PATH | --in-process]",
	  "load the preload in a new process and test it",
	  "Starts `ualg check --in-process` with LD_PRELOAD set to the preload (or PATH),\n"
	  "which computes known answers for hash, hmac, skcipher and aead sockets through\n"
	  "AF_ALG and checks that ualg's engine served them; then runs every algorithm's\n"
	  "self-test. --in-process runs the first part in this process, under whatever\n"
	  "preload it has. Exits 1 when anything fails.\n" },
	{ "audit", ualg_audit_main, "[--json] [-o FILE] [--duration TIME] [--btf FILE] [-- CMD...]",
	  "which programs use AF_ALG (eBPF; root)", NULL },
	{ "help", cmd_help, "[COMMAND]", "this list, or one command's description",
	  "Without COMMAND: the list of commands. With COMMAND: its synopsis and\n"
	  "description, as `ualg COMMAND --help` prints them.\n" },
	{ "version", cmd_version, "", "print the version (also --version, -V)",
	  "Prints \"ualg\" and the version.\n" },
};

#define N_SUBCOMMANDS (sizeof(subcommands) / sizeof(subcommands[0]))

static const struct subcommand *find(const char *name)
{
	for (size_t i = 0; i < N_SUBCOMMANDS; i++)
		if (!strcmp(name, subcommands[i].name))
			return &subcommands[i];
	return NULL;
}

static void overview(FILE *f)
{
	fprintf(f, "usage: ualg COMMAND [ARG...]\n"
		   "       ualg --help | --version\n\n"
		   "AF_ALG, the Linux kernel's crypto socket interface, served in userspace.\n\n");
	for (size_t i = 0; i < N_SUBCOMMANDS; i++)
		fprintf(f, "  %-9s %s\n", subcommands[i].name, subcommands[i].summary);
	fprintf(f,
		"\n`ualg help COMMAND` describes one; man ualg has them all, man 7 ualg what is\n"
		"emulated and its limits. Exit status: 0 success, 1 failure, 2 usage error.\n");
}

/* see cli.h */
int ualg_cli_usage(const char *cmd)
{
	const struct subcommand *c = find(cmd);

	if (c)
		fprintf(stderr, "usage: ualg %s%s%s\n", c->name, *c->synopsis ? " " : "",
			c->synopsis);
	return UALG_EXIT_USAGE;
}

static int cmd_help(int argc, char **argv)
{
	const struct subcommand *c;

	if (argc == 1) {
		overview(stdout);
		return UALG_EXIT_OK;
	}
	if (argc > 2)
		return ualg_cli_usage(argv[0]);
	c = find(argv[1]);
	if (!c) {
		fprintf(stderr, "ualg: no command '%s' (ualg --help lists them)\n", argv[1]);
		return UALG_EXIT_USAGE;
	}
	if (!c->help) {
		char *own_argv[] = { (char *)c->name, "--help", NULL };

		return c->fn(2, own_argv);
	}
	printf("usage: ualg %s%s%s\n\n%s.\n\n%s", c->name, *c->synopsis ? " " : "", c->synopsis,
	       c->summary, c->help);
	return UALG_EXIT_OK;
}

int main(int argc, char **argv)
{
	const struct subcommand *c;

	if (argc < 2) {
		overview(stderr);
		return UALG_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return cmd_help(1, argv);
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))
		return cmd_version(1, argv + 1);
	c = find(argv[1]);
	if (!c) {
		fprintf(stderr, "ualg: unknown command '%s' (ualg --help lists them)\n", argv[1]);
		return UALG_EXIT_USAGE;
	}
	/* COMMAND --help; for run only before PROGRAM, whose own options follow */
	if (c->help && argc == 3 && (!strcmp(argv[2], "-h") || !strcmp(argv[2], "--help"))) {
		char *help_argv[] = { "help", argv[1], NULL };

		return cmd_help(2, help_argv);
	}
	return c->fn(argc - 1, argv + 1);
}
