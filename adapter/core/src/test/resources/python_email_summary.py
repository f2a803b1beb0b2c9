# Reads one RFC 5322 message from stdin with Python's email package (the modern policy) and
# prints what a recipient sees, one "key=value" line each (CR dropped, LF as \n): the headers,
# parse defects, the text and HTML bodies, and per attachment its file name, type and SHA-256.
import email
import email.policy
import hashlib
import sys


def line(key, value):
    value = "" if value is None else str(value)
    print(key + "=" + value.replace("\r", "").replace("\n", "\\n"))


message = email.message_from_binary_file(sys.stdin.buffer, policy=email.policy.default)
for name in ("subject", "from", "to", "cc"):
    line(name, message[name])
line("defects", ",".join(type(d).__name__ for part in message.walk() for d in part.defects))
text = message.get_body(preferencelist=("plain",))
html = message.get_body(preferencelist=("html",))
line("text", text.get_content() if text is not None else None)
line("html", html.get_content() if html is not None else None)
for part in message.iter_attachments():
    digest = hashlib.sha256(part.get_payload(decode=True)).hexdigest()
    line("attachment", part.get_filename() + "|" + part.get_content_type() + "|" + digest)
