"""Run MkDocs (with the Material theme) on a generated docs tree.

The generated config INHERITs the site's own mkdocs.yml and overrides only where the
docs come from, where the site goes, and the navigation, which never lists every brand
(MkDocs renders the nav on every page, so listing N brands would make output grow as N²).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import yaml

from generator import internals, segment
from generator.incremental import store
from generator.progress import NULL, Progress, Stage
from generator.engine import search_index
from generator.produce import slots
from generator.engine import page_cache
from generator.engine.page_cache import PageCache, site_key
from generator.engine.reuse import Reuse, written_anew
from generator.incremental import paths
from generator.incremental.tree import Tree


class EngineError(Exception):
    pass


NAV = [
    {"首页": "index.md"},
    {"品牌风采": "brands/index.md"},
]


THEME = Path(__file__).resolve().parent.parent / "theme"


def _theme_dir(work: Path, root: Path, raw: dict) -> Path:
    """brandsite's template overrides, with the site's own custom_dir (if any) laid over them."""
    target = paths.theme(work)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(THEME, target)
    theme = raw.get("theme") if isinstance(raw.get("theme"), dict) else {}
    if theme.get("custom_dir") and (root / theme["custom_dir"]).is_dir():
        shutil.copytree(root / theme["custom_dir"], target, dirs_exist_ok=True)
    return target


def write_config(work: Path, site_config: Path, docs: Path, site_dir: Path, raw: dict,
                 news_dir: str | None = None) -> Path:
    nav = list(NAV)
    for title, page in (("评价结果", "leaderboard/index.md"), ("创建标准", "criteria/index.md"),
                        ("创建动态", f"{news_dir}/index.md" if news_dir else None), ("关于", "about.md")):
        if page is None:
            continue
        if (docs / page).is_file():
            nav.append({title: page})
    theme = {"custom_dir": os.path.relpath(_theme_dir(work, site_config.parent, raw), work)}
    if isinstance(raw.get("theme"), str):
        theme["name"] = raw["theme"]
    config = {
        "INHERIT": os.path.relpath(site_config, work),
        "theme": theme,
        "docs_dir": os.path.relpath(docs, work),
        "site_dir": str(site_dir),
        "nav": nav,
        "not_in_nav": "/brands/*/\n/gallery/\n/leaderboard/*/\n",
        "extra_css": ["assets/brandsite/brandsite.css", *(raw.get("extra_css") or [])],
        "extra_javascript": ["assets/brandsite/brandsite.js", *(raw.get("extra_javascript") or [])],
    }
    path = paths.engine_config(work)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _use_user_dict(config, jieba_user: Path, cache: Path | None) -> None:
    """Give the search plugin our generated jieba dictionary, whatever mkdocs.yml calls the plugin: loaded here
    with its remembered frequencies (`segment.load_user_dictionary`) when the plugin keeps jieba's own main
    dictionary, else named for the plugin to load."""
    for plugin in internals.search_plugins(config):
        if internals.takes_jieba_dictionaries(plugin):
            if cache is not None and not internals.jieba_main_dictionary(plugin) and jieba_user.is_file():
                segment.load_user_dictionary(jieba_user, paths.search_words_cache(cache))
                internals.set_jieba_user_dictionary(plugin, None)
            else:
                internals.set_jieba_user_dictionary(plugin, str(jieba_user))


def _cache_templates(config, folder: Path) -> None:
    """Keep compiled theme templates between builds: MkDocs makes a fresh Jinja environment
    each build, and compiling Material's templates is a third of a small site's build time.
    Jinja checks each template's source before using its cached code."""
    from generator.produce.pages import CompiledTemplates

    cache = CompiledTemplates(folder)

    def cached(env):
        env.bytecode_cache = cache
        return env

    internals.wrap_env(config, cached)


def _remember_theme_listing(config, key: str, path: Path) -> None:
    """MkDocs finds the theme's static files to copy by listing every file of every theme folder (Material has
    hundreds) and matching each against a dozen patterns, on every build. The same theme, packages and
    configuration (``key``: the page cache's `site_key`) give the same list, which is kept in ``path``."""
    def remembered(list_them):
        names = store.read_keyed(path, key, "files")
        if isinstance(names, list) and all(isinstance(name, str) for name in names):
            return names
        names = list_them()
        store.write_keyed(path, key, "files", names)
        return names

    internals.list_theme_files(config, remembered)


class Session:
    """A finished build's configuration, files, navigation and templates, so `serve` can render one
    edited page again in milliseconds instead of every page. It follows MkDocs' own build steps for one
    page (`internals.populate_page`, `internals.build_page`), which MkDocs does not export; when they fail
    `serve` simply builds the whole site."""

    def __init__(self):
        self.config = self.files = self.nav = self.env = None

    def take_over(self, nav, env, config, files) -> None:
        self.nav, self.env, self.config, self.files = nav, env, config, files

    def render(self, src_uri: str, source: Path, site: Path) -> bool:
        """Render the page ``src_uri`` from the Markdown file ``source`` (its parts, produce/slots.py, beside
        it) into ``site``; False when it cannot (a new page)."""
        file = self.files.get_file_from_path(src_uri) if self.files is not None else None
        if file is None or file.page is None:
            return False
        # read from here, not from the last full build's docs tree; the edge puts in the parts that sit
        # beside it (the page's 评价记录), so the file must keep a source path
        file.content_string = source.read_text("utf-8")  # (setting the content unsets the path: set it after)
        file.abs_src_path = str(source)
        file.abs_dest_path = str(site / file.dest_uri)
        Tree(site).clear(file.abs_dest_path)  # it may be a link into the page cache: not written through
        # the engine logs its own failure in English ("Error building page ..."): the full build that follows
        # says in Chinese whatever is really wrong, so this thread's record of it is dropped
        engine_log = logging.getLogger("mkdocs.commands.build")
        this_thread = threading.get_ident()
        quiet = _ThreadFilter(this_thread)
        engine_log.addFilter(quiet)
        try:
            internals.populate_page(file.page, self.config, self.files)
            internals.build_page(file.page, self.config, self.files.documentation_pages(), self.nav, self.env)
        except Exception:  # noqa: BLE001 - anything the engine raises: the caller builds the whole site instead
            return False
        finally:
            engine_log.removeFilter(quiet)
        return True


class _ThreadFilter(logging.Filter):
    """Drops the records one thread logs (another thread's full build keeps its warnings)."""

    def __init__(self, thread: int):
        super().__init__()
        self.thread = thread

    def filter(self, record: logging.LogRecord) -> bool:
        return record.thread != self.thread


def _read_by_no_other_page(page) -> bool:
    """A plain page (a brand's, a gallery, a round's table): once it is rendered and written nothing reads its
    Markdown or HTML again. The blog's posts and views are read by the blog's other pages (excerpts, lists)."""
    from mkdocs.structure.pages import Page

    return type(page) is Page


@dataclass(frozen=True)
class Built:
    warnings: list[str]
    pages: int  # every page of the site
    reused: int = 0  # of them, pages taken from the previous build as they were


def _edge_plugin(session: Session | None, stage: Stage, reuse: Reuse, site: str):
    """brandsite's hooks into the engine's build: reuse unchanged pages (see `reuse`), hand its state to
    ``session`` (for `serve`), and let each plain page's Markdown go once rendered and its HTML once written.
    MkDocs renders every page before writing any and keeps them all to the end; nothing else reads a plain
    page's content (search takes its text before the page is written; only the blog's pages read others'),
    and at 10,000 brands the brand pages alone would hold most of a gigabyte, the galleries and round tables
    that list them all a tenth more. ``stage`` counts the
    pages it renders, half when rendered and half when written (its count is the build's "重新生成" figure)."""
    from mkdocs.plugins import BasePlugin, event_priority

    class Edge(BasePlugin):
        nav = None

        def on_config(self, config):
            reuse.config(config)
            return config

        def on_files(self, files, config):
            reuse.files_ready(files, config)
            # a first estimate (the blog adds its views later)
            stage.set_total(len(files.documentation_pages()))
            return files

        def on_nav(self, nav, config, files):
            self.nav = nav
            reuse.nav_ready(nav, files, site)
            return nav

        def on_env(self, env, config, files):
            reuse.env_ready(env, config, files)
            # the blog's views are pages too by now
            stage.set_total(len(files.documentation_pages()) - len(reuse.hits))
            if session is not None:
                session.take_over(self.nav, env, config, files)
            return env

        def on_page_content(self, html, page, config, files):
            reuse.page_rendered(page)
            if _read_by_no_other_page(page):  # rendered: its Markdown is read by nothing else
                page.markdown = None
            stage.advance(0.5)
            return html

        def on_page_context(self, context, page, config, nav):
            reuse.page_context(page)
            return context

        def on_post_page(self, output, page, config):
            reuse.page_written(output, page)  # kept with its parts' markers: they are put in on every build
            if _read_by_no_other_page(page):
                page.content = None
            stage.advance(0.5)
            if not page.file.abs_src_path:
                return output
            filled = slots.fill(output, Path(page.file.abs_src_path).parent)
            if filled is not output:
                reuse.page_filled(filled, page)
            return filled

        @event_priority(100)  # before the search plugin writes its index
        def on_post_build(self, config):
            reuse.post_build(config)

        def on_build_error(self, error):
            reuse.stop()

    return Edge()


def warm_up(pages: Path | None):
    """Import the engine and the theme's search plugin, load jieba's dictionary (a second and a half,
    whichever page needs cutting first) and read the page cache kept in ``pages`` (if any), for `build`'s
    ``pages_ahead``. `brandsite build` does this while its child process loads and produces, on the core that
    would otherwise wait. Nothing when MkDocs, Material or jieba is of an untested version (`build` says so)."""
    try:
        internals.check()
    except internals.Untested:
        return None
    import mkdocs.commands.build  # noqa: F401
    import material.plugins.search.plugin  # noqa: F401

    segment.jieba().initialize()
    return page_cache.read(pages) if pages is not None else None


def build(config_file: Path, strict: bool = False, jieba_user: Path | None = None,
          content_date: dt.date | None = None, cache: Path | None = None, session: Session | None = None,
          progress: Progress = NULL, pages: Path | None = None, full: bool = False,
          linked: Path | None = None, linked_ready: Callable[[], None] | None = None, pages_ahead=None,
          code: str = "", blog: bool = True) -> Built:
    """Build the site; returns the engine's warnings and how many pages it wrote. Raises EngineError on failure.

    ``pages`` keeps the rendered pages for the next build, which renders only those whose inputs changed;
    ``full`` renders every page regardless (and keeps them all anew). ``pages_ahead`` is what `warm_up` read
    from ``pages`` beforehand; ``code`` is brandsite's code digest (`Project.code`), part of every page's key.
    Without ``blog`` (no published post) the blog plugin is off: no empty column is published.

    ``linked`` holds files to put into the site beside what the engine makes (the site's images), listed in
    the JSON file of the same name: the engine need not walk, list and copy them. ``linked_ready`` is called
    first, once the engine has rendered (the images may still be being made meanwhile).

    ``content_date`` (the newest date in the input) stands in for "now" in the sitemap and
    its gzip header, so rebuilding the same input on another day gives the same bytes.
    """
    try:
        internals.check()  # before anything of the engine is imported
    except internals.Untested as exc:
        raise EngineError(str(exc)) from None
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    segment.jieba()  # the search plugin segments with jieba; import it quietly first
    if content_date is not None and "SOURCE_DATE_EPOCH" not in os.environ:
        stamp = dt.datetime(content_date.year, content_date.month, content_date.day, tzinfo=dt.timezone.utc)
        os.environ["SOURCE_DATE_EPOCH"] = str(int(stamp.timestamp()))
        set_epoch = True
    else:
        set_epoch = False
    log = logging.getLogger("mkdocs")
    handler = _Collect()
    log.addHandler(handler)
    previous = log.level
    log.setLevel(logging.WARNING)
    try:
        with progress.stage("网站引擎排版页面") as stage:
            config = load_config(config_file=str(config_file), strict=strict)
            if not blog:
                internals.turn_off_blogs(config)
            if jieba_user is not None:
                _use_user_dict(config, jieba_user, cache)
            if cache is not None:
                _cache_templates(config, paths.templates(cache))
            site = site_key(config_file, Path(config.theme.custom_dir), jieba_user, code) if pages is not None else ""
            if site and cache is not None:
                _remember_theme_listing(config, site, paths.theme_files(cache))
            reuse = Reuse(PageCache(pages, site, pages_ahead, fresh=full) if pages is not None else None, reuse=not full)
            config.plugins["brandsite-edge"] = _edge_plugin(session, stage, reuse, site)
            in_place = pages is not None  # else MkDocs empties the site folder first
            reuse.start(config.site_dir)
            with written_anew(reuse.out):
                mkdocs_build(config, dirty=in_place)
            made = len(reuse.files.documentation_pages())
        if linked_ready is not None:  # (a stage of its own: the caller may still be making them)
            linked_ready()
        if linked is not None:
            reuse.out.link_listed(linked)
        search_index.compact(Path(config.site_dir) / "search" / "search_index.json")
        if in_place:
            reuse.site.prune(reuse.files)
    except exceptions.ConfigurationError as exc:
        raise EngineError(f"站点配置 mkdocs.yml 有误：{exc}") from None
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        raise EngineError(f"网站生成失败：{exc}") from None
    finally:
        log.removeHandler(handler)
        log.setLevel(previous)
        if set_epoch:
            del os.environ["SOURCE_DATE_EPOCH"]
    return Built(handler.messages, made, len(reuse.hits))
