"""Every article the demo exports passes WeChat's published structure rules, in Chromium.

The rules are those of wechatjs/verify-article-structure-spec (verify_article_structure.md), ported
from its reference engine into tests/wechat_spec/verify.js: the article laid out in the engine's
sandbox at the editor's column (585 px), its wide view (677 px) and a phone (375 px), then line-height
overlap, width (centring, overflow, width ratio, fixed table headers), height, text-align, <pre>,
nesting and fonts. The port is first held to the spec's own cases (good and bad fixtures, rebuilt
in tests/wechat_spec/fixtures/), then run on every article. tests/wechat_spec/reading.js adds what the
spec does not measure: a term (a 制度保障 item, a results row's 名次 and 品牌) on one line, list items
not justified, nothing scrolling sideways or leaving the column.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import load_project
from tests.conftest import copy_demo

SPEC = Path(__file__).resolve().parent / "wechat_spec"
PORT = SPEC / "verify.js"
READING = SPEC / "reading.js"
FIXTURES = SPEC / "fixtures"
# the spec engine's widths; 343 px is the text column of a 375 px phone (16 px margins each side)
WIDTHS = (585, 677, 375, 343)

# (fixture, the inValidInfo key the spec expects, the 2.4 kind if it names one, the spec case it rebuilds)
BAD = [
    ("opacity-img-zero", "opacity", None, "#2.1; badcases hykSi86rGj3BmUK70z6Tsg"),
    ("caret-color-transparent", "caret-color", None, "#2.2; badcases xKpKjTmXCHUqrTWkQ6h6yA"),
    ("line-height-zero-multiline", "line-height", None, "#2.3 example"),
    ("line-height-inherited-zero", "line-height", None, "#2.3; badcases tZ70Hqt5QdAvRLQKyRpFBw (往期推荐)"),
    ("line-height-small-px", "line-height", None, "#2.3 (line-height under the font size, not 0)"),
    ("width-fixed-px-centering", "width", "居中布局不一致", "#2.4.1 example; badcases 42ApGiMTpDD9hotlfOqspA, zB35yqcdMs2QboNPAaw_ug"),
    ("width-fixed-500", "width", None, "#2.4.3 example; badcases vURwUL9N98iHuh5lYGHTPQ"),
    # centred by margin:auto on every screen, yet flagged: the engine's "centred" is left + right gap = 0,
    # that is, as wide as the column, which a fixed 500 px is only on the phone (2.4.3's point)
    ("width-fixed-500-centred", "width", "居中布局不一致", "#2.4.3 (the same, centred with margin:auto)"),
    ("width-calc-ratio", "width", "不同屏幕下宽度差异", "#2.4.3 (a width whose share of the screen changes)"),
    # with a line-height beside the margin: the engine skips a paragraph whose HTML names no rule's
    # property, so the spec's example as written (a margin-left alone) passes it; see the test below
    ("width-margin-left-overflow", "width", "存在溢出问题", "#2.4.2 example; badcases kPV8nFFcxdku_Um5pvKvWQ"),
    # the spec's table example: header cells of fixed width. Chromium's automatic table layout narrows
    # such columns to fit, so the example alone overflows nothing; its cells here do not wrap, as in the
    # results table this project used to export (评价结果一览, white-space:nowrap)
    ("width-table-th-fixed", "width", "存在溢出问题", "#2.4.2 table example"),
    # the structure of the spec's real case: a fixed-layout table 577 px wide, no header row
    ("width-table-fixed-layout", "width", "存在溢出问题", "#2.4.2; badcases ab3CS56Mvj43fZhRjBctDw"),
    ("height-zero-text", "height", None, "#2.5.1 example; badcases I6UWLvQ3pMKoocfIK__6vA"),
    ("height-fixed-clipped", "height-nodisplay", None, "#2.5.2 example; badcases Xo_hRprDLhLbm9oabjX9CA"),
    ("text-align-start", "text-align", None, "#2.6 example"),
    ("animate-begin-touchstart", "animate-begin", None, "#2.7 example; badcases KMe2Vh-LXs22LbqAEqLQhA"),
    ("pre-paragraph", "pre", None, "#2.8 example; badcases JAk9Sa9c7cCu9sX5pNIcZg, VqGvM5ozeQnBVW8F7-YM3Q"),
    ("nest-redundant-sections", "nestNodes", None, "#3.1; badcases LBlADJfjh0YNIp82pVDKMw, issue5-redundant-nesting"),
    ("span-leaf-block", "span-leaf", None, "#3.2 example"),
    ("node-leaf-block", "node-leaf", None, "#3.3 example"),
    ("font-family-custom", "font-family", None, "#4 example"),
]
# Not rebuilt: aFumaby7dPTsGN2tTvHT9A and yMQwPSVKxU4Sphp2i02h_A (skipped by the spec itself: "测不出来");
# 75N-79iGrHJEWvBrR3X2Tg (filed under height-nodisplay, but the spec notes it trips only nestNodes);
# redundant-empty-nodes and redundant-135editor-bloated (#3.4, skipped by the spec: no engine code);
# issue12-darkmode-low-contrast and issue8-darkmode-no-gradient (#5 Dark Mode: the engine runs the
# mp-darkmode library, which this port does not carry).

GOOD = [
    ("line-height-single-line-padding", "goodcases line-height-single-line-padding"),
    ("line-height-inline-fragment-multiline", "goodcases line-height-inline-fragment-multiline"),
    ("line-height-rich-inline-fragments", "goodcases line-height-rich-inline-fragments"),
    ("line-height-baseline-mixed-fragments", "goodcases line-height-baseline-mixed-fragments"),
    ("img-width-100pct-responsive", "goodcases img-width-100pct-responsive"),
    ("srcless-img-no-wait", "goodcases srcless-img-no-wait"),
    ("clean-skeleton", "goodcases 1165-clean-article (image placeholders, empty paragraphs)"),
    ("spec-exclusions", "the exclusions of #2.3 and #2.5.1; minimal-cases.test.js"),
    ("scrolling-fixed-height", "the exclusion of #2.5.2 (a container that scrolls)"),
]
# Not rebuilt: goodcases Y8lDF7sNwp5iwDrGq7ZGBQ, aISj197NyVblh8y0D-6TEg, -T3ZaMP1VNVxQuGLby7Rfg and
# ilT5IcBnx5FrttpteX1CdQ are whole third-party articles (text and images on WeChat's servers).


def verify(page, html: str, prefilter: bool = True) -> dict:
    """The port's verdict on ``html``, run in ``page`` (whose address resolves the article's images).
    ``prefilter=False`` measures every paragraph, not only those whose HTML names a rule's property."""
    page.add_script_tag(path=str(PORT))
    return page.evaluate("([html, prefilter]) => verifyArticleStructure(html, {settleMs: 0, prefilter})", [html, prefilter])


def flagged(result: dict) -> dict[str, list]:
    return {key: group["items"] for key, group in result["inValidInfo"].items() if group["items"]}


@pytest.fixture(scope="module")
def page(browser):
    page = browser.new_page(viewport={"width": 677, "height": 900})
    yield page
    page.close()


@pytest.mark.parametrize("name, key, kind, case", BAD, ids=[b[0] for b in BAD])
def test_the_port_flags_each_bad_case_of_the_spec_with_its_rule(page, name, key, kind, case):
    page.goto("about:blank")
    found = flagged(verify(page, (FIXTURES / "bad" / f"{name}.html").read_text("utf-8")))
    assert key in found, f"{case}: expected {key}, got {found}"
    if kind:
        assert kind in {item.get("rules") for item in found[key]}, found[key]


def test_the_engine_skips_a_paragraph_naming_no_rule_and_the_strict_port_does_not(page):
    """The spec's own 2.4.2 example: the reference engine's prefilter lets it through; the articles are
    also measured without the prefilter (see test_every_article_passes_the_spec_at_585_677_and_375)."""
    html = '<section style="margin-left: 294pt;"><span leaf="">左外边距过大，整段右移出屏幕。</span></section>'
    page.goto("about:blank")
    assert flagged(verify(page, html)) == {}
    assert [i["rules"] for i in flagged(verify(page, html, prefilter=False))["width"]] == ["存在溢出问题"]


@pytest.mark.parametrize("name, case", GOOD, ids=[g[0] for g in GOOD])
def test_the_port_passes_each_good_case_of_the_spec(page, name, case):
    page.goto("about:blank")
    started = time.monotonic()
    assert flagged(verify(page, (FIXTURES / "good" / f"{name}.html").read_text("utf-8"))) == {}, case
    assert time.monotonic() - started < 3, "waited for an image that will never load (the engine gives up after 5 s)"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = copy_demo(tmp_path_factory.mktemp("wechat"))
    assert main(["-C", str(root), "export", "wechat", "--all"]) == 0
    folders = sorted(p.parent for p in (root / "exports" / "wechat").glob("*/article.html"))
    for folder in folders:  # a page in the article's own folder, so that its images load
        (folder / "_blank.html").write_text('<!doctype html><html lang="zh"><meta charset="utf-8"><body></body></html>', "utf-8")
    return root, folders


def test_the_demo_exports_brand_spotlights_and_results_announcements(demo):
    _, folders = demo
    assert len(folders) >= 40
    assert any(f.name == "2026-q3" for f in folders) and any(f.name == "wendang-lianxinqiao" for f in folders)


def test_every_article_passes_the_spec_at_585_677_and_375(demo, page):
    _, folders = demo
    failures = {}
    for folder in folders:
        page.goto((folder / "_blank.html").as_uri())
        html = (folder / "article.html").read_text("utf-8")
        found = flagged(verify(page, html)) or flagged(verify(page, html, prefilter=False))
        if found:
            failures[folder.name] = {k: [(i.get("rules"), i.get("screens") or i.get("screen"), i["outerHTML"][:120]) for i in v[:3]]
                                     for k, v in found.items()}
    assert failures == {}


@pytest.fixture(scope="module")
def terms(demo) -> dict[str, list[str]]:
    """What must stay on one line in each article: a brand's 制度保障 items; in a round, each row's
    名次 and 品牌, and each 创建单位."""
    root, folders = demo
    project = load_project(root)
    out = {b.slug: list(b.systems) for b in project.published}
    for r in project.ranked():
        out[r.id] = [term for s in r.standings for term in (f"第 {s.rank} 名\u3000{s.brand.name}", s.brand.unit) if term]
    texts = {f.name: (f / "article.html").read_text("utf-8") for f in folders}
    # a long round's article may be cut to its top rows: only the rows it shows
    return {name: [t for t in out.get(name, []) if t.split("\u3000")[-1] in texts[name]] for name in texts}


@pytest.mark.parametrize("width", WIDTHS)
def test_terms_stay_whole_and_list_items_are_not_justified(demo, terms, browser, width):
    _, folders = demo
    wanted = terms
    assert wanted["wendang-lianxinqiao"] and wanted["2026-q3"]
    page = browser.new_page(viewport={"width": width, "height": 900})
    failures = {}
    for folder in folders:
        page.goto((folder / "_blank.html").as_uri())
        page.add_script_tag(path=str(READING))
        problems = page.evaluate(
            """([html, width, terms]) => {
                 const box = document.createElement('div');
                 box.style.cssText = `width:${width}px;text-align:justify;overflow:hidden`;
                 box.innerHTML = html;
                 document.body.appendChild(box);
                 return readingProblems(box, terms);
               }""", [(folder / "article.html").read_text("utf-8"), width, wanted[folder.name]])
        if problems:
            failures[folder.name] = problems[:4]
    page.close()
    assert failures == {}
