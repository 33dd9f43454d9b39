"""Feeds and open data for the portal column: RSS 2.0, JSON Feed 1.1 and /api/brands.json.

Brand spotlights and results announcements carry their full article (clean HTML, images at the
site's own addresses) so a portal can ingest the column from the feed alone; news posts carry
their summary. Dates are the brands' last updates, the rounds' and the posts' dates (at midnight
China Standard Time), never the build time, so two builds of the same input give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from typing import Callable
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from generator.model import NewsPost
from generator.produce.pages import Card

CST = dt.timezone(dt.timedelta(hours=8), "CST")
LIMIT = 50
CONTENT = "http://purl.org/rss/1.0/modules/content/"
ET.register_namespace("content", CONTENT)


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    url: str  # site-relative
    date: dt.date
    summary: str
    tags: tuple[str, ...] = ()
    content_html: str = ""


def items(cards: list[Card], posts: list[NewsPost], rounds: list[Item] = (),
          content: Callable[[Item], str] | None = None, limit: int = LIMIT) -> list[Item]:
    """Newest first: brand updates, results announcements and news posts together.

    ``content`` gives an entry's full HTML; it is asked only for the entries that make the feed."""
    out = [Item(f"brand:{c.brand.slug}", f"{c.brand.name}（{c.brand.unit}）", f"brands/{c.brand.slug}/", c.updated,
                c.brand.slogan or c.brand.positioning or c.brand.vision or "", (c.brand.category,))
           for c in cards]
    out += list(rounds)
    out += [Item(f"news:{p.slug}", p.title, p.url, p.date, p.summary, p.categories) for p in posts]
    out.sort(key=lambda i: (i.date, i.id), reverse=True)
    out = out[:limit]
    return [replace(i, content_html=content(i)) if content else i for i in out]


def absolute(site_url: str, path: str) -> str:
    return f"{site_url.rstrip('/')}/{path}" if site_url else f"/{path}"


def _moment(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day, tzinfo=CST)


def rss(entries: list[Item], site_name: str, description: str, site_url: str) -> bytes:
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    for tag, text in (("title", site_name), ("link", absolute(site_url, "")), ("description", description),
                      ("language", "zh-CN")):
        ET.SubElement(channel, tag).text = text
    if entries:
        ET.SubElement(channel, "lastBuildDate").text = format_datetime(_moment(entries[0].date))
    for entry in entries:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = entry.title
        ET.SubElement(item, "link").text = absolute(site_url, entry.url)
        ET.SubElement(item, "guid", isPermaLink="false").text = entry.id
        ET.SubElement(item, "pubDate").text = format_datetime(_moment(entry.date))
        ET.SubElement(item, "description").text = entry.summary
        if entry.content_html:
            ET.SubElement(item, f"{{{CONTENT}}}encoded").text = entry.content_html
        for tag in entry.tags:
            ET.SubElement(item, "category").text = tag
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def json_feed(entries: list[Item], site_name: str, description: str, site_url: str) -> bytes:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site_name,
        "home_page_url": absolute(site_url, ""),
        "feed_url": absolute(site_url, "feed.json"),
        "description": description,
        "language": "zh-CN",
        "items": [
            {"id": e.id, "url": absolute(site_url, e.url), "title": e.title, "summary": e.summary,
             **({"content_html": e.content_html} if e.content_html else {"content_text": e.summary}),
             "date_published": _moment(e.date).isoformat(), "tags": list(e.tags)}
            for e in entries
        ],
    }
    return _json(feed)


def brands_api(cards: list[Card], site_url: str) -> bytes:
    return _json({"brands": [
        {"slug": c.brand.slug, "name": c.brand.name, "unit": c.brand.unit, "category": c.brand.category,
         "url": absolute(site_url, f"brands/{c.brand.slug}/"),
         "logo": absolute(site_url, f"brands/{c.brand.slug}/{c.logo.src}"),
         "updated": c.updated.isoformat()}
        for c in cards
    ]})


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
