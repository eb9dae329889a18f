#!/usr/bin/env bash
# Fetch libkcapi's Debian source package (apt-get source; needs a deb-src entry, which
# tests/run.sh adds) and build the library, its test program and its apps (kcapi-enc,
# kcapi-dgst, kcapi-hasher, kcapi-rng) in the tree, for test-libkcapi.sh. Built without
# the preload: only the test programs run under it.
# Usage: build-libkcapi.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
if ! ls -d libkcapi-*/ >/dev/null 2>&1; then
	# the Debian diff is not needed; when only the upstream tarball can be fetched,
	# unpack that
	apt-get source -qq libkcapi >/dev/null 2>&1 || true
	if ! ls -d libkcapi-*/ >/dev/null 2>&1; then
		tar xf "$(ls libkcapi_*.orig.tar.* | grep -v '\.asc$' | head -1)"
	fi
fi
cd "$(ls -d libkcapi-*/ | head -1)"
if [ ! -f Makefile ]; then
	[ -x configure ] || autoreconf -fi >/dev/null 2>&1
	./configure -q --enable-kcapi-test --enable-kcapi-encapp --enable-kcapi-dgstapp \
		--enable-kcapi-hasher --enable-kcapi-rngapp >/dev/null
fi
make -s -j2 >/dev/null 2>&1
# the test scripts look for the in-tree binaries (bin/) when this file exists
touch test/test-is-local
echo "libkcapi built in $PWD"
