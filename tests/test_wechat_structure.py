"""Every article the demo exports passes the WeChat editor's own structure checks, in Chromium.

The editor keeps a declared font only from its own list, keeps four text-align values, keeps bold
and italic only as <strong>/<b> and <em>/<i> (or bold/italic styles), and flags a line-height overlap
where a paragraph's text height divided by its number of line boxes is smaller than its font size.
Each article is laid out at the editor's two widths, 585 px and 677 px, and on a 375 px phone.
"""

from __future__ import annotations

import pytest

from generator.cli import main
from tests.conftest import copy_demo

WIDTHS = (585, 677, 375)
# the editor's font menu and its default stack; an article that declares no font takes the reader's
EDITOR_FONTS = {"-apple-system", "blinkmacsystemfont", "helvetica neue", "pingfang sc", "hiragino sans gb",
                "microsoft yahei ui", "microsoft yahei", "arial", "sans-serif", "serif", "simsun", "宋体", "黑体",
                "楷体", "仿宋", "微软雅黑", "optima-regular", "optima", "mp-quote"}
TEXT_ALIGN = {"left", "center", "right", "justify"}

# The editor's measure: for every block with text, the height of its content box divided by the number
# of line boxes a Range over its contents reports (fragments on one line counted once), against its
# font size. Plus the declared fonts, alignments and emphasis.
CHECKS = """
(fonts) => {
  const problems = [];
  const blocks = new Set(['block', 'list-item', 'table-cell', 'flow-root']);
  for (const el of document.querySelectorAll('#wx *')) {
    const where = el.tagName.toLowerCase() + ' «' + (el.textContent || '').trim().slice(0, 16) + '»';
    const declared = el.style;
    if (declared.fontFamily) {
      for (const f of declared.fontFamily.split(',')) {
        const name = f.trim().replace(/^["']|["']$/g, '').toLowerCase();
        if (!fonts.includes(name)) problems.push(where + ': font ' + name);
      }
    }
    if (declared.textAlign && !['left', 'center', 'right', 'justify'].includes(declared.textAlign))
      problems.push(where + ': text-align ' + declared.textAlign);
    if (declared.fontWeight && !['bold', '700', 'normal', '400'].includes(declared.fontWeight))
      problems.push(where + ': font-weight ' + declared.fontWeight);
    if (declared.fontStyle && !['italic', 'normal'].includes(declared.fontStyle))
      problems.push(where + ': font-style ' + declared.fontStyle);
    const cs = getComputedStyle(el);
    if (['STRONG', 'B'].includes(el.tagName) && parseInt(cs.fontWeight) < 700) problems.push(where + ': not bold');
    if (['EM', 'I'].includes(el.tagName) && cs.fontStyle !== 'italic') problems.push(where + ': not italic');
    if (!blocks.has(cs.display)) continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    // fragments whose middle lies inside the current line belong to it (a raised mark, a bold word)
    const rects = [...range.getClientRects()].filter(r => r.height > 0 && r.width > 0).sort((a, b) => a.top - b.top);
    const lines = [];
    for (const r of rects) {
      const mid = (r.top + r.bottom) / 2, line = lines[lines.length - 1];
      if (line && mid >= line.top && mid <= line.bottom) { line.bottom = Math.max(line.bottom, r.bottom); continue; }
      lines.push({top: r.top, bottom: r.bottom});
    }
    if (!lines.length) continue;
    const box = el.getBoundingClientRect();
    const pad = parseFloat(cs.paddingTop) + parseFloat(cs.paddingBottom)
              + parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
    const perLine = (box.height - pad) / lines.length;
    const size = parseFloat(cs.fontSize);
    if (perLine + 0.5 < size) problems.push(where + ': line ' + perLine.toFixed(1) + 'px < font ' + size + 'px');
  }
  const wx = document.getElementById('wx');
  if (wx.scrollWidth > wx.clientWidth + 1) problems.push('wider than ' + wx.clientWidth + 'px');
  return problems;
}
"""


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    root = copy_demo(tmp_path_factory.mktemp("wechat"))
    assert main(["-C", str(root), "export", "wechat", "--all"]) == 0
    folders = sorted(p.parent for p in (root / "exports" / "wechat").glob("*/article.html"))
    for folder in folders:
        body = (folder / "article.html").read_text("utf-8")
        # the article inside a column as wide as the editor's, from the article's own folder (images load)
        (folder / "_editor.html").write_text(
            '<!doctype html><html lang="zh"><meta charset="utf-8"><body style="margin:0">'
            f'<div id="wx" style="overflow-x:hidden">{body}</div></body></html>', "utf-8")
    return folders


def test_the_demo_exports_brand_spotlights_and_results_announcements(articles):
    assert len(articles) >= 40
    assert any(f.name == "2026-q3" for f in articles) and any(f.name == "wendang-lianxinqiao" for f in articles)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_article_passes_the_editors_structure_checks(articles, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    failures = {}
    for folder in articles:
        page.goto((folder / "_editor.html").as_uri())
        page.wait_for_load_state("load")
        problems = page.evaluate(CHECKS, sorted(EDITOR_FONTS))
        if problems:
            failures[folder.name] = problems[:5]
    page.close()
    assert failures == {}


def test_the_check_catches_an_overlapping_line_height(articles, browser):
    """The measure is real: an article with line-height below its font size fails it."""
    folder = articles[0]
    bad = folder / "_overlap.html"
    bad.write_text('<!doctype html><meta charset="utf-8"><div id="wx" style="width:375px">'
                   '<p style="font-size:16px;line-height:0.8;">' + "服务品牌创建展示" * 20 + "</p>"
                   '<p style="font-family:Comic Sans MS;text-align:start;">字体</p></div>', "utf-8")
    page = browser.new_page(viewport={"width": 375, "height": 900})
    page.goto(bad.as_uri())
    problems = page.evaluate(CHECKS, sorted(EDITOR_FONTS))
    page.close()
    assert any("line" in p and "< font 16px" in p for p in problems)
    assert any("font comic sans ms" in p for p in problems) and any("text-align start" in p for p in problems)
