"""brandsite review: record an approval (信息发布审核, 三审) of a brand, a round or a news post, or, without an item,
list what waits for review. The records go into the site's review file (check/review.py), kept in Git."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.check import review
from generator.check.output import text_line
from generator.commands import fail
from generator.config import ConfigError, load_config
from generator.findings import rel


def _item(root: Path, name: str, rounds) -> tuple[str, list[Path]] | None:
    """The item ``name`` names (brands/<slug>, a slug, a round id, scores/<id>.yml, a news post's file)."""
    name = name.strip().rstrip("/")
    given = Path(name)
    if given.is_absolute() and given.resolve().is_relative_to(root.resolve()):
        name = given.resolve().relative_to(root.resolve()).as_posix()
    for slug in (name.removeprefix("brands/"),):
        if (root / "brands" / slug / "brand.yml").is_file() and "/" not in slug:
            item = f"brands/{slug}"
            return item, review.item_files(root, item)
    round_id = name.removeprefix("scores/").removesuffix(".yml")
    for r in rounds:
        if r.id == round_id:
            return f"scores/{r.id}", [root / f for f in r.files]
    if name.endswith(".md") and (root / name).is_file():
        return name, [root / name]
    return None


def run(root: Path, item: str | None, level: str | None, reviewer: str | None) -> int:
    try:
        config = load_config(root)
    except ConfigError as exc:
        print(text_line(exc.finding), file=sys.stderr)
        return 1
    if not config.review_levels:
        return fail("本站没有设置审核级别：在 mkdocs.yml 的 brandsite 插件设置中写 review: {levels: [初审, 复审, 终审]} 后再记录审核")
    from generator.pipeline import load_or_report

    project = load_or_report(root)
    if project is None:
        return 1
    if item is None:
        waiting = [f for f in project.report.sorted() if f.rule == "review.pending"]
        for f in waiting:
            print(text_line(f))
        print(f"待审核 {len(waiting)} 项。" if waiting else "全部内容都已审定。")
        return 0
    if not level or not reviewer or not reviewer.strip():
        return fail("记录审核要写明级别和审核人，如 brandsite review brands/wendang --level 初审 --reviewer 张三")
    levels = config.review_levels
    if level not in levels:
        return fail(f"本站的审核级别是 {'、'.join(levels)}，没有“{level}”")
    found = _item(root, item, project.rounds)
    if found is None:
        return fail(f"没有“{item}”：可以写品牌文件夹（brands/wendang）、评价轮次（2026-q3）或创建动态的文件"
                    "（content/news/posts/xxx.md）")
    name, files = found
    if not files:
        return fail(f"{name} 没有文件可审核")
    digest = review.digest(root, files)
    try:
        approvals = review.read(config.review_file)
    except review.ReviewError as exc:
        return fail(str(exc))
    s = review.status(name, digest, levels, approvals)
    if level in s.passed:
        print(f"{name} 的这个版本已经通过{level}，不用重复记录。")
        return 0
    before = levels[: levels.index(level)]
    missing = [x for x in before if x not in s.passed]
    if missing:
        return fail(f"{name} 的这个版本还没有通过{'、'.join(missing)}，{level}要在其后")
    commit = ""
    inside = review._git(root, "rev-parse", "--is-inside-work-tree")
    if inside.returncode == 0:
        changed = review._git(root, "status", "--porcelain", "--", *[rel(f, root) for f in files])
        if changed.stdout.strip():
            return fail(f"{name} 有尚未提交的改动：审核针对已提交的版本，请先提交（git commit）再记录审核")
        head = review._git(root, "rev-parse", "HEAD")
        commit = head.stdout.decode().strip() if head.returncode == 0 else ""
    approval = review.Approval(name, level, reviewer.strip(), review.today(), digest, commit)
    try:
        review.append(config.review_file, approval)
    except OSError as exc:
        return fail(f"审核记录没有写入（{exc.strerror or exc}）")
    rest = [x for x in levels if x not in s.passed and x != level]
    print(f"已记录：{name} {level}通过（{approval.reviewer}，{approval.date}）" +
          (f"，待{'、'.join(rest)}。" if rest else f"；{'、'.join(levels)}已全部通过，下次生成即发布这个版本。"))
    print(f"审核记录在 {rel(config.review_file, root)}，请一并提交到 Git。")
    if not commit:
        print("注意：站点不在 Git 仓库里，这个版本以后改动时无法保留在线上。", file=sys.stderr)
    return 0
