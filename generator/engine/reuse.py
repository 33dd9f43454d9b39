"""The engine's side of incremental builds: which pages MkDocs need not render again, and the pieces of
their last rendering (HTML, search entries, front matter, warnings) put back in their place.

It rides on MkDocs' own "dirty" build, in which a page whose file says it is unmodified is neither read
nor rendered. Here that answer comes from `page_cache` keys instead of file times. Only pages that MkDocs
itself creates and that are outside the navigation are reused (the brand, category and results pages: all
but a handful); a page in the navigation, or one a plugin makes (the blog's posts and lists), is always
rendered. The navigation is compared once all titles are known, and a page rendered under another one is
rendered after all.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from pathlib import Path

from generator.engine.page_cache import Entry, PageCache, json_safe, nav_key, page_key
from generator.produce import slots

log = logging.getLogger("mkdocs.brandsite")

DIRTY_WARNING = "A 'dirty' build is being performed"


def _modified(file) -> bool:
    return True


def _unmodified(file) -> bool:
    return False


def _mark(file, modified: bool) -> None:
    file.is_modified = (_modified if modified else _unmodified).__get__(file)


class _PageWarnings(logging.Handler):
    """The engine's warnings, filed under the page being read or rendered when it gave them."""

    def __init__(self, config):
        super().__init__(logging.WARNING)
        self.config, self.by_page = config, {}

    def emit(self, record):
        page = getattr(self.config, "_current_page", None)
        if page is not None:
            self.by_page.setdefault(page.file.src_uri, []).append(record.getMessage())


class _QuietDirty(logging.Filter):
    """MkDocs warns that a dirty build may leave links stale; this one compares what it reuses."""

    def filter(self, record):
        return not record.getMessage().startswith(DIRTY_WARNING)


_QUIET = _QuietDirty()


class SiteFiles:
    """The site folder as this build brings it up to date in place: it holds the site before the live one
    (incremental/build.py), whose files are hard links shared with the live site, the page cache and the
    image cache. So no file is ever written through: whatever is written replaces the file (see
    `written_anew`), and whatever this build did not make or keep is removed at the end (`prune`)."""

    def __init__(self):
        self.folders: set[str] = set()  # made in the site already
        self.kept: set[str] = set()  # linked or found right by this build
        self.started = 0  # when the build began, in the file system's nanoseconds (see `start`)

    def link(self, source: str, dest: str, copy: bool = True) -> None:
        """``dest`` becomes a hard link to ``source``, unless it already is; where no link can be made (across
        file systems), a copy, or without ``copy`` the OSError."""
        self.kept.add(dest)
        try:
            if os.path.samestat(os.stat(source), os.lstat(dest)):
                return
            os.unlink(dest)
        except FileNotFoundError:
            self._folder(dest)
        try:
            os.link(source, dest)
        except OSError:
            if not copy:
                raise
            shutil.copyfile(source, dest)

    def copy(self, source: str, dest: str) -> None:
        """``dest`` becomes a copy of ``source`` (the theme's files, which are not linked out of the
        installed package), unless it already holds the same bytes."""
        self.kept.add(dest)
        try:
            if os.lstat(dest).st_size == os.stat(source).st_size and _same_bytes(source, dest):
                return
            os.unlink(dest)
        except FileNotFoundError:
            self._folder(dest)
        shutil.copyfile(source, dest)

    def _folder(self, dest: str) -> None:
        folder = os.path.dirname(dest)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)

    def link_listed(self, folder: Path, site_dir: str) -> None:
        """Every file ``folder``.json lists (relative to ``folder``) into the same place in the site."""
        base = os.fspath(folder)
        for rel in json.loads(folder.with_suffix(".json").read_bytes()):
            self.link(os.path.join(base, rel), os.path.join(site_dir, rel))

    def start(self, site_dir: str) -> None:
        """Note when the build begins, by the file system's own clock (which is coarser than Python's)."""
        stamp = os.path.join(site_dir, STAMP)
        os.makedirs(site_dir, exist_ok=True)
        with open(stamp, "wb"):
            pass
        self.started = os.stat(stamp).st_mtime_ns
        os.unlink(stamp)

    def prune(self, site_dir: str, files) -> None:
        """Remove what the site before held and this build did not make: a file that is not one of the
        build's files, was not kept by it, and was not written since it started (what a plugin wrote);
        then the folders that hold nothing."""
        wanted = {f.abs_dest_path for f in files if f.inclusion.is_included()} | self.kept
        for here, dirs, names in os.walk(site_dir, topdown=False):
            left = len(names)
            for name in names:
                path = os.path.join(here, name)
                if path not in wanted and os.lstat(path).st_mtime_ns < self.started:
                    os.unlink(path)
                    left -= 1
            # a folder left without files goes too, as a freshly made site has none
            if not left and here != site_dir and not (dirs and os.listdir(here)):
                os.rmdir(here)


STAMP = ".brandsite-started"


def link_shared(live: Path, building: Path, caches: list[Path]) -> None:
    """Link into ``building`` every file of the ``live`` site that is a file of the ``caches`` (a reused page's
    stored HTML, an image), at the same place: where the folder was emptied, or holds a site made from older
    caches, the engine then finds most of the site in place (`SiteFiles.link` sees the same file) instead of
    linking thirty thousand files one after another while it renders. `brandsite build` does this while its
    child process produces. Only the caches' files are linked, never one the engine writes (the sitemap's
    gzip file is written through): the building folder must share nothing else with the live site."""
    known = set()
    for cache in caches:
        _inodes(os.fspath(cache), known)
    if known:
        _link_known(os.fspath(live), os.fspath(building), known, SiteFiles())


def _inodes(folder: str, into: set[int]) -> None:
    """The inode of every file under ``folder``, as the directory lists it (no file is opened or stat'ed)."""
    try:
        listing = os.scandir(folder)
    except OSError:
        return
    with listing:
        for entry in listing:
            if entry.is_dir(follow_symlinks=False):
                _inodes(entry.path, into)
            else:
                into.add(entry.inode())


def _link_known(live: str, building: str, known: set[int], out: SiteFiles) -> None:
    with os.scandir(live) as listing:
        entries = list(listing)
    for entry in entries:
        dest = os.path.join(building, entry.name)
        if entry.is_dir(follow_symlinks=False):
            _link_known(entry.path, dest, known, out)
            continue
        st = entry.stat(follow_symlinks=False)
        if st.st_nlink > 1 and st.st_ino in known:
            try:
                out.link(entry.path, dest, copy=False)
            except OSError:  # (a folder in its place, another file system: the engine's to sort out)
                pass


def _cleared(copy_file, dest: str):
    def clear_then_copy(dirty: bool = False) -> None:
        if os.path.lexists(dest):
            os.unlink(dest)
        copy_file(dirty)

    return clear_then_copy


def _same_bytes(a: str, b: str) -> bool:
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


@contextlib.contextmanager
def written_anew():
    """While the engine builds, a file it writes replaces the one in its place instead of writing through it
    (which may be a hard link into a cache, shared with the live site)."""
    from mkdocs import utils

    write_file = utils.write_file

    def replacing(content: bytes, output_path: str) -> None:
        if os.path.lexists(output_path):
            os.unlink(output_path)
        write_file(content, output_path)

    utils.write_file = replacing
    try:
        yield
    finally:
        utils.write_file = write_file


def _place(stored: Path, html: bytes, file, entry: Entry, out: SiteFiles, cache: PageCache) -> None:
    """A reused page into the site, linked: its stored HTML, or, when the page has parts (produce/slots.py),
    a stored copy with the parts as they are now (the same copy as last time when they did not change)."""
    parts = []
    if slots.PREFIX.encode() in html:
        folder = Path(file.abs_src_path).parent
        parts = slots.files(html, folder)
        stored = cache.blob(slots.fill_bytes(html, folder))
    out.link(str(stored), file.abs_dest_path)
    cache.record(entry, stored, parts)


def _copy_static(file, out: SiteFiles, docs: str):
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
        self.mark = 0
        self.html: dict[str, str] = {}
        self.parts: dict[str, list[Path]] = {}  # a rendered page's parts' files
        self.filled: dict[str, tuple[Path, list[Path]]] = {}  # a rendered page's stored copy with its parts in
        self.titles: dict[str, str | None] = {}
        self.nav = self.env = self.files = self.warnings = None
        self.nav_digest = ""
        self.out = SiteFiles()

    # -- the build's steps, in order ------------------------------------------------------------------

    def config(self, config) -> None:
        self.warnings = _PageWarnings(config)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        logging.getLogger("mkdocs.commands.build").addFilter(_QUIET)  # the same one each time: added once
        for name, plugin in config.plugins.items():
            if name.split("/")[-1] == "search" and hasattr(plugin, "search_index"):
                self.search_plugin = plugin

    def files_ready(self, files, config) -> None:
        docs = os.path.abspath(config.docs_dir) + os.sep
        for file in files:
            _mark(file, True)
            if file.is_documentation_page():
                continue
            if file.abs_src_path and file.generated_by is None:
                file.copy_file = _copy_static(file, self.out, docs)
            else:  # a file a plugin made: written by the engine, into a place cleared for it
                file.copy_file = _cleared(file.copy_file, file.abs_dest_path)

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
                _mark(file, False)

    def env_ready(self, env, config, files) -> None:
        """Every title is known now: reused pages rendered under another navigation are rendered after all,
        the others get back their front matter and title, and their warnings are said again."""
        from mkdocs.commands.build import _populate_page

        self.env, self.files = env, files
        self.nav_digest = nav_key(self.nav)
        for uri, entry in list(self.hits.items()):
            file = files.get_file_from_path(uri)
            if entry.nav != self.nav_digest:
                del self.hits[uri]
                _mark(file, True)
                _populate_page(file.page, config, files)
                continue
            file.page.markdown, file.page.meta = "", entry.meta
            file.page._title_from_render = entry.title
            for message in entry.warnings:
                log.warning(message)

    def page_context(self, page) -> None:
        if self.search_plugin is None:
            return
        entries = self.search_plugin.search_index.entries
        self.captured[page.file.src_uri] = entries[self.mark:]  # the same entries, not copies: memory at 10,000
        self.mark = len(entries)

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
        from mkdocs.commands.build import _build_page, _populate_page

        doc_files = self.files.documentation_pages()
        for uri, entry in list(self.hits.items()):
            file = self.files.get_file_from_path(uri)
            placed = self.cache.placed(entry)
            if placed is not None:  # as the last build placed it, from the same files
                self.out.link(str(placed), file.abs_dest_path)
                continue
            stored = self.cache.html(entry)
            if stored is None:
                del self.hits[uri]
                _mark(file, True)
                _populate_page(file.page, config, self.files)
                _build_page(file.page, config, doc_files, self.nav, self.env)
                continue
            _place(*stored, file, entry, self.out, self.cache)
        if self.search_plugin is not None:
            self.search_plugin.search_index.entries = [
                entry for file in doc_files
                for entry in (self.hits[file.src_uri].search if file.src_uri in self.hits
                              else self.captured.get(file.src_uri, []))
            ]
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
