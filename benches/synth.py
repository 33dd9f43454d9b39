"""A generator of realistic synthetic sites for the benchmarks: N brands and R rounds of scores.

Each brand has a full brand.yml (every field the criteria ask for), a 512 px PNG logo, one
photo and a story of about 2,500 Chinese characters; each round is a CSV of every brand.
Generated once per (N, R) under .brandsite/bench/ and reused.

    .venv/bin/python benches/synth.py 1000        # writes .brandsite/bench/n1000-r3
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / ".brandsite" / "bench"
CATEGORIES = ["党群工作", "政务服务", "经济发展", "社会民生", "城乡建设", "执法监管"]
WORDS = ("阳光 连心 贴心 暖心 为民 便民 惠民 高效 诚信 清风 护航 先锋 服务 窗口 桥梁 卫士 之家 驿站 "
         "红帆 映山 春风 沃土 领航 同心 聚力 守望 安居 乐业 筑梦 匠心 初心 民生 满意 直通 无忧").split()
UNITS = ("市档案局 市人社局 市民政局 市税务局 市医保局 市住建局 市交通局 市水务局 市市场监管局 市统计局 "
         "区政务服务中心 县行政服务中心 市公安局出入境管理支队 市供电公司 市自然资源局 市卫健委").split()
CITIES = "青岛 济南 烟台 潍坊 临沂 济宁 泰安 威海 日照 滨州 德州 聊城 菏泽 枣庄 东营 淄博".split()
SENTENCES = [
    "窗口工作人员坚持首问负责，群众来办事只需说一次、跑一次。",
    "我们把服务标准印在服务指南上，办理时限、所需材料和收费依据全部公开。",
    "每月开展一次服务对象座谈，收集意见建议并在十个工作日内逐条回复。",
    "针对老年人和行动不便的群众，提供预约上门、代办帮办等延伸服务。",
    "推行限时办结和一次性告知，复杂事项实行专人跟踪、全程代办。",
    "设立意见箱和监督电话，主动接受服务对象、监督巡视员和社会各界监督。",
    "定期组织业务培训和岗位练兵，提高窗口人员的业务能力和服务水平。",
    "把群众满意作为第一标准，服务质量纳入年度考核并与评先评优挂钩。",
]


def _logo(path: Path, rnd: random.Random) -> None:
    im = Image.new("RGBA", (512, 512), (255, 255, 255, 0))
    d = ImageDraw.Draw(im)
    color = tuple(rnd.randrange(40, 200) for _ in range(3))
    d.ellipse((16, 16, 496, 496), fill=color)
    d.ellipse((60, 60, 452, 452), outline="white", width=10)
    d.rectangle((190, 150, 322, 362), fill="white")
    im.save(path, "PNG")


def _photo(path: Path, rnd: random.Random) -> None:
    im = Image.new("RGB", (1200, 800), tuple(rnd.randrange(150, 230) for _ in range(3)))
    d = ImageDraw.Draw(im)
    for _ in range(12):
        x, y = rnd.randrange(0, 1100), rnd.randrange(0, 700)
        d.rectangle((x, y, x + rnd.randrange(60, 300), y + rnd.randrange(40, 200)),
                    fill=tuple(rnd.randrange(60, 240) for _ in range(3)))
    im.save(path, "JPEG", quality=85)


def _story(rnd: random.Random, name: str) -> str:
    parts = [f"# {name}的故事\n"]
    while sum(len(p) for p in parts) < 2500:
        parts.append("".join(rnd.choice(SENTENCES) for _ in range(4)) + "\n")
        if rnd.random() < 0.2:
            parts.append(f"## 服务{rnd.choice(WORDS)}\n")
    return "\n".join(parts)


def brand(i: int, rnd: random.Random) -> tuple[str, dict]:
    name = rnd.choice(WORDS) + rnd.choice(WORDS) + ("" if i % 3 else rnd.choice(WORDS))
    unit = rnd.choice(CITIES) + rnd.choice(UNITS)
    data = {
        "name": f"{name}{i}", "unit": unit, "category": CATEGORIES[i % len(CATEGORIES)], "logo": "logo.png",
        "logo_meaning": f"标识以“{name}”为主题，寓意服务连接群众。",
        "slogan": f"{name}在身边，服务暖人心", "positioning": f"以{unit}服务窗口为阵地，为群众提供规范、便捷、贴心的服务。",
        "core_idea": f"{name}为民", "vision": "让每一位来办事的群众都满意而归。",
        "commitments": ["一般事项当日办结", "复杂事项 5 个工作日内办结并告知进度", "对行动不便的群众提供上门服务"],
        "standards": {"工作时限": "当日办结", "职权责任": "按岗位职责履职", "工作程序": "流程公开",
                      "仪表服饰": "统一着装", "举止言行": "文明用语"},
        "culture": {"工作理念": "严谨细致", "学习理念": "求知奋进", "服务理念": "沟通理解"},
        "systems": ["岗位责任制", "服务承诺制", "限时办结制", "首问负责制", "一次性告知制"],
        "services": ["业务咨询", "窗口办理", "预约上门"],
        "contact": {"hotline": "12345", "complaint": "局长信箱", "address": f"{unit}服务大厅", "hours": "工作日 9:00—17:00"},
        "launched": f"20{10 + i % 15:02d}-0{1 + i % 9}",
        "gallery": [{"file": "photos/01.jpg", "caption": f"{unit}服务大厅"}],
    }
    return f"b{i:05d}", data


def generate(n: int, rounds: int = 3, seed: int = 2026) -> Path:
    root = BENCH / f"n{n}-r{rounds}"
    if (root / ".complete").is_file():
        return root
    if root.exists():
        shutil.rmtree(root)
    rnd = random.Random(seed)
    (root / "brands").mkdir(parents=True)
    (root / "scores").mkdir()
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# 服务品牌展示（基准测试）\n", "utf-8")
    config = (REPO / "mkdocs.yml").read_text("utf-8").replace(
        "      featured: [wendang-lianxinqiao, yangguang-guihua, zhenqing-xiangzhu, mianduimian-xintiexin]",
        "      featured: [b00000, b00001, b00002]")
    (root / "mkdocs.yml").write_text(config, "utf-8")
    slugs = []
    for i in range(n):
        slug, data = brand(i, rnd)
        folder = root / "brands" / slug
        (folder / "photos").mkdir(parents=True)
        (folder / "brand.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        (folder / "story.md").write_text(_story(rnd, data["name"]), "utf-8")
        _logo(folder / "logo.png", rnd)
        _photo(folder / "photos" / "01.jpg", rnd)
        slugs.append(slug)
    for r in range(1, rounds + 1):
        lines = ["品牌,监督巡视员,服务对象,评审组,金点子"]
        for slug in slugs:
            lines.append(f"{slug},{rnd.randrange(160, 200) / 2},{rnd.randrange(160, 200) / 2},{rnd.randrange(160, 200) / 2},{rnd.choice([0, 0, 1, 2])}")
        (root / "scores" / f"2026-q{r}.csv").write_text("\n".join(lines) + "\n", "utf-8")
        (root / "scores" / f"2026-q{r}.yml").write_text(
            f"round: 2026-q{r}\ntitle: 2026年第{'一二三四'[r - 1]}季度服务品牌创建评价\ndate: 2026-{r * 3:02d}-20\n"
            f"scheme: ten-best\nresults_file: 2026-q{r}.csv\n", "utf-8")
    (root / ".complete").write_text("ok")
    return root


if __name__ == "__main__":
    print(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 100, int(sys.argv[2]) if len(sys.argv) > 2 else 3))
