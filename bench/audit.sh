#!/usr/bin/env bash
# What `ualg audit` costs the programs it watches: ns per round of each
# audit-cost mode without and with an audit running (`ualg audit` of every
# process, until stopped), in alternating runs; medians and ratios.
# Usage: bench/audit.sh [BUILD_DIR] [RUNS]      (root: the audit loads BPF)
set -euo pipefail
cd "$(dirname "$0")/.."
b=${1:-build}
runs=${2:-5}
ualg="$b/tools/ualg"
cost="$b/bench/audit-cost"
[ "$(id -u)" = 0 ] || { echo "bench/audit.sh: needs root" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# mode rounds preload(0/1) -> ns/round
one() {
	if [ "$3" = 1 ]; then "$ualg" run -- "$cost" "$1" "$2"; else env -u LD_PRELOAD "$cost" "$1" "$2"; fi
}
with_audit() {
	"$ualg" audit -o "$tmp/report.txt" 2>"$tmp/err" & local a=$!
	until grep -q tracing "$tmp/err"; do sleep 0.1; done
	one "$@"
	kill -INT $a
	wait $a
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

printf "%-28s %10s %10s %7s\n" "calls (ns per round)" without with ratio
for spec in "alg 20000 0 socket+bind+close, kernel" "alg 2000 1 socket+bind+close, ualg" \
	"op 100000 1 sha256 64 B request, ualg" "null 1000000 0 getppid, any process" \
	"write 1000000 0 write 64 B, any process"; do
	set -- $spec
	mode=$1 n=$2 pre=$3
	shift 3
	: >"$tmp/without"
	: >"$tmp/with"
	for _ in $(seq "$runs"); do
		one "$mode" "$n" "$pre" >>"$tmp/without"
		with_audit "$mode" "$n" "$pre" >>"$tmp/with"
	done
	w0=$(median <"$tmp/without")
	w1=$(median <"$tmp/with")
	printf "%-28s %10s %10s %7s\n" "$*" "$w0" "$w1" "$(awk -v a="$w0" -v b="$w1" 'BEGIN{printf "%.2f", b/a}')"
done
