"""QR codes for brand pages, drawn with segno and kept in the cache: choosing the best mask costs
about 20 ms a code, so each address is drawn once, for the page (an image inside it) and for the kiosk (a file),
and both are kept when either is asked for (the brand pages are drawn on every core; the kiosk then
finds its files there)."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import segno

INK = "#1f2933"


def _page_image(code: segno.QRCode) -> str:
    """For inside an HTML page: a PNG image, so WeChat's long press (识别图中二维码) reads it, drawn at twice the
    size it is shown at for sharp modules on a phone's screen, and scaled as a whole, never cut."""
    uri = code.png_data_uri(scale=8, border=2, dark=INK, light="#ffffff")
    return f'<img class="bs-qr__code" src="{uri}" alt="本品牌页面的二维码" width="160" height="160">'


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
    inline, alone = cache / f"{stem}-page.html", cache / f"{stem}-file.svg"
    wanted = alone if standalone else inline
    if not wanted.is_file():
        code = segno.make(url, error="m")
        cache.mkdir(parents=True, exist_ok=True)
        for path, draw in ((inline, _page_image), (alone, _file_svg)):
            if path is wanted or not path.is_file():
                temp = path.with_suffix(f".{os.getpid()}.tmp")  # (forked helpers may draw the same address)
                temp.write_text(draw(code), "utf-8")
                temp.replace(path)
    return wanted
