#!/usr/bin/env bash
# ualg audit -- python3 SCRIPT: the script (tests/audit/alg.py, no preload)
# is reported with the algorithm it bound and the kernel's answers, exactly
# as the script saw them; a process making AF_ALG calls outside the command
# is not.
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
need_audit
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }

# the bystander: AF_ALG calls all along, but not a descendant of the command
"$CALLS" alg 0 & BG+=($!)
env -u LD_PRELOAD "$UALG" audit --json -o "$TMP/report.json" -- python3 "$HERE/alg.py" > "$TMP/script.out"
cat "$TMP/script.out"
sock=$(sed -n 's/^socket //p' "$TMP/script.out")
bind=$(sed -n 's/^bind //p' "$TMP/script.out")
checks=(program=python3:kernel "call=python3:socket:-:-:$sock" "call=python3:bind:hash:sha256:$bind"
	"absent=$(readlink -f "$CALLS")")
if [ "$bind" = ok ]; then # a kernel with AF_ALG: the accept and the 3 bytes sent
	checks+=(call=python3:accept:hash:sha256:ok call=python3:send:hash:sha256:ok:3)
fi
python3 "$HERE/check.py" "$TMP/report.json" "${checks[@]}"
