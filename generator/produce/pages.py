"""Pages of the generated docs tree, as Markdown strings. Plain functions of plain data."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, BytecodeCache, PackageLoader
from markupsafe import Markup

from generator.incremental import stamp, store
from generator.check.criteria import Criteria
from generator.model import Brand, NewsPost
from generator.produce.dates import chinese
from generator.produce import paging, slots
from generator.produce.chart import history_rows, history_svg
from generator.produce.images import Placed
from generator.produce.text import label_table_cells, story_html

# one environment for every template folder: pages of the site, articles of the channels, the kiosk
# (the theme's partials too: the kiosk shows the same government marks as every page)
_env = Environment(loader=ChoiceLoader([PackageLoader("generator", f"templates/{folder}")
                                        for folder in ("pages", "publish", "kiosk")]
                                       + [PackageLoader("generator", "theme")]), autoescape=True,
                   keep_trailing_newline=True, trim_blocks=False)

# a telephone number as people write it (12345, 0532-12345678, 400 123 4567, (0532) 8888 1234)
_PHONE = re.compile(r"\+?\(?\d[\d\s\-()]{2,}\d")


def phone_links(text: str) -> Markup:
    """``text`` with its first telephone number a tel: link, so a visitor on a phone calls it with one tap."""
    m = _PHONE.search(text or "")
    if not m:
        return Markup.escape(text or "")
    number = re.sub(r"[^\d+]", "", m.group())
    return (Markup.escape(text[:m.start()]) + Markup('<a href="tel:{}">{}</a>').format(number, m.group())
            + Markup.escape(text[m.end():]))


_env.filters["phone_links"] = phone_links


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in ``folder`` between builds, as records of the store (incremental/store.py): a
    file that is damaged (cut short by a full disk or a killed build, a byte changed) is compiled again, as a
    missing one is. Jinja then checks each template's source before using its cached code."""

    def __init__(self, folder: Path):
        self.folder = folder

    def _file(self, bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"

    def load_bytecode(self, bucket) -> None:
        code = store.load(self._file(bucket))
        if isinstance(code, bytes):
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        store.dump(self._file(bucket), bucket.bytecode_to_string())


@contextmanager
def compiled_templates_in(folder: Path):
    """Within it, compiled templates are kept in ``folder`` between builds: compiling them is a quarter of a
    second of every build."""
    _env.bytecode_cache = CompiledTemplates(folder)
    try:
        yield
    finally:
        _env.bytecode_cache = None


def render(template: str, **context) -> str:
    return _env.get_template(template).render(**context)


@dataclass(frozen=True)
class Card:
    brand: Brand
    logo: Placed  # the web logo inside the brand's page folder
    updated: dt.date

    @property
    def updated_zh(self) -> str:
        return chinese(self.updated)


def brand_url(site_url: str, slug: str) -> str:
    """The brand's public address, or "" when the site has no site_url to put in a QR code."""
    return f"{site_url.rstrip('/')}/brands/{slug}/" if site_url else ""


# YAML's own line breaks (which it folds inside a quoted value) and what its reader refuses; JSON
# leaves these raw, and all of them are in the BMP, so a \uXXXX escape reads back as the same character
_NOT_JSON_SAFE = re.compile("[\x85\u2028\u2029]|[^\x09\x0A\x0D\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def front_matter(meta: dict) -> Markup:
    """YAML front matter, so editors' text (a slogan starting with & or holding ": ") cannot break
    out of it. Each value is written as JSON, which YAML reads as the same value, twenty times faster
    than PyYAML's emitter (a second of every 1,000 brands), which also mangles a lone U+0085. Values
    are HTML-escaped too: the theme prints the title and description into the page head without
    escaping them."""
    safe = {k: html.escape(v, quote=True) if isinstance(v, str) else v for k, v in meta.items()}
    text = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in safe.items())
    return Markup(_NOT_JSON_SAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def brand_page(card: Card, qr: str, photos: list[dict], keywords: str = "", history: list[dict] = ()) -> tuple[str, dict[str, str]]:
    """The brand page's Markdown, and its parts (produce/slots.py): the 评价记录, which a new round changes."""
    brand = card.brand
    summary = " ".join((brand.slogan or brand.positioning or brand.vision or "").split())
    rows = [dict(h, date_zh=chinese(h["date"]), composite=f"{h['composite']:.2f}") for h in history]
    parts = {"history": _env.get_template("brand_history.html").render(
        history=rows, chart=Markup(history_svg(list(history), f"{brand.name}历次综合得分")),
        trend=Markup(history_rows(list(history))))} if history else {}
    page = _env.get_template("brand.md").render(
        front=front_matter({"title": brand.name, "description": summary, "hide": ["navigation"]}),
        brand=brand,
        logo=card.logo,
        updated=card.updated,
        updated_zh=card.updated_zh,
        launched_zh=chinese(brand.launched),
        photos=photos,
        story=Markup(label_table_cells(story_html(brand.story))) if brand.story else "",
        qr=Markup(qr),
        keywords=keywords,
        history=rows,
        history_slot=Markup(slots.marker("history")),
    )
    return page, parts


GALLERY_PAGE = 60  # cards a gallery page shows: ten rows on an office screen


def gallery_pages(cards: list[Card], categories: dict[str, str]) -> list[tuple[str, str]]:
    """The gallery as (folder, Markdown) pages: /brands/ starts it, the rest live under /gallery/.
    ``categories`` names each category's folder, in the site's order."""
    return [(listing.folder, gallery_page(listing, len(cards))) for listing in gallery_listings(cards, categories)]


def gallery_listings(cards: list[Card], categories: dict[str, str]) -> list[paging.Listing]:
    return paging.listings(cards, lambda c: c.brand.category, categories, GALLERY_PAGE, "gallery", start="brands")


def gallery_key(listing: paging.Listing, total: int) -> str:
    """All that `gallery_page` shows: of each card only its brand's address, name, unit, category and logo."""
    shown = [(c.brand.slug, c.brand.name, c.brand.unit, c.brand.category, c.logo) for c in listing.items]
    return stamp.of_data(repr(replace(listing, items=shown)), total)


def gallery_page(listing: paging.Listing, total: int) -> str:
    title = listing.title("品牌风采")
    meta = {"title": title, "description": "全部服务品牌一览，可按类别浏览" if listing.first else f"{title}：服务品牌一览",
            "hide": ["navigation", "toc"]}
    if not listing.first:
        meta["search"] = {"exclude": True}  # a listing repeats the brands' names; search finds the brands
    return render("gallery.md", front=front_matter(meta), listing=listing, total=total)


def home_page(intro: str, cards: list[Card], featured: list[str], news: list[NewsPost] = (), news_dir: str = "news",
              results: dict | None = None, recent: int = 6) -> str:
    by_slug = {c.brand.slug: c for c in cards}
    chosen = [by_slug[s] for s in featured if s in by_slug]
    newest = sorted(cards, key=lambda c: (c.updated, c.brand.slug), reverse=True)[:recent]
    posts = [{"post": p, "date_zh": chinese(p.date)} for p in news[:5]]
    return _env.get_template("home.md").render(intro=Markup(intro), featured=chosen, recent=newest,
                                                total=len(cards), news=posts, news_dir=news_dir,
                                                results=results)


def criteria_page(criteria: Criteria) -> str:
    standards = []
    for sid, standard in criteria.standards.items():
        rules = [r for r in criteria.rules if r.standard == sid and r.summary]
        if rules:
            standards.append({"title": standard.title, "explain": standard.explain, "rules": rules})
    return _env.get_template("criteria.md").render(standards=standards)
