#!/usr/bin/env bash
# Install what the tests need (Debian 12), build, and run every suite:
# once with the normal build, once more built with ASan+UBSan, once more
# built with TSan (the multithreaded suites), then the fuzz targets briefly.
# Usage: tests/run.sh            (as root, or with sudo available)
# Env:   UALG_SKIP_INSTALL=1     don't touch apt
#        UALG_SUITES="unit sock" run only these suites
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD

[ "${UALG_SKIP_INSTALL:-}" = 1 ] || tests/install-deps.sh

suites=()
for s in ${UALG_SUITES:-}; do suites+=(--suite "$s"); done
# the package suite makes fresh Debian roots of its own (minutes, root): .ci/run runs it
[ -n "${UALG_SUITES:-}" ] || suites+=(--no-suite package)

status=0
echo "== build (debugoptimized) =="
rm -rf build-test
meson setup build-test >/dev/null
ninja -C build-test -j2
case " ${UALG_SUITES:-clients} " in
*" clients "*)
	echo "== client programs from Debian source packages =="
	tests/clients/build-ell.sh "$top/build-test/clients" || echo "ell could not be built: its test will skip"
	tests/clients/build-libkcapi.sh "$top/build-test/clients" || echo "libkcapi could not be built: its test will skip"
	tests/clients/build-cryptsetup.sh "$top/build-test/clients" || echo "cryptsetup could not be built: vectors-test is not run"
	;;
esac
echo "== tests =="
meson test -C build-test --print-errorlogs --num-processes 2 "${suites[@]}" || status=1

echo "== build (address,undefined sanitizers) =="
rm -rf build-asan
meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
ninja -C build-asan -j2
echo "== tests under sanitizers (the project's own suites) =="
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
san_suites=()
for s in ${UALG_SUITES:-unit vectors sock}; do
	case $s in unit | vectors | sock | oracle) san_suites+=(--suite "$s") ;; esac
done
if [ ${#san_suites[@]} -gt 0 ]; then
	meson test -C build-asan --print-errorlogs --num-processes 2 "${san_suites[@]}" || status=1
fi

# ---- ThreadSanitizer (issue 12) ----
# unit, sock and the preload's own programs: the suites with threads. The
# vectors and oracle suites are single-threaded replays (nothing for TSan to
# see, 5-15 times slower); the preload's scripts run programs not built with
# TSan (sh, python3), which a TSan preload cannot be loaded into.
tsan_suites=()
for s in ${UALG_SUITES:-unit sock preload}; do
	case $s in unit | sock | preload) tsan_suites+=(--suite "$s") ;; esac
done
if [ ${#tsan_suites[@]} -gt 0 ]; then
	echo "== build (thread sanitizer) =="
	rm -rf build-tsan
	meson setup build-tsan -Db_sanitize=thread -Db_lundef=false >/dev/null
	ninja -C build-tsan -j2
	echo "== tests under ThreadSanitizer =="
	TSAN_OPTIONS="halt_on_error=1:die_after_fork=0:suppressions=$top/tests/tsan.supp" \
	UALG_FORK_STRESS=30 \
		meson test -C build-tsan --print-errorlogs --num-processes 2 "${tsan_suites[@]}" \
		--no-suite preload-scripts || status=1
fi

# ---- fuzzing, a fixed short time per target (issue 12) ----
case " ${UALG_SUITES:-sock} " in
*" sock "*)
	echo "== fuzz targets (${UALG_FUZZ_SECONDS:-60} s each) =="
	tests/fuzz/run.sh "${UALG_FUZZ_SECONDS:-60}" || status=1
	;;
esac
exit $status
