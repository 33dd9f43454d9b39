"""How long work reports how far it has got: stages with a total, advanced as items are done.

The pipeline takes a ``Progress`` and calls ``stage(label, total)`` around each long step; it does not
know how (or whether) that is shown. Its displays are below: a live line on
a terminal (drawn with rich, imported only then), one plain line per stage in a log (CI, pipes, serve's
log), nothing with --quiet. ``NULL`` shows nothing and is the default everywhere. Progress goes to standard
error, so standard output keeps only results and the final line.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import Iterator, TextIO


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


# -- the displays ------------------------------------------------------------------------------------------

def mode_for(stream: TextIO, quiet: bool = False) -> str:
    """"quiet", "terminal" or "plain": the display a stream can show (a value a child process can take)."""
    if quiet:
        return "quiet"
    if stream.isatty() and os.environ.get("TERM", "") != "dumb":
        return "terminal"
    return "plain"


def on_stderr(quiet: bool = False) -> Progress:
    """The display standard error can show: what every command but `build` (which hands the mode to its
    child process) uses."""
    return display(mode_for(sys.stderr, quiet))


def display(mode: str, stream: TextIO | None = None) -> Progress:
    stream = stream or sys.stderr
    if mode == "terminal":
        return Terminal(stream)
    if mode == "plain":
        return Plain(stream)
    return NULL


def _seconds(s: float) -> str:
    return f"{s:.1f} 秒" if s < 60 else f"{int(s // 60)} 分 {int(s % 60)} 秒"


class Plain(Progress):
    """One line per finished stage: its label, what it did and how long it took; no control characters."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    @contextlib.contextmanager
    def stage(self, label: str, total: int = 0) -> Iterator[Stage]:
        started = time.perf_counter()
        stage = Stage(label, total)
        yield stage
        # a stage may do more than it counted at first (the blog renders post excerpts again): never 160/152
        done = int(min(stage.done, stage.total) if stage.total else stage.done)  # (a page counts half rendered, half written)
        count = f"{done}/{stage.total}，" if stage.total else (f"{done} 项，" if done else "")
        print(f"{label}：{count}用时 {_seconds(time.perf_counter() - started)}", file=self.stream, flush=True)


class _Live(Stage):
    def __init__(self, bar, task, label: str, total: int):
        super().__init__(label, total)
        self._bar, self._task = bar, task

    def advance(self, n: int = 1) -> None:
        super().advance(n)
        self._bar.update(self._task, completed=min(self.done, self.total) if self.total else self.done)

    def set_total(self, total: int) -> None:
        super().set_total(total)
        self._bar.update(self._task, total=total or None)


class Terminal(Progress):
    """One live line per stage (label, bar, done/total, time left, time taken), cleared when the stage ends."""

    def __init__(self, stream: TextIO):
        from rich.console import Console

        self.console = Console(file=stream, highlight=False)  # rich honours NO_COLOR by itself

    @contextlib.contextmanager
    def stage(self, label: str, total: int = 0) -> Iterator[Stage]:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, SpinnerColumn, TextColumn
        from rich.progress import TimeElapsedColumn, TimeRemainingColumn

        bar = Bar(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=30), MofNCompleteColumn(),
                  TextColumn("剩余约"), TimeRemainingColumn(compact=True), TextColumn("已用"),
                  TimeElapsedColumn(), console=self.console, transient=True)
        with bar:
            task = bar.add_task(label, total=total or None)
            yield _Live(bar, task, label, total)
