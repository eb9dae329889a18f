#!/usr/bin/env bash
# Build the libFuzzer targets (tests/fuzz/build.sh) and run each for a fixed
# time, seeded with its corpus in tests/fuzz/corpus (copied: the repository
# is not changed). Prints, per target, the executions and the coverage
# libFuzzer reports (edges "cov", features "ft"); exits 1 when a target
# finds anything (its reproducer is kept in the work directory, printed).
# Usage: tests/fuzz/run.sh [SECONDS] [BUILDDIR]   (default 60, build-fuzz)
set -u
cd "$(dirname "$0")/../.."
top=$PWD
secs=${1:-60}
bd=${2:-$top/build-fuzz}
if ! command -v clang >/dev/null; then
	echo "clang not found: fuzzing skipped"
	exit 77
fi
sh tests/fuzz/build.sh "$bd" >/dev/null || { echo "fuzz build failed"; exit 1; }
work=$(mktemp -d /tmp/ualg-fuzz.XXXXXX)
status=0
printf '%-14s %12s %10s %8s %8s\n' target executions exec/s cov ft
for t in fuzz-sock fuzz-name fuzz-netlink fuzz-fdtable; do
	mkdir -p "$work/$t"
	cp tests/fuzz/corpus/"$t"/* "$work/$t"/ 2>/dev/null
	pre=()
	[ $t = fuzz-fdtable ] && pre=(env "LD_PRELOAD=$bd/src/preload/libualg-preload.so")
	(cd "$work" && "${pre[@]}" "$bd/$t" -max_total_time="$secs" -timeout=30 -print_funcs=0 \
		-print_final_stats=1 -artifact_prefix="$work/$t-" "$work/$t" >"$work/$t.log" 2>&1)
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$t.log" | tail -1)
	last=$(grep -E '^#[0-9]+' "$work/$t.log" | tail -1)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	printf '%-14s %12s %10s %8s %8s\n' $t "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}"
	if [ $rc -ne 0 ]; then
		echo "$t: exit $rc; log and reproducer in $work:"
		grep -E 'fuzz oracle|ERROR|SUMMARY|Test unit written' "$work/$t.log" | head -20
		status=1
	fi
done
[ $status = 0 ] && rm -rf "$work"
exit $status
