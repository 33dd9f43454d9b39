"""A list or map covers at least ``min`` of a set of terms.

A term may be a list of synonyms (首问负责制 / 首问责任制). An item covers a term when
either contains the other, so 岗位责任制 and 岗位责任 both count.
"""

from generator.check.checks import _fields

from generator.check.checks.base import Hit

KIND = "covers"
PARAMS = {"field": ..., "min": 1, "terms": ...}


def _names(value) -> list[str]:
    if isinstance(value, dict):
        return list(value)
    return list(value or [])


def covered(items: list[str], terms) -> tuple[list[str], list[str]]:
    hit, missing = [], []
    for term in terms:
        synonyms = [term] if isinstance(term, str) else list(term)
        if any(s in item or item in s for s in synonyms for item in items if item):
            hit.append(synonyms[0])
        else:
            missing.append(synonyms[0])
    return hit, missing


def check(brand, rule):
    items = _names(_fields.value(brand, rule.params["field"]))
    if not items:
        return
    hit, missing = covered(items, rule.params["terms"])
    if len(hit) < rule.params["min"]:
        yield Hit(brand.source, _fields.where(brand, rule.params["field"]),
                  {"actual": len(hit), "missing": "、".join(missing)})
