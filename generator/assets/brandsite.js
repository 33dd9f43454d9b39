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

  // -- 关怀模式: larger type, high contrast, a large pointer and 读屏, for older visitors ---------------
  // The bar is put first in the page, so it is the first thing Tab reaches; the chosen mode is kept in
  // localStorage and applied in <head> (theme/main.html) before the page is drawn.
  var CARE = "brandsite-care", READ = "brandsite-read";

  function remember(key, on) { try { if (on) localStorage.setItem(key, "on"); else localStorage.removeItem(key); } catch (e) {} }
  function remembered(key) { try { return localStorage.getItem(key) === "on"; } catch (e) { return false; } }

  var reader = { on: false, current: null };

  function chineseVoice() {
    var all = window.speechSynthesis ? window.speechSynthesis.getVoices() : [];
    return all.filter(function (v) { return /^zh/i.test(v.lang); })[0] || null;
  }

  function say(status, text) { status.textContent = text; }

  function stopReading(bar) {
    reader.on = false;
    remember(READ, false);
    if (window.speechSynthesis) window.speechSynthesis.cancel();
    if (reader.current) reader.current.classList.remove("bs-reading");
    reader.current = null;
    bar.querySelector(".bs-care__read").setAttribute("aria-pressed", "false");
  }

  function startReading(bar, quiet) {
    var status = bar.querySelector(".bs-care__status"), button = bar.querySelector(".bs-care__read");
    if (!window.speechSynthesis || !window.SpeechSynthesisUtterance) {
      say(status, "这个浏览器不能朗读，读屏无法使用");
      return;
    }
    var go = function () {
      if (!chineseVoice()) {
        say(status, "这台设备没有安装中文朗读语音，读屏无法使用");
        return;
      }
      reader.on = true;
      remember(READ, true);
      button.setAttribute("aria-pressed", "true");
      if (!quiet) say(status, "读屏已打开：把鼠标移到文字上，或用 Tab 键选中，就会读出来");
    };
    if (chineseVoice()) return go();
    // voices load after the page in some browsers: wait for them once, briefly
    var done = false, finish = function () { if (!done) { done = true; go(); } };
    window.speechSynthesis.addEventListener("voiceschanged", finish, { once: true });
    setTimeout(finish, 800);
  }

  function readAloud(event, bar) {
    if (!reader.on) return;
    var el = event.target.closest && event.target.closest("p, li, h1, h2, h3, h4, td, th, dt, dd, figcaption, a, button, label");
    if (!el || el === reader.current) return;
    var text = (el.innerText || "").replace(/\s+/g, " ").trim().slice(0, 400);
    if (!text) return;
    if (reader.current) reader.current.classList.remove("bs-reading");
    reader.current = el;
    el.classList.add("bs-reading");
    window.speechSynthesis.cancel();
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "zh-CN";
    var voice = chineseVoice();
    if (window.SpeechSynthesisVoice && voice instanceof window.SpeechSynthesisVoice) utterance.voice = voice;
    window.speechSynthesis.speak(utterance);
    say(bar.querySelector(".bs-care__status"), "正在朗读：" + text.slice(0, 24) + (text.length > 24 ? "…" : ""));
  }

  function setCare(bar, on) {
    document.documentElement.classList.toggle("bs-care-on", on);
    remember(CARE, on);
    bar.querySelector(".bs-care__switch").setAttribute("aria-pressed", on ? "true" : "false");
    bar.querySelector(".bs-care__read").hidden = !on;
    bar.querySelector(".bs-care__reset").hidden = !on;
    if (!on) stopReading(bar);
  }

  function careBar() {
    if (document.querySelector(".bs-care")) return;
    var bar = document.createElement("div");
    bar.className = "bs-care";
    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", "关怀模式");
    bar.innerHTML = '<button type="button" class="bs-care__switch" aria-pressed="false">关怀模式</button>' +
      '<button type="button" class="bs-care__read" aria-pressed="false" hidden>读屏</button>' +
      '<button type="button" class="bs-care__reset" hidden>恢复默认</button>' +
      '<span class="bs-care__status" role="status" aria-live="polite"></span>';
    document.body.insertBefore(bar, document.body.firstChild);
    var status = bar.querySelector(".bs-care__status");
    bar.querySelector(".bs-care__switch").addEventListener("click", function () {
      var on = !document.documentElement.classList.contains("bs-care-on");
      setCare(bar, on);
      say(status, on ? "关怀模式已打开：字更大、颜色对比更强" : "");
    });
    bar.querySelector(".bs-care__read").addEventListener("click", function () {
      if (reader.on) { stopReading(bar); say(status, "读屏已关闭"); } else startReading(bar, false);
    });
    bar.querySelector(".bs-care__reset").addEventListener("click", function () {
      setCare(bar, false);
      say(status, "已恢复默认显示");
    });
    document.addEventListener("mouseover", function (e) { readAloud(e, bar); });
    document.addEventListener("focusin", function (e) { readAloud(e, bar); });
    if (remembered(CARE)) {
      setCare(bar, true);
      if (remembered(READ)) startReading(bar, true);
    }
  }

  // The theme's search dialog has no accessible name; screen readers announce it as 站内搜索.
  function nameSearch() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "站内搜索");
  }

  // -- opened from disk (file://, e.g. site/index.html double-clicked) ------------------------------------
  // A link to a folder shows the folder's listing there, not its index.html: follow it to the page. The
  // browser refuses to read the search index from disk, and the theme then hides its search box: keep the
  // box and have it say why, and how to preview with search.
  var FROM_DISK = location.protocol === "file:";
  var DISK_NOTE = "从本地文件打开网站时不能搜索。请在网站目录运行 make serve（即 brandsite serve），" +
                  "再用浏览器打开 http://127.0.0.1:8000/ 。";

  function followFolders(event) {
    var a = event.target.closest && event.target.closest("a[href]");
    if (!a || event.defaultPrevented || event.button > 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var url = new URL(a.href, location.href);
    if (url.protocol !== "file:" || !/\/$/.test(url.pathname)) return;
    event.preventDefault();
    url.pathname += "index.html";
    location.href = url.href;
  }

  function explainDiskSearch() {
    var search = document.querySelector(".md-search"), input = document.querySelector("input.md-search__input");
    if (!search || !input) return;
    document.documentElement.classList.add("bs-from-disk");
    input.readOnly = true;
    input.placeholder = "本地打开时不能搜索";
    var meta = document.querySelector(".md-search-result__meta");
    var keep = function () { if (meta && meta.textContent !== DISK_NOTE) meta.textContent = DISK_NOTE; };
    keep();
    if (meta) new MutationObserver(keep).observe(meta, { childList: true, characterData: true, subtree: true });
  }

  if (FROM_DISK) document.addEventListener("click", followFolders, true);

  function setup() { careBar(); nameSearch(); if (FROM_DISK) explainDiskSearch(); else wireSearch(); }
  if (window.document$) { window.document$.subscribe(setup); } else { document.addEventListener("DOMContentLoaded", setup); }
})();
