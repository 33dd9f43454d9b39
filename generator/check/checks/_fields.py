"""Reading a brand's fields by dotted name (``contact.hotline``) for the checks."""

from __future__ import annotations

from generator.model import Brand


def value(brand: Brand, dotted: str):
    head, _, tail = dotted.partition(".")
    current = getattr(brand, head, None)
    if tail:
        current = getattr(current, tail, None)
    return current


def where(brand: Brand, dotted: str):
    """Where to point for ``dotted``: the value if written, else its parent key, else line 1."""
    return brand.doc.at(*dotted.split("."))


def filled(brand: Brand, dotted: str) -> bool:
    v = value(brand, dotted)
    if hasattr(v, "is_empty"):
        return not v.is_empty()
    return bool(v)
