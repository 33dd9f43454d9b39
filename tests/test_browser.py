"""The built demo site in a real browser: Debian's Chromium driven by Playwright, served on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, serve_folder
from tests.conftest import DRAFT_MARKER

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium 未安装（make test 会自动安装）")


@pytest.fixture(scope="module")
def server(demo_site):
    with serve_folder(demo_site / "site") as url:
        yield url


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.outside = []
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("request", lambda r: pg.outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    yield pg
    context.close()


@pytest.mark.parametrize("path", ["/", "/brands/", "/brands/wendang-lianxinqiao/", "/criteria/", "/leaderboard/"])
def test_pages_load_cleanly_and_stay_inside(page, server, path):
    page.goto(server + path, wait_until="networkidle")
    assert page.title()
    assert not page.console_errors, page.console_errors
    assert not page.outside, page.outside


def test_category_links_list_only_that_category(page, server):
    page.goto(server + "/brands/", wait_until="networkidle")
    total = page.locator(".bs-card").count()
    page.locator(".bs-filter").get_by_role("link", name="城乡建设").click()
    page.wait_for_load_state("networkidle")
    shown = page.locator(".bs-card")
    assert 0 < shown.count() < total
    assert set(shown.evaluate_all("els => els.map(e => e.dataset.category)")) == {"城乡建设"}
    assert page.locator(".bs-filter").get_by_role("link", name="城乡建设").get_attribute("aria-current") == "page"
    page.locator(".bs-card a").first.click()  # the card's link leads to the brand, from one folder deeper
    page.wait_for_load_state("networkidle")
    assert "/brands/" in page.url and page.locator(".bs-hero").count() == 1
    assert not page.outside, page.outside


AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"


def search(page, server, query):
    """Enter a query as a visitor with a Chinese input method does: the IME commits the
    words into the box, then a key is released."""
    page.goto(server + "/", wait_until="networkidle")
    box = page.get_by_role("textbox", name="搜索")
    box.click()
    box.fill(query)
    box.press("End")


@pytest.mark.parametrize("query, expected", [
    ("连心", "文档连心桥"),          # a word inside a name
    ("文档连心桥", "文档连心桥"),     # the whole name, kept whole by the user dictionary
    ("阳光", "阳光规划"),
    ("心贴心", "面对面、心贴心"),
    ("黄河卫士", "黄河卫士 福润垦利"),
])
def test_chinese_search_finds_a_brand_by_part_of_its_name(page, server, query, expected):
    search(page, server, query)
    results = page.locator(".md-search-result__item h1")
    results.first.wait_for(timeout=10000)
    titles = [t.replace("\u200b", "") for t in results.all_inner_texts()]
    assert expected in titles, titles


def test_draft_marker_is_not_found_by_search(page, server):
    search(page, server, "草稿标记")
    page.wait_for_timeout(1000)
    assert DRAFT_MARKER not in page.locator(".md-search-result").inner_text().replace("\u200b", "")


@pytest.mark.skipif(not AXE.exists(), reason="axe-core 未安装（make test 会用 npm 安装）")
@pytest.mark.parametrize("path", ["/", "/brands/", "/brands/wendang-lianxinqiao/", "/news/",
                                  "/news/2026/06/18/kaifangri/", "/criteria/", "/leaderboard/", "/leaderboard/2026-q2/"])
@pytest.mark.parametrize("width", [1280, 390])  # an office PC and a phone
def test_axe_finds_no_serious_violation(page, server, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server + path, wait_until="networkidle")
    assert serious_violations(page) == []


def serious_violations(page) -> list:
    """What axe-core finds serious or critical on the open page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_category_links_work_from_the_keyboard(page, server):
    page.goto(server + "/leaderboard/", wait_until="networkidle")
    link = page.locator(".bs-filter").get_by_role("link", name="政务服务")
    for _ in range(60):  # Tab through the page until the category link has focus
        page.keyboard.press("Tab")
        if link.evaluate("b => b === document.activeElement"):
            break
    else:
        pytest.fail("the category link cannot be reached with Tab")
    focus = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focus != "none"  # the focused link is visibly marked
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rows = page.locator("table.bs-board tbody tr")
    assert rows.count() > 0
    assert set(rows.evaluate_all("els => els.map(e => e.dataset.category)")) == {"政务服务"}
    assert "文档连心桥" in rows.locator("th a").all_inner_texts()
    assert page.locator("h1").inner_text().rstrip("¶").endswith("政务服务")


def test_hostile_story_runs_nothing(page, server):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/brands/fangzhuru/", wait_until="networkidle")
    for link in page.locator(".bs-story a").all():
        link.click(no_wait_after=True)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert not dialogs
    assert not page.outside, page.outside


def test_news_and_feeds_load(page, server):
    page.goto(server + "/news/", wait_until="networkidle")
    page.locator(".md-post h2 a", has_text="开放日").click()
    page.wait_for_load_state("networkidle")
    assert "kaifangri" in page.url and "2026年6月18日" in page.locator("main").inner_text()
    assert not page.console_errors and not page.outside


def test_leaderboard_category_view(page, server):
    page.goto(server + "/leaderboard/2026-q3/", wait_until="networkidle")
    rows = page.locator("table.bs-board tbody tr")
    total = rows.count()
    page.locator(".bs-filter").get_by_role("link", name="政务服务").click()
    shown = page.locator("table.bs-board tbody tr")
    assert 0 < shown.count() < total
    assert set(shown.evaluate_all("els => els.map(e => e.dataset.category)")) == {"政务服务"}
    ranks = [int(t) for t in shown.locator("td.bs-rank").all_inner_texts()]
    assert ranks == sorted(ranks)  # the overall ranks, still in order


# -- brand lookup: what a visitor types finds the brand ---------------------------------------------------

def lookup_rows(demo_site):
    import json

    data = json.loads((demo_site / "site" / "search" / "brands.json").read_text("utf-8"))
    return [dict(zip(data["fields"], row)) for row in data["brands"]]


def lookup_names(page):
    return page.locator(".bs-lookup__name").all_inner_texts()


def test_the_lookup_holds_every_published_brand_and_no_draft(demo_site):
    rows = lookup_rows(demo_site)
    names = {r["name"] for r in rows}
    assert len(rows) >= 39 and "文档连心桥" in names and "泰州12319" in names
    assert DRAFT_MARKER not in (demo_site / "site" / "search" / "brands.json").read_text("utf-8")
    wendang = next(r for r in rows if r["name"] == "文档连心桥")
    assert (wendang["pinyin"], wendang["initials"], wendang["url"]) == ("wendanglianxinqiao", "wdlxq",
                                                                        "brands/wendang-lianxinqiao/")


def test_every_brands_exact_name_is_the_first_result(page, server, demo_site):
    page.goto(server + "/", wait_until="networkidle")
    box = page.get_by_role("textbox", name="搜索")
    box.click()
    wrong = {}
    for row in lookup_rows(demo_site):
        box.fill(row["name"])
        try:
            page.wait_for_function("n => { const f = document.querySelector('.bs-lookup__name');"
                                   " return f && f.textContent === n; }", arg=row["name"], timeout=5000)
        except Exception:
            wrong[row["name"]] = lookup_names(page)[:3]
    assert wrong == {}


def test_units_parts_and_pinyin_find_their_brands(page, server, demo_site):
    """Over the whole ranked list (not just the eight shown): the rules of issue 21, for every brand."""
    page.goto(server + "/", wait_until="networkidle")
    page.get_by_role("textbox", name="搜索").click()
    page.wait_for_function("window.brandsiteLookup !== undefined")
    rows = lookup_rows(demo_site)
    problems = page.evaluate("""(rows) => {
      const L = window.brandsiteLookup, brands = L.prepare({fields: Object.keys(rows[0]),
                 brands: rows.map(r => Object.values(r))}), out = [];
      const names = q => L.rank(brands, q).map(b => b.name);
      const units = {};
      for (const r of rows) (units[r.unit] = units[r.unit] || []).push(r.name);
      for (const [unit, own] of Object.entries(units)) {
        const got = names(unit).slice(0, own.length);
        if (own.some(n => !got.includes(n)) && !own.some(n => n === unit)) out.push(['unit', unit, got]);
      }
      for (const r of rows) {
        const chars = [...r.name];
        for (let i = 0; i + 2 <= chars.length; i++) {
          const part = chars.slice(i, i + 2).join('');
          if (L.norm(part).length >= 2 && !names(part).includes(r.name)) out.push(['part', part, r.name]);
        }
        if (!names(r.unit.slice(-4)).includes(r.name)) out.push(['unit part', r.unit.slice(-4), r.name]);
        if (!names(r.pinyin).slice(0, 3).includes(r.name)) out.push(['pinyin', r.pinyin, r.name]);
        if (!names(r.initials).includes(r.name)) out.push(['initials', r.initials, r.name]);
      }
      return out;
    }""", rows)
    assert problems == []


@pytest.mark.parametrize("query, first", [
    ("文档连心桥", "文档连心桥"), ("连心桥", "文档连心桥"), ("泰州12319", "泰州12319"), ("12319", "泰州12319"),
    ("wendang", "文档连心桥"), ("wdlxq", "文档连心桥"), ("ＷＤＬＸＱ", "文档连心桥"), ("文档 连心桥", "文档连心桥"),
])
def test_the_reported_queries_put_the_brand_first(page, server, query, first):
    search(page, server, query)
    page.locator(".bs-lookup__name").first.wait_for(timeout=10000)
    assert lookup_names(page)[0] == first


def _paste(page, box, text):
    box.evaluate("""(el, text) => { el.focus(); el.value = text;
      el.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste', data: text})); }""", text)


def _voice_or_autofill(page, box, text):
    box.evaluate("""(el, text) => { el.value = text;
      el.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertReplacementText'})); }""", text)


def _ime_commit(page, box, text):
    box.focus()
    page.keyboard.insert_text(text)  # what an input method's commit sends: an input event, no key


def _typing(page, box, text):
    box.focus()
    page.keyboard.type(text, delay=20)


@pytest.mark.parametrize("enter", [_typing, _ime_commit, _paste, _voice_or_autofill])
def test_every_way_of_entering_text_searches(page, server, enter):
    page.goto(server + "/", wait_until="networkidle")
    box = page.get_by_role("textbox", name="搜索")
    box.click()
    enter(page, box, "连心桥" if enter is not _typing else "wendang")
    page.locator(".bs-lookup__name").first.wait_for(timeout=10000)
    assert lookup_names(page)[0] == "文档连心桥"
    if enter is not _typing:  # the theme's full-text search runs too, not only the lookup
        page.locator(".md-search-result__item").first.wait_for(timeout=10000)
        assert "键入以开始搜索" not in page.locator(".md-search-result__meta").inner_text()


def test_a_query_entered_before_the_lookup_has_loaded_runs_once_it_has(page, server):
    import time

    def slow(route):
        time.sleep(1.5)
        route.continue_()

    page.route("**/search/brands.json", slow)
    page.goto(server + "/", wait_until="domcontentloaded")
    box = page.get_by_role("textbox", name="搜索")
    box.click()
    box.fill("泰州12319")
    page.locator(".bs-lookup__name").first.wait_for(timeout=15000)
    assert lookup_names(page)[0] == "泰州12319"
    assert page.locator(".md-search-result__meta").inner_text() != "没有找到符合条件的结果"


def test_a_full_text_index_in_parts_is_joined_in_the_browser(browser, demo_site, tmp_path):
    """At thousands of brands the index is cut into parts; the theme still finds what only the last holds."""
    import json
    import shutil

    from generator.engine import search_index

    site = shutil.copytree(demo_site / "site", tmp_path / "site")
    index = site / "search" / "search_index.json"
    whole = search_index.read(index)
    search_index.compact(index, part_bytes=20_000)  # the demo's index, cut as a large site's is
    names = json.loads(index.read_bytes())["parts"]
    assert len(names) >= 3 and search_index.read(index) == whole
    assert max((index.parent / n).stat().st_size for n in names) <= 20_000
    last = json.loads((index.parent / names[-1]).read_bytes())["docs"]
    target = next(d for d in last if "#" not in d["location"] and "news/20" in d["location"])
    requested = []
    with serve_folder(site) as url:
        context = browser.new_context()
        page = context.new_page()
        page.on("request", lambda r: requested.append(r.url))
        search(page, url, target["title"].replace("\u200b", ""))
        hits = page.locator(f'.md-search-result__item a[href*="/{target["location"]}?h="]')
        hits.first.wait_for(timeout=15000)
        context.close()
    assert all(any(r.endswith("search/" + n) for r in requested) for n in names)


def test_the_lookup_at_a_thousand_brands_puts_every_exact_name_first(browser):
    """The lookup file for the benchmark's 1,000 synthetic brands (names such as 阳光连心87), ranked by
    the site's own script in Chromium."""
    import json
    import random
    from types import SimpleNamespace

    from benches.synth import brand
    from generator.produce.brand_lookup import lookup

    rnd = random.Random(2026)
    brands = []
    for i in range(1000):
        slug, data = brand(i, rnd)
        brands.append(SimpleNamespace(slug=slug, name=data["name"], unit=data["unit"], category=data["category"]))
    data = json.loads(lookup(brands))
    script = (Path(__file__).resolve().parent.parent / "generator" / "assets" / "brandsite.js").read_text("utf-8")
    page = browser.new_page()
    page.set_content(f"<!doctype html><meta charset='utf-8'><script>{script}</script>")
    wrong = page.evaluate("""(data) => {
      const L = window.brandsiteLookup, brands = L.prepare(data), out = [];
      for (const b of brands) {
        if (L.rank(brands, b.name)[0].name !== b.name) out.push(['name', b.name, L.rank(brands, b.name)[0].name]);
        if (!L.rank(brands, b.p).slice(0, 3).some(x => x.name === b.name)) out.push(['pinyin', b.p, b.name]);
        const units = L.rank(brands, b.unit), own = brands.filter(x => x.unit === b.unit).length;
        if (!units.slice(0, own).some(x => x.name === b.name)) out.push(['unit', b.unit, b.name]);
      }
      return out;
    }""", data)
    page.close()
    assert len(data["brands"]) == 1000 and wrong == []


# -- 关怀模式 -------------------------------------------------------------------------------------------------

CARE_PAGES = ["/", "/brands/", "/brands/wendang-lianxinqiao/", "/gallery/zhengwu-fuwu/", "/leaderboard/",
              "/leaderboard/2026-q3/", "/news/", "/news/2026/06/18/kaifangri/", "/criteria/"]

# every visible text's contrast against the background it is drawn on, from the rendered colours
CONTRASTS = """() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const behind = el => { for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e);
      if (s.backgroundImage !== 'none' && !s.backgroundImage.startsWith('linear')) return null;  // text on a picture
      const c = parse(s.backgroundColor); if (c && c.a > 0.5) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
  const low = [], walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode, el = text.parentElement;
    if (!text.textContent.trim() || !el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const box = el.getBoundingClientRect(); if (!box.width || !box.height) continue;
    const fg = parse(getComputedStyle(el).color), bg = behind(el); if (!fg || !bg) continue;
    const mixed = {r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a)};
    const [a, b] = [lum(mixed), lum(bg)], ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 7) low.push([el.tagName.toLowerCase() + '.' + el.className, text.textContent.trim().slice(0, 12), ratio.toFixed(2)]);
  }
  return low;
}"""


def care_text_sizes(page) -> list[float]:
    """The font size of every visible text outside charts."""
    return page.evaluate("""() => { const out = [], w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      while (w.nextNode()) { const t = w.currentNode, e = t.parentElement;
        if (!t.textContent.trim() || e.closest('svg') || !e.checkVisibility()) continue;
        out.push(parseFloat(getComputedStyle(e).fontSize)); }
      return out; }""")


@pytest.fixture
def care_page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script("localStorage.setItem('brandsite-care', 'on')")
    pg = context.new_page()
    pg.outside = []
    pg.on("request", lambda r: pg.outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    yield pg
    context.close()


def test_the_care_switch_is_the_first_thing_tab_reaches_and_the_mode_persists(page, server):
    page.goto(server + "/", wait_until="networkidle")
    page.keyboard.press("Tab")
    switch = page.get_by_role("button", name="关怀模式")
    assert switch.evaluate("b => b === document.activeElement")
    assert switch.get_attribute("aria-pressed") == "false"
    before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    page.keyboard.press("Enter")
    assert switch.get_attribute("aria-pressed") == "true"
    page.goto(server + "/brands/wendang-lianxinqiao/", wait_until="networkidle")  # another page
    page.reload(wait_until="networkidle")  # and the next visit
    assert page.get_by_role("button", name="关怀模式").get_attribute("aria-pressed") == "true"
    assert before < 18 <= min(care_text_sizes(page))
    assert "url(" in page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).cursor")  # the large pointer
    moving = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => { const s = getComputedStyle(e);
        return (s.animationName !== 'none' && parseFloat(s.animationDuration) > 0) || parseFloat(s.transitionDuration) > 0; }).length""")
    assert moving == 0  # nothing moves
    lines = page.evaluate("""() => [...document.querySelectorAll('.md-typeset p')].filter(e => e.offsetParent).map(e => {
        const s = getComputedStyle(e); return [parseFloat(s.lineHeight) / parseFloat(s.fontSize),
        parseFloat(s.marginBottom), parseFloat(s.lineHeight)]; })""")
    assert all(ratio >= 1.5 and gap > height - size for ratio, gap, height, size in
               [(r, g, h, h / r) for r, g, h in lines])  # paragraph spacing beyond the line spacing
    page.get_by_role("button", name="恢复默认").click()
    assert page.get_by_role("button", name="关怀模式").get_attribute("aria-pressed") == "false"
    assert not page.evaluate("document.documentElement.classList.contains('bs-care-on')")
    page.reload(wait_until="networkidle")
    assert page.get_by_role("button", name="关怀模式").get_attribute("aria-pressed") == "false"


@pytest.mark.skipif(not AXE.exists(), reason="axe-core 未安装（make test 会用 npm 安装）")
@pytest.mark.parametrize("path", CARE_PAGES)
def test_care_mode_is_large_high_contrast_accessible_and_reflows(care_page, server, path):
    care_page.goto(server + path, wait_until="networkidle")
    assert care_page.evaluate("document.documentElement.classList.contains('bs-care-on')")
    assert min(care_text_sizes(care_page)) >= 18
    assert care_page.evaluate(CONTRASTS) == []
    assert serious_violations(care_page) == []
    assert not care_page.outside
    care_page.set_viewport_size({"width": 320, "height": 800})  # the same page on the narrowest phone
    care_page.wait_for_timeout(100)
    assert care_page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_care_mode_targets_are_large_and_focus_is_visible_from_the_keyboard(care_page, server):
    care_page.goto(server + "/brands/", wait_until="networkidle")
    small = care_page.evaluate("""() => [...document.querySelectorAll('.bs-care button, .md-tabs__link, .bs-filter__btn, .bs-pager a')]
        .filter(e => e.offsetParent).map(e => e.getBoundingClientRect()).filter(r => r.width < 44 || r.height < 44).length""")
    assert small == 0
    reached, unmarked = set(), []
    for _ in range(120):
        care_page.keyboard.press("Tab")
        info = care_page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return [e.className || e.tagName, e.getAttribute('aria-label') || e.textContent.trim().slice(0, 10),
                    s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2, !!e.closest('.bs-card')]; }""")
        if info[0] == "BODY":  # past the last control, focus leaves the page
            continue
        reached.add("brand card" if info[3] else info[0] if isinstance(info[0], str) else "")
        if not info[2]:
            unmarked.append(info[:2])
    assert any("bs-care__switch" in r for r in reached) and any("md-search__input" in r for r in reached)
    assert any("bs-filter__btn" in r for r in reached) and "brand card" in reached  # the brand list
    assert unmarked == []


def test_read_aloud_says_when_no_voice_is_installed(care_page, server):
    care_page.goto(server + "/brands/wendang-lianxinqiao/", wait_until="networkidle")
    care_page.get_by_role("button", name="读屏").click()
    care_page.wait_for_timeout(1200)
    status = care_page.locator(".bs-care__status").inner_text()
    voices = care_page.evaluate("speechSynthesis.getVoices().filter(v => /^zh/i.test(v.lang)).length")
    if voices:
        assert "读屏已打开" in status
    else:
        assert "没有安装中文朗读语音" in status
        assert care_page.get_by_role("button", name="读屏").get_attribute("aria-pressed") == "false"


def test_read_aloud_speaks_the_text_under_the_pointer_and_stops(browser, server):
    """With a Chinese voice present (the browser's speech engine is stood in for: this machine has none)."""
    context = browser.new_context()
    context.add_init_script("""localStorage.setItem('brandsite-care', 'on');
      window.__spoken = []; window.__cancelled = 0;
      speechSynthesis.getVoices = () => [{lang: 'zh-CN', name: '中文'}];
      speechSynthesis.speak = u => window.__spoken.push(u.text);
      speechSynthesis.cancel = () => { window.__cancelled += 1; };""")
    page = context.new_page()
    page.goto(server + "/brands/wendang-lianxinqiao/", wait_until="networkidle")
    page.get_by_role("button", name="读屏").click()
    assert page.get_by_role("button", name="读屏").get_attribute("aria-pressed") == "true"
    slogan = page.locator(".bs-hero__slogan")
    slogan.hover()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__spoken.at(-1)") == slogan.inner_text().strip()
    assert "正在朗读" in page.locator(".bs-care__status").inner_text()
    assert "bs-reading" in slogan.get_attribute("class")  # the visible indicator
    page.get_by_role("button", name="读屏").click()
    assert page.evaluate("window.__cancelled") >= 1
    heard = page.evaluate("window.__spoken.length")
    page.locator("h2").first.hover()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__spoken.length") == heard  # off means silent
    context.close()
