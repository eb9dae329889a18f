#!/usr/bin/env bash
# Fetch cryptsetup's Debian source package (apt-get source; needs a deb-src entry, which
# tests/run.sh adds) and build only tests/vectors-test (tests/crypto-vectors.c over the
# OpenSSL crypto backend, whose cipher checks use AF_ALG), for test-cryptsetup.sh.
# Build dependencies: libdevmapper-dev libjson-c-dev libssl-dev uuid-dev libblkid-dev
# libpopt-dev libargon2-dev.
# Usage: build-cryptsetup.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
if ! ls -d cryptsetup-*/ >/dev/null 2>&1; then
	apt-get source -qq cryptsetup >/dev/null 2>&1 || true
	if ! ls -d cryptsetup-*/ >/dev/null 2>&1; then
		tar xf "$(ls cryptsetup_*.orig.tar.* | grep -v '\.asc$' | head -1)"
	fi
fi
cd "$(ls -d cryptsetup-*/ | head -1)"
if [ ! -f Makefile ]; then
	[ -x configure ] || autoreconf -fi >/dev/null 2>&1
	./configure -q --disable-asciidoc --disable-ssh-token --disable-nls \
		--disable-veritysetup --disable-integritysetup \
		--disable-external-tokens --with-crypto_backend=openssl >/dev/null
fi
make -s -j2 libcrypto_backend.la >/dev/null 2>&1
make -s -j2 -C tests vectors-test >/dev/null 2>&1
echo "cryptsetup vectors-test built in $PWD/tests"
