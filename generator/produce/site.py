"""Write the generated docs tree: hand-written content/ plus pages, feeds and data made from brands/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator import segment, slugs
from generator.check.criteria import Criteria
from generator.config import SiteConfig
from generator.load import cms
from generator.model import Brand
from generator.pipeline import Project
from generator.progress import NULL, Progress, Stage
from generator.produce import (brand_lookup, dates, feeds, images, kiosk, leaderboard, pages, parallel, search_terms,
                                slots)
from generator.produce import qr as qr_codes
from generator.produce.pages import Card
from generator.produce.tree import Tree
from generator.publish import catalog, portal
from generator.publish.article import Article, brand_article, round_article

LOGO_SIDE = 512
PHOTO_SIDE = 1600
ASSETS = Path(__file__).resolve().parent.parent / "assets"


@dataclass(frozen=True)
class Produced:
    cards: list[Card]  # the published brands'
    images_encoded: int
    images_reused: int


def write_docs(project: Project, work: Path, cache: Path, progress: Progress = NULL) -> Produced:
    """Bring ``work/docs`` up to date (see `tree`) and say what was made.

    ``work`` also receives the search dictionary; ``cache`` keeps web images and QR codes between builds.
    """
    config, root = project.config, project.config.root
    docs = Tree(work / "docs")
    content = root / config.docs_dir
    _copy_content(project, content, docs)

    brands = sorted(project.published, key=lambda b: b.slug)
    ranked = project.ranked()
    histories = leaderboard.history(ranked)
    cutter = segment.Cutter(search_terms.write_dictionary(brands, work / "jieba_user.txt"), cache / "cuts.json")
    keywords = {b.slug: search_terms.keywords(b.name, cutter) for b in brands}  # here, so the helpers need no jieba
    category_folders = slugs.unique(list(config.categories), "category", cutter.words)
    cutter.save()
    updated = dates.last_updated(root, [b.folder for b in brands])
    encoded, reused = images.warm(
        [(b.logo_image, side) for b in brands if b.logo_image for side in (LOGO_SIDE, kiosk.LOGO_SIDE)]
        + [(p.image, PHOTO_SIDE) for b in brands for p in b.gallery if p.image], cache / "images", progress)
    with progress.stage("生成品牌页面", len(brands)) as stage:
        cards = _write_brands(brands, docs, cache, config.site_url, updated, histories, keywords, stage)

    news = project.published_news
    with progress.stage("生成列表、排行、订阅和展示屏", 5) as stage:
        for folder, page in pages.gallery_pages(cards, category_folders):
            _write_page(docs, folder, page)
        _write_page(docs, "criteria", pages.criteria_page(project.criteria))
        intro_file = content / "index.md"
        intro = intro_file.read_text("utf-8") if intro_file.is_file() else f"# {config.site_name}\n"
        docs.write(docs.root / "index.md", pages.home_page(intro, cards, config.featured, news, config.news_dir or "news",
                                                           leaderboard.top(ranked[-1] if ranked else None)))
        stage.advance()
        _write_feeds(project, docs, cards, ranked, histories)
        stage.advance()
        _write_leaderboard(ranked, docs, {c.brand.slug: c.logo for c in cards}, category_folders)
        stage.advance()
        write_kiosk(project, docs.sub("kiosk"), cache, brands, ranked, histories)
        stage.advance()
        if (root / "assets").is_dir():  # the site's own CSS, JS, images and fonts
            docs.copy_folder(root / "assets", docs.root / "assets")
        docs.copy_folder(ASSETS, docs.root / "assets" / "brandsite")
        if config.cms.get("publish"):  # the web form, only where the publisher turned it on
            write_form(config, project.criteria, docs.sub("admin"))
        docs.prune()
        stage.advance()
    return Produced(cards, encoded, reused)


def write_form(config: SiteConfig, criteria: Criteria, folder: Tree, local: str = "") -> None:
    """The web form (Decap CMS's files and its config.yml) into ``folder``; `serve --edit` serves the same."""
    folder.copy_folder(cms.FILES, folder.root)
    folder.write(folder.root / "config.yml", cms.site_config_text(config, criteria, local))


def write_brand(brand: Brand, docs: Tree, cache: Path, site_url: str, updated, history: list[dict],
                keywords: str) -> Card:
    """One brand's page and its web images into ``docs/brands/<slug>/``; `serve` calls this alone on an edit."""
    folder = docs.root / "brands" / brand.slug
    card = Card(brand, images.place(brand.logo_image, cache / "images", docs, folder, "logo", LOGO_SIDE), updated)
    photos = [
        {"image": images.place(photo.image, cache / "images", docs, folder / "photos", f"{i:02d}", PHOTO_SIDE),
         "caption": photo.caption}
        for i, photo in enumerate(brand.gallery, 1) if photo.image is not None
    ]
    qr = qr_codes.cached(pages.brand_url(site_url, brand.slug), cache / "qr")
    page, parts = pages.brand_page(card, qr, photos, keywords, history)
    docs.write(folder / "index.md", page)
    for name, html in parts.items():
        docs.write(slots.path(folder, name), html)
    return card


def _write_brands(brands: list[Brand], docs: Tree, cache: Path, site_url: str, updated: dict, histories: dict,
                  keywords: dict[str, str], stage: Stage) -> list[Card]:
    """Every brand page, shared out between the cores; each share reports the files it wrote."""
    def one(brand: Brand):
        own = Tree(docs.root)
        card = write_brand(brand, own, cache, site_url, updated[brand.folder], histories.get(brand.slug, []),
                           keywords[brand.slug])
        return card.logo, own.written

    results = parallel.share_out(one, brands, stage)
    for _logo, written in results:
        docs.written |= written
    return [Card(brand, logo, updated[brand.folder]) for brand, (logo, _written) in zip(brands, results)]


def write_kiosk(project: Project, folder: Tree, cache: Path, brands=None, ranked=None, histories=None) -> int:
    """The open-day kiosk into ``folder`` (in the site, or alone for ``brandsite kiosk``); returns data.js's size."""
    config = project.config
    brands = sorted(project.published, key=lambda b: b.slug) if brands is None else brands
    ranked = project.ranked() if ranked is None else ranked
    histories = leaderboard.history(ranked) if histories is None else histories
    return kiosk.write(folder, brands, config.featured, ranked, histories, config.site_name, config.site_url,
                       config.categories, config.kiosk, cache, config.raw)


_QUOTED_DATE = re.compile(r"""^date\s*:\s*(['"]).*?\1\s*$""", re.M)


def _copy_content(project: Project, content: Path, docs: Tree) -> None:
    """The hand-written pages and files, without draft posts (so no engine can publish them), each
    published post with its slug pinned (the engine would otherwise make one from the Chinese title;
    the file name is the editor's choice)."""
    if not content.is_dir():
        return
    root = project.config.root
    posts = {root / post.source: post for post in project.news}
    home = content / "index.md"  # write_docs makes the home page from it
    docs.copy_folder(content, docs.root, skip=frozenset([*posts, home]))
    for source, post in posts.items():
        if post.draft:
            continue
        text = source.read_text("utf-8-sig")
        front_end = text.index("\n---", 3)
        # the engine takes only a YAML date; a quoted one, which brandsite accepts, is written unquoted
        front = _QUOTED_DATE.sub(f"date: {post.date.isoformat()}", text[:front_end], count=1)
        if not re.search(r"^slug\s*:", front, re.M):
            front += f"\nslug: {post.slug}"
        text = front + text[front_end:]
        docs.write(docs.root / source.relative_to(content), text)


def _write_page(docs: Tree, folder: str, markdown: str) -> None:
    docs.write(docs.root / folder / "index.md", markdown)


def _write_leaderboard(ranked, docs: Tree, logos: dict, category_folders: dict[str, str]) -> None:
    if not ranked:
        return
    views = [leaderboard.view(r, logos) for r in reversed(ranked)]  # newest first
    _write_page(docs, "leaderboard", leaderboard.index_page(views, category_folders))
    for r, data in zip(reversed(ranked), views):
        for folder, page in leaderboard.round_pages(data, category_folders):
            _write_page(docs, folder, page)
        docs.write(docs.root / "api" / "rounds" / f"{r.id}.json", leaderboard.round_json(r))
        docs.write(docs.root / "api" / "rounds" / f"{r.id}.csv", leaderboard.round_csv(r))


def _write_feeds(project: Project, docs: Tree, cards: list[Card], ranked, histories: dict) -> None:
    config = project.config
    description = str(config.raw.get("site_description") or config.site_name)
    announcements = {f"round:{r.id}": round_article(r, config.site_url, catalog.organizer(project)) for r in ranked}
    by_id = {f"brand:{c.brand.slug}": c for c in cards}

    def content(entry: feeds.Item) -> str:
        article: Article | None = announcements.get(entry.id)
        card = by_id.get(entry.id)
        if card is not None:
            article = brand_article(card.brand, card.updated, histories.get(card.brand.slug, []), config.site_url,
                                    config.site_name)
        if article is None:  # a news post: the engine renders it; the feed carries its summary
            return ""
        return portal.body(article, portal.site_sources(article, config.site_url), config.site_url)

    rounds = [feeds.Item(key, a.title, a.page, a.date, a.digest, ("评价结果",)) for key, a in announcements.items()]
    entries = feeds.items(cards, project.published_news, rounds, content)
    docs.write(docs.root / "feed.xml", feeds.rss(entries, config.site_name, description, config.site_url))
    docs.write(docs.root / "feed.json", feeds.json_feed(entries, config.site_name, description, config.site_url))
    docs.write(docs.root / "api" / "brands.json", feeds.brands_api(cards, config.site_url))
    docs.write(docs.root / "search" / "brands.json", brand_lookup.lookup(c.brand for c in cards))
