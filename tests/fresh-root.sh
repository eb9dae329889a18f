#!/usr/bin/env bash
# A brand-new minimal Debian 12 root, as a new user's machine would be, with a clean clone of
# this repository's committed HEAD in /src/main (and ../shared beside it, as /src/shared, when
# there is one); COMMANDS run there as root with a clean environment, from /src/main.
#   tests/fresh-root.sh [--in FILE]... [--out DIR] COMMANDS
#   tests/fresh-root.sh --readme        the fenced sh block at the top of README.md, in order
#   --in FILE   copy FILE into the root's /src before running (e.g. a .deb to install)
#   --out DIR   afterwards, copy what the commands left in the root's /src/out into DIR
# FRESH_KEEP=1 keeps the root (its path is printed). Exits with the commands' status.
# Needs root (or sudo), unshare, and mmdebstrap (installed with apt-get when missing). The root
# is made from the host's Debian sources (about 20 s; the files are cached by nothing: every
# package is downloaded again, as on a new machine); the commands run in their own mount and
# PID namespaces, so nothing they start outlives them and no mount is seen outside.
set -euo pipefail
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null && exec sudo -E "$0" "$@"
	echo "fresh-root.sh: needs root (or sudo)" >&2
	exit 2
fi
top=$(cd "$(dirname "$0")/.." && git rev-parse --show-toplevel)
ins=() out=
while [ $# -gt 1 ]; do
	case $1 in
	--in) ins+=("$(realpath "$2")"); shift 2 ;;
	--out) out=$(mkdir -p "$2" && realpath "$2"); shift 2 ;;
	*) break ;;
	esac
done
if [ "${1:-}" = --readme ]; then
	# the first fenced sh block of the committed README: its non-comment lines, in order
	cmds=$(git -C "$top" show HEAD:README.md | awk '/^```sh$/ { f = 1; next } /^```$/ { if (f) exit } f && !/^#/ && NF')
else
	cmds=${1:?usage: fresh-root.sh [--in FILE]... [--out DIR] COMMANDS | --readme}
fi

command -v mmdebstrap >/dev/null ||
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
unshare -m -p -f true 2>/dev/null || { echo "fresh-root.sh: unshare (mount, pid) is not allowed here" >&2; exit 2; }

# the host's Debian archive entries, whichever layout it has (third-party ones are left out)
mirror=()
for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/0000debian.sources /etc/apt/sources.list; do
	if [ -f "$f" ] && grep -Eq '^(Types:.*[[:space:]]deb([[:space:]]|$)|deb[[:space:]])' "$f"; then
		mirror=("$f")
		break
	fi
done

root=$(mktemp -d /tmp/fresh-root.XXXXXX)
cleanup() {
	if [ "${FRESH_KEEP:-0}" = 1 ]; then echo "fresh-root.sh: kept $root" >&2; else rm -rf "$root"; fi
}
trap cleanup EXIT
start=$SECONDS
mmdebstrap -q --variant=apt --components=main --include=ca-certificates,git,sudo \
	bookworm "$root" "${mirror[@]}"
mkdir -p "$root/src"
git clone -q "$top" "$root/src/main"
shared=$(cd "$top/../shared" 2>/dev/null && pwd) && cp -a "$shared" "$root/src/shared"
for f in "${ins[@]}"; do cp -a "$f" "$root/src/"; done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
echo "== fresh Debian 12 root ($((SECONDS - start)) s), clean clone of $(git -C "$top" rev-parse --short HEAD):"
printf '%s\n' "$cmds" | sed 's/^/   $ /'

status=0
unshare -m -p -f --propagation private bash -c '
	r=$1; shift
	mount -t proc proc "$r/proc"
	mount --rbind /dev "$r/dev"
	mount --rbind /sys "$r/sys"
	mount -t tmpfs tmpfs "$r/tmp"
	exec chroot "$r" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		bash -euo pipefail -c "cd /src/main && $1"' _ "$root" "$cmds" </dev/null || status=$?
[ -z "$out" ] || [ ! -d "$root/src/out" ] || cp -a "$root/src/out/." "$out/"
echo "== fresh root: exit $status after $((SECONDS - start)) s"
exit $status
