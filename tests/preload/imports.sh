#!/bin/sh
# A test binary imports the given symbols (the fortified entry points).
# usage: imports.sh BINARY SYMBOL...
set -u
bin=$1
shift
fail=0
for s in "$@"; do
	nm -D --undefined-only "$bin" | awk '{print $2}' | sed 's/@.*//' | grep -qx "$s" ||
		{ echo "$bin does not import $s"; fail=1; }
done
exit $fail
