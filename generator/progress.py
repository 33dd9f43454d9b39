"""How long work reports how far it has got: stages with a total, advanced as items are done.

The pipeline takes a ``Progress`` and calls ``stage(label, total)`` around each long step; it does not
know how (or whether) that is shown. The displays are at the CLI's edge (commands/progress_display.py):
a live line on a terminal, one plain line per stage in a log, nothing with --quiet. ``NULL`` shows
nothing and is the default everywhere.
"""

from __future__ import annotations

import contextlib
from typing import Iterator


class Stage:
    """One stage's counter; displays subclass it to draw."""

    def __init__(self, label: str, total: int = 0):
        self.label = label
        self.total = total
        self.done = 0

    def advance(self, n: int = 1) -> None:
        self.done += n

    def set_total(self, total: int) -> None:
        self.total = total


class Progress:
    """Shows nothing; the displays override ``stage``."""

    @contextlib.contextmanager
    def stage(self, label: str, total: int = 0) -> Iterator[Stage]:
        yield Stage(label, total)


NULL = Progress()
