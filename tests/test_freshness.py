"""Column freshness: `check` and `build` warn when the newest news post is older than the site's
news_fresh_days (14 by default), naming its date; no empty column or category page is published."""

from __future__ import annotations

import datetime as dt

import pytest


def _news(site, *ages: int):
    folder = site.root / "content" / "news"
    (folder / "posts").mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text("# 创建动态\n", "utf-8")
    for i, age in enumerate(ages):
        day = dt.date.today() - dt.timedelta(days=age)
        (folder / "posts" / f"p{i}.md").write_text(f"---\ndate: {day}\n---\n\n# 第{i + 1}篇动态\n\n正文。\n", "utf-8")
    return folder


def _setting(site, text: str):
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n" + text), "utf-8")


def test_a_silent_column_is_a_warning_naming_the_date(site, check):
    site.brand()
    _news(site, 40, 20)
    code, lines = check()
    assert code == 0
    newest = dt.date.today() - dt.timedelta(days=20)
    assert f"content/news/posts/p1.md:2:1: 警告 news.stale [栏目更新] 动态栏目已 20 天没有更新：最新一篇“第2篇动态”发布于 {newest}，超过 14 天" \
        in "\n".join(lines), lines
    code, lines = check("--strict")
    assert code == 1


@pytest.mark.parametrize("ages, days, stale", [((3,), None, False), ((14,), None, False), ((15,), None, True),
                                               ((20,), 30, False), ((20,), 7, True)])
def test_the_limit_is_the_sites(site, check, ages, days, stale):
    site.brand()
    _news(site, *ages)
    if days:
        _setting(site, f"      news_fresh_days: {days}\n")
    code, lines = check()
    assert any(" news.stale [" in line for line in lines) is stale, lines


def test_a_column_without_posts_is_a_warning(site, check):
    site.brand()
    _news(site)
    code, lines = check()
    assert any(line.startswith("content/news/index.md:1:1: 警告 news.empty") for line in lines), lines


def test_a_bad_limit_is_said_in_chinese(site, check):
    site.brand()
    _setting(site, "      news_fresh_days: 两周\n")
    code, lines = check()
    assert code == 1
    assert any("news_fresh_days 应为 1—3650 之间的天数，这里是“两周”" in line for line in lines), lines


def test_build_warns_and_still_builds(site, capsys):
    site.brand()
    _news(site, 30)
    assert site.run("build", "-q") == 0
    err = capsys.readouterr().err
    assert "警告 news.stale [栏目更新] 动态栏目已 30 天没有更新" in err
    assert site.run("build", "-q", "--strict") == 1


def test_no_empty_category_page_is_published(site):
    """A category without brands has no gallery page, and a site without rounds no results page."""
    site.brand()
    assert site.run("build", "-q") == 0
    gallery = site.root / "site" / "gallery"
    assert [p.name for p in gallery.iterdir() if (p / "index.html").is_file()] == ["zhengwu-fuwu"]
    assert not (site.root / "site" / "leaderboard").exists()


def test_a_column_with_no_published_post_is_not_published(tmp_path):
    """No empty column page: without a published post the column, its page and its link in the navigation are
    left out of the site (the engine's blog would otherwise publish a page of its own), and check says so."""
    from generator.cli import main
    from tests.conftest import copy_demo

    root = copy_demo(tmp_path)
    for post in (root / "content" / "news" / "posts").glob("*.md"):
        post.unlink()
    assert main(["-C", str(root), "build", "-q"]) == 0
    site = root / "site"
    assert not (site / "news").exists()
    pages = [p.read_text("utf-8") for p in site.rglob("*.html")]
    assert not any('href="news/' in page or 'href="../news/' in page or 'href="../../news/' in page for page in pages)
    assert main(["-C", str(root), "check"]) == 0
