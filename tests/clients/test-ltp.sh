#!/usr/bin/env bash
# LTP's NETLINK_CRYPTO tests under the preload (issue 15 item 7), built by build-ltp.sh:
#   crypto_user02  finds an algorithm it can instantiate and delete (NEWALG, DELALG of
#                  "hmac(sha1-generic)" and the like), then races NEWALG in a child it
#                  kills against DELALG in the parent; TCONF "No viable algorithm
#                  found" when nothing can be deleted.
#   pcrypt_aead01  NEWALG + DELALG of pcrypt(authenc(hmac(sha256-generic),cbc(aes-generic)))
#                  10000 times (CVE-2017-18075); TBROK when either fails.
# Both need root (CAP_NET_ADMIN). Every test must pass (LTP exit status 0).
set -u
bin=${UALG_CLIENTS_DIR:-}/ltp/testcases/kernel/crypto
if [ ! -x "$bin/crypto_user02" ] || [ ! -x "$bin/pcrypt_aead01" ]; then
	echo "SKIP: LTP is not built in ${UALG_CLIENTS_DIR:-} (tests/clients/build-ltp.sh builds it)"
	exit 77
fi
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: LTP's crypto tests need root (CAP_NET_ADMIN)"
	exit 77
fi
status=0
for t in crypto_user02 pcrypt_aead01; do
	tmp=$(mktemp -d)
	out=$(cd "$tmp" && TMPDIR=$tmp LD_PRELOAD="$UALG_PRELOAD" "$bin/$t" 2>&1)
	rc=$?
	rm -rf "$tmp"
	echo "$t: exit $rc; $(grep -E 'TPASS|TFAIL|TBROK|TCONF' <<<"$out" | tr '\n' ' ')"
	[ $rc = 0 ] && grep -q '^passed   1' <<<"$out" || { status=1; echo "$out" | tail -20; }
done
exit $status
