# Shared by the audit tests: $UALG is the ualg command, $CALLS tests/audit/calls.c.
# Skips (exit 77, with the reason) where the audit cannot run: not root, no BPF.
set -euo pipefail
UALG=$1
CALLS=$2
TMP=$(mktemp -d /tmp/ualg-audit-test.XXXXXX)
BG=()
cleanup() {
	for p in "${BG[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

need_audit() {
	[ "$(id -u)" = 0 ] || { echo "SKIP: the audit needs root (CAP_BPF and CAP_PERFMON)"; exit 77; }
	local rc=0
	"$UALG" audit --duration 100ms -o /dev/null 2>"$TMP/probe.err" || rc=$?
	case $rc in
	0) ;;
	3 | 4 | 5 | 6) echo "SKIP: ualg audit cannot run here (exit $rc): $(head -1 "$TMP/probe.err")"; exit 77 ;;
	*) echo "FAIL: ualg audit probe exited $rc"; cat "$TMP/probe.err"; exit 1 ;;
	esac
}

# wait until the audit started in the background (its stderr in $1) is tracing
wait_tracing() {
	for _ in $(seq 100); do
		grep -q "tracing every process" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "FAIL: the audit did not start"; cat "$1"; exit 1
}
