"""The WeChat export: a folder a publisher takes to the official account's editor.

article.html  the body with inline styles only (the editor drops stylesheets, classes, ids, scripts)
images/       every picture of the article, JPEG or PNG under 1 MB, numbered in reading order
cover.png     900×383 cover;  thumb.png  500×500 square for shares
manifest.json title, digest, author, cover, thumb and each image's path, SHA-256, size and type
preview.html  the article at phone width, with a button that copies it as rich text
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from string import Template

import css_inline
import yaml
from markupsafe import Markup

from generator.atomic import replace_folder
from generator.produce.pages import render
from generator.produce import markup
from generator.publish import cover, media
from generator.produce.article import Article, DIGEST_MAX, TITLE_MAX


DATA = Path(__file__).resolve().parent.parent / "data" / "wechat_themes.yml"
STYLESHEET = Path(__file__).resolve().parent / "themes" / "article.css"
MAX_CHARACTERS = 20_000  # the editor refuses a longer body
AUTHOR_MAX = 8  # the editor's limit for the author field


class ExportError(Exception):
    pass


@lru_cache(maxsize=1)
def themes() -> dict[str, dict]:
    return yaml.safe_load(DATA.read_text("utf-8"))


def stylesheet(theme: str) -> str:
    palette = themes()[theme]
    return Template(STYLESHEET.read_text("utf-8")).substitute(palette)


def fitting_body(article: Article, sources: dict[str, str], css: str, site_url: str) -> str:
    """The longest version of the body (complete, else abridged) that stays under the length limit."""
    for version in (article.body, *article.abridged):
        html = body(version, article, sources, css, site_url)
        if len(html) < MAX_CHARACTERS:
            return html
    raise ExportError(f"正文有 {len(html)} 个字符（含排版），超过公众号 {MAX_CHARACTERS} 字符的上限；请精简品牌故事或服务内容")


def body(source: str, article: Article, sources: dict[str, str], css: str, site_url: str) -> str:
    """``source`` (the article's house markup) as WeChat's editor keeps it: inline styles, no classes,
    outside links as numbered references."""
    root = markup.parse(source)
    markup.remove_comments(root)
    markup.flatten_lists(root)
    markup.absolute_links(root, article.url(site_url))
    markup.links_to_references(root)
    markup.stack_tables(root)
    markup.wrap_tables(root)
    markup.place_images(root, sources)
    styled = css_inline.inline_fragment(markup.serialize(root), css)
    root = markup.parse(styled)
    markup.strip_attributes(root)
    return markup.serialize(root).strip() + "\n"


@dataclass(frozen=True)
class Exported:
    folder: Path
    manifest: dict


def export(article: Article, folder: Path, *, theme: str, author: str, site_name: str, site_url: str) -> Exported:
    """Write the export folder for ``article``; the previous folder stays until the new one is complete."""
    if len(author) > AUTHOR_MAX:
        raise ExportError(f"作者“{author}”超过公众号允许的 {AUTHOR_MAX} 个字；请在 mkdocs.yml 的 brandsite 插件设置 publish: author: 中改短")

    def write(tmp: Path) -> dict:
        written = [media.export_image(p.info, tmp, f"images/{p.name}") for p in article.pictures]
        sources = {f"image:{i}": w.path for i, w in enumerate(written)}
        html = fitting_body(article, sources, stylesheet(theme), site_url)
        (tmp / "article.html").write_text(html, "utf-8")
        cover.cover(article.kicker, article.cover_title, article.cover_subtitle, article.cover_logos, site_name
                    ).save(tmp / "cover.png", optimize=True)
        cover.thumb(article.cover_title, article.cover_logos[0] if article.kind == "brand" and article.cover_logos else None,
                    article.badge).save(tmp / "thumb.png", optimize=True)
        manifest = {
            "title": article.title,
            "digest": article.digest,
            "author": author,
            "cover": "cover.png",
            "thumb": "thumb.png",
            "source_url": article.url(site_url),
            "theme": theme,
            "characters": markup.text_length(html),
            "images": [{"path": w.path, "sha256": w.sha256, "bytes": w.bytes, "type": w.type} for w in written],
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
        (tmp / "preview.html").write_text(render(
            "preview.html", article=article, manifest=manifest, html=Markup(html), theme=themes()[theme]["label"],
            limits={"title": TITLE_MAX, "digest": DIGEST_MAX}, length=len(html), max_length=MAX_CHARACTERS,
        ), "utf-8")
        return manifest

    try:
        manifest = replace_folder(folder, write)
    except cover.CoverError as exc:
        raise ExportError(str(exc)) from None
    return Exported(folder, manifest)
