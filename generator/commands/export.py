"""brandsite export wechat|portal: articles for the WeChat column and the portal column."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from generator.commands import load_or_report
from generator.publish import catalog, portal, wechat
from generator.publish.article import Article


def _fail(message: str) -> int:
    print(f"错误：{message}", file=sys.stderr)
    return 1


def _chosen(project, target: str | None, every: bool) -> list[Article]:
    if every:
        return catalog.articles(project)
    return [catalog.find(project, target)]


def _site(project) -> portal.Site:
    config = project.config
    gov = (config.raw.get("extra") or {}).get("government") or {}
    domain = config.site_url.split("://", 1)[-1].split("/", 1)[0] if config.site_url else ""
    return portal.Site(config.site_name, config.site_url, domain, str(gov.get("site_code") or ""))


def run(root: Path, channel: str, target: str | None, every: bool = False, output: Path | None = None,
        theme: str | None = None) -> int:
    if channel == "wechat" and not target and not every:
        return _fail("请指定品牌（文件夹名）或评价轮次，例如 brandsite export wechat wendang-lianxinqiao；导出全部用 --all")
    project = load_or_report(root)
    if project is None:
        return 1
    settings = project.config.publish
    try:
        articles = _chosen(project, target, every or (channel == "portal" and not target))
        if channel == "wechat":
            return _wechat(project, articles, output, theme or settings.get("theme") or "zhengwu",
                           str(settings.get("author") or catalog.organizer(project)), single=not every)
        return _portal(project, articles, output, single=bool(target))
    except (catalog.NotPublished, wechat.ExportError) as exc:
        return _fail(f"{exc}。没有写出任何文件")
    except OSError as exc:
        return _fail(f"写入文件失败（{exc.strerror or exc}：{exc.filename or ''}），原有导出保持不变")


def _folder(base: Path | None, default: Path, article: Article, single: bool) -> Path:
    if base is None:
        return default / article.id
    return base if single else base / article.id


def _wechat(project, articles: list[Article], output: Path | None, theme: str, author: str, single: bool) -> int:
    known = wechat.themes()
    if theme not in known:
        choices = "、".join(f"{name}（{spec['label']}）" for name, spec in known.items())
        return _fail(f"没有名为 {theme} 的版式，可选：{choices}")
    root, config = project.config.root, project.config
    for article in articles:
        folder = _folder(output, root / "exports" / "wechat", article, single)
        done = wechat.export(article, folder, theme=theme, author=author, site_name=config.site_name,
                             site_url=config.site_url)
        print(f"已导出“{article.title}”：{folder.as_posix()}/（正文 {done.manifest['characters']} 字，"
              f"图片 {len(done.manifest['images'])} 张）")
    if len(articles) == 1:
        print(f"用浏览器打开 {(folder / 'preview.html').as_posix()} 预览，点击“一键复制正文”后粘贴到公众号编辑器。")
    return 0


def _portal(project, articles: list[Article], output: Path | None, single: bool) -> int:
    base = output if output is not None and not single else (project.config.root / "exports" / "portal")
    site = _site(project)
    index = []
    for article in articles:
        folder = _folder(output, base, article, single)
        manifest = portal.export(article, folder, site)
        index.append({"id": article.id, "column": manifest["column"], "title": article.title,
                      "pub_date": manifest["pub_date"], "path": f"{article.id}/article.html"})
        print(f"已导出“{article.title}”：{folder.as_posix()}/article.html")
    if not single:
        (base / "index.json").write_text(json.dumps({"articles": index}, ensure_ascii=False, indent=2) + "\n", "utf-8")
        print(f"栏目索引：{(base / 'index.json').as_posix()}（共 {len(index)} 篇）")
    return 0
