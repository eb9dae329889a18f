#!/bin/sh
# `ualg run`: finds the preload, loads it into CMD, passes the exit status.
# usage: ualg-run.sh UALG TEST-PROGRAM
set -u
ualg=$1 prog=$2
unset LD_PRELOAD
fail=0
"$ualg" run -- sh -c 'exit 7'
[ $? -eq 7 ] || { echo "exit status not passed through"; fail=1; }
"$ualg" run sh -c 'case "$LD_PRELOAD" in *libualg-preload.so*) exit 0;; esac; exit 1' ||
	{ echo "LD_PRELOAD not set by ualg run"; fail=1; }
LD_PRELOAD=/nonexistent-other.so "$ualg" run -- sh -c 'case "$LD_PRELOAD" in *libualg-preload.so:/nonexistent-other.so) exit 0;; esac; exit 1' 2>/dev/null ||
	{ echo "existing LD_PRELOAD not kept"; fail=1; }
"$ualg" run -- /nonexistent-command 2>/dev/null
[ $? -eq 127 ] || { echo "missing command: want 127"; fail=1; }
# a real AF_ALG program: its own check fails with 99 without the preload
"$ualg" run -- "$prog" >/dev/null
r=$?
[ $r -eq 0 ] || [ $r -eq 77 ] || { echo "$prog under ualg run: exit $r"; fail=1; }
exit $fail
