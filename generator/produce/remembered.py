"""Producing steps remembered between builds (see `memo`): what a step wrote into the docs tree, and what it
returned, replayed by the next build whose inputs for that step have the same digest."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

from generator import memo
from generator.fingerprint import digest
from generator.produce.tree import Tree

T = TypeVar("T")


class Remembered:
    """The steps of one kind (brand pages, a round's pages…) writing into ``docs``; ``code`` (the digest of
    brandsite's code, `Project.code`) is part of every key, so other templates make other pages."""

    def __init__(self, cache: Path, kind: str, docs: Tree, code: str):
        self.memo, self.docs, self.code = memo.Memo(cache / "memo" / kind), docs, code

    def __call__(self, key: str, step: Callable[[Tree], T]) -> T:
        hit, value = self.replayed(key)
        if not hit:
            value, written = self.make(key, step)
            self.docs.written |= written
        return value

    def replayed(self, key: str) -> tuple[bool, T | None]:
        """(True, what the step returned) after writing its files again, or (False, None) when it must run."""
        known = self.memo.get(digest(self.code, key))
        if known is None:
            return False, None
        try:
            self.docs.replay(known[1])
        except OSError:  # a file it linked from the image cache is gone
            return False, None
        return True, known[0]

    def make(self, key: str, step: Callable[[Tree], T]) -> tuple[T, set[str]]:
        """Run ``step`` into a tree of its own that records it (in this process or a forked helper); what it
        returned and the files it wrote."""
        own = self.docs.recording()
        value = step(own)
        self.memo.put(digest(self.code, key), (value, own.made))
        return value, own.written

    def done(self) -> None:
        self.memo.forget_others()
