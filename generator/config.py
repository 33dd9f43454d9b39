"""Site configuration: mkdocs.yml is the one configuration file.

brandsite's own settings live under the ``brandsite`` entry of ``plugins:`` (the plugin
itself only declares them, so MkDocs validates them; the work happens before the engine
runs). mkdocs.yml may hold MkDocs-only tags such as ``!!python/name:`` or ``!ENV``;
we read them as opaque values rather than failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from generator.findings import Finding, Position, Severity
from generator.load.contract import Contract, default_contract, suggest
from generator.load.yamlpos import translate_problem


class _TolerantLoader(yaml.SafeLoader):
    pass


def _opaque(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _opaque)
_TolerantLoader.add_multi_constructor("!", _opaque)

# the settings a site may give the brandsite plugin, with their defaults
DEFAULTS = {
    "criteria": None,
    "categories": None,
    "featured": [],
    "schemes": None,
    "publish": None,  # {author, theme, comments}: the WeChat and portal columns
    "kiosk": None,  # {interval, idle, orientation}: the open-day kiosk
    "cms": None,  # {publish, backend}: the web form at /admin/ (brandsite cms)
    "print": None,  # {issuer, bleed, booklet, templates}: posters, cards, booklets, certificates (export print)
    "wording": None,  # {typos, outdated, sensitive, exempt}: the site's own word lists (files), check/lexicon.py
    "review": None,  # {levels: [初审, 复审, 终审], file: reviews.yml}: publish only what every level approved
    "news_fresh_days": 14,  # the news column is stale when its newest post is older than this (政府网站检查: two weeks)
}

WORDING_FILES = ("typos", "outdated", "sensitive", "exempt")


@dataclass
class SiteConfig:
    root: Path
    config_file: Path
    site_name: str = "服务品牌展示"
    site_url: str = ""
    categories: tuple[str, ...] = ()
    criteria: Path | None = None
    schemes: Path | None = None  # a site's own scoring schemes, laid over generator/data/schemes.yml
    featured: list[str] = field(default_factory=list)
    docs_dir: str = "content"
    news_dir: str | None = None  # the blog's folder inside docs_dir, when the site has a news column
    publish: dict = field(default_factory=dict)
    kiosk: dict = field(default_factory=dict)
    cms: dict = field(default_factory=dict)
    print: dict = field(default_factory=dict)
    wording: dict[str, Path] = field(default_factory=dict)  # the site's word lists by kind (WORDING_FILES)
    news_fresh_days: int = 14
    review_levels: tuple[str, ...] = ()  # none: no review (every change is published as it is)
    review_file: Path | None = None
    raw: dict = field(default_factory=dict, repr=False)

    def contract(self) -> Contract:
        return replace(default_contract(), categories=self.categories)


class ConfigError(Exception):
    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def _error(path: str, message: str, mark=None) -> ConfigError:
    position = Position(mark.line + 1, mark.column + 1) if mark is not None else Position()
    return ConfigError(Finding(path, position, Severity.ERROR, "config.invalid", "站点配置", message))


def plugin_settings(raw: dict, name: str = "brandsite") -> dict | None:
    """A plugin's settings (``material/blog`` and ``blog`` alike), or None when it is not listed."""
    plugins = raw.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins:
        key = entry if isinstance(entry, str) else next(iter(entry), None) if isinstance(entry, dict) else None
        if key is not None and str(key).split("/")[-1] == name:
            return {} if isinstance(entry, str) else (entry[key] or {})
    return None


def load_config(root: Path, config_file: Path | None = None) -> SiteConfig:
    path = config_file or root / "mkdocs.yml"
    label = path.name
    if not path.is_file():
        raise _error(label, f"找不到站点配置文件 {label}（请在站点根目录运行，或用 -C 指定站点根目录）")
    try:
        raw = yaml.load(path.read_text("utf-8-sig"), Loader=_TolerantLoader) or {}
    except yaml.MarkedYAMLError as exc:
        raise _error(label, f"YAML 格式错误：{translate_problem(exc.problem or '')}", exc.problem_mark) from None
    except UnicodeDecodeError:
        raise _error(label, "文件不是 UTF-8 编码，请用 UTF-8 保存（记事本“另存为”可选择编码）") from None
    except yaml.YAMLError as exc:
        raise _error(label, f"无法读取（{exc.__class__.__name__}）") from None
    if not isinstance(raw, dict):
        raise _error(label, "顶层应为映射")
    settings = plugin_settings(raw) or {}
    if not isinstance(settings, dict):
        raise _error(label, "brandsite 插件的设置应为映射")
    for key in settings:
        if key not in DEFAULTS:
            raise _error(label, f"brandsite 插件没有“{key}”这项设置{suggest(str(key), DEFAULTS)}")
    settings = {**DEFAULTS, **settings}
    categories = settings["categories"] or list(default_contract().categories)
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise _error(label, "brandsite 插件的 categories 应为文字列表")
    criteria = root / settings["criteria"] if settings["criteria"] else None
    return SiteConfig(
        root=root,
        config_file=path,
        site_name=str(raw.get("site_name") or "服务品牌展示"),
        site_url=str(raw.get("site_url") or ""),
        categories=tuple(categories),
        criteria=criteria,
        schemes=root / settings["schemes"] if settings["schemes"] else None,
        featured=list(settings["featured"] or []),
        docs_dir=str(raw.get("docs_dir") or "content"),
        news_dir=_news_dir(raw),
        publish=_mapping(settings, "publish", label),
        kiosk=_mapping(settings, "kiosk", label),
        cms=_mapping(settings, "cms", label),
        print=_mapping(settings, "print", label),
        wording=_wording(root, settings, label),
        news_fresh_days=_days(settings, "news_fresh_days", label),
        **_review(root, settings, label),
        raw=raw,
    )


def _wording(root: Path, settings: dict, label: str) -> dict[str, Path]:
    value = _mapping(settings, "wording", label)
    files = {}
    for key, name in value.items():
        if key not in WORDING_FILES:
            raise _error(label, f"brandsite 插件的 wording 没有“{key}”这项{suggest(str(key), WORDING_FILES)}"
                                f"（可用：{'、'.join(WORDING_FILES)}）")
        if not isinstance(name, str) or not name.strip():
            raise _error(label, f"brandsite 插件的 wording.{key} 应为站点里的一个文件名，如 {key}: wording/{key}.yml")
        path = (root / name.strip()).resolve()
        if not path.is_relative_to(root.resolve()):
            raise _error(label, f"brandsite 插件的 wording.{key} 指向站点以外的文件“{name}”")
        if not path.is_file():
            raise _error(label, f"找不到 brandsite 插件 wording.{key} 指定的词表文件“{name}”")
        files[key] = path
    return files


def _review(root: Path, settings: dict, label: str) -> dict:
    value = _mapping(settings, "review", label)
    if not value:
        return {}
    unknown = [k for k in value if k not in ("levels", "file")]
    if unknown:
        raise _error(label, f"brandsite 插件的 review 没有“{unknown[0]}”这项{suggest(str(unknown[0]), ('levels', 'file'))}"
                            "（可用：levels、file）")
    levels = value.get("levels")
    if (not isinstance(levels, list) or not 1 <= len(levels) <= 5 or not all(isinstance(x, str) and x.strip() for x in levels)
            or len(set(levels)) != len(levels)):
        raise _error(label, "brandsite 插件的 review.levels 应为 1—5 个互不相同的审核级别，如 levels: [初审, 复审, 终审]")
    name = value.get("file") or "reviews.yml"
    if not isinstance(name, str) or not (root / name).resolve().is_relative_to(root.resolve()):
        raise _error(label, f"brandsite 插件的 review.file 应为站点里的一个文件名，如 file: reviews.yml")
    return {"review_levels": tuple(x.strip() for x in levels), "review_file": root / name}


def _days(settings: dict, key: str, label: str) -> int:
    value = settings[key]
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 3650:
        raise _error(label, f"brandsite 插件的 {key} 应为 1—3650 之间的天数，这里是“{value}”")
    return value


def _mapping(settings: dict, key: str, label: str) -> dict:
    value = settings[key] or {}
    if not isinstance(value, dict):
        raise _error(label, f"brandsite 插件的 {key} 设置应为映射（如 {key}: {{...}}）")
    return value


def _news_dir(raw: dict) -> str | None:
    blog = plugin_settings(raw, "blog")
    if blog is None or (isinstance(blog, dict) and blog.get("enabled") is False):
        return None
    return str((blog or {}).get("blog_dir") or "blog").strip("/")
