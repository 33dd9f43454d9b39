"""A field the criteria ask for is filled in."""

from generator.check.checks import _fields

from generator.check.checks.base import Hit

KIND = "present"
PARAMS = {"field": ...}


def check(brand, rule):
    if not _fields.filled(brand, rule.params["field"]):
        yield Hit(brand.source, _fields.where(brand, rule.params["field"]))
