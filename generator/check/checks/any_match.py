"""At least one item of a list field matches a pattern (e.g. a quantified commitment)."""

import re

from generator.check.checks import _fields

from generator.check.checks.base import Hit

KIND = "any_match"
PARAMS = {"field": ..., "pattern": ...}


def check(brand, rule):
    items = _fields.value(brand, rule.params["field"]) or []
    pattern = re.compile(rule.params["pattern"])
    if items and not any(pattern.search(item) for item in items):
        yield Hit(brand.source, _fields.where(brand, rule.params["field"]))
