"""A field's value is not repeated by another published brand (two brands both called 文档连心桥 would
share a name in the gallery, the search and the leaderboards, and a score table naming it could mean either).

A brand alone cannot break this: ``check`` finds nothing, and ``across`` looks at every brand at once
(check/run.py calls it once the whole site is loaded). Drafts are left out: a draft is not shown anywhere.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from typing import Iterator

from generator.check.checks import _fields
from generator.check.checks.base import Hit
from generator.findings import Position
from generator.model import Brand

KIND = "unique"
PARAMS = {"field": ...}


def check(brand, rule):
    return iter(())


def key(text) -> str:
    """The same name however it was typed: full-width letters and digits, spaces and case do not count."""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).casefold()


def across(brands: list[Brand], rule) -> Iterator[tuple[Brand, Hit]]:
    field = rule.params["field"]
    groups: dict[str, list[Brand]] = defaultdict(list)
    for brand in brands:
        text = _fields.value(brand, field)
        if text and not brand.is_draft:
            groups[key(text)].append(brand)
    for group in groups.values():
        if len(group) < 2:
            continue
        for brand in group:
            others = "、".join(f"brands/{b.slug}/" for b in group if b is not brand)
            yield brand, Hit(brand.source, _where(brand, field), {"value": _fields.value(brand, field), "others": others})


def _where(brand: Brand, field: str) -> Position:
    """Where the field is written: the node tree is let go after the checks, so the file is read again
    (only for the brands that share a name)."""
    from generator.load.yamlpos import YamlSyntaxError, parse

    try:
        return parse((brand.folder / "brand.yml").read_text("utf-8-sig")).at(*field.split("."))
    except (OSError, UnicodeDecodeError, YamlSyntaxError):
        return Position(1, 1)
