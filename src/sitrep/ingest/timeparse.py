"""Parse the date strings containers carry (ISO 8601, RFC 822 feeds and mail headers)."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")


def iso_day(value: str | None) -> str | None:
    """The ISO day (YYYY-MM-DD) a date or datetime string names, or None if it names none."""
    if not value or len(value) > 100:
        return None
    value = value.strip()
    m = _ISO_DAY.match(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date().isoformat()
    for fmt in ("%m/%d/%Y", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None
