#!/bin/sh
# Build the libFuzzer targets (clang, ASan + UBSan) outside the default build:
#   tests/fuzz/build.sh [builddir]        (default: build-fuzz)
# then e.g.  build-fuzz/fuzz-sock -max_total_time=300 tests/fuzz/corpus/fuzz-sock
# fuzz-fdtable runs under the preload built here (tests/fuzz/run.sh does it):
#   LD_PRELOAD=build-fuzz/src/preload/libualg-preload.so build-fuzz/fuzz-fdtable ...
# Needs clang (libFuzzer) and the -dev packages the main build needs; the
# libraries below src/ are linked as pkg-config names them.
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
bd=${1:-$src/build-fuzz}
san=address,undefined
cflags="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
if [ ! -d "$bd" ]; then
	CC=clang meson setup "$bd" "$src" -Dbuildtype=debugoptimized \
		-Db_sanitize=$san -Db_lundef=false -Dc_args="$cflags"
fi
ninja -C "$bd" src/libualg-internal.a src/preload/libualg-preload.so src/preload/libualg-engine.so
# shellcheck disable=SC2046
deps=$(pkg-config --libs libcrypto nettle libxxhash zlib)
for t in fuzz-sock fuzz-name fuzz-netlink; do
	# shellcheck disable=SC2086
	clang -O1 -g -fsanitize=fuzzer,$san -fno-sanitize-recover=undefined -D_GNU_SOURCE \
		-I"$src/src" -I"$src/include" "$src/tests/fuzz/$t.c" "$src/tests/fuzz/names.c" \
		-Wl,--whole-archive "$bd/src/libualg-internal.a" -Wl,--no-whole-archive \
		$deps -lpthread -o "$bd/$t"
done
clang -O1 -g -fsanitize=fuzzer,$san -fno-sanitize-recover=undefined -D_GNU_SOURCE \
	-I"$src/src" -I"$src/include" "$src/tests/fuzz/fuzz-fdtable.c" -o "$bd/fuzz-fdtable"
echo "built $bd/fuzz-sock $bd/fuzz-name $bd/fuzz-netlink $bd/fuzz-fdtable"
