"""Replacing an output folder all at once: a failed run leaves the previous one exactly as it was.
Cache files are written whole too, or not at all."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import shutil
import threading
from pathlib import Path
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


class ExchangeUnsupported(OSError):
    pass


def exchange(a: Path, b: Path) -> None:
    """Swap two directories in one step: renameat2 with RENAME_EXCHANGE (Linux 3.15, glibc 2.28), so
    there is no moment when either path is missing."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise ExchangeUnsupported(errno.ENOSYS, "renameat2 unavailable", str(b))
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        code = ctypes.get_errno()
        cls = ExchangeUnsupported if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP) else OSError
        raise cls(code, os.strerror(code), str(b))


def swap(new: Path, target: Path, leave_previous: bool = False) -> bool:
    """Put the finished folder ``new`` in place of ``target``: exchanged in one step where the system can,
    else with two renames (a moment without ``target``). ``new`` then holds the previous version: removed,
    or with ``leave_previous`` left there, for the next build to bring up to date. True when it was left."""
    if target.exists():
        try:
            exchange(new, target)
        except ExchangeUnsupported:
            pass
        else:
            if not leave_previous:
                shutil.rmtree(new)
            return leave_previous
    old = target.parent / f".{target.name}.old"
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
    return False


def empty(folder: Path) -> None:
    """Remove every file under ``folder`` and keep its folders (making thousands of folders again is the
    dearest part of writing a site whose pages are links)."""
    for here, _dirs, files in os.walk(folder):
        for name in files:
            os.unlink(os.path.join(here, name))


@contextlib.contextmanager
def exclusive(lock_file: Path, busy: Callable[[], None]) -> Iterator[None]:
    """Hold ``lock_file`` (flock) for the block. When another process holds it, ``busy`` is called first:
    it raises to refuse, or returns (after saying so) to wait for the lock."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            busy()
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


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


def read_json(path: Path) -> dict:
    """A JSON object kept between runs, or {} when it is missing or damaged: a lost cache only costs time."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_file(path: Path, data: bytes, mode: int = 0o644, durable: bool = True, make_folder: bool = True) -> None:
    """``data`` as ``path``, whole or not at all: written to a temporary file of this thread's own, flushed
    to disk (unless not ``durable``: a cache entry that checks itself), then renamed over ``path``; its folder
    is made where it is missing (unless not ``make_folder``: a path the user gave). Raises OSError when the
    disk refuses."""
    if make_folder:
        path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
