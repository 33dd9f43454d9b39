"""At least one of several fields is filled in (a hotline or a complaint channel)."""

from generator.check.checks import _fields

from generator.check.checks.base import Hit

KIND = "any_present"
PARAMS = {"fields": ...}


def check(brand, rule):
    fields = rule.params["fields"]
    if not any(_fields.filled(brand, f) for f in fields):
        yield Hit(brand.source, _fields.where(brand, fields[0]))
