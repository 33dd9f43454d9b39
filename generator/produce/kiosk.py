"""The open-day kiosk: a self-contained folder that runs from file:// on an offline PC.

index.html + kiosk.css + kiosk.js (classic scripts, no modules, no fetch) and data.js, which sets
``window.BRANDSITE_KIOSK`` to the brands and the latest results. Logos and QR codes are files
beside it, loaded only when shown, so data.js stays small (about 1.5 KB a brand).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from generator.model import Brand
from generator.produce import images
from generator.produce import qr as qr_codes
from generator.produce.pages import brand_url, render
from generator.incremental import paths
from generator.incremental.tree import Tree
from generator.score.rank import RankedRound, shown

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "kiosk"
DEFAULTS = {"interval": 8, "idle": 60, "orientation": "auto"}
LIMITS = {"interval": (2, 120), "idle": (5, 900)}  # seconds; outside these an operator's value is ignored
ORIENTATIONS = ("auto", "landscape", "portrait")


def settings(raw: dict) -> dict:
    """The operator's defaults from mkdocs.yml (``kiosk:`` under the brandsite plugin), each checked."""
    out = dict(DEFAULTS)
    for key, (low, high) in LIMITS.items():
        value = raw.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and low <= value <= high:
            out[key] = value
    if raw.get("orientation") in ORIENTATIONS:
        out["orientation"] = raw["orientation"]
    return out


def _latest(slug: str, history: dict[str, list[dict]]) -> dict | None:
    runs = history.get(slug)
    if not runs:
        return None
    h = runs[-1]
    return {"round": h["title"], "rank": h["rank"], "total": h["total"], "composite": f"{h['composite']:.2f}",
            "awards": list(h["awards"])}


def brand_entry(brand: Brand, logo: str, qr: str, url: str, result: dict | None) -> dict:
    contact = brand.contact
    return {
        "slug": brand.slug, "name": brand.name, "unit": brand.unit, "category": brand.category,
        "slogan": brand.slogan or "", "positioning": brand.positioning or "", "vision": brand.vision or "",
        "commitments": list(brand.commitments), "services": list(brand.services),
        "contact": {k: v for k, v in (("监督电话", contact.hotline), ("服务地址", contact.address),
                                      ("办公时间", contact.hours), ("投诉渠道", contact.complaint)) if v},
        "logo": logo, "qr": qr, "url": url, "result": result,
    }


def results_entry(r: RankedRound | None, limit: int = 10) -> dict | None:
    if r is None:
        return None
    return {"title": r.title, "date": f"{r.date.year}年{r.date.month}月{r.date.day}日",
            "rows": [{"rank": s.rank, "slug": s.brand.slug, "name": s.brand.name, "unit": s.brand.unit,
                      "composite": f"{shown(s.composite):.2f}", "awards": list(s.awards)}
                     for s in r.standings if s.rank <= limit]}


def data_script(data: dict) -> bytes:
    """data.js: a classic script (works from file://, where fetch and modules are refused)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.BRANDSITE_KIOSK = {text};\n".encode("utf-8")


def brand_files(tree: Tree, brand: Brand, site_url: str, cache: Path,
                web: images.WebImages | None = None) -> tuple[str, str]:
    """One brand's logo and QR code into the tree's folder; their paths in it ("" for none). ``web``: the
    build's view of the web-image cache, when the kiosk is part of a site build."""
    logo = qr = ""
    if brand.logo_image is not None:
        web = web or images.WebImages(paths.images(cache))
        placed = web.place(brand.logo_image, tree, tree.root / "media", brand.slug, images.LOGO_SIDE, webp=False)
        logo = f"media/{placed.src}"
    url = brand_url(site_url, brand.slug)
    if url:
        tree.write(tree.root / "qr" / f"{brand.slug}.svg", qr_codes.cached_file_svg(url, paths.qr(cache)))
        qr = f"qr/{brand.slug}.svg"
    return logo, qr


def write(tree: Tree, brands: list[Brand], featured: list[str], ranked: list[RankedRound],
          history: dict[str, list[dict]], site_name: str, site_url: str, categories: tuple[str, ...],
          raw_settings: dict, cache: Path, site_config: dict | None = None,
          files: Callable[[Brand], tuple[str, str]] | None = None) -> int:
    """Fill the tree's folder with the kiosk; returns the size of data.js in bytes. ``site_config`` is mkdocs.yml
    (its ``extra.government`` and ``copyright`` give the marks every page of a government site carries);
    ``files`` puts a brand's logo and QR code in place (`brand_files` unless the caller remembers them)."""
    folder = tree.root
    files = files or (lambda brand: brand_files(tree, brand, site_url, cache))
    order = {slug: i for i, slug in enumerate(featured)}
    chosen = sorted(brands, key=lambda b: (order.get(b.slug, len(order)), b.slug))  # featured first
    entries = [brand_entry(brand, *files(brand), brand_url(site_url, brand.slug), _latest(brand.slug, history))
               for brand in chosen]
    used = {b.category for b in brands}
    data = {
        "site": site_name,
        "settings": settings(raw_settings),
        "categories": [c for c in categories if c in used],
        "brands": entries,
        "results": results_entry(ranked[-1] if ranked else None),
    }
    script = data_script(data)
    tree.write(folder / "data.js", script)
    # the site's mkdocs.yml as the theme's partials read it: government marks and copyright
    config = {"site_name": site_name, "site_url": site_url, "extra": {}, "copyright": None, **(site_config or {})}
    tree.write(folder / "index.html", render("kiosk.html", site_name=site_name, config=config, page=None,
                                             plain_marks=True))
    for name in ("kiosk.css", "kiosk.js"):
        tree.copy(ASSETS / name, folder / name)
    return len(script)
