// A port, for Chromium, of WeChat's article structure checks (wechatjs/verify-article-structure-spec).
//
// Written for brandsite from the spec's definition (verify_article_structure.md) and from reading its
// reference engine (cli/engine/*.ts); each part below names the file whose logic it follows. Where the
// reference engine has a quirk (one candidate per paragraph, a fallback measured at one width) the
// port keeps it, so that what passes here passes there; where this port goes further than the engine
// the comment says so. See README.md beside this file.
//
// Usage (in a page):  await window.verifyArticleStructure(articleHtml, {settleMs, prefilter})
//   → {isValid, inValidInfo: {<key>: {violateRules, items: [{outerHTML, rules?, screen?}]}}}
// Keys are the engine's: width, line-height, height, height-nodisplay, text-align, pre, nestNodes,
// opacity, caret-color, animate-begin; plus font-family (section 4), span-leaf (3.2), node-leaf (3.3).
(() => {
  // cli/engine/layout.ts DEFAULT_SCREENS: the editor's column (585), its wide view (677), a phone (375)
  const SCREENS = [585, 677, 375];

  // short descriptions with the spec's section numbers (our words; the engine's copy is in rules-text.ts)
  const RULES = {
    'font-family': '#4 使用了默认字体栈以外的字体',
    opacity: '#2.1 图片 opacity 为 0',
    'caret-color': '#2.2 光标颜色透明',
    'line-height': '#2.3 行高小于字号，多行文字重叠',
    width: '#2.4 宽度：居中不一致、溢出或不同屏幕下宽度差异',
    height: '#2.5.1 容器 height 为 0，文字不可见',
    'height-nodisplay': '#2.5.2 内容高度超出容器设定的 height，被裁切',
    'text-align': '#2.6 text-align 使用了 start/end',
    'animate-begin': '#2.7 SVG 动画只由 touchstart 触发',
    pre: '#2.8 <pre> 包裹正文，窄屏水平溢出',
    nestNodes: '#3.1 同标签同样式的单子节点嵌套过深',
    'span-leaf': '#3.2 span[leaf] 内有块级元素',
    'node-leaf': '#3.3 section[nodeleaf] 内有图片或组件以外的元素',
  };
  // layout.ts hasWidthVariance → the three kinds of 2.4
  const WIDTH_KINDS = {center: '居中布局不一致', overflow: '存在溢出问题', ratio: '不同屏幕下宽度差异'};

  // ---- cli/engine/dom.ts -------------------------------------------------------------------------
  function isMarkNode(node) {
    if (!node || !node.tagName) return false;
    const tag = node.tagName.toLowerCase();
    if (tag === 'mpchecktext' || tag === 'mptmpchecktext' || tag === 'mp-pay-preview-filter') return true;
    return !!(node.id && /^_baidu_bookmark_/i.test(node.id));
  }
  const SPECIAL_TAGS = /iframe|video|audio|cps|mp|img|animateTransform|hr|path|br|svg|^g$|^a$/i;
  function isEmptyParagraph(el) {
    const html = el.innerHTML.trim();
    return html === '' || /^(\s*<br[^>]*?\s*\/?>\s*)*$/i.test(html)
      || /^<span[^>]*\bleaf\b[^>]*>\s*(<br[^>]*>)?\s*<\/span>$/i.test(html);
  }

  // ---- cli/engine/paragraph.ts (getParaList with the engine's default options) ---------------------
  const BLOCK_TAGS = ['P', 'DIV', 'SECTION', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'WX-VIEW'];
  function hasBlockChild(el) {
    return el.nodeType === 1 && [...el.children].some(c => BLOCK_TAGS.includes(c.tagName));
  }
  function cannotSplit(el) {
    const cls = typeof el.className === 'string' ? el.className : '';
    return cls.includes('js_product_container') || cls.includes('js_blockquote_wrap') || el.tagName === 'BLOCKQUOTE';
  }
  // (the engine's <br> post-pass only acts on <br> paragraphs, which exist only with its getSpan option)
  function paragraphList(el) {
    let list = [];
    for (const child of el.children) {
      if (isMarkNode(child)) continue;
      if (hasBlockChild(child) && !cannotSplit(child)) list = list.concat(paragraphList(child));
      else list.push(child);
    }
    return list;
  }

  // ---- cli/engine/rules/helpers.ts ---------------------------------------------------------------
  function inlineStyle(node, prop) {
    const style = node.getAttribute && node.getAttribute('style');
    if (!style) return null;
    const m = style.match(new RegExp('(^|;)\\s*' + prop + '\\s*:\\s*([^;]+)', 'i'));
    return m ? m[2].trim() : null;
  }
  const isTransparentRgba = v => !!v && /rgba\(0,0,0,0\)/i.test(v.replace(/\s+/g, ''));
  // text as the rules count it: zero-width and no-break spaces and whitespace removed
  const bareText = n => (n.textContent || '').replace(/[\u200b\ufeff\u00a0\s]/g, '');

  // ---- cli/engine/collect.ts + cli/engine/rules/*.ts ---------------------------------------------
  const QUICK = /\b(?:font-family|caret-color|opacity|line-height|text-align|width|height|animate)\b|<pre[\s>]/i;
  const DEFAULT_FONTS = '"mp-quote", PingFang SC, system-ui, -apple-system';  // rules/font-family.ts
  const normalFont = s => s.replace(/["']/g, '').replace(/\s+/g, ' ').trim();

  function collect(paragraphs, prefilter = true) {
    let counter = 0;
    const mark = (node, p) => {
      let id = node.getAttribute('data-violation-id');
      if (!id) { id = `violation-${p}-${counter++}`; node.setAttribute('data-violation-id', id); }
      return id;
    };
    // collect.ts getInvalidNodes: the wrappers above each paragraph carry its index
    paragraphs.forEach((p, i) => {
      for (let a = p.parentNode; a && a.setAttribute; a = a.parentNode) {
        if (a.getAttribute('data-blockidx') !== null) break;
        a.setAttribute('data-blockidx', String(i));
      }
    });
    const candidates = [];
    paragraphs.forEach((para, p) => {
      // collect.ts skips a paragraph whose HTML names none of the rules' properties: the spec's own 2.4.2
      // example (a margin-left and nothing else) passes the engine so. {prefilter: false} checks them all.
      if (prefilter && !QUICK.test(para.outerHTML.replace(/<!--[\s\S]*?-->/g, ''))) return;
      if (isEmptyParagraph(para)) return;
      // collect.ts keeps one candidate per paragraph and property in a Map keyed by the paragraph
      // index, so a later node of the same paragraph replaces an earlier one: kept as it is.
      const maps = {};
      for (const k of ['line-height', 'width', 'pre'])
        maps[k] = new Map();
      const put = (key, c) => maps[c.property].set(key, c);
      if (!para.hasAttribute('data-ignore-width'))
        put(`${p}_para`, {property: 'width', node: para, p, id: mark(para, p), overflowOnly: true});
      const queue = [{n: para}];
      while (queue.length) {
        const {n} = queue.shift();
        const tag = n.tagName.toLowerCase();
        n.setAttribute('data-blockidx', String(p));
        // rules/line-height.ts: any node with text is a candidate (line-height:0 without text is not)
        if (tag !== 'svg' && bareText(n)) put(p, {property: 'line-height', node: n, p, id: mark(n, p)});
        // rules/width.ts
        if (!n.closest('[data-ignore-width]')) {
          const w = inlineStyle(n, 'width');
          if (tag === 'img' && !n.classList.contains('ProseMirror-separator')) {
            put(p, {property: 'width', node: n, p, id: mark(n, p)});
          } else if (tag === 'table') {
            const thead = n.querySelector('thead');
            if (thead) thead.querySelectorAll('th').forEach((th, i) =>
              put(`${p}_th${i}`, {property: 'width', node: th, p, id: mark(th, p), thIndex: i}));
          } else if (tag !== 'svg' && w !== null && w !== '' && !/auto|100%/i.test(w)) {
            put(p, {property: 'width', node: n, p, id: mark(n, p), value: w});
          }
        }
        // rules/pre.ts
        if (tag === 'pre' && bareText(n)) put(p, {property: 'pre', node: n, p, id: mark(n, p)});
        for (const c of n.children) queue.push({n: c});
      }
      for (const m of Object.values(maps)) candidates.push(...m.values());
    });
    return candidates;
  }

  // The rules that read an element's own attributes. The CLI runs them inside paragraphs only, so the
  // style of a wrapper around several paragraphs (the spec's own 2.5.1 example puts height:0 there)
  // escapes it; the spec has no such exception, and this port checks every element of the article.
  function staticRules(root) {
    const out = [];
    for (const n of root.querySelectorAll('*')) {
      const tag = n.tagName.toLowerCase();
      const hit = (property, value) => out.push({property, node: n, value});
      // rules/opacity.ts
      if (tag === 'img') {
        const op = inlineStyle(n, 'opacity');
        if ((op !== null && (/^0(?:\.0+)?$/.test(op) || parseFloat(op) === 0)) || /opacity\s*:\s*0\b/i.test(n.getAttribute('style') || ''))
          hit('opacity', op);
      }
      // rules/caret-color.ts (the literal rgba(0,0,0,0); the keyword transparent is not matched)
      const caret = inlineStyle(n, 'caret-color');
      if (caret && isTransparentRgba(caret) && !isEmptyParagraph(n)) hit('caret-color', caret);
      // rules/text-align.ts
      const ta = inlineStyle(n, 'text-align');
      if (ta && /^(start|end)$/i.test(ta)) hit('text-align', ta);
      // rules/animate-begin.ts (it compares a lower-cased tag with 'animateTransform', so only <animate>
      // ever matches there; this port also checks <animateTransform> and <animateMotion>)
      if (['animate', 'animatetransform', 'animatemotion'].includes(tag)) {
        const begin = n.getAttribute('begin');
        if (begin && /\btouchstart\b/i.test(begin) && !/\bclick\b/i.test(begin)) hit('animate-begin', begin);
      }
      // rules/height-zero.ts: height 0 over text, except inside an <svg> or an SVG interaction container
      if (!n.closest('svg') && !n.closest('[data-mode="svg"]')) {
        const h = inlineStyle(n, 'height');
        if (h !== null && /^0(px)?$/i.test(h) && bareText(n)) hit('height', h);
      }
      // rules/font-family.ts. The engine's collect.ts imports this check but does not call it; the
      // spec's section 4 asks for no font-family at all, so this port runs it: a declared font list
      // must begin with the editor's default stack.
      const ff = inlineStyle(n, 'font-family');
      if (ff && !normalFont(ff).startsWith(normalFont(DEFAULT_FONTS))) hit('font-family', ff);
    }
    return out;
  }

  // ---- cli/engine/nest.ts (deleteNestNode in its dry-run "isTest" mode, on a real DOM) -------------
  function nestedNodes(root) {
    const MAX_STYLE_LEVEL = 15;
    const deep = [];
    const found = [];
    const level = new Map();
    const needEmpty = new Set();
    const visit = node => {
      const parentLevel = level.get(node.parentNode) || 0;
      level.set(node, parentLevel ? parentLevel + 1 : 1);
      if (level.get(node) >= MAX_STYLE_LEVEL) { deep.push(node); return; }
      for (const c of node.children) visit(c);
    };
    level.set(root, 0);
    for (const c of root.children) visit(c);
    const tagOf = n => (n.tagName || '').toLowerCase();
    const styleOf = n => n.getAttribute('style') || '';
    for (const item of deep) {
      let tags = [], styles = [], parentStyles = [];
      const seenTag = t => { if (!tags.includes(t)) { tags.push(t); return false; } return true; };
      const seenStyle = (str, isParent) => {
        let seen = true;
        for (const s of (str || '').split(';')) {
          if (isParent) { if (!parentStyles.includes(s)) { seen = false; parentStyles.push(s); } }
          else if (!styles.includes(s) && !parentStyles.includes(s)) { seen = false; styles.push(s); }
        }
        return seen;
      };
      let done = false;
      // upward: a single-child chain whose tag and style were both seen already would be unwrapped
      let current = item;
      for (let left = MAX_STYLE_LEVEL - 2; left && !done; left--) {
        const parent = current.parentNode, grand = parent && parent.parentNode;
        if (parent && grand && grand.children && grand.children.length === 1) {
          const t = tagOf(parent);
          if (!seenTag(t) || !seenStyle(styleOf(parent), true)) current = parent;
          else if (!SPECIAL_TAGS.test(t)) { if (!found.includes(parent)) found.push(parent); done = true; }
        }
      }
      if (done) continue;
      // downward: dive through single-child layers with content beyond the nearest three
      const stack = [item];
      while (stack.length && !done) {
        const down = stack.pop();
        if (needEmpty.has(down)) { tags = []; styles = []; }
        const kids = [...down.children];
        if (kids.length === 1) {
          const child = kids[0], grandKids = [...child.children];
          if (grandKids.length === 1) {
            if (grandKids[0].children.length > 0) {
              const t = tagOf(child);
              if (!seenTag(t) || !seenStyle(styleOf(child))) stack.push(child);
              else if (!SPECIAL_TAGS.test(t)) { if (!found.includes(child)) found.push(child); done = true; }
            }
          } else if (grandKids.length > 1) {
            for (let i = grandKids.length - 1; i >= 0; i--) { needEmpty.add(grandKids[i]); stack.push(grandKids[i]); }
          }
        } else if (kids.length > 1) {
          for (let i = kids.length - 1; i >= 0; i--) { needEmpty.add(kids[i]); stack.push(kids[i]); }
        }
      }
    }
    return found;
  }

  // ---- spec sections 3.2 and 3.3 (rules-text.ts has their wording; the engine has no code for them) -
  const BLOCK_INSIDE_LEAF = 'section, div, p, h1, h2, h3, h4, h5, h6, ul, ol, li, table, blockquote, pre, figure, hr';
  function leafProblems(root) {
    const out = {'span-leaf': [], 'node-leaf': []};
    for (const span of root.querySelectorAll('span[leaf]'))
      if (span.querySelector(BLOCK_INSIDE_LEAF)) out['span-leaf'].push(span);
    for (const box of root.querySelectorAll('section[nodeleaf]'))
      if ([...box.querySelectorAll('*')].some(el => !/^(img|mp-.*)$/i.test(el.tagName) && !el.closest('mp-common-product, [class^="mp-"]')))
        out['node-leaf'].push(box);
    return out;
  }

  // ---- cli/engine/layout.ts ----------------------------------------------------------------------
  function sandboxFor(html) {
    if (!document.getElementById('rich-media-styles')) {
      const style = document.createElement('style');
      style.id = 'rich-media-styles';
      style.textContent = '.rich_media_content * { max-width: 100% !important; box-sizing: border-box !important;'
        + ' -webkit-box-sizing: border-box !important; word-wrap: break-word !important; }';
      document.head.appendChild(style);
    }
    const box = document.createElement('div');
    box.id = 'test';
    box.className = 'rich_media_content';
    Object.assign(box.style, {
      position: 'fixed', left: '-9999px', top: '-9999px', visibility: 'hidden', pointerEvents: 'none',
      zIndex: '-1', boxSizing: 'border-box', color: 'rgba(0, 0, 0, 0.9)', fontSize: 'var(--articleFontsize)',
      overflow: 'hidden', textAlign: 'justify',
    });
    document.body.appendChild(box);
    box.innerHTML = html;
    return box;
  }

  async function imagesSettled(box, timeoutMs = 5000) {
    // an image already complete (loaded, broken, or without a src: goodcases srcless-img-no-wait) sends
    // no event to wait for
    const waits = [...box.querySelectorAll('img')].map(img => img.complete
      ? null : new Promise(r => { img.addEventListener('load', r, {once: true}); img.addEventListener('error', r, {once: true}); }));
    await Promise.race([Promise.all(waits), new Promise(r => setTimeout(r, timeoutMs))]);
    // an image that did not load takes its size from data-w / inline width / width attribute
    for (const img of box.querySelectorAll('img')) {
      if ((img.className || '').includes('ProseMirror-separator') || (img.complete && img.naturalWidth > 0)) continue;
      const candidates = [parseFloat(img.style.width), parseFloat(img.getAttribute('data-w')), parseFloat(img.getAttribute('width'))];
      const width = candidates.find(v => Number.isFinite(v) && v > 0);
      const ratio = parseFloat(img.getAttribute('data-ratio'));
      if (width) {
        img.style.width = width + 'px';
        if (ratio > 0) img.style.height = (width * ratio) + 'px';
      } else {
        img.src = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'%3E%3C/svg%3E";
      }
    }
  }

  function shellHTML(el) {  // layout.ts getShellHTML
    const c = el.cloneNode(false);
    c.removeAttribute('data-blockidx'); c.removeAttribute('data-violation-id');
    return c.outerHTML;
  }
  function cleanHTML(el) {  // layout.ts getCleanOuterHTML
    const c = el.cloneNode(true);
    for (const n of [c, ...c.querySelectorAll('[data-blockidx], [data-violation-id]')]) {
      n.removeAttribute('data-blockidx'); n.removeAttribute('data-violation-id');
    }
    return c.outerHTML;
  }

  // layout.ts hasWidthVariance (tolerance 10 px, ratio tolerance 0.2, 0 when a screen is filled exactly)
  function widthVariance(findings, tolerance = 10, ratioTolerance = 0.2) {
    const base = findings[0];
    if (base.overflowOnly) return findings.some(f => f.isOverflowing) ? WIDTH_KINDS.overflow : '';
    const widthDiff = findings.some(f => Math.abs(f.computedWidth - base.computedWidth) > tolerance);
    const tol = findings.some(f => f.widthRatio === 1) ? 0 : ratioTolerance;
    const ratioDiff = findings.some(f => Math.abs(f.widthRatio - base.widthRatio) > tol);
    const overflowDiff = findings.some(f => f.isOverflowing !== base.isOverflowing);
    const allCentered = findings.every(f => f.isHorizontallyCentered);
    const centerMixed = findings.some(f => f.isHorizontallyCentered) && findings.some(f => !f.isHorizontallyCentered);
    const bad = allCentered ? overflowDiff : ((widthDiff && ratioDiff) || overflowDiff || centerMixed);
    if (!bad) return '';
    if (centerMixed) return WIDTH_KINDS.center;
    if (overflowDiff) return WIDTH_KINDS.overflow;
    return WIDTH_KINDS.ratio;
  }

  // layout.ts checkChildHeightOverflow: a descendant (10 levels deep at most) taller than the sandbox
  function heightOverflow(parent, rect, depth = 0, chain = []) {
    if (depth > 10) return null;
    const here = [...chain, parent];
    for (const child of parent.children) {
      const oy = getComputedStyle(child).overflowY;
      if (oy === 'auto' || oy === 'scroll') continue;
      const h = child.offsetHeight;
      if ((rect.height > 200 && h > rect.height + 20) || (rect.height <= 200 && h > rect.height + 5)) {
        const suspect = here.find(el => {
          const m = (el.getAttribute && el.getAttribute('style') || '').match(/(^|;)\s*height\s*:\s*([^;]+)/i);
          return m && !/^auto$/i.test(m[2].trim());
        });
        return {child, childHeight: h, parentHeight: rect.height, suspect};
      }
      const deeper = heightOverflow(child, rect, depth + 1, here);
      if (deeper) return deeper;
    }
    return null;
  }

  // Line-height overlap, the engine's fallback over every p/div/section/h1-h6/li/td/a with text of its own
  // (layout.ts collectLineHeightFallback): (A) a computed line-height of 0 over text, with a height, is
  // an overlap; (B) the height divided by round(height / line-height) lines under 0.95 × font size, with
  // two lines or more. docs/how-line-height-detection-works.html describes a finer (B): the text's
  // fragments from a Range, merged into lines when they overlap vertically by more than half the shorter
  // one, and the content height (no padding) divided by those lines; this port applies both forms of
  // (B). layout.ts measures the fallback at the first width only; the document says at every width, and
  // so does this port.
  const FALLBACK_TAGS = new Set(['p', 'div', 'section', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'a']);
  function lineCount(el) {
    const range = document.createRange();
    range.selectNodeContents(el);
    const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top);
    const lines = [];
    for (const r of rects) {
      const line = lines.find(l => {
        const overlap = Math.min(l.bottom, r.bottom) - Math.max(l.top, r.top);
        return overlap > Math.min(l.bottom - l.top, r.height) / 2;
      });
      if (line) { line.top = Math.min(line.top, r.top); line.bottom = Math.max(line.bottom, r.bottom); }
      else lines.push({top: r.top, bottom: r.bottom});
    }
    return lines.length;
  }
  function lineHeightFallback(box) {
    const out = [];
    for (const node of box.querySelectorAll('*')) {
      if (!FALLBACK_TAGS.has(node.tagName.toLowerCase())) continue;
      if (![...node.childNodes].some(c => c.nodeType === 3 && c.textContent.trim())) continue;
      const cs = getComputedStyle(node);
      const fontSize = parseFloat(cs.fontSize);
      const lineHeight = cs.lineHeight === 'normal' ? fontSize * 1.2 : parseFloat(cs.lineHeight);
      const rect = node.getBoundingClientRect();
      if (lineHeight === 0 && rect.height > 0 && fontSize > 0) {
        out.push({node, rules: '继承的 line-height: 0 导致文字叠字'});
        continue;
      }
      const estimated = lineHeight > 0 ? Math.round(rect.height / lineHeight) : 0;
      if (estimated >= 2 && rect.height / estimated < fontSize * 0.95) {
        out.push({node, rules: `行距 ${(rect.height / estimated).toFixed(1)}px < 0.95 × 字号 ${fontSize}px（约 ${estimated} 行）`});
        continue;
      }
      const inner = rect.height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)
        - parseFloat(cs.borderTopWidth) - parseFloat(cs.borderBottomWidth);
      const lines = lineCount(node);
      if (lines >= 2 && inner / lines < fontSize * 0.95)
        out.push({node, rules: `行距 ${(inner / lines).toFixed(1)}px < 0.95 × 字号 ${fontSize}px（${lines} 行）`});
    }
    return out;
  }

  async function verifyArticleStructure(articleHtml, opts = {}) {
    const screens = opts.screens || SCREENS;
    const settleMs = opts.settleMs === undefined ? 100 : opts.settleMs;
    const settle = () => new Promise(r => setTimeout(r, settleMs));
    // browser-runner.ts: the article in a detached <div>; index.ts: paragraphs, nesting, candidates
    const container = document.createElement('div');
    container.innerHTML = articleHtml;
    const paragraphs = paragraphList(container);
    const nested = nestedNodes(container);
    const leaves = leafProblems(container);
    const statics = staticRules(container);
    const candidates = collect(paragraphs, opts.prefilter !== false);
    const info = {};
    const add = (key, item, rules) => {
      if (!info[key]) info[key] = {violateRules: rules || RULES[key], items: []};
      info[key].items.push(item);
    };

    const box = sandboxFor(container.outerHTML);
    try {
      await imagesSettled(box);
      const find = c => box.querySelector(`[data-violation-id="${c.id}"]`);
      box.style.width = screens[0] + 'px';
      await settle();
      const over = heightOverflow(box, box.getBoundingClientRect());
      if (over) add('height-nodisplay', {outerHTML: over.suspect ? shellHTML(over.suspect) : '', childHeight: over.childHeight, parentHeight: over.parentHeight});

      const widthFindings = new Map(), lineFindings = new Map(), preFindings = new Map(), fallback = new Map();
      for (const screen of screens) {
        box.style.width = screen + 'px';
        await settle();
        const outer = box.getBoundingClientRect();
        for (const c of candidates) {
          const el = find(c);
          if (!el) continue;
          if (c.property === 'width') {
            const r = el.getBoundingClientRect();
            const computedWidth = Math.round(r.width);
            const centered = Math.abs((r.left - outer.left) + (outer.right - r.right)) <= 1;
            const overflowing = (r.left < outer.left - 1 || r.right > outer.right + 1) && !centered;
            if (!widthFindings.has(c)) widthFindings.set(c, []);
            widthFindings.get(c).push({screen, computedWidth, widthRatio: computedWidth / screen, isOverflowing: overflowing,
              isHorizontallyCentered: centered, overflowOnly: !!c.overflowOnly});
          } else if (c.property === 'line-height') {
            // layout.ts: more than one line's height, and a line-height more than 10 px under the font size
            const cs = getComputedStyle(el);
            const fontSize = parseFloat(cs.fontSize);
            const lineHeight = cs.lineHeight === 'normal' ? fontSize * 1.2 : parseFloat(cs.lineHeight);
            const overlapping = el.getBoundingClientRect().height > fontSize * 1.2 && lineHeight + 10 < fontSize;
            if (overlapping && !lineFindings.has(c)) lineFindings.set(c, screen);
          } else if (c.property === 'pre') {
            if (el.scrollWidth > el.clientWidth + 1 && !preFindings.has(c)) preFindings.set(c, screen);
          }
        }
        for (const hit of lineHeightFallback(box))
          if (!fallback.has(hit.node)) fallback.set(hit.node, {screen, rules: hit.rules});
      }
      for (const [c, findings] of widthFindings) {
        const kind = widthVariance(findings);
        if (kind) add('width', {outerHTML: cleanHTML(c.node), rules: kind, thIndex: c.thIndex,
          screens: findings.map(f => `${f.screen}:${f.computedWidth}${f.isOverflowing ? '溢出' : ''}${f.isHorizontallyCentered ? '居中' : ''}`).join(' ')});
      }
      for (const [c, screen] of lineFindings) add('line-height', {outerHTML: cleanHTML(c.node), screen});
      for (const [node, hit] of fallback) add('line-height', {outerHTML: cleanHTML(node), screen: hit.screen, rules: hit.rules});
      for (const [c, screen] of preFindings) add('pre', {outerHTML: cleanHTML(c.node), screen});
    } finally {
      box.remove();
    }
    // index.ts: nesting problems, one per paragraph, the outermost kept
    const byPara = new Map();
    for (const node of nested) {
      const holder = node.closest('[data-blockidx]');
      const key = holder ? holder.getAttribute('data-blockidx') : node;
      const html = cleanHTML(node);
      if (!byPara.has(key) || byPara.get(key).outerHTML.length < html.length) byPara.set(key, {outerHTML: html});
    }
    for (const item of byPara.values()) add('nestNodes', item);
    for (const c of statics) add(c.property, {outerHTML: cleanHTML(c.node), value: c.value});
    for (const [key, nodes] of Object.entries(leaves)) for (const n of nodes) add(key, {outerHTML: cleanHTML(n)});
    for (const group of Object.values(info))
      for (const item of group.items) item.outerHTML = (item.outerHTML || '').slice(0, 300);
    return Object.keys(info).length ? {isValid: false, inValidInfo: info} : {isValid: true, inValidInfo: {}};
  }

  window.verifyArticleStructure = verifyArticleStructure;
})();
