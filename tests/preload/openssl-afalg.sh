#!/usr/bin/env bash
# OpenSSL's afalg engine as one more AF_ALG client, served by ualg, and every
# other client on a host whose openssl.cnf makes that engine the default for
# ALL its algorithms (tests/preload/openssl/afalg-all.cnf): each must give
# the standard answers. Before ualg ran on an OpenSSL of its own, each of
# these died in an endless recursion (ualg -> host libcrypto -> afalg engine
# -> AF_ALG -> ualg ...).
#   openssl-afalg.sh UALG CONFDIR
set -u
ualg=$1
conf=$2/afalg-all.cnf
engine=$(openssl version -e 2>/dev/null | sed -n 's/^ENGINESDIR: "\(.*\)"$/\1/p')/afalg.so
missing=
for t in openssl kcapi-dgst kcapi-enc xxd; do command -v "$t" >/dev/null || missing="$missing $t"; done
[ -f "$engine" ] || missing="$missing $engine"
if [ -n "$missing" ]; then
	echo "SKIP: not installed:$missing"
	exit 77
fi
export OPENSSL_CONF=$conf
fails=0
check() { # label got want
	if [ "$2" = "$3" ]; then
		echo "ok   $1"
	else
		echo "FAIL $1: got '$2', want '$3'"
		fails=$((fails + 1))
	fi
}
run() { timeout 60 "$ualg" run -- "$@"; }

# SP 800-38A F.2.1/F.2.2 (CBC-AES128), FIPS 180-2 B.1 (SHA-256 "abc")
key=2b7e151628aed2a6abf7158809cf4f3c
iv=000102030405060708090a0b0c0d0e0f
pt=6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710
ct=7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b273bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7
sha_abc=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
xxd -r -p <<<"$pt" >"$tmp/pt"
xxd -r -p <<<"$ct" >"$tmp/ct"
xxd -r -p <<<"$key" >"$tmp/key"

# the engine named on the command line: `openssl` refuses to run when the
# engine can't initialise (no AF_ALG), so an answer means the engine served it
got=$(run openssl enc -engine afalg -aes-128-cbc -nopad -K $key -iv $iv -in "$tmp/pt" 2>"$tmp/err" | xxd -p | tr -d '\n')
check "openssl enc -engine afalg -aes-128-cbc (encrypt)" "$got" "$ct"
grep -q 'Engine "afalg" set' "$tmp/err" || { echo "FAIL the afalg engine was not used:"; cat "$tmp/err"; fails=$((fails + 1)); }
got=$(run openssl enc -d -engine afalg -aes-128-cbc -nopad -K $key -iv $iv -in "$tmp/ct" 2>/dev/null | xxd -p | tr -d '\n')
check "openssl enc -engine afalg -aes-128-cbc (decrypt)" "$got" "$pt"
# the engine as the configured default for AES-CBC
got=$(run openssl enc -aes-128-cbc -nopad -K $key -iv $iv -in "$tmp/pt" 2>/dev/null | xxd -p | tr -d '\n')
check "openssl enc -aes-128-cbc (afalg by configuration)" "$got" "$ct"
# `openssl dgst -engine afalg`: the engine offers ciphers only (AES-CBC), no digest
run openssl engine -c afalg 2>&1 | grep -q 'AES-128-CBC' ||
	{ echo "FAIL openssl engine -c afalg under ualg does not list AES-128-CBC"; fails=$((fails + 1)); }

# other clients on the same host configuration
got=$(printf abc | run kcapi-dgst -c sha256 --hex 2>&1)
check "kcapi-dgst -c sha256" "$got" "$sha_abc"
got=$(run kcapi-enc -e -c 'cbc(aes)' --keyfd 3 --iv $iv -i "$tmp/pt" 3<"$tmp/key" 2>/dev/null | xxd -p | tr -d '\n')
check "kcapi-enc -e -c cbc(aes)" "$got" "$ct"
py=/usr/bin/python3.11
if [ -x $py ] && [ -f /usr/lib/python3.11/test/test_socket.py ]; then
	out=$(run $py -m test test_socket -m LinuxKernelCryptoAPI -v 2>&1)
	ok=$(grep -cE '^test_.*\.\.\. ok$' <<<"$out")
	check "python3 test_socket LinuxKernelCryptoAPI (tests passed)" "$ok" 7
else
	echo "FAIL python3.11 or libpython3.11-testsuite is missing: the Python client is not checked"
	fails=$((fails + 1))
fi
echo "$fails failed"
[ $fails = 0 ]
