#!/usr/bin/env bash
# Run the benchmark under ualg and write bench/results/: the table (text + CSV), the memory
# figures, the preload's cost to a program that never uses AF_ALG, and a plot (gnuplot).
# Usage: bench/run.sh [BUILD_DIR]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
b=${1:-build}
[ $# -gt 0 ] && shift
out=bench/results
mkdir -p "$out"
ninja -C "$b" >/dev/null
ualg="$b/tools/ualg"
preload="$b/src/preload/libualg-preload.so"
{
	echo "date: $(date -u +%F)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
	echo "cores: $(nproc)"
	echo "kernel: $(uname -r)"
	echo "openssl: $(openssl version)"
} >"$out/machine.txt"
"$ualg" run -- "$b/bench/afalg-bench" --csv "$@" >"$out/table.csv"
"$ualg" run -- "$b/bench/afalg-bench" --rss 10000 >"$out/memory.txt"
{
	echo "without preload: $("$b/bench/afalg-bench" --syscall-loop 2000000)"
	echo "with preload:    $(LD_PRELOAD=$preload "$b/bench/afalg-bench" --syscall-loop 2000000)"
	# startup: 500 exec of /bin/true, with and without the preload
	t0=$(date +%s%N); for _ in $(seq 500); do LD_PRELOAD= /bin/true; done; t1=$(date +%s%N)
	for _ in $(seq 500); do LD_PRELOAD=$preload /bin/true; done; t2=$(date +%s%N)
	echo "startup /bin/true: $(( (t1 - t0) / 500000 )) us without, $(( (t2 - t1) / 500000 )) us with"
	# the first AF_ALG socket: engine load, registry, self-tests (31 fresh processes, medians)
	for _ in $(seq 31); do LD_PRELOAD=$preload "$b/bench/afalg-first"; done | sort -n |
		awk '{t[NR] = $1; r0[NR] = $2; r1[NR] = $3} END {m = int((NR + 1) / 2);
			printf "first AF_ALG socket: %.0f us to the first answers; VmRSS %d KiB before, %d KiB after\n", t[m], r0[m], r1[m]}'
} >"$out/preload-cost.txt"
column -t -s, "$out/table.csv" >"$out/table.txt"
cat "$out/machine.txt" "$out/table.txt" "$out/memory.txt" "$out/preload-cost.txt"
if command -v gnuplot >/dev/null; then
	gnuplot <<GP
set terminal pngcairo size 1500,900 noenhanced
set output "$out/ns-per-op.png"
set datafile separator ","
set logscale xy
set key top left
set multiplot layout 2,3 title "ns per operation vs bytes: (a) AF_ALG API under ualg, (b) OpenSSL EVP, (c) socketpair round trip + EVP"
algs = "sha256 hmac(sha256) cbc(aes)-128 xts(aes)-256 gcm(aes)-128 chacha20-poly1305"
do for [i=1:words(algs)] {
	set title word(algs,i)
	plot "< grep '^".word(algs,i).",' $out/table.csv" using 2:3 with linespoints lw 2 title "(a) ualg", \
	     "" using 2:4 with linespoints title "(b) EVP", \
	     "" using 2:5 with linespoints dashtype 2 title "(c) floor"
}
unset multiplot
GP
fi
