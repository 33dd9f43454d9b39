"""What the built demo site publishes besides pages: feeds, open data, images, marks, news, safety."""

from __future__ import annotations

import json
import re
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest
from PIL import Image

from generator.cli import main
from tests.conftest import DRAFT_MARKER


def published_slugs(root):
    return sorted(f.name for f in (root / "brands").iterdir()
                  if "status: draft" not in (f / "brand.yml").read_text("utf-8"))


def test_rss_feed_lists_brands_and_news_with_dates(demo_site):
    channel = ET.parse(demo_site / "site" / "feed.xml").getroot().find("channel")
    assert channel.findtext("title") == "机关服务品牌展示"
    assert channel.findtext("link") == "https://pinpai.jgsw.gov.cn/"
    items = channel.findall("item")
    links = [i.findtext("link") for i in items]
    assert "https://pinpai.jgsw.gov.cn/brands/wendang-lianxinqiao/" in links
    assert "https://pinpai.jgsw.gov.cn/news/2026/06/18/kaifangri/" in links
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert dates == sorted(dates, reverse=True) and all(d.utcoffset().total_seconds() == 8 * 3600 for d in dates)
    assert all(i.findtext("title") and i.findtext("guid") for i in items)


def test_json_feed_is_version_1_1(demo_site):
    feed = json.loads((demo_site / "site" / "feed.json").read_text("utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == "https://pinpai.jgsw.gov.cn/feed.json"
    ids = [i["id"] for i in feed["items"]]
    assert len(ids) == len(set(ids)) and "news:kaifangri" in ids
    post = next(i for i in feed["items"] if i["id"] == "news:kaifangri")
    assert post["date_published"] == "2026-06-18T00:00:00+08:00" and post["title"].startswith("“文档连心桥”开放日")


def test_feeds_carry_spotlights_and_results_announcements_in_full(demo_site):
    """A portal can ingest the column from the feed alone: full articles, images on the site itself."""
    import re

    content = "{http://purl.org/rss/1.0/modules/content/}encoded"
    items = {i.findtext("guid"): i for i in ET.parse(demo_site / "site" / "feed.xml").getroot().iter("item")}
    result = items["round:2026-q3"]
    assert result.findtext("title") == "2026年第三季度服务品牌创建评价结果公布"
    assert result.findtext("link") == "https://pinpai.jgsw.gov.cn/leaderboard/2026-q3/"
    assert "十佳服务品牌" in result.findtext(content) and "<table>" in result.findtext(content)
    feed = json.loads((demo_site / "site" / "feed.json").read_text("utf-8"))
    spotlight = next(i for i in feed["items"] if i["id"] == "brand:wendang-lianxinqiao")
    html = spotlight["content_html"]
    assert "服务承诺" in html and "查档利用即来即办" in html and "class=" not in html and "style=" not in html
    images = re.findall(r'<img src="([^"]+)"', html)
    assert len(images) == 3
    for url in images:  # every picture the feed shows is a file of the built site
        assert (demo_site / "site" / url.removeprefix("https://pinpai.jgsw.gov.cn/")).is_file(), url
    assert next(i for i in feed["items"] if i["id"] == "news:kaifangri")["content_text"]


def test_brands_api_lists_exactly_the_published_brands(demo_site):
    data = json.loads((demo_site / "site" / "api" / "brands.json").read_text("utf-8"))
    brands = data["brands"]
    assert sorted(b["slug"] for b in brands) == published_slugs(demo_site)
    wendang = next(b for b in brands if b["slug"] == "wendang-lianxinqiao")
    assert wendang["name"] == "文档连心桥" and wendang["unit"] == "青岛市档案局" and wendang["category"] == "政务服务"
    assert wendang["url"] == "https://pinpai.jgsw.gov.cn/brands/wendang-lianxinqiao/"
    for brand in brands:  # every logo the portal would show exists in the site
        path = brand["logo"].removeprefix("https://pinpai.jgsw.gov.cn/")
        assert (demo_site / "site" / path).is_file(), path


def test_images_are_webp_with_a_fallback(demo_site):
    folder = demo_site / "site" / "brands" / "wendang-lianxinqiao"
    with Image.open(folder / "logo.webp") as webp, Image.open(folder / "logo.png") as png:
        assert webp.format == "WEBP" and png.format == "PNG"
        assert max(webp.size) <= 512 and webp.size == png.size
    html = (folder / "index.html").read_text("utf-8")
    assert '<source srcset="logo.webp" type="image/webp"><img src="logo.png"' in html
    gallery = (demo_site / "site" / "brands" / "index.html").read_text("utf-8")
    assert gallery.count('type="image/webp"') == len(published_slugs(demo_site))


def test_every_page_carries_the_government_marks(demo_site):
    pages = list((demo_site / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text("utf-8")
        assert '<meta name="SiteName" content="机关服务品牌展示">' in html, page
        assert '<meta name="SiteDomain" content="pinpai.jgsw.gov.cn">' in html, page
        assert '<meta name="SiteIDCode" content="3702000042">' in html, page
        for mark in ("主办单位：市直机关工委", "网站标识码：3702000042", "鲁ICP备05012345号-1", "公网安备", "联系方式："):
            assert mark in html, (page, mark)
        assert "Made with" not in html


def test_news_column_has_posts_categories_and_a_home_listing(demo_site):
    site = demo_site / "site"
    post = (site / "news" / "2026" / "06" / "18" / "kaifangri" / "index.html").read_text("utf-8")
    assert "2026年6月18日" in post and "开放日" in post
    assert (site / "news" / "category" / "开放日" / "index.html").is_file()
    home = (site / "index.html").read_text("utf-8")
    assert "创建动态" in home and 'href="news/2026/06/18/kaifangri/"' in home and "2026年6月18日" in home
    assert not (site / "news" / "2026" / "11").exists()  # the draft post


def test_draft_news_and_brands_leave_no_trace_in_search_sitemap_or_feeds(demo_site):
    site = demo_site / "site"
    for name in ("search/search_index.json", "sitemap.xml", "feed.xml", "feed.json", "api/brands.json"):
        text = (site / name).read_text("utf-8").replace("\u200b", "")
        assert DRAFT_MARKER not in text and "caogao" not in text, name
    assert "fangzhuru" in (site / "sitemap.xml").read_text("utf-8")  # published brands are listed


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_hostile_markdown_is_inert_in_the_output(demo_site):
    html = (demo_site / "site" / "brands" / "fangzhuru" / "index.html").read_text("utf-8")
    benign = (demo_site / "site" / "brands" / "wendang-lianxinqiao" / "index.html").read_text("utf-8")
    assert html.count("<script") == benign.count("<script")  # the theme's own scripts, nothing more
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in ("iframe", "object", "embed"), tag
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert not any(str(v).strip().lower().startswith("javascript:") for v in attrs.values()), (tag, attrs)
        assert "tracker.example" not in str(attrs.get("style", "")), attrs
    text = html[html.index("<article"):html.index("</article>")]
    assert "正常的一段文字" in text and "口号" in text and "title: 防注入测试" not in text


def test_two_builds_of_the_same_input_are_byte_identical(demo_site, tmp_path):
    again = tmp_path / "again"
    assert main(["-C", str(demo_site), "build", "-d", str(again)]) == 0
    first = {p.relative_to(demo_site / "site"): p.read_bytes() for p in (demo_site / "site").rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_sitemap_dates_come_from_the_content_not_the_clock(site):
    """Outside git, dates come from file times; the sitemap follows them, not the day of the build, nor an
    editor's swap file left in the brand's folder today."""
    import os

    folder = site.brand()
    old = 1262304000  # 2010-01-01
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (old, old))
    (folder / ".story.md.swp").write_bytes(b"vim")
    assert site.run("build", "-d", str(site.root / "site")) == 0
    lastmods = set(re.findall(r"<lastmod>([^<]+)", (site.root / "site" / "sitemap.xml").read_text("utf-8")))
    assert lastmods == {"2010-01-01"}
    page = (site.root / "site" / "brands" / "wendang" / "index.html").read_text("utf-8")
    assert "2010年1月1日" in page


@pytest.mark.parametrize("front, message", [
    ("categories: [公告]\n", "news.date"),
    ("date: [不是日期\n", "news.front-matter"),
])
def test_bad_news_post_is_reported_with_file_and_line(site, capsys, front, message):
    site.brand()
    posts = site.root / "content" / "news" / "posts"
    posts.mkdir(parents=True)
    (posts / "bad.md").write_text(f"---\ntitle: 测试\n{front}---\n\n正文\n", "utf-8")
    assert site.run("check", "--quiet") == 1
    err = capsys.readouterr()
    line = next(l for l in (err.out + err.err).splitlines() if message in l)
    assert line.startswith("content/news/posts/bad.md:") and "错误" in line


def test_kiosk_is_built_with_the_site_and_escapes_editors_text(demo_site):
    kiosk = demo_site / "site" / "kiosk"
    assert (kiosk / "index.html").is_file() and (kiosk / "kiosk.js").is_file()
    data = (kiosk / "data.js").read_text("utf-8")
    parsed = json.loads(data.removeprefix("window.BRANDSITE_KIOSK = ").rstrip().removesuffix(";"))
    assert sorted(b["slug"] for b in parsed["brands"]) == published_slugs(demo_site)
    assert len(parsed["results"]["rows"]) == 10
    assert "防注入测试" in data and "<script" not in data and "\\u003cscript" in data
    for slug in published_slugs(demo_site):
        assert (kiosk / "qr" / f"{slug}.svg").is_file()


def test_the_404_page_is_in_chinese_with_the_ways_on(demo_site):
    page = (demo_site / "site" / "404.html").read_text("utf-8")
    assert "Not found" not in page and "<title>找不到这个页面" in page
    assert 'href="/brands/"' in page and 'href="/leaderboard/"' in page


def test_a_brands_hotline_is_one_tap_away_on_a_phone(demo_site):
    page = (demo_site / "site" / "brands" / "wendang-lianxinqiao" / "index.html").read_text("utf-8")
    assert '<dt>监督电话</dt><dd><a href="tel:12345">12345</a></dd>' in page
