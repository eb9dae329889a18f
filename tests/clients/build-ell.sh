#!/usr/bin/env bash
# Fetch ell's Debian source package (apt-get source; needs a deb-src entry, which
# tests/run.sh adds) and build it with its unit tests, for test-ell.sh.
# Usage: build-ell.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
if ! ls -d ell-*/ >/dev/null 2>&1; then
	apt-get source -qq ell >/dev/null 2>&1
fi
cd "$(ls -d ell-*/ | head -1)"
[ -f Makefile ] || ./configure -q >/dev/null
make -s -j2 >/dev/null 2>&1
# builds the unit programs (and runs them once without the preload; failures there are expected)
make -s -j2 check >/dev/null 2>&1 || true
echo "ell built in $PWD"
