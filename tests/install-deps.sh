#!/usr/bin/env bash
# Install the Debian 12 packages ualg needs, as root or through sudo.
#   tests/install-deps.sh main   build + the README's demo (kcapi-tools)
#   tests/install-deps.sh        everything the test suites use (also adds deb-src entries,
#                                derived from the existing sources, for apt-get source)
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive

main_pkgs="meson ninja-build pkg-config gcc libc6-dev libssl-dev libxxhash-dev zlib1g-dev nettle-dev kcapi-tools
	clang libbpf-dev bpftool scdoc"
test_pkgs="openssl libjson-c-dev python3 libpython3.11-testsuite python3.11 dpkg-dev make xxd
	cryptsetup-bin libdevmapper-dev libblkid-dev libpopt-dev libargon2-dev uuid-dev
	autoconf automake libtool file qemu-system-x86 busybox-static kmod cpio"
# what the client suites' own test scripts call: ell's D-Bus tests start dbus-daemon;
# libkcapi's kcapi-enc-test.sh uses hexdump; cryptsetup's autoreconf needs autopoint (gettext)
test_pkgs="$test_pkgs dbus-daemon bsdextrautils gettext autopoint"
# the libFuzzer targets (tests/fuzz/run.sh, issue 12): clang is above; its libFuzzer and sanitizer
# runtimes (a recommendation of clang, not installed with --no-install-recommends); llvm-symbolizer
test_pkgs="$test_pkgs libclang-rt-14-dev llvm"

pkgs=$main_pkgs
if [ "${1:-all}" != main ]; then
	pkgs="$pkgs $test_pkgs"
	# deb-src entries for every deb entry, whatever the layout (tests/apt-deb-src.pl)
	as_root perl "$(dirname "$0")/apt-deb-src.pl" /etc/apt
fi
as_root apt-get update -qq
# shellcheck disable=SC2086
as_root apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
