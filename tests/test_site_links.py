"""Links of the built site: every internal link, anchor and asset resolves, tel: and mailto: are well formed, each
broken one named at the source it came from; `brandsite links --external` checks other sites' addresses on a
local server (never the internet), a few at a time, within its time limits, with a cache."""

from __future__ import annotations

import http.server
import time

import pytest

from generator import build
from generator.check import site_links
from tests.conftest import serving

STORY = """\
# 品牌故事

我们和[兄弟品牌](../bucunzai/)一起服务群众，[开放日](../../kaifangri/)也欢迎参加。

回到[品牌页顶部](#meiyou-zhege)；来电请[拨打](tel:0532-电话)，来信请写[邮件](mailto:fuwu-at-qd)。
"""


@pytest.fixture
def built(site, monkeypatch):
    """A site built with the broken links of STORY in it, as a build without its own link check would leave it
    (the build refuses it: `test_a_build_with_broken_links_is_refused_and_the_live_site_stays`)."""
    folder = site.brand()
    (folder / "story.md").write_text(STORY, "utf-8")
    with monkeypatch.context() as without_the_check:
        without_the_check.setattr(build._LinkChecker, "check", lambda self, *args, **kwargs: [])
        assert site.run("build", "-q") == 0
    return site


def test_a_build_with_broken_links_is_refused_and_the_live_site_stays(site, capsys):
    folder = site.brand()
    assert site.run("build", "-q") == 0
    page = site.root / "site" / "brands" / "wendang" / "index.html"
    before = page.read_bytes()
    (folder / "story.md").write_text(STORY, "utf-8")
    capsys.readouterr()
    assert site.run("build", "-q") == 1
    err = capsys.readouterr().err
    assert "brands/wendang/story.md:3:11: 错误 link.broken [链接与资源] /brands/wendang/ 中的链接“../bucunzai/”指向的页面不存在" in err
    assert "生成的网站里有 5 处链接或资源打不开，网站未更新（上线的仍是上一版本）。" in err
    assert "Traceback" not in err
    assert page.read_bytes() == before  # the visitor still sees the last good version
    (folder / "story.md").write_text("# 品牌故事\n\n我们和兄弟品牌一起服务群众。\n", "utf-8")
    assert site.run("build", "-q") == 0  # mended: built, from the folder the refused build left behind


def test_broken_links_are_named_at_their_line_in_the_story(built):
    found = site_links.check_built(built.root / "site", built.root)
    lines = [f"{f.path}:{f.position.line}:{f.position.column}: {f.rule} {f.message}" for f in found]
    assert lines[0].startswith("brands/wendang/story.md:3:11: link.broken /brands/wendang/ 中的链接“../bucunzai/”指向的页面不存在")
    assert any(line.startswith("brands/wendang/story.md:3:") and "link.broken" in line and "../../kaifangri/" in line for line in lines)
    assert any(line.startswith("brands/wendang/story.md:5:11: link.anchor") and "没有“#meiyou-zhege”" in line for line in lines)
    assert any(line.startswith("brands/wendang/story.md:5:") and "link.tel" in line and "“tel:0532-电话”" in line for line in lines)
    assert any(line.startswith("brands/wendang/story.md:5:") and "link.mailto" in line for line in lines)
    assert len(found) == 5, lines


def test_a_missing_asset_names_the_built_page(built):
    logo = next((built.root / "site" / "brands" / "wendang").glob("*.webp"), None) or next(
        p for p in (built.root / "site" / "brands" / "wendang").iterdir() if p.suffix in (".png", ".jpg", ".webp"))
    logo.unlink()
    found = [f for f in site_links.check_built(built.root / "site", built.root) if f.rule == "asset.missing"]
    assert found and logo.name in found[0].message and "指向的图片或资源文件不存在" in found[0].message


def test_links_command_reports_in_chinese_and_fails(built, capsys):
    assert built.run("links") == 1
    out = capsys.readouterr().out
    assert "brands/wendang/story.md:3:11: 错误 link.broken [链接与资源]" in out
    assert "站内链接、锚点和资源：5 处打不开。" in out


def test_links_command_without_a_built_site(site, capsys):
    site.brand()
    assert site.run("links") == 1
    assert "还没有生成网站" in capsys.readouterr().err


def test_demo_site_has_no_broken_link(demo_site):
    """Nothing brandsite's templates make is broken (the fixture's build has checked it already: this says so
    for the demo with its drafts, hostile and long brands, whatever the build does)."""
    assert site_links.check_built(demo_site / "site", demo_site) == []


class _Handler(http.server.BaseHTTPRequestHandler):
    hits: dict = {}

    def _answer(self, body: bool):
        path = self.path.split("?")[0]
        _Handler.hits[path] = _Handler.hits.get(path, 0) + 1
        if path == "/slow":
            time.sleep(3)
        if path == "/nohead" and self.command == "HEAD":
            self.send_response(405)
        elif path in ("/ok", "/slow", "/nohead"):
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)

    def log_message(self, *args):
        pass


def _no_footer_links(site):
    """The footer links the record numbers to the registries' sites: these tests ask only the local server."""
    import re

    config = site.root / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^\s+(icp|police):.*\n", "", config.read_text("utf-8")), "utf-8")


def _server():
    return serving(_Handler)


def test_external_links_on_a_local_server(site, capsys):
    _Handler.hits.clear()
    with _server() as base:
        _no_footer_links(site)
        folder = site.brand()
        (folder / "story.md").write_text(
            f"# 故事\n\n办事请上[门户]({base}/ok)，旧的[指南]({base}/gone)已撤下，"
            f"[慢的]({base}/slow)，[不认 HEAD 的]({base}/nohead)。\n", "utf-8")
        assert site.run("build", "-q") == 0
        capsys.readouterr()
        code = site.run("links", "--external", "--timeout", "1", "--workers", "2")
        out = capsys.readouterr().out
        assert code == 1
        assert f"打不开：{base}/gone（HTTP 404）\n  出现在：brands/wendang/story.md:3:" in out
        assert f"打不开：{base}/slow（超时（1 秒内没有响应））" in out
        assert "外部链接：共 4 个，可以打开 2 个，打不开 2 个。" in out
        assert _Handler.hits["/ok"] == 1
        # the second run asks again only about what failed
        code = site.run("links", "--external", "--timeout", "1")
        out = capsys.readouterr().out
        assert _Handler.hits["/ok"] == 1 and _Handler.hits["/gone"] >= 2
        assert "可以打开 2 个（其中 2 个沿用 24 小时内的检查结果）" in out


def test_external_check_stops_at_its_time_budget(site, capsys):
    _Handler.hits.clear()
    with _server() as base:
        _no_footer_links(site)
        folder = site.brand()
        (folder / "story.md").write_text("# 故事\n\n" + "".join(f"[慢{i}]({base}/slow?{i})" for i in range(4)) + "\n", "utf-8")
        assert site.run("build", "-q") == 0
        capsys.readouterr()
        started = time.monotonic()
        code = site.run("links", "--external", "--timeout", "10", "--workers", "1", "--budget", "1")
        assert time.monotonic() - started < 3
        out = capsys.readouterr().out
        assert code == 1 and "未检查完" in out and "超过总时限 1 秒" in out


def test_a_second_check_reads_only_the_pages_that_changed(built, tmp_path, monkeypatch):
    memo = tmp_path / "links.memo"
    first = site_links.check_built(built.root / "site", built.root, memo=memo)
    read = []
    original = site_links.Page.text.fget

    def counting(page):
        read.append(page.path)
        return original(page)

    monkeypatch.setattr(site_links.Page, "text", property(counting))
    page = built.root / "site" / "about" / "index.html"
    if not page.is_file():
        page = built.root / "site" / "index.html"
    page.write_text(page.read_text("utf-8").replace("</body>", '<a href="nowhere/">坏链接</a></body>'), "utf-8")
    again = site_links.check_built(built.root / "site", built.root, memo=memo)
    assert {p for p in read if p.endswith(".html")} <= {page.relative_to(built.root / "site").as_posix()}
    assert len(again) == len(first) + 1
