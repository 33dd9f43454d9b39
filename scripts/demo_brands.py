"""Draws the demo brands' logos and photos. The brands themselves are data: brands/<slug>/brand.yml (names,
units and facts from the seed documents; the prose is ours), edited as any site's brands are. This script
only redraws the pictures from them: .venv/bin/python scripts/demo_brands.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import emblem, fonts  # noqa: E402

# each demo brand's colour, for its emblem and photos (brand.yml has no place for it)
COLOURS = {
    "wendang-lianxinqiao": "#1d4e89",
    "shiqing-xinda": "#0f6e6e",
    "zhenqing-xiangzhu": "#b3262d",
    "yangguang-guihua": "#d17a00",
    "huanghe-weishi": "#8a5a12",
    "taizhou-12319": "#1d4e89",
    "yongxin-chuangzao-zhiliang": "#2f6b3b",
    "xinqiao": "#5b3a8c",
    "yihao-chuangkou": "#3d5a80",
    "mianduimian-xintiexin": "#b3262d",
    "chengxin-caihong": "#a23b72",
    "hecheng-weishi": "#1d4e89",
    "hecheng-jiangtan": "#8a5a12",
    "dangyuan-zhijia": "#b3262d",
    "yidao": "#2f6b3b",
    "wenfenglu": "#d17a00",
    "zhuqiao": "#5b3a8c",
    "churu-youjing": "#0f6e6e",
    "xiaolv-zhujian": "#3d5a80",
    "jiguan-shiwu-sanxin": "#8a5a12",
    "zhongcheng-fuwu": "#b3262d",
    "hongli-juxin": "#a23b72",
    "pingan-qingdao": "#1d4e89",
    "mouyuan-jianxing": "#3d5a80",
    "aixin-feiyang": "#a23b72",
    "rencheng-shigong": "#5b3a8c",
    "bihai-lantian": "#0f6e6e",
    "chengjiu-jinghe": "#2f6b3b",
    "qianshou-shijie": "#1d4e89",
    "jiankang-dunpai": "#b3262d",
    "weimin-hucai": "#8a5a12",
    "youke-zhiyou": "#0f6e6e",
    "tiexin-niangjia": "#a23b72",
    "xingji-fumin": "#2f6b3b",
    "yangguang-guoshui": "#1d4e89",
    "fengxian-tongji": "#5b3a8c",
    "yiwang-qingshen": "#0f6e6e",
    "qingshui-limin": "#1d4e89",
    "chengxin-jinye": "#8a5a12",
    "huanwei-tujidui": "#2f6b3b",
    "qingchun-huhang": "#b3262d",
}


def _hex(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def _people(d, y: int, count: int, seed: int, scale: float = 1.0) -> None:
    tones = [(70, 80, 95), (120, 60, 60), (60, 90, 120), (90, 90, 90), (150, 110, 70), (40, 60, 80)]
    for i in range(count):
        x = 60 + (i * 997 + seed * 131) % 1080
        h = int((150 + (i * 37 + seed) % 40) * scale)
        w = int(h * 0.36)
        tone = tones[(i + seed) % len(tones)]
        d.rounded_rectangle((x - w // 2, y - h, x + w // 2, y), radius=w // 2, fill=tone)
        r = int(h * 0.13)
        d.ellipse((x - r, y - h - 2 * r - 4, x + r, y - h - 4), fill=(235, 200, 170))


def demo_photo(name: str, unit: str, color: str, kind: str, seed: int):
    """A drawn stand-in for a real photo: a service hall, or an open-day event, in the brand's colour."""
    w, h = 1200, 800
    im = Image.new("RGB", (w, h), (236, 231, 222))
    d = ImageDraw.Draw(im)
    rgb = _hex(color)
    for y in range(h // 2):  # a softly lit wall
        t = y / (h / 2)
        d.line((0, y, w, y), fill=tuple(int(245 - 20 * t) for _ in range(3)))
    big, small = fonts.load(64), fonts.load(30, "regular")
    if kind == "hall":
        d.rectangle((0, 60, w, 160), fill=rgb)
        if big:
            d.text((w / 2, 110), name, font=big, fill="white", anchor="mm")
        for i in range(4):
            x0 = 80 + i * 270
            d.rectangle((x0, 230, x0 + 220, 420), fill=(200, 222, 236), outline=(150, 160, 170), width=4)
            if small:
                d.text((x0 + 110, 260), f"{i + 1} 号窗口", font=small, fill=(40, 50, 60), anchor="mm")
        d.rectangle((0, 420, w, 520), fill=(139, 94, 60))
        d.rectangle((0, 520, w, h), fill=(196, 196, 190))
        for x in range(0, w, 120):
            d.line((x, 520, x - 200, h), fill=(180, 180, 174), width=2)
        _people(d, 700, 6, seed)
    else:
        d.rectangle((0, 0, w, h), fill=(60, 40, 40))
        d.rectangle((120, 70, w - 120, 420), fill=rgb)
        if big:
            d.text((w / 2, 200), f"“{name}”", font=big, fill="white", anchor="mm")
        if small:
            d.text((w / 2, 300), f"服务品牌开放日 · {unit}", font=small, fill=(255, 240, 220), anchor="mm")
        d.rectangle((0, 430, w, h), fill=(90, 70, 60))
        _people(d, 800, 14, seed, 1.3)
    return im


def draw_pictures(folder: Path) -> None:
    """The brand's emblem (logo.png) and the photos its gallery lists: its hall (photos/01.jpg), an open day."""
    data = yaml.safe_load((folder / "brand.yml").read_text("utf-8"))
    colour = COLOURS[folder.name]
    emblem.draw(data["name"].replace("、", "").replace("101%服务·", ""), colour, mark=data["unit"]).save(
        folder / "logo.png", optimize=True)
    for i, item in enumerate(data.get("gallery", [])):
        kind = "hall" if item["file"] == "photos/01.jpg" else "event"
        (folder / item["file"]).parent.mkdir(exist_ok=True)
        demo_photo(data["name"], data["unit"], colour, kind, seed=len(folder.name) + i).save(
            folder / item["file"], "JPEG", quality=78, optimize=True)


if __name__ == "__main__":
    folders = sorted(p for p in (ROOT / "brands").iterdir() if (p / "brand.yml").is_file())
    for folder in folders:
        draw_pictures(folder)
    print(f"drew the pictures of {len(folders)} brands")
