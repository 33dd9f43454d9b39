"""Write the generated docs tree: hand-written content/ plus pages, feeds and data made from brands/."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator import atomic, segment, slugs
from generator.incremental import paths, stamp, store
from generator.check.criteria import Criteria
from generator.config import SiteConfig
from generator.edit import form
from generator.model import Brand
from generator.pipeline import Project
from generator.progress import NULL, Progress, Stage
from generator.produce import (brand_lookup, catalog, feeds, images, kiosk, leaderboard, pages, parallel,
                                search_terms, slots)
from generator.produce import qr as qr_codes
from generator.produce.pages import Card
from generator.incremental.steps import Steps
from generator.incremental.tree import Tree
from generator.produce.article import Article, brand_article, clean_body, round_article, site_sources

ASSETS = Path(__file__).resolve().parent.parent / "assets"


@dataclass(frozen=True)
class Produced:
    cards: list[Card]  # the published brands'
    images_encoded: int
    images_reused: int
    # with ``defer_images``: the images still to encode (`images.encode`), then the links to make (`link_deferred`)
    pending: list = field(default_factory=list)
    deferred: dict[str, str] = field(default_factory=dict)


def write_docs(project: Project, work: Path, cache: Path, progress: Progress = NULL,
               defer_images: bool = False) -> Produced:
    """Bring ``work/docs`` up to date (see `tree`) and say what was made.

    ``work`` also receives the search dictionary; ``cache`` keeps web images, QR codes, compiled templates
    and the work remembered between builds. With ``defer_images`` the images missing from the cache are not
    encoded here: every page is written with their names and sizes, and the caller encodes them and links
    them in (`Produced.pending`, `Produced.deferred`), which `brandsite build` does beside the engine.
    """
    with pages.compiled_templates_in(paths.templates(cache, "produce")):
        return _write_docs(project, work, cache, progress, defer_images)


def _write_docs(project: Project, work: Path, cache: Path, progress: Progress, defer_images: bool) -> Produced:
    config, root = project.config, project.config.root
    docs = Tree(paths.docs(work), linked_to=paths.linked(work), ledger=paths.ledger(work))
    content = root / config.docs_dir
    _copy_content(project, content, docs)

    brands = sorted(project.published, key=lambda b: b.slug)
    ranked = project.ranked()
    histories = leaderboard.history(ranked)
    cutter = segment.Cutter(search_terms.write_dictionary(brands, paths.search_words(work)), paths.cuts(cache))
    keywords = {b.slug: search_terms.keywords(b.name, cutter) for b in brands}  # here, so the helpers need no jieba
    category_folders = _category_folders(list(config.categories), cutter, cache, project.code)
    cutter.save()
    updated = project.updated()
    web = images.WebImages(paths.images(cache))
    missing, reused = web.check(
        [(b.logo_image, images.LOGO_SIDE) for b in brands if b.logo_image]
        + [(p.image, images.PHOTO_SIDE) for b in brands for p in b.gallery if p.image])
    if defer_images:
        docs.pending = web.defer(missing)
    else:
        images.encode(missing, paths.images(cache), progress)
    with progress.stage("生成品牌页面", len(brands)) as stage:
        cards = _write_brands(brands, docs, cache, web, config.site_url, updated, histories, keywords, stage,
                              project.code)

    news = project.published_news
    views = [leaderboard.view(r, {c.brand.slug: c.logo for c in cards}) for r in reversed(ranked)]  # newest first
    # a round's view (every value shown, and every value its JSON, CSV and announcement give) and its scheme
    round_keys = {r.id: stamp.of_data(view, r.scheme.id) for r, view in zip(reversed(ranked), views)}
    with progress.stage("生成列表、排行、订阅和展示屏", 5) as stage:
        galleries = Steps(cache, "galleries", docs, project.code)  # each page as it was, if it shows the same
        for listing in pages.gallery_listings(cards, category_folders):
            galleries(pages.gallery_key(listing, len(cards)),
                      lambda tree: _write_page(tree, listing.folder, pages.gallery_page(listing, len(cards))))
        galleries.done()
        _write_page(docs, "criteria", pages.criteria_page(project.criteria))
        intro_file = content / "index.md"
        intro = intro_file.read_text("utf-8") if intro_file.is_file() else f"# {config.site_name}\n"
        docs.write(docs.root / "index.md", pages.home_page(intro, cards, config.featured, news, config.news_dir or "news",
                                                           leaderboard.top(ranked[-1] if ranked else None)))
        stage.advance()
        _write_feeds(project, docs, cards, ranked, histories, store.Records(paths.memo(cache, "articles"), project.code), round_keys)
        stage.advance()
        _write_leaderboard(ranked, views, round_keys, docs, category_folders,
                           Steps(cache, "rounds", docs, project.code))
        stage.advance()
        write_kiosk(project, docs.sub("kiosk"), cache, brands, ranked, histories, web)
        stage.advance()
        if (root / "assets").is_dir():  # the site's own CSS, JS, images and fonts
            docs.copy_folder(root / "assets", docs.root / "assets")
        docs.copy_folder(ASSETS, docs.root / "assets" / "brandsite")
        if config.cms.get("publish"):  # the web form, only where the publisher turned it on
            write_form(config, project.criteria, docs.sub("admin"))
        docs.prune()
        docs.write_ledger()
        atomic.write_file(paths.linked_list(work), json.dumps(docs.linked(), ensure_ascii=False).encode("utf-8"))
        stage.advance()
    return Produced(cards, len(missing), reused, missing if defer_images else [], docs.deferred)


def _category_folders(categories: list[str], cutter: segment.Cutter, cache: Path, code: str) -> dict[str, str]:
    """Each category's folder name, in pinyin: as the last build made it for the same categories and
    words (importing pypinyin alone takes a third of a second)."""
    remembered = store.Records(paths.memo(cache, "categories"), code)
    key = stamp.of_data(categories, cutter.key)
    folders = remembered.get(key)
    if folders is None:
        folders = slugs.unique(categories, "category", cutter.words)
        remembered.put(key, folders)
    remembered.drop_unused()
    return folders


def write_form(config: SiteConfig, criteria: Criteria, folder: Tree, local: str = "") -> None:
    """The web form (Decap CMS's files and its config.yml) into ``folder``; `serve --edit` serves the same."""
    folder.copy_folder(form.FILES, folder.root)
    folder.write(folder.root / "config.yml", form.site_config_text(config, criteria, local))


def write_brand(brand: Brand, docs: Tree, cache: Path, site_url: str, updated, history: list[dict],
                keywords: str, web: images.WebImages | None = None) -> Card:
    """One brand's page and its web images into ``docs/brands/<slug>/``; `serve` calls this alone on an edit.
    ``web``: the build's view of the web-image cache (a fresh look at it when alone)."""
    folder = docs.root / "brands" / brand.slug
    web = web or images.WebImages(paths.images(cache))
    logo = web.place(brand.logo_image, docs, folder, "logo", images.LOGO_SIDE)
    card = Card(brand, logo, updated)
    photos = [
        {"image": web.place(photo.image, docs, folder / "photos", f"{i:02d}", images.PHOTO_SIDE),
         "caption": photo.caption}
        for i, photo in enumerate(brand.gallery, 1) if photo.image is not None
    ]
    qr = qr_codes.cached(pages.brand_url(site_url, brand.slug), paths.qr(cache))
    page, parts = pages.brand_page(card, qr, photos, keywords, history)
    docs.write(folder / "index.md", page)
    for name, html in parts.items():
        docs.write(slots.path(folder, name), html)
    return card


def _write_brands(brands: list[Brand], docs: Tree, cache: Path, web: images.WebImages, site_url: str,
                  updated: dict, histories: dict, keywords: dict[str, str], stage: Stage, code: str) -> list[Card]:
    """Every brand page, each as a build before made it from the same inputs, the rest shared out between
    the cores."""
    remembered = Steps(cache, "pages", docs, code)

    def key(brand: Brand) -> str:  # (the history's repr: plain dicts of text, numbers and dates, in their order)
        return stamp.digest(brand.digest, site_url, updated[brand.folder].isoformat(), keywords[brand.slug],
                                  repr(histories.get(brand.slug, [])), os.fspath(cache))

    def one(brand: Brand):
        return remembered.make(key(brand), lambda own: write_brand(
            brand, own, cache, site_url, updated[brand.folder], histories.get(brand.slug, []),
            keywords[brand.slug], web).logo)

    logos, missing = {}, []
    for brand in brands:
        hit, logos[brand.slug] = remembered.replayed(key(brand))
        if hit:
            stage.advance()
        else:
            missing.append(brand)
    for brand, made in zip(missing, parallel.share_out(one, missing, stage)):
        logos[brand.slug] = remembered.include(key(brand), made)
    remembered.done()
    return [Card(brand, logos[brand.slug], updated[brand.folder]) for brand in brands]


def write_kiosk(project: Project, folder: Tree, cache: Path, brands=None, ranked=None, histories=None,
                web: images.WebImages | None = None) -> int:
    """The open-day kiosk into ``folder`` (in the site, or alone for ``brandsite kiosk``); returns data.js's size.
    Each brand's logo and QR code as the last build placed them for the same brand."""
    config = project.config
    brands = sorted(project.published, key=lambda b: b.slug) if brands is None else brands
    ranked = project.ranked() if ranked is None else ranked
    histories = leaderboard.history(ranked) if histories is None else histories
    remembered = Steps(cache, "kiosk", folder, project.code)

    def files(brand: Brand) -> tuple[str, str]:
        return remembered(stamp.digest(brand.digest, config.site_url, os.fspath(cache)),
                          lambda tree: kiosk.brand_files(tree, brand, config.site_url, cache, web))

    size = kiosk.write(folder, brands, config.featured, ranked, histories, config.site_name, config.site_url,
                       config.categories, config.kiosk, cache, config.raw, files)
    remembered.done()
    return size


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
    # a column with no published post is not published at all (an empty column fails an inspection)
    empty_column = [] if project.published_news or not project.config.news_dir else [
        content / project.config.news_dir / "index.md"]
    docs.copy_folder(content, docs.root, skip=frozenset([*posts, home, *empty_column]))
    for source, post in posts.items():
        if post.draft:
            continue
        text = Path(post.approved_copy or source).read_text("utf-8-sig")
        front_end = text.index("\n---", 3)
        # the engine takes only a YAML date; a quoted one, which brandsite accepts, is written unquoted
        front = _QUOTED_DATE.sub(f"date: {post.date.isoformat()}", text[:front_end], count=1)
        if not re.search(r"^slug\s*:", front, re.M):
            front += f"\nslug: {post.slug}"
        text = front + text[front_end:]
        docs.write(docs.root / source.relative_to(content), text)


def _write_page(docs: Tree, folder: str, markdown: str) -> None:
    docs.write(docs.root / folder / "index.md", markdown)


def _write_pages(docs: Tree, made: list[tuple[str, str]]) -> None:
    for folder, markdown in made:
        _write_page(docs, folder, markdown)


def _write_leaderboard(ranked, views: list[dict], keys: dict[str, str], docs: Tree, category_folders: dict[str, str],
                       remembered: Steps) -> None:
    """The leaderboard and each round's pages, tables and files (``views`` newest first), each round's as the
    last build made it when its key is the same."""
    if not ranked:
        return
    remembered(stamp.of_data("index", sorted(keys.values()), category_folders),
               lambda tree: _write_page(tree, "leaderboard", leaderboard.index_page(views, category_folders)))
    for r, data in zip(reversed(ranked), views):
        remembered(stamp.of_data(keys[r.id], category_folders),
                   lambda tree: _write_round(tree, r, data, category_folders))
    remembered.done()


def _write_round(docs: Tree, r, data: dict, category_folders: dict[str, str]) -> None:
    _write_pages(docs, leaderboard.round_pages(data, category_folders))
    docs.write(docs.root / "api" / "rounds" / f"{r.id}.json", leaderboard.round_json(r))
    docs.write(docs.root / "api" / "rounds" / f"{r.id}.csv", leaderboard.round_csv(r))


def _write_feeds(project: Project, docs: Tree, cards: list[Card], ranked, histories: dict, articles: store.Records,
                 round_keys: dict[str, str]) -> None:
    config = project.config
    description = str(config.raw.get("site_description") or config.site_name)
    organizer = catalog.organizer(project)
    announcements = {}
    for r in ranked:  # each round's announcement as the last build wrote it for the same round
        key = stamp.digest(round_keys[r.id], config.site_url, organizer)
        article = articles.get(key)
        if article is None:
            article = round_article(r, config.site_url, organizer)
            articles.put(key, article)
        announcements[f"round:{r.id}"] = article
    by_id = {f"brand:{c.brand.slug}": c for c in cards}

    def body(article: Article) -> str:
        return clean_body(article, site_sources(article, config.site_url), config.site_url)

    def content(entry: feeds.Item) -> str:
        card = by_id.get(entry.id)
        if card is None:  # a news post (the engine renders it; the feed carries its summary), or a round's
            article = announcements.get(entry.id)
            return body(article) if article is not None else ""
        history = histories.get(card.brand.slug, [])
        key = stamp.digest(card.brand.digest, card.updated.isoformat(), repr(history), config.site_url,
                           config.site_name)
        html = articles.get(key)  # as the last build wrote it for the same brand
        if html is None:
            html = body(brand_article(card.brand, card.updated, history, config.site_url, config.site_name))
            articles.put(key, html)
        return html

    rounds = [feeds.Item(key, a.title, a.page, a.date, a.digest, ("评价结果",)) for key, a in announcements.items()]
    entries = feeds.items(cards, project.published_news, rounds, content)
    articles.drop_unused()
    docs.write(docs.root / "feed.xml", feeds.rss(entries, config.site_name, description, config.site_url))
    docs.write(docs.root / "feed.json", feeds.json_feed(entries, config.site_name, description, config.site_url))
    docs.write(docs.root / "api" / "brands.json", feeds.brands_api(cards, config.site_url))
    docs.write(docs.root / "search" / "brands.json", brand_lookup.lookup(c.brand for c in cards))
