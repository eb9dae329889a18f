#!/usr/bin/env bash
# The Debian package, as a user gets it: built by dpkg-buildpackage in one fresh Debian 12 root
# (from a clean clone of the committed HEAD, with only the Build-Depends installed; lintian
# run there too), then installed with apt-get into another fresh root and used there
# (tests/package/install.sh: a real AF_ALG client through `ualg run`, then without it after
# `ualg enable --system`, then `ualg disable`/`apt-get purge` leave /etc/ld.so.preload as it was).
#   tests/package/test-package.sh [--deb FILE]   (--deb: test that .deb, don't build one)
# Env: UALG_PACKAGE_OUT=DIR  keep the .deb, the build log and lintian's output in DIR
# Needs root, unshare and mmdebstrap (tests/fresh-root.sh); exits 77 when they are not there.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (fresh Debian roots: mmdebstrap, unshare, chroot)"
unshare -m -p -f true 2>/dev/null || skip "unshare (mount and PID namespaces) is not allowed here"
command -v mmdebstrap >/dev/null ||
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null 2>&1 ||
	skip "mmdebstrap is not installed and apt-get could not install it"

deb=
if [ "${1:-}" = --deb ]; then
	deb=$(realpath "${2:?--deb FILE}")
fi
out=${UALG_PACKAGE_OUT:-$(mktemp -d /tmp/ualg-package.XXXXXX)}
mkdir -p "$out"
[ -n "${UALG_PACKAGE_OUT:-}" ] || trap 'rm -rf "$out"' EXIT
start=$SECONDS
if [ -z "$deb" ]; then
	echo "== build: dpkg-buildpackage -us -uc -b in a fresh root"
	"$top/tests/fresh-root.sh" --out "$out" tests/package/build.sh
	deb=$(ls "$out"/ualg_*.deb)
	echo "== built $(basename "$deb") ($(stat -c %s "$deb") bytes) in $((SECONDS - start)) s"
	echo "== lintian:"
	sed 's/^/   /' "$out/lintian.txt"
fi
t=$SECONDS
echo "== install and use it in another fresh root"
"$top/tests/fresh-root.sh" --in "$deb" "tests/package/install.sh /src/$(basename "$deb")"
echo "== package test: $((SECONDS - t)) s for the install test, $((SECONDS - start)) s in all"
