#!/usr/bin/env bash
# A real program with a SIGSEGV handler of its own under the preload: Python's
# faulthandler, enabled before the first AF_ALG socket (-X faulthandler) and
# after it (faulthandler.enable(), a sigaction() call the preload keeps behind
# its own fault guard). Python must hash through AF_ALG, then, on a wild
# pointer, print its own fatal-error traceback and die of SIGSEGV, as it does
# without ualg.
# Usage: host-python.sh PRELOAD_LIB
set -u
lib=$1
py=$(command -v python3) || { echo "python3 not found"; exit 77; }
script='
import socket, ctypes, faulthandler, sys
s = socket.socket(socket.AF_ALG, socket.SOCK_SEQPACKET, 0)
s.bind(("hash", "sha256"))
op, _ = s.accept()
op.sendall(b"abc")
print(op.recv(32).hex(), flush=True)
if len(sys.argv) > 1:
    faulthandler.enable()
ctypes.string_at(0x1000, 1)
'
status=0
for when in startup later; do
	if [ $when = startup ]; then
		out=$(LD_PRELOAD="$lib" "$py" -X faulthandler -c "$script" 2>&1); st=$?
	else
		out=$(LD_PRELOAD="$lib" "$py" -c "$script" later 2>&1); st=$?
	fi
	echo "== faulthandler enabled at $when: exit status $st"
	echo "$out"
	grep -q ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad <<<"$out" ||
		{ echo "FAIL: no digest"; status=1; }
	grep -q "Fatal Python error: Segmentation fault" <<<"$out" ||
		{ echo "FAIL: Python's own handler did not run"; status=1; }
	[ $st -eq $((128 + 11)) ] || { echo "FAIL: not killed by SIGSEGV"; status=1; }
done
exit $status
