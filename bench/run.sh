#!/usr/bin/env bash
# Run the benchmark under ualg and write bench/results/: the table (text + CSV), the memory
# figures, the preload's cost to a program that never uses AF_ALG, and a plot (gnuplot).
# Usage: bench/run.sh [BUILD_DIR]      (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
b=${1:-build}
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
	t0=$(date +%s%N); for _ in $(seq 500); do /bin/true; done; t1=$(date +%s%N)
	for _ in $(seq 500); do LD_PRELOAD=$preload /bin/true; done; t2=$(date +%s%N)
	echo "startup /bin/true: $(( (t1 - t0) / 500000 )) us without, $(( (t2 - t1) / 500000 )) us with"
} >"$out/preload-cost.txt"
column -t -s, "$out/table.csv" >"$out/table.txt"
cat "$out/machine.txt" "$out/table.txt" "$out/memory.txt" "$out/preload-cost.txt"
if command -v gnuplot >/dev/null; then
	gnuplot <<GP
set terminal pngcairo size 1400,900
set output "$out/ns-per-op.png"
set datafile separator ","
set logscale xy
set xlabel "bytes per operation"
set ylabel "ns per operation"
set key outside right
set title "ualg: (a) AF_ALG API under ualg, (b) OpenSSL EVP, (c) socketpair round trip + EVP"
algs = "sha256 hmac(sha256) cbc(aes)-128 xts(aes)-256 gcm(aes)-128 rfc7539(chacha20,poly1305)"
plot for [i=1:words(algs)] "< grep '^".word(algs,i).",' $out/table.csv" using 2:3 with linespoints title word(algs,i)." (a)", \
     for [i=1:words(algs)] "< grep '^".word(algs,i).",' $out/table.csv" using 2:4 with lines dashtype 2 title word(algs,i)." (b)", \
     for [i=1:words(algs)] "< grep '^".word(algs,i).",' $out/table.csv" using 2:5 with lines dashtype 3 title word(algs,i)." (c)"
GP
fi
