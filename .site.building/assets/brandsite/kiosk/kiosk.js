/* The open-day kiosk. A classic script (no modules, no fetch): it must run from file:// on an
   offline PC. Data comes from data.js (window.BRANDSITE_KIOSK). Every editor's text is set with
   textContent, never as HTML.

   States, on <html data-kiosk-state>: "loop" (the attract loop), "detail" (one brand, on the element
   carrying data-brand) and "index" (the brand index). Operators' settings are query parameters:
   ?interval=8&idle=60&orientation=auto|landscape|portrait (defaults from mkdocs.yml). */
(function () {
  "use strict";

  var DATA = window.BRANDSITE_KIOSK;
  var root = document.documentElement;
  var LIMITS = { interval: [2, 120], idle: [5, 900] };
  var RESULTS_EVERY = 8; // the latest results come back after this many brands
  var DRIFT = [[0, 0], [2, 1], [3, -1], [1, -2], [-1, -2], [-3, 0], [-2, 2], [0, 3]]; // px, one step a minute

  function $(id) { return document.getElementById(id); }

  if (!DATA || !DATA.brands) {
    document.body.textContent = "展示数据缺失：请重新生成网站（brandsite build）后再打开。";
    return;
  }

  function setting(name) {
    var query = new URLSearchParams(window.location.search).get(name);
    var fallback = DATA.settings[name];
    if (name === "orientation") {
      return ["auto", "landscape", "portrait"].indexOf(query) >= 0 ? query : fallback;
    }
    var value = query === null ? NaN : Number(query);
    var range = LIMITS[name];
    return isFinite(value) && value >= range[0] && value <= range[1] ? value : fallback;
  }

  var settings = { interval: setting("interval"), idle: setting("idle"), orientation: setting("orientation") };
  var bySlug = {};
  DATA.brands.forEach(function (b) { bySlug[b.slug] = b; });

  var state = { mode: "loop", from: "loop", slide: 0, paused: false, timer: null, last: Date.now(), category: "" };

  /* ---------- small DOM helpers ---------- */
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function logo(src, alt, cls) {
    var box = el("span", cls || "k-disc");
    if (src) {
      var img = el("img");
      img.src = src;
      img.alt = alt;
      img.draggable = false;
      box.appendChild(img);
    }
    return box;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /* ---------- orientation ---------- */
  function orient() {
    var o = settings.orientation;
    if (o === "auto") o = window.innerHeight > window.innerWidth ? "portrait" : "landscape";
    root.setAttribute("data-orientation", o);
  }

  /* ---------- the attract loop ---------- */
  var slides = [];
  (function buildSequence() {
    if (DATA.results) slides.push({ kind: "results" });
    DATA.brands.forEach(function (b, i) {
      slides.push({ kind: "brand", slug: b.slug });
      if (DATA.results && (i + 1) % RESULTS_EVERY === 0 && i + 1 < DATA.brands.length) slides.push({ kind: "results" });
    });
  })();

  function brandSlide(b) {
    var slide = el("div", "k-slide k-brand");
    slide.setAttribute("data-brand", b.slug);
    slide.setAttribute("role", "button");
    slide.setAttribute("tabindex", "0");
    slide.setAttribute("aria-label", b.name + "，轻触查看详情");
    slide.appendChild(logo(b.logo, b.name + "品牌标识"));
    var text = el("div", "k-brand__text");
    text.appendChild(el("p", "k-meta", b.category + " · " + b.unit));
    text.appendChild(el("h1", "k-name", b.name));
    if (b.slogan) text.appendChild(el("p", "k-slogan", b.slogan));
    if (b.vision) text.appendChild(el("p", "k-vision", "品牌愿景：" + b.vision));
    if (b.commitments.length) {
      text.appendChild(el("p", "k-label", "服务承诺"));
      var list = el("ol", "k-commitments");
      b.commitments.slice(0, 3).forEach(function (c) { list.appendChild(el("li", null, c)); });
      text.appendChild(list);
    }
    text.appendChild(el("p", "k-touch", "轻触了解详情，扫码带走品牌信息"));
    slide.appendChild(text);
    slide.addEventListener("click", function () { openDetail(b.slug, "loop"); });
    slide.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); openDetail(b.slug, "loop"); }
    });
    return slide;
  }

  function resultRow(r, from) {
    var b = bySlug[r.slug] || {};
    var row = el("button", "k-row");
    row.type = "button";
    row.setAttribute("data-brand", r.slug);
    row.appendChild(el("span", "k-rank", String(r.rank)));
    var img = el("img");
    if (b.logo) { img.src = b.logo; img.alt = ""; img.draggable = false; row.appendChild(img); } else { row.appendChild(el("span")); }
    var names = el("span", "k-row__names");
    names.appendChild(el("span", "k-row__name", r.name));
    names.appendChild(el("span", "k-row__unit", r.unit));
    row.appendChild(names);
    var score = el("span", "k-row__score");
    score.appendChild(el("span", "k-score", r.composite));
    r.awards.forEach(function (a) { score.appendChild(el("span", "k-award", a)); });
    row.appendChild(score);
    row.addEventListener("click", function (e) { e.stopPropagation(); openDetail(r.slug, from); });
    return row;
  }

  function resultsSlide() {
    var slide = el("div", "k-slide k-results");
    var title = el("h1", "k-results__title", DATA.results.title);
    title.appendChild(el("small", null, "前十名 · " + DATA.results.date + "公布 · 轻触品牌查看详情"));
    slide.appendChild(title);
    var rows = el("div", "k-rows");
    DATA.results.rows.forEach(function (r) { rows.appendChild(resultRow(r, "loop")); });
    slide.appendChild(rows);
    return slide;
  }

  function showSlide(i) {
    state.slide = (i + slides.length) % slides.length;
    var spec = slides[state.slide];
    var holder = $("k-slide");
    var next = spec.kind === "results" ? resultsSlide() : brandSlide(bySlug[spec.slug]);
    next.id = "k-slide";
    holder.parentNode.replaceChild(next, holder);
    $("k-dots").textContent = (state.slide + 1) + " / " + slides.length;
    schedule();
  }

  function schedule() {
    window.clearTimeout(state.timer);
    if (state.mode === "loop" && !state.paused && slides.length > 1) {
      state.timer = window.setTimeout(function () { showSlide(state.slide + 1); }, settings.interval * 1000);
    }
  }

  function setPaused(paused) {
    state.paused = paused;
    var button = $("k-pause");
    button.setAttribute("aria-pressed", paused ? "true" : "false");
    button.textContent = paused ? "继续播放" : "暂停播放";
    schedule();
  }

  /* ---------- views ---------- */
  function setMode(mode) {
    state.mode = mode;
    root.setAttribute("data-kiosk-state", mode);
    $("k-loop").hidden = mode !== "loop";
    $("k-detail").hidden = mode !== "detail";
    $("k-index").hidden = mode !== "index";
    $("k-home").hidden = mode === "loop";
    $("k-pause").hidden = mode !== "loop";
    $("k-hint").textContent = mode === "loop" ? "轻触屏幕，了解服务品牌 · 扫描二维码，带走品牌信息"
      : "无人操作时将自动返回首页";
    $("k-dots").hidden = mode !== "loop";
    if (mode !== "loop") window.clearTimeout(state.timer);
  }

  function section(title, body) {
    var box = el("div", "k-section");
    box.appendChild(el("p", "k-label", title));
    box.appendChild(body);
    return box;
  }

  function openDetail(slug, from) {
    var b = bySlug[slug];
    if (!b) return;
    state.from = from;
    var detail = $("k-detail");
    detail.setAttribute("data-brand", slug);
    var body = $("k-detail-body");
    clear(body);
    var text = el("div", "k-detail__text");
    var back = el("button", "k-button k-button--ghost k-back", from === "index" ? "返回品牌目录" : "返回");
    back.type = "button";
    back.addEventListener("click", function () { from === "index" ? openIndex() : goHome(); });
    text.appendChild(back);
    var head = el("div", "k-detail__head");
    head.appendChild(logo(b.logo, b.name + "品牌标识"));
    var names = el("div");
    names.appendChild(el("p", "k-meta", b.category + " · " + b.unit));
    names.appendChild(el("h1", "k-name", b.name));
    if (b.slogan) names.appendChild(el("p", "k-slogan", b.slogan));
    head.appendChild(names);
    text.appendChild(head);
    if (b.positioning) text.appendChild(section("品牌定位", el("p", null, b.positioning)));
    if (b.vision) text.appendChild(section("品牌愿景", el("p", null, b.vision)));
    if (b.commitments.length) {
      var list = el("ol", "k-commitments");
      b.commitments.forEach(function (c) { list.appendChild(el("li", null, c)); });
      text.appendChild(section("服务承诺", list));
    }
    if (b.services.length) {
      var services = el("ul", "k-services");
      b.services.forEach(function (s) { services.appendChild(el("li", null, s)); });
      text.appendChild(section("服务项目", services));
    }
    if (b.result) {
      var r = b.result;
      var line = r.round + "：综合得分 " + r.composite + " 分，第 " + r.rank + " 名（共 " + r.total + " 个品牌）" +
        (r.awards.length ? "，获评" + r.awards.join("、") : "");
      text.appendChild(section("评价结果", el("p", "k-result", line)));
    }
    var keys = Object.keys(b.contact);
    if (keys.length) {
      var dl = el("dl", "k-contact");
      keys.forEach(function (k) { dl.appendChild(el("dt", null, k)); dl.appendChild(el("dd", null, b.contact[k])); });
      text.appendChild(section("联系与监督", dl));
    }
    body.appendChild(text);
    var qr = el("div", "k-qr");
    if (b.qr) {
      var img = el("img");
      img.src = b.qr;
      img.alt = b.name + "的二维码";
      img.draggable = false;
      qr.appendChild(img);
      qr.appendChild(el("p", null, "手机扫码，查看和收藏本品牌"));
      qr.appendChild(el("p", "k-url", b.url));
    } else {
      qr.appendChild(el("p", null, "本站未设置网址，暂无二维码"));
    }
    body.appendChild(qr);
    body.scrollTop = 0;
    setMode("detail");
    back.focus({ preventScroll: true });
  }

  function renderIndex() {
    var filters = $("k-filters");
    clear(filters);
    ["" ].concat(DATA.categories).forEach(function (cat) {
      var button = el("button", "k-button" + (cat === state.category ? "" : " k-button--ghost"), cat || "全部");
      button.type = "button";
      button.setAttribute("aria-pressed", cat === state.category ? "true" : "false");
      button.addEventListener("click", function () { state.category = cat; renderIndex(); });
      filters.appendChild(button);
    });
    var grid = $("k-grid");
    clear(grid);
    var shown = DATA.brands.filter(function (b) { return !state.category || b.category === state.category; });
    shown.forEach(function (b) {
      var card = el("button", "k-card");
      card.type = "button";
      card.setAttribute("data-brand", b.slug);
      if (b.logo) {
        var img = el("img");
        img.src = b.logo;
        img.alt = "";
        img.loading = "lazy";
        img.draggable = false;
        card.appendChild(img);
      }
      card.appendChild(el("span", "k-card__name", b.name));
      card.appendChild(el("span", "k-card__unit", b.unit));
      card.addEventListener("click", function () { openDetail(b.slug, "index"); });
      grid.appendChild(card);
    });
    $("k-index-count").textContent = "共 " + shown.length + " 个";
  }

  function openIndex() {
    renderIndex();
    setMode("index");
  }

  function openResults() {
    var at = slides.map(function (s) { return s.kind; }).indexOf("results");
    setMode("loop");
    setPaused(true); // visitors read the table at their own pace; idle time resumes the loop
    showSlide(at >= 0 ? at : 0);
  }

  /* everything back to the first slide, as a new visitor should find it */
  function goHome() {
    hideIdle();
    setView("large", false);  // the next visitor finds the screen as it was
    setView("contrast", false);
    state.category = "";
    state.from = "loop";
    $("k-grid").scrollTop = 0;
    $("k-detail").removeAttribute("data-brand");
    clear($("k-detail-body"));
    setMode("loop");
    setPaused(false);
    showSlide(0);
  }

  /* ---------- 关怀: large text and high contrast, as touch buttons; idle time turns them off ---------- */
  function isView(name) { return document.documentElement.classList.contains("k-" + name); }
  function setView(name, on) {
    document.documentElement.classList.toggle("k-" + name, on);
    $("k-" + name).setAttribute("aria-pressed", on ? "true" : "false");
  }

  /* ---------- idle: a countdown, then back to the loop ---------- */
  function countdownLength() { return Math.min(10, Math.max(3, Math.round(settings.idle / 3))); }
  function hideIdle() { $("k-idle").hidden = true; }

  // any touch restarts the idle time; the notice itself closes on its own click, so the tap that
  // dismisses it does not fall through to whatever lies beneath
  function touched() { state.last = Date.now(); }

  function watchIdle() {
    var away = (Date.now() - state.last) / 1000;
    var browsing = state.mode !== "loop" || state.paused || isView("large") || isView("contrast");
    if (!browsing) { hideIdle(); return; }
    var left = Math.ceil(settings.idle - away);
    if (left <= 0) { goHome(); return; }
    if (left <= countdownLength()) {
      $("k-idle-count").textContent = String(left);
      $("k-idle").hidden = false;
    }
  }

  /* ---------- a lobby screen: no selection, no context menu, no zoom ---------- */
  function guard() {
    ["contextmenu", "selectstart", "dragstart", "gesturestart"].forEach(function (type) {
      document.addEventListener(type, function (e) { e.preventDefault(); });
    });
    document.addEventListener("touchmove", function (e) { if (e.touches.length > 1) e.preventDefault(); }, { passive: false });
    document.addEventListener("wheel", function (e) { if (e.ctrlKey) e.preventDefault(); }, { passive: false });
    document.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && ["+", "-", "=", "0"].indexOf(e.key) >= 0) e.preventDefault();
    });
    ["pointerdown", "keydown", "wheel", "touchstart"].forEach(function (type) {
      document.addEventListener(type, touched, { passive: true, capture: true });
    });
  }

  /* static parts move a few pixels each minute, so no edge is burnt into the panel */
  function drift() {
    var step = 0;
    window.setInterval(function () {
      step = (step + 1) % DRIFT.length;
      root.style.setProperty("--drift-x", DRIFT[step][0] + "px");
      root.style.setProperty("--drift-y", DRIFT[step][1] + "px");
    }, 60000);
  }

  /* ---------- start ---------- */
  $("k-pause").addEventListener("click", function () { setPaused(!state.paused); });
  $("k-home").addEventListener("click", goHome);
  $("k-open-index").addEventListener("click", openIndex);
  $("k-open-results").addEventListener("click", openResults);
  $("k-open-results").hidden = !DATA.results;
  $("k-idle").addEventListener("click", function (e) { e.stopPropagation(); touched(); hideIdle(); });
  ["large", "contrast"].forEach(function (name) {
    $("k-" + name).addEventListener("click", function () { setView(name, !isView(name)); });
  });
  document.addEventListener("keydown", function () { if (!$("k-idle").hidden) hideIdle(); });
  window.addEventListener("resize", orient);
  guard();
  drift();
  orient();
  setMode("loop");
  showSlide(0);
  window.setInterval(watchIdle, 250);

  /* for signage integrations and tests: jump to a slide, count them, reset */
  window.BrandsiteKiosk = { slides: slides.length, show: showSlide, home: goHome };
})();
