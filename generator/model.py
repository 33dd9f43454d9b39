"""Plain data the whole pipeline passes around. Nothing here knows about files or engines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from generator.findings import Position


class Source(Protocol):
    """A brand's brand.yml as it was read (load/yamlpos.py `Document`): its text and values, and where each value
    stands, for the line and column of a finding. The model names what the checks ask of it, not the reader."""

    data: Any
    text: str
    strings: list[tuple[tuple, str]]  # every string value with its path
    joined: str  # every string value in one text

    def at(self, *path) -> Position: ...

    def release(self) -> None: ...


WAITING = "waiting"  # a brand's status while it waits for review (三审) and has no approved version


@dataclass(frozen=True)
class ImageInfo:
    path: Path
    format: str  # PNG, JPEG, WEBP, SVG
    width: int | None  # None for an SVG without a usable size
    height: int | None
    alpha: bool = False  # has transparency: its web version stays PNG
    digest: str = ""  # of the bytes: the web-image cache's key, taken while the file is read anyway

    @property
    def is_svg(self) -> bool:
        return self.format == "SVG"


@dataclass(frozen=True)
class Honor:
    year: int | None
    title: str


@dataclass(frozen=True)
class Photo:
    file: str  # as written, relative to the brand folder
    caption: str
    image: ImageInfo | None = None


@dataclass(frozen=True)
class Contact:
    hotline: str | None = None
    complaint: str | None = None
    address: str | None = None
    hours: str | None = None

    def is_empty(self) -> bool:
        return not any((self.hotline, self.complaint, self.address, self.hours))


@dataclass
class Brand:
    slug: str
    folder: Path
    source: str  # brand.yml, relative to the site root
    doc: Source = field(repr=False)
    name: str | None = None
    url_name: str | None = None  # the folder's name, written by the web form that created it
    unit: str | None = None
    category: str | None = None
    logo: str | None = None
    logo_image: ImageInfo | None = None
    logo_meaning: str | None = None
    slogan: str | None = None
    positioning: str | None = None
    core_idea: str | None = None
    vision: str | None = None
    commitments: list[str] = field(default_factory=list)
    standards: dict[str, list[str]] = field(default_factory=dict)
    culture: dict[str, str] = field(default_factory=dict)
    systems: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    contact: Contact = field(default_factory=Contact)
    launched: str | None = None  # YYYY-MM or YYYY-MM-DD
    honors: list[Honor] = field(default_factory=list)
    gallery: list[Photo] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    status: str = "published"
    story: str | None = None
    story_source: str | None = None  # story.md relative to the site root
    updated: dt.date | None = None
    reading: tuple[str, ...] = ()  # its name in pinyin (slugs.reading), read once with the name
    # what it was loaded from (its files, the contract, the criteria, the code): later stages key the
    # work they remember between builds by it
    digest: str = ""

    @property
    def is_draft(self) -> bool:
        """Not published: a draft, or held back while it waits for review."""
        return self.status in ("draft", WAITING)

    @property
    def waits_for_review(self) -> bool:
        return self.status == WAITING

    def has(self, key: str) -> bool:
        """Whether the editor filled in ``key`` (an empty list or map counts as missing)."""
        value = getattr(self, key, None)
        if isinstance(value, Contact):
            return not value.is_empty()
        return bool(value)


@dataclass(frozen=True)
class NewsPost:
    """A post of the news column (content/news/posts/*.md), as the blog engine will publish it."""
    source: str  # relative to the site root
    title: str
    date: dt.date
    slug: str
    url: str  # site-relative, e.g. news/2026/10/15/slug/
    categories: tuple[str, ...] = ()
    summary: str = ""
    draft: bool = False
    approved_copy: str = ""  # while an edit waits for review (三审): the approved version's file, published instead
