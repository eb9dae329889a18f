#!/usr/bin/env bash
# cryptsetup 2.6.1 under the preload (its cipher checks and benchmark use AF_ALG skcipher):
#  1. `cryptsetup benchmark` (Debian cryptsetup-bin): every cipher row whose algorithm the
#     engine serves (probed with an AF_ALG bind of "mode(cipher)" under the preload) shows
#     figures in both columns, every other row shows N/A; without the preload no row shows
#     figures (the kernel here has no AF_ALG).
#  2. tests/vectors-test built from the source package (build-cryptsetup.sh): passes under
#     the preload, and every cipher vector the engine serves is checked, not N/A.
set -u
export LC_ALL=C
fail=0
lib=$UALG_PRELOAD
probe() { # skcipher name: 0 if the engine binds it
	LD_PRELOAD="$lib" python3 -c '
import socket, sys
s = socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET, 0)
try:
    s.bind(("skcipher", sys.argv[1]))
except OSError:
    sys.exit(1)' "$1"
}

if ! command -v cryptsetup >/dev/null || ! command -v python3 >/dev/null; then
	echo "SKIP: cryptsetup (Debian cryptsetup-bin) or python3 is not installed"
	exit 77
fi
without=$(env -u LD_PRELOAD cryptsetup benchmark 2>&1)
with=$(LD_PRELOAD="$lib" cryptsetup benchmark 2>&1)
echo "$with" | sed -n '/Algorithm/,$p'
rows=$(echo "$with" | grep -E '^ *[a-z0-9,]+-[a-z0-9]+ +[0-9]+b ')
if [ -z "$rows" ]; then
	echo "FAIL benchmark: no cipher table under the preload"
	fail=$((fail + 1))
fi
while read -r alg bits enc encu dec decu; do
	[ -n "$alg" ] || continue
	cipher=${alg%-*} mode=${alg##*-}
	name="$mode($cipher)" # cryptsetup's kernel name: "xts(aes)", "adiantum(xchacha12,aes)"
	if probe "$name"; then
		if [ "$enc" = N/A ] || [ "$dec" = N/A ]; then
			echo "FAIL benchmark $alg $bits: the engine has $name but the row says N/A"
			fail=$((fail + 1))
		else
			echo "ok   benchmark $alg $bits: $enc $encu / $dec $decu"
		fi
	elif [ "$enc" != N/A ]; then
		echo "FAIL benchmark $alg $bits: figures for $name, which the engine refuses"
		fail=$((fail + 1))
	else
		echo "ok   benchmark $alg $bits: N/A ($name is not in the engine)"
	fi
done <<<"$rows"
if echo "$without" | grep -E '^ *[a-z0-9,]+-[a-z0-9]+ +[0-9]+b +[0-9.]+ ' >/dev/null; then
	echo "FAIL benchmark: figures without the preload, so the check proves nothing"
	fail=$((fail + 1))
fi

vt=$(ls -d "$UALG_CLIENTS_DIR"/cryptsetup-*/tests/vectors-test 2>/dev/null | head -1)
if [ -z "$vt" ]; then
	echo "FAIL vectors-test is not built in $UALG_CLIENTS_DIR (tests/clients/build-cryptsetup.sh)"
	fail=$((fail + 1))
else
	cd "$(dirname "$vt")"
	out=$(LD_PRELOAD="$lib" ./vectors-test 2>&1)
	rc=$?
	base=$(env -u LD_PRELOAD ./vectors-test 2>&1)
	echo "vectors-test: exit $rc, $(grep -c 'N/A' <<<"$out") N/A entries with the preload, $(grep -c 'N/A' <<<"$base") without"
	if [ $rc != 0 ]; then
		echo "$out" | tail -5
		echo "FAIL vectors-test exit $rc"
		fail=$((fail + 1))
	fi
	# each N/A cipher vector entry: the engine must not have it
	for e in $(grep -oE '\[[a-z0-9,]+-[a-z0-9]+ N/A\]' <<<"$out" | tr -d '[]' | sed 's/ N\/A//'); do
		cipher=${e%-*} mode=${e##*-}
		if probe "$mode($cipher)"; then
			echo "FAIL vectors-test: $e is N/A but the engine has $mode($cipher)"
			fail=$((fail + 1))
		else
			echo "ok   vectors-test: $e N/A ($mode($cipher) is not in the engine)"
		fi
	done
fi
echo "cryptsetup: $fail failed"
[ $fail = 0 ]
