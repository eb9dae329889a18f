#!/usr/bin/env bash
# Run the benchmarks under ualg and write bench/results/: the table (text + CSV) of ualg
# against OpenSSL EVP at its best and EVP + memcpy, thread scaling, memory per socket and per
# transform, the preload's cost to a program that never uses AF_ALG, the first socket's
# cost, and the plot (gnuplot: apt-get install gnuplot-nox).
# Usage: bench/run.sh [BUILD_DIR] [afalg-bench options for the table]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
b=${1:-build}
[ $# -gt 0 ] && shift
out=bench/results
mkdir -p "$out"
ninja -C "$b" >/dev/null
ualg="$b/tools/ualg"
preload="$b/src/preload/libualg-preload.so"
bench="$b/bench/afalg-bench"
{
	echo "date: $(date -u +%F)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
	echo "cores: $(nproc)"
	echo "kernel: $(uname -r)"
	echo "openssl: $(openssl version)"
	echo "ualg: $(git describe --always --dirty 2>/dev/null || echo unknown), $(meson introspect --buildoptions "$b" 2>/dev/null |
		python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="buildtype"))' 2>/dev/null)"
} >"$out/machine.txt"

"$ualg" run -- "$bench" --csv "$@" >"$out/table.csv"
column -t -s, "$out/table.csv" >"$out/table.txt"
"$ualg" run -- "$bench" --threads 1,2,4 --sizes 64,16384 --algs 'cbc(aes)-128,gcm(aes)-128,sha256' --csv \
	>"$out/threads.csv"
column -t -s, "$out/threads.csv" >"$out/threads.txt"
"$ualg" run -- "$bench" --rss 4000 >"$out/memory.txt"

# a program that never opens an AF_ALG socket: 7 alternating runs without and with the preload
{
	median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
	for _ in 1 2 3 4 5 6 7; do
		"$bench" --syscall-loop 300000 | awk '{print $(NF-1)}' >>"$out/.without"
		LD_PRELOAD=$preload "$bench" --syscall-loop 300000 | awk '{print $(NF-1)}' >>"$out/.with"
	done
	without=$(median <"$out/.without")
	with=$(median <"$out/.with")
	rm -f "$out/.without" "$out/.with"
	echo "syscall loop (pipe write+read, stream send+recv, datagram write+read of 256 B), ns per round, median of 7:"
	echo "  without preload $without, with $with: ratio $(awk -v a="$with" -v b="$without" 'BEGIN {printf "%.3f", a / b}')"
	# open+close of /dev/null: the /proc/crypto check every open pays (procfs.c)
	for _ in 1 2 3 4 5 6 7; do
		"$bench" --open-loop 300000 | awk '{print $(NF-1)}' >>"$out/.without"
		LD_PRELOAD=$preload "$bench" --open-loop 300000 | awk '{print $(NF-1)}' >>"$out/.with"
	done
	without=$(median <"$out/.without")
	with=$(median <"$out/.with")
	rm -f "$out/.without" "$out/.with"
	echo "open loop (open+close of /dev/null), ns per pair, median of 7:"
	echo "  without preload $without, with $with: ratio $(awk -v a="$with" -v b="$without" 'BEGIN {printf "%.3f", a / b}')"
	# startup: 300 exec of /bin/true, with and without the preload
	t0=$(date +%s%N); for _ in $(seq 300); do LD_PRELOAD= /bin/true; done; t1=$(date +%s%N)
	for _ in $(seq 300); do LD_PRELOAD=$preload /bin/true; done; t2=$(date +%s%N)
	echo "startup /bin/true: $(((t1 - t0) / 300000)) us without, $(((t2 - t1) / 300000)) us with"
	# the first AF_ALG socket: engine load, registry, self-tests (31 fresh processes, median)
	for _ in $(seq 31); do LD_PRELOAD=$preload "$b/bench/afalg-first"; done | sort -n |
		awk '{t[NR] = $1; r0[NR] = $2; r1[NR] = $3} END {m = int((NR + 1) / 2);
			printf "first AF_ALG socket: %.0f us to the first answers; VmRSS %d KiB before, %d KiB after\n", t[m], r0[m], r1[m]}'
} >"$out/preload-cost.txt"

cat "$out/machine.txt" "$out/table.txt" "$out/threads.txt" "$out/memory.txt" "$out/preload-cost.txt"

if command -v gnuplot >/dev/null; then
	gnuplot <<GP
set terminal pngcairo size 1500,900 noenhanced font ",10"
set output "$out/ns-per-request.png"
set datafile separator ","
set logscale xy
set key top left
set xlabel "bytes per request"
set ylabel "ns per request"
set multiplot layout 2,3 title "ns per request: ualg (AF_ALG API, in process) vs OpenSSL EVP at its best, and EVP + memcpy (the floor)"
algs = "sha256 hmac(sha256) cbc(aes)-128 xts(aes)-256 gcm(aes)-128 chacha20-poly1305"
do for [i=1:words(algs)] {
	set title word(algs,i)
	plot "< grep '^".word(algs,i).",' $out/table.csv" using 2:3 with linespoints lw 2 title "ualg", \
	     "" using 2:4 with linespoints title "EVP", \
	     "" using 2:(\$4+\$5) with lines dashtype 2 title "EVP + memcpy"
}
unset multiplot
GP
	echo "plot: $out/ns-per-request.png"
else
	echo "gnuplot not found (apt-get install gnuplot-nox): no plot" >&2
fi
