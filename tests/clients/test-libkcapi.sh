#!/usr/bin/env bash
# libkcapi 1.4.0's own test suite (test/test.sh: every cipher through the sendmsg,
# vmsplice, stream and AIO paths; kcapi-enc-test.sh; kcapi-dgst-test.sh; hasher-test.sh),
# built by build-libkcapi.sh, run with the preload on the test programs. Reports the
# cases run / passed / failed of each script; every script must pass.
#
# A watchdog ends any libkcapi test program of ours that has been idle (no CPU time used)
# for $hang_secs seconds, or running for 600 (by pid, only descendants of this script), so
# one hung case is reported as a failure instead of stalling the suite. (test.sh's
# "multithreaded" cases fork a writer that sends on the op socket the parent reads: they
# need op sockets shared across fork, src/preload/share.c.)
set -u
src=$(ls -d "$UALG_CLIENTS_DIR"/libkcapi-*/ 2>/dev/null | head -1)
if [ -z "$src" ] || [ ! -x "$src/bin/kcapi" ]; then
	echo "SKIP: libkcapi is not built in $UALG_CLIENTS_DIR (tests/clients/build-libkcapi.sh builds it from Debian's source package)"
	exit 77
fi
cd "$src/test"
hang_secs=${UALG_KCAPI_HANG_SECS:-10}

descendants() { # pid: every descendant pid
	local c
	for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do
		echo "$c"
		descendants "$c"
	done
}
watchdog() { # top pid
	local p exe et cpu
	declare -A last idle
	while kill -0 "$1" 2>/dev/null; do
		sleep 2
		for p in $(descendants "$1"); do
			exe=$(readlink /proc/"$p"/exe 2>/dev/null) || continue
			case $exe in "$src"*) ;; *) continue ;; esac
			# utime + stime, in clock ticks
			cpu=$(awk '{print $14 + $15}' /proc/"$p"/stat 2>/dev/null) || continue
			if [ "${last[$p]:-}" = "$cpu" ]; then
				idle[$p]=$((${idle[$p]:-0} + 2))
			else
				idle[$p]=0
			fi
			last[$p]=$cpu
			et=$(ps -o etimes= -p "$p" 2>/dev/null | tr -d ' ')
			if [ "${idle[$p]}" -ge "$hang_secs" ] || [ "${et:-0}" -gt 600 ]; then
				echo "watchdog: ended hung pid $p: $(tr '\0' ' ' </proc/"$p"/cmdline 2>/dev/null)" >&2
				kill "$p" 2>/dev/null
			fi
		done
	done
}

total_fail=0
for t in test.sh kcapi-enc-test.sh kcapi-dgst-test.sh hasher-test.sh; do
	LD_PRELOAD="$UALG_PRELOAD" bash "./$t" >"$t.out" 2>&1 &
	pid=$!
	watchdog $pid 2>"$t.watchdog" &
	wd=$!
	wait $pid
	rc=$?
	wait $wd
	# strip the colour codes the scripts print
	out=$(sed 's/\x1b\[[0-9;]*m//g' "$t.out")
	pass=$(grep -c '^\[PASSED' <<<"$out")
	fail=$(grep -c '^\[FAILED' <<<"$out")
	deact=$(grep -c '^\[DEACTIVATED' <<<"$out")
	# Cases wrong in the suite itself, counted as failed but not held against the
	# emulation: test.sh runs its akcipher and KPP cases when check_min_kernelver 5 99
	# holds, meant as "never on an upstream kernel" but true on every 6.x and later one;
	# they need libkcapi's out-of-tree kernel patches (README.md, kernel-patches/) and a
	# build with --enable-lib-asym/--enable-lib-kpp, so they fail on stock kernels too.
	# Evidence: libtest.sh's check_min_kernelver returns true whenever the major number is
	# above 5; libkcapi's README.md says akcipher/KPP need its kernel-patches/; the real
	# Debian 6.1 kernel answers bind("akcipher", "rsa") and bind("kpp", "dh") with ENOENT
	# (tests/oracle/fixtures/alg-more.out, transcript alg-asym-types).
	suite_bug=$(grep -cE '^\[FAILED[^]]*\] (Asymmetric|KPP) ' <<<"$out")
	echo "$t: $((pass + fail)) run, $pass passed, $fail failed ($suite_bug of them the suite's akcipher/KPP cases), $deact deactivated (exit $rc)"
	cat "$t.watchdog"
	if [ $fail != $suite_bug ] || [ $pass = 0 ] || { [ $fail = 0 ] && [ $rc != 0 ]; }; then
		grep '^\[FAILED' <<<"$out" | grep -vE '\] (Asymmetric|KPP) ' | head -60
		total_fail=$((total_fail + 1))
	fi
done
[ $total_fail = 0 ]
