#!/usr/bin/env bash
# Inside a fresh root (tests/package/test-package.sh), as root: install the ualg .deb given as
# $1 with apt-get, and use it as an administrator would.
#  - the files are where they belong; `ualg --version` is the package's version
#  - a real AF_ALG client (kcapi-dgst, kcapi-enc from kcapi-tools) through `ualg run`
#  - `ualg enable --system`: the same client with no ualg run and no LD_PRELOAD
#  - `ualg disable --system`, and `apt-get purge ualg` while enabled, leave /etc/ld.so.preload
#    byte for byte as it was: absent, and holding another entry (kept, mode and all)
#  - `ualg enable --unit`, and the purge removes the drop-in
set -uo pipefail
deb=${1:?usage: install.sh UALG.deb}
export DEBIAN_FRONTEND=noninteractive
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok   $*"; }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { # description, command...
	local d=$1; shift
	if "$@"; then ok "$d"; else bad "$d"; fi
}
sha_abc=ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
hmac_jefe=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843
dgst() { printf abc | "$@" kcapi-dgst -c sha256 --hex 2>/tmp/dgst.err; }
hmac() { # RFC 4231 test case 2
	printf 'what do ya want for nothing?' | "$@" kcapi-dgst -c 'hmac(sha256)' --hex --keyfd 3 3< <(printf Jefe) 2>/dev/null
}
cbc() { # SP 800-38A F.2.1, first block
	printf '\x6b\xc1\xbe\xe2\x2e\x40\x9f\x96\xe9\x3d\x7e\x11\x73\x93\x17\x2a' >/tmp/pt
	printf '\x2b\x7e\x15\x16\x28\xae\xd2\xa6\xab\xf7\x15\x88\x09\xcf\x4f\x3c' >/tmp/key
	"$@" kcapi-enc -e -c 'cbc(aes)' --iv 000102030405060708090a0b0c0d0e0f --keyfd 3 \
		-i /tmp/pt -o /tmp/ct 3</tmp/key 2>/dev/null && od -An -tx1 /tmp/ct | tr -d ' \n'
}
no_loader_noise() { ! grep -q 'ld.so' /tmp/dgst.err; }
fails() { ! "$@" >/dev/null; }

apt-get update -qq
apt-get install -y -qq --no-install-recommends "$deb" kcapi-tools >/tmp/apt.log 2>&1 ||
	{ cat /tmp/apt.log; echo "package: could not install $deb"; exit 1; }

# ---- the files
pre=$(dpkg -L ualg | grep '/libualg-preload\.so$')
dir=${pre%/*}
check "preload under /usr/lib/<triplet>/ualg: $pre" bash -c "[[ '$pre' =~ ^/usr/lib/[a-z0-9_]+-linux-gnu[a-z0-9_]*/ualg/libualg-preload\.so$ ]]"
for f in /usr/bin/ualg "$dir/libualg-engine.so" "$dir/libualg.so.0" /usr/share/man/man1/ualg.1.gz \
	/usr/share/man/man7/ualg.7.gz /usr/share/doc/ualg/examples/systemd/iwd-ualg.conf; do
	check "installed: $f" test -f "$f"
done
check "no header or pkg-config file installed" bash -c "! dpkg -L ualg | grep -Eq '\.h$|\.pc$'"
check "the example drop-in names the installed preload" grep -qx "Environment=LD_PRELOAD=$pre" \
	/usr/share/doc/ualg/examples/systemd/iwd-ualg.conf
version=$(dpkg-query -W -f '${Version}' ualg)
check "ualg --version is the package's ($version)" test "$(ualg --version)" = "ualg $version"

# ---- the kernel has no AF_ALG: without ualg the client fails (or, on a kernel that has it,
# the answers must at least come from ualg's engine, which ualg check verifies)
kernel=$(ualg status | sed -n 's/^kernel AF_ALG: *//p')
echo "kernel AF_ALG: $kernel"
case $kernel in
absent*) check "without ualg: kcapi-dgst finds no AF_ALG" fails dgst env ;;
esac
check "ualg check passes with the installed preload" ualg check
check "ualg run: kcapi-dgst sha256" test "$(dgst ualg run --)" = $sha_abc
check "ualg run: kcapi-dgst hmac(sha256)" test "$(hmac ualg run --)" = $hmac_jefe
check "ualg run: kcapi-enc cbc(aes)" test "$(cbc ualg run --)" = 7649abac8119b246cee98e9b12e9197d

# ---- system-wide, twice: with no /etc/ld.so.preload before, and with another entry in it
other=$(ls /usr/lib/*/libc_malloc_debug.so.0 | head -1) # a real library that changes nothing
for before in absent entry; do
	rm -f /etc/ld.so.preload /tmp/before
	if [ $before = entry ]; then
		# leading blanks, a colon list and no final newline: all must survive
		printf '  %s:%s' "$other" "$other" >/etc/ld.so.preload
		chmod 0640 /etc/ld.so.preload
		cp -p /etc/ld.so.preload /tmp/before
	fi
	same_as_before() {
		if [ $before = absent ]; then
			test ! -e /etc/ld.so.preload
		else
			cmp -s /tmp/before /etc/ld.so.preload &&
				test "$(stat -c %a /etc/ld.so.preload)" = 640
		fi
	}
	check "[$before] ualg enable --system" ualg enable --system
	check "[$before] /etc/ld.so.preload lists the preload" grep -qx "$pre" /etc/ld.so.preload
	if [ $before = entry ]; then
		check "[$before] the other entry is kept, after ours" \
			cmp -s /tmp/before <(tail -n +2 /etc/ld.so.preload)
	fi
	check "[$before] enable again changes nothing" bash -c \
		"cp /etc/ld.so.preload /tmp/enabled && ualg enable --system >/dev/null && cmp -s /tmp/enabled /etc/ld.so.preload"
	check "[$before] kcapi-dgst sha256 with no ualg run, no LD_PRELOAD" test "$(dgst env -u LD_PRELOAD)" = $sha_abc
	check "[$before] no loader complaint" no_loader_noise
	check "[$before] kcapi-dgst hmac(sha256), system-wide" test "$(hmac env -u LD_PRELOAD)" = $hmac_jefe
	check "[$before] kcapi-enc cbc(aes), system-wide" test "$(cbc env -u LD_PRELOAD)" = 7649abac8119b246cee98e9b12e9197d
	check "[$before] ualg status: system-wide" bash -c "ualg status | grep -q '^system-wide: *yes, $pre'"
	check "[$before] ualg disable --system" ualg disable --system
	check "[$before] /etc/ld.so.preload as before, after disable" same_as_before
	case $kernel in
	absent*) check "[$before] disabled: kcapi-dgst finds no AF_ALG again" fails dgst env ;;
	esac
done

# ---- a service, and the purge while everything is on
check "ualg enable --unit iwd" ualg enable --unit iwd
check "drop-in written" grep -qx "Environment=LD_PRELOAD=$pre" /etc/systemd/system/iwd.service.d/ualg.conf
check "ualg status lists iwd.service" bash -c "ualg status | grep -q '^units: *iwd.service'"
mkdir -p /etc/systemd/system/bluetooth.service.d
printf '[Service]\nEnvironment=FOO=1\n' >/etc/systemd/system/bluetooth.service.d/local.conf
check "enable --unit refuses a drop-in it did not write" bash -c \
	"printf '[Service]\n' >/etc/systemd/system/bluetooth.service.d/ualg.conf; ! ualg enable --unit bluetooth 2>/dev/null"
rm /etc/systemd/system/bluetooth.service.d/ualg.conf
check "ualg enable --unit bluetooth" ualg enable --unit bluetooth
printf '  %s:%s' "$other" "$other" >/etc/ld.so.preload
chmod 0640 /etc/ld.so.preload
cp -p /etc/ld.so.preload /tmp/before
before=entry
check "ualg enable --system, before the purge" ualg enable --system
apt-get purge -y -qq ualg >/tmp/purge.log 2>&1
check "apt-get purge ualg" bash -c "! dpkg -s ualg >/dev/null 2>&1"
check "purge: /etc/ld.so.preload as before" same_as_before
check "purge: the drop-ins ualg wrote are gone" test ! -e /etc/systemd/system/iwd.service.d
check "purge: another drop-in is kept, ours beside it gone" bash -c \
	"test -f /etc/systemd/system/bluetooth.service.d/local.conf && test ! -e /etc/systemd/system/bluetooth.service.d/ualg.conf"
check "purge: the preload's files are gone" test ! -e "$dir"
dgst env >/dev/null
check "purged: programs start without loader complaints" no_loader_noise
# and with nothing in /etc/ld.so.preload before: install, enable, purge
rm -f /etc/ld.so.preload
before=absent
apt-get install -y -qq --no-install-recommends "$deb" >/tmp/apt.log 2>&1
check "reinstalled; ualg enable --system" ualg enable --system
apt-get purge -y -qq ualg >/tmp/purge.log 2>&1
check "purge: no /etc/ld.so.preload, as before" same_as_before
dgst env >/dev/null
check "purged: kcapi-dgst runs without loader complaints" no_loader_noise

echo "package: $pass passed, $fail failed"
[ $fail = 0 ]
