#!/usr/bin/env bash
# Instructions per request (callgrind), for each algorithm at one size: ualg through the
# preload (a) and OpenSSL EVP at its best (b). Steady state: the difference of a 600- and a
# 200-request run over 400, so set-up, self-tests and exit cancel out. Unlike times, these
# counts do not depend on the machine's load: they are what bench/README.md's per-change gains
# are measured in. Needs valgrind.
# Usage: bench/instr.sh [BUILD_DIR] [SIZE] [ALG...]   (default: build 64, every algorithm)
#        bench/instr.sh --loops [BUILD_DIR]   user-space instructions per round of the syscall
#            loop and per open+close, without and with the preload (what a program that never
#            opens an AF_ALG socket pays; the kernel's own work is not counted, so these are
#            added instructions, to set against the loops' times in results/preload-cost.txt)
set -euo pipefail
cd "$(dirname "$0")/.."
loops=0
if [ "${1:-}" = --loops ]; then
	loops=1
	shift
fi
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

# instructions of one run of a loop mode with N rounds, with or without the preload
loop_total() {
	local mode=$1 n=$2 pre=$3
	valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$tmp/cg.%p" \
		env ${pre:+LD_PRELOAD=$pre} "$b/bench/afalg-bench" "$mode" "$n" >/dev/null 2>"$tmp/err" ||
		{ cat "$tmp/err" >&2; exit 1; }
	awk '/^(summary|totals):/ {print $2; exit}' "$(ls -t "$tmp"/cg.* | head -1)"
	rm -f "$tmp"/cg.*
}

if [ $loops = 1 ]; then
	printf '%-44s %10s %10s %8s\n' loop without "with" added
	for mode in --syscall-loop --open-loop; do
		w0=$((($(loop_total $mode 6000 "") - $(loop_total $mode 2000 "")) / 4000))
		w1=$((($(loop_total $mode 6000 "$preload") - $(loop_total $mode 2000 "$preload")) / 4000))
		label="syscall loop (6 calls per round)"
		[ $mode = --open-loop ] && label="open+close of /dev/null"
		printf '%-44s %10d %10d %8d\n' "$label" "$w0" "$w1" $((w1 - w0))
	done
	exit 0
fi

printf '%-18s %6s %10s %10s %7s\n' algorithm size "(a) ualg" "(b) EVP" "a/b"
for alg in "${algs[@]}"; do
	a=$((($(total a "$alg" 600) - $(total a "$alg" 200)) / 400))
	e=$((($(total b "$alg" 600) - $(total b "$alg" 200)) / 400))
	printf '%-18s %6s %10d %10d %7.2f\n' "$alg" "$size" "$a" "$e" "$(awk -v a="$a" -v b="$e" 'BEGIN {print a / b}')"
done
