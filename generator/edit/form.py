"""The web form's configuration (Decap CMS), made from the same contract and criteria `check` uses.

Every field of brand.yml appears with its Chinese label, hint and required flag from contract.yml;
list minimums and the aspects a map should cover come from the criteria file; categories from the
site's mkdocs.yml. Nothing here is written by hand per field, so the form and the checker cannot
drift apart (tests/test_cms.py holds them together).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from generator.check.criteria import Criteria
from generator.config import SiteConfig
from generator.load.contract import URL_NAME, Contract, FieldSpec

# Decap's own files (vendored: many government networks reach no CDN), served at /admin/
FILES = Path(__file__).resolve().parent / "decap"
# the proxy protocol of decap-server, spoken by `brandsite serve --edit` on its own address
LOCAL_API = "/api/v1"
# config.yml's line with the site's name, read by brandsite.js (Decap ignores keys it does not know)
SITE_NAME_KEY = "brandsite_site_name"
# the login page's logo when the site has none of its own: the icon Material shows in the site's header
DEFAULT_LOGO = ("data:image/svg+xml," + quote(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="96" height="96"><path fill="#1f4e8c" '
    'd="M12 8a3 3 0 0 0 3-3 3 3 0 0 0-3-3 3 3 0 0 0-3 3 3 3 0 0 0 3 3m0 3.54C9.64 9.35 6.5 8 3 8v11c3.5 0 6.64 '
    '1.35 9 3.54 2.36-2.19 5.5-3.54 9-3.54V8c-3.5 0-6.64 1.35-9 3.54"/></svg>'))

# One widget per contract type. A map of fixed keys (standards, culture, contact) is an object whose
# fields are those keys; Decap has no map with free keys.
_SIMPLE = {
    "str": {"widget": "string"},
    "path": {"widget": "image", "choose_url": False},
    "month": {"widget": "string", "pattern": [r"^\d{4}-\d{2}(-\d{2})?$", "写成 YYYY-MM，如 2024-03"]},
}
_STATUS = {"widget": "select", "default": "draft",
           "options": [{"label": "草稿（暂不发布）", "value": "draft"}, {"label": "发布到网站", "value": "published"}]}


def config(contract: Contract, criteria: Criteria, backend: dict | None = None, local: str = "",
           news_folder: str | None = "content/news/posts", logo_url: str = "", site_url: str = "") -> dict:
    """The whole config.yml. ``local``: the address of `brandsite serve --edit` (http://127.0.0.1:8000), which
    the form then talks to instead of a Git server. ``logo_url``: what the login page shows (the site's logo)."""
    out: dict[str, Any] = {
        "backend": backend or {"name": "git-gateway", "branch": "main"},
        "locale": "zh_Hans",
        "logo_url": logo_url or DEFAULT_LOGO,
        "media_folder": "assets/uploads",
        "public_folder": "/assets/uploads",
        "omit_empty_optional_fields": True,
        "collections": [brands_collection(contract, criteria)] + ([news_collection(news_folder)] if news_folder else []),
    }
    if local:
        out["local_backend"] = {"url": local + LOCAL_API, "allowed_hosts": ["127.0.0.1"]}
    if not local:  # no `serve --edit` to propose 网址名 from the name: the editor writes it
        for collection in out["collections"]:
            for spec in collection["fields"]:
                if spec.get("widget") == "brandsite-slug":
                    spec["hint"] = URL_NAME_HINT_BY_HAND
    if local or site_url:  # a saved entry's 查看页面 link: its page in `serve`'s preview, or on the site
        out["site_url"] = (local or site_url).rstrip("/")
    return out


def site_config_text(site: SiteConfig, criteria: Criteria, local: str = "") -> str:
    """config.yml for this site: its categories, and the Git server named in mkdocs.yml (cms: backend:)."""
    data = config(site.contract(), criteria, site.cms.get("backend"), local, news_folder(site), site_logo(site),
                  site.site_url)
    head = "# 由 brandsite cms 按品牌数据约定（contract.yml）和评价标准生成，请勿手改：改约定后重新运行即可。\n"
    # the site's name for the form's own script (brandsite.js), which shows it on the login page: one line of
    # JSON, which is also YAML, so that the script need not parse YAML
    name = f"{SITE_NAME_KEY}: {json.dumps(site.site_name, ensure_ascii=False)}\n"
    return head + name + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 20)


def site_logo(site: SiteConfig) -> str:
    """The site's logo as the form (at <site>/admin/) reaches it: the theme's logo or favicon when the site
    names one (Material's theme.logo / theme.favicon, paths inside docs_dir), else the header's own icon."""
    theme = site.raw.get("theme") if isinstance(site.raw.get("theme"), dict) else {}
    for key in ("logo", "favicon"):
        value = theme.get(key)
        if isinstance(value, str) and value.strip() and "://" not in value and not value.startswith(("/", "data:")):
            return "../" + value.strip().lstrip("./")
    return DEFAULT_LOGO


def news_folder(site: SiteConfig) -> str | None:
    """Where the blog keeps its posts (Material's blog plugin: <docs_dir>/<blog_dir>/posts)."""
    return f"{site.docs_dir}/{site.news_dir}/posts" if site.news_dir else None


def collections(site: SiteConfig, criteria: Criteria) -> list[dict]:
    """The form's collections for this site, as config.yml has them."""
    return config(site.contract(), criteria, news_folder=news_folder(site))["collections"]


def brands_collection(contract: Contract, criteria: Criteria) -> dict:
    return {
        "name": "brands",
        "label": "服务品牌",
        "label_singular": "品牌",
        "description": "每个品牌一个文件夹（brands/网址名/）。保存时先按品牌创建标准检查，有错误时不会保存，并逐项说明。",
        "folder": "brands",
        "path": "{{slug}}/brand",
        "preview_path": "brands/{{dirname}}/",
        "slug": "{{fields.url_name}}",
        "extension": "yml",
        "format": "yml",
        "identifier_field": "name",
        "summary": "{{name}}（{{unit}}）",
        "sortable_fields": ["name", "unit", "category"],
        "create": True,
        "delete": False,
        # the logo sits beside brand.yml, as `logo: logo.png` says; photos in its photos/ folder
        "media_folder": "",
        "public_folder": "",
        "fields": [field(spec, contract, criteria) for spec in contract.fields.values()],
    }


def news_collection(folder: str) -> dict:
    return {
        "name": "news",
        "label": "创建动态",
        "label_singular": "动态",
        "folder": folder,
        "slug": "{{fields.slug}}",
        # the column, where the post is listed (the post's own address carries the blog's date)
        "preview_path": f"{Path(folder).parent.name}/",
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "summary": "{{date}}（{{filename}}）{{title}}",
        "media_folder": "images",
        "public_folder": "images",
        "fields": [
            {"name": "slug", "label": "网址名", "widget": "brandsite-slug", "source": "title", "required": False,
             "hint": "按标题的拼音自动填写，也可以改：只用小写字母、数字和连字符，如 kaifangri", "pattern": _url_pattern()},
            {"name": "title", "label": "标题", "widget": "string", "required": False,
             "hint": "不填时用正文第一行的“# 标题”"},
            {"name": "date", "label": "日期", "widget": "datetime", "format": "YYYY-MM-DD",
             "date_format": "YYYY-MM-DD", "time_format": False},
            {"name": "categories", "label": "栏目分类", "widget": "list", "required": False,
             "hint": "如 开放日、评价工作、通知公告"},
            {"name": "draft", "label": "草稿（不发布）", "widget": "boolean", "required": False, "default": False},
            {"name": "body", "label": "正文", "widget": "markdown",
             "hint": "摘要之后另起一行写 <!-- more -->，列表里只显示摘要"},
        ],
    }


# 网址名 in the form: brandsite.js proposes it from the name's pinyin as the editor types (the contract's hint
# is for those who write brand.yml by hand)
URL_NAME_HINT = "按品牌名称的拼音自动填写，也可以改：只用小写字母、数字和连字符，如 wendang-lianxinqiao；保存后不能再改"
URL_NAME_HINT_BY_HAND = "新建时填写，一般用名称的拼音：只用小写字母、数字和连字符，如 wendang-lianxinqiao；保存后不能再改"


def field(spec: FieldSpec, contract: Contract, criteria: Criteria) -> dict:
    out = {"name": spec.key, "label": spec.label, "required": _required(spec, criteria), **_widget(spec, contract, criteria)}
    own = URL_NAME_HINT if spec.type == "url_name" else spec.hint
    hint = "；".join(part for part in (own, _minimum_hint(spec.key, criteria)) if part)
    if hint:
        out["hint"] = hint
    return out


def _widget(spec: FieldSpec, contract: Contract, criteria: Criteria) -> dict:
    key, kind = spec.key, spec.type
    if key == "category":
        return {"widget": "select", "options": list(contract.categories)}
    if kind in _SIMPLE:
        return dict(_SIMPLE[kind])
    if kind == "url_name":  # brandsite.js's widget: proposed from the name, required for a new brand, fixed after
        return {"widget": "brandsite-slug", "pattern": _url_pattern()}
    if kind == "status":
        return dict(_STATUS)
    if kind == "text_list":
        return {"widget": "list", "collapsed": False, "field": {"name": "item", "label": spec.label, "widget": "string"},
                **_list_minimum(key, criteria)}
    if kind in ("aspect_map", "text_map"):
        widget = "text" if kind == "aspect_map" else "string"
        return {"widget": "object", "collapsed": False,
                "fields": [{"name": t, "label": t, "widget": widget, "required": False} for t in _terms(key, criteria)]}
    if kind == "contact":
        return {"widget": "object", "collapsed": False,
                "fields": [{"name": k, "label": label, "widget": "string", "required": False}
                           for k, label in contract.contact_keys.items()]}
    if kind == "honors":
        return {"widget": "list", "collapsed": False, "summary": "{{fields.year}} {{fields.title}}", "fields": [
            {"name": "year", "label": "年份", "widget": "string", "required": False},
            {"name": "title", "label": "荣誉名称", "widget": "string"}]}
    if kind == "gallery":
        return {"widget": "list", "collapsed": False, "summary": "{{fields.caption}}", "fields": [
            {"name": "file", "label": "照片", "widget": "image", "choose_url": False,
             "media_folder": "/brands/{{dirname}}/photos", "public_folder": "photos"},
            {"name": "caption", "label": "说明", "widget": "string"}]}
    raise ValueError(f"no form widget for contract type {kind!r}")  # a new type must be given one


def _required(spec: FieldSpec, criteria: Criteria) -> bool:
    """Required by the contract, or by a criteria rule whose failure is an error (制度保障's four systems)."""
    return spec.required == "yes" or any(
        rule.severity.name == "ERROR" and rule.params.get("field") == spec.key for rule in criteria.rules)


def _url_pattern() -> list[str]:
    return [URL_NAME.pattern, "只能用小写字母、数字和连字符，如 wendang-lianxinqiao"]


def _rules(key: str, criteria: Criteria, check: str):
    return [rule for rule in criteria.rules if rule.check == check and rule.params.get("field") == key]


def _list_minimum(key: str, criteria: Criteria) -> dict:
    """Decap refuses to save a list shorter than the criteria's error-level minimum (of items, or of
    the terms a list must cover: it needs at least that many items)."""
    rules = _rules(key, criteria, "min_items") + _rules(key, criteria, "covers")
    mins = [rule.params["min"] for rule in rules if rule.severity.name == "ERROR"]
    return {"min": max(mins)} if mins else {}


def _terms(key: str, criteria: Criteria) -> list[str]:
    """The aspects a map should cover, each a field; a synonym list contributes its first name."""
    for rule in _rules(key, criteria, "covers"):
        return [t[0] if isinstance(t, list) else str(t) for t in rule.params.get("terms", [])]
    return []


def _minimum_hint(key: str, criteria: Criteria) -> str:
    parts = []
    for rule in _rules(key, criteria, "min_items"):
        parts.append(f"至少 {rule.params['min']} 条")
    for rule in _rules(key, criteria, "covers"):
        parts.append(f"至少填写 {rule.params['min']} 项")
    return "，".join(parts)
