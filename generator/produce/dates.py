"""Dates as Chinese readers write them: 2020年7月15日, and a round's short name on a chart's axis."""

from __future__ import annotations

import datetime as dt
import re


def chinese(date: dt.date | str | None) -> str:
    """2020年7月15日 / 2020年7月, as Chinese readers write dates."""
    if date is None:
        return ""
    if isinstance(date, str):
        parts = [int(p) for p in date.split("-")]
        return f"{parts[0]}年{parts[1]}月" + (f"{parts[2]}日" if len(parts) > 2 else "")
    return f"{date.year}年{date.month}月{date.day}日"


_QUARTERS = "一二三四"
_ROUND_ID = re.compile(r"(?P<year>\d{4})[-_]?(?:(?:q|Q)(?P<quarter>[1-4])|(?:h|H)(?P<half>[12]))?")


def round_label(round_id: str, date: dt.date) -> str:
    """A round's short name where a chart's axis names it: 2026年一季度 for 2026-q1, 2026年上半年 for 2026-h1,
    2026年度 for 2026; a round named otherwise by its publication month (2026年10月)."""
    m = _ROUND_ID.fullmatch(round_id)
    if not m:
        return f"{date.year}年{date.month}月"
    if m["quarter"]:
        return f"{m['year']}年{_QUARTERS[int(m['quarter']) - 1]}季度"
    if m["half"]:
        return f"{m['year']}年{'上下'[int(m['half']) - 1]}半年"
    return f"{m['year']}年度"
