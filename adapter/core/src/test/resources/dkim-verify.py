#!/usr/bin/python3
"""Verifies every DKIM-Signature of the message on standard input with dkimpy.

DNS is answered from a file of lines "name<TAB>TXT record" (the first argument), so the test
needs no name server. Prints one line per signature, "d= s= a= pass" or "... fail (reason)", and
exits 0 only if there is at least one signature and every one verifies.
"""
import sys

import dkim

records = {}
with open(sys.argv[1], encoding="ascii") as f:
    for line in f:
        name, txt = line.rstrip("\n").split("\t", 1)
        records[name.lower()] = txt.encode("ascii")


def dnsfunc(name, timeout=5):
    key = name.decode("ascii") if isinstance(name, bytes) else name
    return records.get(key.rstrip(".").lower())


message = sys.stdin.buffer.read()
checker = dkim.DKIM(message)
signatures = [v for (k, v) in checker.headers if k.lower() == b"dkim-signature"]
if not signatures:
    print("no DKIM-Signature")
    sys.exit(1)
ok = True
for i, value in enumerate(signatures):
    tags = dkim.util.parse_tag_value(value)
    try:
        verified = dkim.DKIM(message).verify(idx=i, dnsfunc=dnsfunc)
        reason = ""
    except dkim.DKIMException as e:
        verified = False
        reason = " (%s)" % e
    ok = ok and verified
    print("d=%s s=%s a=%s %s%s" % (tags[b"d"].decode(), tags[b"s"].decode(), tags[b"a"].decode(),
                                    "pass" if verified else "fail", reason))
sys.exit(0 if ok else 1)
