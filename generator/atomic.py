"""Replacing an output folder all at once: a failed run leaves the previous one exactly as it was."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def swap(new: Path, target: Path) -> None:
    """Put the finished folder ``new`` in place of ``target`` (two renames)."""
    old = target.parent / f".{target.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def replace_folder(target: Path, fill: Callable[[Path], T]) -> T:
    """Call ``fill`` on an empty sibling folder, then swap it in; on any error, remove it and re-raise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.parent / f".{target.name}.writing"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir()
    try:
        result = fill(work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    swap(work, target)
    return result
