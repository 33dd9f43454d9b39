"""What a check yields."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.findings import Position


@dataclass(frozen=True)
class Hit:
    path: str  # file, relative to the site root
    position: Position
    values: dict = field(default_factory=dict)  # fills the rule's message
