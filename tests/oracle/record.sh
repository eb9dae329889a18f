#!/bin/bash
# record.sh - record the answers of a real kernel's AF_ALG for every
# transcript, as tests/oracle/fixtures/*.out.
#
# The host kernel has no AF_ALG, so this boots Debian 12's cloud kernel
# (linux-image-6.1.0-*-cloud-amd64, fetched with apt-get download, never
# installed) under qemu (TCG) with a small initramfs: busybox, the crypto
# modules, and driver.c built static.  All transcripts go into ONE boot.
#
#   tests/oracle/record.sh                 regenerate transcripts (gen.py),
#                                          boot once, rewrite fixtures/
#   tests/oracle/record.sh FILE.txt...     record only these transcripts
#   tests/oracle/record.sh --check         exit 77 unless recording can work
#   tests/oracle/record.sh --kernel-dir    fetch the kernel, print where it is
#
# The guest loads every module of arch/x86/crypto before the first
# transcript, as udev does at boot on a machine with these CPU features
# (qemu -cpu max: AES-NI, PCLMUL, AVX2, VAES; no SHA-NI), so the x86
# drivers serve whatever they serve on such a machine. Transcripts named
# fips-*.txt run in a second boot with fips=1 on the kernel command line.
# Each boot also writes the guest's /proc/crypto after its transcripts to
# fixtures/proc-crypto.txt (proc-crypto-fips.txt).
#
# Env: ORACLE_WORK (cache, default /tmp/ualg-oracle), KVER (kernel ABI name,
# default: what linux-image-cloud-amd64 depends on), ORACLE_TIMEOUT (s),
# ORACLE_INSTALL=0 to never apt-get install, ORACLE_FIXTURES (output
# directory, default tests/oracle/fixtures).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
W=${ORACLE_WORK:-/tmp/ualg-oracle}
FIX=${ORACLE_FIXTURES:-$HERE/fixtures}
mkdir -p "$W"

have_tools() {
	command -v qemu-system-x86_64 >/dev/null && [ -x /bin/busybox ] &&
		command -v depmod >/dev/null && command -v cpio >/dev/null &&
		command -v gcc >/dev/null
}

install_tools() {
	have_tools && return 0
	[ "${ORACLE_INSTALL:-1}" = 1 ] || return 1
	[ "$(id -u)" = 0 ] || return 1
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		qemu-system-x86 busybox-static kmod cpio gcc libc6-dev >/dev/null
}

kernel_version() {
	if [ -n "${KVER:-}" ]; then echo "$KVER"; return; fi
	apt-cache depends linux-image-cloud-amd64 2>/dev/null |
		sed -n 's/.*Depends: linux-image-\(6\.1\.[0-9-]*-cloud-amd64\)$/\1/p' | head -1
}

fetch_kernel() {  # $1: kernel ABI name; unpacks into $W/kernel-$1
	local kv=$1 d="$W/kernel-$1"
	[ -f "$d/boot/vmlinuz-$kv" ] && return 0
	rm -rf "$d" "$W"/linux-image-"$kv"_*.deb
	(cd "$W" && apt-get download -qq "linux-image-$kv")
	dpkg-deb -x "$W"/linux-image-"$kv"_*.deb "$d"
	depmod -b "$d" "$kv"
}

# Initramfs: busybox, the modules below crypto/, arch/x86/crypto/ and
# lib/crypto/ plus their dependencies, the driver, and an init that loads
# the AF_ALG front ends, runs every transcript and powers off.
build_initramfs() {  # $1: kernel ABI name; $2: transcript directory
	local kv=$1 M="$W/kernel-$1/lib/modules/$1" R="$W/root"
	rm -rf "$R"
	mkdir -p "$R"/bin "$R"/sbin "$R"/proc "$R"/sys "$R"/dev "$R"/t "$R/lib/modules/$kv"
	cp /bin/busybox "$R/bin/busybox"
	for a in sh mount cat echo modprobe poweroff uname date ls; do ln -s busybox "$R/bin/$a"; done
	ln -s ../bin/busybox "$R/sbin/modprobe"   # kernel's request_module helper
	python3 - "$M" > "$W/modules.list" <<'EOF'
import sys
deps = {}
for line in open(sys.argv[1] + "/modules.dep"):
    mod, _, rest = line.partition(":")
    deps[mod] = rest.split()
want = [m for m in deps if m.startswith(("kernel/crypto/", "kernel/arch/x86/crypto/", "kernel/lib/crypto/"))]
seen = set()
while want:
    m = want.pop()
    if m in seen:
        continue
    seen.add(m)
    want.extend(deps.get(m, []))
print("\n".join(sorted(seen)))
EOF
	while read -r m; do
		mkdir -p "$R/lib/modules/$kv/$(dirname "$m")"
		cp "$M/$m" "$R/lib/modules/$kv/$m"
	done < "$W/modules.list"
	cp "$M"/modules.dep "$M"/modules.alias "$M"/modules.symbols "$M"/modules.builtin \
		"$M"/modules.order "$M"/modules.softdep "$R/lib/modules/$kv/"
	gcc -std=gnu11 -O2 -static -o "$R/bin/driver" "$HERE/driver.c"
	cat > "$R/init" <<'EOF'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
echo "@@UPTIME start $(cat /proc/uptime)"
for m in af_alg algif_hash algif_skcipher algif_aead algif_rng crypto_user; do modprobe $m; done
for m in $(sed -n 's,^kernel/arch/x86/crypto/\([^:]*\)\.ko:.*,\1,p' /lib/modules/*/modules.dep); do
	modprobe $m 2>/dev/null
done
echo "@@UPTIME modules $(cat /proc/uptime)"
echo "@@FIPS $(cat /proc/sys/crypto/fips_enabled 2>/dev/null)"
echo "@@KERNEL $(uname -r) $(uname -v)"
echo "@@OPTMEM $(cat /proc/sys/net/core/optmem_max) WMEM $(cat /proc/sys/net/core/wmem_default) RMEM $(cat /proc/sys/net/core/rmem_default)"
# gen-bind-* last: binding a name with bytes after its closing parenthesis
# ("cts(cbc(aes))jXu", gen-bind-0028) fails, but cryptomgr registers the
# instance it parsed (cts(cbc-aes-aesni), ranked as cts-cbc-aes-aesni and
# newer), which would then serve every later "cts(cbc(aes))" with
# crypto/cts.c's output IV instead of the x86 driver's
for f in $(ls /t/*.txt | grep -v '^/t/gen-bind-') $(ls /t/gen-bind-*.txt 2>/dev/null); do
	echo "@@BEGIN ${f#/t/}"
	/bin/driver "$f"
	echo "@@END ${f#/t/} rc=$?"
done
echo "@@UPTIME done $(cat /proc/uptime)"
echo "@@PROC-BEGIN"
cat /proc/crypto
echo "@@PROC-END"
echo "@@DONE"
poweroff -f
EOF
	chmod +x "$R/init"
}

# (Re)packs the initramfs with the transcripts of $1 (a list of files).
pack_initramfs() {
	local R="$W/root"
	rm -rf "$R/t"
	mkdir -p "$R/t"
	cp "$@" "$R/t/"
	(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1 > "$W/initramfs.gz")
}

boot() {  # $1: kernel ABI name, $2: extra command line; console output -> $W/console.log
	timeout "${ORACLE_TIMEOUT:-1800}" qemu-system-x86_64 -accel tcg -cpu max -m 1024 -smp 1 \
		-nographic -no-reboot \
		-kernel "$W/kernel-$1/boot/vmlinuz-$1" -initrd "$W/initramfs.gz" \
		-append "console=ttyS0 quiet loglevel=1 panic=-1 ${2:-}" </dev/null |
		tr -d '\r' > "$W/console.log"
}

# Splits the console log into fixtures/<name>.out with a header.
split_output() {  # $1: kernel ABI name, $2: proc-crypto file name
	python3 - "$W/console.log" "$FIX" "$1" "$2" <<'EOF'
import os, sys
log, fix, kv, procname = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
lines = open(log, errors="replace").read().split("\n")
kernel = next((l[9:] for l in lines if l.startswith("@@KERNEL ")), None)
limits = next((l[9:] for l in lines if l.startswith("@@OPTMEM ")), "")
fips = next((l[7:].strip() for l in lines if l.startswith("@@FIPS ")), "")
if kernel is None or "@@DONE" not in lines:
    sys.exit("record.sh: the guest did not finish; see " + log)
cur, out, n = None, [], 0
for l in lines:
    if l.startswith("@@BEGIN "):
        cur, out = l[8:], []
    elif l.startswith("@@END ") and cur:
        rc = l.rsplit("rc=", 1)[1]
        if rc != "0":
            sys.exit("record.sh: driver exit %s on %s" % (rc, cur))
        with open(os.path.join(fix, cur[:-4] + ".out"), "w") as f:
            f.write("# ualg oracle fixture: answers of a real kernel's AF_ALG\n")
            f.write("# kernel: %s (Debian package linux-image-%s)\n" % (kernel, kv))
            f.write("# optmem_max %s\n" % limits.replace("OPTMEM ", "").strip())
            if fips == "1":
                f.write("# fips_enabled 1 (booted with fips=1)\n")
            f.write("# transcript: tests/oracle/transcripts/%s\n" % cur)
            f.write("\n".join(out) + "\n")
        n += 1
        cur = None
    elif cur is not None:
        out.append(l)
if "@@PROC-BEGIN" in lines:
    proc = lines[lines.index("@@PROC-BEGIN") + 1:lines.index("@@PROC-END")]
    with open(os.path.join(fix, procname), "w") as f:
        f.write("# /proc/crypto of %s%s after the transcripts (record.sh)\n"
                % (kernel, " with fips=1" if fips == "1" else ""))
        f.write("\n".join(proc) + "\n")
print("record.sh: %d fixture files written, kernel %s%s" % (n, kernel, " fips=1" if fips == "1" else ""))
EOF
}

case "${1:-}" in
--kernel-dir)  # fetch the kernel (cached) and print its directory, for other guests
	install_tools || exit 77
	KV=$(kernel_version)
	[ -n "$KV" ] || exit 77
	fetch_kernel "$KV" >&2
	echo "$W/kernel-$KV"
	exit 0 ;;
--check)
	have_tools || { echo "SKIP: qemu-system-x86_64, busybox-static, kmod, cpio or gcc missing"; exit 77; }
	[ -n "$(kernel_version)" ] || { echo "SKIP: apt offers no linux-image-cloud-amd64"; exit 77; }
	exit 0 ;;
esac

install_tools || { echo "SKIP: cannot install qemu/busybox/kmod/cpio (not root?)"; exit 77; }
KV=$(kernel_version)
[ -n "$KV" ] || { echo "SKIP: apt offers no linux-image-6.1 cloud kernel"; exit 77; }
fetch_kernel "$KV"

T="$W/transcripts"
rm -rf "$T"; mkdir -p "$T"
if [ $# -gt 0 ]; then
	cp "$@" "$T/"
else
	python3 "$HERE/gen.py" --out "$HERE/transcripts"
	cp "$HERE"/transcripts/*.txt "$T/"
fi
mkdir -p "$FIX"
build_initramfs "$KV" "$T"
# one boot per kind: plain transcripts, then fips-*.txt with fips=1
for kind in plain fips; do
	if [ $kind = fips ]; then
		files=$(find "$T" -name 'fips-*.txt' | sort)
		cmdline=fips=1 proc=proc-crypto-fips.txt
	else
		files=$(find "$T" -name '*.txt' ! -name 'fips-*.txt' | sort)
		cmdline= proc=proc-crypto.txt
	fi
	[ -n "$files" ] || continue
	# shellcheck disable=SC2086
	pack_initramfs $files
	start=$(date +%s.%N)
	boot "$KV" "$cmdline"
	end=$(date +%s.%N)
	split_output "$KV" "$proc"
	grep '^@@UPTIME' "$W/console.log" | sed 's/^@@UPTIME/record.sh: guest uptime at/'
	python3 -c "import sys; print('record.sh: qemu boot + run %.1f s' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$end"
done
