"""Portal column fragments: the article as clean HTML (no classes, no styles: the CMS brings its own)
under the meta tags government portals index (ArticleTitle, PubDate, ContentSource, Keywords, Description).

The same clean HTML, with images at the site's own addresses, is the full content of the feeds.
"""

from __future__ import annotations

import html as html_lib
import json
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import replace_folder
from generator.publish import media
from generator.produce.article import Article, clean_body

COLUMNS = {"brand": "品牌风采", "round": "评价结果"}


@dataclass(frozen=True)
class Site:
    name: str
    url: str
    domain: str
    code: str  # 网站标识码


def pub_date(article: Article) -> str:
    return f"{article.date.isoformat()} 00:00"


def fragment(article: Article, content: str, site: Site, image: str = "") -> str:
    meta = {
        "ArticleTitle": article.title,
        "PubDate": pub_date(article),
        "ContentSource": article.source,
        "Keywords": ",".join(article.keywords),
        "Description": article.digest,
        "ColumnName": COLUMNS[article.kind],
        "Url": article.url(site.url),
        "Image": image,
        "SiteName": site.name,
        "SiteDomain": site.domain,
        "SiteIDCode": site.code,
    }
    tags = "".join(f'<meta name="{name}" content="{html_lib.escape(value, quote=True)}">\n'
                   for name, value in meta.items() if value)
    return f"{tags}<article>\n<h1>{html_lib.escape(article.title)}</h1>\n{content}\n</article>\n"


def export(article: Article, folder: Path, site: Site) -> dict:
    """``folder``/article.html, images/ and manifest.json; returns the manifest."""

    def write(tmp: Path) -> dict:
        written = [media.export_image(p.info, tmp, f"images/{p.name}") for p in article.pictures]
        content = clean_body(article, {f"image:{i}": w.path for i, w in enumerate(written)}, site.url)
        (tmp / "article.html").write_text(fragment(article, content, site, written[0].path if written else ""), "utf-8")
        manifest = {
            "id": article.id, "column": COLUMNS[article.kind], "title": article.title, "pub_date": pub_date(article),
            "source": article.source, "keywords": list(article.keywords), "description": article.digest,
            "url": article.url(site.url), "article": "article.html",
            "images": [{"path": w.path, "sha256": w.sha256, "bytes": w.bytes, "type": w.type} for w in written],
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", "utf-8")
        return manifest

    return replace_folder(folder, write)
