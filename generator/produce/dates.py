"""When each brand was last updated: from git history (one git call for all brands), else file times."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISREG


# within `one_build`: the dates already read, so the build's child process (forked after the parent has read
# them for the nothing-changed check) uses the very dates that check recorded, without reading them again
_read: dict | None = None


@contextmanager
def one_build():
    global _read
    _read = {}
    try:
        yield
    finally:
        _read = None


def last_updated(root: Path, folders: list[Path], only: str = "brands") -> dict[Path, dt.date]:
    """The last commit date of each brand folder (its files' time when not committed).
    ``only`` limits the history read, e.g. to one brand's folder."""
    dates = _once(("git", os.fspath(root.resolve()), only), lambda: _from_git(root, only))
    out = {}
    for folder in folders:
        where = _once(("where", os.fspath(folder)), folder.resolve)  # (a second at 10,000 brands)
        out[folder] = (dates and dates.get(where)) or _once(("files", os.fspath(where)), lambda: _from_files(folder))
    return out


def _once(key: tuple, read):
    if _read is None:
        return read()
    if key not in _read:
        _read[key] = read()
    return _read[key]


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
    """The newest file's time (the folder's own when it has no files)."""
    times = []
    for here, _dirs, files in os.walk(folder):
        for name in files:
            try:
                stat = os.stat(os.path.join(here, name))
            except OSError:  # a dangling link: the loader has already reported it
                continue
            if S_ISREG(stat.st_mode):
                times.append(stat.st_mtime)
    return dt.date.fromtimestamp(max(times or [folder.stat().st_mtime]))


def chinese(date: dt.date | str | None) -> str:
    """2020年7月15日 / 2020年7月, as Chinese readers write dates."""
    if date is None:
        return ""
    if isinstance(date, str):
        parts = [int(p) for p in date.split("-")]
        return f"{parts[0]}年{parts[1]}月" + (f"{parts[2]}日" if len(parts) > 2 else "")
    return f"{date.year}年{date.month}月{date.day}日"
