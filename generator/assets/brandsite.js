/* brandsite's small enhancements. Every page works without them. */
(function () {
  "use strict";

  // -- brand lookup: the brand a visitor names comes first --------------------------------------------
  // search/brands.json lists every published brand's name, unit and pinyin. Its matches are shown above
  // the theme's full-text results: the exact name first, then names that start with the query, the
  // unit's brands, any part of a name or unit, and pinyin (full or initials).

  var SEPARATORS = /[\s\u200b\u3000·・、，,。.\-_/\\（）()“”"'‘’：:；;！!？?【】\[\]《》<>|]+/g;
  var SHOWN = 8;

  function norm(text) {
    return String(text || "").normalize("NFKC").toLowerCase().replace(SEPARATORS, "");
  }

  function prepare(data) {
    var f = data.fields, at = {};
    for (var k = 0; k < f.length; k++) at[f[k]] = k;
    return data.brands.map(function (row, order) {
      return {
        name: row[at.name], unit: row[at.unit], url: row[at.url], category: row[at.category],
        n: norm(row[at.name]), u: norm(row[at.unit]), p: row[at.pinyin], i: row[at.initials], order: order
      };
    });
  }

  function score(b, q, terms) {
    if (b.n === q) return 100;
    if (b.u === q) return 90;
    if (b.n.indexOf(q) === 0) return 85;
    if (q.length >= 2 && b.n.indexOf(q) > 0) return 80;
    if (b.u.indexOf(q) === 0 && q.length >= 2) return 75;
    if (q.length >= 2 && b.u.indexOf(q) > 0) return 70;
    if (/^[a-z0-9]+$/.test(q)) {
      if (b.p === q || b.i === q) return 65;
      if (q.length >= 2 && (b.p.indexOf(q) === 0 || b.i.indexOf(q) === 0)) return 60;
      if (q.length >= 3 && b.p.indexOf(q) > 0) return 50;
    }
    if (terms.length > 1 && terms.every(function (t) { return (b.n + b.u).indexOf(t) >= 0 || b.p.indexOf(t) === 0; }))
      return 40;
    return 0;
  }

  /* The matching brands, best first; ties go to the shorter name, then the earlier match. */
  function rank(brands, query) {
    var q = norm(query);
    if (!q) return [];
    var terms = String(query).normalize("NFKC").toLowerCase().split(/\s+/).map(norm).filter(Boolean);
    var hits = [];
    for (var k = 0; k < brands.length; k++) {
      var s = score(brands[k], q, terms);
      if (s) hits.push({ brand: brands[k], score: s, at: Math.max(brands[k].n.indexOf(q), 0) });
    }
    hits.sort(function (a, b) {
      return b.score - a.score || a.brand.n.length - b.brand.n.length || a.at - b.at || a.brand.order - b.brand.order;
    });
    return hits.map(function (h) { return h.brand; });
  }

  window.brandsiteLookup = { norm: norm, prepare: prepare, rank: rank };

  var state = { brands: null, loading: false, base: null };

  function siteRoot() {
    var own = document.querySelector('script[src*="brandsite/brandsite.js"]');
    return new URL("../../", own ? own.src : location.href);
  }

  function load(then) {
    if (state.brands) return then();
    if (state.loading) return;
    state.loading = true;
    state.base = siteRoot();
    fetch(new URL("search/brands.json", state.base)).then(function (r) { return r.json(); }).then(function (data) {
      state.brands = prepare(data);
      then();
    }).catch(function () { state.loading = false; fullText(); });
  }

  function panel(results) {
    var box = results.querySelector(".bs-lookup");
    if (!box) {
      box = document.createElement("div");
      box.className = "bs-lookup";
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "品牌直达");
      box.innerHTML = '<p class="bs-lookup__title">品牌直达</p><ol class="bs-lookup__list"></ol>';
      results.insertBefore(box, results.firstChild);
    }
    return box;
  }

  function show(input) {
    var results = document.querySelector(".md-search-result");
    if (!results || !state.brands) return;
    var box = panel(results), list = box.querySelector("ol");
    var found = rank(state.brands, input.value).slice(0, SHOWN);
    list.textContent = "";
    found.forEach(function (b) {
      var li = document.createElement("li"), a = document.createElement("a"), name = document.createElement("strong"),
          meta = document.createElement("span");
      li.className = "bs-lookup__item";
      a.className = "bs-lookup__link";
      a.href = new URL(b.url, state.base).href;
      name.className = "bs-lookup__name";
      name.textContent = b.name;
      meta.className = "bs-lookup__meta";
      meta.textContent = [b.unit, b.category].filter(Boolean).join(" · ");
      a.appendChild(name);
      a.appendChild(meta);
      li.appendChild(a);
      list.appendChild(li);
    });
    box.hidden = found.length === 0;
    results.classList.toggle("bs-has-lookup", found.length > 0);
    explainNone(results);
    if (input.value) fullText();
  }

  // The theme's full-text index waits until the lookup has answered a first query (theme/main.html),
  // so a visitor's first result never waits behind a download ten times its size.
  function fullText() { if (window.brandsiteFullText) window.brandsiteFullText(); }

  // With brands found, the theme's "没有找到符合条件的结果" is about the full text only: say so.
  var NONE = "没有找到符合条件的结果", NONE_BESIDE = "全文中没有找到其他结果";
  function explainNone(results) {
    var meta = results.querySelector(".md-search-result__meta");
    if (!meta) return;
    var lookup = results.classList.contains("bs-has-lookup");
    if (lookup && meta.textContent === NONE) meta.textContent = NONE_BESIDE;
    else if (!lookup && meta.textContent === NONE_BESIDE) meta.textContent = NONE;
    if (!meta.bsWatched) {
      meta.bsWatched = true;
      new MutationObserver(function () { explainNone(results); }).observe(meta, { childList: true, characterData: true, subtree: true });
    }
  }

  function wireSearch() {
    var input = document.querySelector("input.md-search__input");
    if (!input || input.dataset.bsLookup) return;
    input.dataset.bsLookup = "1";
    var run = function () { load(function () { show(input); }); };
    // Text that arrives without a key (paste, voice input, autofill, an input method's commit on some
    // phones) fires "input" only; the theme searches on "keyup", so it is told too.
    input.addEventListener("input", function (event) {
      run();
      if (!event.isComposing) input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
    input.addEventListener("compositionend", run);
    input.addEventListener("focus", function () { load(function () { if (input.value) show(input); }); });
    if (input.value) run();  // a query restored by the browser or given as ?q=
  }

  // The theme's search dialog has no accessible name; screen readers announce it as 站内搜索.
  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "站内搜索");
  }

  function setup() { nameSearch(); wireSearch(); }
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
