"""Web-safe names made from Chinese: brand folders proposed by `brandsite new`, category pages."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path
from typing import Callable

from generator import segment
from generator.incremental import store


def from_chinese(text: str, fallback: str = "brand", cut: Callable[[str], list[str]] | None = None) -> str:
    """Pinyin joined within words and hyphenated between them: 文档连心桥 -> wendang-lianxin-qiao.
    ``cut`` splits the words (by default jieba with its own dictionary, whatever this process has loaded)."""
    from pypinyin import lazy_pinyin  # a third of a second to import: only when something new is read

    words = [w for w in (cut or segment.plain().lcut)(text) if w.strip()]
    slug = "-".join("".join(lazy_pinyin(w, errors=lambda chars: list(chars))).lower() for w in words)
    slug = re.sub(r"[^a-z0-9]+", "-", slug).strip("-")
    return re.sub(r"-{2,}", "-", slug) or fallback


def unique(names: list[str], fallback: str, cut: Callable[[str], list[str]] | None = None) -> dict[str, str]:
    """One slug per name, numbered where two names read the same in pinyin."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        base = from_chinese(name, fallback, cut)
        slug, n = base, 2
        while slug in taken or slug.isdigit():  # digits are page numbers
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out[name] = slug
    return out


def pinyin_keys(text: str) -> tuple[str, str]:
    """What a visitor types for ``text`` with a pinyin keyboard or by initials: 泰州12319 ->
    ("taizhou12319", "tz12319"). Digits and Latin letters stay as they are."""
    return reading(text)[1:]


def reading(text: str) -> tuple[str, str, str]:
    """``text`` in pinyin: syllables spaced (to order names by), then as `pinyin_keys` gives it."""
    from pypinyin import Style, lazy_pinyin

    keep = lambda chars: list(chars)  # noqa: E731  (characters that are not Chinese stay themselves)
    syllables = lazy_pinyin(text, errors=keep)
    initials = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors=keep)).lower()
    return (" ".join(lazy_pinyin(text)), re.sub(r"[^a-z0-9]+", "", "".join(syllables).lower()),
            re.sub(r"[^a-z0-9]+", "", initials))


class Readings:
    """`reading` of each name, as the last run read it with the same pypinyin: a build in which no name is
    new does not import pypinyin at all (a third of a second). Kept in ``remembered`` (JSON)."""

    def __init__(self, remembered: Path):
        self.remembered = remembered
        self.key = version("pypinyin")
        table = store.read_keyed(remembered, self.key, "readings")
        self.table = {text: tuple(r) for text, r in table.items()
                      if isinstance(r, list) and len(r) == 3 and all(isinstance(p, str) for p in r)
                      } if isinstance(table, dict) else {}
        self.changed = False

    def __call__(self, text: str) -> tuple[str, str, str]:
        if text not in self.table:
            self.table[text] = reading(text)
            self.changed = True
        return self.table[text]

    def save(self, texts: set[str]) -> None:
        """Keep the readings of ``texts`` (the names there are now) for the next run."""
        present = {text: r for text, r in self.table.items() if text in texts}
        if self.changed or len(present) != len(self.table):
            store.write_keyed(self.remembered, self.key, "readings", present)
