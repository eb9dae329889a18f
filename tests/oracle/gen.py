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


# ---- chained requests (issue 15 item 3): every skcipher and aead of the
# lists above, two or three requests on one op socket, later ones without a
# new IV (or with one), whole or split by MSG_MORE, then the ciphertexts
# decrypted the same way.

def chain_len(rng, rule, chunk):
    if rule == "block":
        return chunk * rng.choice((1, 2, 3, 5))
    if rule == "min16":
        return rng.choice((16, 17, 31, 32, 33, 47, 48, 63, 64, 80, 100))
    return rng.choice((1, 5, 16, 20, 33, 64, 65, 100))


def split_pieces(rng, data_hex, n, chunk, split):
    """data as 1..3 sendmsg payloads (MSG_MORE between them)"""
    if not split or n < 2 or rng.random() < 0.4:
        return [data_hex]
    k = rng.choice((2, 2, 3))
    cuts = sorted(rng.sample(range(1, n), min(k - 1, n - 1)))
    if rng.random() < 0.5:   # block-aligned cuts where possible
        cuts = sorted({c - c % chunk for c in cuts if c - c % chunk > 0}) or cuts
    b = bytes.fromhex(data_hex)
    pos, out = 0, []
    for c in cuts + [n]:
        out.append(b[pos:c].hex() or "-")
        pos = c
    return [x for x in out if x != "-"] or [data_hex]


def chain_send(t, rng, pieces, cm):
    """a request: first piece with control messages cm, MSG_MORE until the last"""
    for i, piece in enumerate(pieces):
        more = i + 1 < len(pieces)
        c = cm if i == 0 else ""
        t.op("sendmsg 2 %s%s flags=%sDONTWAIT" % (piece, c, "MORE," if more else ""))


def gen_chain_skcipher(rng, name, alg):
    klens, ivs, chunk, rule, split = SKCIPHERS[alg]
    t = T(name)
    t.op("socket 1 flags=NONBLOCK")
    t.op("bind 1 skcipher %s" % alg)
    t.op("setsockopt 1 alg key %s" % hx(rng, rng.choice(klens)))
    t.op("accept 1 2 flags=NONBLOCK")
    iv0 = hx(rng, ivs)
    nreq = rng.choice((2, 3, 3))
    saved = []
    for i in range(nreq):
        n = chain_len(rng, rule, chunk)
        if i == 0:
            cm = " op=1 iv=%s" % iv0
        else:
            cm = rng.choice(("", "", " op=1", " op=1 iv=%s" % hx(rng, ivs)))
        chain_send(t, rng, split_pieces(rng, hx(rng, n), n, chunk, split), cm)
        var = "ABCDEFGH"[i]
        if split and rng.random() < 0.3 and n > chunk and rule != "min16":
            # read it in two parts: the first a whole number of chunks
            a = chunk * rng.randrange(1, (n + chunk - 1) // chunk)
            t.op("recv 2 %d flags=DONTWAIT" % a)
            t.op("recv 2 %d flags=DONTWAIT" % (n - a))
        else:
            t.op("recv 2 %d flags=DONTWAIT save=%s" % (n, var))
            saved.append((var, n, cm))
    # decrypt the saved ciphertexts in the same order and chaining
    first = True
    for var, n, cm in saved:
        if first:
            cm = " op=0 iv=%s" % iv0
        elif cm == " op=1":
            cm = " op=0"
        elif " iv=" in cm:
            cm = cm.replace("op=1", "op=0")
        first = False
        chain_send(t, rng, ["@%s" % var], cm)
        t.op("recv 2 %d flags=DONTWAIT" % n)
    return t


def gen_chain_aead(rng, name, alg):
    klens, ivs, auths, dauth, kind = AEADS[alg]
    t = T(name)
    t.op("socket 1 flags=NONBLOCK")
    t.op("bind 1 aead %s" % alg)
    kl = rng.choice(klens)
    t.op("setsockopt 1 alg key %s" % (authenc_key(rng, kl) if kind == "authenc" else hx(rng, kl)))
    t.op("accept 1 2 flags=NONBLOCK")
    iv0 = aead_iv(rng, kind, ivs)
    alen = rng.choice((16, 20)) if kind == "rfc4106" else rng.choice((0, 8, 16, 20))
    saved = []
    for i in range(rng.choice((2, 3))):
        plen = 16 * rng.choice((1, 2)) if kind == "authenc" else rng.choice((0, 1, 16, 33, 64))
        aad, pt = hx(rng, alen), hx(rng, plen)
        if i == 0:
            cm = " op=1 iv=%s assoc=%d" % (iv0, alen)
        else:
            cm = rng.choice(("", "", " op=1 assoc=%d" % alen,
                             " op=1 iv=%s assoc=%d" % (aead_iv(rng, kind, ivs), alen)))
        if alen and plen and rng.random() < 0.4:
            pieces = [aad, pt]
        else:
            pieces = ["+".join(x for x in (aad, pt) if x != "-") or "-"]
        chain_send(t, rng, pieces, cm)
        out = alen + plen + dauth
        var = "ABCDEFGH"[i]
        t.op("recv 2 %d flags=DONTWAIT save=%s" % (out, var))
        saved.append((var, out, cm))
    for j, (var, out, cm) in enumerate(saved):
        if j == 0:
            cm = " op=0 iv=%s assoc=%d" % (iv0, alen)
        else:
            cm = cm.replace("op=1", "op=0")
        chain_send(t, rng, ["@%s" % var], cm)
        t.op("recv 2 %d flags=DONTWAIT" % (out - dauth))
    return t


def gen_chain_all(rng):
    out = []
    for alg in sorted(SKCIPHERS):
        for _ in range(8):
            out.append(("skcipher", alg))
    for alg in sorted(AEADS):
        for _ in range(8):
            out.append(("aead", alg))
    ts = []
    for i, (typ, alg) in enumerate(out):
        name = "gen-chain-%04d" % i
        ts.append(gen_chain_skcipher(rng, name, alg) if typ == "skcipher"
                  else gen_chain_aead(rng, name, alg))
    return ts


# ---- the x86 drivers (issue 15 item 2; files gen-x86-*, run after every
# other gen-* file: binding "cts(cbc-aes-aesni)" registers an instance of
# the same priority as cts-cbc-aes-aesni, which then serves later
# "cts(cbc(aes))" binds on the kernel): each algorithm the recording
# kernel serves with an arch driver, bound by its generic name, by each
# x86 driver name and by the generic driver, through chained requests,
# MSG_MORE splits, zero-length and odd-length requests. The kernel runs with
# every arch/x86/crypto module loaded (record.sh).

ARCH_SKCIPHERS = [
    # (names, key lengths, ivsize, chunk, rule)
    (("cbc(aes)", "cbc-aes-aesni", "cbc(aes-aesni)", "cbc(aes-generic)"), (16, 24, 32), 16, 16,
     "block"),
    (("ecb(aes)", "ecb-aes-aesni", "ecb(aes-aesni)", "ecb(aes-generic)"), (16, 32), 0, 16, "block"),
    (("ctr(aes)", "ctr-aes-aesni", "ctr(aes-aesni)", "ctr(aes-generic)"), (16, 24, 32), 16, 16,
     "any"),
    (("xts(aes)", "xts-aes-aesni", "xts(ecb-aes-aesni)", "xts(ecb(aes-generic))"), (32, 64), 16,
     16, "min16"),
    (("cts(cbc(aes))", "cts-cbc-aes-aesni", "cts(cbc-aes-aesni)", "cts(cbc(aes-generic))",
      "cts(cbc(aes-aesni))"), (16, 24, 32), 16, 16, "min16"),
    # (Debian's 6.1 has no xctr template, CONFIG_CRYPTO_XCTR off: no xctr(aes-generic))
    (("xctr(aes)", "xctr-aes-aesni"), (16, 32), 16, 16, "any"),
    (("chacha20", "chacha20-simd", "chacha20-generic"), (32,), 16, 64, "stream"),
    (("xchacha20", "xchacha20-simd", "xchacha20-generic"), (32,), 32, 64, "stream"),
    (("xchacha12", "xchacha12-simd", "xchacha12-generic"), (32,), 32, 64, "stream"),
    (("cbc(des3_ede)", "cbc-des3_ede-asm", "cbc(des3_ede-asm)", "cbc(des3_ede-generic)"), (24,),
     8, 8, "block"),
    (("ecb(des3_ede)", "ecb-des3_ede-asm", "ecb(des3_ede-generic)"), (24,), 0, 8, "block"),
    (("ctr(des3_ede)", "ctr(des3_ede-asm)", "ctr(des3_ede-generic)"), (24,), 8, 8, "any"),
    (("cbc(serpent)", "cbc-serpent-avx2", "cbc-serpent-avx", "cbc-serpent-sse2",
      "cbc(serpent-generic)"), (16, 32), 16, 16, "block"),
    (("ecb(serpent)", "ecb-serpent-avx2", "ecb-serpent-avx", "ecb-serpent-sse2",
      "ecb(serpent-generic)"), (16, 32), 0, 16, "block"),
    (("cbc(twofish)", "cbc-twofish-avx", "cbc-twofish-3way", "cbc(twofish-asm)",
      "cbc(twofish-generic)"), (16, 24, 32), 16, 16, "block"),
    (("ecb(twofish)", "ecb-twofish-avx", "ecb-twofish-3way", "ecb(twofish-generic)"), (16, 32), 0,
     16, "block"),
    (("cbc(camellia)", "cbc-camellia-aesni-avx2", "cbc-camellia-aesni", "cbc-camellia-asm",
      "cbc(camellia-generic)"), (16, 24, 32), 16, 16, "block"),
    (("ecb(camellia)", "ecb-camellia-aesni-avx2", "ecb-camellia-aesni", "ecb-camellia-asm",
      "ecb(camellia-generic)"), (16, 32), 0, 16, "block"),
    (("cbc(cast5)", "cbc-cast5-avx", "cbc(cast5-generic)"), (16, 10), 8, 8, "block"),
    (("ecb(cast5)", "ecb-cast5-avx", "ecb(cast5-generic)"), (16,), 0, 8, "block"),
    (("cbc(blowfish)", "cbc-blowfish-asm", "cbc(blowfish-generic)"), (16, 56), 8, 8, "block"),
    (("ecb(blowfish)", "ecb-blowfish-asm", "ecb(blowfish-generic)"), (16,), 0, 8, "block"),
    (("cbc(cast6)", "cbc-cast6-avx", "cbc(cast6-generic)"), (16, 32), 16, 16, "block"),
    (("ecb(cast6)", "ecb-cast6-avx", "ecb(cast6-generic)"), (16, 24), 0, 16, "block"),
]

ARCH_HASHES = [
    # (names, digestsize, key lengths or () for unkeyed)
    (("sha1", "sha1-generic", "sha1-ssse3", "sha1-avx", "sha1-avx2"), 20, ()),
    (("sha224", "sha224-generic", "sha224-ssse3", "sha224-avx", "sha224-avx2"), 28, ()),
    (("sha256", "sha256-generic", "sha256-ssse3", "sha256-avx", "sha256-avx2"), 32, ()),
    (("sha384", "sha384-generic", "sha384-ssse3", "sha384-avx", "sha384-avx2"), 48, ()),
    (("sha512", "sha512-generic", "sha512-ssse3", "sha512-avx", "sha512-avx2"), 64, ()),
    (("hmac(sha256)", "hmac(sha256-avx2)", "hmac(sha256-ssse3)", "hmac(sha256-generic)"), 32,
     (16, 64, 100)),
    (("hmac(sha1)", "hmac(sha1-avx2)", "hmac(sha1-generic)"), 20, (20, 80)),
    (("hmac(sha512)", "hmac(sha512-avx2)", "hmac(sha512-generic)"), 64, (32, 200)),
    (("crc32c", "crc32c-intel", "crc32c-generic"), 4, (4,)),
    (("crc32", "crc32-pclmul", "crc32-generic"), 4, (4,)),
    (("crct10dif", "crct10dif-pclmul", "crct10dif-generic"), 2, ()),
    (("poly1305", "poly1305-simd", "poly1305-generic"), 16, ()),
    (("nhpoly1305", "nhpoly1305-avx2", "nhpoly1305-sse2", "nhpoly1305-generic"), 16, (1088,)),
    (("ghash", "ghash-generic"), 16, (16,)),
]

ARCH_AEADS = [
    # (names, key lengths, ivsize, authsize, kind)
    (("gcm(aes)", "generic-gcm-aesni", "gcm_base(ctr-aes-aesni,ghash-generic)",
      "gcm_base(ctr(aes-generic),ghash-generic)"), (16, 32), 12, 16, "plain"),
    (("rfc4106(gcm(aes))", "rfc4106-gcm-aesni",
      "rfc4106(gcm_base(ctr(aes-generic),ghash-generic))"), (20, 36), 8, 16, "rfc4106"),
    (("aegis128", "aegis128-aesni", "aegis128-generic"), (16,), 16, 16, "plain"),
    (("rfc7539(chacha20,poly1305)", "rfc7539(chacha20-simd,poly1305-simd)",
      "rfc7539(chacha20-generic,poly1305-generic)"), (32,), 12, 16, "plain"),
    (("rfc7539esp(chacha20,poly1305)", "rfc7539esp(chacha20-simd,poly1305-simd)",
      "rfc7539esp(chacha20-generic,poly1305-generic)"), (36,), 8, 16, "rfc4106"),
    (("ccm(aes)", "ccm_base(ctr-aes-aesni,cbcmac(aes-aesni))",
      "ccm_base(ctr(aes-generic),cbcmac(aes-generic))"), (16, 32), 16, 16, "ccm"),
]


def arch_skcipher(rng, name, alg, klens, ivs, chunk, rule):
    t = T(name)
    t.op("socket 1 flags=NONBLOCK")
    t.op("bind 1 skcipher %s" % alg)
    t.op("setsockopt 1 alg key %s" % hx(rng, rng.choice(klens)))
    t.op("accept 1 2 flags=NONBLOCK")
    iv = hx(rng, ivs) if ivs else "-"
    ivcm = " iv=%s" % iv if ivs else ""
    big = rule == "min16"

    def ln(kind):
        if rule == "block":
            return chunk * {"short": 1, "mid": 2, "long": rng.choice((3, 5, 17))}[kind]
        if rule == "min16":
            return {"short": rng.choice((16, 17, 31)), "mid": rng.choice((32, 33, 47)),
                    "long": rng.choice((48, 50, 64, 100, 271, 512))}[kind]
        return {"short": rng.choice((1, 5, 15)), "mid": rng.choice((16, 31, 33)),
                "long": rng.choice((64, 65, 100, 129, 271, 513))}[kind]

    # 1. three chained requests: encrypt, then decrypt the same way
    lens = [ln(rng.choice(("long", "mid"))), ln(rng.choice(("short", "mid", "long"))),
            ln("long")]
    if big:
        lens = [rng.choice((48, 50, 64, 100)), rng.choice((17, 32, 33)), rng.choice((16, 64, 100))]
    for i, n in enumerate(lens):
        t.op("sendmsg 2 %s%s flags=DONTWAIT" % (hx(rng, n), " op=1" + ivcm if i == 0 else ""))
        t.op("recv 2 %d flags=DONTWAIT save=%s" % (n, "ABC"[i]))
    for i, n in enumerate(lens):
        t.op("sendmsg 2 @%s%s flags=DONTWAIT" % ("ABC"[i], " op=0" + ivcm if i == 0 else ""))
        t.op("recv 2 %d flags=DONTWAIT" % n)
    # 2. one request in three pieces (MSG_MORE), read whole; then one read in two
    if rule != "stream":
        n = ln("long")
        data = hx(rng, n)
        a, b = sorted(rng.sample(range(1, n), 2)) if n > 2 else (1, 1)
        b_ = bytes.fromhex(data)
        t.op("sendmsg 2 %s op=1%s flags=MORE,DONTWAIT" % (b_[:a].hex(), ivcm))
        t.op("sendmsg 2 %s flags=MORE,DONTWAIT" % (b_[a:b].hex() or "-"))
        t.op("sendmsg 2 %s flags=DONTWAIT" % (b_[b:].hex() or "-"))
        t.op("recv 2 %d flags=DONTWAIT save=D" % n)
        t.op("sendmsg 2 %s op=1%s flags=DONTWAIT" % (data, ivcm))
        t.op("recv 2 %d flags=DONTWAIT" % n)
        if not big:
            k = chunk * rng.randrange(1, max(2, n // chunk))
            if k < n:
                t.op("sendmsg 2 @D op=0%s flags=DONTWAIT" % ivcm)
                t.op("recv 2 %d flags=DONTWAIT" % k)
                t.op("recv 2 %d flags=DONTWAIT" % (n - k))
        t.op("sendmsg 2 %s op=1%s flags=MORE,DONTWAIT" % (hx(rng, chunk * 2), ivcm))
        t.op("recv 2 %d flags=DONTWAIT" % chunk)
        t.op("sendmsg 2 %s flags=DONTWAIT" % hx(rng, chunk))
        t.op("recv 2 %d flags=DONTWAIT" % (chunk * 2))
    # 3. zero length, with and without an IV, both directions
    t.op("sendmsg 2 - op=1%s flags=DONTWAIT" % ivcm)
    t.op("recv 2 64 flags=DONTWAIT")
    t.op("sendmsg 2 - op=0 flags=DONTWAIT")
    t.op("recv 2 64 flags=DONTWAIT")
    t.op("sendmsg 2 %s flags=DONTWAIT" % hx(rng, ln("short")))
    t.op("recv 2 64 flags=DONTWAIT")
    # 4. lengths that are no multiple of the block size (or below the minimum)
    for n in (1, 7, 15, 17, 33):
        t.op("sendmsg 2 %s op=%d%s flags=DONTWAIT" % (hx(rng, n), rng.choice((0, 1)), ivcm))
        t.op("recv 2 %d flags=DONTWAIT" % (n + 16))
    return t


def arch_hash(rng, name, alg, ds, klens):
    t = T(name)
    t.op("socket 1 flags=NONBLOCK")
    t.op("bind 1 hash %s" % alg)
    if klens:
        t.op("setsockopt 1 alg key %s" % hx(rng, rng.choice(klens)))
    t.op("accept 1 2 flags=NONBLOCK")
    mult = 16 if "nhpoly" in alg else 1
    # poly1305: the first 32 bytes of a message are its key; a shorter one
    # fails at final, which 6.1 reports at send and 7.2 at recv (edge-delta)
    low = 32 if alg.startswith("poly1305") else 0
    for n in (0, 1, 55, 56, 64, 111, 112, 128, 1000):
        n -= n % mult
        n = max(n, low + (n % 7))
        t.op("send 2 %s flags=DONTWAIT" % hx(rng, n))
        t.op("recv 2 %d flags=DONTWAIT" % ds)
    # split at odd points (nhpoly1305: at multiples of 16)
    for _ in range(2):
        n = rng.choice((100, 300, 1030))
        n -= n % mult
        data = bytes.fromhex(hx(rng, n))
        cuts = sorted(rng.sample(range(1, n), 3))
        if mult > 1:
            cuts = sorted({c - c % mult for c in cuts if c >= mult})
        pos = 0
        for c in cuts:
            t.op("send 2 %s flags=MORE,DONTWAIT" % (data[pos:c].hex() or "-"))
            pos = c
        t.op("send 2 %s flags=DONTWAIT" % (data[pos:].hex() or "-"))
        t.op("recv 2 %d flags=DONTWAIT" % ds)
        t.op("send 2 %s flags=DONTWAIT" % data.hex())
        t.op("recv 2 %d flags=DONTWAIT" % ds)
    # a clone mid-stream, zero-length continuation, recv without data
    t.op("send 2 %s flags=MORE,DONTWAIT" % hx(rng, 64 if mult > 1 else 33))
    t.op("accept 2 3 flags=NONBLOCK")
    t.op("send 3 - flags=DONTWAIT")
    t.op("recv 3 %d flags=DONTWAIT" % ds)
    t.op("send 2 %s flags=DONTWAIT" % hx(rng, 16))
    t.op("recv 2 %d flags=DONTWAIT" % ds)
    t.op("recv 2 %d flags=DONTWAIT" % ds)
    return t


def arch_aead(rng, name, alg, klens, ivs, auth, kind):
    t = T(name)
    t.op("socket 1 flags=NONBLOCK")
    t.op("bind 1 aead %s" % alg)
    t.op("setsockopt 1 alg key %s" % hx(rng, rng.choice(klens)))
    t.op("accept 1 2 flags=NONBLOCK")
    iv = aead_iv(rng, kind, ivs)
    alen = 16 if kind == "rfc4106" else 20
    # chained: the second request keeps op, IV and assoclen (no control message)
    for i, plen in enumerate((rng.choice((16, 33, 64)), rng.choice((0, 1, 100)))):
        cm = " op=1 iv=%s assoc=%d" % (iv, alen) if i == 0 else ""
        data = "+".join(x for x in (hx(rng, alen), hx(rng, plen)) if x != "-")
        t.op("sendmsg 2 %s%s flags=DONTWAIT" % (data, cm))
        t.op("recv 2 %d flags=DONTWAIT save=%s" % (alen + plen + auth, "AB"[i]))
    t.op("sendmsg 2 @A op=0 iv=%s assoc=%d flags=DONTWAIT" % (iv, alen))
    t.op("recv 2 200 flags=DONTWAIT")
    t.op("sendmsg 2 @B flags=DONTWAIT")
    t.op("recv 2 200 flags=DONTWAIT")
    t.op("sendmsg 2 @A^3 flags=DONTWAIT")
    t.op("recv 2 200 flags=DONTWAIT")
    # AAD and text split by MSG_MORE at odd points
    aad, pt = hx(rng, alen), hx(rng, 70)
    t.op("sendmsg 2 %s op=1 iv=%s assoc=%d flags=MORE,DONTWAIT" % (aad[:10], iv, alen))
    t.op("sendmsg 2 %s flags=MORE,DONTWAIT" % (aad[10:] + pt[:30]))
    t.op("sendmsg 2 %s flags=DONTWAIT" % pt[30:])
    t.op("recv 2 %d flags=DONTWAIT" % (alen + 70 + auth))
    # zero-length text, zero-length everything, short input on decrypt
    t.op("sendmsg 2 %s op=1 iv=%s assoc=%d flags=DONTWAIT" % (hx(rng, alen), iv, alen))
    t.op("recv 2 %d flags=DONTWAIT" % (alen + auth))
    if kind != "rfc4106":
        t.op("sendmsg 2 - op=1 iv=%s assoc=0 flags=DONTWAIT" % iv)
        t.op("recv 2 %d flags=DONTWAIT" % auth)
    t.op("sendmsg 2 %s op=0 iv=%s assoc=%d flags=DONTWAIT" % (hx(rng, alen + auth - 1), iv, alen))
    t.op("recv 2 200 flags=DONTWAIT")
    return t


def gen_arch_all(rng):
    ts, i = [], 0
    for names, klens, ivs, chunk, rule in ARCH_SKCIPHERS:
        for alg in names:
            ts.append(arch_skcipher(rng, "gen-x86-%04d" % i, alg, klens, ivs, chunk, rule))
            i += 1
    for names, ds, klens in ARCH_HASHES:
        for alg in names:
            ts.append(arch_hash(rng, "gen-x86-%04d" % i, alg, ds, klens))
            i += 1
    for names, klens, ivs, auth, kind in ARCH_AEADS:
        for alg in names:
            ts.append(arch_aead(rng, "gen-x86-%04d" % i, alg, klens, ivs, auth, kind))
            i += 1
    return ts


# ---- FIPS mode (issue 15 item 4): fips-*.txt run on the kernel booted
# with fips=1 (record.sh) and on ualg with /proc/sys/crypto/fips_enabled 1
# (compare.py). Every name of the kernel's testmgr list that an AF_ALG type
# can bind, the generator's names, driver names, and instances without a
# testmgr entry over allowed and over disallowed children: bind, then a
# short use with a patterned key.

FIPS_NAMES = {
    "hash": """blake2b-160 blake2b-256 blake2b-384 blake2b-512 cbcmac(aes) cbcmac(sm4) cmac(aes)
        cmac(des3_ede) cmac(sm4) crc32 crc32c crc64-rocksoft crct10dif ghash hmac(md5)
        hmac(rmd160) hmac(sha1) hmac(sha224) hmac(sha256) hmac(sha3-224) hmac(sha3-256)
        hmac(sha3-384) hmac(sha3-512) hmac(sha384) hmac(sha512) hmac(sm3) hmac(streebog256)
        hmac(streebog512) md4 md5 michael_mic nhpoly1305 poly1305 polyval rmd160 sha1 sha224
        sha256 sha3-224 sha3-256 sha3-384 sha3-512 sha384 sha512 sm3 streebog256 streebog512
        vmac64(aes) wp256 wp384 wp512 xcbc(aes) xxhash64 digest_null sha256-generic sha256-avx2
        sha1-ssse3 sha512-avx2 hmac(sha256-generic) hmac(sha256-avx2) hmac(md4) hmac(crc32)
        xcbc(des3_ede) cmac(serpent) crc32c-intel crc32c-generic ghash-generic
        hmac(hmac(sha256)) cmac(aes-generic)""",
    "skcipher": """adiantum(xchacha12,aes) adiantum(xchacha20,aes) cbc(aes) cbc(anubis) cbc(aria)
        cbc(blowfish) cbc(camellia) cbc(cast5) cbc(cast6) cbc(des) cbc(des3_ede) cbc(serpent)
        cbc(sm4) cbc(twofish) cfb(aes) cfb(aria) cfb(sm4) chacha20 ctr(aes) ctr(aria)
        ctr(blowfish) ctr(camellia) ctr(cast5) ctr(cast6) ctr(des) ctr(des3_ede) ctr(serpent)
        ctr(sm4) ctr(twofish) cts(cbc(aes)) ecb(aes) ecb(anubis) ecb(arc4) ecb(aria)
        ecb(blowfish) ecb(camellia) ecb(cast5) ecb(cast6) ecb(des) ecb(des3_ede) ecb(fcrypt)
        ecb(khazad) ecb(seed) ecb(serpent) ecb(sm4) ecb(tea) ecb(twofish) ecb(xeta) ecb(xtea)
        essiv(cbc(aes),sha256) hctr2(aes) lrw(aes) lrw(camellia) lrw(cast6) lrw(serpent)
        lrw(twofish) ofb(aes) ofb(sm4) pcbc(fcrypt) rfc3686(ctr(aes)) rfc3686(ctr(sm4)) xchacha12
        xchacha20 xctr(aes) xts(aes) xts(camellia) xts(cast6) xts(serpent) xts(twofish)
        ecb(cipher_null) cbc-aes-aesni cbc(aes-generic) cbc(aes-aesni) xts-aes-aesni
        cts-cbc-aes-aesni ctr-aes-aesni ecb-aes-aesni xctr-aes-aesni chacha20-simd
        cbc-des3_ede-asm cbc-serpent-avx2 cts(cbc(serpent)) cts(cbc(aes-generic)) xctr(serpent)
        pcbc(aes) pcbc(serpent) ofb(serpent) cfb(serpent) rfc3686(ctr(serpent)) lrw(ecb(aes))
        xts(ecb(aes-generic)) essiv(cbc(serpent),sha256) essiv(cbc(aes),md5) ctr(cbc(aes))
        cbc(cbc(aes))""",
    "aead": """aegis128 authenc(hmac(md5),ecb(cipher_null)) authenc(hmac(sha1),cbc(aes))
        authenc(hmac(sha1),cbc(des)) authenc(hmac(sha1),cbc(des3_ede))
        authenc(hmac(sha1),ecb(cipher_null)) authenc(hmac(sha224),cbc(des))
        authenc(hmac(sha224),cbc(des3_ede)) authenc(hmac(sha256),cbc(aes))
        authenc(hmac(sha256),cbc(des)) authenc(hmac(sha256),cbc(des3_ede))
        authenc(hmac(sha384),cbc(des)) authenc(hmac(sha384),cbc(des3_ede))
        authenc(hmac(sha512),cbc(aes)) authenc(hmac(sha512),cbc(des))
        authenc(hmac(sha512),cbc(des3_ede)) ccm(aes) ccm(sm4)
        essiv(authenc(hmac(sha256),cbc(aes)),sha256) gcm(aes) gcm(aria) gcm(sm4)
        rfc4106(gcm(aes)) rfc4309(ccm(aes)) rfc4543(gcm(aes)) rfc7539(chacha20,poly1305)
        rfc7539esp(chacha20,poly1305) authenc(hmac(sha1),ctr(aes))
        authenc(hmac(sha256),rfc3686(ctr(aes))) authenc(hmac(sha384),cbc(aes))
        authenc(hmac(sha256),cbc(serpent)) authenc(hmac(md5),cbc(aes)) generic-gcm-aesni
        rfc4106-gcm-aesni gcm_base(ctr(aes-generic),ghash-generic) gcm(serpent)
        authencesn(hmac(sha256),cbc(aes))""",
    "rng": """ansi_cprng drbg_nopr_ctr_aes128 drbg_nopr_ctr_aes192 drbg_nopr_ctr_aes256
        drbg_nopr_hmac_sha256 drbg_nopr_hmac_sha512 drbg_nopr_sha256 drbg_pr_ctr_aes128
        drbg_pr_hmac_sha256 drbg_pr_sha256 drbg_nopr_hmac_sha1 drbg_nopr_hmac_sha384
        drbg_nopr_sha1 drbg_nopr_sha384 drbg_nopr_sha512 drbg_pr_ctr_aes192 drbg_pr_ctr_aes256
        drbg_pr_hmac_sha1 drbg_pr_hmac_sha384 drbg_pr_hmac_sha512 drbg_pr_sha1 drbg_pr_sha384
        drbg_pr_sha512 jitterentropy_rng stdrng""",
}

# a patterned key: no equal xts halves, no weak DES keys
def pkey(n):
    return "-" if n == 0 else "".join("%02x" % ((i * 7 + 1) & 0xff) for i in range(n))


def fips_use(t, typ, name):
    """after a successful bind of handle 1: key, accept, one request"""
    if typ == "hash":
        t.op("setsockopt 1 alg key %s" % pkey(32))
        t.op("accept 1 2 flags=NONBLOCK")
        t.op("send 2 616263 flags=DONTWAIT")
        t.op("recv 2 64 flags=DONTWAIT")
    elif typ == "skcipher":
        t.op("setsockopt 1 alg key %s" % pkey(32))
        t.op("accept 1 2 flags=NONBLOCK")
        t.op("sendmsg 2 00*32 op=1 iv=%s flags=DONTWAIT" % pkey(16))
        t.op("recv 2 64 flags=DONTWAIT")
    elif typ == "aead":
        ivs = 16 if "ccm" in name else 8 if name.startswith(("rfc4106", "rfc7539esp")) else \
            12 if "gcm" in name or "chacha" in name else 16
        iv = ("03" + pkey(15)) if "ccm(" in name and "4309" not in name else pkey(ivs)
        t.op("setsockopt 1 alg key %s" % pkey(16))
        t.op("accept 1 2 flags=NONBLOCK")
        t.op("sendmsg 2 00*16+616263 op=1 iv=%s assoc=16 flags=DONTWAIT" % iv)
        t.op("recv 2 64 flags=DONTWAIT")
    else:
        t.op("setsockopt 1 alg key %s" % pkey(48))
        t.op("accept 1 2 flags=NONBLOCK")
        t.op("recv 2 32 flags=DONTWAIT nodata")


def gen_fips_all(rng):
    ts = []
    for typ in ("hash", "skcipher", "aead", "rng"):
        for name in FIPS_NAMES[typ].split():
            t = T("fips-%s-%s" % (typ, name))
            t.op("socket 1")
            t.op("bind 1 %s %s" % (typ, name))
            fips_use(t, typ, name)
            ts.append(t)
    # key rules of FIPS mode
    t = T("fips-keys-xts")
    t.op("socket 1")
    t.op("bind 1 skcipher xts(aes)")
    for k in ("00112233445566778899aabbccddeeff" * 2, pkey(48), pkey(32), pkey(64),
              "00" * 64, pkey(16)):
        t.op("setsockopt 1 alg key %s" % k)
    ts.append(t)
    t = T("fips-keys-hmac")
    t.op("socket 1")
    t.op("bind 1 hash hmac(sha256)")
    for n in (0, 1, 8, 13, 14, 15, 32, 100):
        t.op("setsockopt 1 alg key %s" % pkey(n))
        t.op("accept 1 2 flags=NONBLOCK")
        t.op("send 2 616263 flags=DONTWAIT")
        t.op("recv 2 64 flags=DONTWAIT")
        t.op("close 2")
    ts.append(t)
    t = T("fips-keys-cmac-gcm")
    t.op("socket 1")
    t.op("bind 1 hash cmac(aes)")
    for n in (16, 24, 32):
        t.op("setsockopt 1 alg key %s" % pkey(n))
    t.op("socket 3")
    t.op("bind 3 aead gcm(aes)")
    for n in (16, 24, 32):
        t.op("setsockopt 3 alg key %s" % pkey(n))
    for a in (4, 8, 12, 16):
        t.op("setsockopt 3 alg authsize NULL:%d" % a)
    ts.append(t)
    t = T("fips-rng-seeds")
    for i, name in enumerate(("stdrng", "drbg_nopr_hmac_sha512", "drbg_pr_hmac_sha256",
                              "jitterentropy_rng", "ansi_cprng")):
        h = i + 1
        t.op("socket %d" % h)
        t.op("bind %d rng %s" % (h, name))
        for n in (0, 16, 48):
            t.op("setsockopt %d alg key %s" % (h, pkey(n)))
        t.op("accept %d %d" % (h, h + 10))
        t.op("recv %d 100 nodata" % (h + 10))
    ts.append(t)
    return ts


GENS = {"hash": gen_hash, "skcipher": gen_skcipher, "aead": gen_aead, "rng": gen_rng,
        "bind": gen_bind, "socket": gen_socket}
# families whose whole list is made at once (systematic, not COUNTS-driven)
GEN_ALL = {"chain": gen_chain_all, "x86": gen_arch_all, "fips": gen_fips_all}


def generate(seed, scale=1.0):
    """Returns {filename: text}."""
    files = {}
    for fam in list(GENS) + list(GEN_ALL):
        rng = random.Random("%d-%s" % (seed, fam))
        if fam in GEN_ALL:
            ts = GEN_ALL[fam](rng)
        else:
            n = max(1, int(COUNTS[fam] * scale))
            ts = [GENS[fam](rng, "gen-%s-%04d" % (fam, i)) for i in range(n)]
        n = len(ts)
        for k in range(0, n, PER_FILE):
            chunk = ts[k:k + PER_FILE]
            body = "# generated by tests/oracle/gen.py --seed %d: do not edit\n" % seed
            body += "\n".join("\n".join(x.lines) for x in chunk) + "\n"
            prefix = "fips" if fam == "fips" else "gen-%s" % fam
            files["%s-%02d.txt" % (prefix, k // PER_FILE)] = body
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
        extra = [f for f in os.listdir(a.check) if f.startswith(("gen-", "fips-")) and f not in files]
        if bad or extra:
            print("gen.py: transcripts differ from seed %d: %s" % (a.seed, " ".join(bad + extra)))
            return 1
        print("gen.py: %d files, %d operations match seed %d" % (len(files), ops, a.seed))
        return 0
    if not a.out:
        ap.error("--out or --check")
    os.makedirs(a.out, exist_ok=True)
    for f in os.listdir(a.out):
        if f.startswith(("gen-", "fips-")) and f.endswith(".txt"):
            os.remove(os.path.join(a.out, f))
    for f, v in files.items():
        with open(os.path.join(a.out, f), "w") as fh:
            fh.write(v)
    print("gen.py: %d files, %d operations (seed %d)" % (len(files), ops, a.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
