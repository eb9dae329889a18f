#!/bin/bash
# live.sh - oracle-live: re-record every committed transcript on the real
# kernel (record.sh, one qemu boot) into a temporary directory and check that
# the kernel still gives the committed answers (tests/oracle/fixtures).
# Skips (77) unless qemu and the other tools are present; never installs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
export ORACLE_INSTALL=0
"$HERE/record.sh" --check || exit 77
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
ORACLE_FIXTURES="$out" "$HERE/record.sh" "$HERE"/transcripts/*.txt
python3 "$HERE/compare.py" --kernel-vs "$out" "$HERE/fixtures"
