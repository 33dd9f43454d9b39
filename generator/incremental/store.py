"""The store: what a build keeps under .brandsite/cache/ so that the next one need not do the work again.

It holds three kinds of thing, each trusted only after one check (a SHA-256), and written only by `write`
(`atomic.write_file`: whole or not at all):

- **records**: a value (a pickle) in a file of its own, with the SHA-256 of the pickle in front of it (`dump`,
  `load`). A file whose checksum does not match (a full disk, a killed build, a careless hand) or whose
  classes this code no longer has is missing: the work is done again. `Records` keeps a folder of them
  under keys; the docs tree's ledger and the page cache's entries are single records.
- **blobs**: files named by the SHA-256 of their bytes (`Blobs`: the engine's rendered pages), checked against
  their name before they are trusted, and written once: the live site links to them, so nobody writes
  through one.
- **tables**: a small JSON object with the SHA-256 of its text in front (`read_table`, `write_table`): the
  digest memos, the web images' index, image facts, remembered readings and cuts (`read_keyed`: a table for one
  key only, such as one user dictionary or one version of a package), and the build's own records (last-build, previous-site).
  A table that does not match its checksum is empty: the work is done again.

The web images themselves (produce/images.py) are the one exception: each is checked by the sizes its record
holds, since reading every image back to digest it would cost more than encoding the few that change.

The rule for a key: the caller's digest of everything the work read (contents, never file times; see
`stamp`), to which the store adds brandsite's own code and installed packages (`stamp.code`), so that another
version's or another machine's records are never found. The folder lives under .brandsite/cache/, which only
the site's own build and CI job write: the same trust as the site's sources beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

from generator import atomic


class Records:
    """The records of one kind (``folder``) for brandsite's ``code``, with the keys used in this run kept from
    `drop_unused`."""

    def __init__(self, folder: Path, code: str):
        self.folder, self.code = folder, code
        self._base = os.fspath(folder)  # (joined as text: a Path per entry costs more than reading it at 10,000)
        self.used: set[str] = set()

    def name(self, key: str) -> str:
        """The record's name for ``key``: the key with brandsite's code."""
        return hashlib.sha256(f"{self.code}\n{key}".encode()).hexdigest()  # (the code digest: 64 hex digits)

    def get(self, key: str):
        """What was kept for ``key``; None when nothing whole was."""
        name = self.name(key)
        self.used.add(name)
        return load(os.path.join(self._base, name))

    def put(self, key: str, value) -> None:
        """Keep ``value`` for ``key``; a disk that refuses it only costs the work again next time."""
        name = self.name(key)
        self.used.add(name)
        dump(self.folder / name, value)

    def still_used(self, key: str) -> None:
        """Keep the record for ``key`` from `drop_unused` without reading it (its value is known otherwise)."""
        self.used.add(self.name(key))

    def drop_unused(self) -> None:
        """Drop the records this run did not use: the store holds one site's present, not its history."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name not in self.used:
                try:
                    os.unlink(self.folder / name)
                except OSError:
                    pass


def load(path: str | Path):
    """What `dump` wrote at ``path``; None when it is missing, damaged or of classes this code no longer has."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    if hashlib.sha256(data[32:]).digest() != data[:32]:
        return None
    try:
        return pickle.loads(data[32:])
    except Exception:  # noqa: BLE001 - any unpickling failure is a miss, done again
        return None


def dump(path: Path, value) -> None:
    """``value`` pickled at ``path`` with its SHA-256 in front; a disk that refuses it is let go."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        write(path, hashlib.sha256(data).digest() + data)
    except OSError:
        pass


def read_table(path: Path) -> dict:
    """What `write_table` left at ``path``; {} when it is missing or not what its checksum vouches for."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return {}
    check, _, text = data.partition(b"\n")
    if hashlib.sha256(text).hexdigest().encode() != check:
        return {}
    try:
        table = json.loads(text)
    except ValueError:
        return {}
    return table if isinstance(table, dict) else {}


def write_table(path: Path, table: dict) -> None:
    """``table`` (plain JSON) at ``path`` with its SHA-256 in front; a disk that refuses it is let go (the
    table only saves work)."""
    text = json.dumps(table, ensure_ascii=False).encode("utf-8")
    try:
        write(path, hashlib.sha256(text).hexdigest().encode() + b"\n" + text)
    except OSError:
        pass


def read_keyed(path: Path, key: str, name: str):
    """What `write_keyed` left at ``path`` as ``name`` for ``key``; None when it is missing, damaged or written
    for another key (another dictionary, another version)."""
    known = read_table(path)
    return known.get(name) if known.get("key") == key else None


def write_keyed(path: Path, key: str, name: str, value) -> None:
    """``value`` (plain JSON) at ``path`` as ``name``, for ``key`` only."""
    write_table(path, {"key": key, name: value})


def write(path: Path, data: bytes) -> None:
    """``data`` as ``path`` in the store: whole or not at all, not flushed to disk (every entry is checked when
    it is read), with the permissions of any new file (the site links to blobs and web images). Raises
    OSError when the disk refuses."""
    atomic.write_file(path, data, mode=0o666, durable=False)


class Blobs:
    """Files under ``folder`` named by the SHA-256 of their bytes (in a subfolder of its first two digits)."""

    def __init__(self, folder: Path):
        self.folder = folder

    def path(self, sha: str) -> Path:
        return self.folder / sha[:2] / sha

    def put(self, data: bytes) -> str:
        """Keep ``data`` (unless a file holding it is there already); its SHA-256."""
        sha = hashlib.sha256(data).hexdigest()
        path = self.path(sha)
        try:
            there = os.stat(path).st_size == len(data) and path.read_bytes() == data
        except OSError:
            there = False
        if not there:
            write(path, data)
        return sha

    def get(self, sha: str) -> bytes | None:
        """The bytes kept as ``sha``; None when they are missing or not those (a damaged file is removed)."""
        path = self.path(sha)
        try:
            data = path.read_bytes()
            if hashlib.sha256(data).hexdigest() == sha:
                return data
            path.unlink()
        except OSError:
            pass
        return None

    def drop_all_but(self, used: set[str]) -> None:
        if self.folder.is_dir():
            for sub in self.folder.iterdir():
                for blob in sub.iterdir():
                    if blob.name not in used:
                        blob.unlink(missing_ok=True)
