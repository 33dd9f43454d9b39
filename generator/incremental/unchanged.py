"""`brandsite build` when nothing has changed: the last build's site is already the answer.

A build is a function of its inputs: every file under the site's folder (hidden ones, the output and
``node_modules`` left out), the brands' last-updated dates (from Git, else file times), brandsite's own
files, the installed packages, and the options. When their digest is the one the last successful build
recorded, and the site is still exactly the files that build left (path, size, time and inode of each),
building again would write the same bytes, so it is not done. Checked before anything heavy is imported.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Callable, NamedTuple


from generator.incremental import paths, stamp, store

# how the brands' last updates are read (load/updated.py `last_updated`): (root, brand folders, each folder's
# newest file time as the digest's walk saw it) -> each folder's date
DateReader = Callable[[Path, list[Path], dict[str, int]], dict[Path, dt.date]]


class Inputs(NamedTuple):
    digest: str  # of everything the build reads, and how it was asked to read it
    updated: dict[Path, dt.date]  # the brands' last updates, which the build then need not read again


def inputs(root: Path, site: Path, strict: bool, read_dates: DateReader) -> Inputs:
    """What the build is about to read: its digest, and the brands' last updates read on the way."""
    root = root.resolve()
    files = stamp.Digests(paths.input_stamps(paths.cache(root)))
    site = site.resolve()
    leave_out = {os.fspath(site), os.fspath(site.parent / f".{site.name}.old")}
    tree = files.tree(root, leave_out)
    code = stamp.code(files)
    files.save()
    brands = root / "brands"
    folders = sorted(p for p in brands.iterdir() if p.is_dir()) if brands.is_dir() else []
    updated = read_dates(root, folders, _newest(files.seen, brands)) if folders else {}
    digest = stamp.digest(tree, code, f"strict={strict}", os.fspath(site),
                          json.dumps({os.fspath(k): v.isoformat() for k, v in sorted(updated.items())}))
    return Inputs(digest, updated)


def _newest(seen: dict[str, list], brands: Path) -> dict[str, int]:
    """Each brand folder's newest file time, from the stats the digest's walk took (see `Digests.sha`)."""
    prefix = os.fspath(brands) + os.sep
    newest: dict[str, int] = {}
    for path, (_ino, _size, mtime, *_rest) in seen.items():
        if path.startswith(prefix) and os.sep in path[len(prefix):]:
            folder = prefix + path[len(prefix):].split(os.sep, 1)[0]
            if mtime > newest.get(folder, 0):
                newest[folder] = mtime
    return newest


def site_state(site: Path) -> str:
    """Each file of the built site by path and stamp: a file changed, added or removed since (by hand, by
    another tool) means the site is built again."""
    parts: list[str] = []
    _state(os.fspath(site), "", parts)
    return stamp.digest("\n".join(parts))


def _state(folder: str, prefix: str, parts: list[str]) -> None:
    with os.scandir(folder) as listing:  # (scandir, not walk: it knows which entries are folders unasked)
        entries = sorted(listing, key=lambda e: e.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            _state(entry.path, f"{prefix}{entry.name}/", parts)
        else:
            parts.append(f"{prefix}{entry.name}\t{stamp.stamp(entry.stat(follow_symlinks=False))}")


def last_facts(root: Path, site: Path, digest: str) -> dict | None:
    """The last build's closing facts when it read exactly ``digest`` and its site is untouched, else None."""
    try:
        record = store.read_table(paths.last_build(root))
        if record["inputs"] != digest or not site.is_dir() or record["site"] != site_state(site):
            return None
        return record["facts"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember(root: Path, site: Path, digest: str, facts: dict) -> None:
    """After a successful build (its site in place): what it read and what it left."""
    # a disk that refuses it: without the record the next build simply builds
    store.write_table(paths.last_build(root), {"inputs": digest, "site": site_state(site), "facts": facts})


def all_reused(facts: dict) -> dict:
    """The last build's facts as this one reports them: every page and image taken as it was."""
    return {**facts, "reused": facts["pages"], "images_encoded": 0,
            "images_reused": facts["images_encoded"] + facts["images_reused"]}


def forget(root: Path) -> None:
    paths.last_build(root).unlink(missing_ok=True)
