"""Sharing independent work out between processes, one per core.

Producing pages is Python code, which threads cannot run side by side. Forked helpers start with
everything this process has already loaded (the project, jieba's dictionary, compiled templates),
so only the results travel back. Forking is only safe while no other thread runs (one could hold a
lock that the copy would never see released): under `serve`, and on one core, the work runs here.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence, TypeVar

from generator.progress import Stage

T = TypeVar("T")
R = TypeVar("R")

# below this many items a helper costs more than it saves
MIN_SHARE = 100

_work: tuple[Callable, Sequence] | None = None  # what forked helpers inherit


def share_out(fn: Callable[[T], R], items: Sequence[T], stage: Stage | None = None) -> list[R]:
    """``[fn(item) for item in items]``, with the items split between this process and forked helpers.

    ``fn`` may be any function (it is inherited, not sent); its results must be picklable. ``stage`` is
    advanced as items are done: the helpers' pace is taken to be this process's until they report."""
    global _work
    stage = stage or Stage("")
    workers = min(os.cpu_count() or 1, len(items) // MIN_SHARE)
    if workers < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return _each(fn, items, stage, 1)
    bounds = [len(items) * i // workers for i in range(workers + 1)]
    _work = (fn, items)
    try:
        with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            helpers = [pool.submit(_share, start, stop) for start, stop in zip(bounds[1:-1], bounds[2:])]
            own = _each(fn, items[bounds[0]:bounds[1]], stage, workers)
            out = own + [result for helper in helpers for result in helper.result()]
            stage.advance(max(len(items) - stage.done, 0))
            return out
    finally:
        _work = None


def _each(fn: Callable, items: Sequence, stage: Stage, step: int) -> list:
    out = []
    for item in items:
        out.append(fn(item))
        room = stage.total - stage.done if stage.total else step
        stage.advance(min(step, max(room, 0)))
    return out


def _share(start: int, stop: int) -> list:
    fn, items = _work
    return [fn(item) for item in items[start:stop]]
