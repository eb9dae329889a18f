#!/usr/bin/env bash
# Instructions per request (callgrind), for each algorithm at one size: ualg through the
# preload (a) and OpenSSL EVP at its best (b). Steady state: the difference of a 600- and a
# 200-request run over 400, so set-up, self-tests and exit cancel out. Unlike times, these
# counts do not depend on the machine's load: they are what bench/README.md's per-change gains
# are measured in. Needs valgrind.
# Usage: bench/instr.sh [BUILD_DIR] [SIZE] [ALG...]   (default: build 64, every algorithm)
set -euo pipefail
cd "$(dirname "$0")/.."
b=${1:-build}
size=${2:-64}
shift $(($# > 2 ? 2 : $#))
algs=("$@")
[ ${#algs[@]} -gt 0 ] || algs=(sha256 'hmac(sha256)' 'cbc(aes)-128' 'xts(aes)-256' 'gcm(aes)-128' chacha20-poly1305)
preload=$PWD/$b/src/preload/libualg-preload.so
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# instructions of one run of N requests
total() {
	local way=$1 alg=$2 n=$3 pre=
	[ "$way" = a ] && pre=$preload
	valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$tmp/cg.%p" \
		env ${pre:+LD_PRELOAD=$pre} "$b/bench/afalg-bench" --count "$n" --way "$way" \
		--algs "$alg" --sizes "$size" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
	awk '/^(summary|totals):/ {print $2; exit}' "$(ls -t "$tmp"/cg.* | head -1)"
	rm -f "$tmp"/cg.*
}

printf '%-18s %6s %10s %10s %7s\n' algorithm size "(a) ualg" "(b) EVP" "a/b"
for alg in "${algs[@]}"; do
	a=$((($(total a "$alg" 600) - $(total a "$alg" 200)) / 400))
	e=$((($(total b "$alg" 600) - $(total b "$alg" 200)) / 400))
	printf '%-18s %6s %10d %10d %7.2f\n' "$alg" "$size" "$a" "$e" "$(awk -v a="$a" -v b="$e" 'BEGIN {print a / b}')"
done
