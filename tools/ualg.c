/* SPDX-License-Identifier: MIT */
/*
 * The ualg command: a table of subcommands over the public API.
 *
 *   ualg list [NAME] [--type TYPE]   registry in /proc/crypto format
 *   ualg run [--] CMD [ARG...]       CMD with the AF_ALG preload loaded
 *   ualg audit [...] [-- CMD...]     which programs use AF_ALG (tools/audit/)
 *   ualg version
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit/audit.h"
#include "ualg/ualg.h"

static int cmd_list(int argc, char **argv)
{
	const char *type = NULL, *name = NULL;
	int r;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--type") && i + 1 < argc)
			type = argv[++i];
		else if (!name && argv[i][0] != '-')
			name = argv[i];
		else {
			fprintf(stderr, "usage: ualg list [NAME] [--type hash|skcipher|aead|rng]\n");
			return 2;
		}
	}
	if (!name) {
		r = ualg_list(stdout);
		return r < 0 ? 1 : 0;
	}
	r = ualg_show(stdout, type, name);
	if (r < 0) {
		fprintf(stderr, "ualg: %s: %s\n", name, strerror(-r));
		return 1;
	}
	return 0;
}

/*
 * The preload next to this binary in a build tree, else the installed one.
 * UALG_PRELOAD overrides both.
 */
static const char *preload_path(void)
{
	static char buf[PATH_MAX], real[PATH_MAX];
	const char *env = getenv("UALG_PRELOAD");
	ssize_t n;
	char *slash;

	if (env && *env)
		return env;
	n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n > 0) {
		buf[n] = '\0';
		slash = strrchr(buf, '/');
		if (slash) {
			*slash = '\0';
			if (strlen(buf) + sizeof("/../src/preload/libualg-preload.so") < sizeof(buf)) {
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
	const char *preload = preload_path(), *old;
	char *val;
	int i = 1;

	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc) {
		fprintf(stderr, "usage: ualg run [--] CMD [ARG...]\n");
		return 2;
	}
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
	(void)argc;
	(void)argv;
	printf("ualg %s\n", ualg_version());
	return 0;
}

static const struct subcommand {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} subcommands[] = {
	{ "list", cmd_list, "list [NAME] [--type T]  algorithms in /proc/crypto format" },
	{ "run", cmd_run, "run [--] CMD [ARG...]    run CMD with AF_ALG served by ualg" },
	{ "audit", ualg_audit_main, "audit [--json] [--duration T] [-- CMD...]  which programs use AF_ALG" },
	{ "version", cmd_version, "version                  print the version" },
};

static int usage(FILE *f)
{
	fprintf(f, "usage: ualg COMMAND [ARGS]\n");
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(f, "  ualg %s\n", subcommands[i].help);
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		(void)usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(argv[1], subcommands[i].name))
			return subcommands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "ualg: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
