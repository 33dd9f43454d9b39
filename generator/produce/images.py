"""Web versions of logos and photos: resized, metadata (EXIF/GPS) stripped, cached by content hash.

An unchanged image costs one hash on the next build: the cache key is the source bytes'
SHA-256 plus the target size, and the cached file is copied, never re-encoded.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from PIL import Image, ImageOps

from generator.model import ImageInfo


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:24]


def web_image(info: ImageInfo, cache: Path, max_side: int) -> tuple[Path, str]:
    """The cached web file for ``info`` and its extension (png, jpg or svg)."""
    if info.is_svg:  # already parsed and refused if unsafe by the loader
        return info.path, "svg"
    key = _digest(info.path)
    ext = "png" if info.format == "PNG" or info.alpha else "jpg"
    target = cache / f"{key}-{max_side}.{ext}"
    if target.is_file():
        return target, ext
    cache.mkdir(parents=True, exist_ok=True)
    with Image.open(info.path) as im:
        im = ImageOps.exif_transpose(im)  # keep the photo upright once orientation metadata is gone
        im.thumbnail((max_side, max_side), Image.LANCZOS)
        tmp = target.with_suffix(".tmp")
        if ext == "png":
            im.save(tmp, "PNG", optimize=True)  # Pillow writes no EXIF unless asked
        else:
            im.convert("RGB").save(tmp, "JPEG", quality=85, optimize=True, progressive=True)
    tmp.replace(target)
    return target, ext


def place(info: ImageInfo, cache: Path, dest_dir: Path, stem: str, max_side: int) -> str:
    """Put the web version of ``info`` into ``dest_dir`` as ``stem.ext``; return the file name."""
    src, ext = web_image(info, cache, max_side)
    name = f"{stem}.{ext}"
    dest_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest_dir / name)
    return name
