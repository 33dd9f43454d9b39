"""A simple emblem drawn with Pillow: the starting logo for a new brand and the demo's logos."""

from __future__ import annotations

from PIL import Image, ImageDraw

from generator import fonts

PALETTE = ["#b3262d", "#1d4e89", "#2f6b3b", "#8a5a12", "#5b3a8c", "#0f6e6e", "#a23b72", "#3d5a80"]


# `brandsite new` saves its emblem with this text in the PNG (see `save_temporary`), so the checker can say
# the logo is still the temporary one (check kind temporary_image); Pillow writes text chunks before the
# pixels, within the file's first few kilobytes
TEMPORARY = "brandsite-temporary-logo"
MARK_WITHIN = 4096


def _geometry(s: int) -> tuple[float, float]:
    """The inner ring's radius, and the margin text keeps from it, for a drawing ``s`` pixels wide."""
    ring = s // 11
    return s / 2 - ring, max(6, s // 90) + s * 0.02


def draw(text: str, color: str, size: int = 512, mark: str = "") -> Image.Image:
    """A round emblem: coloured disc, white ring, up to two characters of ``text`` in the middle, and
    ``mark`` (the unit's name) below them, in one or two lines that stay inside the ring."""
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
    placed = mark_layout(mark.strip(), s, d) if mark.strip() else None
    if placed is not None:
        small, lines = placed
        for line, (x, y) in lines:
            d.text((x, y), line, font=small, fill="white")
    return im.resize((size, size), Image.LANCZOS)


def mark_layout(mark: str, s: int, d: ImageDraw.ImageDraw | None = None):
    """(font, [(line, (x, y))]) for ``mark`` under the emblem's characters, every line within the ring:
    the largest size at which it fits on one line, else on two (split where the halves are most even),
    else on two lines at the smallest size with the line ends cut (…). None when no CJK font is installed."""
    d = d or ImageDraw.Draw(Image.new("RGBA", (s, s)))
    radius, margin = _geometry(s)
    limit = radius - margin  # text stays this far inside the ring's centre line
    top = s * 0.71  # below the emblem's two characters
    largest, smallest = int(s * 0.07), int(s * 0.042)

    def fits(lines: list[str], size: int):
        font = fonts.load(size, "regular")
        if font is None:
            return None
        gap = size * 0.25
        y, placed = top, []
        for line in lines:
            box = d.textbbox((0, 0), line, font=font)
            w = box[2] - box[0]
            # the line's box, its corners farthest from the centre, must be inside the circle
            bottom = y + box[3] - box[1]
            far = max(abs(y - s / 2), abs(bottom - s / 2))
            if far >= limit or (w / 2) ** 2 + far ** 2 > limit ** 2:
                return False
            placed.append((line, ((s - w) / 2 - box[0], y - box[1])))
            y = bottom + gap
        return font, placed

    splits = [[mark]] + [[mark[:i], mark[i:]] for i in sorted(range(1, len(mark)), key=lambda i: abs(len(mark) - 2 * i))]
    for size in range(largest, smallest - 1, -max(1, s // 512)):
        for lines in splits[:2]:  # one line, or the two most even halves
            got = fits(lines, size)
            if got is None:
                return None
            if got:
                return got
    # too long even for two small lines: as much as fits on the first, the second cut short (…)
    for end in range(len(mark) - 1, 0, -1):
        if fits([mark[:end]], smallest):
            break
    first, rest = mark[:end], mark[end:]
    for cut in range(len(rest), 0, -1):
        got = fits([first, rest[:cut] + "…"], smallest)
        if got:
            return got
    return fits([first], smallest) or None


def save_temporary(im: Image.Image, path) -> None:
    """Save the emblem `brandsite new` makes, marked as temporary (see TEMPORARY)."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Software", TEMPORARY)
    im.save(path, optimize=True, pnginfo=info)


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
