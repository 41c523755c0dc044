"""An iCalendar file (RFC 5545) for the ceremony: one VEVENT, times in UTC with Z, UTF-8 text.

Small enough to write by hand rather than add a package: escaping (3.3.11), CRLF lines folded at 75
octets without splitting a UTF-8 character (3.1).
"""
from datetime import timedelta, timezone as dt_timezone

from django.utils import timezone

PRODID = "-//WeGO//Seoul Smart City Prize//EN"
DEFAULT_LENGTH = timedelta(hours=2)


def escape(text):
    return (str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def utc(moment):
    return moment.astimezone(dt_timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def fold(line):
    """Lines longer than 75 octets continue on the next line after a space."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current)
            current = b""
        current += encoded
    out.append(current)
    return "\r\n ".join(part.decode("utf-8") for part in out)


def ceremony_ics(ceremony, *, summary, url, host, now=None):
    location = ", ".join(part for part in (ceremony.tr.venue, ceremony.tr.address) if part)
    description = "\n".join(f"{item.at:%H:%M} {item.tr.title}" + (f" — {item.presenter}" if item.presenter else "")
                            for item in ceremony.programme.all())
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:ceremony-{ceremony.edition.year}@{host}",
        f"DTSTAMP:{utc(now or timezone.now())}",
        f"DTSTART:{utc(ceremony.starts_at)}",
        f"DTEND:{utc(ceremony.ends_at or ceremony.starts_at + DEFAULT_LENGTH)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(location)}",
        *([f"DESCRIPTION:{escape(description)}"] if description else []),
        f"URL:{url}",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
