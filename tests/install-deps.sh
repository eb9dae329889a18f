#!/usr/bin/env bash
# Install the Debian 12 packages ualg needs, as root or through sudo.
#   tests/install-deps.sh main   build + the README's demo (kcapi-tools)
#   tests/install-deps.sh        everything the test suites use (also adds a deb-src entry,
#                                derived from the existing sources, for apt-get source)
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive

main_pkgs="meson ninja-build pkg-config gcc libc6-dev libssl-dev libxxhash-dev zlib1g-dev nettle-dev kcapi-tools
	clang libbpf-dev bpftool"
test_pkgs="openssl libjson-c-dev python3 libpython3.11-testsuite python3.11 dpkg-dev make xxd
	cryptsetup-bin libdevmapper-dev libblkid-dev libpopt-dev libargon2-dev uuid-dev
	autoconf automake libtool file qemu-system-x86 busybox-static kmod cpio"

pkgs=$main_pkgs
if [ "${1:-all}" != main ]; then
	pkgs="$pkgs $test_pkgs"
	src=/etc/apt/sources.list.d/debian.sources
	if [ -f "$src" ] && ! grep -q '^Types:.*deb-src' "$src"; then
		sed 's/^Types: deb$/Types: deb-src/' "$src" |
			as_root tee /etc/apt/sources.list.d/ualg-deb-src.sources >/dev/null
	elif [ -f /etc/apt/sources.list ] && ! grep -q '^deb-src' /etc/apt/sources.list; then
		sed -n 's/^deb /deb-src /p' /etc/apt/sources.list |
			as_root tee /etc/apt/sources.list.d/ualg-deb-src.list >/dev/null
	fi
fi
as_root apt-get update -qq
# shellcheck disable=SC2086
as_root apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
