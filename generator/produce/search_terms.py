"""What Chinese search should find: a jieba user dictionary and each brand's search keywords.

jieba splits domain terms badly (一网通|办, 告知|制专窗), so the brands' own names, units and
system terms become dictionary words and stay whole in the search index. The browser search
matches words by prefix, so a whole name alone would hide its later parts (连心 in 文档连心桥):
each brand page therefore also carries the name's finer words as keywords.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator import segment
from generator.model import Brand

_SPLIT = re.compile(r"[\s、，,。·・/（）()“”\"'：:；;！!？?]+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _words(text: str) -> list[str]:
    return [w for w in _SPLIT.split(text or "") if len(w) >= 2 and _HAN.search(w)]


def dictionary_words(brands: list[Brand]) -> list[str]:
    words: set[str] = set()
    for brand in brands:
        words.update(_words(brand.name))
        words.update(_words(brand.unit))
        for item in (*brand.systems, *brand.standards, *brand.culture):
            words.update(_words(item))
    return sorted(words)


def write_dictionary(brands: list[Brand], path: Path) -> Path:
    """The user dictionary, for the engine's search index and for the keywords below."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{w}\n" for w in dictionary_words(brands)), "utf-8")
    return path


def keywords(name: str, cutter: segment.Cutter) -> str:
    """A brand name's words at every grain (文档 连心 连心桥 文档连心桥), for prefix search, cut
    the way search cuts them: with the site's user dictionary."""
    seen: dict[str, None] = {}
    for part in _words(name):
        for word in cutter.search_words(part):
            if len(word) >= 2:
                seen.setdefault(word, None)
        seen.setdefault(part, None)
    return " ".join(seen)
