"""brandsite export wechat|portal|print: articles for the WeChat column and the portal column; posters, counter
cards, booklets and certificates for the print shop."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from generator.commands import fail, why
from generator.pipeline import load_or_report
from generator.progress import on_stderr
from generator.produce import catalog
from generator.incremental import paths
from generator.atomic import replace_folder, write_file
from generator.publish import portal, printing, wechat
from generator.produce import parallel, qr
from generator.produce.article import Article
from generator.produce.pages import brand_url


def chosen(project, targets: list[str], every: bool) -> list[Article]:
    """The articles named (brand slugs or round ids), or every published one."""
    if every:
        return catalog.articles(project)
    return [catalog.find(project, target) for target in dict.fromkeys(targets)]


def _site(project) -> portal.Site:
    config = project.config
    gov = (config.raw.get("extra") or {}).get("government") or {}
    domain = config.site_url.split("://", 1)[-1].split("/", 1)[0] if config.site_url else ""
    return portal.Site(config.site_name, config.site_url, domain, str(gov.get("site_code") or ""))


def run(root: Path, channel: str, target: str | None, every: bool = False, output: Path | None = None,
        theme: str | None = None, quiet: bool = False, bleed: float | None = None, booklet: str | None = None) -> int:
    if channel == "wechat" and not target and not every:
        return fail("请指定品牌（文件夹名）或评价轮次，例如 brandsite export wechat wendang-lianxinqiao；导出全部用 --all")
    progress = on_stderr(quiet)
    project = load_or_report(root, progress=progress)
    if project is None:
        return 1
    if channel == "print":
        return _print(project, target, output, bleed, booklet, progress)
    try:
        articles = chosen(project, [target] if target else [], every or (channel == "portal" and not target))
        if channel == "wechat":
            with progress.stage("导出公众号文章", len(articles)) as stage:
                for article, done in export_wechat(project, articles, output, theme, single=not every):
                    stage.advance()
                    print(f"已导出“{article.title}”：{done.folder.as_posix()}/（正文 {done.manifest['characters']} 字，"
                          f"图片 {len(done.manifest['images'])} 张）")
            if len(articles) == 1:
                print(f"用浏览器打开 {(done.folder / 'preview.html').as_posix()} 预览，点击“一键复制正文”后粘贴到公众号编辑器。")
            return 0
        with progress.stage("导出门户栏目稿件", len(articles)):
            return _portal(project, articles, output, single=bool(target))
    except (catalog.NotPublished, wechat.ExportError) as exc:
        return fail(f"{exc}。没有写出任何文件")
    except OSError as exc:
        return fail(f"写入文件失败（{why(exc)}），原有导出保持不变")


def _folder(base: Path | None, default: Path, article: Article, single: bool) -> Path:
    if base is None:
        return default / article.id
    return base if single else base / article.id


def export_wechat(project, articles: list[Article], output: Path | None, theme: str | None,
                  single: bool) -> Iterator[tuple[Article, wechat.Exported]]:
    """Each article's WeChat folder, written (default exports/wechat/<id>/) as it goes."""
    settings = project.config.publish
    theme = theme or settings.get("theme") or "zhengwu"
    known = wechat.themes()
    if theme not in known:
        choices = "、".join(f"{name}（{spec['label']}）" for name, spec in known.items())
        raise wechat.ExportError(f"没有名为 {theme} 的版式，可选：{choices}")
    author = str(settings.get("author") or catalog.organizer(project))
    config = project.config
    for article in articles:
        folder = _folder(output, config.root / "exports" / "wechat", article, single)
        yield article, wechat.export(article, folder, theme=theme, author=author, site_name=config.site_name,
                                     site_url=config.site_url)


def _portal(project, articles: list[Article], output: Path | None, single: bool) -> int:
    if single:
        folder = _folder(output, project.config.root / "exports" / "portal", articles[0], single)
        portal.export(articles[0], folder, _site(project))
        print(f"已导出“{articles[0].title}”：{folder.as_posix()}/article.html")
        return 0
    base = output if output is not None else project.config.root / "exports" / "portal"
    for entry in export_portal(project, articles, base):
        print(f"已导出“{entry['title']}”：{(base / entry['path']).as_posix()}")
    print(f"栏目索引：{(base / 'index.json').as_posix()}（共 {len(articles)} 篇）")
    return 0


def export_portal(project, articles: list[Article], base: Path) -> list[dict]:
    """The whole portal column under ``base``: one folder per article and index.json; the index entries."""
    site = _site(project)
    index = []
    for article in articles:
        manifest = portal.export(article, base / article.id, site)
        index.append({"id": article.id, "column": manifest["column"], "title": article.title,
                      "pub_date": manifest["pub_date"], "path": f"{article.id}/article.html"})
    (base / "index.json").write_text(json.dumps({"articles": index}, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return index


# -- print ------------------------------------------------------------------------------------------------------

POSTERS, CARDS, ROUNDS = "posters", "cards", "rounds"


def _print(project, target: str | None, output: Path | None, bleed: float | None, booklet: str | None,
           progress) -> int:
    config = project.config
    base = output if output is not None else config.root / "exports" / "print"
    try:
        press = printing.Press(printing.settings(config, catalog.organizer(project), bleed, booklet), config.site_name)
        brands, rounds = _print_targets(project, target)
        if target is None:
            written = replace_folder(base, lambda tmp: export_print(project, press, brands, rounds, tmp, progress))
        else:
            written = export_print(project, press, brands, rounds, base, progress)
    except (catalog.NotPublished, printing.PrintError) as exc:
        return fail(f"{exc}。没有写出任何文件" if target is None else str(exc))
    except OSError as exc:
        return fail(f"写入文件失败（{why(exc)}）" + ("，原有导出保持不变" if target is None else ""))
    for warning in press.warnings:
        print(f"提醒：{warning}")
    if brands:
        sizes = "、".join(printing.POSTER_PAPERS)
        print(f"已导出 {len(brands)} 个品牌的海报（{sizes}）和桌牌：{(base / POSTERS).as_posix()}/、{(base / CARDS).as_posix()}/")
    for r in rounds:
        folder = (base / ROUNDS / r.id).as_posix()
        print(f"已导出“{r.title}”的汇编（{written[r.id]['pages']} 页，{printing.BOOKLET_FORMATS[press.settings.booklet]}）"
              f"和获奖证书（{written[r.id]['certificates']} 张）：{folder}/booklet.pdf、{folder}/certificates.pdf")
    if not brands and not rounds:
        print("没有已发布的品牌或评价轮次，没有导出任何文件")
    return 0


def _print_targets(project, target: str | None) -> tuple[list, list]:
    """The brands whose posters and cards, and the rounds whose booklets and certificates, are printed: the one
    named, or every published brand and every published round that names award winners."""
    if target is None:
        ranked = project.ranked()
        return (sorted(project.published, key=lambda b: b.slug),
                [r for r in reversed(ranked) if printing.awarded(r)])
    article = catalog.find(project, target)  # says in Chinese why a draft or a broken one is not printed
    if article.kind == "brand":
        return [b for b in project.published if b.slug == target], []
    return [], [r for r in project.ranked() if r.id == target]


def export_print(project, press: printing.Press, brands: list, rounds: list, base: Path, progress) -> dict:
    """Posters and cards of ``brands``, the booklet and certificates of ``rounds``, under ``base``; for each
    round the booklet's pages and the certificates' count."""
    config = project.config
    cache = paths.qr(paths.cache(config.root))

    def sheet(brand) -> printing.Sheet:
        url = brand_url(config.site_url, brand.slug)
        return printing.sheet(brand, url, qr.cached_file_svg(url, cache) if url else "")

    def window(brand) -> list[str]:
        """One brand's posters and card, written where they belong; the warnings they gave."""
        before = len(press.warnings)
        item = sheet(brand)
        for name in printing.POSTER_PAPERS:
            write_file(base / POSTERS / f"{brand.slug}-{name}.pdf", press.poster(item, printing.PAPERS[name]))
        write_file(base / CARDS / f"{brand.slug}.pdf", press.card(item))
        return press.warnings[before:]

    written = {}
    if brands:
        with progress.stage("排版海报和桌牌", len(brands)) as stage:
            warnings = parallel.share_out(window, brands, stage)
        press.warnings[:] = list(dict.fromkeys(w for each in warnings for w in each))
    with progress.stage("排版汇编和证书", len(rounds)) as stage:
        for r in rounds:
            sheets = {s.brand.slug: sheet(s.brand) for s in printing.awarded(r)}
            book = printing.booklet(r, sheets)
            pdf = press.booklet(book)
            write_file(base / ROUNDS / r.id / "booklet.pdf", pdf)
            certificates = printing.certificates(r, sheets)
            write_file(base / ROUNDS / r.id / "certificates.pdf", press.certificates(book, certificates))
            written[r.id] = {"pages": printing.page_count(pdf), "certificates": len(certificates)}
            stage.advance()
    return written
