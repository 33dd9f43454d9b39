"""Material's search index, made smaller after the engine writes it, and cut into parts.

Material writes every section heading of every page, including sections whose content is kept out
of search (data-search-exclude), and escapes every Chinese character as \\uXXXX (six bytes instead
of three). A visitor's phone downloads and indexes this file before the first hit, so both go.

At thousands of brands the index is still one file of many megabytes (1.4 MB per 1,000 brands),
too big for one request on a slow government network and for the hosts that cap file sizes.
It is cut into parts of at most PART_BYTES: `search_index.json` keeps the theme's config, the
first documents and the names of the others (`parts`); `theme/main.html` fetches the parts side by
side and hands the theme one joined index, so the theme's search works unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

# Parts are fetched in parallel; 2 MB keeps each well under the 5 MB limit for one search file
# and a 10,000-brand index (about 14 MB) in seven requests.
PART_BYTES = 2_000_000


def compact(path: Path, part_bytes: int = PART_BYTES) -> None:
    """Drop sections with no text of their own, write the characters as UTF-8, cut into parts."""
    if not path.is_file():
        return
    index = json.loads(path.read_bytes())
    docs = [_dump(doc) for doc in index.get("docs", []) if "#" not in doc["location"] or doc.get("text")]
    for stale in path.parent.glob(f"{path.stem}.*{path.suffix}"):
        stale.unlink()
    # a part's own braces and key count against its limit too
    groups = _groups(docs, part_bytes - len(_object({"docs": None}, [])))
    names = [f"{path.stem}.{number}{path.suffix}" for number in range(1, len(groups))]
    for name, group in zip(names, groups[1:]):
        (path.parent / name).write_bytes(_object({"docs": None}, group))
    head = {**index, "parts": names} if names else index
    path.write_bytes(_object(head, groups[0]))


def read(path: Path) -> dict:
    """The whole index again, parts joined, as the browser sees it."""
    index = json.loads(path.read_bytes())
    for name in index.pop("parts", []):
        index["docs"] += json.loads((path.parent / name).read_bytes())["docs"]
    return index


def _groups(docs: list[bytes], part_bytes: int) -> list[list[bytes]]:
    """The documents (each already serialised) in order, a new group whenever the next would pass the limit."""
    groups: list[list[bytes]] = [[]]
    size = 0
    for doc in docs:
        if groups[-1] and size + len(doc) + 1 > part_bytes:
            groups.append([])
            size = 0
        groups[-1].append(doc)
        size += len(doc) + 1
    return groups


def _object(fields: dict, docs: list[bytes]) -> bytes:
    """``fields`` as compact JSON, with the serialised ``docs`` as its "docs" (each document is dumped once)."""
    members = [_dump(key) + b":" + (b"[" + b",".join(docs) + b"]" if key == "docs" else _dump(value))
               for key, value in fields.items()]
    return b"{" + b",".join(members) + b"}"


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
