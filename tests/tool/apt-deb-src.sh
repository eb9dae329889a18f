#!/bin/bash
# tests/apt-deb-src.pl on apt configurations of every layout: the deb-src entries it derives,
# that it does not duplicate existing ones, and that a second run changes nothing.
# usage: apt-deb-src.sh SCRIPT
set -u
script=$1
r=$(mktemp -d)
trap 'rm -rf "$r"' EXIT
pass=0 fail=0
is() { if [ "$2" = "$3" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL $1:"; diff <(echo "$3") <(echo "$2") | sed 's/^/     /'; fi; }
layout() { rm -rf "$r/apt"; mkdir -p "$r/apt/sources.list.d"; }
run() { perl "$script" "$r/apt" 2>/dev/null; }
out() { cat "$r/apt/sources.list.d/ualg-deb-src.$1" 2>/dev/null; }
deb822='Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg'
want822=$(echo "$deb822" | sed 's/^Types: deb$/Types: deb-src/')

for name in debian.sources 0000debian.sources mirror.sources; do
	layout
	echo "$deb822" >"$r/apt/sources.list.d/$name"
	run
	is "deb822 $name" "$(out sources)" "$want822"
	is "deb822 $name: no .list" "$(out list)" ""
	cp "$r/apt/sources.list.d/ualg-deb-src.sources" "$r/first"
	ino=$(stat -c %i "$r/first")
	run
	is "deb822 $name: second run, same file" "$(out sources)" "$want822"
	is "deb822 $name: second run, not rewritten" "$(stat -c %i "$r/apt/sources.list.d/ualg-deb-src.sources")" \
		"$(stat -c %i "$r/apt/sources.list.d/ualg-deb-src.sources")"
done

layout
printf '# a comment\ndeb http://deb.debian.org/debian bookworm main contrib\ndeb [signed-by=/k.gpg arch=amd64] http://deb.debian.org/debian-security/ bookworm-security main # trailing\n' \
	>"$r/apt/sources.list"
run
is "sources.list" "$(out list)" "$(printf 'deb-src http://deb.debian.org/debian bookworm main contrib\ndeb-src [signed-by=/k.gpg arch=amd64] http://deb.debian.org/debian-security/ bookworm-security main')"
is "sources.list: no .sources" "$(out sources)" ""
run
is "sources.list: second run" "$(out list)" "$(printf 'deb-src http://deb.debian.org/debian bookworm main contrib\ndeb-src [signed-by=/k.gpg arch=amd64] http://deb.debian.org/debian-security/ bookworm-security main')"

layout
printf 'deb http://mirror.example/debian bookworm main\n' >"$r/apt/sources.list.d/mirror.list"
printf 'deb http://other.example/debian bookworm main\ndeb-src http://other.example/debian/ bookworm main\n' >"$r/apt/sources.list.d/other.list"
run
is "*.list files, one with deb-src already" "$(out list)" 'deb-src http://mirror.example/debian bookworm main'

layout
echo "$deb822" | sed '1s/.*/Types: deb deb-src/' >"$r/apt/sources.list.d/debian.sources"
run
is "deb822 with deb-src in the first stanza: only the second" "$(out sources)" "$(echo "$want822" | sed -n '/debian-security/,$p' | sed '1i Types: deb-src')"

layout
printf 'Types: deb\nURIs: http://x.example/d\nSuites: s\nComponents: main\nEnabled: no\n' >"$r/apt/sources.list.d/off.sources"
run
is "a disabled stanza gives nothing" "$(out sources)$(out list)" ""

layout
echo "$deb822" >"$r/apt/sources.list.d/debian.sources"
echo "$want822" >"$r/apt/sources.list.d/debian-src.sources"
printf 'stale' >"$r/apt/sources.list.d/ualg-deb-src.sources"
run
is "deb-src there already: our stale file removed" "$(ls "$r/apt/sources.list.d")" "$(printf 'debian-src.sources\ndebian.sources')"

echo "apt-deb-src: $pass passed, $fail failed"
[ $fail = 0 ]
