// What a reader on a phone sees, beyond WeChat's structure rules (brandsite's own checks, not the spec's).
//
// readingProblems(root, terms): with the article laid out in ``root`` at some width,
//  - each term (a 制度保障 item, a brand name …) shows at least once, and every time on one line;
//  - list items and the blocks that hold a term are not justified (justify opens gaps between short items);
//  - nothing needs a sideways scroll or sticks out of the column.
(() => {
  // the lines a Range's fragments fall on: fragments overlapping vertically by more than half are one line
  function lines(range) {
    const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top);
    const out = [];
    for (const r of rects) {
      const line = out.find(l => Math.min(l.bottom, r.bottom) - Math.max(l.top, r.top) > Math.min(l.bottom - l.top, r.height) / 2);
      if (line) { line.top = Math.min(line.top, r.top); line.bottom = Math.max(line.bottom, r.bottom); }
      else out.push({top: r.top, bottom: r.bottom});
    }
    return out.length;
  }

  function blockOf(node) {
    for (let el = node.parentElement; el; el = el.parentElement) {
      const d = getComputedStyle(el).display;
      if (d !== 'inline' && d !== 'inline-block') return el;
    }
    return null;
  }

  function readingProblems(root, terms) {
    const problems = [];
    const where = el => el.tagName.toLowerCase() + ' «' + (el.textContent || '').trim().slice(0, 20) + '»';
    // the article's text in document order, with where each text node starts in it
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push({n, at: text.length}); text += n.data; }
    const locate = offset => {
      let i = nodes.length - 1;
      while (i > 0 && nodes[i].at > offset) i--;
      return [nodes[i].n, offset - nodes[i].at];
    };
    const holders = new Set();
    for (const term of terms) {
      let from = text.indexOf(term);
      if (from < 0) { problems.push(`«${term}» is not shown`); continue; }
      for (; from >= 0; from = text.indexOf(term, from + term.length)) {
        const range = document.createRange();
        range.setStart(...locate(from));
        const [endNode, endOffset] = locate(from + term.length - 1);
        range.setEnd(endNode, endOffset + 1);
        const count = lines(range);
        if (count > 1) problems.push(`«${term}» breaks across ${count} lines`);
        const holder = blockOf(range.startContainer);
        if (holder) holders.add(holder);
      }
    }
    for (const el of [...root.querySelectorAll('li'), ...holders])
      if (getComputedStyle(el).textAlign === 'justify') problems.push(`${where(el)} is justified`);
    const column = root.getBoundingClientRect();
    for (const el of root.querySelectorAll('*')) {
      const cs = getComputedStyle(el);
      if (['auto', 'scroll'].includes(cs.overflowX) && el.scrollWidth > el.clientWidth + 1)
        problems.push(`${where(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth} px)`);
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.left < column.left - 1 || r.right > column.right + 1))
        problems.push(`${where(el)} leaves the column (${Math.round(r.left - column.left)}…${Math.round(r.right - column.left)} of ${Math.round(column.width)} px)`);
    }
    return [...new Set(problems)];
  }

  window.readingProblems = readingProblems;
})();
