#!/usr/bin/env bash
# ualg audit -- python3 SCRIPT: the script (tests/audit/alg.py, no preload)
# is reported with the algorithm it bound and the kernel's answers, exactly
# as the script saw them; a process making AF_ALG calls outside the command
# is not. The same again with the audit in a pid namespace of its own (a
# container: CI runs the suites in one) and the script in one nested below
# it: pids are the audit's view of them.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
need_audit
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }

# the bystander: AF_ALG calls all along, but not a descendant of the command
"$CALLS" alg 0 & BG+=($!)

# $1: a name for the case; the rest: how to run the audit
audit_case() {
	local name=$1 sock bind checks
	shift
	"$@" env -u LD_PRELOAD "$UALG" audit --json -o "$TMP/$name.json" -- "${NESTED[@]}" python3 "$HERE/alg.py" > "$TMP/$name.out"
	echo "== $name"
	cat "$TMP/$name.out"
	sock=$(sed -n 's/^socket //p' "$TMP/$name.out")
	bind=$(sed -n 's/^bind //p' "$TMP/$name.out")
	checks=(program=python3:kernel "call=python3:socket:-:-:$sock" "call=python3:bind:hash:sha256:$bind"
		"absent=$(readlink -f "$CALLS")")
	if [ "$bind" = ok ]; then # a kernel with AF_ALG: the accept and the 3 bytes sent
		checks+=(call=python3:accept:hash:sha256:ok call=python3:send:hash:sha256:ok:3)
	fi
	python3 "$HERE/check.py" "$TMP/$name.json" "${checks[@]}"
}

NESTED=()
audit_case host
# 4026531836: PROC_PID_INIT_INO, the initial pid namespace
init_ns='pid:[4026531836]'
if unshare -p -f --mount-proc true 2>/dev/null; then
	NESTED=(unshare -p -f)
	audit_case pid-namespace unshare -p -f --mount-proc
elif unshare -p -f true 2>/dev/null; then
	# no proc mount of its own allowed (a chroot): /proc/self still names the audit's namespace
	NESTED=(unshare -p -f)
	audit_case pid-namespace unshare -p -f
elif [ "$(readlink /proc/self/ns/pid)" != "$init_ns" ]; then
	# a container that allows no nested one (CI): the host case above ran in a pid namespace
	echo "== pid-namespace: unshare refused here; the host case ran in $(readlink /proc/self/ns/pid), not the initial one"
else
	echo "SKIP: unshare -p is refused here and this is the initial pid namespace: the pid namespace case did not run (the host case passed)"
	exit 77
fi
