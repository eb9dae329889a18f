#!/bin/sh
# Build the libFuzzer targets (clang, ASan + UBSan) outside the default build:
#   tests/fuzz/build.sh [builddir]        (default: build-fuzz)
# then e.g.  build-fuzz/fuzz-sock -max_total_time=300 tests/fuzz/corpus/sock
set -eu
src=$(cd "$(dirname "$0")/../.." && pwd)
bd=${1:-$src/build-fuzz}
san=address,undefined
if [ ! -d "$bd" ]; then
	CC=clang meson setup "$bd" "$src" -Dbuildtype=debugoptimized \
		-Db_sanitize=$san -Db_lundef=false \
		-Dc_args="-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
fi
ninja -C "$bd" src/libualg-internal.a
for t in fuzz-sock fuzz-name; do
	clang -O1 -g -fsanitize=fuzzer,$san -fno-sanitize-recover=undefined -D_GNU_SOURCE \
		-I"$src/src" -I"$src/include" "$src/tests/fuzz/$t.c" "$src/tests/fuzz/names.c" \
		-Wl,--whole-archive "$bd/src/libualg-internal.a" -Wl,--no-whole-archive \
		-lcrypto -lpthread -o "$bd/$t"
done
echo "built $bd/fuzz-sock $bd/fuzz-name"
