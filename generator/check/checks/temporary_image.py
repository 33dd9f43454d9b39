"""An image is not still the temporary one `brandsite new` drew (generator/emblem.py marks it in the PNG's
text chunks, which Pillow writes before the pixels, so the first few kilobytes tell). A real logo an editor
puts in its place carries no such mark."""

from generator import emblem
from generator.check.checks import _fields
from generator.check.checks.base import Hit

KIND = "temporary_image"
PARAMS = {"field": "logo"}


def check(brand, rule):
    info = getattr(brand, f"{rule.params['field']}_image", None)
    if info is None or info.format != "PNG":
        return
    try:
        with open(info.path, "rb") as f:
            head = f.read(emblem.MARK_WITHIN)
    except OSError:
        return
    if emblem.TEMPORARY.encode() in head:
        yield Hit(brand.source, _fields.where(brand, rule.params["field"]), {"file": info.path.name})
