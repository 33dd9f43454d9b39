"""The brand lookup: every published brand's name, unit and pinyin in one small file the search box reads
before the full-text index.

Visitors of a showcase mostly look for one brand. Full-text search segments pages with jieba at build
time and queries differently in the browser, so an exact name can rank below pages that mention its
words; the lookup matches the name and unit as typed (whole, prefix or any part) and by pinyin, and its
matches are shown first. About 80 bytes a brand: 1,000 brands are 80 KB, 10,000 are 0.8 MB.
"""

from __future__ import annotations

import json
from typing import Iterable

from generator.slugs import pinyin_keys

FIELDS = ("name", "unit", "url", "pinyin", "initials", "category")


def lookup(brands: Iterable) -> bytes:
    """The lookup file for ``brands`` (anything with slug, name, unit and category), in slug order."""
    rows = []
    for brand in sorted(brands, key=lambda b: b.slug):
        full, initials = brand.reading[1:] if getattr(brand, "reading", ()) else pinyin_keys(brand.name)
        rows.append([brand.name, brand.unit or "", f"brands/{brand.slug}/", full, initials, brand.category or ""])
    data = {"version": 1, "fields": list(FIELDS), "brands": rows}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
