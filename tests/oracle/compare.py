#!/usr/bin/env python3
"""Differential test: ualg's AF_ALG (under LD_PRELOAD) against the answers a
real kernel gave for the same transcripts (tests/oracle/fixtures/*.out).

    compare.py --driver BUILD/tests/oracle/oracle-driver \
               --preload BUILD/src/preload/libualg-preload.so \
               [--dir tests/oracle] [--doc docs/oracle.md] [--show N]

    compare.py --kernel-vs A_DIR B_DIR     compare two sets of kernel fixtures
                                           (oracle-live: re-recorded vs committed)

Transcripts named fips-*.txt were recorded on the kernel booted with fips=1;
they run here in a private mount namespace (unshare -m) where a directory
holding crypto/fips_enabled = 1 is bound over /proc/sys, so ualg reads the
switch as set. When unshare is not permitted they are skipped (reported).

For every transcript line the two result lines must be identical, except
where a row of the tolerance table in docs/oracle.md (between the
"tolerances:begin/end" markers) matches all of: the transcript name (glob),
the operation (regex), the kernel's result (regex) and ualg's result
(regex).  Such a difference is "explained"; any other is "unexplained" and
fails the test.  Exit 77 (skip) when the preload library is not built.
"""
import argparse
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tempfile

SEP = " => "


def parse_output(text):
    """[(transcript, op line, result)] from driver output or a fixture."""
    out, cur = [], None
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        if line.startswith("T "):
            cur = line[2:]
            continue
        op, sep, res = line.partition(SEP)
        if not sep:
            raise ValueError("unparsable line: %r" % line)
        out.append((cur, op, res))
    return out


def load_tolerances(doc):
    rows, on = [], False
    for line in open(doc):
        if "tolerances:begin" in line:
            on = True
            continue
        if "tolerances:end" in line:
            break
        if not on or not line.startswith("|") or line.startswith("| id") or \
                line.startswith("| ---") or line.startswith("|---"):
            continue
        cells = [c.strip().strip("`").replace("\\|", "|")
                 for c in re.split(r"\s\|\s", line.strip().strip("|"))]
        if len(cells) < 6:
            raise ValueError("bad tolerance row: %r" % line)
        rid, tglob, op, kres, ures = cells[:5]
        rows.append({"id": rid, "transcript": tglob, "op": re.compile(op + r"\Z"),
                     "kernel": re.compile(kres + r"\Z"), "ualg": re.compile(ures + r"\Z"),
                     "used": 0})
    return rows


def explain(rows, name, op, kres, ures):
    for r in rows:
        if fnmatch.fnmatchcase(name, r["transcript"]) and r["op"].match(op) and \
                r["kernel"].match(kres) and r["ualg"].match(ures):
            r["used"] += 1
            return r["id"]
    return None


def compare_sets(pairs, rows, show):
    """pairs: [(file, kernel entries, other entries)]"""
    ntrans = nops = ndiff = nexp = 0
    unexplained = []
    first = {}      # transcript -> first unexplained (op, kernel, got)
    for fname, kern, other in pairs:
        ntrans += len({k[0] for k in kern})
        nops += len(kern)
        if len(other) != len(kern):
            unexplained.append("%s: %d results, kernel has %d" % (fname, len(other), len(kern)))
        for i, (k, o) in enumerate(zip(kern, other)):
            if k[0] != o[0] or k[1] != o[1]:
                unexplained.append("%s: transcript out of step at result %d" % (fname, i))
                ndiff += 1
                break
            if k[2] == o[2]:
                continue
            ndiff += 1
            rid = explain(rows, k[0], k[1], k[2], o[2]) if rows is not None else None
            if rid:
                nexp += 1
            else:
                first.setdefault(k[0], (k[1], k[2], o[2]))
                unexplained.append("%s: %s\n    op:     %s\n    kernel: %s\n    got:    %s"
                                   % (fname, k[0], k[1][:300], k[2][:300], o[2][:300]))
    nun = len(unexplained)
    for u in unexplained[:show]:
        print("UNEXPLAINED " + u)
    if nun > show:
        print("... %d more unexplained differences" % (nun - show))
    if first:
        # the first difference of a transcript is usually the cause of the rest
        hist = {}
        for op, kres, got in first.values():
            key = "%s: kernel %s, got %s" % (op.split()[0], kres.split(" data=")[0],
                                             got.split(" data=")[0])
            hist[key] = hist.get(key, 0) + 1
        print("first unexplained difference of %d transcripts, by kind:" % len(first))
        for key, n in sorted(hist.items(), key=lambda x: -x[1])[:30]:
            print("  %5d  %s" % (n, key))
    if rows:
        for r in rows:
            print("tolerance %-22s matched %d time(s)" % (r["id"], r["used"]))
    print("transcripts %d, operations %d, differences %d (explained %d, unexplained %d)"
          % (ntrans, nops, nexp + nun, nexp, nun))
    return 1 if nun else 0


FIPS_SHELL = 'mount --bind "$0" /proc/sys && exec "$@"'


def fips_prefix(tmp):
    """Command prefix running a program with /proc/sys/crypto/fips_enabled = 1,
    or (None, reason)."""
    os.makedirs(os.path.join(tmp, "crypto"), exist_ok=True)
    with open(os.path.join(tmp, "crypto", "fips_enabled"), "w") as f:
        f.write("1\n")
    pre = ["unshare", "-m", "--propagation", "private", "sh", "-c", FIPS_SHELL, tmp]
    if not shutil.which("unshare"):
        return None, "no unshare"
    p = subprocess.run(pre + ["cat", "/proc/sys/crypto/fips_enabled"], capture_output=True,
                       text=True)
    if p.returncode or p.stdout.strip() != "1":
        return None, "unshare -m / mount --bind not permitted: " + p.stderr.strip()[:200]
    return pre, None


def run_driver(driver, tfile, env, label, prefix=()):
    """Driver output for one transcript file; after a "=> hang" (exit 3) the
    driver is restarted at the next transcript."""
    text, skip, hangs = "", 0, 0
    while True:
        try:
            p = subprocess.run(list(prefix) + [driver, "--from", str(skip), tfile], env=env,
                               capture_output=True, text=True, timeout=300)
            out, rc = p.stdout, p.returncode
        except subprocess.TimeoutExpired as e:
            out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else \
                (e.stdout or "")
            print("%s: driver timed out" % label)
            return text + out
        text += out
        if rc == 3 and out.rstrip("\n").endswith(" => hang"):
            last = out.rstrip("\n").rsplit("\n", 1)[-1]
            print("%s: HANG %s" % (label, last[:200]))
            hangs += 1
            if hangs >= 3:
                print("%s: 3 hangs, the rest of the file is not run" % label)
                return text
            skip += sum(1 for l in out.split("\n") if l.startswith("T "))
            continue
        if rc != 0:
            print("%s: driver exit status %d %s" % (label, rc, p.stderr[-500:]))
        return text


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--driver")
    ap.add_argument("--preload")
    ap.add_argument("--dir", default=here)
    ap.add_argument("--doc", default=os.path.join(here, "..", "..", "docs", "oracle.md"))
    ap.add_argument("--show", type=int, default=40)
    ap.add_argument("--kernel-vs", nargs=2)
    ap.add_argument("--only", default="*", help="fixture files to compare (glob)")
    a = ap.parse_args()

    if a.kernel_vs:
        pairs = []
        for f in sorted(os.listdir(a.kernel_vs[1])):
            if f.endswith(".out"):
                kern = parse_output(open(os.path.join(a.kernel_vs[1], f)).read())
                new = parse_output(open(os.path.join(a.kernel_vs[0], f)).read())
                pairs.append((f, kern, new))
        return compare_sets(pairs, None, a.show)

    if not a.preload or not os.path.exists(a.preload):
        print("SKIP: the preload library is not built (%s)" % a.preload)
        return 77
    gen = subprocess.run([sys.executable, os.path.join(a.dir, "gen.py"), "--check",
                          os.path.join(a.dir, "transcripts")], capture_output=True, text=True)
    print(gen.stdout.strip())
    if gen.returncode:
        return 1
    rows = load_tolerances(a.doc)
    fixdir, tdir = os.path.join(a.dir, "fixtures"), os.path.join(a.dir, "transcripts")
    env = dict(os.environ, LD_PRELOAD=a.preload)
    pairs = []
    tmp = tempfile.mkdtemp(prefix="ualg-fips-")
    prefix, why = fips_prefix(tmp)
    skipped = 0
    for f in sorted(os.listdir(fixdir)):
        if not f.endswith(".out") or not fnmatch.fnmatch(f, a.only):
            continue
        tfile = os.path.join(tdir, f[:-4] + ".txt")
        kern = parse_output(open(os.path.join(fixdir, f)).read())
        if f.startswith("fips-") and prefix is None:
            skipped += 1
            continue
        text = run_driver(a.driver, tfile, env, f, prefix if f.startswith("fips-") else ())
        try:
            got = parse_output(text)
        except ValueError as e:
            print("%s: %s" % (f, e))
            got = []
        pairs.append((f, kern, got))
    shutil.rmtree(tmp, ignore_errors=True)
    if skipped:
        print("SKIPPED %d fips-* fixture files: %s" % (skipped, why))
    return compare_sets(pairs, rows, a.show)


if __name__ == "__main__":
    sys.exit(main())
