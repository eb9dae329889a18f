#!/usr/bin/env bash
# Fetch the Linux Test Project (not packaged in Debian 12) with git and build its
# library and the two NETLINK_CRYPTO tests test-ltp.sh runs: crypto_user02 (NEWALG and
# DELALG racing a killed child) and pcrypt_aead01 (making and deleting pcrypt
# instances). Built without the preload; nothing of LTP is kept in this repository.
# Usage: build-ltp.sh DIR
# Env:   UALG_LTP_GIT (default the upstream repository), UALG_LTP_TAG (a release tag)
set -euo pipefail
dir=$1
repo=${UALG_LTP_GIT:-https://github.com/linux-test-project/ltp.git}
tag=${UALG_LTP_TAG:-20260529}
mkdir -p "$dir"
cd "$dir"
if [ ! -d ltp ]; then
	git clone -q --depth 1 --branch "$tag" "$repo" ltp
fi
cd ltp
[ -f include/config.h ] || { make -s autotools >/dev/null 2>&1 && ./configure -q >/dev/null 2>&1; }
make -s -j2 -C lib >/dev/null 2>&1
make -s -j2 -C testcases/kernel/crypto crypto_user02 pcrypt_aead01 >/dev/null 2>&1
echo "LTP crypto_user02 and pcrypt_aead01 built in $PWD/testcases/kernel/crypto"
