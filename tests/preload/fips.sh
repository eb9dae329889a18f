#!/usr/bin/env bash
# FIPS mode (issue 15 item 4) as a program sees it: /proc/sys/crypto/fips_enabled reads
# 1 in a private mount namespace (a directory holding crypto/fips_enabled bound over
# /proc/sys; this machine's kernel has no /proc/sys/crypto), and then
#  - `ualg list` and /proc/crypto under the preload mark every algorithm "fips : yes/no"
#    (crypto/proc.c since 6.3), DRBGs rank 2000 higher (crypto/drbg.c);
#  - AF_ALG binds what testmgr allows and refuses the rest as the kernel booted with
#    fips=1 did (the oracle's fips-* transcripts check every name; here a few, through
#    the oracle driver);
#  - outside FIPS mode none of it applies.
# Usage: fips.sh UALG PRELOAD DRIVER
set -u
ualg=$1 preload=$2 driver=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/sys/crypto"
echo 1 >"$tmp/sys/crypto/fips_enabled"
fips() { unshare -m --propagation private sh -c 'mount --bind "$0" /proc/sys && exec "$@"' "$tmp/sys" "$@"; }
if ! fips true 2>/dev/null; then
	echo "SKIP: unshare -m / mount --bind not permitted here"
	exit 77
fi
pass=0 fail=0
check() { # name ok(0/1)
	if [ "$2" = 0 ]; then pass=$((pass + 1)); echo "ok   $1"; else fail=$((fail + 1)); echo "FAIL $1"; fi
}
# the "fips" line of the entry whose driver is $2, in list file $1
fipsline() { awk -v d="$2" '$1 == "driver" {cur = $3} $1 == "fips" && cur == d {print $3}' "$1"; }
prio() { awk -v d="$2" '$1 == "driver" {cur = $3} $1 == "priority" && cur == d {print $3}' "$1"; }

fips "$ualg" list >"$tmp/list"
fips env LD_PRELOAD="$preload" cat /proc/crypto >"$tmp/proc"
"$ualg" list >"$tmp/plain"
for f in list proc; do
	[ "$(fipsline "$tmp/$f" sha256-ualg)" = yes ] && [ "$(fipsline "$tmp/$f" md5-ualg)" = no ] &&
		[ "$(fipsline "$tmp/$f" cbc-aes-ualg)" = yes ] && [ "$(fipsline "$tmp/$f" ecb-des3_ede-ualg)" = no ]
	check "$f: fips yes for sha256 and cbc(aes), no for md5 and ecb(des3_ede)" $?
	[ "$(grep -c '^fips ' "$tmp/$f")" = "$(grep -c '^name ' "$tmp/$f")" ]
	check "$f: a fips line for every algorithm" $?
done
[ "$(prio "$tmp/list" drbg_nopr_hmac_sha512)" = $(($(prio "$tmp/plain" drbg_nopr_hmac_sha512) + 2000)) ]
check "DRBG priority +2000" $?
! grep -q '^fips ' "$tmp/plain"
check "no fips lines outside FIPS mode" $?

cat >"$tmp/t.txt" <<'T'
T fips-binds
socket 1
bind 1 hash sha256
bind 1 hash md5
bind 1 hash hmac(sha256)
setsockopt 1 alg key 00112233445566778899aabbcc
setsockopt 1 alg key 00112233445566778899aabbccdd
bind 1 skcipher xts(aes)
setsockopt 1 alg key 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
bind 1 skcipher cbc(des3_ede)
bind 1 skcipher cts(cbc(serpent))
bind 1 aead gcm(aes)
bind 1 rng ansi_cprng
bind 1 rng stdrng
T
cat >"$tmp/want-fips" <<'W'
T fips-binds
socket 1 => ret=0 errno=- data=- flags=0x0
bind 1 hash sha256 => ret=0 errno=- data=- flags=0x0
bind 1 hash md5 => ret=-1 errno=ENOENT data=- flags=0x0
bind 1 hash hmac(sha256) => ret=0 errno=- data=- flags=0x0
setsockopt 1 alg key 00112233445566778899aabbcc => ret=-1 errno=EINVAL data=- flags=0x0
setsockopt 1 alg key 00112233445566778899aabbccdd => ret=0 errno=- data=- flags=0x0
bind 1 skcipher xts(aes) => ret=0 errno=- data=- flags=0x0
setsockopt 1 alg key 00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff => ret=-1 errno=EINVAL data=- flags=0x0
bind 1 skcipher cbc(des3_ede) => ret=-1 errno=ENOENT data=- flags=0x0
bind 1 skcipher cts(cbc(serpent)) => ret=-1 errno=ENOENT data=- flags=0x0
bind 1 aead gcm(aes) => ret=0 errno=- data=- flags=0x0
bind 1 rng ansi_cprng => ret=-1 errno=ELIBBAD data=- flags=0x0
bind 1 rng stdrng => ret=0 errno=- data=- flags=0x0
W
fips env LD_PRELOAD="$preload" "$driver" "$tmp/t.txt" >"$tmp/got-fips"
diff -u "$tmp/want-fips" "$tmp/got-fips"
check "binds and keys as the kernel with fips=1" $?
LD_PRELOAD="$preload" "$driver" "$tmp/t.txt" >"$tmp/got-plain"
[ "$(grep -c 'ret=-1' "$tmp/got-plain")" = 0 ]
check "all of it accepted outside FIPS mode" $?
echo "$pass passed, $fail failed"
[ $fail = 0 ]
