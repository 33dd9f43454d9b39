"""Web versions of logos and photos: resized, metadata (EXIF/GPS) stripped, cached by content hash.

Each raster image becomes a WebP plus a PNG (transparent) or JPEG fallback for browsers
without WebP. An unchanged image costs nothing on the next build: the cache key is the source
bytes' SHA-256 (taken by the loader as it reads the file, and remembered with the image's facts)
plus the target size, and cached files are linked, never re-encoded.
"""

from __future__ import annotations

import hashlib
import json
import math
import io
import os
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import ExifTags, Image, ImageOps

from generator.incremental import store
from generator.progress import NULL, Progress
from generator.load.images import reduced
from generator.model import ImageInfo
from generator.incremental.tree import Tree


# the largest side of a logo and of a photo on the web; the kiosk shows the same logos (another size
# would be another encoding of every logo, a tenth of a cold build)
LOGO_SIDE = 512
PHOTO_SIDE = 1600


@dataclass(frozen=True)
class Placed:
    """An image written into a page folder: the fallback file, its WebP twin (None for SVG) and size."""
    src: str
    webp: str | None
    width: int
    height: int


# Chosen by measurement (benches/encoders.py, table in developers/benchmarks.md). WebP is what visitors download: method 2
# writes photos 2.5 times as fast as method 4 for 13 % more bytes. The JPEG and PNG beside it are fallbacks
# that browsers in use today never fetch: an optimised JPEG costs 6 ms more for 39 % fewer bytes and is kept,
# an optimised PNG costs 16 ms more per logo (a sixth of a cold build) for 25 % fewer bytes and is not.
SETTINGS = {
    "JPEG": {"quality": 85, "optimize": True, "progressive": True},
    "PNG": {},  # Pillow writes no EXIF unless asked
    "WEBP": {"quality": 82, "method": 2},
}
# in the cached files' names: other settings, or another Pillow (its encoders), make other bytes
ENCODER = hashlib.sha256(json.dumps([SETTINGS, PIL.__version__], sort_keys=True).encode()).hexdigest()[:8]


def _fitted(width: int, height: int, side: int) -> tuple[int, int]:
    """The size Pillow's ``thumbnail((side, side))`` gives an image of this size (its own rounding)."""
    if side >= width and side >= height:
        return width, height

    def nearest(number: float, error) -> int:
        return max(min(math.floor(number), math.ceil(number), key=error), 1)

    aspect = width / height
    if aspect <= 1:
        return nearest(side * aspect, lambda n: abs(aspect - n / side)), side
    return side, nearest(side / aspect, lambda n: 0 if n == 0 else abs(aspect - side / n))


def web_size(info: ImageInfo, max_side: int) -> tuple[int, int]:
    """The size the web versions of ``info`` have at ``max_side``, known without encoding them: upright (an
    EXIF orientation that turns it a quarter swaps the sides, as the encoder turns it), then fitted."""
    with Image.open(info.path) as im:
        if im.format == "PNG":
            im.load()  # (a PNG's EXIF may come after its pixels)
        turned = im.getexif().get(ExifTags.Base.Orientation) in (5, 6, 7, 8)
    return _fitted(*((info.height, info.width) if turned else (info.width, info.height)), max_side)


def _encode(info: ImageInfo, ext: str, max_side: int) -> tuple[tuple[int, int], bytes, bytes]:
    """The web size, the fallback's bytes and the WebP's."""
    fallback, webp = io.BytesIO(), io.BytesIO()
    with Image.open(info.path) as im:
        whole = im.size
        if reduced(im, max_side).size != whole:  # a huge phone photo, decoded at a fraction of its size
            size = web_size(info, max_side)
            im = ImageOps.exif_transpose(im)
        else:
            im = ImageOps.exif_transpose(im)  # keep the photo upright once orientation metadata is gone
            size = _fitted(*im.size, max_side)  # what `web_size` told the pages before
        im.thumbnail((max_side, max_side), Image.LANCZOS)
        if im.size != size:
            im = im.resize(size, Image.LANCZOS)
        if ext == "jpg":
            im = im.convert("RGB")
            im.save(fallback, "JPEG", **SETTINGS["JPEG"])
        else:
            im = im.convert("RGBA") if im.mode not in ("RGB", "RGBA", "L", "LA") else im
            im.save(fallback, "PNG", **SETTINGS["PNG"])
        im.save(webp, "WEBP", **SETTINGS["WEBP"])
        return im.size, fallback.getvalue(), webp.getvalue()


def fallback_suffix(info: ImageInfo) -> str:
    """The suffix of the web fallback: SVG stays SVG, transparency or PNG stays PNG, the rest is JPEG."""
    if info.is_svg:
        return ".svg"
    return ".png" if info.format == "PNG" or info.alpha else ".jpg"


class WebImages:
    """The web-image cache (``folder``: .brandsite/cache/images) as one build sees it. The entries `check` found
    whole and those `defer` left for later are known by their size file for the rest of the build, so placing
    an image only links it. One per build: a build after it (`serve` builds again in the same process) looks
    at the cache anew."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._known: dict[str, tuple[int, int]] = {}  # size file -> web size: entries checked whole, or deferred

    def files(self, info: ImageInfo, max_side: int) -> tuple[Path, Path | None, int, int]:
        """The cached fallback file, its cached WebP (None for SVG) and the web size; encoded now when the cache
        has no whole entry for them."""
        if info.is_svg:  # already parsed and refused if unsafe by the loader
            return info.path, None, info.width, info.height
        fallback, webp, size_file = (self.folder / name for name in _cached_names(info, max_side))
        known = self._known.get(os.fspath(size_file)) or _cached(fallback, webp, size_file)
        if known is None:
            (width, height), fallback_bytes, webp_bytes = _encode(info, fallback.suffix[1:], max_side)
            # each file whole or not at all, the size file last: it vouches for the other two (see `_record`)
            store.write(fallback, fallback_bytes)
            store.write(webp, webp_bytes)
            store.write_table(size_file, {"web": [width, height, len(fallback_bytes), len(webp_bytes)]})
            known = width, height
        return fallback, webp, *known

    def place(self, info: ImageInfo, tree: Tree, dest_dir: Path, stem: str, max_side: int,
              webp: bool = True) -> Placed:
        """Put the web versions of ``info`` into ``dest_dir`` as ``stem.webp`` (unless ``webp`` is False) and
        ``stem.ext``. They are hard links to the cache where the file system allows (cached files are never
        changed in place, only replaced by rename): thousands of images cost no copying."""
        fallback, webp_file, width, height = self.files(info, max_side)
        name = f"{stem}{fallback_suffix(info)}"
        tree.link(fallback, dest_dir / name)
        webp_name = None
        if webp and webp_file is not None:
            webp_name = f"{stem}.webp"
            tree.link(webp_file, dest_dir / webp_name)
        return Placed(name, webp_name, width, height)

    def check(self, jobs: list[tuple[ImageInfo, int]]) -> tuple[list[tuple[ImageInfo, int]], int]:
        """The (image, size) jobs missing from the cache, each once, and how many are there whole."""
        cache = self.folder
        present = set(os.listdir(cache)) if cache.is_dir() else set()  # one listing, not three looks an image
        wanted = {(info.path, side): (info, side) for info, side in jobs if not info.is_svg}
        index = store.read_table(cache / INDEX)  # the size files' contents: one read, not one an image
        seen, missing = {}, []
        for job in wanted.values():
            names = _cached_names(*job)
            known = _indexed(cache, names, index.get(names[2])) if present.issuperset(names) else None
            if known is None:
                missing.append(job)
            else:
                self._known[os.fspath(cache / names[2])] = tuple(known[:2])
                seen[names[2]] = known
        if seen != index:
            store.write_table(cache / INDEX, seen)
        return missing, len(wanted) - len(missing)

    def defer(self, jobs: list[tuple[ImageInfo, int]]) -> frozenset[str]:
        """Take ``jobs`` as encoded for the rest of this build: `place` gives their names and sizes without their
        files, which `encode` makes later (the engine's process encodes them while the engine renders, on the
        core it leaves idle). Returns the cache files they will be, for the tree to link once they are."""
        files = set()
        for info, side in jobs:
            fallback, webp, size_file = (self.folder / name for name in _cached_names(info, side))
            self._known[os.fspath(size_file)] = web_size(info, side)
            files |= {os.fspath(fallback), os.fspath(webp)}
        return frozenset(files)


def encode(jobs: list[tuple[ImageInfo, int]], cache: Path, progress: Progress = NULL) -> None:
    """Encode ``jobs`` into the cache ``cache`` on all cores (Pillow releases the GIL while it decodes, resizes
    and encodes, so threads run side by side) and add them to its index."""
    if not jobs:
        return
    web = WebImages(cache)
    with progress.stage("处理图片", len(jobs)) as stage, ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for done in as_completed([pool.submit(web.files, info, side) for info, side in jobs]):
            done.result()
            stage.advance()
    index = store.read_table(cache / INDEX)
    for info, side in jobs:
        names = _cached_names(info, side)
        record = _record(*(cache / n for n in names))
        if record is not None:
            index[names[2]] = record
    store.write_table(cache / INDEX, index)


def _cached_names(info: ImageInfo, max_side: int) -> tuple[str, str, str]:
    """The cache's fallback, WebP and size file for a raster image at one size."""
    stem = f"{info.digest}-{max_side}-{ENCODER}"  # the digest was taken by the loader as it read the file
    return f"{stem}{fallback_suffix(info)}", f"{stem}.webp", f"{stem}.json"


def _cached(fallback: Path, webp: Path, size_file: Path) -> tuple[int, int] | None:
    """The web size of a cached entry whose files are whole (their sizes as recorded), else None: a
    cache damaged by a full disk, a killed build or a careless hand is encoded again, never published."""
    record = _record(fallback, webp, size_file)
    return None if record is None else (record[0], record[1])


def _record(fallback: Path, webp: Path, size_file: Path) -> list | None:
    """The entry's size file ([width, height, fallback bytes, WebP bytes], a table of the store) when its files
    are whole: their sizes are the ones it records."""
    try:
        width, height, *sizes = store.read_table(size_file)["web"]
        if sizes != [fallback.stat().st_size, webp.stat().st_size]:
            return None
        return [int(width), int(height), *sizes]
    except (OSError, KeyError, ValueError, TypeError):
        return None


INDEX = "index.json"


def _indexed(cache: Path, names: tuple[str, str, str], entry) -> list | None:
    """[width, height, sizes…] of a cached entry whose files are whole, from the index when the files'
    sizes are the ones it records, else from the entry's own size file."""
    try:
        if isinstance(entry, list) and len(entry) == 4 and entry[2:] == [
                os.stat(cache / names[0]).st_size, os.stat(cache / names[1]).st_size]:
            return entry
    except OSError:
        return None
    return _record(*(cache / n for n in names))
