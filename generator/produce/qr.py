"""QR codes for brand pages, drawn with segno and kept in the cache: choosing the best mask costs
about 20 ms a code, so each address is drawn once, for the page (an image inside it) and for the kiosk (a file),
and both are kept in one record when either is asked for (the brand pages are drawn on every core; the
kiosk then finds its codes there). A damaged record is drawn again (see `store`)."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import segno

from generator.incremental import store

INK = "#1f2933"


def _page_image(code: segno.QRCode) -> str:
    """For inside an HTML page: a PNG image, so WeChat's long press (识别图中二维码) reads it, drawn at twice the
    size it is shown at for sharp modules on a phone's screen, and scaled as a whole, never cut."""
    uri = code.png_data_uri(scale=8, border=2, dark=INK, light="#ffffff")
    return f'<img class="bs-qr__code" src="{uri}" alt="本品牌页面的二维码" width="160" height="160">'


FILE_SCALE = 10  # SVG units a module of the file's code
FILE_BORDER = 2  # modules of white around the file's code


def _file_svg(code: segno.QRCode) -> str:
    """A standalone SVG file (the kiosk loads it with <img>, so it needs the SVG namespace)."""
    out = io.BytesIO()
    code.save(out, kind="svg", scale=FILE_SCALE, border=FILE_BORDER, dark=INK, light="#ffffff", xmldecl=False, svgns=True,
              svgclass=None, lineclass=None, title="二维码")
    return out.getvalue().decode("utf-8")


def cached(url: str, cache: Path) -> str:
    """The page's QR code for ``url`` (\"\" when there is no address), drawn once and kept in ``cache``."""
    return _drawn(url, cache)[0] if url else ""


def cached_file_svg(url: str, cache: Path) -> str:
    """The kiosk's QR code for ``url``, a file of its own, drawn once and kept in ``cache``."""
    return _drawn(url, cache)[1]


def modules_across(file_svg: str) -> int:
    """How many modules wide the file's code is, its white border included: what its printed size follows from."""
    width = re.search(r'width="(\d+)"', file_svg)
    return int(width[1]) // FILE_SCALE


# what the record holds, in its name: a cache made when the page showed an SVG is not read as today's
DRAWN_AS = "page-png"


def _drawn(url: str, cache: Path) -> tuple[str, str]:
    """The page's image and the kiosk's SVG for ``url``, as drawn once and kept in a record (a damaged one is
    drawn again)."""
    record = cache / hashlib.sha256(f"{DRAWN_AS} {url}".encode()).hexdigest()[:24]
    drawn = store.load(record)
    if not (isinstance(drawn, tuple) and len(drawn) == 2):
        code = segno.make(url, error="m")
        drawn = (_page_image(code), _file_svg(code))
        store.dump(record, drawn)
    return drawn
