"""When each brand was last updated: from git history (one git call for all brands), else file times."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from contextlib import contextmanager
from pathlib import Path
from stat import S_ISREG

from generator.incremental.stamp import SKIPPED


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


def last_updated(root: Path, folders: list[Path], only: str = "brands",
                 newest: dict[str, int] | None = None) -> dict[Path, dt.date]:
    """The last commit date of each brand folder (its files' time when not committed).
    ``only`` limits the history read, e.g. to one brand's folder. ``newest`` (a folder's path: the time of its
    newest file, in nanoseconds) is what a walk the caller made already saw: those folders are not walked."""
    dates = _once(("git", os.fspath(root.resolve()), only), lambda: _from_git(root, only))
    newest = newest or {}
    out = {}
    for folder in folders:
        where = _where(folder)
        seen = newest.get(os.fspath(folder))
        out[folder] = (dates and dates.get(where)) or _once(
            ("files", os.fspath(where)),
            lambda: _from_files(folder) if seen is None else dt.date.fromtimestamp(seen / 1e9))
    return out


def _where(folder: Path) -> Path:
    """The folder's real path: its parent's, resolved once for all brands, and its own name unless it is a
    link (resolving ten thousand folders one by one takes a second)."""
    if folder.is_symlink():
        return folder.resolve()
    return _once(("where", os.fspath(folder.parent)), folder.parent.resolve) / folder.name


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


def chinese(date: dt.date | str | None) -> str:
    """2020年7月15日 / 2020年7月, as Chinese readers write dates."""
    if date is None:
        return ""
    if isinstance(date, str):
        parts = [int(p) for p in date.split("-")]
        return f"{parts[0]}年{parts[1]}月" + (f"{parts[2]}日" if len(parts) > 2 else "")
    return f"{date.year}年{date.month}月{date.day}日"


_QUARTERS = "一二三四"
_ROUND_ID = re.compile(r"(?P<year>\d{4})[-_]?(?:(?:q|Q)(?P<quarter>[1-4])|(?:h|H)(?P<half>[12]))?")


def round_label(round_id: str, date: dt.date) -> str:
    """A round's short name where a chart's axis names it: 2026年一季度 for 2026-q1, 2026年上半年 for 2026-h1,
    2026年度 for 2026; a round named otherwise by its publication month (2026年10月)."""
    m = _ROUND_ID.fullmatch(round_id)
    if not m:
        return f"{date.year}年{date.month}月"
    if m["quarter"]:
        return f"{m['year']}年{_QUARTERS[int(m['quarter']) - 1]}季度"
    if m["half"]:
        return f"{m['year']}年{'上下'[int(m['half']) - 1]}半年"
    return f"{m['year']}年度"
