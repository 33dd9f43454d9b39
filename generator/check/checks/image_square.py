"""An image is roughly square: long side / short side at most ``max_ratio``."""

from generator.check.checks import _fields

from generator.check.checks.base import Hit

KIND = "image_square"
PARAMS = {"field": "logo", "max_ratio": 1.25}


def check(brand, rule):
    info = getattr(brand, f"{rule.params['field']}_image", None)
    if info is None or not info.width or not info.height:
        return
    ratio = max(info.width, info.height) / min(info.width, info.height)
    if ratio > rule.params["max_ratio"]:
        yield Hit(brand.source, _fields.where(brand, rule.params["field"]), {"actual": f"{ratio:.2f}"})
