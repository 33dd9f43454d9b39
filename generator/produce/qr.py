"""QR codes for brand pages, drawn with segno and kept in the cache: choosing the best mask costs
about 20 ms a code, so each address is drawn once, for the page (inline SVG) and for the kiosk (a file),
and both are kept when either is asked for (the brand pages are drawn on every core; the kiosk then
finds its files there)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import segno

from generator.incremental import store

INK = "#1f2933"


def _inline_svg(code: segno.QRCode) -> str:
    """For inside an HTML page: no XML declaration, no namespace needed."""
    return code.svg_inline(scale=5, border=2, dark=INK, omitsize=False, title="二维码")


def _file_svg(code: segno.QRCode) -> str:
    """A standalone SVG file (the kiosk loads it with <img>, so it needs the SVG namespace)."""
    out = io.BytesIO()
    code.save(out, kind="svg", scale=10, border=2, dark=INK, light="#ffffff", xmldecl=False, svgns=True,
              svgclass=None, lineclass=None, title="二维码")
    return out.getvalue().decode("utf-8")


def cached(url: str, cache: Path, standalone: bool = False) -> str:
    """The QR code for ``url`` (\"\" when there is no address), drawn once and kept in ``cache``."""
    return cached_file(url, cache, standalone).read_text("utf-8") if url else ""


def cached_file(url: str, cache: Path, standalone: bool = False) -> Path:
    """The cache file holding the QR code for ``url`` (standalone, or for inside a page), drawn if it is not
    there yet."""
    stem = hashlib.sha256(url.encode()).hexdigest()[:24]
    inline, alone = cache / f"{stem}.svg", cache / f"{stem}-file.svg"
    wanted = alone if standalone else inline
    if not wanted.is_file():
        code = segno.make(url, error="m")
        for path, draw in ((inline, _inline_svg), (alone, _file_svg)):
            if path is wanted or not path.is_file():
                store.write(path, draw(code).encode("utf-8"))
    return wanted
