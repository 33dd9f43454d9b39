"""Long lists (the brand gallery, a round's results) split into pages by category and number.

No generated page carries every brand, so each page stays the same size however many brands a
province has. Pages live in folders; every link is written relative to the page that holds it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Tab:
    label: str
    count: int
    folder: str
    current: bool


@dataclass(frozen=True)
class PageLink:
    label: str
    folder: str = ""  # "" for a gap (…)
    current: bool = False


@dataclass(frozen=True)
class Listing:
    """One page of a list: its folder under the docs root and what it shows."""

    folder: str
    items: list
    number: int
    count: int
    category: str  # "" when the page lists every category
    total: int  # items in this category (or in all)
    tabs: list[Tab] = field(default_factory=list)
    pages: list[PageLink] = field(default_factory=list)
    previous: str = ""
    next: str = ""

    @property
    def root(self) -> str:
        """From this page to the docs root, for relative links."""
        return "../" * (self.folder.count("/") + 1)


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def page_links(folders: list[str], current: int, around: int = 2) -> list[PageLink]:
    """The first, the last and the ``around`` pages either side of the current one, with gaps between."""
    shown = sorted({1, len(folders), *range(max(1, current - around), min(len(folders), current + around) + 1)})
    out: list[PageLink] = []
    for n in shown:
        if out and n - int(out[-1].label) > 1:
            out.append(PageLink("…"))
        out.append(PageLink(str(n), folders[n - 1], n == current))
    return out


def listings(items: list, category_of: Callable[[object], str], categories: list[tuple[str, str]], size: int,
             folder: Callable[[str, int], str]) -> list[Listing]:
    """Every page of ``items``: all of them, then each category in ``categories`` (name, slug) that has any.

    ``folder(category_slug, number)`` names a page's folder; the category slug is "" for all items.
    """
    groups = [("", "", items)] + [(name, slug, [i for i in items if category_of(i) == name]) for name, slug in categories]
    groups = [g for g in groups if g[2] or not g[0]]
    out = []
    for name, slug, members in groups:
        parts = chunks(members, size)
        folders = [folder(slug, n) for n in range(1, len(parts) + 1)]
        for n, part in enumerate(parts, 1):
            tabs = [Tab(other or "全部", len(m), folder(other_slug, 1), other == name) for other, other_slug, m in groups]
            out.append(Listing(folders[n - 1], part, n, len(parts), name, len(members), tabs,
                               page_links(folders, n) if len(parts) > 1 else [],
                               folders[n - 2] if n > 1 else "", folders[n] if n < len(parts) else ""))
    return out
