// What a visitor on a phone notices, measured in the page as Chromium lays it out (tests/test_phone.py).
// Returns numbers and the offending elements, so a failure says where to look.
(care) => {
  const W = document.documentElement.clientWidth;
  const name = (e) => {
    const t = (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 20);
    return e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + (t ? ' «' + t + '»' : '');
  };
  const shown = (e) => e.checkVisibility({opacityProperty: true, visibilityProperty: true}) && e.getClientRects().length > 0;
  const onScreen = (r) => r.right > 0 && r.left < W && r.width > 2 && r.height > 2;  // not the closed drawer, not a 1 px label for screen readers
  const all = [...document.body.querySelectorAll('*')];

  // 1. sideways: the page, and anything a scroll box hides to the right
  const overflow = document.documentElement.scrollWidth - W;
  const wide = all.filter(e => shown(e) && e.getBoundingClientRect().right > W + 1).map(name).slice(0, 5);
  const clipped = all.filter(e => {
    if (!shown(e) || !onScreen(e.getBoundingClientRect())) return false;
    const s = getComputedStyle(e);
    return ['auto', 'scroll', 'hidden'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 2
      && !e.closest('.md-search, .md-sidebar, .md-tabs');   // the theme's own scrolling panels
  }).map(e => name(e) + ' ' + e.scrollWidth + '>' + e.clientWidth).slice(0, 5);

  // 2. the narrowest box a text longer than four characters is set in, in characters of its own size
  const boxOf = (e) => { while (e && ['inline', 'contents'].includes(getComputedStyle(e).display)) e = e.parentElement; return e; };
  let narrowest = Infinity, squeezed = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const t = walker.currentNode, text = t.textContent.trim(), parent = t.parentElement;
    if ([...text].length <= 4 || parent.closest('svg, script, style, noscript') || !shown(parent)) continue;
    const box = boxOf(parent), r = box.getBoundingClientRect();
    if (!onScreen(r)) continue;
    const s = getComputedStyle(box);
    const inner = r.width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - parseFloat(s.borderLeftWidth) - parseFloat(s.borderRightWidth);
    const chars = inner / parseFloat(getComputedStyle(parent).fontSize);
    // only a text that breaks into lines can stack: "99.45 分" on one line in a box 3.7 characters wide reads well
    const range = document.createRange();
    range.selectNodeContents(t);
    const lines = new Set([...range.getClientRects()].filter(q => q.width > 0).map(q => Math.round(q.top))).size;
    if (lines < 2) continue;
    if (chars < narrowest) narrowest = chars;
    if (chars < 4) squeezed.push(name(box) + ' ' + chars.toFixed(1));
  }

  // 3. chart labels as rendered: an SVG's font size times its scale; the HTML rows' own size
  const labels = [];
  for (const e of document.querySelectorAll('svg.bs-chart text')) if (shown(e)) labels.push(parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a);
  for (const e of document.querySelectorAll('.bs-trend li > span, .bs-trend__scale')) if (shown(e) && e.textContent.trim()) labels.push(parseFloat(getComputedStyle(e).fontSize));

  // 4. cards a gallery row holds
  const cards = [...document.querySelectorAll('ul.bs-grid:not(.bs-grid--featured) > li')].filter(shown).map(e => Math.round(e.getBoundingClientRect().top));
  const perRow = cards.length ? cards.filter(top => top === cards[0]).length : null;

  // 5. touch targets; a link inside a sentence is exempt (WCAG 2.5.8), as is what a screen reader alone reaches
  const least = care ? 44 : 24;
  const small = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button]')]
    .filter(e => {
      if (!shown(e)) return false;
      const r = e.getBoundingClientRect();
      if (!onScreen(r) || (r.width >= least && r.height >= least)) return false;
      if (getComputedStyle(e).display === 'inline') {
        const block = boxOf(e);
        const around = block.textContent.replace(e.textContent, '').trim();
        if (around.length > 0) return false;
      }
      return true;
    }).map(e => { const r = e.getBoundingClientRect(); return name(e) + ' ' + Math.round(r.width) + '×' + Math.round(r.height); });

  return {overflow, wide, clipped, narrowest, squeezed: squeezed.slice(0, 8), labels, perRow, small: small.slice(0, 8), smallCount: small.length};
}
