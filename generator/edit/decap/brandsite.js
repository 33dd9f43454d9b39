/* brandsite's additions to Decap CMS (loaded after decap-cms.js, which index.html tells not to start on its own):
 * - every word in Chinese, also before config.yml is read (Decap starts in English) and where zh_Hans has gaps;
 * - 网址名 proposed from the brand name's pinyin as the editor types (by `brandsite serve --edit`), required for
 *   a new brand, shown but fixed for one that exists;
 * - a refused save listed field by field, in a box that stays until the editor closes it;
 * - thumbnails of a brand's existing logo and photos (Decap draws them before they are loaded, and never again);
 * - the login page with the site's name; the preview pane in Chinese.
 * No build step: plain ES5 over the globals decap-cms.js sets (CMS, h, createClass). */
(function () {
  "use strict";
  var API = location.origin + "/api/v1";

  // ---- wording: zh_Hans, with its gaps and Decap's English-only messages filled, for every locale
  function merge(base, over) {
    var out = {};
    Object.keys(base || {}).forEach(function (k) { out[k] = base[k]; });
    Object.keys(over).forEach(function (k) {
      out[k] = over[k] && typeof over[k] === "object" ? merge(base && base[k], over[k]) : over[k];
    });
    return out;
  }
  var english = CMS.getLocale("en") || {};
  var chinese = merge(english, merge(CMS.getLocale("zh_Hans") || {}, {
    app: {
      app: {
        errorHeader: "表单配置有误，无法打开",
        configErrors: "配置错误",
        checkConfigYml: "请网站管理员重新运行 brandsite cms 或 brandsite serve --edit。",
        loadingConfig: "正在打开表单…",
        waitingBackend: "正在连接…"
      },
      header: { media: "图片" }
    },
    auth: { login: "登录", loggingIn: "正在登录…", loginWithForgejo: "用 Forgejo 账号登录" },
    collection: {
      sidebar: { collections: "栏目", allCollections: "所有栏目", searchAll: "搜索全部…", searchIn: "搜索" },
      collectionTop: { viewAsList: "列表显示", viewAsGrid: "网格显示" },
      entries: { unpublishedHeader: "未发布的内容" }
    },
    editor: {
      editorControl: { field: { widgetLabel: "填写项" } },  // Decap fills in the widget's id (string, select…)
      editorControlPane: {
        widget: {
          // each message led by the field, as the checker's are (服务承诺：至少 3 条)
          required: "%{fieldLabel}：必须填写",
          regexPattern: "%{fieldLabel}：%{pattern}",
          processing: "%{fieldLabel}：正在处理，请稍候",
          range: "%{fieldLabel}：应在 %{minValue} 到 %{maxValue} 之间",
          min: "%{fieldLabel}：至少为 %{minValue}",
          max: "%{fieldLabel}：最多为 %{maxValue}",
          rangeCount: "%{fieldLabel}：要填 %{minCount} 到 %{maxCount} 条",
          rangeCountExact: "%{fieldLabel}：要填 %{count} 条",
          minCount: "%{fieldLabel}：至少要填 %{minCount} 条",
          maxCount: "%{fieldLabel}：最多填 %{maxCount} 条",
          rangeMin: "%{fieldLabel}：至少要填 %{minCount} 条",
          rangeMax: "%{fieldLabel}：最多填 %{maxCount} 条"
        }
      },
      editorInterface: { toggleNotes: "显示或隐藏备注" },
      editorNotesPane: {
        title: "备注", emptyState: "还没有备注。", addNote: "添加备注", addPlaceholder: "写一条备注…",
        editPlaceholder: "修改备注…", save: "保存", cancel: "取消", edit: "修改", "delete": "删除",
        resolve: "标为已处理", unresolve: "标为未处理", confirmDelete: "确定删除这条备注吗？",
        shortcut: "提示：按 Ctrl+Enter 可直接添加"
      },
      editorToolbar: {
        backCollection: "返回“%{collectionLabel}”列表",
        // the entry's page: in `serve --edit`'s preview, or on the site when the form is published
        deployPreviewPendingButtonLabel: "查找页面",
        deployPreviewButtonLabel: "查看页面",
        deployButtonLabel: "查看页面",
        statusInfoTooltipDraft: "这篇内容是草稿。", statusInfoTooltipInReview: "这篇内容正在审核，审核期间仍可修改。",
        // Decap's "published" means written to the files; whether the brand shows on the site is 发布状态's to say
        published: "已保存"
      },
      editorWidgets: {
        markdown: { strikethrough: "删除线", toggleMode: { rich: "切换到排版模式", markdown: "切换到 Markdown 源码" } },
        image: { chooseMultiple: "选择图片", addMore: "再添加图片", removeAll: "移除所有图片" },
        file: { chooseMultiple: "选择文件", addMore: "再添加文件", removeAll: "移除所有文件" },
        datetime: { setToNow: "填入今天" },
        list: { addType: "新增%{item}" },
        object: { expand: "展开", collapse: "收起" }
      }
    },
    mediaLibrary: { mediaLibraryModal: { close: "关闭", mediaAssets: "图片库" } },
    ui: {
      settingsDropdown: { account: "账号" },
      toast: {
        // the reason is shown in full by the box below (showRefused); the toast only says what happened
        onFailToPersist: "没有保存",
        onFailToDelete: "没有删除",
        entrySaved: "内容已保存",
        entryPublished: "内容已保存",
        noteAdded: "备注已添加", onFailToAddNote: "备注没有添加", noteUpdated: "备注已修改",
        onFailToUpdateNote: "备注没有修改", noteDeleted: "备注已删除", onFailToDeleteNote: "备注没有删除",
        noteResolved: "备注已标为已处理", noteReopened: "备注已标为未处理", onFailToToggleNote: "备注状态没有修改"
      }
    }
  }));
  // English underneath: a key neither has falls back to Decap's English (none is left for what editors see)
  CMS.registerLocale("zh_Hans", chinese);
  CMS.registerLocale("en", chinese);

  // ---- talking to `brandsite serve --edit` (absent when the form is published with a Git server: config.yml
  // then has no local_backend, and nothing is asked)
  var configText = fetch("config.yml", { cache: "no-store" }).then(function (r) { return r.ok ? r.text() : ""; })
    .catch(function () { return ""; });
  var local = configText.then(function (text) { return (isLocal = /^local_backend:/m.test(text)); });
  var isLocal = true;
  function ask(action, params) {
    return fetch(API, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ action: action, params: params })
    }).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
  }
  function propose(name) {
    return local.then(function (yes) {
      return yes && name && name.trim() ? ask("proposeSlug", { name: name }).then(function (a) { return (a && a.slug) || ""; })
                                        : "";
    });
  }

  // ---- 网址名
  var SLUG_HELP = "只用小写字母、数字和连字符，如 bianmin-yizhan";
  // Decap redraws a widget only when its own value changes: the name field is followed as the editor types
  // it, through its input's events (its id is "<field>-field-<n>")
  var slugControls = [];
  document.addEventListener("input", function (event) {
    var id = (event.target && event.target.id) || "";
    slugControls.forEach(function (control) {
      if (id.indexOf(control.sourceKey() + "-field-") === 0) control.follow(event.target.value);
    });
  }, true);
  var SlugControl = createClass({
    componentDidMount: function () {
      slugControls.push(this);
      this.follow();
    },
    componentWillUnmount: function () {
      clearTimeout(this.timer);
      this.gone = true;
      slugControls = slugControls.filter(function (c) { return c !== this; }, this);
    },
    sourceKey: function () { return this.props.field.get("source") || "name"; },
    shouldComponentUpdate: function (next) {
      return next.value !== this.props.value || this.source(next) !== this.source(this.props) ||
        next.classNameWrapper !== this.props.classNameWrapper || next.hasActiveStyle !== this.props.hasActiveStyle;
    },
    componentDidUpdate: function (before) {
      if (this.source(before) !== this.source(this.props)) this.follow();
    },
    isNew: function () { return !!(this.props.entry && this.props.entry.get("newRecord")); },
    source: function (props) {
      var value = props.entry && props.entry.getIn(["data", props.field.get("source") || "name"]);
      return typeof value === "string" ? value : "";
    },
    follow: function (typed) {
      // proposed while the editor has not written one of their own (an emptied field is proposed again)
      var self = this;
      if (!this.isNew() || this.own) return;
      clearTimeout(this.timer);
      if (typeof typed === "string") this.typed = typed;  // the name as typed: props may not have caught up
      var name = typeof this.typed === "string" ? this.typed : this.source(this.props);
      this.latest = name;
      this.timer = setTimeout(function () {
        propose(name).then(function (slug) {
          if (!self.gone && !self.own && slug && self.latest === name && slug !== self.props.value) {
            self.props.onChange(slug);
          }
        });
      }, 250);
    },
    isValid: function () {
      if (this.isNew() && !(this.props.value || "").trim()) {
        return { error: { type: "PRESENCE", message: "网址名：请填写新品牌的文件夹名，" + SLUG_HELP } };
      }
      return true;
    },
    render: function () {
      var p = this.props, self = this;
      if (!this.isNew()) {  // the folder (or file) the entry lives in: its address, which a save cannot move
        var where = (p.entry.get("slug") || "").split("/");  // a brand's slug is "<folder>/brand"
        return h("input", {
          id: p.forID, className: p.classNameWrapper, readOnly: true, "aria-readonly": "true",
          value: p.value || (where.length > 1 ? where[where.length - 2] : where[0]),
          title: "已建的品牌不能改网址名"
        });
      }
      return h("input", {
        id: p.forID, type: "text", className: p.classNameWrapper, value: p.value || "",
        autoComplete: "off", spellCheck: false, placeholder: isLocal ? "按名称自动填写，如 bianmin-yizhan" : "如 bianmin-yizhan",
        onFocus: p.setActiveStyle, onBlur: p.setInactiveStyle,
        onChange: function (e) {
          var value = e.target.value.toLowerCase();
          self.own = value.trim() !== "";
          p.onChange(value);
          if (!self.own) self.follow();
        }
      });
    }
  });
  CMS.registerWidget("brandsite-slug", SlugControl, createClass({
    render: function () { return h("p", null, this.props.value || ""); }
  }));

  // a last safety net when a new entry is saved: 网址名 still empty is filled from the name (the widget's own
  // check normally asks for it first; the backend refuses a brand outside a folder of its own in any case)
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry, data = entry.get("data");
      var key = { brands: "url_name", news: "slug" }[entry.get("collection")];
      var from = { brands: "name", news: "title" }[entry.get("collection")];
      if (!key || !entry.get("newRecord") || (data.get(key) || "").trim()) return undefined;
      return propose(data.get(from) || "").then(function (slug) { return slug ? data.set(key, slug) : undefined; });
    }
  });

  // ---- thumbnails of existing images: Decap's image control draws getAsset()'s answer once, while the file is
  // still loading (a blank placeholder, empty.svg), and is not drawn again when it has loaded. This wrapper asks
  // until the file is there, then hands the control a new getAsset, which makes it draw the thumbnail.
  var image = CMS.getWidget("image");
  if (image && image.control) {
    var Inner = image.control;
    var ImageControl = createClass({
      // what the control itself redraws on (a file chosen in the media library arrives through mediaPaths)
      shouldComponentUpdate: function (next) {
        var p = this.props;
        return next.value !== p.value || next.getAsset !== p.getAsset || next.mediaPaths !== p.mediaPaths ||
          next.classNameWrapper !== p.classNameWrapper || next.hasActiveStyle !== p.hasActiveStyle;
      },
      componentDidMount: function () { this.watch(); },
      componentDidUpdate: function (before) { if (before.value !== this.props.value) this.watch(); },
      componentWillUnmount: function () { clearTimeout(this.timer); },
      watch: function () {
        var self = this, tries = 0;
        clearTimeout(this.timer);
        (function look() {
          var p = self.props, value = p.value;
          if (typeof value !== "string" || !value) return;
          var asset = p.getAsset(value, p.field);
          if (asset && asset.path !== "empty.svg") {
            if (self.shown !== value) { self.shown = value; self.fresh = null; self.forceUpdate(); }
          } else if (++tries < 150) {
            self.timer = setTimeout(look, 200);
          }
        })();
      },
      isValid: function () { return this.inner && this.inner.isValid ? this.inner.isValid() : true; },
      getValidateValue: function () {
        return this.inner && this.inner.getValidateValue ? this.inner.getValidateValue() : this.props.value;
      },
      render: function () {
        var self = this, p = this.props;
        if (!this.fresh || this.fresh.from !== p.getAsset) {
          var get = p.getAsset;
          this.fresh = function (path, field) { return get(path, field); };
          this.fresh.from = get;
        }
        var props = merge(p, {});
        props.getAsset = this.fresh;
        props.ref = function (inner) { self.inner = inner; };
        return h(Inner, props);
      }
    });
    CMS.registerWidget({  // everything else of Decap's image widget kept: its schema, styles, map values
      name: "image", controlComponent: ImageControl, previewComponent: image.preview, schema: image.schema || {},
      globalStyles: image.globalStyles, allowMapValue: image.allowMapValue
    });
  }

  // ---- a refused save: every problem, one a line, until the editor closes the box
  function box() {
    var el = document.getElementById("bs-refused");
    if (el) return el;
    el = document.createElement("div");
    el.id = "bs-refused";
    el.setAttribute("role", "alert");
    el.hidden = true;
    document.body.appendChild(el);
    return el;
  }
  function hideRefused() { var el = document.getElementById("bs-refused"); if (el) el.hidden = true; }
  function showRefused(answer, heading) {
    var el = box();
    var problems = (answer && answer.problems && answer.problems.length) ? answer.problems
                 : [(answer && answer.error) || "保存失败，请稍后再试"];
    el.textContent = "";
    var title = document.createElement("h2");
    title.textContent = heading || "没有保存，请先改正：";
    var list = document.createElement("ul");
    problems.forEach(function (text) {
      var item = document.createElement("li");
      item.textContent = text.replace(/^没有保存[：:，,]\s*/, "");
      list.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "知道了";
    close.onclick = hideRefused;
    el.appendChild(title);
    el.appendChild(list);
    el.appendChild(close);
    el.hidden = false;
  }
  var WRITES = { persistEntry: 1, persistMedia: 1, deleteFile: 1, deleteFiles: 1 };
  var plainFetch = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || "";
    var action = "";
    if (url === API && init && typeof init.body === "string") {
      try { action = JSON.parse(init.body).action || ""; } catch (e) { action = ""; }
    }
    var answer = plainFetch.apply(this, arguments);
    if (!WRITES[action]) return answer;
    return answer.then(function (response) {
      if (response.ok) {
        if (action === "persistEntry") hideRefused();
      } else {
        var heading = /^delete/.test(action) ? "没有删除，删除后会有这些错误：" : "没有保存，请先改正：";
        response.clone().json().then(function (a) { showRefused(a, heading); }, function () { showRefused(null); });
      }
      return response;
    }, function (error) {
      showRefused({ problems: ["连接不上 brandsite serve --edit：请确认它仍在运行，然后再试一次"] }, "没有保存：");
      throw error;
    });
  };

  // Decap's own toasts for those failures carry its English prefix ("API_ERROR: …", "Failed to persist
  // media: …"), and its "required field missing" toast fades in seconds: the box says it all, and stays
  var missing = chinese.ui.toast.missingRequiredField;
  new MutationObserver(function () {
    var toasts = document.querySelectorAll(".Toastify__toast--error");
    for (var i = 0; i < toasts.length; i++) {
      var toast = toasts[i];
      if (toast.style.display === "none") continue;
      if (/API_ERROR|Failed to|Error:/.test(toast.textContent)) toast.style.display = "none";
      else if (missing && toast.textContent.indexOf(missing) >= 0) {
        toast.style.display = "none";
        var seen = {}, problems = [];
        document.querySelectorAll("[class*=ControlErrorsList] li").forEach(function (li) {
          var line = li.textContent.trim();
          if (line && !seen[line]) { seen[line] = true; problems.push(line); }
        });
        showRefused({ problems: problems.length ? problems : [missing] });
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  // ---- what screen readers are told by the pickers Decap uses (react-select, dnd-kit), in Chinese
  var SPOKEN = [
    [/^options? (.*), selected\.$/, "已选择：$1"],
    [/^option (.*), deselected\.$/, "已取消选择：$1"],
    [/^option (.*) is disabled\. Select another option\.$/, "“$1”不能选，请另选一项"],
    [/^All selected options have been cleared\.$/, "已清除所有选择"],
    [/^Use Up and Down to choose options.*$/, "用上下方向键挑选，按回车键选定，按 Esc 键关闭列表"],
    [/^(.*) is focused ?,? ?(type to refine list)?,? press Down to open the menu.*$/, "可输入文字筛选，按下方向键打开列表"],
    [/^Use left and right to toggle.*$/, "用左右方向键在已选项之间切换，按退格键删除"],
    [/^value (.*) focused, (\d+) of (\d+)\.$/, "$1，第 $2 项，共 $3 项"],
    [/^(.*?)(?: selected)?(?: disabled)?, (\d+) of (\d+)\.$/, "$1，第 $2 项，共 $3 项"],
    [/^(\d+) results? available(?: for search term (.*))?\.$/, "共 $1 项"],
    [/^No options(?: for search term (.*))?\.?$/, "没有可选的项"],
    [/^\s*To pick up a draggable item[\s\S]*$/, "按空格键拿起这一项，用方向键移动，再按空格键放下；按 Esc 键取消。"],
    [/^Picked up draggable item (.*)\.$/, "已拿起第 $1 项"],
    [/^Draggable item (.*) was moved over droppable area (.*)\.$/, "第 $1 项移到第 $2 项的位置"],
    [/^Draggable item (.*) was dropped over droppable area (.*)\.?$/, "第 $1 项放在第 $2 项的位置"],
    [/^Draggable item (.*) is no longer over a droppable area\.$/, "第 $1 项不在可放下的位置"],
    [/^Dragging was cancelled\..*$/, "已取消移动"],
    [/^Draggable item (.*) was dropped\.$/, "已放下第 $1 项"]
  ];
  function speakChinese(node) {
    var text = node.nodeValue;
    if (!text || !/[A-Za-z]{3}/.test(text)) return;
    for (var i = 0; i < SPOKEN.length; i++) {
      if (SPOKEN[i][0].test(text)) { node.nodeValue = text.replace(SPOKEN[i][0], SPOKEN[i][1]); return; }
    }
    node.nodeValue = "";  // a message not known here: better silent than in English
  }
  function spoken(root) {
    var regions = root.querySelectorAll ? root.querySelectorAll("[aria-live], [id^=DndDescribedBy]") : [];
    Array.prototype.forEach.call(regions, function (region) {
      var walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT), node;
      while ((node = walker.nextNode())) speakChinese(node);
    });
  }
  new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      var target = change.target.nodeType === 3 ? change.target.parentElement : change.target;
      if (!target) return;
      var region = target.closest && target.closest("[aria-live], [id^=DndDescribedBy]");
      if (region) spoken(region.parentNode || region);
      else if (change.addedNodes.length) change.addedNodes.forEach(function (n) { if (n.nodeType === 1) spoken(n); });
    });
  }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });

  // ---- the login page: the site's name above its logo (config.yml's brandsite_site_name line)
  var siteName = "";
  configText.then(function (text) {
    var line = /^brandsite_site_name: (".*")$/m.exec(text);
    if (line) { siteName = JSON.parse(line[1]); document.title = siteName + " · 品牌资料编辑"; nameLogin(); }
  }).catch(function () {});
  function nameLogin() {
    if (!siteName || document.getElementById("bs-site-name") || document.querySelector("header")) return;
    var button = Array.prototype.find.call(document.querySelectorAll("button"), function (b) {
      return /登录/.test(b.textContent);
    });
    if (!button) return;
    var heading = document.createElement("h1");
    heading.id = "bs-site-name";
    heading.textContent = siteName;
    var note = document.createElement("p");
    note.id = "bs-site-note";
    note.textContent = button.textContent.trim() === "登录"
      ? "品牌资料编辑：在本机编辑不需要账号，点“登录”即可"
      : "品牌资料编辑：用单位 Git 服务器的账号登录";
    button.parentNode.insertBefore(heading, button.parentNode.firstChild);
    button.parentNode.insertBefore(note, button);
    var logo = button.parentNode.querySelector("img[alt=Logo]");
    if (logo) logo.alt = "";  // beside the site's name it says nothing more (and not in English)
  }
  new MutationObserver(nameLogin).observe(document.documentElement, { childList: true, subtree: true });

  // ---- the preview pane: each field under its label, choices as the form words them (Decap's own pane shows
  // some values bare, some with their label, and the status as "draft")
  function text(value) {
    return value === undefined || value === null ? "" : String(value);
  }
  function filled(value) {
    return !(value === undefined || value === null || value === "" || value.size === 0);
  }
  var BrandPreview = createClass({
    show: function (field, value) {
      var p = this.props, widget = field.get("widget"), name = field.get("name");
      if (widget === "select" && field.get("options")) {
        var option = field.get("options").find(function (o) { return o && o.get && o.get("value") === value; });
        return h("p", null, option ? option.get("label") : text(value));
      }
      if (widget === "image") return p.widgetFor(name);
      if (widget === "object" && value.forEach) {
        var rows = [];
        field.get("fields").forEach(function (sub) {
          var item = value.get(sub.get("name"));
          if (filled(item)) rows.push(h("li", { key: sub.get("name") }, sub.get("label") + "：" + text(item)));
        });
        return h("ul", null, rows);
      }
      if (widget === "list" && value.map) {
        if (name === "gallery") {
          return h("div", null, p.widgetsFor(name).map(function (item, i) {
            return h("figure", { key: i }, item.getIn(["widgets", "file"]),
                     h("figcaption", null, text(item.getIn(["data", "caption"]))));
          }));
        }
        return h("ul", null, value.map(function (item, i) {
          var line = item && item.get ? [text(item.get("year")), text(item.get("title"))].join(" ").trim() : text(item);
          return h("li", { key: i }, line);
        }).toArray());
      }
      return h("p", null, text(value));
    },
    render: function () {
      var self = this, data = this.props.entry.get("data"), parts = [];
      this.props.collection.get("fields").forEach(function (field) {
        var value = data.get(field.get("name"));
        if (!filled(value)) return;
        parts.push(h("section", { key: field.get("name") }, h("h3", null, field.get("label")), self.show(field, value)));
      });
      if (!parts.length) parts.push(h("p", { key: "empty", className: "empty" }, "在左侧填写，这里随时显示填好的内容。"));
      return h("article", { className: "bs-preview" }, parts);
    }
  });
  CMS.registerPreviewTemplate("brands", BrandPreview);
  CMS.registerPreviewStyle(
    "body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;color:#222;line-height:1.6;" +
    "padding:0 1em}.bs-preview h3{font-size:.85em;color:#555;margin:1.2em 0 .2em}.bs-preview p{margin:0}" +
    ".bs-preview ul{margin:0;padding-left:1.2em}.bs-preview img{max-width:240px;height:auto}" +
    ".bs-preview figure{margin:.5em 0}.bs-preview .empty{color:#777}", { raw: true });

  CMS.init();
})();
