"""Reads a message Mailroom sent with Python's own parsers: `email` for the MIME and Debian's
python3-icalendar for the calendar (dateutil expands the recurrence). Prints key=value lines for
the Java test to compare. Exit code 3 when the icalendar module is missing."""
import sys
import email
from email import policy

try:
    import icalendar
    from dateutil import rrule
except ImportError as missing:
    print("missing=" + str(missing))
    sys.exit(3)


def out(key, value):
    print(key + "=" + str(value).replace("\r", "\\r").replace("\n", "\\n"))


message = email.message_from_binary_file(sys.stdin.buffer, policy=policy.default)
calendar_text = None
attachment_text = None
for part in message.walk():
    out("part", part.get_content_type())
    if part.get_content_type() == "text/calendar":
        out("part.method", part.get_param("method"))
        out("part.charset", part.get_content_charset())
        calendar_text = part.get_payload(decode=True).decode("utf-8")
    elif part.get_filename() == "invite.ics":
        out("attachment.disposition", part.get_content_disposition())
        attachment_text = part.get_payload(decode=True).decode("utf-8")
same = attachment_text is not None and attachment_text.replace("\r\n", "\n") == calendar_text.replace("\r\n", "\n")
out("attachment.same", same)

calendar = icalendar.Calendar.from_ical(calendar_text)
out("method", calendar.get("METHOD"))
out("version", calendar.get("VERSION"))
# Offsets come from the VTIMEZONE Mailroom wrote (icalendar's to_tz), not from Python's tz data.
zones = {}
for zone in calendar.walk("VTIMEZONE"):
    out("vtimezone", zone.get("TZID"))
    out("vtimezone.observances", " ".join(sorted(o.name for o in zone.subcomponents)))
    zones[str(zone.get("TZID"))] = zone.to_tz()
for event in calendar.walk("VEVENT"):
    out("uid", event.get("UID"))
    out("sequence", event.decoded("SEQUENCE"))
    out("status", event.get("STATUS"))
    out("summary", event.get("SUMMARY"))
    for key in ("LOCATION", "DESCRIPTION"):
        if key in event:
            out(key.lower(), event.get(key))
    start = event.decoded("DTSTART")
    out("dtstart", start.isoformat())
    tzid = event["DTSTART"].params.get("TZID")
    out("dtstart.tzid", tzid)
    local = zones.get(str(tzid))
    out("dtend", event.decoded("DTEND").isoformat())
    if "ORGANIZER" in event:
        organizer = event["ORGANIZER"]
        out("organizer", str(organizer) + " CN=" + str(organizer.params.get("CN")))
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    for attendee in attendees:
        p = attendee.params
        out("attendee", "%s CN=%s ROLE=%s RSVP=%s PARTSTAT=%s" % (
            attendee, p.get("CN"), p.get("ROLE"), p.get("RSVP"), p.get("PARTSTAT")))
    if "RRULE" in event:
        out("rrule", event["RRULE"].to_ical().decode())
        rule = rrule.rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
        for occurrence in list(rule)[:60]:
            naive = occurrence.replace(tzinfo=None)
            out("occurrence", local.localize(naive).isoformat() if local else occurrence.isoformat())
    for alarm in event.walk("VALARM"):
        out("alarm", "%s %s" % (alarm.get("ACTION"), alarm.decoded("TRIGGER")))
