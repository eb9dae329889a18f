#!/bin/bash
# ualg enable / disable / status / check on the files of a temporary root (--root DIR), with
# the build's preload and engine copied to where a package would put them inside it. The
# real /etc is never touched; tests/package/install.sh does the same on a real machine.
# usage: enable.sh UALG PRELOAD ENGINE
set -u
ualg=$1 build_preload=$2 build_engine=$3
r=$(mktemp -d)
trap 'rm -rf "$r"' EXIT
P=/usr/lib/test-triplet/ualg/libualg-preload.so
export UALG_PRELOAD=$P
# $P must exist only in the temporary root: then nothing here can enable the real /
[ ! -e "$P" ] || { echo "$P exists outside the test root: refusing to run"; exit 99; }
real_before=$(cat /etc/ld.so.preload 2>/dev/null || echo absent)
f=$r/etc/ld.so.preload
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
t() { # want-status description command...
	local want=$1 d=$2 got
	shift 2
	"$@" >"$r.out" 2>&1
	got=$?
	if [ "$got" = "$want" ]; then ok; else bad "$d: exit $got, want $want"; sed 's/^/     /' "$r.out"; fi
}
is() { # description got want
	if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi
}
install_good() {
	mkdir -p "$r/etc" "$r${P%/*}"
	cp "$build_preload" "$r$P"
	cp "$build_engine" "$r${P%/*}/libualg-engine.so"
}
no_temp_files() { is "no temporary file left in etc/" "$(ls -A "$r/etc" | grep -c ualg-)" 0; }
unchanged() { # description: $f is byte for byte /tmp copy $r.before (or absent)
	if [ -e "$r.before" ]; then
		cmp -s "$r.before" "$f" && ok || bad "$1: /etc/ld.so.preload changed"
	else
		[ ! -e "$f" ] && ok || bad "$1: /etc/ld.so.preload created"
	fi
	no_temp_files
}
en() { "$ualg" enable "$@" --root "$r"; }
dis() { "$ualg" disable "$@" --root "$r"; }
install_good

# ---- --system, with no /etc/ld.so.preload before
t 0 "enable --system" en --system
is "new file: the preload alone" "$(cat "$f")" "$P"
is "new file: mode 644" "$(stat -c %a "$f")" 644
ino=$(stat -c %i "$f")
t 0 "enable --system again" en --system
is "enable again: one line" "$(cat "$f")" "$P"
is "enable again: file not rewritten" "$(stat -c %i "$f")" "$ino"
t 0 "status, enabled" "$ualg" status --root "$r"
grep -q "^system-wide: *yes, $P in $f" "$r.out" && ok || bad "status: system-wide not reported: $(cat "$r.out")"
grep -q "^check: *passed" "$r.out" && ok || bad "status: check not passed"
grep -q "^kernel AF_ALG: *\(present\|absent (socket(AF_ALG): .*)\)$" "$r.out" && ok || bad "status: no kernel line"
t 0 "disable --system" dis --system
[ ! -e "$f" ] && ok || bad "disable: the file ualg created is still there"
t 0 "disable --system when not enabled" dis --system
no_temp_files

# ---- --system, with other entries (no final newline, blanks, a colon list, mode 600)
printf '  /lib/a.so:/lib/b.so' >"$f"
chmod 600 "$f"
cp -p "$f" "$r.before"
ino=$(stat -c %i "$f")
t 0 "enable --system beside other entries" en --system
is "other entries kept, ours first" "$(cat "$f")" "$(printf '%s\n  /lib/a.so:/lib/b.so' "$P")"
is "mode kept" "$(stat -c %a "$f")" 600
[ "$(stat -c %i "$f")" != "$ino" ] && ok || bad "not replaced by rename (same inode)"
no_temp_files
t 0 "disable --system beside other entries" dis --system
unchanged "enable then disable"
is "mode kept after disable" "$(stat -c %a "$f")" 600

# a line shared with other entries loses ours only
printf '/lib/a.so %s\t/lib/b.so\n/lib/c.so\n%s\n' "$P" "/old/place/libualg-preload.so" >"$f"
t 0 "disable: mixed lines" dis --system
is "mixed line: the others kept" "$(cat "$f")" "$(printf '/lib/a.so /lib/b.so\n/lib/c.so')"

# ---- refusals: exit 1, nothing written
printf '/lib/a.so\n' >"$f"
cp -p "$f" "$r.before"
refuse() { # description: enable --system and --unit both refuse and write nothing
	t 1 "$1: enable --system refuses" en --system
	unchanged "$1"
	t 1 "$1: enable --unit refuses" en --unit iwd
	[ ! -e "$r/etc/systemd/system/iwd.service.d" ] && ok || bad "$1: drop-in written"
}
rm "$r$P"
refuse "preload missing"
install_good
rm "$r${P%/*}/libualg-engine.so"
refuse "engine missing"
install_good
echo "not an ELF object" >"$r$P"
refuse "preload broken"
install_good
head -c 4096 "$build_engine" >"$r${P%/*}/libualg-engine.so"
refuse "engine truncated"
t 1 "status with a broken engine" "$ualg" status --root "$r"
t 1 "check with a broken engine" "$ualg" check --preload "$r$P"
install_good
t 0 "check with the good one" "$ualg" check --preload "$r$P"
UALG_PRELOAD=usr/lib/x.so refuse "relative path"
mkdir -p "$r/opt/a b"
cp "$build_preload" "$build_engine" "$r/opt/a b/"
UALG_PRELOAD="/opt/a b/libualg-preload.so" refuse "a blank in the path"
printf '/lib/a.so\n/opt/old/libualg-preload.so\n' >"$f"
cp -p "$f" "$r.before"
t 1 "another ualg preload listed: enable --system refuses" en --system
unchanged "another ualg preload listed"
t 1 "check --in-process without the preload" "$ualg" check --in-process
rm -f "$f" "$r.before"

# ---- the lock: while another holds an flock on etc/, enable waits and writes nothing
flock "$r/etc" -c "sleep 3" &
holder=$!
sleep 1
en --system >/dev/null 2>&1 &
enabler=$!
sleep 1
kill -0 $enabler 2>/dev/null && [ ! -e "$f" ] && ok || bad "enable did not wait for the lock on etc/"
wait $holder
wait $enabler && is "after the lock: enabled" "$(cat "$f")" "$P" || bad "enable after the lock failed"
t 0 "disable --system" dis --system

# ---- --unit
d=$r/etc/systemd/system/iwd.service.d
t 0 "enable --unit iwd" en --unit iwd
is "drop-in" "$(cat "$d/ualg.conf")" "$(printf '%s\n[Service]\nEnvironment=LD_PRELOAD=%s' \
	'# Written by `ualg enable --unit iwd.service`; `ualg disable --unit iwd.service` removes it.' "$P")"
t 0 "enable --unit iwd.service again" en --unit iwd.service
t 0 "status, unit" "$ualg" status --root "$r"
grep -q "^units: *iwd.service$" "$r.out" && ok || bad "status: units: $(grep units "$r.out")"
printf '[Service]\nNice=5\n' >"$d/local.conf"
t 0 "disable --unit iwd" dis --unit iwd
[ ! -e "$d/ualg.conf" ] && [ -f "$d/local.conf" ] && ok || bad "disable --unit: ours not removed or the other removed"
rm -r "$d"
t 0 "enable --unit iwd" en --unit iwd
t 0 "disable --unit iwd" dis --unit iwd
[ ! -e "$d" ] && ok || bad "disable --unit: empty drop-in directory left"
t 0 "disable --unit when not enabled" dis --unit iwd
mkdir -p "$d"
printf '[Service]\nEnvironment=LD_PRELOAD=/x.so\n' >"$d/ualg.conf"
t 1 "enable --unit over a drop-in ualg did not write" en --unit iwd
t 1 "disable --unit of a drop-in ualg did not write" dis --unit iwd
grep -q '^Environment=LD_PRELOAD=/x.so$' "$d/ualg.conf" && ok || bad "a foreign drop-in was changed"
rm -r "$d"

# ---- disable --all
t 0 "enable --system" en --system
t 0 "enable --unit a@x" en --unit a@x
t 0 "enable --unit b" en --unit b.service
t 0 "disable --all" dis --all
[ ! -e "$f" ] && [ -z "$(ls -A "$r/etc/systemd/system")" ] && ok || bad "disable --all left something: $(find "$r/etc")"

rm -f "$r.out" "$r.before"
is "the real /etc/ld.so.preload is as it was" "$(cat /etc/ld.so.preload 2>/dev/null || echo absent)" "$real_before"
echo "ualg enable/disable/status: $pass passed, $fail failed"
[ $fail = 0 ]
