#!/bin/sh
# The preload exports exactly the names of preload.map, nothing else.
# usage: exports.sh LIBUALG-PRELOAD.SO PRELOAD.MAP
set -eu
lib=$1 map=$2
got=$(nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | sort -u)
want=$(sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\);$/\1/p' "$map" | sort -u)
if [ "$got" != "$want" ]; then
	echo "exported symbols differ from $map:"
	printf '%s\n' "$got" > "${TMPDIR:-/tmp}/ualg-exports.$$"
	printf '%s\n' "$want" | diff - "${TMPDIR:-/tmp}/ualg-exports.$$" || true
	rm -f "${TMPDIR:-/tmp}/ualg-exports.$$"
	exit 1
fi
echo "$(printf '%s\n' "$got" | wc -l) symbols exported, as listed"
