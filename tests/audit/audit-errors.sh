#!/usr/bin/env bash
# The documented exit codes of ualg audit: 2 usage, 3 not privileged,
# 4 no BTF, 126/127 a command that cannot be run.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
need_audit
fails=0
expect() { # CODE CMD...: CMD exits CODE and says why on stderr
	local want=$1 rc=0
	shift
	"$@" > /dev/null 2> "$TMP/err" || rc=$?
	if [ "$rc" != "$want" ] || [ ! -s "$TMP/err" ]; then
		echo "FAIL: $* exited $rc, want $want"; cat "$TMP/err"; fails=$((fails + 1))
	else
		echo "ok: exit $rc: $(head -1 "$TMP/err")"
	fi
}
expect 2 "$UALG" audit --duration soon
expect 2 "$UALG" audit --bogus
expect 4 "$UALG" audit --btf /nonexistent/vmlinux --duration 1s
expect 127 "$UALG" audit -- /nonexistent/command
printf "data\n" > "$TMP/not-executable"
expect 126 "$UALG" audit -- "$TMP/not-executable"
if command -v setpriv >/dev/null; then
	expect 3 setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
		"$UALG" audit --duration 1s
else
	echo "setpriv missing: the unprivileged case is not checked"
fi
[ $fails = 0 ]
