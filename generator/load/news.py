"""Reader for the news column: content/news/posts/*.md with YAML front matter.

The posts are published by the engine's blog (Material's blog plugin with its default
URL format ``{date}/{slug}``, dates as yyyy/MM/dd); this reader knows the same facts so
the home page and the feeds can list the posts and link to them.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from generator.load.dates import full_date
from generator.findings import Finding, Position, Severity, rel
from generator.load.brands import read_text
from generator.load.yamlpos import YamlSyntaxError, parse
from generator.model import NewsPost

STANDARD = "创建动态"
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)
_MARKUP = re.compile(r"[*_`>#\[\]]|\(\S+?\)|<[^>]+>|!\[[^\]]*\]")


def _summary(body: str, limit: int = 120) -> str:
    body = body.split("<!-- more -->")[0]
    for block in re.split(r"\n\s*\n", body):
        text = _MARKUP.sub("", block).strip()
        if text and not block.lstrip().startswith("#"):
            text = " ".join(text.split())
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""


def _date(value) -> dt.date | None:
    if isinstance(value, dict):  # Material accepts {created: ..., updated: ...}
        value = value.get("created")
    return full_date(value)


def load_post(path: Path, root: Path, blog_dir: str) -> tuple[NewsPost | None, list[Finding]]:
    label = rel(path, root)

    def error(rule: str, message: str, position: Position = Position(1, 1)) -> tuple[None, list[Finding]]:
        return None, [Finding(label, position, Severity.ERROR, rule, STANDARD, message)]

    text, finding = read_text(path, label, kind="news", inside=root)
    if finding:
        return None, [finding]
    match = _FRONT.match(text)
    if not match:
        return error("news.front-matter", "文章开头缺少以“---”包围的元数据（至少要有 date）")
    def in_file(p: Position) -> Position:  # front matter starts on line 2, after the opening ---
        return Position(p.line + 1, p.column)

    try:
        doc = parse(match.group(1))
    except YamlSyntaxError as exc:
        return error("news.front-matter", f"元数据 YAML 格式错误：{exc.message}", in_file(exc.position))
    meta = doc.data if isinstance(doc.data, dict) else {}
    date = _date(meta.get("date"))
    if date is None:
        return error("news.date", "缺少或无法识别发布日期 date（格式 2026-10-15）", in_file(doc.at("date")))
    body = text[match.end():]
    heading = _HEADING.search(body)
    title = str(meta.get("title") or (heading.group(1) if heading else path.stem))
    categories = meta.get("categories") or []
    if not isinstance(categories, list):
        categories = [categories]
    slug = str(meta.get("slug") or path.stem)
    summary = str(meta.get("description") or _summary(body[heading.end():] if heading else body))
    url = f"{blog_dir}/{date:%Y/%m/%d}/{slug}/"
    return NewsPost(label, title, date, slug, url, tuple(str(c) for c in categories), summary,
                    bool(meta.get("draft"))), []


def load_news(root: Path, docs_dir: str, blog_dir: str = "news") -> tuple[list[NewsPost], list[Finding]]:
    """Every post, newest first (drafts included: callers publish only ``not post.draft``)."""
    folder = root / docs_dir / blog_dir / "posts"
    posts, findings = [], []
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        post, found = load_post(path, root, blog_dir)
        findings.extend(found)
        if post:
            posts.append(post)
    posts.sort(key=lambda p: (p.date, p.slug), reverse=True)
    return posts, findings
