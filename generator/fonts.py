"""Locating a CJK font for images drawn with Pillow (logos, covers).

The project installs Debian's fonts-noto-cjk (see the Makefile); other common CJK fonts
are accepted so a workstation with its own fonts works too.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

CANDIDATES = {
    "bold": [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "C:/Windows/Fonts/msyhbd.ttc",
        "/System/Library/Fonts/PingFang.ttc",
    ],
    "regular": [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "C:/Windows/Fonts/msyh.ttc",
        "/System/Library/Fonts/PingFang.ttc",
    ],
}
# index of the Simplified Chinese face inside the Noto .ttc collections
_SC_INDEX = {"NotoSansCJK-Bold.ttc": 2, "NotoSansCJK-Regular.ttc": 2}


@lru_cache(maxsize=None)
def cjk_font(weight: str = "bold") -> tuple[Path, int] | None:
    for candidate in CANDIDATES[weight]:
        path = Path(candidate)
        if path.is_file():
            return path, _SC_INDEX.get(path.name, 0)
    return None


def load(size: int, weight: str = "bold"):
    """A Pillow font that can draw Chinese, or None when no CJK font is installed."""
    from PIL import ImageFont

    found = cjk_font(weight)
    if found is None:
        return None
    path, index = found
    return ImageFont.truetype(str(path), size=size, index=index)
