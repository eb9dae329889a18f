#!/usr/bin/env bash
# ualg audit --duration 5s while kcapi-dgst runs under ualg run: reported as
# served by ualg, with its algorithm, accepts and bytes; a program making
# only AF_INET socket/bind/sendto calls meanwhile is not reported; one that
# makes 4 AF_ALG socket() calls to the kernel and exits early is counted
# exactly 4 times (its counts leave the kernel's map while the audit runs).
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
need_audit
command -v kcapi-dgst >/dev/null || { echo "SKIP: kcapi-dgst (kcapi-tools) not installed"; exit 77; }

"$UALG" audit --duration 5s --json -o "$TMP/report.json" 2> "$TMP/audit.err" & audit=$!
wait_tracing "$TMP/audit.err"
(
	for _ in 1 2 3; do
		printf abc | "$UALG" run -- kcapi-dgst -c sha256 --hex
		echo
		sleep 0.5
	done
) & BG+=($!)
cp "$CALLS" "$TMP/inet-calls" # its own executable, to be found absent
"$TMP/inet-calls" inet 200
"$CALLS" alg 4
wait "$audit"
cat "$TMP/audit.err"
python3 "$HERE/check.py" "$TMP/report.json" program=/kcapi-dgst:ualg \
	program=/audit-calls:kernel count=/audit-calls:socket:4 count=/audit-calls:bind:4 \
	call=/kcapi-dgst:socket:-:-:ok call=/kcapi-dgst:bind:hash:sha256:ok \
	call=/kcapi-dgst:accept:hash:sha256:ok call=/kcapi-dgst:send:hash:sha256:ok:9 \
	"absent=$(readlink -f "$TMP/inet-calls")"
