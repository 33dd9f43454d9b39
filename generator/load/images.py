"""Reading image facts safely: size and format, never trusting the file.

Raster images go through Pillow with its decompression-bomb guard turned into an error;
SVG is parsed with defusedxml (no entities, no external DTD) and refused when it could
run script or fetch anything when a browser renders it.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from PIL import Image, UnidentifiedImageError

from generator.incremental import store
from generator.incremental.stamp import stamp
from generator.load import limits
from generator.model import ImageInfo

RASTER_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "WEBP": "WEBP"}
# a logo or photo never needs more than this; Pillow's own default is 89 M pixels
MAX_PIXELS = limits.IMAGE_PIXELS
PHOTO_PIXELS = limits.PHOTO_PIXELS


class ImageProblem(Exception):
    def __init__(self, rule: str, message: str):
        super().__init__(message)
        self.rule = rule
        self.message = message


class Facts:
    """Image facts remembered per file version (path and stamp: incremental/stamp.py) in a cache file,
    so a repeated `check` opens only the images that changed. Problems are never remembered:
    a bad image is reported every time."""

    def __init__(self, file: Path | None = None):
        self.file, self.changed = file, False
        self.known = store.read_table(file) if file is not None else {}

    def inspect(self, path: Path) -> ImageInfo:
        key, version = os.fspath(path), list(stamp(path.stat()))
        entry = self.known.get(key)
        if isinstance(entry, list) and len(entry) == 8 and entry[:3] == version:
            return ImageInfo(path, *entry[3:])
        info = inspect(path)
        self.known[key] = version + [info.format, info.width, info.height, info.alpha, info.digest]
        self.changed = True
        return info

    def save(self) -> None:
        if self.file is not None and self.changed:
            store.write_table(self.file, self.known)


def inspect(path: Path) -> ImageInfo:
    """Facts about the image at ``path``; raises ImageProblem with a Chinese message."""
    if path.suffix.lower() == ".svg":
        return _inspect_svg(path)
    return _inspect_raster(path)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:24]


def _inspect_raster(path: Path) -> ImageInfo:
    data = path.read_bytes()  # once, for Pillow and for the digest
    # a JPEG's size is read from its header, and a large one is decoded at a fraction of its size (see
    # `reduced`): only other formats, decoded whole, are held to MAX_PIXELS from the start
    jpeg = data[:3] == b"\xff\xd8\xff"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore" if jpeg else "error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as im:
                width, height = im.size
                fmt = im.format
                alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
                limit = PHOTO_PIXELS if fmt == "JPEG" else MAX_PIXELS
                if width * height > 4 * limit:
                    raise Image.DecompressionBombError("too many pixels")
                if width * height > limit:
                    raise ImageProblem("image.pixels", f"图片有 {width * height / 1_000_000:.0f} 百万像素（{width}×{height}），"
                                       f"超过 {limit // 1_000_000} 百万像素的上限；请缩小后再放入"
                                       "（长边 4000 像素就够网站和展示屏用），或另存为 JPEG 照片")
                im.verify()  # reads the whole stream: catches truncated files
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageProblem("image.bomb", f"图片像素过多（疑似“解压炸弹”），已拒绝读取；请提供不超过 {MAX_PIXELS // 1_000_000} 百万像素的图片") from None
        except UnidentifiedImageError:
            raise ImageProblem("image.unreadable", "不是可识别的图片文件（支持 PNG、JPEG、WebP、SVG）") from None
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageProblem("image.unreadable", f"图片文件已损坏或不完整（{exc}）") from None
    if fmt not in RASTER_FORMATS:
        raise ImageProblem("image.format", f"图片格式 {fmt} 不受支持，请使用 PNG、JPEG、WebP 或 SVG")
    return ImageInfo(path, RASTER_FORMATS[fmt], width, height, alpha, digest(data))


def reduced(im: Image.Image, side: int) -> Image.Image:
    """``im`` (just opened) set to decode at a fraction of its size when it is a JPEG beyond MAX_PIXELS and
    ``side`` is all that is wanted of it: a 50-megapixel phone photo is read as an eighth, a quarter or a half
    of itself, still at least ``side`` on its short side. Smaller images decode whole, as they always have."""
    if im.format == "JPEG" and im.width * im.height > MAX_PIXELS:
        im.draft(None, (side, side))
    return im


_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_EXTERNAL_IN_CSS = re.compile(r"(@import|url\(\s*['\"]?\s*(?!#)[^)'\"\s])", re.I)
# fragment links and embedded raster data stay inside the file; anything else reaches out
_INTERNAL_HREF = re.compile(r"^\s*(#|data:image/(png|jpeg|gif|webp);)", re.I)
_NUMBER = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")


@dataclass(frozen=True)
class SvgFacts:
    width: float | None
    height: float | None


def svg_problems(root) -> list[str]:
    """Everything in an SVG tree that could run script or load from elsewhere."""
    problems: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.split("}")[-1].lower()
        if tag in _FORBIDDEN_ELEMENTS:
            problems.append(f"含有 <{tag}> 元素")
        for attr, value in el.attrib.items():
            name = attr.split("}")[-1].lower()
            if name.startswith("on"):
                problems.append(f"<{tag}> 含有事件属性 {name}")
            elif name == "href" and not _INTERNAL_HREF.match(value):
                problems.append(f"<{tag}> 引用了外部资源 {value.strip()[:60]}")
            elif name == "style" and _EXTERNAL_IN_CSS.search(value):
                problems.append(f"<{tag}> 的样式引用了外部资源")
        if tag == "style" and el.text and _EXTERNAL_IN_CSS.search(el.text):
            problems.append("<style> 引用了外部资源")
    return problems


def _inspect_svg(path: Path) -> ImageInfo:
    try:
        root = SafeET.parse(path, forbid_dtd=True).getroot()
    except DefusedXmlException:
        raise ImageProblem("svg.unsafe", "SVG 含有 DTD 或实体声明，存在安全风险，已拒绝") from None
    except (SafeET.ParseError, UnicodeDecodeError) as exc:
        raise ImageProblem("image.unreadable", f"SVG 不是有效的 XML（{exc}）") from None
    if root.tag.split("}")[-1] != "svg":
        raise ImageProblem("image.unreadable", "文件不是 SVG 图片（根元素不是 <svg>）")
    problems = svg_problems(root)
    if problems:
        raise ImageProblem("svg.unsafe", "SVG 不安全：" + "；".join(dict.fromkeys(problems)) + "。请删除脚本、事件属性和外部引用")
    width, height = _svg_size(root)
    return ImageInfo(path, "SVG", width, height)  # used as it is: no web versions, no digest


def _svg_size(root) -> tuple[int | None, int | None]:
    def number(value):
        m = _NUMBER.match(value or "")
        return float(m[1]) if m else None

    width, height = number(root.get("width")), number(root.get("height"))
    if (width is None or height is None) and root.get("viewBox"):
        parts = root.get("viewBox").replace(",", " ").split()
        if len(parts) == 4:
            try:
                width, height = float(parts[2]), float(parts[3])
            except ValueError:
                pass
    if width and height:
        return round(width), round(height)
    return None, None
