"""Run MkDocs (with the Material theme) on a generated docs tree.

The generated config INHERITs the site's own mkdocs.yml and overrides only where the
docs come from, where the site goes, and the navigation, which never lists every brand
(MkDocs renders the nav on every page, so listing N brands would make output grow as N²).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import yaml

from generator import segment


class EngineError(Exception):
    pass


NAV = [
    {"首页": "index.md"},
    {"品牌风采": "brands/index.md"},
    {"创建标准": "criteria/index.md"},
]


def write_config(work: Path, site_config: Path, docs: Path, site_dir: Path, raw: dict) -> Path:
    nav = list(NAV)
    for title, page in (("创建动态", "news/index.md"), ("关于", "about.md")):
        if (docs / page).is_file():
            nav.append({title: page})
    config = {
        "INHERIT": os.path.relpath(site_config, work),
        "docs_dir": os.path.relpath(docs, work),
        "site_dir": str(site_dir),
        "nav": nav,
        "not_in_nav": "/brands/*/\n",
        "extra_css": ["assets/brandsite/brandsite.css", *(raw.get("extra_css") or [])],
        "extra_javascript": ["assets/brandsite/brandsite.js", *(raw.get("extra_javascript") or [])],
    }
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build(config_file: Path, strict: bool = False) -> list[str]:
    """Build the site; returns the engine's warnings. Raises EngineError on failure."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    segment.jieba()  # the search plugin segments with jieba; import it quietly first
    log = logging.getLogger("mkdocs")
    handler = _Collect()
    log.addHandler(handler)
    previous = log.level
    log.setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(config_file), strict=strict)
        mkdocs_build(config)
    except exceptions.ConfigurationError as exc:
        raise EngineError(f"站点配置 mkdocs.yml 有误：{exc}") from None
    except (exceptions.MkDocsException, exceptions.Abort) as exc:
        raise EngineError(f"网站生成失败：{exc}") from None
    finally:
        log.removeHandler(handler)
        log.setLevel(previous)
    return handler.messages
