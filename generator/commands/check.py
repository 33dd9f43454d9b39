"""brandsite check."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.check import output, report as report_mod
from generator.commands import load_or_report
from generator.commands.progress_display import display, mode_for
from generator.progress import NULL
from generator.findings import Severity


def run(root: Path, strict: bool = False, fmt: str = "text", report: str | None = None, quiet: bool = False) -> int:
    progress = display("terminal") if mode_for(sys.stderr) == "terminal" else NULL
    project = load_or_report(root, progress=progress)
    if project is None:
        return 1
    findings = project.report.sorted()
    if fmt == "json":
        print(output.as_json(project, findings))
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
