"""generator/internals.py: the version check that guards what brandsite uses of MkDocs, Material and jieba
beyond their promises; MkDocs' `write_file` as each build (and only that build) replaces it; and a build's
warnings, which are its own thread's."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator import internals
from generator.engine.reuse import written_anew
from generator.incremental.tree import Tree
from tests.conftest import REPO

INSTALL = "请安装 pyproject.toml 中写明的版本（pip install -e .）"  # spelled out: the message is what a user reads


# -- the version check ----------------------------------------------------------------------------------------

def _installed_as(folder: Path, name: str, version: str) -> Path:
    """A folder that, put before the real packages on the path, makes ``name`` look installed at ``version``:
    the metadata Python reads for it (the package's code stays the one installed)."""
    info = folder / f"{name}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", "utf-8")
    return folder


def _brandsite(root: Path, *args: str, shadow: Path) -> subprocess.CompletedProcess:
    path = os.pathsep.join([str(REPO), str(shadow), *filter(None, [os.environ.get("PYTHONPATH")])])
    return subprocess.run([sys.executable, "-m", "generator", "-C", str(root), *args], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": path}, timeout=300)


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_installed_versions_are_the_tested_ones():
    internals.check()


def test_an_untested_mkdocs_stops_the_build_with_one_chinese_line_and_the_site_stays(site, tmp_path):
    site.brand()
    assert site.run("build", "-q") == 0
    before = _snapshot(site.root / "site")
    done = _brandsite(site.root, "build", "-q", shadow=_installed_as(tmp_path / "shadow", "mkdocs", "2.0.0"))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == [f"错误：网站引擎 mkdocs 2.0.0 未经 brandsite 测试（已测试 1.6.x）：{INSTALL}，原有网站保持不变。"], done.stderr
    assert _snapshot(site.root / "site") == before


def test_an_untested_jieba_stops_a_first_build_in_its_child_process(site, tmp_path):
    """A first build cuts the brands' names with jieba while it produces, in its child process: the check there
    reaches the command line as the same one line."""
    site.brand()
    done = _brandsite(site.root, "build", "-q", shadow=_installed_as(tmp_path / "shadow", "jieba", "0.43.0"))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [f"错误：中文分词 jieba 0.43.0 未经 brandsite 测试（已测试 0.42.x）：{INSTALL}"]
    assert not (site.root / "site").exists()


def test_an_untested_jieba_stops_new_before_it_writes(site, tmp_path):
    site.brand()
    done = _brandsite(site.root, "new", "便民服务站", "--unit", "某某局",
                      shadow=_installed_as(tmp_path / "shadow", "jieba", "0.43.0"))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert "中文分词 jieba 0.43.0 未经 brandsite 测试（已测试 0.42.x）" in done.stderr
    assert sorted(p.name for p in (site.root / "brands").iterdir()) == ["wendang"]


# -- MkDocs' write_file, per build ----------------------------------------------------------------------------

def _linked(folder: Path, name: str, text: str, partner: Path) -> Path:
    """``folder/name`` holding ``text``, a hard link shared with ``partner`` (as a tree shares with the caches)."""
    partner.parent.mkdir(parents=True, exist_ok=True)
    partner.write_text(text, "utf-8")
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    os.link(partner, path)
    return path


class _Build(threading.Thread):
    """A build's scope (`written_anew`, as the engine enters it) held open in a thread of its own: it writes
    ``path`` through MkDocs when told to, and leaves when told to."""

    def __init__(self, tree: Path):
        super().__init__(daemon=True)
        self.tree = tree
        self.inside, self.write, self.written, self.leave = (threading.Event() for _ in range(4))
        self.path: Path | None = None
        self.error: BaseException | None = None
        self.start()
        assert self.inside.wait(10)

    def run(self) -> None:
        from mkdocs import utils

        try:
            with written_anew(Tree(self.tree)):
                self.inside.set()
                while not self.leave.is_set():
                    if self.write.wait(0.01):
                        self.write.clear()
                        utils.write_file("这次生成的".encode(), str(self.path))
                        self.written.set()
        except BaseException as exc:  # noqa: BLE001 - told to the test, which fails on it
            self.error = exc
            self.inside.set()

    def writes(self, path: Path) -> None:
        self.path = path
        self.write.set()
        assert self.written.wait(10)
        self.written.clear()

    def ends(self) -> None:
        self.leave.set()
        self.join(10)
        assert self.error is None, self.error


def test_a_write_from_another_thread_is_not_the_builds(tmp_path):
    """While a build is inside its scope, MkDocs' write_file called from another thread (a `serve` quick
    render) is MkDocs' own: the file lands where it was asked, and the build's tree is not touched."""
    from mkdocs import utils

    tree = tmp_path / "site"
    in_tree = _linked(tree, "brands/a/index.html", "上次的", tmp_path / "cache" / "a.html")
    build = _Build(tree)
    try:
        elsewhere = _linked(tmp_path / "preview", "index.html", "预览的", tmp_path / "cache" / "b.html")
        utils.write_file("另一线程的".encode(), str(elsewhere))
        utils.write_file("新文件".encode(), str(tmp_path / "preview" / "new" / "index.html"))
        # written as MkDocs writes, into the file in its place: through its link, which the build would have cut
        assert (tmp_path / "cache" / "b.html").read_text("utf-8") == "另一线程的"
        assert (tmp_path / "preview" / "new" / "index.html").read_text("utf-8") == "新文件"
        assert in_tree.read_text("utf-8") == "上次的" and os.stat(in_tree).st_nlink == 2

        build.writes(in_tree)  # the build's own write replaces its file: the cache keeps what it held
        assert in_tree.read_text("utf-8") == "这次生成的"
        assert (tmp_path / "cache" / "a.html").read_text("utf-8") == "上次的"
        assert os.stat(in_tree).st_nlink == 1
    finally:
        build.ends()


def test_two_builds_in_two_threads_keep_their_own_writes_whichever_ends_first(tmp_path):
    """A build that ends first does not take the replacement away from one still running."""
    first, second = _Build(tmp_path / "one"), _Build(tmp_path / "two")
    first.ends()
    try:
        path = _linked(tmp_path / "two", "index.html", "上次的", tmp_path / "cache" / "two.html")
        second.writes(path)
        assert path.read_text("utf-8") == "这次生成的"
        assert (tmp_path / "cache" / "two.html").read_text("utf-8") == "上次的"
    finally:
        second.ends()


def test_after_a_build_mkdocs_writes_as_it_always_did(tmp_path):
    from mkdocs import utils

    _Build(tmp_path / "site").ends()
    path = _linked(tmp_path / "elsewhere", "index.html", "原来的", tmp_path / "cache" / "c.html")
    utils.write_file("后来的".encode(), str(path))
    assert (tmp_path / "cache" / "c.html").read_text("utf-8") == "后来的"


def test_a_quick_render_beside_a_build_lands_in_its_own_site(site, tmp_path):
    """`serve`'s quick render (the engine session a real build kept) while another build is inside its scope:
    the page is rendered into the preview, the page cache it was linked to keeps its bytes, and the other
    build's tree sees nothing of it."""
    from generator.engine.mkdocs import Session
    from generator import build
    from generator.incremental import paths

    site.brand()
    session = Session()
    preview = site.root / ".brandsite" / "preview" / "site"
    assert build.make(site.root, site_dir=preview, work_name="preview", session=session) is not None
    page = preview / "brands" / "wendang" / "index.html"
    cached = page.read_bytes()
    os.link(page, tmp_path / "partner.html")  # as the page cache shares the page's file
    source = paths.docs(paths.work(site.root, "preview")) / "brands" / "wendang" / "index.md"
    edited = tmp_path / "quick" / "brands" / "wendang" / "index.md"
    edited.parent.mkdir(parents=True)
    edited.write_text(source.read_text("utf-8").replace("档案连着你我", "快速预览的口号"), "utf-8")

    other = tmp_path / "other-build"
    other.mkdir()
    build_beside = _Build(other)
    try:
        assert session.render("brands/wendang/index.md", edited, preview)
    finally:
        build_beside.ends()
    assert "快速预览的口号" in page.read_text("utf-8")
    assert (tmp_path / "partner.html").read_bytes() == cached  # replaced, not written through
    assert list(other.iterdir()) == []


@pytest.mark.parametrize("modified", [True, False])
def test_set_modified_is_what_mkdocs_dirty_build_asks(tmp_path, modified):
    from mkdocs.structure.files import File

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("# A\n", "utf-8")
    file = File("a.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)
    internals.set_modified(file, modified)
    assert file.is_modified() is modified


# -- a build's warnings, per page -----------------------------------------------------------------------------

def test_a_builds_page_warnings_are_its_own_threads(tmp_path):
    """A build files the engine's warnings under the page it is rendering, to say them again when it reuses
    the page; a warning logged meanwhile in another thread (a `serve` quick render's) is not that page's."""
    import logging

    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    from generator.engine.reuse import Reuse

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# 首页\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\n", "utf-8")
    said = logging.getLogger("mkdocs.plugins.test_internals")

    class Warns(BasePlugin):
        def on_page_markdown(self, markdown, page, config, files):
            said.warning("本页的警告")
            beside = threading.Thread(target=said.warning, args=("另一线程的警告",))
            beside.start()
            beside.join()
            return markdown

    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins["warns"] = Warns()
    files = get_files(config)
    reuse = Reuse(None)
    reuse.config(config)
    try:
        internals.populate_page(Page(None, files.get_file_from_path("index.md"), config), config, files)
    finally:
        reuse.stop()
    assert reuse.warnings.by_page == {"index.md": ["本页的警告"]}
