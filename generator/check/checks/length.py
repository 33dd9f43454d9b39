"""A text field's length in characters stays within bounds.

Spaces and punctuation do not count (打造责任、诚信、阳光政府 has 10 characters a reader
must remember, not 12). Only counts when the field is filled: a missing field is the
contract's or ``present``'s business.
"""

import unicodedata

from generator.check.checks import _fields

from generator.check.checks.base import Hit

KIND = "length"
PARAMS = {"field": ..., "min": 0, "max": None}


def check(brand, rule):
    text = _fields.value(brand, rule.params["field"])
    if not text:
        return
    actual = sum(1 for ch in text if not unicodedata.category(ch).startswith(("P", "Z", "S")))
    low, high = rule.params["min"], rule.params["max"]
    if actual < low or (high is not None and actual > high):
        yield Hit(brand.source, _fields.where(brand, rule.params["field"]), {"actual": actual})
