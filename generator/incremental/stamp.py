"""The file stamp, the one answer to "is this file unchanged", and the digests of what a build reads.

Decisions are taken on content, never on file times (CI checkouts reset every time). A file's stamp (its
inode, size and modification time: `stamp`) only says that it may still be what was seen, so that what was
learnt from it then (its digest, an image's facts, a page's source, a step's files in the ledger) may be
used without reading it again, the way Git's index does: any change of inode, size or time means it is read
anew. The trees a build writes replace their files (a new inode) and never write through them, so a file
they made is unchanged exactly while its stamp is. The change time is left out: linking a file (the site
links the caches' files) moves it without a change of content.

`Digests` is the digest memo: each file's SHA-256 by its stamp, kept between runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from generator.incremental import store


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def of_data(*values) -> str:
    """The digest of plain data (what JSON holds; anything else by its text, as dates and decimals are)."""
    return digest(json.dumps(values, sort_keys=True, ensure_ascii=False, default=str))


# the checkout brandsite runs from: its own metadata there (an editable install's egg-info) is on the path only
# when Python starts in it (`python -m generator`), and its code is digested as files anyway
_SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def packages() -> str:
    """Python and every installed distribution with its version (the names of the folders that record
    them, which is a listing, not the thousand file reads of parsing their metadata): an upgrade of any
    changes the digest. The same installation gives the same digest from whichever folder it is started."""
    names = sorted({name for where in sys.path if os.path.isdir(where) and os.path.abspath(where) != _SOURCE
                    for name in os.listdir(where) if name.endswith((".dist-info", ".egg-info"))})
    return "\n".join([sys.version, *names])


PACKAGE = Path(__file__).resolve().parent.parent


def code(files: Digests) -> str:
    """brandsite's own files and every installed package: what makes the same inputs give other results."""
    return digest(files.tree(PACKAGE), packages())


def folder_digest(folder: Path) -> str:
    """Every file under ``folder``, by path and content; compiled Python left out."""
    parts = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = Path(here) / name
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


Stamp = tuple[int, int, int]


def stamp(st: os.stat_result) -> Stamp:
    """A file's inode, size and modification time: whether it may still be what was seen (never what it holds)."""
    return st.st_ino, st.st_size, st.st_mtime_ns


def stamp_of(path: str | Path) -> Stamp | None:
    """The stamp of the file at ``path`` (a link followed), or None when there is none."""
    try:
        return stamp(os.stat(path))
    except FileNotFoundError:
        return None


SKIPPED = {"node_modules", "__pycache__"}


class Digests:
    """The files under a folder, by relative path and SHA-256, with the stat cache kept in ``memo``."""

    def __init__(self, memo: Path):
        self.memo = memo
        self.known: dict[str, list] = store.read_table(memo)
        self.seen: dict[str, list] = {}

    def tree(self, root: Path, leave_out: set[str] = frozenset()) -> str:
        """Every file under ``root`` but hidden ones, ``SKIPPED`` folders and the absolute paths ``leave_out``,
        by path and content; a link also by where it leads (whether it leaves a brand's folder matters)."""
        parts: list[str] = []
        self._walk(os.fspath(root), "", leave_out, parts)
        return digest(*parts)

    def _walk(self, folder: str, prefix: str, leave_out, parts: list[str]) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            name = prefix + entry.name
            link = entry.is_symlink()
            if link:
                parts.append(f"{name} -> {os.readlink(entry.path)}")
            if entry.is_dir(follow_symlinks=False):
                if entry.name not in SKIPPED and entry.path not in leave_out:
                    self._walk(entry.path, name + "/", leave_out, parts)
            elif not link or not os.path.isdir(entry.path):  # a linked folder is not followed, as os.walk does not
                parts += [name, self.sha(entry.path)]

    def sha(self, path: str) -> str:
        try:
            st = os.stat(path)
        except OSError:
            return "-"  # a dangling link: the loader reports it
        now = list(stamp(st))
        known = self.known.get(path)
        if known is not None and known[:3] == now:
            sha = known[3]
        else:
            h = hashlib.sha256()
            with open(path, "rb") as f:
                while chunk := f.read(1 << 20):
                    h.update(chunk)
            sha = h.hexdigest()
        self.seen[path] = [*now, sha]
        return sha

    def save(self, partial: bool = False) -> None:
        """Keep the stat memo for next time; it only saves reading, so a disk that refuses it is no error.
        After a ``partial`` look (some brands only, as a commit hook checks), the other files' entries stay."""
        seen = {**self.known, **self.seen} if partial else self.seen
        if seen == self.known:
            return
        store.write_table(self.memo, seen)
