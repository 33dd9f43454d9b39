"""Dates as editors write them: a YAML date, or the same ISO text in quotes (what spreadsheets and many
editors write), with full-width digits and stray spaces forgiven. One reader for every date field."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_ISO = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")


def _parts(value) -> tuple[int, int, int | None] | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.year, value.month, value.day
    if not isinstance(value, str):
        return None
    m = _ISO.match(unicodedata.normalize("NFKC", value).strip())
    if not m:
        return None
    return int(m[1]), int(m[2]), int(m[3]) if m[3] else None


def full_date(value) -> dt.date | None:
    """A calendar date (YYYY-MM-DD, quoted or not), or None when ``value`` is not one."""
    parts = _parts(value)
    if parts is None or parts[2] is None:
        return None
    try:
        return dt.date(*parts)
    except ValueError:
        return None


def month_or_date(value) -> str | None:
    """``YYYY-MM`` or ``YYYY-MM-DD`` (quoted or not) as that text, zero-padded; None when it is neither."""
    parts = _parts(value)
    if parts is None:
        return None
    year, month, day = parts
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
