"""Pages the engine rendered before, kept so a rebuild asks it only for the pages whose inputs changed.

A page is reused when its key matches: a digest of everything the engine reads to render it (its Markdown
and front matter, where its links lead, the configuration, the theme, the installed packages) and, checked
once every title is known, the navigation every page shows. Keys are content digests, never file times
(CI checkouts reset every time). The cache is one record of the entries and the pages' HTML as blobs (see
`store`: each checked before it is trusted): a damaged, truncated or foreign cache is a cache miss, never
trusted. A reused page reaches the site as a hard link to its file
(written once, never written through), so reusing a thousand pages writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from generator.incremental import paths, store
from generator.incremental.stamp import digest, folder_digest, stamp, stamp_of

FORMAT = 3


@dataclass
class Entry:
    """What one rendered page left behind."""

    key: str  # its inputs' digest
    nav: str  # the navigation it was rendered with
    html: str  # SHA-256 of the HTML written
    title: str | None
    meta: dict
    search: list[dict] = field(default_factory=list)  # the search index's entries for it, in order
    warnings: list[str] = field(default_factory=list)  # what the engine said while rendering it
    source: str = ""  # SHA-256 of its Markdown
    links: list[str] = field(default_factory=list)  # the relative link targets in it, resolved
    # its Markdown file's stamp when ``source`` was taken from it, see `page_key`
    seen: tuple | None = None
    # how the last build placed it when reused: the stored file linked into the site, and the files that made
    # it ([path, stamp], [path, None] for a part that was missing), see `PageCache.placed`
    placed: list = field(default_factory=list)


def site_key(config_file: Path, theme_dir: Path, search_words: Path | None, code: str) -> str:
    """What every page depends on alike. The generated configuration counts without its two folders (a
    preview and a build differ only there), the site's own mkdocs.yml (which it INHERITs) byte for byte;
    ``code`` is brandsite's code and installed packages (`stamp.code`)."""
    import yaml

    generated = yaml.safe_load(config_file.read_text("utf-8")) or {}
    inherited = config_file.parent / generated.pop("INHERIT", config_file.name)
    for where in ("site_dir", "docs_dir"):
        generated.pop(where, None)
    theme = folder_digest(theme_dir)
    # a template that prints the build date makes every page depend on the day's date
    dated = any(b"build_date" in text or b"update_date" in text
                for text in (p.read_bytes() for p in theme_dir.rglob("*.html")))
    return digest(
        str(FORMAT), json.dumps(generated, sort_keys=True, ensure_ascii=False), inherited.read_bytes(), theme,
        code,
        search_words.read_bytes() if search_words is not None and search_words.is_file() else b"",
        os.environ.get("SOURCE_DATE_EPOCH", "") if dated else "",
    )


# where a page's links lead: Markdown links and references, and href/src in raw HTML
_TARGETS = re.compile(r"""\]\(\s*<?([^)\s>]+)|^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)|(?:href|src)\s*=\s*["']([^"']+)["']""",
                      re.M)


def link_targets(src_uri: str, markdown: bytes) -> list[str]:
    """The docs-relative paths a page's relative links point at."""
    here, targets = posixpath.dirname(src_uri), set()
    for match in _TARGETS.finditer(markdown.decode("utf-8", "replace")):
        target = next(t for t in match.groups() if t)
        if "://" in target or target.startswith(("#", "/", "mailto:", "tel:", "data:", "javascript:")):
            continue
        targets.add(posixpath.normpath(posixpath.join(here, unquote(target.split("#")[0].split("?")[0]))))
    return sorted(targets)


def page_key(site: str, file, files, last: Entry | None = None) -> tuple[str, tuple[str, list[str], list]]:
    """The page's own inputs: its source, its address, and for each relative link in it whether the target
    exists and where it is (the engine rewrites links to pages, and leaves missing ones as written). Returns
    the key and (source digest, link targets, the file as seen). The source is not read again while its
    file's stamp is the one ``last`` was taken from (ten thousand reads at 10,000 brands); the targets of an
    unchanged source are taken from ``last`` too."""
    seen = stamp(os.stat(file.abs_src_path))
    if last is not None and last.seen == seen:
        source = last.source
    else:
        with open(file.abs_src_path, "rb") as fh:
            markdown = fh.read()
        source = hashlib.sha256(markdown).hexdigest()
    links = last.links if last is not None and last.source == source else link_targets(file.src_uri, markdown)
    by_uri = files.src_uris
    leads = "\n".join(f"{path}\t{by_uri[path].url if path in by_uri else '-'}" for path in links)
    return digest(site, file.src_uri, file.url, source, leads), (source, links, seen)


def nav_key(nav) -> str:
    """The navigation as every page draws it: each item's kind, title and address."""
    def walk(items) -> list:
        return [[type(i).__name__, i.title, getattr(i, "url", None), walk(i.children or [])] for i in items]

    return digest(json.dumps(walk(nav.items), ensure_ascii=False, default=str))


class PageCache:
    """The entries and HTML under ``folder``; ``site`` is this build's `site_key`; ``ahead`` what `read` gave
    for ``folder`` earlier in this process (`brandsite build` reads it while its child produces)."""

    def __init__(self, folder: Path, site: str, ahead: tuple[str, dict[str, Entry]] | None = None,
                 fresh: bool = False):
        self.folder, self.site = folder, site
        self.blobs = store.Blobs(paths.page_html(folder))
        # a full build (``fresh``) takes nothing of the last one's: its entries are not read, nor kept meanwhile
        known = None if fresh else ahead if ahead is not None else read(folder)
        # no cache, or one that is damaged or of another kind: render everything
        self.entries: dict[str, Entry] = known[1] if known is not None and known[0] == self.site else {}
        self.asked: set[str] = set()  # blobs handed out by blob() in this build

    def html(self, entry: Entry) -> tuple[Path, bytes] | None:
        """The page's stored HTML (its file and bytes), or None when the file is missing or not what was stored
        (a damaged one is removed: the page is rendered again and its HTML stored anew)."""
        data = self.blobs.get(entry.html)
        return None if data is None else (self.blobs.path(entry.html), data)

    def placed(self, entry: Entry) -> Path | None:
        """The stored file a reused page is linked from, as the last build placed it, when its stored HTML,
        its parts and that file are still as they were then (by their stamps, which are only a shortcut: the
        HTML was checked against its digest, and the file made from it and the parts, when the entry was
        recorded); else None, and the page is placed the long way (`html`, then `record`)."""
        if len(entry.placed) != 2:
            return None
        sha, seen = entry.placed
        if not all(stamp_of(path) == known for path, known in seen):
            return None
        self.asked.add(sha)
        return self.blobs.path(sha)

    def record(self, entry: Entry, linked: Path, made_from: list[Path]) -> None:
        """How a reused page was placed this time, for `placed` in the next build."""
        files = [self.blobs.path(entry.html), linked, *made_from]
        entry.placed = [linked.name, [(os.fspath(path), stamp_of(path)) for path in files]]

    def blob(self, data: bytes) -> Path:
        """A stored file holding ``data`` (a reused page with its parts put in), to link into the site; kept
        until the next build that does not ask for it. Named by its digest, like every stored page."""
        sha = self.blobs.put(data)
        self.asked.add(sha)
        return self.blobs.path(sha)

    def save(self, entries: dict[str, Entry]) -> None:
        """Write the entries (their HTML is stored already), then remove HTML no page refers to."""
        store.dump(paths.page_entries(self.folder), (FORMAT, self.site, entries))
        self.blobs.drop_all_but({e.html for e in entries.values()} | self.asked)


def read(folder: Path) -> tuple[str, dict[str, Entry]] | None:
    """(the site key the pages were rendered for, the entries), or None for a missing, damaged or foreign
    cache. `brandsite build` reads them while its child process produces the docs tree (most of a second at
    10,000 brands) and hands them to `PageCache`, which compares the site key."""
    read = store.load(paths.page_entries(folder))
    if not (isinstance(read, tuple) and len(read) == 3 and read[0] == FORMAT and isinstance(read[2], dict)):
        return None
    return read[1], read[2]


def json_safe(meta: dict) -> bool:
    """Front matter that comes back the same from JSON (dates, for instance, would not)."""
    try:
        return json.loads(json.dumps(meta, ensure_ascii=False)) == meta
    except (TypeError, ValueError):
        return False
