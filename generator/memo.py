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

from generator import atomic, fingerprint

PACKAGE = Path(__file__).resolve().parent


def code(files: fingerprint.Files) -> str:
    """brandsite's own files and every installed package: what makes the same inputs give other results."""
    return fingerprint.digest(files.tree(PACKAGE), fingerprint.packages())


class Memo:
    """The entries of one kind (``folder``), with the keys asked for in this run kept from `forget_others`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.asked: set[str] = set()

    def get(self, key: str):
        self.asked.add(key)
        try:
            data = (self.folder / key).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data[32:]).digest() != data[:32]:
            return None
        try:
            return pickle.loads(data[32:])
        except Exception:  # a pickle of classes this code no longer has: done again  # noqa: BLE001
            return None

    def put(self, key: str, value) -> None:
        """Remember ``value``; a disk that refuses it only costs the work again next time."""
        self.asked.add(key)
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            atomic.write_file(self.folder / key, hashlib.sha256(data).digest() + data, durable=False)
        except OSError:
            pass

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
