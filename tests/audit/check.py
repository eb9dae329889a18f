# check.py REPORT.json CHECK...: assertions on a `ualg audit --json` report.
#   program=SUBSTR:BY                a program whose executable contains SUBSTR, served by BY
#   call=SUBSTR:CALL:TYPE:NAME:ANSWER[:BYTES]  that program made CALL (type/name '-' for none)
#   count=SUBSTR:CALL:N              that program's CALL rows add up to N calls
#   absent=PATH                      no program has this executable
import json
import sys

report = json.load(open(sys.argv[1]))
progs = report["programs"]
fails = 0


def fail(msg):
    global fails
    print("FAIL:", msg)
    fails += 1


def find(sub, by=None):
    return [p for p in progs if p["executable"] and sub in p["executable"] and (by is None or p["served_by"] == by)]


for c in sys.argv[2:]:
    kind, _, arg = c.partition("=")
    if kind == "program":
        sub, by = arg.split(":")
        if not find(sub, by):
            fail("no program %s served by %s" % (sub, by))
    elif kind == "call":
        f = arg.split(":")
        sub, call, typ, nam, ans = f[:5]
        rows = [r for p in find(sub) for r in p["calls"]
                if r["call"] == call and (r["type"] or "-") == typ and (r["name"] or "-") == nam and r["answer"] == ans]
        if not rows:
            fail("%s: no %s %s %s answered %s" % (sub, call, typ, nam, ans))
        elif len(f) > 5 and sum(r["bytes"] for r in rows) != int(f[5]):
            fail("%s: %s bytes %d, want %s" % (sub, call, sum(r["bytes"] for r in rows), f[5]))
    elif kind == "count":
        sub, call, n = arg.split(":")
        got = sum(r["count"] for p in find(sub) for r in p["calls"] if r["call"] == call)
        if got != int(n):
            fail("%s: %d %s calls, want %s" % (sub, got, call, n))
    elif kind == "absent":
        if [p for p in progs if p["executable"] == arg]:
            fail("%s reported" % arg)
    else:
        fail("bad check " + c)
if fails:
    print(json.dumps(report, indent=1))
    sys.exit(1)
print("ok: %d checks" % (len(sys.argv) - 2))
