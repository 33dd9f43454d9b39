"""Content digests of what a build reads: files, folders, the installed packages.

Shared by the engine's page cache and the build command's "nothing changed" check. Decisions are taken
on content, never on file times (CI checkouts reset every time); a file's stat only says when its
digest from the last run may be reused without reading it again, the way Git's index does: any change of
size, time, inode or ctime means it is read and hashed anew.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import sys
from pathlib import Path


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def packages() -> str:
    """Python and every installed distribution with its version: an upgrade of any changes the digest."""
    names = sorted({f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()})
    return "\n".join([sys.version, *names])


def folder_digest(folder: Path, suffix: str = "") -> str:
    """Every file under ``folder`` (ending in ``suffix``), by path and content; compiled Python left out."""
    parts = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(suffix):
                path = Path(here) / name
                parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


SKIPPED = {"node_modules", "__pycache__"}


class Files:
    """The files under a folder, by relative path and SHA-256, with the stat cache kept in ``memo``."""

    def __init__(self, memo: Path):
        self.memo = memo
        try:
            self.known: dict[str, list] = json.loads(memo.read_bytes())
        except (OSError, ValueError):
            self.known = {}
        self.seen: dict[str, list] = {}

    def tree(self, root: Path, leave_out: set[str] = frozenset()) -> str:
        """Every file under ``root`` but hidden ones, ``SKIPPED`` folders and the absolute paths ``leave_out``."""
        parts = []
        for here, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED
                             and os.path.join(here, d) not in leave_out)
            for name in sorted(files):
                if not name.startswith("."):
                    path = os.path.join(here, name)
                    parts += [os.path.relpath(path, root), self.sha(path)]
        return digest(*parts)

    def sha(self, path: str) -> str:
        try:
            st = os.stat(path)
        except OSError:
            return "-"  # a dangling link: the loader reports it
        stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        known = self.known.get(path)
        if known is not None and known[:4] == stamp:
            sha = known[4]
        else:
            h = hashlib.sha256()
            with open(path, "rb") as f:
                while chunk := f.read(1 << 20):
                    h.update(chunk)
            sha = h.hexdigest()
        self.seen[path] = [*stamp, sha]
        return sha

    def save(self) -> None:
        """Keep the stat memo for next time; it only saves reading, so a disk that refuses it is no error."""
        if self.seen == self.known:
            return
        temp = self.memo.with_name(f".{self.memo.name}.{os.getpid()}")
        try:
            self.memo.parent.mkdir(parents=True, exist_ok=True)
            temp.write_text(json.dumps(self.seen), "utf-8")
            os.replace(temp, self.memo)
        except OSError:
            temp.unlink(missing_ok=True)
