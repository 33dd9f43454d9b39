"""Parts of a generated page that change more often than the rest of it: a new scores round changes every
brand's 评价记录 and nothing else on its page.

The page's Markdown carries a marker where such a part goes, and the part's HTML sits beside the page as a
dotfile (`.history.html`; the engine copies no dotfile into the site). The engine edge puts the part in
after the page is rendered (engine/mkdocs.py), so the page itself, and the engine's work on it, can be
reused when only the part changed. The part is final HTML, never Markdown.
"""

from __future__ import annotations

import re
from pathlib import Path

PREFIX = "<!--brandsite:slot "
MARKER = re.compile(re.escape(PREFIX) + r"([a-z][a-z-]*)-->")
_MARKER_BYTES = re.compile(MARKER.pattern.encode())


def marker(name: str) -> str:
    return f"{PREFIX}{name}-->"


def path(page_folder: Path, name: str) -> Path:
    return page_folder / f".{name}.html"


def fill(html: str, page_folder: Path) -> str:
    """``html`` with each marker replaced by its part (a part that is missing leaves nothing behind)."""
    if PREFIX not in html:
        return html
    return MARKER.sub(lambda match: _part(page_folder, match.group(1)).decode("utf-8"), html)


def fill_bytes(html: bytes, page_folder: Path) -> bytes:
    """The same for a stored page (UTF-8): its parts' bytes put in as they are."""
    return _MARKER_BYTES.sub(lambda match: _part(page_folder, match.group(1).decode()), html)


def files(html: str | bytes, page_folder: Path) -> list[Path]:
    """The files of the parts a page (rendered, or stored as UTF-8) has markers for."""
    names = MARKER.findall(html) if isinstance(html, str) else [n.decode() for n in _MARKER_BYTES.findall(html)]
    return [path(page_folder, name) for name in names]


def _part(page_folder: Path, name: str) -> bytes:
    source = path(page_folder, name)
    return source.read_bytes() if source.is_file() else b""
