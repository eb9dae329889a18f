#!/usr/bin/env bash
# Inside a fresh root (tests/package/test-package.sh): install the Build-Depends, build the
# binary package from this clean clone, run lintian; leave ualg_*.deb, build.log and
# lintian.txt in /src/out. Fails on a lintian error.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends build-essential dpkg-dev >/dev/null
apt-get build-dep -y -qq ./ >/dev/null
mkdir -p /src/out
if ! dpkg-buildpackage -us -uc -b -j2 >/src/out/build.log 2>&1; then
	tail -60 /src/out/build.log
	exit 1
fi
cp ../ualg_*.deb /src/out/
# the source package too, for lintian's checks of debian/ itself
dpkg-buildpackage -us -uc -S -d >>/src/out/build.log 2>&1
apt-get install -y -qq --no-install-recommends lintian >/dev/null
# --fail-on error: warnings are listed, not fatal (issue 13's note lists them)
lintian --info --display-info --fail-on error ../ualg_*.dsc ../ualg_*.deb >/src/out/lintian.txt 2>&1 || {
	cat /src/out/lintian.txt
	exit 1
}
