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
    def first(self) -> bool:
        """The first page of the whole list: the one search indexes (the others repeat brands' names)."""
        return not self.category and self.number == 1

    def title(self, base: str) -> str:
        return base + (f"：{self.category}" if self.category else "") + (f"（第 {self.number} 页）" if self.number > 1 else "")

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


def listings(items: list, category_of: Callable[[object], str], categories: dict[str, str], size: int,
             base: str, start: str = "") -> list[Listing]:
    """Every page of ``items``: all of them, then each of ``categories`` (name: folder, in the order
    shown) that has any.

    Pages live under ``base``: ``base/2/``, ``base/<category folder>/``, ``base/<category folder>/2/``;
    ``start``, when given, is the folder of the very first page instead of ``base``.
    """

    def folder(category: str, number: int) -> str:
        if start and not category and number == 1:
            return start
        return "/".join([base, *([categories[category]] if category else []), *([str(number)] if number > 1 else [])])

    groups = [("", items)] + [(name, [i for i in items if category_of(i) == name]) for name in categories]
    groups = [g for g in groups if g[1] or not g[0]]
    out = []
    for name, members in groups:
        parts = chunks(members, size)
        folders = [folder(name, n) for n in range(1, len(parts) + 1)]
        for n, part in enumerate(parts, 1):
            tabs = [Tab(other or "全部", len(m), folder(other, 1), other == name) for other, m in groups]
            out.append(Listing(folders[n - 1], part, n, len(parts), name, len(members), tabs,
                               page_links(folders, n) if len(parts) > 1 else [],
                               folders[n - 2] if n > 1 else "", folders[n] if n < len(parts) else ""))
    return out
