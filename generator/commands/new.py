"""brandsite new: scaffold brands/<slug>/ with placeholders the checker reports until filled."""

from __future__ import annotations

import sys
from pathlib import Path

from generator import emblem, slugs
from generator.oserrors import why
from generator.pipeline import load_or_report
from generator.load.brands import SLUG

TEMPLATE = """\
# 品牌资料。每一项的说明见 README；填写完成后运行 brandsite check 检查。
# 带【待填写】的内容必须替换，否则检查会报错、网站不会发布本品牌。
name: {name}
unit: {unit}
category: {category}
logo: logo.png          # 品牌标识文件，放在本文件夹内（PNG/JPEG/WebP/SVG，至少 256×256 像素）
logo_meaning: 【待填写：标识寓意，说明标识的图形和颜色代表什么】
slogan: 【待填写：宣传口号】
positioning: 【待填写：品牌定位，面向谁、提供什么服务】
core_idea: 【待填写：核心理念】
vision: 【待填写：品牌愿景】
commitments:            # 服务承诺，至少 3 条，至少一条写明时限或数字
  - 【待填写：如“一般事项当日办结”】
  - 【待填写：如“复杂事项 5 个工作日内办结”】
  - 【待填写：如“一次性告知所需材料”】
standards:              # 服务标准，至少涵盖下列 9 个方面中的 5 个
  工作时限: 【待填写】
  职权责任: 【待填写】
  工作程序: 【待填写】
  仪表服饰: 【待填写】
  举止言行: 【待填写】
culture:                # 文化理念：工作理念、学习理念、管理理念、服务理念、作风
  工作理念: 【待填写】
  服务理念: 【待填写】
  作风: 【待填写】
systems:                # 制度保障，至少 4 项
  - 岗位责任制
  - 服务承诺制
  - 限时办结制
  - 首问负责制
services:
  - 【待填写：服务项目】
contact:
  hotline: 【待填写：监督电话，如 12345】
  complaint: 【待填写：投诉渠道】
  address: 【待填写：服务地址】
  hours: 【待填写：办公时间】
status: draft           # 草稿不会发布；填写完成并通过检查后改为 published
"""


def propose_slug(name: str) -> str:
    return slugs.from_chinese(name)


def run(root: Path, name: str, unit: str, category: str | None = None, slug: str | None = None) -> int:
    project = load_or_report(root)
    if project is None:
        return 1
    categories = project.config.categories
    name, unit = name.strip(), unit.strip()
    if not name or not unit:
        print("错误：品牌名称和创建单位都不能为空。", file=sys.stderr)
        return 2
    category = category or categories[0]
    if category not in categories:
        print(f"错误：类别“{category}”不在本站类别中，可选：{'、'.join(categories)}", file=sys.stderr)
        return 2
    if slug is not None and not SLUG.match(slug):
        print(f"错误：文件夹名“{slug}”只能用小写字母、数字和连字符。", file=sys.stderr)
        return 2
    from generator.check.checks.unique import key

    same = [b for b in project.brands if b.name and key(b.name) == key(name)]
    if same:
        print(f"错误：已经有名为“{name}”的品牌：brands/{same[0].slug}/（{same[0].unit or '创建单位未填写'}）。"
              "要修改它，直接编辑那个文件夹里的 brand.yml；确是另一个品牌，请换一个名称。", file=sys.stderr)
        return 1
    base = root / "brands"
    if slug is not None and (base / slug).exists():
        print(f"错误：文件夹 brands/{slug}/ 已经存在，请用 --slug 换一个文件夹名。", file=sys.stderr)
        return 1
    proposed = slug or propose_slug(name)
    candidate, n = proposed, 2
    while (base / candidate).exists():
        candidate, n = f"{proposed}-{n}", n + 1
    if candidate != proposed:
        taken = next((b for b in project.brands if b.slug == proposed), None)
        owner = f"（品牌“{taken.name}”）" if taken is not None and taken.name else ""
        print(f"文件夹 brands/{proposed}/ 已被占用{owner}，新品牌放在 brands/{candidate}/；"
              f"想用别的文件夹名，删掉它后加 --slug 重新运行。")
    folder = base / candidate
    try:
        folder.mkdir(parents=True)
        (folder / "brand.yml").write_text(TEMPLATE.format(name=_yaml_text(name), unit=_yaml_text(unit), category=category), "utf-8")
        color = emblem.PALETTE[sum(map(ord, name)) % len(emblem.PALETTE)]
        emblem.save_temporary(emblem.draw(name, color, mark=unit), folder / "logo.png")
    except OSError as exc:
        print(f"错误：品牌文件夹 brands/{candidate}/ 没有建好（{why(exc)}）", file=sys.stderr)
        return 1
    print(f"已创建 brands/{candidate}/（草稿）：brand.yml 和一个临时品牌标识 logo.png。")
    print("请把 brand.yml 中的【待填写】替换为实际内容，换上正式的品牌标识，然后运行 brandsite check。")
    return 0


def _yaml_text(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar, quotes and all
