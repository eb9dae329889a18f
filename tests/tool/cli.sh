#!/bin/sh
# The ualg command's interface: --help/-h, --version/-V, help COMMAND, COMMAND --help, and exit
# status 2 for every kind of usage error; every command of `ualg --help` has its section in
# ualg(1), and the version is debian/changelog's.
# usage: cli.sh UALG SOURCE_ROOT
set -u
ualg=$1 src=$2
pass=0 fail=0
# a preload that exists nowhere, and a temporary --root: no case here can write to the real /
export UALG_PRELOAD=/nonexistent-ualg-test/libualg-preload.so
tmp=$(mktemp -d)
real_before=$(cat /etc/ld.so.preload 2>/dev/null || echo absent)
t() { # want-status description command...
	want=$1 d=$2
	shift 2
	"$@" >/tmp/ualg-cli.$$ 2>&1
	got=$?
	if [ "$got" = "$want" ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $d: exit $got, want $want"
		sed 's/^/     /' /tmp/ualg-cli.$$
	fi
}
has() { # description pattern command...
	d=$1 pat=$2
	shift 2
	if "$@" 2>&1 | grep -q -- "$pat"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $d: no '$pat'"; fi
}

t 0 "--help" "$ualg" --help
t 0 "-h" "$ualg" -h
t 2 "no arguments" "$ualg"
t 2 "unknown command" "$ualg" frobnicate
t 2 "unknown option" "$ualg" --frobnicate
version=$(sed -n '1s/^ualg (\([^)]*\)).*/\1/p' "$src/debian/changelog")
has "--version is debian/changelog's version ($version)" "^ualg $version\$" "$ualg" --version
has "-V" "^ualg $version\$" "$ualg" -V
has "version" "^ualg $version\$" "$ualg" version
t 2 "version with an argument" "$ualg" version x

cmds=$("$ualg" --help | sed -n 's/^  \([a-z][a-z]*\)  .*/\1/p')
[ -n "$cmds" ] || { echo "FAIL: --help lists no commands"; fail=$((fail + 1)); }
for c in $cmds; do
	t 0 "help $c" "$ualg" help "$c"
	has "help $c: its synopsis" "^usage: ualg $c" "$ualg" help "$c"
	t 0 "$c --help" "$ualg" "$c" --help
	has "ualg(1) describes $c" "^\*$c[* ]" cat "$src/docs/man/ualg.1.scd"
done
for c in run list enable disable status check audit help version; do
	echo "$cmds" | grep -qx "$c" && pass=$((pass + 1)) || { fail=$((fail + 1)); echo "FAIL --help does not list $c"; }
done
t 2 "help of an unknown command" "$ualg" help frobnicate
t 2 "help with two arguments" "$ualg" help run list

# usage errors: exit 2, and nothing done
t 2 "enable without a target" "$ualg" enable
t 2 "enable with two targets" "$ualg" enable --system --unit iwd --root "$tmp"
t 2 "enable --unit without a name" "$ualg" enable --unit
t 2 "enable --all" "$ualg" enable --all --root "$tmp"
t 2 "enable --unit of a socket unit" "$ualg" enable --unit iwd.socket --root "$tmp"
t 2 "enable --unit with a slash" "$ualg" enable --unit ../x.service --root "$tmp"
t 2 "enable --root without a directory" "$ualg" enable --system --root
t 2 "enable --root twice" "$ualg" enable --system --root "$tmp" --root "$tmp"
t 2 "disable without a target" "$ualg" disable
t 2 "disable with an unknown option" "$ualg" disable --system --force --root "$tmp"
t 2 "status with a target" "$ualg" status --system
t 2 "check --preload without a path" "$ualg" check --preload
t 2 "check --in-process with more" "$ualg" check --in-process --preload /x
t 2 "list --type without a type" "$ualg" list sha256 --type
t 2 "list with two names" "$ualg" list sha256 md5
t 2 "run without a program" "$ualg" run --
has "a usage error prints the synopsis" "^usage: ualg enable --system" "$ualg" enable
t 1 "list of an unknown algorithm" "$ualg" list no-such-alg
t 127 "run of a missing program" "$ualg" run -- /nonexistent/program
rm -f /tmp/ualg-cli.$$
rm -rf "$tmp"
real_after=$(cat /etc/ld.so.preload 2>/dev/null || echo absent)
[ "$real_before" = "$real_after" ] && pass=$((pass + 1)) ||
	{ fail=$((fail + 1)); echo "FAIL the real /etc/ld.so.preload changed"; }
echo "ualg command line: $pass passed, $fail failed"
[ $fail = 0 ]
