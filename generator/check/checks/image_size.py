"""A raster image's short side is at least ``min`` pixels (vector images always pass).

``above`` lets a softer rule skip what a stricter rule already reports.
"""

from generator.check.checks import _fields

from generator.check.checks.base import Hit

KIND = "image_size"
PARAMS = {"field": "logo", "min": ..., "above": 0}


def check(brand, rule):
    info = getattr(brand, f"{rule.params['field']}_image", None)
    if info is None or info.is_svg or not info.width:
        return
    short = min(info.width, info.height)
    if rule.params["above"] <= short < rule.params["min"]:
        yield Hit(brand.source, _fields.where(brand, rule.params["field"]), {"actual": short})
