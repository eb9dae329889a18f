#!/usr/bin/env bash
# The preload without its engine beside it (a broken install): no crash, AF_ALG absent.
set -eu
preload=$1 prog=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$preload" "$dir/"
LD_PRELOAD="$dir/$(basename "$preload")" "$prog"
