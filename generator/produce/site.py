"""Write the generated docs tree: hand-written content/ plus pages, feeds and data made from brands/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.model import Brand
from generator.pipeline import Project
from generator.produce import dates, feeds, images, kiosk, leaderboard, pages, search_terms
from generator.produce import qr as qr_codes
from generator.produce.pages import Card
from generator.publish import catalog, portal
from generator.publish.article import Article, brand_article, round_article

LOGO_SIDE = 512
PHOTO_SIDE = 1600
ASSETS = Path(__file__).resolve().parent.parent / "assets"


def write_docs(project: Project, work: Path, cache: Path) -> list[Card]:
    """Fill ``work/docs`` (emptied first) and return the published brands' cards.

    ``work`` also receives the search dictionary; ``cache`` keeps web images and QR codes between builds.
    """
    config, root = project.config, project.config.root
    docs = work / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    content = root / config.docs_dir
    if content.is_dir():
        shutil.copytree(content, docs, ignore=shutil.ignore_patterns(".*"))
    else:
        docs.mkdir(parents=True)
    _prepare_news(project, docs)

    brands = sorted(project.published, key=lambda b: b.slug)
    ranked = project.ranked()
    histories = leaderboard.history(ranked)
    search_terms.write_dictionary(brands, work / "jieba_user.txt")
    updated = dates.last_updated(root, [b.folder for b in brands])
    images.warm([(b.logo_image, side) for b in brands if b.logo_image for side in (LOGO_SIDE, kiosk.LOGO_SIDE)]
                + [(p.image, PHOTO_SIDE) for b in brands for p in b.gallery if p.image], cache / "images")
    cards = [write_brand(brand, docs, cache, config.site_url, updated[brand.folder], histories.get(brand.slug, []))
             for brand in brands]

    news = project.published_news
    for folder, page in pages.gallery_pages(cards, config.categories):
        _write_page(docs, folder, page)
    (docs / "criteria").mkdir(exist_ok=True)
    (docs / "criteria" / "index.md").write_text(pages.criteria_page(project.criteria), "utf-8")
    intro_file = docs / "index.md"
    intro = intro_file.read_text("utf-8") if intro_file.is_file() else f"# {config.site_name}\n"
    intro_file.write_text(pages.home_page(intro, cards, config.featured, news, config.news_dir or "news",
                                          leaderboard.top(ranked[-1] if ranked else None)), "utf-8")
    _write_feeds(project, docs, cards, ranked, histories)
    _write_leaderboard(ranked, docs, {c.brand.slug: c.logo for c in cards})
    write_kiosk(project, docs / "kiosk", cache, brands, ranked, histories)
    if (root / "assets").is_dir():  # the site's own CSS, JS, images and fonts
        shutil.copytree(root / "assets", docs / "assets", dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(ASSETS, docs / "assets" / "brandsite", dirs_exist_ok=True)
    return cards


def write_brand(brand: Brand, docs: Path, cache: Path, site_url: str, updated, history: list[dict]) -> Card:
    """One brand's page and its web images into ``docs/brands/<slug>/``; `serve` calls this alone on an edit."""
    folder = docs / "brands" / brand.slug
    card = Card(brand, images.place(brand.logo_image, cache / "images", folder, "logo", LOGO_SIDE), updated)
    photos = [
        {"image": images.place(photo.image, cache / "images", folder / "photos", f"{i:02d}", PHOTO_SIDE), "caption": photo.caption}
        for i, photo in enumerate(brand.gallery, 1) if photo.image is not None
    ]
    qr = qr_codes.cached(pages.brand_url(site_url, brand.slug), cache / "qr")
    (folder / "index.md").write_text(pages.brand_page(card, qr, photos, search_terms.keywords(brand), history), "utf-8")
    return card


def write_kiosk(project: Project, folder: Path, cache: Path, brands=None, ranked=None, histories=None) -> int:
    """The open-day kiosk into ``folder`` (in the site, or alone for ``brandsite kiosk``); returns data.js's size."""
    config = project.config
    brands = sorted(project.published, key=lambda b: b.slug) if brands is None else brands
    ranked = project.ranked() if ranked is None else ranked
    histories = leaderboard.history(ranked) if histories is None else histories
    return kiosk.write(folder, brands, config.featured, ranked, histories, config.site_name, config.site_url,
                       config.categories, config.kiosk, cache, config.raw)


def _prepare_news(project: Project, docs: Path) -> None:
    """Drop draft posts from the tree (so no engine can publish them) and pin each post's slug."""
    for post in project.news:
        copy = docs / Path(post.source).relative_to(project.config.docs_dir)
        if post.draft:
            copy.unlink()
            continue
        text = copy.read_text("utf-8-sig")
        front_end = text.index("\n---", 3)
        if not re.search(r"^slug\s*:", text[:front_end], re.M):
            # the engine would otherwise make a slug from the Chinese title; the file name is the editor's choice
            copy.write_text(text[:front_end] + f"\nslug: {post.slug}" + text[front_end:], "utf-8")


def _write_page(docs: Path, folder: str, markdown: str) -> None:
    (docs / folder).mkdir(parents=True, exist_ok=True)
    (docs / folder / "index.md").write_text(markdown, "utf-8")


def _write_leaderboard(ranked, docs: Path, logos: dict) -> None:
    if not ranked:
        return
    views = [leaderboard.view(r, logos) for r in reversed(ranked)]  # newest first
    (docs / "leaderboard").mkdir()
    (docs / "leaderboard" / "index.md").write_text(leaderboard.index_page(views), "utf-8")
    (docs / "api" / "rounds").mkdir(parents=True, exist_ok=True)
    for r, data in zip(reversed(ranked), views):
        for folder, page in leaderboard.round_pages(data):
            _write_page(docs, folder, page)
        (docs / "api" / "rounds" / f"{r.id}.json").write_bytes(leaderboard.round_json(r))


def _write_feeds(project: Project, docs: Path, cards: list[Card], ranked, histories: dict) -> None:
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
    (docs / "feed.xml").write_bytes(feeds.rss(entries, config.site_name, description, config.site_url))
    (docs / "feed.json").write_bytes(feeds.json_feed(entries, config.site_name, description, config.site_url))
    (docs / "api").mkdir(exist_ok=True)
    (docs / "api" / "brands.json").write_bytes(feeds.brands_api(cards, config.site_url))
