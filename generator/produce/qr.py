"""QR codes for brand pages, drawn with segno and kept in the cache: choosing the best mask costs
about 20 ms a code, so each address is drawn once, for the page (inline SVG) and for the kiosk (a file)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import segno

INK = "#1f2933"


def inline_svg(url: str) -> str:
    """For inside an HTML page: no XML declaration, no namespace needed."""
    return segno.make(url, error="m").svg_inline(scale=5, border=2, dark=INK, omitsize=False, title="二维码")


def file_svg(url: str) -> str:
    """A standalone SVG file (the kiosk loads it with <img>, so it needs the SVG namespace)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=10, border=2, dark=INK, light="#ffffff",
                                    xmldecl=False, svgns=True, svgclass=None, lineclass=None, title="二维码")
    return out.getvalue().decode("utf-8")


def cached(url: str, cache: Path, standalone: bool = False) -> str:
    """The QR code for ``url`` (\"\" when there is no address), drawn once and kept in ``cache``."""
    return cached_file(url, cache, standalone).read_text("utf-8") if url else ""


def cached_file(url: str, cache: Path, standalone: bool = False) -> Path:
    """The cache file holding the QR code for ``url``, drawn if it is not there yet."""
    key = cache / (hashlib.sha256(url.encode()).hexdigest()[:24] + ("-file" if standalone else "") + ".svg")
    if not key.is_file():
        cache.mkdir(parents=True, exist_ok=True)
        key.with_suffix(".tmp").write_text((file_svg if standalone else inline_svg)(url), "utf-8")
        key.with_suffix(".tmp").replace(key)
    return key
