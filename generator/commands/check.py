"""brandsite check."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.check import output, report as report_mod
from generator.commands import load_or_report
from generator.commands.progress_display import display, mode_for
from generator.progress import NULL
from generator.findings import Severity


# Files outside brands/ whose change can alter any brand's findings (the site's config, its own criteria or
# schemes wherever mkdocs.yml points, the rounds and their tables, the news): the whole site is checked.
_SITE_WIDE_FOLDERS = ("scores", "content")
_SITE_WIDE_SUFFIXES = (".yml", ".yaml", ".csv", ".xlsx")


def scope(root: Path, paths: list[str]) -> list[Path] | None:
    """The brand folders that ``paths`` (a commit's files, relative to where the hook runs) belong to;
    None when one of them reaches beyond a brand (the site's config, scores, news, a deleted brand)."""
    root = root.resolve()
    folders: set[Path] = set()
    for name in paths:
        given = Path(name)  # relative to where the hook runs, or else to the site
        path = (given if given.is_absolute() or given.exists() else root / given).resolve()
        if not path.is_relative_to(root):
            continue
        parts = path.relative_to(root).parts
        if parts[:1] == ("brands",) and len(parts) >= 3:
            folder = root / "brands" / parts[1]
            if not (folder / "brand.yml").is_file():
                return None  # a brand deleted or half-made: the rounds that name it need the whole site
            folders.add(folder)
        elif parts[:1] and (parts[0] in _SITE_WIDE_FOLDERS or path.suffix.lower() in _SITE_WIDE_SUFFIXES):
            return None
    return sorted(folders)


def run(root: Path, strict: bool = False, fmt: str = "text", report: str | None = None, quiet: bool = False,
        paths: list[str] | None = None) -> int:
    progress = display("terminal") if mode_for(sys.stderr) == "terminal" else NULL
    only = scope(root, paths) if paths else None
    if only == []:
        if fmt == "codequality":
            print("[]")
        elif fmt == "text":
            print("这次提交没有品牌文件，不用检查。")
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
        report_mod.write(path, report_mod.render(project, findings))
        if fmt == "text":
            print(f"达标情况报告已写入 {path}")
    failing = [f for f in findings if f.severity is Severity.ERROR or strict]
    return 1 if failing else 0
