"""Every page type on a phone, as a visitor arriving from a WeChat article sees it.

Chromium's mobile emulation (touch, device scale factor 3, WeChat's in-app browser user agent) at the
widths phones have, in the normal display and in 关怀模式. tests/phone/measure.js measures what a visitor
notices; each rule is asserted with its numbers, and a failure names the page and the elements.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, serve_folder

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium 未安装（make test 会自动安装）")

MEASURE = (Path(__file__).parent / "phone" / "measure.js").read_text("utf-8")
WIDTHS = (320, 360, 375, 390, 414)
# WeChat's in-app browser on Android (XWEB), as its pages report it
WECHAT_UA = ("Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 "
             "MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64")


def page_types(site: Path) -> dict[str, str]:
    """One address of every page type, and every paging of the latest round; brand pages with and
    without scores, awards, photos and a long story."""
    rounds = sorted(p.name for p in (site / "leaderboard").iterdir() if (p / "index.html").is_file())
    latest = rounds[-1]
    brands = json.loads((site / "api" / "brands.json").read_text("utf-8"))
    brands = brands["brands"] if isinstance(brands, dict) else brands

    def html(slug):
        return (site / "brands" / slug / "index.html").read_text("utf-8")

    scored = [b["slug"] for b in brands if "bs-trend" in html(b["slug"])]
    unscored = [b["slug"] for b in brands if "bs-trend" not in html(b["slug"])]
    awarded = [s for s in scored if "bs-award" in html(s)]
    news = sorted(p.parent for p in (site / "news").glob("20*/*/*/*/index.html"))[-1]
    pages = {
        "home": "/", "gallery": "/brands/", "category gallery": "/gallery/" + sorted(
            p.name for p in (site / "gallery").iterdir())[0] + "/",
        "brand with scores, awards and photos": f"/brands/{awarded[0]}/",
        "brand without scores": f"/brands/{unscored[0]}/",
        "brand with a long story": "/brands/changpian/",
        "leaderboard": "/leaderboard/", "criteria": "/criteria/", "news": "/news/",
        "news post": "/" + news.relative_to(site).as_posix() + "/", "about": "/about/", "404": "/404.html",
    }
    pages |= {f"round {r}": f"/leaderboard/{r}/" for r in rounds}
    pages |= {f"round {latest}, {p.name}": f"/leaderboard/{latest}/{p.name}/"
              for p in sorted((site / "leaderboard" / latest).iterdir()) if p.is_dir()}
    return pages


@pytest.fixture(scope="module")
def server(demo_site):
    with serve_folder(demo_site / "site") as url:
        yield url


def phone(browser, width: int, care: bool):
    context = browser.new_context(viewport={"width": width, "height": 760}, device_scale_factor=3, is_mobile=True,
                                  has_touch=True, user_agent=WECHAT_UA, locale="zh-CN")
    if care:
        context.add_init_script("localStorage.setItem('brandsite-care', 'on')")
    return context


def problems(m: dict, care: bool, path: str) -> list[str]:
    """The rules of a phone page, each with its numbers."""
    out = []
    if m["overflow"] > 0:
        out.append(f"横向滚动 {m['overflow']} px: {m['wide']}")
    if m["clipped"]:
        out.append(f"藏在滚动框里的内容: {m['clipped']}")
    if m["squeezed"]:
        out.append(f"不到 4 个字宽的文字框: {m['squeezed']}")
    least = 18 if care else 12
    if m["labels"] and min(m["labels"]) < least:
        out.append(f"图表文字 {min(m['labels']):.1f} px < {least} px")
    if m["perRow"] is not None and m["perRow"] != 2:
        out.append(f"品牌卡片每行 {m['perRow']} 个")
    if m["small"]:
        out.append(f"{m['smallCount']} 个触摸目标小于 {44 if care else 24} px: {m['small']}")
    return [f"{path}: {p}" for p in out]


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_reads_on_a_phone(browser, server, demo_site, width, care):
    context = phone(browser, width, care)
    page = context.new_page()
    found, measured = [], {}
    for kind, path in page_types(demo_site / "site").items():
        page.goto(server + path, wait_until="networkidle")
        assert page.evaluate("document.documentElement.classList.contains('bs-care-on')") == care
        m = page.evaluate(MEASURE, care)
        measured[kind] = m
        found += problems(m, care, path)
    context.close()
    assert found == []
    # the measures saw what they are for: the gallery's rows, the charts' labels, the round's cards
    assert measured["gallery"]["perRow"] == 2 and measured["category gallery"]["perRow"] == 2
    assert measured["brand with scores, awards and photos"]["labels"]
    assert measured["brand without scores"]["labels"] == []


def test_a_round_on_a_phone_shows_every_column_of_every_row(browser, server, demo_site):
    """The results table's columns are all there on a 320 px phone: each row a card, each value with its label."""
    context = phone(browser, 320, False)
    page = context.new_page()
    page.goto(server + "/leaderboard/", wait_until="networkidle")
    headers = page.eval_on_selector_all("table.bs-board thead th", "ths => ths.map(t => t.innerText.split('\\n')[0])")
    cards = page.evaluate("""() => [...document.querySelectorAll('table.bs-board tbody tr')].map(tr => {
        const r = tr.getBoundingClientRect();
        return {left: r.left, right: r.right, text: tr.innerText,
                cells: [...tr.children].filter(c => c.checkVisibility() && c.getBoundingClientRect().right <= innerWidth)
                                       .map(c => getComputedStyle(c, '::before').content.replace(/^"|"$/g, '') + ' ' + c.innerText)}; })""")
    context.close()
    assert {"名次", "品牌", "创建单位", "综合得分", "较上轮", "奖项"} <= set(headers)
    assert len(cards) >= 30
    for card in cards:
        assert 0 <= card["left"] and card["right"] <= 320
        for label in ("综合得分", "较上轮", "监督巡视员", "服务对象", "评审组"):
            assert any(c.startswith(label) for c in card["cells"]), (label, card["cells"])
    assert any("十佳服务品牌" in c["text"] for c in cards)


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_results_tables_are_read_whole_on_tablets_and_laptops(browser, server, demo_site, care):
    """Between a phone and a wide screen (a tablet held either way, half a laptop's screen) a round's results
    are cards or a table that fits: never a table to scroll sideways, in 关怀模式 neither."""
    latest = sorted(p.name for p in (demo_site / "site" / "leaderboard").iterdir() if (p / "index.html").is_file())[-1]
    for width in (768, 960, 1024, 1100, 1180, 1280):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
        if care:
            context.add_init_script("localStorage.setItem('brandsite-care', 'on')")
        page = context.new_page()
        for path in ("/leaderboard/", f"/leaderboard/{latest}/"):
            page.goto(server + path, wait_until="networkidle")
            found = page.evaluate("""() => ({page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
              tables: [...document.querySelectorAll('table.bs-board:not(.bs-board--small)')].filter(t => t.checkVisibility())
                .map(t => [t.parentElement.scrollWidth - t.parentElement.clientWidth, getComputedStyle(t).display])})""")
            assert found["tables"], (width, path)
            assert found["page"] <= 0 and all(over <= 1 for over, _ in found["tables"]), (width, path, found)
        context.close()


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_the_score_chart_is_drawn_for_the_phone_and_for_an_office_screen(browser, server, demo_site, care):
    """At 360 px the score history's labels are at least 12 px as rendered (18 px in 关怀模式); on an office
    screen the line chart is shown at its own size, and names rounds as people do (2026年一季度)."""
    path = page_types(demo_site / "site")["brand with scores, awards and photos"]
    sizes = {}
    for width in (360, 1280):
        context = phone(browser, 360, care) if width == 360 else browser.new_context(viewport={"width": 1280, "height": 900})
        if care and width == 1280:
            context.add_init_script("localStorage.setItem('brandsite-care', 'on')")
        page = context.new_page()
        page.goto(server + path, wait_until="networkidle")
        sizes[width] = page.evaluate(MEASURE, care)["labels"]
        axis = page.eval_on_selector_all("svg.bs-chart text, .bs-trend__round",
                                         "els => els.filter(e => e.checkVisibility()).map(e => e.textContent)")
        context.close()
        assert sizes[width], width
        assert min(sizes[width]) >= (18 if care else 12), (width, sizes[width])
        assert any("年" in a and "季度" in a for a in axis) and not any("-q" in a for a in axis), axis


def test_opened_from_disk_links_open_pages_and_search_says_why(browser, demo_site, tmp_path):
    """site/index.html opened from disk: menu and card links open the pages, not folder listings, and the
    search box stays, saying why it cannot search and how to preview with search."""
    context = phone(browser, 390, False)
    page = context.new_page()
    page.goto((demo_site / "site" / "index.html").as_uri())
    page.locator(".bs-card a").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/index.html") and page.locator("h1").count() == 1
    page.go_back()
    page.locator("a.bs-more").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/index.html") and page.locator("table.bs-board").count() == 1
    page.locator("label.md-header__button[for=__search]").click()
    page.wait_for_timeout(300)
    box = page.locator("input.md-search__input")
    assert box.is_visible() and box.get_attribute("placeholder") == "本地打开时不能搜索"
    assert "make serve" in page.locator(".md-search-result__meta").inner_text()
    context.close()


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
@pytest.mark.parametrize("width", [320, 414])
def test_the_search_dialog_and_its_results_fit_the_phone(browser, server, width, care):
    context = phone(browser, width, care)
    page = context.new_page()
    page.goto(server + "/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__search]").click()
    page.locator("input.md-search__input").fill("青岛")
    page.locator(".bs-lookup__link").first.wait_for()
    # the theme opens the dialog with a growing circle wider than the screen (the root's overflow-x is
    # hidden, so no one can scroll to it), then 400 ms after opening pins the page under the dialog
    # (body[data-md-scrolllock]); on a busy machine the circle can stop growing before that timer fires,
    # and for those few milliseconds it counts as page width. Measure the open dialog as it stays.
    page.wait_for_function("document.body.hasAttribute('data-md-scrolllock')"
                           " && document.getAnimations().every(a => a.playState !== 'running')")
    m = page.evaluate(MEASURE, care)
    shown = page.locator(".bs-lookup__link").count()
    context.close()
    assert shown >= 5
    assert problems(m, care, "搜索") == []


@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_a_brand_pages_qr_code_is_whole_on_the_narrowest_phone(browser, server, care):
    """The code under 手机浏览 is shown whole and square (it was cut to the box it was squeezed into), as an image
    WeChat's long press can read (识别图中二维码)."""
    context = phone(browser, 320, care)
    page = context.new_page()
    page.goto(server + "/brands/wendang-lianxinqiao/", wait_until="networkidle")
    code = page.locator(".bs-qr img")
    box = code.bounding_box()
    natural = code.evaluate("i => [i.naturalWidth, i.naturalHeight, i.currentSrc.slice(0, 22)]")
    context.close()
    assert box["width"] == box["height"] == 160 and 0 <= box["x"] and box["x"] + box["width"] <= 320
    assert natural[0] == natural[1] >= 160 and natural[2] == "data:image/png;base64,"


def test_in_care_mode_the_chosen_category_is_told_apart_by_more_than_colour(browser, server):
    context = phone(browser, 320, True)
    page = context.new_page()
    page.goto(server + "/brands/", wait_until="networkidle")
    chips = page.eval_on_selector_all(".bs-filter__btn", """els => els.map(e => [e.getAttribute('aria-current'),
        getComputedStyle(e).backgroundColor, Math.round(e.getBoundingClientRect().top)])""")
    context.close()
    chosen = [c for c in chips if c[0] == "page"]
    assert len(chosen) == 1 and chosen[0][1] == "rgb(0, 0, 0)"
    assert all(c[1] == "rgb(255, 255, 255)" for c in chips if c[0] != "page")
    assert len({c[2] for c in chips}) < len(chips)  # some chips share a row
