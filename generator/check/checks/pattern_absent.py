"""Public text (every value in brand.yml and story.md) never matches a pattern.

Used for personal information (手机号、身份证号) and for template placeholders.
``fold: width`` matches the pattern against the text with full-width forms read as their ASCII
(NFKC of U+FF01–U+FF5E and the ideographic space U+3000): a Chinese input method types １３９ and
＋８６ as readily as 139 and +86. Each of those characters folds to exactly one, so a match's offsets
are the same in the text as written.
``validate: id_card`` keeps only matches with a valid GB 11643 check digit.
"""

import re
import unicodedata
from functools import lru_cache

from generator.load.yamlpos import locate, position_at

from generator.check.checks.base import Hit

KIND = "pattern_absent"
PARAMS = {"pattern": ..., "validate": None, "fold": None}

_WIDE = re.compile("[\uff01-\uff5e\u3000]")
_NARROW = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in (*range(0xFF01, 0xFF5F), 0x3000)}


@lru_cache(maxsize=8)  # the rules that fold read the same texts of a brand one after another
def fold_width(text: str) -> str:
    """``text`` with full-width forms as ASCII, character for character (same length, same offsets)."""
    return _WIDE.sub(lambda m: _NARROW[m.group(0)], text) if _WIDE.search(text) else text


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_card(number: str) -> bool:
    digits = re.sub(r"[^0-9Xx]", "", number)
    total = sum(int(d) * w for d, w in zip(digits[:17], _WEIGHTS))
    return "10X98765432"[total % 11] == digits[17].upper()


VALIDATORS = {"id_card": id_card}
FOLDS = {"width": fold_width}
CHOICES = {"validate": VALIDATORS, "fold": FOLDS}  # the values a criteria file may give these parameters


def check(brand, rule):
    pattern = re.compile(rule.params["pattern"])
    valid = VALIDATORS.get(rule.params["validate"] or "", lambda _: True)
    fold = FOLDS.get(rule.params["fold"] or "", lambda text: text)
    if pattern.search(fold(brand.doc.joined)):  # most brands match nothing: one search rules them out
        source = fold(brand.doc.text)
        for path, text in brand.doc.strings:
            for m in pattern.finditer(fold(text)):
                if valid(m.group(0)):
                    where = locate(source, m.group(0), brand.doc.at(*path))
                    yield Hit(brand.source, where, {"match": text[m.start():m.end()]})
    if brand.story:
        story = fold(brand.story)
        for m in pattern.finditer(story):
            if valid(m.group(0)):
                yield Hit(brand.story_source, position_at(brand.story, m.start()),
                          {"match": brand.story[m.start():m.end()]})
