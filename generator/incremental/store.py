"""Results remembered between builds by the digest of their inputs: one brand loaded and checked, one
brand's page produced. A rebuild after one edit then does the work of that edit, not of every brand.

Each result is a pickle in its own file, named by its key, with the SHA-256 of the pickle in front of
it. The key is a digest of everything the work read (contents, never file times) and of brandsite's
own code and installed packages, so another version's or another machine's entries are simply never
asked for. A file whose checksum does not match (a full disk, a killed build, a careless hand) is a
miss and is done again. The folder lives under .brandsite/cache/, which only the site's own build and
CI job write: the same trust as the site's sources beside it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from generator import atomic
from generator.incremental import stamp

PACKAGE = Path(__file__).resolve().parent


def code(files: stamp.Files) -> str:
    """brandsite's own files and every installed package: what makes the same inputs give other results."""
    return stamp.digest(files.tree(PACKAGE), stamp.packages())


class Memo:
    """The entries of one kind (``folder``), with the keys asked for in this run kept from `forget_others`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._base = os.fspath(folder)  # (joined as text: a Path per entry costs more than reading it at 10,000)
        self.asked: set[str] = set()

    def get(self, key: str):
        self.asked.add(key)
        return load(os.path.join(self._base, key))

    def keep(self, key: str) -> None:
        """Keep the entry ``key`` from `forget_others` without reading it (its result is known otherwise)."""
        self.asked.add(key)

    def put(self, key: str, value) -> None:
        """Remember ``value``; a disk that refuses it only costs the work again next time."""
        self.asked.add(key)
        dump(self.folder / key, value)

    def forget_others(self) -> None:
        """Drop the entries this run did not ask for: the cache holds one site's present, not its history."""
        try:
            names = os.listdir(self.folder)
        except OSError:
            return
        for name in names:
            if name not in self.asked:
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
        atomic.write_file(path, hashlib.sha256(data).digest() + data, durable=False)
    except OSError:
        pass
