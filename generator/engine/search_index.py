"""Material's search index, made smaller after the engine writes it.

Material writes every section heading of every page, including sections whose content is kept out
of search (data-search-exclude), and escapes every Chinese character as \\uXXXX (six bytes instead
of three). A visitor's phone downloads and indexes this file before the first hit, so both go.
"""

from __future__ import annotations

import json
from pathlib import Path


def compact(path: Path) -> None:
    """Drop sections with no text of their own and write the characters as UTF-8."""
    if not path.is_file():
        return
    index = json.loads(path.read_bytes())
    index["docs"] = [doc for doc in index.get("docs", []) if "#" not in doc["location"] or doc.get("text")]
    path.write_bytes(json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
