#!/usr/bin/env bash
# ell's own unit tests (make check) under the preload. ell registers its AF_ALG-backed test
# cases only when the kernel interface answers (l_checksum_is_supported...), so on this
# AF_ALG-less kernel they vanish without the preload: each AF_ALG-dependent program must run
# more cases with the preload than without, and all of make check must pass.
set -u
src=$(ls -d "$UALG_CLIENTS_DIR"/ell-*/ 2>/dev/null | head -1)
if [ -z "$src" ] || [ ! -x "$src/unit/test-checksum" ]; then
	echo "SKIP: ell is not built in $UALG_CLIENTS_DIR (tests/clients/build-ell.sh builds it from Debian's source package)"
	exit 77
fi
cd "$src"
fail=0
# the test programs that use AF_ALG: checksums (hash, hmac, cmac), ciphers and AEADs,
# PBKDF2 (hmac), name-based UUIDs (md5, sha1). (test-tls is built only in maintainer mode.)
for t in test-checksum test-cipher test-pbkdf2 test-uuid; do
	without=$(env -u LD_PRELOAD "unit/$t" 2>/dev/null | grep -c '^TEST:')
	with=$(LD_PRELOAD="$UALG_PRELOAD" "unit/$t" 2>&1)
	rc=$?
	n=$(grep -c '^TEST:' <<<"$with")
	echo "$t: $n cases with the preload (exit $rc), $without without"
	if [ $rc != 0 ] || [ "$n" -le "$without" ]; then
		echo "$with" | tail -20
		fail=$((fail + 1))
	fi
done
# and the whole make check, with the preload in every test's environment only
rm -f unit/*.log unit/*.trs test-suite.log
make -s check TESTS_ENVIRONMENT="export LD_PRELOAD=$UALG_PRELOAD;" >make-check.out 2>&1
rc=$?
grep -E '^# (TOTAL|PASS|SKIP|XFAIL|FAIL|XPASS|ERROR):' make-check.out
[ $rc = 0 ] || { cat make-check.out | tail -40; fail=$((fail + 1)); }
echo "ell: $fail failed"
[ $fail = 0 ]
