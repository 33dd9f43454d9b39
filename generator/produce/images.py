"""Web versions of logos and photos: resized, metadata (EXIF/GPS) stripped, cached by content hash.

Each raster image becomes a WebP plus a PNG (transparent) or JPEG fallback for browsers
without WebP. An unchanged image costs one hash on the next build: the cache key is the
source bytes' SHA-256 plus the target size, and cached files are copied, never re-encoded.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from generator.model import ImageInfo


@dataclass(frozen=True)
class Placed:
    """An image written into a page folder: the fallback file, its WebP twin (None for SVG) and size."""
    src: str
    webp: str | None
    width: int
    height: int


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:24]


def _encode(info: ImageInfo, stem: Path, ext: str, max_side: int) -> tuple[int, int]:
    with Image.open(info.path) as im:
        im = ImageOps.exif_transpose(im)  # keep the photo upright once orientation metadata is gone
        im.thumbnail((max_side, max_side), Image.LANCZOS)
        if ext == "jpg":
            im = im.convert("RGB")
            im.save(stem.with_suffix(".jpg.tmp"), "JPEG", quality=85, optimize=True, progressive=True)
        else:
            im = im.convert("RGBA") if im.mode not in ("RGB", "RGBA", "L", "LA") else im
            im.save(stem.with_suffix(".png.tmp"), "PNG", optimize=True)  # Pillow writes no EXIF unless asked
        im.save(stem.with_suffix(".webp.tmp"), "WEBP", quality=82, method=4)
        return im.size


def fallback_suffix(info: ImageInfo) -> str:
    """The suffix of the web fallback: SVG stays SVG, transparency or PNG stays PNG, the rest is JPEG."""
    if info.is_svg:
        return ".svg"
    return ".png" if info.format == "PNG" or info.alpha else ".jpg"


def web_images(info: ImageInfo, cache: Path, max_side: int) -> tuple[Path, Path | None, int, int]:
    """The cached fallback file, its cached WebP (None for SVG) and the web size."""
    if info.is_svg:  # already parsed and refused if unsafe by the loader
        return info.path, None, info.width, info.height
    ext = fallback_suffix(info)[1:]
    stem = cache / f"{_digest(info.path)}-{max_side}"
    fallback, webp, size_file = stem.with_suffix(f".{ext}"), stem.with_suffix(".webp"), stem.with_suffix(".json")
    if not (fallback.is_file() and webp.is_file() and size_file.is_file()):
        cache.mkdir(parents=True, exist_ok=True)
        width, height = _encode(info, stem, ext, max_side)
        size_file.with_suffix(".json.tmp").write_text(json.dumps([width, height]))
        for path in (fallback, webp, size_file):  # the cache never holds a half-written file
            path.with_suffix(path.suffix + ".tmp").replace(path)
    width, height = json.loads(size_file.read_text())
    return fallback, webp, width, height


def place(info: ImageInfo, cache: Path, dest_dir: Path, stem: str, max_side: int, webp: bool = True) -> Placed:
    """Put the web versions of ``info`` into ``dest_dir`` as ``stem.webp`` (unless ``webp`` is False) and ``stem.ext``."""
    fallback, webp_file, width, height = web_images(info, cache, max_side)
    dest_dir.mkdir(parents=True, exist_ok=True)
    name = f"{stem}{fallback_suffix(info)}"
    shutil.copyfile(fallback, dest_dir / name)
    webp_name = None
    if webp and webp_file is not None:
        webp_name = f"{stem}.webp"
        shutil.copyfile(webp_file, dest_dir / webp_name)
    return Placed(name, webp_name, width, height)
