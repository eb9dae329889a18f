#!/usr/bin/env bash
# CPython's own AF_ALG tests (test_socket.LinuxKernelCryptoAPI) under the preload:
# all 7 must run and pass; a skipped test counts as a failure here.
set -u
PY=/usr/bin/python3.11
if [ ! -x "$PY" ] || [ ! -f /usr/lib/python3.11/test/test_socket.py ]; then
	echo "SKIP: /usr/bin/python3.11 or libpython3.11-testsuite is not installed"
	exit 77
fi
out=$(LD_PRELOAD="$UALG_PRELOAD" timeout 300 "$PY" -m test test_socket -m LinuxKernelCryptoAPI -v 2>&1)
rc=$?
echo "$out"
run=$(grep -cE '^test_.*\.\.\. ' <<<"$out")
ok=$(grep -cE '^test_.*\.\.\. ok$' <<<"$out")
skipped=$(grep -cE '^test_.*\.\.\. skipped' <<<"$out")
echo "test_socket LinuxKernelCryptoAPI: $run run, $ok passed, $skipped skipped (python exit $rc)"
[ "$rc" = 0 ] && [ "$run" = 7 ] && [ "$ok" = 7 ] && [ "$skipped" = 0 ]
