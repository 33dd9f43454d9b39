"""A simple emblem drawn with Pillow: the starting logo for a new brand and the demo's logos."""

from __future__ import annotations

from PIL import Image, ImageDraw

from generator import fonts

PALETTE = ["#b3262d", "#1d4e89", "#2f6b3b", "#8a5a12", "#5b3a8c", "#0f6e6e", "#a23b72", "#3d5a80"]


def draw(text: str, color: str, size: int = 512, mark: str = "") -> Image.Image:
    """A round emblem: coloured disc, white ring, up to two characters of ``text`` in the middle."""
    scale = 2  # draw large and shrink for smooth edges
    s = size * scale
    im = Image.new("RGBA", (s, s), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    pad = s // 32
    d.ellipse((pad, pad, s - pad, s - pad), fill=color)
    ring = s // 11
    d.ellipse((ring, ring, s - ring, s - ring), outline="white", width=max(6, s // 90))
    chars = (text or "品牌")[:2]
    font = fonts.load(int(s * (0.36 if len(chars) == 2 else 0.5)))
    if font is None:  # no CJK font: draw a neutral star rather than boxes
        _star(d, s, "white")
    else:
        box = d.textbbox((0, 0), chars, font=font)
        w, h = box[2] - box[0], box[3] - box[1]
        d.text(((s - w) / 2 - box[0], (s - h) / 2 - box[1] - s * 0.02), chars, font=font, fill="white")
    if mark:
        small = fonts.load(int(s * 0.07), "regular")
        if small is not None:
            box = d.textbbox((0, 0), mark, font=small)
            w = box[2] - box[0]
            d.text(((s - w) / 2, s * 0.74), mark, font=small, fill="white")
    return im.resize((size, size), Image.LANCZOS)


def _star(d: ImageDraw.ImageDraw, s: int, fill: str) -> None:
    import math

    cx = cy = s / 2
    r_out, r_in = s * 0.22, s * 0.09
    points = []
    for i in range(10):
        r = r_out if i % 2 == 0 else r_in
        a = math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(a), cy - r * math.sin(a)))
    d.polygon(points, fill=fill)
