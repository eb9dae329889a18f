/* SPDX-License-Identifier: MIT */
#ifndef UALG_TOOLS_CLI_H
#define UALG_TOOLS_CLI_H

/*
 * The ualg command's files: ualg.c (the subcommand table, help, list, run,
 * version), check.c (is ualg working: the preload in a child process, known
 * answers through AF_ALG), system.c (enable, disable, status: the files that
 * turn the preload on for the machine or for a systemd unit).
 *
 * Every command is `int fn(int argc, char **argv)` with argv[0] the command's
 * name, and returns the process exit status (the UALG_EXIT_* values, or for
 * `run` the program's own).
 */

#include <stdbool.h>
#include <stddef.h>

enum {
	UALG_EXIT_OK = 0,
	UALG_EXIT_FAIL = 1,  /* the check failed, a file could not be read or written */
	UALG_EXIT_USAGE = 2, /* bad arguments */
};

/* the preload this command uses: $UALG_PRELOAD, else the one next to a
 * build-tree binary, else the installed one (an absolute path) */
const char *ualg_cli_preload_path(void);

/* print "usage: ualg <synopsis of cmd>" to stderr; returns UALG_EXIT_USAGE */
int ualg_cli_usage(const char *cmd);

/*
 * Run `ualg check --in-process` in a child process with LD_PRELOAD=preload
 * (preload NULL: the child inherits no LD_PRELOAD, so only /etc/ld.so.preload
 * can load ualg). Its report goes to stdout when verbose, else only when it
 * fails. 0 when every check passed, -1 otherwise.
 */
int ualg_cli_check_child(const char *preload, bool verbose);

/* the kernel's own answer to socket(AF_ALG), by raw system call (no preload
 * can interpose it): 0 when the kernel has AF_ALG, else -errno */
int ualg_cli_kernel_afalg(void);

int ualg_cli_check(int argc, char **argv);
int ualg_cli_enable(int argc, char **argv);
int ualg_cli_disable(int argc, char **argv);
int ualg_cli_status(int argc, char **argv);

#endif
