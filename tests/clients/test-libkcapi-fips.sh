#!/usr/bin/env bash
# libkcapi's FIPS self-check tools in FIPS mode under the preload (issue 15 item 4):
# kcapi-hasher (built by build-libkcapi.sh) run as sha512hmac, fipshmac and fipscheck in a
# private mount namespace where /proc/sys/crypto/fips_enabled reads 1 (a directory
# holding crypto/fips_enabled bound over /proc/sys: this machine's kernel has no
# /proc/sys/crypto). In FIPS mode kcapi-hasher first checks its own binary and libkcapi
# against their .hmac files, over AF_ALG (hmac(sha512), hmac(sha256)): those are made
# with the tools' -S and -L, as a distribution's package build does. Checked: the HMACs
# equal openssl's, fipscheck verifies fipshmac's file, and a damaged self .hmac makes
# sha512hmac fail in FIPS mode only (the switch is really read).
set -u
src=$(ls -d "${UALG_CLIENTS_DIR:-}"/libkcapi-*/ 2>/dev/null | head -1)
if [ -z "$src" ] || [ ! -x "$src/bin/.libs/kcapi-hasher" ]; then
	echo "SKIP: libkcapi is not built in ${UALG_CLIENTS_DIR:-} (tests/clients/build-libkcapi.sh)"
	exit 77
fi
command -v openssl >/dev/null || { echo "SKIP: no openssl command"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/sys" "$tmp/sys/crypto" "$tmp/bin"
echo 1 >"$tmp/sys/crypto/fips_enabled"
if ! unshare -m --propagation private sh -c 'mount --bind "$0" /proc/sys' "$tmp/sys" 2>/dev/null; then
	echo "SKIP: unshare -m / mount --bind not permitted here"
	exit 77
fi
for t in sha512hmac fipshmac fipscheck; do cp "$src/bin/.libs/kcapi-hasher" "$tmp/bin/$t"; done
cp -L "$src/.libs/libkcapi.so.1" "$tmp/bin/"
echo "a file to check" >"$tmp/bin/data"

# in FIPS mode (fips=1) or not (fips=0): run "$@" in $tmp/bin under the preload
run() {
	local fips=$1
	shift
	if [ "$fips" = 1 ]; then
		unshare -m --propagation private sh -c 'mount --bind "$0" /proc/sys && cd "$1" && shift && exec "$@"' \
			"$tmp/sys" "$tmp/bin" env LD_LIBRARY_PATH="$tmp/bin" LD_PRELOAD="$UALG_PRELOAD" "$@"
	else
		(cd "$tmp/bin" && LD_LIBRARY_PATH="$tmp/bin" LD_PRELOAD="$UALG_PRELOAD" "$@")
	fi
}
pass=0 fail=0
check() { # name ok(0/1)
	if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1"; fi
}
hmac() { LD_PRELOAD= openssl dgst -"$1" -hmac "$2" -r "$tmp/bin/data" | cut -d' ' -f1; }

run 1 cat /proc/sys/crypto/fips_enabled | grep -qx 1
check "the namespace shows fips_enabled 1" $?
for t in sha512hmac fipshmac fipscheck; do
	run 1 ./$t -S >"$tmp/bin/.$t.hmac"
	check "$t -S (its own HMAC, FIPS mode)" $?
done
run 1 ./sha512hmac -L >"$tmp/bin/.libkcapi.so.1.hmac"
check "sha512hmac -L (libkcapi's HMAC)" $?
got=$(run 1 ./sha512hmac data | cut -d' ' -f1)
[ "$got" = "$(hmac sha512 FIPS-FTW-RHT2009)" ]
check "sha512hmac in FIPS mode = openssl HMAC-SHA512" $?
run 1 ./fipshmac data && [ "$(cat "$tmp/bin/.data.hmac")" = "$(hmac sha256 orboDeJITITejsirpADONivirpUkvarP)" ]
check "fipshmac in FIPS mode = openssl HMAC-SHA256" $?
run 1 ./fipscheck data
check "fipscheck verifies it in FIPS mode" $?
echo 00 >"$tmp/bin/.sha512hmac.hmac"
run 1 ./sha512hmac data >/dev/null 2>&1
[ $? != 0 ]
check "a damaged self-check file fails in FIPS mode" $?
run 0 ./sha512hmac data >/dev/null 2>&1
check "and is not read outside FIPS mode" $?
echo "$pass passed, $fail failed"
[ $fail = 0 ]
