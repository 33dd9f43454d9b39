"""brandsite check."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.check import output, report as report_mod
from generator.oserrors import why
from generator.pipeline import load_or_report
from generator.progress import display, mode_for
from generator.progress import NULL
from generator.findings import Severity


# Files outside brands/ whose change can alter any brand's findings (the site's config, its own criteria or
# schemes wherever mkdocs.yml points, the rounds and their tables, the news): the whole site is checked.
_SITE_WIDE_FOLDERS = ("scores", "content")
_SITE_WIDE_SUFFIXES = (".yml", ".yaml", ".csv", ".xlsx")


class NotABrand(Exception):
    """An argument an editor gave that names no brand (a typo in a folder name)."""


def scope(root: Path, paths: list[str], hook: bool = False) -> list[Path] | None:
    """The brand folders that ``paths`` belong to; None when one of them reaches beyond a brand (the site's
    config, scores, news, a deleted brand). A path is a brand's folder or a file in it (relative to the site,
    or else to where the command runs), or a brand's folder name alone (``wendang-lianxinqiao``).

    ``hook``: the paths are a commit's files (some of them deleted): one that names nothing is left out.
    Otherwise it is a mistake, and NotABrand says which, in Chinese."""
    root = root.resolve()
    from generator.load.brands import glance

    folders: set[Path] = set()
    names: dict[str, list[Path]] | None = None  # brands' folders by their names, read when first needed
    for name in paths:
        given = Path(name)  # relative to the site, or else to where the command runs
        path = (root / given if (root / given).exists() or not given.exists() else given).resolve()
        if not hook and not path.exists() and len(given.parts) == 1 and (root / "brands" / name / "brand.yml").is_file():
            folders.add(root / "brands" / name)  # the folder's name alone
            continue
        if not hook and not path.exists():
            if names is None:
                names = {}
                for brand in glance(root, set()):
                    names.setdefault(brand.name, []).append(brand.folder)
            named = names.get(name.strip(), [])
            if len(named) == 1:  # the brand's own name (文档连心桥), when no other brand has it
                folders.add(named[0])
                continue
        if not path.is_relative_to(root):
            if hook:
                continue
            raise NotABrand(f"“{name}”不在本站（{root}）里")
        parts = path.relative_to(root).parts
        if parts in ((), ("brands",)):
            return None  # the site, or every brand
        if parts[:1] == ("brands",) and len(parts) >= 2:
            folder = root / "brands" / parts[1]
            if (folder / "brand.yml").is_file():
                folders.add(folder)
            elif hook:
                return None  # a brand deleted or half-made: the rounds that name it need the whole site
            else:
                raise NotABrand(f"没有品牌文件夹 brands/{parts[1]}/{_did_you_mean(root, parts[1])}")
        elif parts[:1] and (parts[0] in _SITE_WIDE_FOLDERS or path.suffix.lower() in _SITE_WIDE_SUFFIXES):
            return None
        elif not hook and not path.exists():
            raise NotABrand(f"没有叫“{name}”的品牌，也没有这个文件{_did_you_mean(root, given.name)}")
    return sorted(folders)


def _did_you_mean(root: Path, word: str) -> str:
    from generator.load.contract import suggest

    folder = root / "brands"
    slugs = [p.name for p in folder.iterdir() if (p / "brand.yml").is_file()] if folder.is_dir() else []
    return suggest(word, slugs)


def run(root: Path, strict: bool = False, fmt: str = "text", report: str | None = None, quiet: bool = False,
        paths: list[str] | None = None, hook: bool = False) -> int:
    progress = display("terminal") if mode_for(sys.stderr) == "terminal" else NULL
    try:
        only = scope(root, paths, hook) if paths else None
    except NotABrand as exc:
        reason = str(exc) if str(exc).endswith("？") else f"{exc}。"
        print(f"错误：{reason}可以写品牌文件夹（如 brands/wendang-lianxinqiao/）、文件夹名（如 wendang-lianxinqiao）"
              "或品牌名称（如 文档连心桥）；不写则检查全部品牌。", file=sys.stderr)
        return 2
    if only == []:
        if fmt == "codequality":
            print("[]")
        elif fmt == "text":
            print("这次提交没有品牌文件，不用检查。" if hook else
                  f"{'、'.join(paths)} 不在任何品牌文件夹里，没有要检查的品牌（不写文件则检查全部品牌）。")
        return 0
    project = load_or_report(root, progress=progress, only=only)
    if project is None:
        return 1
    findings = project.report.sorted()
    if fmt == "json":
        print(output.as_json(project, findings))
    elif fmt == "codequality":
        print(output.as_code_quality(findings))
    elif fmt == "github":
        for f in findings:
            print(output.github_line(f))
        print(output.summary(project, findings))
    else:
        for f in findings:
            print(output.text_line(f))
        if findings:
            print()
        if not quiet and project.brands:
            print("各品牌达标情况：")
            for line in output.completeness_lines(project):
                print(line)
            print()
        print(output.summary(project, findings))
    if report:
        path = Path(report)
        try:
            report_mod.write(path, report_mod.render(project, findings))
        except OSError as exc:
            print(f"错误：达标情况报告没有写出（{why(exc)}）", file=sys.stderr)
            return 1
        if fmt == "text":
            print(f"达标情况报告已写入 {path}")
    failing = [f for f in findings if f.severity is Severity.ERROR or strict]
    return 1 if failing else 0
