"""A list field has at least ``min`` items."""

from generator.check.checks import _fields

from generator.check.checks.base import Hit

KIND = "min_items"
PARAMS = {"field": ..., "min": 1}


def check(brand, rule):
    items = _fields.value(brand, rule.params["field"]) or []
    if items and len(items) < rule.params["min"]:
        yield Hit(brand.source, _fields.where(brand, rule.params["field"]), {"actual": len(items)})
