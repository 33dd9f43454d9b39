"""When each brand was last updated: from Git history (one git call for all brands), else its files' times.

An input like the brands' files: the nothing-changed check reads it with them (incremental/unchanged.py), and
hands what it read to the build, which reads it again only when it was not asked (`Project.updated`).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path
from stat import S_ISREG

from generator.incremental.stamp import SKIPPED


def last_updated(root: Path, folders: list[Path], only: str = "brands",
                 newest: dict[str, int] | None = None) -> dict[Path, dt.date]:
    """The last commit date of each brand folder (its files' time when not committed).
    ``only`` limits the history read, e.g. to one brand's folder. ``newest`` (a folder's path: the time of its
    newest file, in nanoseconds) is what a walk the caller made already saw: those folders are not walked."""
    dates = _from_git(root, only)
    newest = newest or {}
    parents: dict[Path, Path] = {}
    out = {}
    for folder in folders:
        where = _where(folder, parents)
        seen = newest.get(os.fspath(folder))
        out[folder] = (dates and dates.get(where)) or (
            _from_files(folder) if seen is None else dt.date.fromtimestamp(seen / 1e9))
    return out


def _where(folder: Path, parents: dict[Path, Path]) -> Path:
    """The folder's real path: its parent's, resolved once for all brands (``parents``), and its own name unless
    it is a link (resolving ten thousand folders one by one takes a second)."""
    if folder.is_symlink():
        return folder.resolve()
    if folder.parent not in parents:
        parents[folder.parent] = folder.parent.resolve()
    return parents[folder.parent] / folder.name


def _from_git(root: Path, only: str) -> dict[Path, dt.date]:
    try:
        proc = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--relative", "--", only],
            cwd=root, capture_output=True, text=True, timeout=60, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if proc.returncode != 0:
        return {}
    dates: dict[Path, dt.date] = {}
    current = None
    for line in proc.stdout.splitlines():
        if line.startswith("@"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current:
            parts = Path(line).parts  # relative to root: brands/<slug>/...
            if len(parts) > 2 and parts[0] == "brands":
                dates.setdefault((root / parts[0] / parts[1]).resolve(), current)  # newest first
    return dates


def _from_files(folder: Path) -> dt.date:
    """The newest file's time (the folder's own when it has no files); hidden files (an editor's swap file) and
    the folders a build never reads left out, as the nothing-changed digest leaves them (incremental/unchanged.py)."""
    times = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED]
        for name in files:
            if name.startswith("."):
                continue
            try:
                stat = os.stat(os.path.join(here, name))
            except OSError:  # a dangling link: the loader has already reported it
                continue
            if S_ISREG(stat.st_mode):
                times.append(stat.st_mtime)
    return dt.date.fromtimestamp(max(times or [folder.stat().st_mtime]))
