#!/usr/bin/env bash
# plain-io (syscall, splice, vmsplice, sendfile on ordinary fds) must print exactly the
# same with and without the preload.
# Usage: plain-io.sh PRELOAD_LIB PLAIN_IO_EXE
set -u
lib=$1 exe=$2
if ! LD_PRELOAD="$lib" grep -q libualg-preload /proc/self/maps; then
	echo "the preload does not load"; exit 1
fi
without=$(env -u LD_PRELOAD "$exe") || { echo "plain-io failed without the preload"; exit 1; }
with=$(LD_PRELOAD="$lib" "$exe") || { echo "plain-io failed with the preload"; exit 1; }
if [ "$with" != "$without" ]; then
	diff <(echo "$without") <(echo "$with")
	exit 1
fi
echo "$with"
echo "identical: $(wc -l <<<"$with") lines"
