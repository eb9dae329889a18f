/* SPDX-License-Identifier: MIT */
#ifndef UALG_AUDIT_AUDIT_H
#define UALG_AUDIT_AUDIT_H

/*
 * `ualg audit`: the subcommand's entry point (audit.c, or disabled.c when
 * the build lacks libbpf, clang or bpftool). argv[0] is "audit".
 */
int ualg_audit_main(int argc, char **argv);

#endif
