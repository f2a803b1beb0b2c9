"""Reads every .eml file in a directory with Python's own email package (the RFC 5322, 2047 and
2231 parsers of the standard library) and prints, per file, one tab-separated line: the file
name, then base64 of the UTF-8 of the From display name, the Subject, the X-Hostile value and
the attachment's file name, then the number of defects the parser found.

Subject and X-Hostile are read with policy.default. The display name is decoded with
email.utils.parseaddr and email.header.decode_header, which follow RFC 2047 section 6.2 (white
space between adjacent encoded words is dropped; the header registry's display_name keeps a
space there). The file name is the RFC 2231 parameter collapsed by hand from get_param(...,
unquote=False): get_filename() strips (a leading U+0085 is lost) and unquotes an extended value
(a name that begins with '<' and ends with '>' loses both), neither of which RFC 2231 does."""
import base64
import re
import email
import email.header
import email.utils
import os
import sys
from email import policy


def b64(text):
    return base64.b64encode((text or "").encode("utf-8")).decode("ascii")


def main(directory):
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".eml"):
            continue
        with open(os.path.join(directory, name), "rb") as f:
            data = f.read()
        message = email.message_from_bytes(data, policy=policy.default)
        raw = email.message_from_bytes(data)  # compat32: header values as they were written
        # RFC 5322 3.2.2: unfold before parsing (a quoted display name may be folded at a space);
        # compat32 keeps the folds and parseaddr does not remove them.
        phrase, _ = email.utils.parseaddr(re.sub(r"\r?\n(?=[ \t])", "", raw["From"]))
        display = str(email.header.make_header(email.header.decode_header(phrase))) if phrase else ""
        file_name = None
        for part in message.iter_attachments():
            value = part.get_param("filename", None, "content-disposition", unquote=False)
            file_name = (email.utils.collapse_rfc2231_value(value) if isinstance(value, tuple)
                         else email.utils.unquote(value))
        defects = len(message.defects) + sum(
            len(message[h].defects) for h in ("From", "Subject", "X-Hostile") if message[h] is not None)
        print("\t".join([name, b64(display), b64(str(message["Subject"] or "")),
                         b64(str(message["X-Hostile"] or "")), b64(file_name), str(defects)]))


if __name__ == "__main__":
    main(sys.argv[1])
