#!/usr/bin/env bash
# audit-live (suite oracle-live): ualg audit on a kernel that has AF_ALG,
# Debian 12's 6.1 cloud kernel booted under qemu (TCG) like the oracle
# (tests/oracle/record.sh fetches it). In the guest:
#   ualg audit --json -- audit-calls alg 3
# where each round is socket, bind hash/sha256, accept, write "abc", read: the
# kernel answers them all, so the report must show 3 of each, answered ok,
# and 9 bytes sent, on the path this host's kernel (no AF_ALG) cannot show.
# Skips (77) without qemu & co. or the kernel package; never installs.
# Usage: audit-live.sh UALG AUDIT-CALLS
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
UALG=$(readlink -f "$1")
CALLS=$(readlink -f "$2")
export ORACLE_INSTALL=0
"$HERE/../oracle/record.sh" --check >/dev/null || { echo "SKIP: no qemu/busybox/kmod/cpio"; exit 77; }
K=$("$HERE/../oracle/record.sh" --kernel-dir) || { echo "SKIP: the 6.1 kernel package cannot be had"; exit 77; }
KV=$(basename "$K" | sed 's/^kernel-//')
W=$(mktemp -d /tmp/ualg-audit-live.XXXXXX)
trap 'rm -rf "$W"' EXIT
R=$W/root
mkdir -p "$R"/bin "$R"/proc "$R"/sys "$R"/dev "$R"/tmp "$R"/run

# busybox, the AF_ALG modules, and ualg with every library it loads
cp /bin/busybox "$R/bin/busybox"
for a in sh mount cat echo modprobe poweroff mkdir; do ln -s busybox "$R/bin/$a"; done
M=$K/lib/modules/$KV
for m in af_alg algif_hash; do
	for f in $(grep -E "/$m\.ko(\.xz)?:" "$M/modules.dep" | tr -d ':'); do
		mkdir -p "$R/lib/modules/$KV/$(dirname "$f")"
		cp "$M/$f" "$R/lib/modules/$KV/$f"
	done
done
cp "$M"/modules.dep "$M"/modules.alias "$M"/modules.symbols "$M"/modules.builtin "$M"/modules.order \
	"$R/lib/modules/$KV/"
copy_with_libs() { # FILE LINK: FILE and its shared libraries at their own paths (the build
	# tree's relative rpath then still works), LINK pointing to FILE
	mkdir -p "$R$(dirname "$1")"
	cp "$1" "$R$1"
	ln -s "$1" "$R$2"
	ldd "$1" | grep -oE '/[^ ]+' | while read -r lib; do
		mkdir -p "$R$(dirname "$lib")"
		cp -L "$lib" "$R$lib"
	done
}
copy_with_libs "$UALG" /bin/ualg
copy_with_libs "$CALLS" /bin/audit-calls
cat > "$R/init" <<'EOF'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
modprobe algif_hash
/bin/ualg audit --json -o /tmp/report.json -- /bin/audit-calls alg 3 2>/tmp/audit.err
echo "@@RC $?"
cat /tmp/audit.err
echo "@@BEGIN"
cat /tmp/report.json
echo "@@END"
poweroff -f
EOF
chmod +x "$R/init"
(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1 > "$W/initramfs.gz")
timeout "${ORACLE_TIMEOUT:-900}" qemu-system-x86_64 -accel tcg -cpu max -m 1024 -smp 1 \
	-nographic -no-reboot -kernel "$K/boot/vmlinuz-$KV" -initrd "$W/initramfs.gz" \
	-append "console=ttyS0 quiet loglevel=1 panic=-1" </dev/null | tr -d '\r' > "$W/console.log"
rc=$(grep -ao '@@RC [0-9]*' "$W/console.log" | cut -d' ' -f2)
if [ "$rc" != 0 ]; then
	echo "FAIL: ualg audit in the guest exited '${rc}'"
	cat "$W/console.log"
	exit 1
fi
sed -n '/@@BEGIN$/,/^@@END$/p' "$W/console.log" | sed '1d;$d' > "$W/report.json"
python3 "$HERE/check.py" "$W/report.json" program=/audit-calls:kernel \
	call=/audit-calls:socket:-:-:ok call=/audit-calls:bind:hash:sha256:ok \
	call=/audit-calls:accept:hash:sha256:ok call=/audit-calls:send:hash:sha256:ok:9
python3 - "$W/report.json" <<'EOF'
import json, sys
calls = {r["call"]: r["count"] for p in json.load(open(sys.argv[1]))["programs"] for r in p["calls"]}
want = {"socket": 3, "bind": 3, "accept": 3, "send": 3}
if calls != want:
    sys.exit("FAIL: counts %s, want %s" % (calls, want))
print("ok: counts", calls)
EOF
