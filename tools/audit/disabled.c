/* SPDX-License-Identifier: MIT */
/* `ualg audit` in a build without its eBPF tracer (meson option audit). */
#include <stdio.h>

#include "audit.h"
#include "tracer.h"

/* see audit.h */
int ualg_audit_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fputs("ualg audit: this ualg was built without the audit (it needs libbpf, clang and "
	      "bpftool at build time)\n",
	      stderr);
	return UA_EXIT_NOT_BUILT;
}
