#!/usr/bin/env bash
# libkcapi's command-line tools (kcapi-tools 1.4, Debian) under the preload, each output
# compared with the openssl command line on the same input.
set -u
for t in kcapi-dgst kcapi-enc kcapi-rng openssl; do
	if ! command -v $t >/dev/null; then
		echo "SKIP: $t is not installed (apt-get install kcapi-tools openssl)"
		exit 77
	fi
done
export LD_PRELOAD="$UALG_PRELOAD"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # name got want
	if [ "$2" = "$3" ] && [ -n "$3" ]; then
		pass=$((pass + 1)); echo "ok   $1"
	else
		fail=$((fail + 1)); echo "FAIL $1: got '$2' want '$3'"
	fi
}
# openssl runs without the preload: the reference must not depend on us
ossl() { LD_PRELOAD= openssl "$@"; }
hexof() { od -An -v -tx1 | tr -d ' \n'; }

for size in 0 1 3 64 1000 65536 300000; do
	head -c $size /dev/urandom >"$tmp/in"
	got=$(kcapi-dgst -c sha256 --hex <"$tmp/in")
	want=$(ossl dgst -sha256 -r "$tmp/in" | cut -d' ' -f1)
	check "kcapi-dgst sha256 $size bytes" "$got" "$want"
	key=0123456789abcdef0011223344556677
	got=$(printf "%s" "$key" | xxd -r -p >"$tmp/key"; kcapi-dgst -c 'hmac(sha256)' --keyfd 3 --hex <"$tmp/in" 3<"$tmp/key")
	want=$(ossl dgst -sha256 -mac HMAC -macopt hexkey:$key -r "$tmp/in" | cut -d' ' -f1)
	check "kcapi-dgst hmac(sha256) $size bytes" "$got" "$want"
done

key16=000102030405060708090a0b0c0d0e0f
iv16=f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
for size in 16 33 4096 100000; do
	head -c $size /dev/urandom >"$tmp/pt"
	printf "%s" "$key16" | xxd -r -p >"$tmp/key"
	# cbc(aes): kcapi-enc pads (PKCS#7, like openssl enc) only input that is not a
	# whole number of blocks
	kcapi-enc -e -c 'cbc(aes)' --iv $iv16 --keyfd 3 -i "$tmp/pt" -o "$tmp/ct" 3<"$tmp/key"
	got=$(hexof <"$tmp/ct")
	nopad=; [ $((size % 16)) = 0 ] && nopad=-nopad
	want=$(ossl enc -aes-128-cbc -K $key16 -iv $iv16 $nopad -in "$tmp/pt" | hexof)
	check "kcapi-enc -e cbc(aes) $size bytes" "$got" "$want"
	kcapi-enc -d -c 'cbc(aes)' --iv $iv16 --keyfd 3 -i "$tmp/ct" -o "$tmp/dec" 3<"$tmp/key"
	check "kcapi-enc -d cbc(aes) $size bytes" "$(hexof <"$tmp/dec")" "$(hexof <"$tmp/pt")"
	# ctr(aes): no padding
	kcapi-enc -e -c 'ctr(aes)' --iv $iv16 --keyfd 3 -i "$tmp/pt" -o "$tmp/ct" 3<"$tmp/key"
	want=$(ossl enc -aes-128-ctr -K $key16 -iv $iv16 -in "$tmp/pt" | hexof)
	check "kcapi-enc -e ctr(aes) $size bytes" "$(hexof <"$tmp/ct")" "$want"
	kcapi-enc -d -c 'ctr(aes)' --iv $iv16 --keyfd 3 -i "$tmp/ct" -o "$tmp/dec" 3<"$tmp/key"
	check "kcapi-enc -d ctr(aes) $size bytes" "$(hexof <"$tmp/dec")" "$(hexof <"$tmp/pt")"
	# gcm(aes), 12-byte IV, 16-byte tag, with AAD. kcapi-enc writes what AF_ALG returns:
	# AAD || ciphertext || tag, and AAD || plaintext on decryption (spec §9.1). No
	# reference tool takes these arguments, so: the round trip, a wrong tag refused, and
	# below the GCM specification's test case.
	iv12=cafebabefacedbaddecaf888
	aad=feedfacedeadbeeffeedfacedeadbeefabaddad2
	alen=20
	kcapi-enc -e -c 'gcm(aes)' --iv $iv12 --aad $aad --taglen 16 --keyfd 3 -i "$tmp/pt" -o "$tmp/ct" 3<"$tmp/key"
	ctlen=$(stat -c %s "$tmp/ct")
	check "kcapi-enc -e gcm(aes) $size bytes: length" "$ctlen" "$((alen + size + 16))"
	check "kcapi-enc -e gcm(aes) $size bytes: AAD first" "$(head -c $alen "$tmp/ct" | hexof)" "$aad"
	tail -c +$((alen + 1)) "$tmp/ct" | head -c $size >"$tmp/ctonly"
	tag=$(tail -c 16 "$tmp/ct" | hexof)
	kcapi-enc -d -c 'gcm(aes)' --iv $iv12 --aad $aad --tag $tag --keyfd 3 -i "$tmp/ctonly" -o "$tmp/dec" 3<"$tmp/key"
	check "kcapi-enc -d gcm(aes) $size bytes" "$(hexof <"$tmp/dec")" "$aad$(hexof <"$tmp/pt")"
	badtag=$(printf '%x%s' $((0x${tag:0:1} ^ 1)) "${tag:1}") # first bit flipped
	if kcapi-enc -d -c 'gcm(aes)' --iv $iv12 --aad $aad --tag $badtag --keyfd 3 -i "$tmp/ctonly" -o "$tmp/dec" 3<"$tmp/key" 2>/dev/null; then
		check "kcapi-enc -d gcm(aes) wrong tag refused" "accepted" "refused"
	else
		check "kcapi-enc -d gcm(aes) wrong tag refused" "refused" "refused"
	fi
done

# gcm(aes) against the standard's test case 4 (McGrew-Viega GCM spec, AES-128)
printf "%s" feffe9928665731c6d6a8f9467308308 | xxd -r -p >"$tmp/key"
printf "%s" d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39 | xxd -r -p >"$tmp/pt"
kcapi-enc -e -c 'gcm(aes)' --iv cafebabefacedbaddecaf888 --aad feedfacedeadbeeffeedfacedeadbeefabaddad2 --taglen 16 --keyfd 3 -i "$tmp/pt" -o "$tmp/ct" 3<"$tmp/key"
check "kcapi-enc gcm(aes) GCM spec test case 4" "$(hexof <"$tmp/ct")" \
	feedfacedeadbeeffeedfacedeadbeefabaddad242831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e0915bc94fbc3221a5db94fae95ae7121a47

for n in 1 16 32 128 200; do
	got=$(kcapi-rng -b $n </dev/null | wc -c)
	check "kcapi-rng -b $n: length" "$got" "$n"
done
a=$(kcapi-rng -b 32 --hex </dev/null); b=$(kcapi-rng -b 32 --hex </dev/null)
if [ -n "$a" ] && [ "$a" != "$b" ]; then check "kcapi-rng outputs differ" x x; else check "kcapi-rng outputs differ" "$a=$b" "different"; fi

echo "kcapi-tools: $pass passed, $fail failed"
[ $fail = 0 ]
