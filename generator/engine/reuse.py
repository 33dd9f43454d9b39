"""The engine's side of incremental builds: which pages MkDocs need not render again, and the pieces of
their last rendering (HTML, search entries, front matter, warnings) put back in their place.

It rides on MkDocs' own "dirty" build, in which a page whose file says it is unmodified is neither read
nor rendered. Here that answer comes from `page_cache` keys instead of file times (told to MkDocs, like all
it is told beyond what it promises, through generator/internals.py). Only pages that MkDocs
itself creates and that are outside the navigation are reused (the brand, category and results pages: all
but a handful); a page in the navigation, or one a plugin makes (the blog's posts and lists), is always
rendered. The navigation is compared once all titles are known, and a page rendered under another one is
rendered after all.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from generator import internals
from generator.engine.page_cache import Entry, PageCache, json_safe, nav_key, page_key
from generator.incremental.tree import Tree
from generator.produce import slots

log = logging.getLogger("mkdocs.brandsite")

DIRTY_WARNING = "A 'dirty' build is being performed"


class _PageWarnings(logging.Handler):
    """The engine's warnings, filed under the page being read or rendered when it gave them: this build's
    warnings only (a `serve` quick render beside it, in another thread, is rendering some other page)."""

    def __init__(self, config):
        super().__init__(logging.WARNING)
        self.config, self.by_page = config, {}
        self.thread = threading.get_ident()

    def emit(self, record):
        if record.thread != self.thread:
            return
        page = internals.current_page(self.config)
        if page is not None:
            self.by_page.setdefault(page.file.src_uri, []).append(record.getMessage())


class _QuietDirty(logging.Filter):
    """MkDocs warns that a dirty build may leave links stale; this one compares what it reuses."""

    def filter(self, record):
        return not record.getMessage().startswith(DIRTY_WARNING)


_QUIET = _QuietDirty()


class SiteFolder:
    """The site folder as this build brings it up to date in place: an output tree (incremental/tree.py) that
    holds the site before the live one (generator/build.py). What the edge links and copies into it goes
    through the tree; what the engine writes itself replaces the file in its place (`written_anew`,
    `_cleared`); and whatever is none of the engine's files, was not placed by the tree, and was not written
    since the build began (what a plugin wrote) is removed at the end (`prune`)."""

    def __init__(self, site_dir: str):
        self.tree = Tree(Path(site_dir))
        # when the build began, in the file system's nanoseconds (which are coarser than Python's)
        marker = os.path.join(site_dir, STARTED)
        os.makedirs(site_dir, exist_ok=True)
        with open(marker, "wb"):
            pass
        self.started = os.stat(marker).st_mtime_ns
        os.unlink(marker)

    def prune(self, files) -> None:
        engine = {f.abs_dest_path for f in files if f.inclusion.is_included()}
        started = self.started
        self.tree.prune(others=lambda path: path in engine or os.lstat(path).st_mtime_ns >= started)


STARTED = ".brandsite-started"


def _cleared(copy_file, dest: str, out: Tree):
    def clear_then_copy(dirty: bool = False) -> None:
        out.clear(dest)
        copy_file(dirty)

    return clear_then_copy


def written_anew(out: Tree):
    """While the engine builds in this thread, a file it writes replaces the one in its place in ``out`` instead
    of writing through it (see `Tree.clear`); what other threads write is none of this build's."""
    return internals.before_engine_writes(out.clear)


def _place(stored: Path, html: bytes, file, entry: Entry, out: Tree, cache: PageCache) -> None:
    """A reused page into the site, linked: its stored HTML, or, when the page has parts (produce/slots.py),
    a stored copy with the parts as they are now (the same copy as last time when they did not change)."""
    parts = []
    if slots.PREFIX.encode() in html:
        folder = Path(file.abs_src_path).parent
        parts = slots.files(html, folder)
        stored = cache.blob(slots.fill_bytes(html, folder))
    out.link(stored, file.abs_dest_path)
    cache.record(entry, stored, parts)


def _copy_static(file, out: Tree, docs: str):
    """A static file reaches the site as a hard link when it is the docs tree's (the site's images cost no
    copying), as a copy when it is the theme's; either only when it is not there already."""
    inside = os.path.abspath(file.abs_src_path).startswith(docs)

    def copy_file(dirty: bool = False) -> None:
        (out.link if inside else out.copy)(file.abs_src_path, file.abs_dest_path)

    return copy_file


class Reuse:
    """Hooks for the edge plugin; ``cache`` is None for a build that renders and remembers nothing."""

    def __init__(self, cache: PageCache | None, reuse: bool = True):
        self.cache = cache
        self.allowed = reuse and cache is not None
        self.keys: dict[str, str] = {}  # eligible page -> its key
        self.sources: dict[str, tuple[str, list[str], list]] = {}  # its source's digest, where its links lead,
        # and its file as seen then (see `page_key`)
        self.hits: dict[str, Entry] = {}
        self.search_plugin = None
        self.captured: dict[str, list[dict]] = {}
        self.search_taken = 0  # the search index's entries already filed under a page
        self.html: dict[str, str] = {}
        self.parts: dict[str, list[Path]] = {}  # a rendered page's parts' files
        self.filled: dict[str, tuple[Path, list[Path]]] = {}  # a rendered page's stored copy with its parts in
        self.titles: dict[str, str | None] = {}
        self.nav = self.env = self.files = self.warnings = None
        self.nav_digest = ""
        self.site: SiteFolder | None = None  # from `start`

    def start(self, site_dir: str) -> None:
        self.site = SiteFolder(site_dir)

    @property
    def out(self) -> Tree:
        return self.site.tree

    # -- the build's steps, in order ------------------------------------------------------------------

    def config(self, config) -> None:
        self.warnings = _PageWarnings(config)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        logging.getLogger("mkdocs.commands.build").addFilter(_QUIET)  # the same one each time: added once
        self.search_plugin = internals.material_search(config)

    def files_ready(self, files, config) -> None:
        docs = os.path.abspath(config.docs_dir) + os.sep
        for file in files:
            internals.set_modified(file, True)
            if file.is_documentation_page():
                continue
            if file.abs_src_path and file.generated_by is None:
                internals.replace_copy(file, _copy_static(file, self.out, docs))
            else:  # a file a plugin made: written by the engine, into a place cleared for it
                internals.replace_copy(file, _cleared(file.copy_file, file.abs_dest_path, self.out))

    def nav_ready(self, nav, files, site: str) -> None:
        """Decide which pages to reuse: plain MkDocs pages (not the blog's), in the navigation or not (those in
        it are reused only under the same navigation, as every page is: see `env_ready`)."""
        from mkdocs.structure.pages import Page

        self.nav, self.files = nav, files
        if self.cache is None:
            return
        for file in files.documentation_pages():
            if type(file.page) is not Page or file.abs_src_path is None:
                continue
            entry = self.cache.entries.get(file.src_uri)
            key, self.sources[file.src_uri] = page_key(site, file, files, entry)
            self.keys[file.src_uri] = key
            if not self.allowed:
                continue
            if entry is not None and entry.key == key:
                entry.seen = self.sources[file.src_uri][2]  # (the same bytes in a file replaced since)
                self.hits[file.src_uri] = entry
                internals.set_modified(file, False)

    def env_ready(self, env, config, files) -> None:
        """Every title is known now: reused pages rendered under another navigation are rendered after all,
        the others get back their front matter and title, and their warnings are said again."""
        self.env, self.files = env, files
        self.nav_digest = nav_key(self.nav)
        for uri, entry in list(self.hits.items()):
            file = files.get_file_from_path(uri)
            if entry.nav != self.nav_digest:
                del self.hits[uri]
                internals.set_modified(file, True)
                internals.populate_page(file.page, config, files)
                continue
            file.page.markdown, file.page.meta = "", entry.meta
            internals.set_title(file.page, entry.title)
            for message in entry.warnings:
                log.warning(message)

    def page_context(self, page) -> None:
        if self.search_plugin is None:
            return
        entries = internals.search_entries(self.search_plugin)
        self.captured[page.file.src_uri] = entries[self.search_taken:]  # the same entries, not copies: memory at 10,000
        self.search_taken = len(entries)

    def page_rendered(self, page) -> None:
        """Before the edge plugin lets a brand page's Markdown go (its title is read from it)."""
        if page.file.src_uri in self.keys:
            self.titles[page.file.src_uri] = page.title

    def page_written(self, output: str, page) -> None:
        if self.cache is not None and page.file.src_uri in self.keys and output.strip():
            self.html[page.file.src_uri] = self.cache.blobs.put(output.encode("utf-8", errors="xmlcharrefreplace"))
            if slots.PREFIX in output:
                self.parts[page.file.src_uri] = slots.files(output, Path(page.file.abs_src_path).parent)

    def page_filled(self, filled: str, page) -> None:
        """A page with its parts just put in, stored as the copy the next build links if they stay the same
        (see `_place`): so a build after `--full` does not store a thousand of them anew."""
        if self.cache is not None and page.file.src_uri in self.keys:
            stored = self.cache.blob(filled.encode("utf-8", errors="xmlcharrefreplace"))
            self.filled[page.file.src_uri] = stored, self.parts.get(page.file.src_uri, [])

    def post_build(self, config) -> None:
        """Write the reused pages (one whose stored HTML is damaged is rendered now), put every page's search
        entries in the order a full build gives them, and remember this build."""
        if self.cache is None:
            self.stop()
            return
        doc_files = self.files.documentation_pages()
        for uri, entry in list(self.hits.items()):
            file = self.files.get_file_from_path(uri)
            placed = self.cache.placed(entry)
            if placed is not None:  # as the last build placed it, from the same files
                self.out.link(placed, file.abs_dest_path)
                continue
            stored = self.cache.html(entry)
            if stored is None:
                del self.hits[uri]
                internals.set_modified(file, True)
                internals.populate_page(file.page, config, self.files)
                internals.build_page(file.page, config, doc_files, self.nav, self.env)
                continue
            _place(*stored, file, entry, self.out, self.cache)
        if self.search_plugin is not None:
            internals.set_search_entries(self.search_plugin, [
                entry for file in doc_files
                for entry in (self.hits[file.src_uri].search if file.src_uri in self.hits
                              else self.captured.get(file.src_uri, []))
            ])
        self.stop()
        self.cache.save(self._entries())

    def _entries(self) -> dict[str, Entry]:
        entries = dict(self.hits)
        for uri in self.keys.keys() - self.hits.keys():
            page = self.files.get_file_from_path(uri).page
            if uri in self.html and page is not None and json_safe(page.meta):
                source, links, seen = self.sources[uri]
                entry = Entry(self.keys[uri], self.nav_digest, self.html[uri], self.titles.get(uri), page.meta,
                              self.captured.get(uri, []), self.warnings.by_page.get(uri, []), source, links,
                              seen=seen)
                # placed as the next build would place it, so the first build after this one takes the short way
                stored, parts = self.filled.get(uri, (self.cache.blobs.path(entry.html), []))
                self.cache.record(entry, stored, parts)
                entries[uri] = entry
        return entries

    def stop(self) -> None:
        """The end of a build (after a failed one nothing is remembered): warnings are no longer filed."""
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
