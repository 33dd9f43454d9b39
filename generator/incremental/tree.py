"""An output tree: a folder a build brings up to date in place rather than making it anew. Both the
generated docs tree and the site folder are one.

Making a file is the dearest thing a build asks of the disk (a new inode and directory entry,
then deleting it all again on the next build), and from one build to the next almost every file
is the same. So a file is written only when its bytes differ, linked only when the link is not already
there, copied only when the copy is not, and at the end whatever this build did not produce is removed:
nothing of a deleted brand or of a brand turned back into a draft survives in the tree.

Nothing is ever written through a file in a tree: its files are hard links shared with the caches and the
live site (a reused page's stored HTML, a web image, the folder before the live site), so whatever is
written replaces the file in its place (`clear`). The engine's own writers go through `clear` too
(engine/reuse.py).

A tree with a ``ledger`` goes further. A build that finished leaves in it what each remembered step
(`steps`) wrote, and every file it made. The next build takes a step with the same key as done
when its files, and the files they were linked or copied from, are still as that build left them
(by their stamps, see `stamp`: they only save reading, the key is of contents); it
reads none of them, and removes only what the last build made and this one did not, looking besides
into each folder whose entries changed since (the engine's blog plugin writes its index page into the
tree when a site has none; a clean build would not have it). The ledger is taken away as the build
starts, so one that is killed half way leaves none: the build after it compares every file and walks
the whole tree again.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from stat import S_ISREG
from typing import Any, Callable

from generator.incremental import store
from generator.incremental.stamp import Stamp, stamp

# a step in the ledger: what it returned, its files and the files they came from, each by its stamp
# (see `_unchanged` for those made after the ledger: the images a cold build encodes beside the engine)
Step = tuple[Any, dict[str, Stamp | list[str]], dict[str, Stamp | None]]


class Tree:
    """A folder and the files written into it during one build."""

    def __init__(self, root: Path, record: bool = False, linked_to: Path | None = None, ledger: Path | None = None):
        self.root = root
        self.written: set[str] = set()  # strings: pathlib hashing is slow at tens of thousands of files
        self._folders: set[str] = set()
        # with ``record``, what was written and linked, relative to the root, for `replay` in a later build
        self.made: list[tuple[str, str, str | bytes]] | None = [] if record else None
        self._base = os.fspath(root)
        # with ``linked_to``, what is linked from the caches (the site's images) goes to that folder instead,
        # at the same place: the engine need not list tens of thousands of files it only copies
        self._linked = os.fspath(linked_to) if linked_to is not None else None
        self._ledger = ledger
        self._before = _take(ledger, self._base, self._linked) if ledger is not None else None
        self._steps: dict[str, Step] = {}  # this build's, for the next one's ledger
        # files that will be made later in the build (images encoded while the engine renders): a link to one
        # is left for then, in ``deferred`` (link: source)
        self.pending: frozenset[str] = frozenset()
        self.deferred: dict[str, str] = {}

    def sub(self, name: str) -> Tree:
        """The folder ``name`` inside this one, written as part of the same build."""
        inner = Tree(self.root / name)
        inner.written, inner._folders, inner.made = self.written, self._folders, self.made
        inner._base, inner._linked = self._base, self._linked
        inner._before, inner._steps = self._before, self._steps
        inner.pending, inner.deferred = self.pending, self.deferred
        return inner

    def recording(self) -> Tree:
        """A tree of the same folder that records what is made in it (for `replay`), written on its own."""
        own = Tree(self.root, record=True)
        own._base, own._linked, own.pending = self._base, self._linked, self.pending
        return own

    def linked(self) -> list[str]:
        """The files linked into the ``linked_to`` folder in this build, relative to it."""
        if self._linked is None:
            return []
        inside = self._linked + os.sep
        return sorted(path[len(inside):] for path in self.written if path.startswith(inside))

    def replay(self, made: list[tuple[str, str, str | bytes]]) -> tuple[frozenset[str], list[str]]:
        """Write and link again what a recording tree made (into this tree, which may be another folder);
        the files, and the files they were linked or copied from. Raises OSError when a linked file is gone
        (from the image cache)."""
        paths, sources = [], []
        for kind, where, what in made:
            if kind == "write":
                paths.append(self._write(os.path.join(self._base, where), what))
                continue
            paths.append(self._link(what, os.path.join(self._base, where)) if kind == "link"
                         else self._copy(what, os.path.join(self._base, where)))
            sources.append(what)
        return frozenset(paths), sources

    def sources(self) -> list[str]:
        """What a recording tree linked and copied from."""
        return [what for kind, _, what in self.made or () if kind != "write"]

    def done_before(self, key: str) -> tuple[bool, Any]:
        """(True, what it returned) when the step ``key`` is in the ledger and its files, and the files they
        were linked or copied from, are as that build left them: its files count as written, untouched.
        Else (False, None)."""
        step = self._before["steps"].get(key) if self._before is not None else None
        if step is None or not (_unchanged(step[1], os.lstat) and _unchanged(step[2], os.stat)):
            return False, None
        self.written.update(step[1])
        if None in step[2].values():  # made while its images were encoded: noted now as they are
            self.note_step(key, step[0], frozenset(step[1]), list(step[2]))
        else:
            self._steps[key] = step
        return True, step[0]

    def note_step(self, key: str, value: Any, paths: frozenset[str], sources: list[str]) -> None:
        """The step ``key`` made ``paths`` from ``sources`` in this build: for the next one's ledger. A link left
        for later is noted as the link to its source that it must be by then, its source as one that must exist."""
        try:
            self._steps[key] = (
                value,
                {path: [self.deferred[path]] if path in self.deferred else stamp(os.lstat(path)) for path in paths},
                {source: None if source in self.pending else stamp(os.stat(source)) for source in sources})
        except OSError:  # (gone already: the next build does the step again)
            pass

    def write_ledger(self) -> None:
        """The tree is whole (pruned, every step done): what the next build may take as done."""
        if self._ledger is not None:
            folders = {}
            for folder in _holding(self.written, self._roots()):
                try:
                    folders[folder] = os.lstat(folder).st_mtime_ns
                except OSError:
                    pass
            store.dump(self._ledger, {"root": self._base, "linked": self._linked, "steps": self._steps,
                                     "files": frozenset(self.written), "folders": folders})

    def _roots(self) -> list[str]:
        return [root for root in (self._base, self._linked) if root is not None]

    def _made(self, kind: str, path: str, what: str | bytes) -> None:
        if self.made is not None:
            self.made.append((kind, os.path.relpath(path, self._base), what))

    def write(self, path: Path, data: str | bytes) -> None:
        """``path`` holds ``data`` (text as UTF-8); untouched when it already did."""
        data = data.encode("utf-8") if isinstance(data, str) else data
        self._made("write", os.fspath(path), data)
        self._write(os.fspath(path), data)

    def _write(self, path: str, data: bytes) -> str:
        self.written.add(path)
        try:
            stat = os.lstat(path)
            if S_ISREG(stat.st_mode) and stat.st_size == len(data):
                with open(path, "rb") as fh:
                    if fh.read() == data:
                        return path  # (the built site links to it: a file that is already right is left as it is)
        except FileNotFoundError:
            pass
        self.clear(path)
        with open(path, "wb") as fh:
            fh.write(data)
        return path

    def link(self, source: Path | str, path: Path | str, or_copy: bool = True) -> None:
        """``path`` is ``source``: a hard link, untouched when it already is one; where the file system allows
        none, a copy (or without ``or_copy`` the OSError)."""
        self._made("link", os.fspath(path), os.fspath(source))
        self._link(os.fspath(source), os.fspath(path), or_copy)

    def _link(self, source: str, path: str, or_copy: bool = True) -> str:
        if self._linked is not None and path.startswith(self._base + os.sep):
            path = self._linked + path[len(self._base):]
        self.written.add(path)
        if source in self.pending:
            self.deferred[path] = source
            return path
        try:
            if os.path.samestat(os.stat(source), os.lstat(path)):
                return path
        except FileNotFoundError:
            pass
        self.clear(path)
        try:
            os.link(source, path)
        except OSError:
            if not or_copy:
                raise
            shutil.copy2(source, path)
        return path

    def copy(self, source: Path | str, path: Path | str) -> None:
        """A copy of ``source`` (hand-written files and the theme's, which the build must not change through a
        link), untouched when it is one that nothing has changed since (the size and time copy2 keeps)."""
        self._made("copy", os.fspath(path), os.fspath(source))
        self._copy(os.fspath(source), os.fspath(path))

    def _copy(self, source: str, path: str) -> str:
        self.written.add(path)
        try:
            if _same_copy(os.stat(source), os.lstat(path)):
                return path
        except FileNotFoundError:
            pass
        self.clear(path)
        shutil.copy2(source, path)
        return path

    def link_listed(self, folder: Path) -> None:
        """Every file ``folder``.json lists (relative to ``folder``, see `linked`) into the same place here."""
        base = os.fspath(folder)
        for rel in json.loads(folder.with_suffix(".json").read_bytes()):
            self._link(os.path.join(base, rel), os.path.join(self._base, rel))

    def clear(self, path: str) -> None:
        """Make way for a new file at ``path``: whatever is there is removed, never written through (it may be a
        hard link shared with the caches and the live site); its folder is made where it is missing."""
        try:
            _remove(Path(path))
        except FileNotFoundError:
            self._folder(os.path.dirname(path))

    def copy_folder(self, source: Path, path: Path, skip: frozenset[Path] = frozenset()) -> None:
        """Every file under ``source`` but hidden ones (.git, .DS_Store, editors' swap files) and ``skip``."""
        for folder, dirs, files in os.walk(source):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            rel = Path(folder).relative_to(source)
            for name in sorted(files):
                if not name.startswith(".") and Path(folder) / name not in skip:
                    self.copy(Path(folder) / name, path / rel / name)

    def prune(self, others: Callable[[str], bool] | None = None) -> None:
        """Remove every file and folder under the root (and the ``linked_to`` folder) that this build did not
        write: by the ledger, what the last build made and this one did not; without one, by walking, and then
        ``others`` says which of the files the tree did not write were made by someone else in this build
        (the engine's) and stay."""
        if self._before is not None:
            self._prune_gone(self._before["files"] - self.written)
            keep = _holding(self.written, self._roots())
            for folder in self._before["changed_folders"]:  # what others added there since (the engine's blog plugin)
                self._prune_folder(folder, keep)
            return
        self._prune(os.fspath(self.root), others)
        if self._linked is not None:
            self._prune(self._linked, others)

    def _prune_gone(self, gone: set[str]) -> None:
        folders = set()
        for path in gone:
            try:
                _remove(Path(path))
            except FileNotFoundError:
                pass
            folders.add(os.path.dirname(path))
        inside = tuple(root + os.sep for root in self._roots())
        for folder in sorted(folders, key=len, reverse=True):  # the deepest first: a parent may empty in turn
            while folder.startswith(inside):
                try:
                    os.rmdir(folder)
                except OSError:  # not empty, or gone already
                    break
                self._folders.discard(folder)
                folder = os.path.dirname(folder)

    def _prune_folder(self, folder: str, keep: set[str]) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:  # gone
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.path not in keep:
                    shutil.rmtree(entry.path)
            elif entry.path not in self.written:
                os.unlink(entry.path)

    def _prune(self, root: str, others: Callable[[str], bool] | None) -> None:
        written, emptied = self.written, set()
        for folder, dirs, files in os.walk(root, topdown=False):  # (the deepest first: a parent may empty in turn)
            left = len(files)
            for name in files:
                path = os.path.join(folder, name)
                if path not in written and not (others is not None and others(path)):
                    os.unlink(path)
                    left -= 1
            for name in dirs:
                path = os.path.join(folder, name)
                if path in emptied:
                    os.rmdir(path)
                    self._folders.discard(path)
                elif os.path.islink(path) and path not in written:  # (a link to a folder is listed as a folder)
                    os.unlink(path)
                else:
                    left += 1
            if not left:  # a folder left without files goes, as a freshly made tree has none
                emptied.add(folder)

    def _folder(self, folder: str) -> None:
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)


def _holding(paths: set[str], roots: list[str]) -> set[str]:
    """Every folder holding one of ``paths``, up to and with the ``roots``."""
    keep = set(roots)
    for path in paths:
        folder = os.path.dirname(path)
        while folder not in keep and len(folder) > 1:
            keep.add(folder)
            folder = os.path.dirname(folder)
    return keep


def _take(ledger: Path, base: str, linked: str | None) -> dict | None:
    """The ledger the last build left for this tree, taken away; None without a whole one for it. Its folders
    whose entries changed since (a file added by the engine, or by hand) are ``changed_folders``: the prune looks in."""
    before = store.load(ledger)
    try:
        os.unlink(ledger)
    except OSError:
        pass
    if not isinstance(before, dict) or before.get("root") != base or before.get("linked") != linked:
        return None
    changed_folders = []
    for folder, seen in before.get("folders", {}).items():
        try:
            if os.lstat(folder).st_mtime_ns != seen:
                changed_folders.append(folder)
        except OSError:
            pass
    before["changed_folders"] = changed_folders
    return before


def _unchanged(files: dict[str, Stamp | list[str] | None], stat) -> bool:
    """Each file as it was seen, or (a link made after the ledger) the same file as its source, or (a source
    made after it) there at all."""
    try:
        for path, seen in files.items():
            st = stat(path)
            if isinstance(seen, list):
                if not os.path.samestat(st, os.stat(seen[0])):
                    return False
            elif seen is not None and stamp(st) != seen:
                return False
        return True
    except OSError:
        return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _same_copy(a: os.stat_result, b: os.stat_result) -> bool:
    """The same file, or a copy of it that nothing has touched since (the size and time copy2 keeps)."""
    return os.path.samestat(a, b) or (a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns)
