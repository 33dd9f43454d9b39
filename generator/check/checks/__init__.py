"""Check kinds: one module per kind, like yamllint's rules.

Each module has ``KIND`` (the name a criteria rule uses in ``check:``), ``PARAMS``
(the parameters it accepts, with defaults; ``...`` marks a required one) and
``check(brand, rule) -> Iterator[Hit]``. A Hit says where the problem is and the
values that fill the rule's message.
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
)


KINDS = {
    module.KIND: module
    for module in (any_match, any_present, covers, image_size, image_square, length, min_items, pattern_absent, present)
}
