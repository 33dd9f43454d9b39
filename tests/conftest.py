"""Shared fixtures: a throw-away site with real files, and the real CLI run in-process."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import textwrap
import threading
from pathlib import Path

import pytest
from PIL import Image

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; a test tool's own browser download does not work here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


DEMO_PARTS = ("mkdocs.yml", "content", "brands", "assets", "scores")

# The demo's mkdocs.yml ships placeholders for the site's identity (deploy, publish and the kiosk refuse them);
# the sites tests make carry real-looking marks instead.
SITE_URL = "https://pinpai.jgsw.gov.cn/"
IDENTITY = {
    "site_url: https://brands.example.gov.cn/": f"site_url: {SITE_URL}",
    'site_code: "0000000000"': 'site_code: "3702000042"',
    "icp: 某ICP备00000000号-1": "icp: 鲁ICP备05012345号-1",
    "police: 某公网安备 00000000000000号": "police: 鲁公网安备 37020202000123号",
}


def real_identity(config: Path) -> Path:
    """``config`` (a copy of the demo's mkdocs.yml) with real-looking identity marks instead of placeholders."""
    text = config.read_text("utf-8")
    for placeholder, real in IDENTITY.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, real)
    config.write_text(text, "utf-8")
    return config


def copy_demo(root: Path, parts=DEMO_PARTS, warm: bool = True) -> Path:
    """The repository's demo site (or the named parts of it), copied into ``root``. ``warm`` also copies
    the image cache of one real build of the demo, so a copy does not encode the same photos again
    (a copy that must start cold, as a first build does, says warm=False)."""
    for name in parts:
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    if "mkdocs.yml" in parts:
        real_identity(root / "mkdocs.yml")
        # the demo's newest post ages with the calendar: its column counts as fresh in the copies, so that what
        # a test sees does not depend on the day it runs (tests/test_freshness.py tests the warning)
        config = root / "mkdocs.yml"
        config.write_text(config.read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n      news_fresh_days: 3650\n"),
                          "utf-8")
    if warm and parts == DEMO_PARTS:
        for name in ("images", "qr"):
            shutil.copytree(_encoded_demo() / ".brandsite" / "cache" / name, root / ".brandsite" / "cache" / name)
    return root


@functools.cache
def _encoded_demo() -> Path:
    """One cold build of the demo per test run, in a folder removed when the run ends."""
    import atexit
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="brandsite-encoded-"))
    atexit.register(shutil.rmtree, root, True)
    copy_demo(root, warm=False)
    assert main(["-C", str(root), "build", "-q"]) == 0
    return root


def add_draft_brand(root: Path, marker: str, slug: str = "caogao") -> Path:
    """A draft brand whose name is ``marker``, with the demo's logo and a photo; no output may show it."""
    draft = root / "brands" / slug
    (draft / "photos").mkdir(parents=True)
    (draft / "brand.yml").write_text(GOOD_BRAND.replace("name: 文档连心桥", f"name: {marker}") + "status: draft\n", "utf-8")
    shutil.copy(root / "brands" / "wendang-lianxinqiao" / "logo.png", draft / "logo.png")
    shutil.copy(root / "brands" / "wendang-lianxinqiao" / "logo.png", draft / "photos" / "hall.jpg")
    return draft


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, once per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_folder(folder: Path):
    """A local HTTP server for ``folder``; yields its base address."""
    with serving(functools.partial(_QuietHandler, directory=str(folder))) as address:
        yield address


@contextlib.contextmanager
def serving(handler):
    """A local HTTP server answering with ``handler`` on a free port, in a thread; yields its base address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()

@contextlib.contextmanager
def running_serve(root: Path, *options: str):
    """`brandsite serve` (with ``options``) on a free port, once it has said where; yields its address and
    a list that gathers what it prints (all of it once the block ends)."""
    import socket
    import subprocess
    import sys

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(root), "serve", "--port", str(port), *options],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    printed: list[str] = []
    try:
        for line in proc.stdout:
            printed.append(line)
            if "预览地址" in line:
                break
        yield f"http://127.0.0.1:{port}", printed
    finally:
        proc.terminate()
        printed.append(proc.communicate(timeout=30)[0])


GOOD_BRAND = """\
name: 文档连心桥
unit: 青岛市档案局
category: 政务服务
logo: logo.png
logo_meaning: 档案盒与拱桥相连
slogan: 档案连着你我
positioning: 面向市民提供档案查询服务
core_idea: 文档服务连民心
vision: 让每一份档案都能被找到
commitments:
  - 一般查询 30 分钟内出具结果
  - 复杂查档 3 个工作日内答复
  - 对行动不便的群众上门服务
standards:
  工作时限: 当日办结
  职权责任: 按岗位职责履职
  工作程序: 流程公开
  仪表服饰: 统一着装
  举止言行: 文明用语
culture:
  工作理念: 严谨细致
  学习理念: 求知奋进
  服务理念: 沟通理解
systems: [岗位责任制, 服务承诺制, 限时办结制, 首问负责制]
services: [档案查询]
contact:
  hotline: "12345"
  complaint: 局长信箱
  address: 档案馆利用大厅
  hours: 工作日 9:00—17:00
gallery:
  - file: photos/hall.jpg
    caption: 查档大厅
"""


DRAFT_MARKER = "草稿标记QX7Z"
# (the picture is a file of the site that is no picture, so a browser would fire its onerror: the build refuses a
# picture that is not there at all)
HOSTILE_STORY = """\
# 品牌故事

<script>window.__pwned = "script";</script>
<img src="../../feed.xml" onerror="window.__pwned = 'onerror'">
[点我看看](javascript:window.__pwned='link')
<a href="javascript:window.__pwned='anchor'">另一个链接</a>
<iframe src="https://example.com/"></iframe>
<p style="background:url(https://tracker.example/x.png)">正常的一段文字。</p>
"""


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The repository's demo site, plus a draft carrying a marker, built once for the whole run
    (read it, never change it: the browser, build and output tests share it)."""
    root = copy_demo(tmp_path_factory.mktemp("demo"))
    draft = add_draft_brand(root, DRAFT_MARKER)
    (draft / "story.md").write_text(f"# {DRAFT_MARKER}\n", "utf-8")
    post = root / "content" / "news" / "posts" / "caogao.md"
    post.write_text(f"---\ndate: 2026-11-01\ndraft: true\ncategories: [{DRAFT_MARKER}]\n---\n\n# {DRAFT_MARKER}\n\n正文。\n",
                    "utf-8")
    hostile = root / "brands" / "fangzhuru"
    hostile.mkdir()
    (hostile / "brand.yml").write_text(
        GOOD_BRAND.replace("name: 文档连心桥", "name: 防注入测试")
        .replace("slogan: 档案连着你我", "slogan: '口号\"><script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">'")
        .replace("gallery:\n  - file: photos/hall.jpg\n    caption: 查档大厅\n", ""), "utf-8")
    shutil.copy(root / "brands" / "wendang-lianxinqiao" / "logo.png", hostile / "logo.png")
    (hostile / "story.md").write_text(HOSTILE_STORY, "utf-8")
    long = root / "brands" / "changpian"
    long.mkdir()
    (long / "brand.yml").write_text(GOOD_BRAND.replace("name: 文档连心桥", "name: 长篇纪实测试")
                                    .replace("gallery:\n  - file: photos/hall.jpg\n    caption: 查档大厅\n", ""), "utf-8")
    shutil.copy(root / "brands" / "wendang-lianxinqiao" / "logo.png", long / "logo.png")
    (long / "story.md").write_text(LONG_STORY, "utf-8")
    assert main(["-C", str(root), "build", "-d", str(root / "site")]) == 0
    return root


# A story as editors paste it from a Word report: long paragraphs, a wide table, a long address and
# numbers with no place to break. A phone must show all of it without scrolling sideways.
LONG_STORY = "# 创建纪实\n\n" + "\n\n".join(
    ["## 一、基本情况", "服务大厅面向群众提供档案查询、出具证明等服务。" * 12,
     "| 年度 | 接待人次 | 办结件数 | 按时办结率 | 群众满意率 | 备注说明 |\n|---|---|---|---|---|---|\n"
     + "\n".join(f"| {2020 + i}年 | 12,{300 + i}人次 | 11,{800 + i}件 | 99.{i}% | 98.{i}% | 全年无投诉，窗口服务规范化建设达标 |"
                  for i in range(5)),
     "网上办事入口：https://www.example.gov.cn/zwfw/bsdt/dangan/chaxun/shenqing/index_20260101_0001.html",
     "档案编号：QD-2026-A0001-B0002-C0003-D0004-E0005-F0006-G0007-H0008",
     "## 二、主要做法", "> 坚持“一次办好”，群众办事少跑腿。" * 3,
     "1. 推行首问负责制\n2. 推行限时办结制\n   - 一般事项当日办结\n   - 复杂事项三个工作日内办结",
     "## 三、取得成效", "群众满意率连续五年保持在百分之九十八以上。" * 20])


def make_image(path: Path, size=(512, 512), fmt="PNG", color=(180, 30, 30)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, fmt)
    return path


class Site:
    """A site on disk: mkdocs.yml from the repo, brands written by the test."""

    def __init__(self, root: Path):
        self.root = root
        real_identity(Path(shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")))
        (root / "content").mkdir()
        (root / "content" / "index.md").write_text("# 测试站点\n", "utf-8")

    def brand(self, slug: str = "wendang", text: str = GOOD_BRAND, logo=(512, 512), photo=True) -> Path:
        folder = self.root / "brands" / slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "brand.yml").write_text(textwrap.dedent(text), "utf-8")
        if logo:
            make_image(folder / "logo.png", logo)
        if photo:
            make_image(folder / "photos" / "hall.jpg", (800, 600), "JPEG")
        return folder

    def run(self, *args: str) -> int:
        return main(["-C", str(self.root), *args])


@pytest.fixture
def site(tmp_path) -> Site:
    return Site(tmp_path)


@pytest.fixture
def check(site, capsys):
    """Run `brandsite check` on the site; returns (exit code, output lines)."""

    def run(*args: str):
        code = site.run("check", "--quiet", *args)
        out = capsys.readouterr()
        return code, (out.out + out.err).splitlines()

    return run
