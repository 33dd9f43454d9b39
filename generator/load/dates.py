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


# How editors write a date that is not ISO: 2021年3月8日, 2021 年 3 月, 2021.3.8, 2021/03/08, 2021.03
_WRITTEN = re.compile(r"^(\d{4})\s*(?:年|[./])\s*(\d{1,2})\s*(?:(?:月|[./])\s*(\d{1,2})\s*日?|月)?$")


def explain(value) -> str:
    """What is wrong with a date as written, and the rewritten value when there is one
    (2021年3月8日 → 2021-03-08; 2021-02-30: that day does not exist)."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    m = _ISO.match(text) or _WRITTEN.match(text)
    if m is None:
        return "不是日期，应写成 YYYY-MM 或 YYYY-MM-DD（如 2021-03 或 2021-03-08）"
    year, month, day = int(m[1]), int(m[2]), int(m[3]) if m[3] else None
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return f"这一天不存在（{year} 年没有 {month} 月 {day} 日），请检查年月日" if day and 1 <= month <= 12 else \
            f"中的月份 {month} 不存在，请检查年月日"
    iso = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return f"应写成 YYYY-MM 或 YYYY-MM-DD，请改成 {iso}"
