"""Check kinds: one module per kind, like yamllint's rules.

Each module has ``KIND`` (the name a criteria rule uses in ``check:``), ``PARAMS``
(the parameters it accepts, with defaults; ``...`` marks a required one) and
``check(brand, rule) -> Iterator[Hit]``. A Hit says where the problem is and the
values that fill the rule's message. A kind that compares brands with each other also has
``across(brands, rule) -> Iterator[(brand, Hit)]``, run once the whole site is loaded.
"""

from __future__ import annotations

from generator.check.checks.base import Hit  # noqa: F401  (re-exported)
from generator.check.checks import (
    any_match,
    any_present,
    covers,
    image_size,
    image_square,
    length,
    min_items,
    pattern_absent,
    present,
    temporary_image,
    unique,
    words_absent,
)


KINDS = {
    module.KIND: module
    for module in (any_match, any_present, covers, image_size, image_square, length, min_items, pattern_absent, present,
                   temporary_image, unique, words_absent)
}
