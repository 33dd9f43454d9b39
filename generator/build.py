"""How a build runs: load -> check -> produce in a forked child, then the engine in this process, into the
folder before the live site, swapped in at the end. A failed build leaves the previous site exactly as it was.

The two processes, the threads beside them (readying the folder before the live site, warming the engine,
encoding the images the child left) and the swap live here, above the engine; the command
(`commands/build.py`) asks whether anything changed at all, and `serve` builds through `make`, in one process.
What each step may skip is decided below the engine, in `incremental/` and `engine/reuse.py`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import io
import multiprocessing
import os
import shutil
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO


from generator.atomic import empty, swap
from generator.check import site_links
from generator.engine import mkdocs as engine
from generator.incremental import paths, store
from generator.incremental.tree import Tree
from generator.oserrors import why
from generator.progress import NULL, Progress, Stage, display, mode_for

if TYPE_CHECKING:  # the pipeline is imported when a build needs it: an unchanged site is answered first
    from generator.pipeline import Project


def _load(root: Path, strict: bool, err: TextIO, progress: Progress,
          updated: dict[Path, dt.date] | None = None) -> Project | None:
    """The loaded project, or None after printing to ``err`` why the site cannot be built."""
    from generator.pipeline import load_or_report, report_blocking

    project = load_or_report(root, err, progress, updated=updated)
    if project is None or report_blocking(project, strict, "网站未生成（原有网站保持不变）", err):
        return None
    return project


@dataclass(frozen=True)
class Prepared:
    """What the engine step needs from loading, checking and producing: small enough to pass between processes."""

    config: Path  # the generated engine configuration
    work: Path
    newest: dt.date | None
    brands: int
    drafts: int  # brands not published as drafts
    images_encoded: int = 0
    images_reused: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # the child's own stages: "load", "produce"
    linked: Path | None = None  # the site's images, beside the docs tree (produce/site.py)
    pending: list = field(default_factory=list)  # images to encode while the engine renders, then link
    deferred: dict = field(default_factory=dict)
    code: str = ""  # brandsite's code and installed packages (`Project.code`): part of every rendered page's key
    news: bool = True  # a published post: the news column is published
    root: Path = Path(".")  # the site's, resolved: where the link check finds the source of a broken link
    site_url: str = ""
    waiting: int = 0  # brands not published while they wait for review (三审)


def build(root: Path, strict: bool = False, site_dir: Path = Path("site"), work_name: str = "build",
          timings: bool = False, quiet: bool = False, full: bool = False,
          updated: dict[Path, dt.date] | None = None) -> dict | None:
    """The CLI's build, in two processes: loading, checking and producing in a forked child, and the engine in
    this one after the child has exited (the loaded project and the engine's rendered pages are each several
    hundred MB at 10,000 brands, and in one process their peaks would add up). What it made (see
    `closing_line`), or None after printing why not. ``timings`` adds a line with each stage's time (the
    budget in developers/benchmarks.md compares everything outside the engine with the engine). Progress goes
    to stderr: a live line on a terminal, a line per stage otherwise, none with ``quiet``. The engine renders only the pages
    whose inputs changed since the last build; ``full`` renders all. ``updated``: the brands' last updates,
    when the nothing-changed check has read them (the child is handed them instead of reading them again)."""
    started = time.perf_counter()
    mode = mode_for(sys.stderr, quiet)
    site, building = targets(site_dir)
    work = paths.work(root, work_name)
    # fork is fast, but only safe with no other thread that could hold a lock at the moment of forking
    method = "fork" if threading.active_count() == 1 else "spawn"
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(method))
    links = None
    try:
        try:
            child = pool.submit(_prepare_alone, root, strict, work_name, building, mode, updated)  # forks now
            links = _LinkChecker()  # (after the fork: it starts a thread)
            # the building folder meanwhile, in a thread: mostly the file system's work, which waits on neither
            readying = ThreadPoolExecutor(max_workers=1, thread_name_prefix="brandsite-site")
            ready = readying.submit(_make_ready, work, site, building, full)
            readying.shutdown(wait=False)
            # the engine's imports and dictionary meanwhile, in a thread, so a build that cannot go on (the
            # child's findings) reports at once instead of after them
            # (a full build takes nothing of the last one's pages: they are not read)
            warming = _Beside("brandsite-warm-up", engine.warm_up, None if full else _pages(work))
            prepared, messages = child.result()
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
        return _after_child(prepared, messages, pool, warming, ready, links, strict, site, building, site_dir,
                            started, mode, full, timings)
    finally:
        if links is not None:  # (on every way out: its process would keep this one from ending)
            links.close()


def _after_child(prepared, messages, pool, warming, ready, links, strict, site, building, site_dir, started, mode,
                 full, timings) -> dict | None:
    """The parent's part once the child has prepared the docs tree: the engine, the link check, the swap."""
    if prepared is None:
        pool.shutdown()
        sys.stderr.write(messages)
        wait([ready])  # (said at once; the next build empties what the folder holds: its record is gone)
        return None
    with display(mode).stage("交给网站引擎"):  # the child lets go of the project: a second at 1,000 brands
        pool.shutdown()
        pages_ahead = warming.result()
        wait([ready])
    sys.stderr.write(messages)
    try:
        ready.result()
    except OSError as exc:
        _failed(f"写入文件失败（{why(exc)}）", sys.stderr)
        return None
    engine_started = time.perf_counter()
    ahead, pages_ahead = [pages_ahead], None  # handed over whole: the engine lets it go once it has used it
    facts = _engine(prepared, strict, site, building, site_dir, started, "已生成网站", sys.stderr,
                    progress=display(mode), full=full, made_ready=True, pages_ahead=ahead, check_links=links.check)
    if facts is None:
        return None
    if timings:
        print(_timings(prepared.seconds, engine_started - started, time.perf_counter() - engine_started))
    return facts


def _timings(child: dict[str, float], outside: float, engine_s: float) -> str:
    """Everything before the engine counts as outside it, starting the child process included."""
    other = outside - child["load"] - child["produce"]
    return (f"各阶段用时：读取与检查 {child['load']:.2f} 秒，生成页面 {child['produce']:.2f} 秒，"
            f"子进程启动与交接 {other:.2f} 秒，引擎 {engine_s:.2f} 秒；"
            f"引擎以外共 {outside:.2f} 秒，为引擎用时的 {outside / engine_s:.0%}")


def make(root: Path, strict: bool = False, site_dir: Path = Path("site"), work_name: str = "build",
         session: engine.Session | None = None, done: str = "已生成网站", err: TextIO | None = None,
         progress: Progress = NULL, full: bool = False) -> Project | None:
    """Build the site in this process; the loaded project on success, None after printing why not.

    ``work_name`` names the folder under .brandsite/ for the generated docs tree, so a preview
    (serve) and a build can run side by side; the caches under .brandsite/cache are shared.
    ``session`` keeps the engine's state for `serve` to render single pages again; ``done`` opens
    the closing line ("预览已更新" for `serve`, which does not name its staging folder); problems are
    printed to ``err`` (stderr by default: `serve` collects them per build, from a thread)."""
    err = err or sys.stderr
    started = time.perf_counter()
    site, building = targets(site_dir)
    project = _load(root, strict, err, progress)
    if project is None:
        return None
    prepared = _prepare(project, root, work_name, building, err, progress)
    if prepared is None or not _engine(prepared, strict, site, building, site_dir, started, done, err, session,
                                       progress, full):
        return None
    return project


def targets(site_dir: Path) -> tuple[Path, Path]:
    site = site_dir if site_dir.is_absolute() else (Path.cwd() / site_dir)
    return site, site.parent / f".{site.name}.building"


def _prepare_alone(root: Path, strict: bool, work_name: str, building: Path, mode: str = "quiet",
                   updated: dict[Path, dt.date] | None = None) -> tuple[Prepared | None, str]:
    """In the child process: the prepared tree and the messages for the parent to print (after the
    progress display, which this process draws on the inherited stderr, has been cleared)."""
    err = io.StringIO()
    started = time.perf_counter()
    progress = display(mode)
    project = _load(root, strict, err, progress, updated)
    if project is None:
        return None, err.getvalue()
    loaded = time.perf_counter()
    prepared = _prepare(project, root, work_name, building, err, progress, defer_images=True)
    if prepared is not None:
        prepared = replace(prepared, seconds={"load": loaded - started, "produce": time.perf_counter() - loaded})
    return prepared, err.getvalue()


def _prepare(project: Project, root: Path, work_name: str, building: Path, err: TextIO,
             progress: Progress = NULL, defer_images: bool = False) -> Prepared | None:
    """The generated docs tree and engine configuration under .brandsite/<work_name>; with ``defer_images``,
    the images missing from the cache are left for the engine's process (see `_encoding`)."""
    from generator.produce.site import write_docs

    work = paths.work(root, work_name)
    cache = paths.cache(root)
    try:
        work.mkdir(parents=True, exist_ok=True)
        produced = write_docs(project, work, cache, progress, defer_images)
        cards = produced.cards
        config = engine.write_config(work, project.config.config_file.resolve(), paths.docs(work), building,
                                     project.config.raw, project.config.news_dir)
    except OSError as exc:
        _failed(f"写入文件失败（{why(exc)}）", err)
        return None
    newest = max([c.updated for c in cards] + [p.date for p in project.published_news], default=None)
    waiting = sum(1 for b in project.brands if b.waits_for_review)
    return Prepared(config, work, newest, len(cards), sum(1 for b in project.brands if b.is_draft) - waiting,
                    produced.images_encoded, produced.images_reused, linked=paths.linked(work), waiting=waiting,
                    pending=produced.pending, deferred=produced.deferred, code=project.code,
                    news=bool(project.published_news), root=project.config.root, site_url=project.config.site_url)


def _engine(prepared: Prepared, strict: bool, site: Path, building: Path, site_dir: Path, started: float, done: str,
            err: TextIO, session: engine.Session | None = None, progress: Progress = NULL,
            full: bool = False, made_ready: bool = False, pages_ahead=None,
            check_links=site_links.check_built) -> dict | None:
    """Run the engine into the building folder, check that every link, anchor and asset in it resolves, and
    swap it in; what it made (see `closing_line`), or None after printing why not. The rendered pages are kept under .brandsite/cache/pages/<work>, one set per
    docs tree (a preview's and a build's); ``pages_ahead`` holds what `engine.warm_up` read of them (in a list
    the engine empties, so nothing else keeps it)."""
    try:
        if not made_ready:
            _make_ready(prepared.work, site, building, full)
        with _encoding(prepared, progress) as images_ready:
            built = engine.build(prepared.config, strict=strict, jieba_user=paths.search_words(prepared.work),
                                 content_date=prepared.newest, cache=paths.cache_of(prepared.work),
                                 session=session, progress=progress,
                                 pages=_pages(prepared.work),
                                 full=full, linked=prepared.linked, linked_ready=images_ready,
                                 pages_ahead=pages_ahead.pop() if pages_ahead else None, code=prepared.code,
                                 blog=prepared.news)
        with progress.stage("检查站内链接"):
            broken = check_links(building, prepared.root, shown=site_dir.as_posix(), own_url=prepared.site_url,
                                 memo=paths.site_links(paths.cache_of(prepared.work)))
    except (engine.EngineError, OSError) as exc:
        shutil.rmtree(building, ignore_errors=True)
        _failed(exc if isinstance(exc, engine.EngineError) else f"写入文件失败（{why(exc)}）", err)
        return None
    if site_links.report(broken, err):  # a page that cannot be reached fails an inspection: the live site stays
        shutil.rmtree(building, ignore_errors=True)
        return None
    if swap(building, site, leave_previous=True):
        store.write_table(paths.previous_site(prepared.work), {"folder": os.fspath(building)})
    for message in built.warnings:
        print(f"引擎警告：{message}", file=err)
    facts = {"brands": prepared.brands, "drafts": prepared.drafts, "waiting": prepared.waiting, "pages": built.pages,
             "reused": built.reused, "images_encoded": prepared.images_encoded, "images_reused": prepared.images_reused}
    where = site_dir if done == "已生成网站" else None
    print(closing_line(done, facts, time.perf_counter() - started, where), flush=True)
    return facts


def _make_ready(work: Path, site: Path, building: Path, full: bool) -> None:
    """The building folder as the engine takes it: the site before the live one, which this build brings up to
    date in place (engine/reuse.py), when the record says it is whole (not after a killed build, nor for
    --full), else emptied; then, but for --full, whatever the live site shares with the caches is linked into
    it where it is not yet (`_link_shared`: the first build after a cold one, or after a change of caches,
    would otherwise link every page and image while the engine waits)."""
    whole = paths.previous_site(work)
    holds_previous = store.read_table(whole).get("folder") == os.fspath(building)
    whole.unlink(missing_ok=True)
    if building.is_dir() and not building.is_symlink():
        if full or not holds_previous:
            empty(building)  # its folders are kept: making them again is dearer than emptying them
    elif building.exists() or building.is_symlink():
        building.unlink()
    if not full and site.is_dir() and not site.is_symlink():
        _link_shared(site, building, [paths.images(paths.cache_of(work)), paths.page_html(_pages(work))])


def _link_shared(live: Path, building: Path, caches: list[Path]) -> None:
    """Link into ``building`` every file of the ``live`` site that is a file of the ``caches`` (a reused page's
    stored HTML, an image), at the same place: where the folder was emptied, or holds a site made from older
    caches, the engine then finds most of the site in place (`Tree.link` sees the same file) instead of
    linking thirty thousand files one after another while it renders. Only the caches' files are linked,
    never one the engine writes (the sitemap's gzip file is written through): the building folder must share
    nothing else with the live site."""
    known = set()
    for cache in caches:
        _inodes(os.fspath(cache), known)
    if known:
        _link_known(os.fspath(live), os.fspath(building), known, Tree(building))


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


def _link_known(live: str, building: str, known: set[int], out: Tree) -> None:
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
                out.link(entry.path, dest, or_copy=False)
            except OSError:  # (another file system: the engine's to sort out)
                pass


def _pages(work: Path) -> Path:
    """Where the engine's rendered pages are kept for the docs tree ``work`` (.brandsite/<work_name>)."""
    return paths.pages(paths.cache_of(work), work.name)


class _LinkChecker:
    """The link check of `brandsite build` in a process of its own, started with the build so that its imports
    are done by the time the engine has finished. At 10,000 brands the engine's process holds a gigabyte when it
    is done, which Python does not give back, and the check's third of one would come on top of it."""

    def __init__(self):
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        self._pool.submit(importlib.import_module, site_links.__name__)

    def check(self, *args, **kwargs):
        return self._pool.submit(site_links.check_built, *args, **kwargs).result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)  # (an idle worker: it ends at once)


class _Beside(threading.Thread):
    """``function`` run in a thread beside the child process, started at once; `result` waits for what it
    returned. A daemon: a build that cannot go on leaves without waiting for it."""

    def __init__(self, name: str, function, *args):
        super().__init__(name=name, daemon=True)
        self._function, self._args, self._value = function, args, None
        self.start()

    def run(self) -> None:
        self._value = self._function(*self._args)

    def result(self):
        """What ``function`` returned, handed over: the thread keeps no reference to it."""
        self.join()
        value, self._value = self._value, None
        return value


class _Counted(Progress):
    """Counts what a stage in another thread has done, for a stage shown later to catch up with."""

    def __init__(self):
        self.done = 0

    @contextlib.contextmanager
    def stage(self, label: str, total: int = 0):
        counted = self

        class Counting(Stage):
            def advance(self, n: int = 1) -> None:
                super().advance(n)
                counted.done += n

        yield Counting(label, total)


@contextlib.contextmanager
def _encoding(prepared: Prepared, progress: Progress):
    """The images the child left (`Prepared.pending`), encoded in threads of this process while the engine
    renders on one core: Pillow lets them run on the other. Yields what the engine calls before it links the
    site's images: it waits for them, showing how many are done (the stage 处理图片), and makes the docs tree's
    links to them. A failed build waits as well, so no encoder is cut off half way (the cache only ever holds
    whole files, under temporary names until then)."""
    if not prepared.pending:
        yield None
        return
    from generator.produce import images

    counted = _Counted()
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="brandsite-images")
    encoded = pool.submit(images.encode, prepared.pending, paths.images(paths.cache_of(prepared.work)), counted)

    def ready() -> None:
        with progress.stage("处理图片", len(prepared.pending)) as stage:
            while True:
                stage.advance(counted.done - stage.done)
                try:
                    encoded.result(timeout=0.2)
                    break
                except FutureTimeout:
                    pass
            stage.advance(len(prepared.pending) - stage.done)
        linked = Tree(prepared.linked)
        for path, source in prepared.deferred.items():
            linked.link(source, path)

    try:
        yield ready
    except Exception:
        pool.shutdown(wait=True)
        raise
    except BaseException:  # interrupted: nobody waits for the encoders, whose files are not in place yet
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def closing_line(done: str, facts: dict, seconds: float, site_dir: Path | None) -> str:
    """The one line a build ends with: what it made, what it reused, how long it took, where it went."""
    held = [f"{what} {count} 个" for what, count in (("草稿", facts["drafts"]), ("待审核", facts.get("waiting", 0))) if count]
    note = f"（{'、'.join(held)}未发布）" if held else ""
    where = f"，输出到 {site_dir.as_posix().rstrip('/')}/" if site_dir is not None else ""
    return (f"{done}：{facts['brands']} 个品牌{note}，页面 {facts['pages']} 个（重新生成 "
            f"{facts['pages'] - facts['reused']}、沿用 {facts['reused']}），图片新处理 {facts['images_encoded']} 张、"
            f"沿用 {facts['images_reused']} 张，用时 {seconds:.1f} 秒{where}")


def _failed(reason, err: TextIO) -> None:
    print(f"错误：{reason}，原有网站保持不变。", file=err)
