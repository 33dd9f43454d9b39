"""Cover (900×383, 2.35:1) and square thumbnail (500×500) pictures for an article, drawn with Pillow.

Restrained colours of the site; the logo in a white disc; the title in the CJK font the
project installs. A character the font cannot draw is an error, never a box (tofu).
"""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFont

from generator import fonts, segment
from generator.model import ImageInfo
from generator.publish.media import open_image

COVER = (900, 383)
THUMB = (500, 500)
RED, INK, MUTED, SOFT, WHITE = "#a61b1b", "#1f2933", "#52606d", "#f7f4f0", "#ffffff"
SCALE = 2  # drawn at twice the size and reduced, for smooth edges


class CoverError(Exception):
    pass


def _font(size: int, weight: str = "bold") -> ImageFont.FreeTypeFont:
    font = fonts.load(size * SCALE, weight)
    if font is None:
        raise CoverError("没有找到中文字体，无法绘制封面。请运行 make site 安装，或手动安装 fonts-noto-cjk")
    return font


def missing_glyphs(text: str, font: ImageFont.FreeTypeFont) -> list[str]:
    """Characters of ``text`` the font would draw as its empty box (.notdef)."""
    def drawn(ch: str) -> bytes:
        im = Image.new("L", (font.size * 2, font.size * 2))
        ImageDraw.Draw(im).text((0, 0), ch, font=font, fill=255)
        return im.tobytes()

    tofu = drawn("\U0010ffff")
    return [ch for ch in dict.fromkeys(text) if not ch.isspace() and drawn(ch) == tofu]


def _require(text: str, font: ImageFont.FreeTypeFont) -> None:
    missing = missing_glyphs(text, font)
    if missing:
        raise CoverError(f"字体缺少这些字：{'、'.join(missing)}，封面无法正确显示。请改用常用字，或安装含这些字的字体")


def balanced(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """One line if it fits, else two of similar length broken between words (jieba), else ``wrap``."""
    if font.getlength(text) <= width:
        return [text]
    words = list(segment.jieba().cut(text))
    cuts = [sum(len(w) for w in words[:i]) for i in range(1, len(words))]
    fitting = [c for c in cuts if font.getlength(text[:c]) <= width and font.getlength(text[c:]) <= width]
    if fitting:
        cut = min(fitting, key=lambda c: abs(font.getlength(text[:c]) - font.getlength(text[c:])))
        return [text[:cut], text[cut:]]
    return wrap(text, font, width, 2)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float, max_lines: int) -> list[str]:
    """Lines of at most ``width`` pixels, broken between any two CJK characters; the last line ends in … if cut."""
    lines, line = [], ""
    for ch in text:
        if font.getlength(line + ch) <= width:
            line += ch
            continue
        lines.append(line)
        line = ch
        if len(lines) == max_lines:
            break
    else:
        lines.append(line)
        return [ln for ln in lines if ln]
    last = lines[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    return lines[:-1] + [last + "…"]


def _disc(canvas: Image.Image, info: ImageInfo | None, box: tuple[int, int, int], ring: str = WHITE) -> None:
    """The logo inside a white disc centred at (x, y) with diameter d (all unscaled)."""
    x, y, d = (v * SCALE for v in box)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((x - d // 2, y - d // 2, x + d // 2, y + d // 2), fill=WHITE, outline=ring, width=3 * SCALE)
    if info is None:
        return
    logo = open_image(info, int(d * 0.78)).convert("RGBA")
    logo.thumbnail((int(d * 0.78), int(d * 0.78)), Image.LANCZOS)
    canvas.alpha_composite(logo, (x - logo.width // 2, y - logo.height // 2))


def _text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font, fill: str) -> None:
    draw.text((xy[0] * SCALE, xy[1] * SCALE), text, font=font, fill=fill)


def _finish(canvas: Image.Image, size: tuple[int, int]) -> Image.Image:
    return canvas.resize(size, Image.LANCZOS).convert("RGB")


def cover(kicker: str, title: str, subtitle: str, logos: tuple[ImageInfo, ...], footer: str) -> Image.Image:
    w, h = COVER
    canvas = Image.new("RGBA", (w * SCALE, h * SCALE), SOFT)
    draw = ImageDraw.Draw(canvas)
    draw.rectangle((0, 0, w * SCALE, 10 * SCALE), fill=RED)
    if len(logos) <= 1:
        _disc(canvas, logos[0] if logos else None, (185, 196, 250), ring="#e4ddd3")
        left = 345
    else:
        for i in reversed(range(len(logos[:3]))):  # the leaders side by side, the first leftmost and in front
            _disc(canvas, logos[i], (110 + 105 * i, 196, 150), ring="#e4ddd3")
        left = 110 + 105 * (len(logos[:3]) - 1) + 95
    title_font, small, tiny = _font(52), _font(26, "regular"), _font(20, "regular")
    label = _font(24)
    for text, font in ((title, title_font), (subtitle, small), (kicker, label), (footer, tiny)):
        _require(text, font)
    width = (w - left - 40) * SCALE
    lines = balanced(title, title_font, width)
    kick_w = label.getlength(kicker) / SCALE + 28
    block = 44 + len(lines) * 68 + 44
    top = (h - block) / 2
    draw.rounded_rectangle((left * SCALE, top * SCALE, (left + kick_w) * SCALE, (top + 38) * SCALE), radius=6 * SCALE, fill=RED)
    _text(draw, (left + 14, top + 3), kicker, label, WHITE)
    y = top + 52
    for line in lines:
        _text(draw, (left, y), line, title_font, INK)
        y += 68
    sub = wrap(subtitle, small, width, 1)
    if sub:
        _text(draw, (left, y + 4), sub[0], small, MUTED)
    foot = wrap(footer, tiny, width, 1)
    if foot:
        _text(draw, (w - 30 - tiny.getlength(foot[0]) / SCALE, h - 42), foot[0], tiny, MUTED)
    return _finish(canvas, COVER)


def thumb(title: str, logo: ImageInfo | None, badge: str) -> Image.Image:
    """The square picture WeChat shows beside a shared article: logo and name, or a badge (评价结果) and the title."""
    w, h = THUMB
    if logo is None:
        canvas = Image.new("RGBA", (w * SCALE, h * SCALE), RED)
        draw = ImageDraw.Draw(canvas)
        big, small = _font(92), _font(34, "regular")
        _require(badge + title, big)
        parts = balanced(badge, big, (w - 60) * SCALE)
        y = 150 if len(parts) == 1 else 90
        for part in parts:
            _text(draw, ((w - big.getlength(part) / SCALE) / 2, y), part, big, WHITE)
            y += 120
        for line in balanced(title, small, (w - 60) * SCALE):
            _text(draw, ((w - small.getlength(line) / SCALE) / 2, y + 20), line, small, "#f6dada")
            y += 48
        return _finish(canvas, THUMB)
    canvas = Image.new("RGBA", (w * SCALE, h * SCALE), SOFT)
    draw = ImageDraw.Draw(canvas)
    _disc(canvas, logo, (250, 200, 300), ring="#e4ddd3")
    size = 56
    font = _font(size)
    _require(title, font)
    while font.getlength(title) > (w - 50) * SCALE and size > 36:
        size -= 4
        font = _font(size)
    line = wrap(title, font, (w - 50) * SCALE, 1)[0]
    _text(draw, ((w - font.getlength(line) / SCALE) / 2, 380), line, font, INK)
    draw.rectangle((0, (h - 12) * SCALE, w * SCALE, h * SCALE), fill=RED)
    return _finish(canvas, THUMB)
