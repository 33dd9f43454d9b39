"""Web versions of logos and photos: resized, metadata (EXIF/GPS) stripped, cached by content hash.

Each raster image becomes a WebP plus a PNG (transparent) or JPEG fallback for browsers
without WebP. An unchanged image costs one hash on the next build: the cache key is the
source bytes' SHA-256 plus the target size, and cached files are copied, never re-encoded.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
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
    stat = path.stat()
    return _digest_of(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=None)
def _digest_of(path: Path, mtime_ns: int, size: int) -> str:
    """Hashed once per file version: warming the cache and placing the image both need it,
    and serve rebuilds would otherwise hash every unchanged image again."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:24]


def _encode(info: ImageInfo, stem: Path, ext: str, max_side: int, tmp: str) -> tuple[int, int]:
    with Image.open(info.path) as im:
        im = ImageOps.exif_transpose(im)  # keep the photo upright once orientation metadata is gone
        im.thumbnail((max_side, max_side), Image.LANCZOS)
        if ext == "jpg":
            im = im.convert("RGB")
            im.save(stem.with_suffix(f".jpg{tmp}"), "JPEG", quality=85, optimize=True, progressive=True)
        else:
            im = im.convert("RGBA") if im.mode not in ("RGB", "RGBA", "L", "LA") else im
            im.save(stem.with_suffix(f".png{tmp}"), "PNG", optimize=True)  # Pillow writes no EXIF unless asked
        im.save(stem.with_suffix(f".webp{tmp}"), "WEBP", quality=82, method=4)
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
        tmp = f".{uuid.uuid4().hex[:12]}.tmp"  # own temporary names: two threads may encode the same bytes
        width, height = _encode(info, stem, ext, max_side, tmp)
        size_file.with_suffix(f".json{tmp}").write_text(json.dumps([width, height]))
        for path in (fallback, webp, size_file):  # the cache never holds a half-written file
            path.with_suffix(path.suffix + tmp).replace(path)
    width, height = json.loads(size_file.read_text())
    return fallback, webp, width, height


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows one (cached files are never changed in place,
    only replaced by rename), else a copy: thousands of images cost no copying on a rebuild."""
    if target.exists():
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def place(info: ImageInfo, cache: Path, dest_dir: Path, stem: str, max_side: int, webp: bool = True) -> Placed:
    """Put the web versions of ``info`` into ``dest_dir`` as ``stem.webp`` (unless ``webp`` is False) and ``stem.ext``."""
    fallback, webp_file, width, height = web_images(info, cache, max_side)
    dest_dir.mkdir(parents=True, exist_ok=True)
    name = f"{stem}{fallback_suffix(info)}"
    _link_or_copy(fallback, dest_dir / name)
    webp_name = None
    if webp and webp_file is not None:
        webp_name = f"{stem}.webp"
        _link_or_copy(webp_file, dest_dir / webp_name)
    return Placed(name, webp_name, width, height)


def warm(jobs: list[tuple[ImageInfo, int]], cache: Path) -> None:
    """Encode every (image, size) missing from the cache, on all cores: Pillow releases the GIL
    while it decodes, resizes and encodes, so threads run in parallel."""
    unique = {(info.path, side): (info, side) for info, side in jobs if not info.is_svg}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda job: web_images(job[0], cache, job[1]), unique.values()))
