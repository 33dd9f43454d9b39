"""Images as publishing channels accept them: JPEG or PNG, under 1 MB, no metadata.

WeChat takes neither SVG nor WebP, and refuses images of 1 MB or more; SVG logos are
rasterised with resvg (no system libraries needed), everything is re-encoded by Pillow,
which writes no EXIF or GPS data unless asked.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from generator.load.images import reduced
from generator.model import ImageInfo

MAX_BYTES = 1_000_000
MAX_SIDE = 1080  # the width WeChat shows an article image at on a phone, in device pixels


@dataclass(frozen=True)
class Written:
    path: str  # relative to the export folder
    sha256: str
    bytes: int
    type: str  # MIME type
    width: int
    height: int


def open_image(info: ImageInfo, side: int = MAX_SIDE) -> Image.Image:
    """The picture as a Pillow image no larger than ``side``, upright, SVG rendered."""
    if info.is_svg:
        import resvg_py

        width = side if not info.width or not info.height or info.width >= info.height else round(side * info.width / info.height)
        im = Image.open(io.BytesIO(bytes(resvg_py.svg_to_bytes(svg_path=str(info.path), width=width))))
        im.load()
        return im.convert("RGBA")
    with Image.open(info.path) as im:
        im = ImageOps.exif_transpose(reduced(im, side))
        im.thumbnail((side, side), Image.LANCZOS)
        return im.convert("RGBA") if info.alpha else im.convert("RGB")


def _encode(im: Image.Image, png: bool, quality: int) -> bytes:
    out = io.BytesIO()
    if png:
        im.save(out, "PNG", optimize=True)
    else:
        im.convert("RGB").save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def encode_under_limit(im: Image.Image, png: bool) -> bytes:
    """Encoded bytes under MAX_BYTES: lower JPEG quality first, then smaller sides."""
    quality = 85
    while True:
        data = _encode(im, png, quality)
        if len(data) < MAX_BYTES:
            return data
        if not png and quality > 60:
            quality -= 10
            continue
        im = im.resize((max(1, im.width * 4 // 5), max(1, im.height * 4 // 5)), Image.LANCZOS)


def write(data: bytes, folder: Path, relative: str, size: tuple[int, int]) -> Written:
    target = folder / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    mime = "image/png" if relative.endswith(".png") else "image/jpeg"
    return Written(relative, hashlib.sha256(data).hexdigest(), len(data), mime, *size)


def export_image(info: ImageInfo, folder: Path, stem: str) -> Written:
    """Write ``info`` as ``folder/stem.png`` (transparent or SVG) or ``stem.jpg``."""
    im = open_image(info)
    png = info.is_svg or info.alpha
    data = encode_under_limit(im, png)
    with Image.open(io.BytesIO(data)) as done:
        size = done.size
    return write(data, folder, f"{stem}.{'png' if png else 'jpg'}", size)
