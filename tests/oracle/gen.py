#!/usr/bin/env python3
"""Seeded generator of AF_ALG transcripts for the oracle (stdlib only).

    gen.py --out DIR [--seed N] [--count N]   write DIR/gen-*.txt
    gen.py --check DIR                         exit 1 unless DIR/gen-*.txt
                                               are what this seed produces

Transcript syntax: see the comment at the top of driver.c.  Every op socket
is accepted with SOCK_NONBLOCK (and parents are non-blocking too) so no
generated operation can block; the driver's alarm is a second guard.

The sequences mix valid and invalid use of the hash, skcipher, aead and rng
types over algorithms the recording kernel (Debian 6.1) offers: streams
split by MSG_MORE, IV chaining, hash clones via accept on an op socket, tag
corruption (decrypting a saved ciphertext with a flipped bit), bad keys and
authsizes, bad lengths, EBUSY orders, nokey children, short receive
buffers, bad control messages and bind edge cases.

Known 6.1 -> 7.2 differences are kept OUT of the generated sequences (they
live in hand-written transcripts with a tolerance in docs/oracle.md):
chacha20 is never split across requests, feat=mask=0x1000 is never used,
only generic algorithm names are bound, no key serials.
"""
import argparse
import os
import random
import sys

SEED = 20261127
COUNTS = {"hash": 170, "skcipher": 200, "aead": 170, "rng": 50, "bind": 60, "socket": 20}
PER_FILE = 25

HASHES = {
    # name: (digestsize, keyed, valid key lengths or None = any)
    "sha1": (20, False, None),
    "sha224": (28, False, None),
    "sha256": (32, False, None),
    "sha384": (48, False, None),
    "sha512": (64, False, None),
    "md5": (16, False, None),
    "sha3-256": (32, False, None),
    "sha3-512": (64, False, None),
    "hmac(sha1)": (20, True, None),
    "hmac(sha256)": (32, True, None),
    "hmac(sha512)": (64, True, None),
    "cmac(aes)": (16, True, (16, 24, 32)),
}

SKCIPHERS = {
    # name: (key lengths, ivsize, chunk, rule, splittable)
    # rule: "block" = multiple of chunk, "any" = any length, "min16" = >= 16
    "ecb(aes)": ((16, 24, 32), 0, 16, "block", True),
    "cbc(aes)": ((16, 24, 32), 16, 16, "block", True),
    "ctr(aes)": ((16, 24, 32), 16, 16, "any", True),
    "xts(aes)": ((32, 64), 16, 16, "min16", True),
    "cts(cbc(aes))": ((16, 24, 32), 16, 16, "min16", True),
    "cbc(des3_ede)": ((24,), 8, 8, "block", True),
    # 6.1 restarts the keystream of a split request, 7.2 continues it:
    # never split chacha20 here (see docs/oracle.md).
    "chacha20": ((32,), 16, 64, "any", False),
}

AEADS = {
    # name: (key lengths, ivsize, authsizes, default authsize, kind)
    "gcm(aes)": ((16, 24, 32), 12, (4, 8, 12, 13, 14, 15, 16), 16, "gcm"),
    "ccm(aes)": ((16, 24, 32), 16, (4, 6, 8, 10, 12, 14, 16), 16, "ccm"),
    "rfc4106(gcm(aes))": ((20, 28, 36), 8, (8, 12, 16), 16, "rfc4106"),
    "rfc7539(chacha20,poly1305)": ((32,), 12, (16,), 16, "plain"),
    "authenc(hmac(sha256),cbc(aes))": ((16, 32), 16, (8, 16, 32), 32, "authenc"),
}

RNGS = {
    # name: (seed lengths worth trying, deterministic output)
    "drbg_nopr_hmac_sha512": ((0, 16, 48, 111), False),
    "stdrng": ((0, 32), False),
    "drbg_nopr_hmac_sha256": ((0, 32), False),
    "drbg_pr_hmac_sha256": ((0, 32), False),
    "ansi_cprng": ((48, 48, 48, 47, 16, 0, 64), True),
    "jitterentropy_rng": ((0,), False),
}

BIND_NAMES = {
    "hash": ["sha256", "sha1", "md5", "hmac(sha256)", "cmac(aes)", "sha3-256", "crc32c",
             "aes", "cbc(aes)", "hmac(aes)", "hmac(sha256", "hmac(sha256))", "SHA256",
             "hmac(hmac(sha256))", "", "sha256 ", "nosuchhash"],
    "skcipher": ["cbc(aes)", "ecb(aes)", "ctr(aes)", "xts(aes)", "cts(cbc(aes))", "chacha20",
                 "cbc(aes-generic)", "aes", "sha256", "cbc(aes", "cbc(aes))", "CBC(AES)",
                 "cbc(sha256)", "ecb(cipher_null)", "xts(des)", "cbc(cbc(aes))"],
    "aead": ["gcm(aes)", "ccm(aes)", "rfc4106(gcm(aes))", "rfc7539(chacha20,poly1305)",
             "gcm(sha256)", "gcm(aes", "cbc(aes)", "authenc(hmac(sha256),cbc(aes))",
             "authenc(sha256,cbc(aes))", "gcm_base(ctr(aes),ghash)"],
    "rng": ["stdrng", "drbg_nopr_hmac_sha512", "ansi_cprng", "sha256", "nosuchrng"],
    "foo": ["sha256"], "": ["sha256"], "akcipher": ["rsa"], "hash\\": ["sha256"],
}


def hx(rng, n):
    return "-" if n == 0 else "".join("%02x" % rng.randrange(256) for _ in range(n))


class T:
    """One transcript: a list of operation lines."""

    def __init__(self, name):
        self.lines = ["T " + name]

    def op(self, s):
        self.lines.append(s)

    def count(self):
        return len(self.lines) - 1


def authenc_key(rng, enclen):
    # struct rtattr { u16 len = 8; u16 type = CRYPTO_AUTHENC_KEYA_PARAM (1) }
    # then __be32 enckeylen, then the auth key and the cipher key.
    authlen = rng.choice((0, 16, 32, 64, 100))
    return "0800" + "0100" + "%08x" % enclen + hx(rng, authlen).replace("-", "") + \
        hx(rng, enclen)


def gen_hash(rng, name):
    t = T(name)
    alg = rng.choice(sorted(HASHES))
    ds, keyed, klens = HASHES[alg]
    t.op("socket 1 flags=NONBLOCK")
    t.op("bind 1 hash %s" % alg)
    nokey_first = keyed and rng.random() < 0.3
    if nokey_first:
        t.op("accept 1 2 flags=NONBLOCK")
        t.op(rng.choice(["send 2 616263", "recv 2 %d" % ds, "accept 2 3 flags=NONBLOCK"]))
    if keyed:
        if klens and rng.random() < 0.25:
            t.op("setsockopt 1 alg key %s" % hx(rng, rng.choice((0, 1, 15, 17, 33))))
        if rng.random() < 0.85:
            kl = rng.choice(klens) if klens else rng.choice((0, 1, 16, 32, 64, 65, 128, 200))
            t.op("setsockopt 1 alg key %s" % hx(rng, kl))
    elif rng.random() < 0.2:
        t.op("setsockopt 1 alg key %s" % hx(rng, 16))
    t.op("accept 1 2 flags=NONBLOCK")
    clones = [2]
    nsteps = rng.randrange(6, 22)
    for _ in range(nsteps):
        h = rng.choice(clones)
        r = rng.random()
        if r < 0.30:
            n = rng.choice((0, 1, 3, 16, 55, 64, 100, 300, 1000))
            fl = rng.choice(("", " flags=MORE", " flags=MORE", " flags=DONTWAIT",
                             " flags=MORE,DONTWAIT"))
            t.op("send %d %s%s" % (h, hx(rng, n), fl))
        elif r < 0.38:
            parts = ",".join(hx(rng, rng.choice((0, 1, 7, 64))) for _ in range(rng.randrange(1, 4)))
            extra = rng.choice(("", " op=1", " op=7 iv=00*3", " cmsg=alg:99:00*4",
                                " cmsg=socket:99:00"))
            fl = rng.choice(("", " flags=MORE"))
            t.op("sendmsg %d %s%s%s" % (h, parts, extra, fl))
        elif r < 0.42:
            t.op("write %d %s" % (h, hx(rng, rng.choice((0, 5, 64)))))
        elif r < 0.60:
            n = rng.choice((ds, ds, ds - 1 if ds > 1 else 1, 1, 0, ds + 10, 4))
            fl = rng.choice(("", " flags=DONTWAIT", " flags=TRUNC", " flags=PEEK"))
            t.op("recv %d %d%s" % (h, n, fl))
        elif r < 0.66:
            t.op("recvmsg %d %d%s" % (h, rng.choice((ds, ds // 2, ds + 1)),
                                      rng.choice(("", " flags=DONTWAIT"))))
        elif r < 0.69:
            t.op("read %d %s" % (h, rng.choice((ds, 0, 8))))
        elif r < 0.70:
            t.op("readv %d %d,%d" % (h, ds // 2, ds))
        elif r < 0.79 and len(clones) < 5:
            nh = max(clones) + 1
            t.op("accept %d %d flags=NONBLOCK" % (h, nh))
            clones.append(nh)
        elif r < 0.82:
            t.op("poll %d IN,OUT" % h)
        elif r < 0.86:
            t.op("setsockopt 1 alg key %s" % hx(rng, 16))
        elif r < 0.88:
            t.op("setsockopt %d alg key %s" % (h, hx(rng, 16)))
        elif r < 0.91 and len(clones) > 1:
            t.op("close %d" % h)
            clones.remove(h)
        elif r < 0.93:
            t.op("bind 1 hash %s" % rng.choice(("sha1", "nosuch")))
        elif r < 0.95:
            t.op("%s %d %s%s" % (rng.choice(("splice", "sendfile")), h,
                                 hx(rng, rng.choice((3, 11, 100))),
                                 rng.choice(("", " MORE"))))
        elif r < 0.97:
            t.op("send 1 616263")
        else:
            t.op("close 1")
            t.op("recv %d %d" % (h, ds))
            t.op("socket 1 flags=NONBLOCK")
            t.op("bind 1 hash %s" % alg)
    return t


def data_len(rng, rule, chunk, valid=0.85):
    if rng.random() < valid:
        if rule == "block":
            return chunk * rng.choice((1, 1, 2, 3, 4, 8))
        if rule == "min16":
            return rng.choice((16, 17, 31, 32, 33, 48, 64, 100))
        return rng.choice((1, 5, 16, 20, 31, 32, 64, 65, 100, 128))
    return rng.choice((0, 1, 7, 15, 17, 33))


def gen_skcipher(rng, name):
    t = T(name)
    alg = rng.choice(sorted(SKCIPHERS))
    klens, ivs, chunk, rule, split = SKCIPHERS[alg]
    t.op("socket 1 flags=NONBLOCK")
    t.op("bind 1 skcipher %s" % alg)
    if rng.random() < 0.25:
        t.op("accept 1 2 flags=NONBLOCK")
        t.op(rng.choice(("sendmsg 2 00*16 op=1 iv=00*%d" % ivs, "recv 2 16",
                         "poll 2 IN,OUT", "send 2 00*16")))
    if rng.random() < 0.2:
        t.op("setsockopt 1 alg key %s" % hx(rng, rng.choice((0, 1, 15, 20, 65))))
    good_key = rng.random() < 0.9
    if good_key:
        t.op("setsockopt 1 alg key %s" % hx(rng, rng.choice(klens)))
    if rng.random() < 0.1:
        # a bad-length key on a native skcipher keeps the old key on 6.1
        # (lskcipher-backed ones lose it on 6.8+): never used after this.
        t.op("setsockopt 1 alg key %s" % hx(rng, 3))
        t.op("close 1")
        return t
    t.op("accept 1 2 flags=NONBLOCK")
    queued = 0      # bytes queued in the current request
    more = False    # request still open (MSG_MORE)
    saved = []      # (var, len) of ciphertexts read back
    pending = False  # a complete request was sent and not read yet
    nsteps = rng.randrange(6, 20)
    for _ in range(nsteps):
        r = rng.random()
        if pending and rng.random() < 0.7:
            r = 0.5     # mostly read a complete request before sending more
        pending = False
        iv = hx(rng, ivs) if ivs else "-"
        if r < 0.35:
            n = data_len(rng, rule, chunk)
            cm = []
            if not more or rng.random() < 0.2:
                cm.append("op=%d" % rng.choice((0, 1, 1)))
                if rng.random() < 0.8:
                    cm.append("iv=%s" % iv)
            if rng.random() < 0.08:
                cm.append(rng.choice(("assoc=8", "cmsg=socket:1:00*4", "op=2",
                                      "iv=00*%d" % (ivs + 8), "cmsg=alg:1:00*4",
                                      "cmsg=alg:2:00*2", "cmsg=alg:3:00")))
            fl = []
            if split and rng.random() < 0.35:
                fl.append("MORE")
            if rng.random() < 0.5:
                fl.append("DONTWAIT")
            if split and rng.random() < 0.3 and n:
                a = rng.randrange(0, n + 1)
                iov = "%s,%s" % (hx(rng, a), hx(rng, n - a))
            else:
                iov = hx(rng, n)
            t.op("sendmsg 2 %s%s%s" % (iov, "".join(" " + c for c in cm),
                                       " flags=" + ",".join(fl) if fl else ""))
            queued += n
            more = "MORE" in fl
            pending = not more
        elif r < 0.42:
            n = data_len(rng, rule, chunk)
            fl = " flags=MORE,DONTWAIT" if split and rng.random() < 0.4 else " flags=DONTWAIT"
            t.op("send 2 %s%s" % (hx(rng, n), fl))
            pending = "MORE" not in fl
        elif r < 0.65:
            if split:
                n = rng.choice((queued, queued, max(queued - chunk, 0), chunk, 1, queued + 16,
                                chunk // 2 or 1, 0))
            else:
                # larger than anything queued: a non-splittable request is
                # always read whole (the DONTWAIT loop stops after it)
                n = 1024
            var = "ABCDEFGH"[len(saved) % 8]
            t.op("recv 2 %d flags=DONTWAIT save=%s" % (n, var))
            saved.append((var, n))
            queued = max(queued - n, 0) if split else 0
        elif r < 0.70:
            n = 1024 if not split else rng.choice((queued, chunk))
            sizes = "%d,%d" % (n // 2, n - n // 2) if split else "%d" % n
            t.op("recvmsg 2 %s flags=DONTWAIT" % sizes)
            queued = 0 if not split else max(queued - n, 0)
        elif r < 0.76 and saved:
            var, n = rng.choice(saved)
            if n and not more and rng.random() < 0.5:
                t.op("sendmsg 2 @%s op=0 iv=%s flags=DONTWAIT" % (var, iv))
                t.op("recv 2 %d flags=DONTWAIT" % n)
                queued = 0
        elif r < 0.80:
            t.op("poll 2 IN,OUT")
        elif r < 0.83:
            t.op("setsockopt 1 alg key %s" % hx(rng, rng.choice(klens)))
        elif r < 0.85:
            t.op("accept 2 3")
        elif r < 0.87:
            t.op("setsockopt 2 alg key %s" % hx(rng, 16))
        elif r < 0.89:
            t.op("bind 1 skcipher %s" % rng.choice(("cbc(aes)", "nosuch(aes)")))
        elif r < 0.91 and split:
            t.op("%s 2 %s%s" % (rng.choice(("splice", "sendfile")), hx(rng, chunk * 2),
                                rng.choice(("", " MORE"))))
            queued += chunk * 2
        elif r < 0.93:
            t.op("sendmsg 2 - op=1%s" % ("" if more else " flags=DONTWAIT"))
            more = False
        elif r < 0.95:
            t.op("close 1")
            t.op("setsockopt 1 alg key %s" % hx(rng, klens[0]))
        elif r < 0.97:
            t.op("read 2 %d" % (chunk if split else 1024))
            queued = max(queued - chunk, 0) if split else 0
        else:
            t.op("accept 1 4 flags=NONBLOCK")
            t.op("sendmsg 4 %s op=1 iv=%s flags=DONTWAIT" % (hx(rng, chunk), iv))
            t.op("recv 4 %d flags=DONTWAIT" % chunk)
            t.op("close 4")
    return t


def aead_iv(rng, kind, ivs):
    if kind == "ccm":
        return "%02x" % rng.choice((1, 3, 3, 7)) + hx(rng, ivs - 1)
    return hx(rng, ivs)


def gen_aead(rng, name):
    t = T(name)
    alg = rng.choice(sorted(AEADS))
    klens, ivs, auths, dauth, kind = AEADS[alg]
    t.op("socket 1 flags=NONBLOCK")
    t.op("bind 1 aead %s" % alg)
    auth = dauth
    if rng.random() < 0.4:
        a = rng.choice(auths + (0, 3, 17, 33))
        t.op("setsockopt 1 alg authsize NULL:%d" % a)
        if a in auths:
            auth = a
    if rng.random() < 0.2:
        t.op("accept 1 2 flags=NONBLOCK")
        t.op(rng.choice(("sendmsg 2 00*16 op=1 iv=00*%d" % ivs, "recv 2 16", "poll 2 IN")))
    if rng.random() < 0.15:
        t.op("setsockopt 1 alg key %s" % hx(rng, rng.choice((0, 1, 15))))

    def key():
        kl = rng.choice(klens)
        return authenc_key(rng, kl) if kind == "authenc" else hx(rng, kl)

    if rng.random() < 0.92:
        t.op("setsockopt 1 alg key %s" % key())
    t.op("accept 1 2 flags=NONBLOCK")
    saved = []
    nsteps = rng.randrange(4, 12)
    for _ in range(nsteps):
        r = rng.random()
        iv = aead_iv(rng, kind, ivs)
        if kind == "rfc4106":
            alen = rng.choice((16, 20, 20, 8))
        else:
            alen = rng.choice((0, 0, 1, 8, 13, 16, 20, 32))
        if kind == "authenc":
            plen = 16 * rng.choice((0, 1, 2, 4)) if rng.random() < 0.9 else 15
        else:
            plen = rng.choice((0, 1, 15, 16, 17, 32, 60, 100))
        if r < 0.45:
            # encrypt, maybe split, then read with an exact/short/long buffer
            aad = hx(rng, alen)
            pt = hx(rng, plen)
            whole = (aad if alen else "") + ("+" if alen and plen else "") + (pt if plen else "")
            whole = whole or "-"
            out = alen + plen + auth
            if rng.random() < 0.35 and alen + plen > 1:
                t.op("sendmsg 2 %s op=1 iv=%s assoc=%d flags=MORE,DONTWAIT" % (aad, iv, alen))
                t.op("send 2 %s flags=DONTWAIT" % pt)
            else:
                t.op("sendmsg 2 %s op=1 iv=%s assoc=%d flags=DONTWAIT" % (whole, iv, alen))
            n = rng.choice((out, out, out, out - 1, out + 16, alen, max(out - auth, 1)))
            var = "ABCDEFGH"[len(saved) % 8]
            t.op("recv 2 %d flags=DONTWAIT save=%s" % (n, var))
            if n == out:
                saved.append((var, out, alen, iv))
        elif r < 0.75 and saved:
            var, out, a, siv = rng.choice(saved)
            data = "@%s" % var
            what = rng.random()
            if what < 0.35:
                data = "@%s^%d" % (var, rng.randrange(out))   # tag/text/aad corruption
            elif what < 0.45:
                a = max(a - 1, 0)                            # wrong assoclen
            elif what < 0.5:
                siv = aead_iv(rng, kind, ivs)                # wrong nonce
            t.op("sendmsg 2 %s op=0 iv=%s assoc=%d flags=DONTWAIT" % (data, siv, a))
            n = rng.choice((out - auth, out - auth, out, out - auth - 1 if out - auth > 0 else 0))
            t.op("recv 2 %d flags=DONTWAIT" % n)
        elif r < 0.80:
            t.op("sendmsg 2 %s op=0 iv=%s assoc=%d flags=DONTWAIT" %
                 (hx(rng, rng.choice((0, 4, auth - 1 if auth > 1 else 1, auth + 8))), iv,
                  rng.choice((0, 4))))
            t.op("recv 2 64 flags=DONTWAIT")
        elif r < 0.84:
            t.op("poll 2 IN,OUT")
        elif r < 0.87:
            t.op("setsockopt 1 alg authsize NULL:%d" % rng.choice(auths))
        elif r < 0.90:
            t.op("sendmsg 2 %s op=1 iv=%s assoc=%d flags=DONTWAIT" %
                 (hx(rng, 16), iv, rng.choice((0x80000000, 0xffffffff, 17))))
            t.op("recv 2 32 flags=DONTWAIT")
        elif r < 0.93:
            t.op("sendmsg 2 00*16 op=1 iv=00*%d assoc=0 flags=DONTWAIT" % (ivs + 4))
        elif r < 0.96:
            t.op("accept 2 3")
        else:
            t.op("recv 2 16 flags=DONTWAIT")
    return t


def gen_rng(rng, name):
    t = T(name)
    alg = rng.choice(sorted(RNGS))
    seeds, det = RNGS[alg]
    nd = "" if det else " nodata"
    t.op("socket 1 flags=NONBLOCK")
    t.op("bind 1 rng %s" % alg)
    if rng.random() < 0.3:
        t.op("accept 1 2 flags=NONBLOCK")
        t.op("recv 2 16%s" % nd)
        t.op("close 2")
    if rng.random() < 0.85:
        t.op("setsockopt 1 alg key %s" % hx(rng, rng.choice(seeds)))
    t.op("accept 1 2 flags=NONBLOCK")
    if rng.random() < 0.4:
        t.op("accept 1 3 flags=NONBLOCK")
    for _ in range(rng.randrange(3, 10)):
        r = rng.random()
        h = rng.choice((2, 2, 3))
        if r < 0.5:
            t.op("recv %d %d%s" % (h, rng.choice((0, 1, 16, 32, 128, 129, 200, 1000)), nd))
        elif r < 0.6:
            t.op("read %d %d%s" % (h, rng.choice((0, 16, 128, 300)), nd))
        elif r < 0.65:
            t.op("readv %d 100,100%s" % (h, nd))
        elif r < 0.72:
            t.op("send %d 00*16" % h)
        elif r < 0.78:
            t.op("setsockopt 1 alg key %s" % hx(rng, 48))
        elif r < 0.84:
            t.op("accept %d 4" % h)
        elif r < 0.90:
            t.op("poll %d IN,OUT" % h)
        else:
            t.op("recvmsg %d 16,16%s" % (h, nd))
    return t


def gen_bind(rng, name):
    t = T(name)
    t.op("socket 1 flags=NONBLOCK")
    for _ in range(rng.randrange(4, 12)):
        r = rng.random()
        typ = rng.choice(sorted(BIND_NAMES))
        alg = rng.choice(BIND_NAMES[typ])
        tt = typ if typ else "-"
        at = alg if alg and " " not in alg else ("x:" + alg.encode().hex() if alg else "-")
        opts = ""
        if r < 0.15:
            opts = rng.choice((" feat=0x1000", " mask=0x1000", " feat=1", " mask=0x80",
                               " mask=0x2000", " feat=0x80", " mask=0x1001"))
        elif r < 0.30:
            opts = " addrlen=%d" % rng.choice((0, 24, 25, 24 + len(alg), 25 + len(alg), 26 + len(alg),
                                               87, 88, 104, 128, 129, 152))
        elif r < 0.35:
            opts = " family=%d" % rng.choice((0, 2, 38))
        elif r < 0.42:
            at = "x:" + (alg.encode() + b"\0" + bytes(rng.randrange(1, 256) for _ in range(5))).hex()
        elif r < 0.47:
            at = "x:" + (alg.encode() + bytes(rng.randrange(33, 127) for _ in range(3))).hex()
        t.op("bind 1 %s %s%s" % (tt, at, opts))
        r2 = rng.random()
        if r2 < 0.3:
            t.op("accept 1 2 flags=NONBLOCK")
        elif r2 < 0.4:
            t.op("close 2")
        elif r2 < 0.45:
            t.op("accept 1 3 flags=NONBLOCK addr")
        elif r2 < 0.5:
            t.op("bind 2 hash sha256")
    return t


def gen_socket(rng, name):
    t = T(name)
    for i in range(rng.randrange(3, 8)):
        typ = rng.choice(("seqpacket", "seqpacket", "stream", "dgram", "raw", "0", "7"))
        proto = rng.choice((0, 0, 0, 1, 2))
        fl = rng.choice(("", " flags=NONBLOCK", " flags=CLOEXEC", " flags=NONBLOCK,CLOEXEC",
                         " flags=0x100"))
        h = i + 1
        t.op("socket %d type=%s proto=%d%s" % (h, typ, proto, fl))
        r = rng.random()
        if r < 0.3:
            t.op("getsockopt %d socket %s 4" % (h, rng.choice(("type", "domain", "protocol"))))
        elif r < 0.5:
            t.op("misc %d %s" % (h, rng.choice(("connect", "listen", "shutdown", "getsockname",
                                                "getpeername", "fionread"))))
        elif r < 0.6:
            t.op("accept %d 9" % h)
        elif r < 0.7:
            t.op("send %d 00 flags=DONTWAIT" % h)
        elif r < 0.8:
            t.op("setsockopt %d alg key 00*16" % h)
        elif r < 0.9:
            t.op("poll %d IN,OUT" % h)
        else:
            t.op("getsockopt %d alg key 16" % h)
    return t


GENS = {"hash": gen_hash, "skcipher": gen_skcipher, "aead": gen_aead, "rng": gen_rng,
        "bind": gen_bind, "socket": gen_socket}


def generate(seed, scale=1.0):
    """Returns {filename: text}."""
    files = {}
    for fam in GENS:
        rng = random.Random("%d-%s" % (seed, fam))
        n = max(1, int(COUNTS[fam] * scale))
        ts = [GENS[fam](rng, "gen-%s-%04d" % (fam, i)) for i in range(n)]
        for k in range(0, n, PER_FILE):
            chunk = ts[k:k + PER_FILE]
            body = "# generated by tests/oracle/gen.py --seed %d: do not edit\n" % seed
            body += "\n".join("\n".join(x.lines) for x in chunk) + "\n"
            files["gen-%s-%02d.txt" % (fam, k // PER_FILE)] = body
    return files


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out")
    ap.add_argument("--check")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--scale", type=float, default=1.0)
    a = ap.parse_args()
    files = generate(a.seed, a.scale)
    ops = sum(1 for v in files.values() for l in v.split("\n") if l and l[0] not in "#T")
    if a.check:
        bad = [f for f, v in files.items()
               if not os.path.exists(os.path.join(a.check, f)) or
               open(os.path.join(a.check, f)).read() != v]
        extra = [f for f in os.listdir(a.check) if f.startswith("gen-") and f not in files]
        if bad or extra:
            print("gen.py: transcripts differ from seed %d: %s" % (a.seed, " ".join(bad + extra)))
            return 1
        print("gen.py: %d files, %d operations match seed %d" % (len(files), ops, a.seed))
        return 0
    if not a.out:
        ap.error("--out or --check")
    os.makedirs(a.out, exist_ok=True)
    for f in os.listdir(a.out):
        if f.startswith("gen-") and f.endswith(".txt"):
            os.remove(os.path.join(a.out, f))
    for f, v in files.items():
        with open(os.path.join(a.out, f), "w") as fh:
            fh.write(v)
    print("gen.py: %d files, %d operations (seed %d)" % (len(files), ops, a.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
