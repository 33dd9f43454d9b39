"""Public text (every value in brand.yml and story.md) never matches a pattern.

Used for personal information (手机号、身份证号) and for template placeholders.
``validate: id_card`` keeps only matches with a valid GB 11643 check digit.
"""

import re

from generator.load.yamlpos import position_at

from generator.check.checks.base import Hit

KIND = "pattern_absent"
PARAMS = {"pattern": ..., "validate": None}

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_card(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


VALIDATORS = {"id_card": id_card}


def check(brand, rule):
    pattern = re.compile(rule.params["pattern"])
    valid = VALIDATORS.get(rule.params["validate"] or "", lambda _: True)
    if pattern.search(brand.doc.joined):  # most brands match nothing: one search rules them out
        for path, text in brand.doc.strings:
            for m in pattern.finditer(text):
                if valid(m.group(0)):
                    yield Hit(brand.source, brand.doc.find(m.group(0), brand.doc.at(*path)), {"match": m.group(0)})
    if brand.story:
        for m in pattern.finditer(brand.story):
            if valid(m.group(0)):
                yield Hit(brand.story_source, position_at(brand.story, m.start()), {"match": m.group(0)})
