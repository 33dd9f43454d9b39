"""Producing steps remembered between builds (see `store`): what a step wrote into the docs tree, and what it
returned, replayed by the next build whose inputs for that step have the same digest. A step the tree's
ledger shows as done by the last build, from the same sources, is not even replayed (see `tree`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TypeVar

from generator.incremental import paths, store
from generator.incremental.tree import Tree

T = TypeVar("T")


@dataclass(frozen=True)
class Made:
    """A step run anew (perhaps in a forked helper): what it returned, its files and their sources."""

    value: Any
    paths: frozenset[str]
    sources: list[str]
    deferred: dict[str, str]  # its links to files not made yet, and their sources (see `Tree.pending`)


class Steps:
    """The producing steps of one kind (brand pages, a round's pages…) writing into ``docs``, each remembered in
    the store (``code``: brandsite's code digest, `Project.code`, which the store adds to every key, so other
    templates make other pages)."""

    def __init__(self, cache: Path, kind: str, docs: Tree, code: str):
        self.records, self.docs = store.Records(paths.memo(cache, kind), code), docs

    def __call__(self, key: str, step: Callable[[Tree], T]) -> T:
        hit, value = self.replayed(key)
        return value if hit else self.include(key, self.make(key, step))

    def replayed(self, key: str) -> tuple[bool, T | None]:
        """(True, what the step returned) once its files are in the tree again, or (False, None) when it must run."""
        name = self.records.name(key)
        hit, value = self.docs.done_before(name)
        if hit:
            self.records.still_used(key)
            return True, value
        known = self.records.get(key)
        if known is None:
            return False, None
        try:
            made, sources = self.docs.replay(known[1])
        except OSError:  # a file it linked from the image cache is gone
            return False, None
        self.docs.note_step(name, known[0], made, sources)
        return True, known[0]

    def make(self, key: str, step: Callable[[Tree], T]) -> Made:
        """Run ``step`` into a tree of its own that records it (in this process or a forked helper)."""
        own = self.docs.recording()
        value = step(own)
        self.records.put(key, (value, own.made))
        return Made(value, frozenset(own.written), own.sources(), own.deferred)

    def include(self, key: str, made: Made) -> T:
        """A step `make` ran: its files are this build's; what it returned."""
        self.docs.written |= made.paths
        self.docs.deferred.update(made.deferred)
        self.docs.note_step(self.records.name(key), made.value, made.paths, made.sources)
        return made.value

    def done(self) -> None:
        self.records.drop_unused()
