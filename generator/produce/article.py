"""What an article says, for every channel: a brand spotlight (品牌风采) or a results announcement (评价结果公布).

The body is house markup: semantic HTML with ``wx-`` classes, images as ``src="image:N"`` pointing
into ``pictures``. Each channel (WeChat, portal, feeds) decides how to style it, where the images
live and what becomes of links.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import html as lxml_html
from markupsafe import Markup

from generator.load.brands import resolve_inside
from generator.load.images import ImageProblem, inspect
from generator.model import Brand, ImageInfo
from generator.produce import leaderboard, markup
from generator.produce.dates import chinese
from generator.produce.images import fallback_suffix
from generator.produce.pages import brand_url, render
from generator.produce.text import story_html
from generator.score.rank import RankedRound

TITLE_MAX = 32  # WeChat's limit for an article title
DIGEST_MAX = 120  # WeChat's limit for the digest under the title
ABRIDGED_ROWS = (50, 30, 20, 10)  # a results table cut to its top rows, when the whole table is too long


@dataclass(frozen=True)
class Picture:
    info: ImageInfo
    alt: str
    name: str  # file stem in the channel's images/ folder, numbered in reading order
    site_path: str | None  # where the site publishes a copy (feeds link to it), if it does


@dataclass(frozen=True)
class Article:
    kind: str  # "brand" or "round"
    id: str  # the brand's slug or the round's id
    title: str
    digest: str
    source: str  # who the content comes from (ContentSource)
    date: dt.date
    keywords: tuple[str, ...]
    page: str  # the site page it mirrors, site-relative
    body: str  # house markup
    pictures: tuple[Picture, ...]
    kicker: str  # the small label on the cover: 品牌风采 / 评价结果公布
    badge: str  # the large words of a thumbnail without a logo
    cover_title: str
    cover_subtitle: str
    cover_logos: tuple[ImageInfo, ...] = ()
    abridged: tuple[str, ...] = ()  # shorter bodies, for channels with a length limit, longest first

    def url(self, site_url: str) -> str:
        """The public address of the page the article mirrors ("" when the site has no site_url)."""
        return f"{site_url.rstrip('/')}/{self.page}" if site_url else ""


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _first_fitting(candidates: list[str], limit: int) -> str:
    return next((c for c in candidates if len(c) <= limit), clip(candidates[-1], limit))


def _sentence(text: str | None) -> str:
    text = (text or "").strip()
    return text if not text or text[-1] in "。！？!?…" else text + "。"


class _Pictures:
    """Collects the images an article shows, numbering them in reading order."""

    def __init__(self):
        self.items: list[Picture] = []

    def add(self, info: ImageInfo, alt: str, role: str, site_path: str | None = None) -> str:
        self.items.append(Picture(info, alt, f"{len(self.items) + 1:02d}-{role}", site_path))
        return f"image:{len(self.items) - 1}"


def _story_with_pictures(brand: Brand, pictures: _Pictures) -> str:
    """The sanitised story with its own images (files in the brand folder) registered.

    An image the folder does not hold (an outside address, a missing file) becomes its
    alternative text: no channel may fetch anything from elsewhere."""
    rendered = story_html(brand.story)
    root = lxml_html.fragment_fromstring(rendered, create_parent="div")
    for img in list(root.iter("img")):
        src = (img.get("src") or "").strip()
        target = None if "://" in src or src.startswith("//") else resolve_inside(brand.folder, src)
        info = None
        if target is not None and target.is_file():
            try:
                info = inspect(target)
            except ImageProblem:
                info = None
        alt = (img.get("alt") or "").strip()
        if info is not None:
            img.set("src", pictures.add(info, alt or brand.name, "story"))
            for attr in ("width", "height"):
                img.attrib.pop(attr, None)
            continue
        text = f"〔图：{alt}〕" if alt else ""
        parent = img.getparent()
        previous = img.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + text + (img.tail or "")
        else:
            parent.text = (parent.text or "") + text + (img.tail or "")
        parent.remove(img)
    return (root.text or "") + "".join(lxml_html.tostring(c, encoding="unicode") for c in root)


def story_with_pictures(brand: Brand) -> tuple[str, tuple[Picture, ...]]:
    """The brand's story as house markup and the images it shows (``image:N``), for a channel that lays a
    brand out its own way (print)."""
    pictures = _Pictures()
    story = _story_with_pictures(brand, pictures) if brand.story else ""
    return story, tuple(pictures.items)


def brand_article(brand: Brand, updated: dt.date, history: list[dict], site_url: str, site_name: str) -> Article:
    """A brand spotlight from a published brand, its last update and its results (oldest first)."""
    pictures = _Pictures()
    logo = pictures.add(brand.logo_image, f"{brand.name}品牌标识", "logo",
                        f"brands/{brand.slug}/logo{fallback_suffix(brand.logo_image)}") if brand.logo_image else None
    photos = []
    for i, photo in enumerate(brand.gallery, 1):
        if photo.image is not None:
            key = pictures.add(photo.image, photo.caption or brand.name, "photo",
                               f"brands/{brand.slug}/photos/{i:02d}{fallback_suffix(photo.image)}")
            photos.append({"src": key, "caption": photo.caption})
    story = _story_with_pictures(brand, pictures) if brand.story else ""
    latest = history[-1] if history else None
    body = render(
        "brand.html", brand=brand, logo=logo, photos=photos, story=Markup(story),
        latest=latest and dict(latest, composite=f"{latest['composite']:.2f}"),
        launched_zh=chinese(brand.launched), url=brand_url(site_url, brand.slug), site_name=site_name,
    )
    title = _first_fitting([f"品牌风采｜{brand.name}：{brand.slogan}" if brand.slogan else "",
                            f"品牌风采｜{brand.name}（{brand.unit}）", f"品牌风采｜{brand.name}"], TITLE_MAX)
    digest = clip(_sentence(brand.slogan) + (brand.positioning or brand.vision or ""), DIGEST_MAX)
    return Article(
        kind="brand", id=brand.slug, title=title, digest=digest, source=brand.unit or site_name, date=updated,
        keywords=tuple(dict.fromkeys(k for k in (brand.name, brand.unit, brand.category, *brand.tags, "服务品牌") if k)),
        page=f"brands/{brand.slug}/", body=body, pictures=tuple(pictures.items),
        kicker="品牌风采", badge="品牌风采", cover_title=brand.name or brand.slug, cover_subtitle=brand.unit or "",
        cover_logos=(brand.logo_image,) if brand.logo_image else (),
    )


def round_article(r: RankedRound, site_url: str, organizer: str) -> Article:
    """A results announcement from a ranked, published round."""
    data = leaderboard.view(r, {})
    winners = [{"title": award.title, "rows": [row for row in data["rows"] if award.title in row["awards"]]}
               for award in r.scheme.awards]
    winners = [w for w in winners if w["rows"]]
    url = f"{site_url.rstrip('/')}/leaderboard/{r.id}/" if site_url else ""

    def body(limit: int | None) -> str:
        return render("round.html", r=data, rows=data["rows"][:limit], winners=winners, url=url, organizer=organizer)

    abridged = tuple(body(n) for n in ABRIDGED_ROWS if n < len(data["rows"]))
    named = "、".join(row["name"] for row in (winners[0]["rows"] if winners else data["rows"][:3]))
    if winners:
        lead = f"{data['date_zh']}公布，{len(data['rows'])}个服务品牌参评，{named}获评{winners[0]['title']}。"
    else:
        lead = f"{data['date_zh']}公布，{len(data['rows'])}个服务品牌参评，{named}位列前三。"
    top = [s.brand.logo_image for s in r.standings[:3] if s.brand.logo_image]
    return Article(
        kind="round", id=r.id, title=clip(f"{r.title}结果公布", TITLE_MAX), digest=clip(lead, DIGEST_MAX),
        source=organizer, date=r.date,
        keywords=tuple(dict.fromkeys(("服务品牌", "评价结果", *(w["title"] for w in winners), r.scheme.title))),
        page=f"leaderboard/{r.id}/", body=body(None), pictures=(), abridged=abridged, kicker="评价结果公布", badge="评价结果", cover_title=r.title,
        cover_subtitle=f"{data['date_zh']}公布 · {len(data['rows'])}个品牌参评", cover_logos=tuple(top),
    )


# what the portal column and the feeds keep of the house markup: no classes, no styles (the CMS brings its own)
CLEAN_ATTRIBUTES = markup.KEPT_ATTRIBUTES - {"style"}


def clean_body(article: Article, sources: dict[str, str], site_url: str) -> str:
    """The article as clean HTML with absolute links and the images at ``sources`` (``image:N`` -> address)."""
    root = markup.parse(article.body)
    markup.remove_comments(root)
    markup.absolute_links(root, article.url(site_url))
    markup.place_images(root, sources)
    markup.strip_attributes(root, CLEAN_ATTRIBUTES)
    return markup.serialize(root).strip()


def site_sources(article: Article, site_url: str) -> dict[str, str]:
    """The article's images at the addresses the built site publishes them (for feeds)."""
    base = site_url.rstrip("/")
    return {f"image:{i}": f"{base}/{p.site_path}" if base else f"/{p.site_path}"
            for i, p in enumerate(article.pictures) if p.site_path}
