"""One module per CLI command: read arguments, call the pipeline, print, return an exit code."""

from __future__ import annotations

import sys
from typing import TextIO

from generator.check.criteria import CriteriaError
from generator.check.output import text_line
from generator.config import ConfigError
from generator.findings import Finding
from generator.pipeline import Project, load_project
from generator.progress import NULL, Progress


def load_or_report(root, err: TextIO | None = None, progress: Progress = NULL) -> Project | None:
    """The loaded project, or None after printing (to ``err``, stderr by default) why the site files are unusable."""
    err = err or sys.stderr
    try:
        return load_project(root, progress=progress)
    except ConfigError as exc:
        print(text_line(exc.finding), file=err)
    except CriteriaError as exc:
        for f in exc.findings:
            print(text_line(f), file=err)
    return None


def report_blocking(project: Project, strict: bool, outcome: str, err: TextIO | None = None) -> bool:
    """Print the findings that stop an output (with ``outcome``, e.g. "网站未生成"); True when there were any."""
    return report_findings(project.blocking(strict), outcome, err)


def report_findings(blocking: list[Finding], outcome: str, err: TextIO | None = None) -> bool:
    err = err or sys.stderr
    blocking = sorted(blocking, key=lambda f: f.sort_key())
    for f in blocking:
        print(text_line(f), file=err)
    if blocking:
        print(f"\n有 {len(blocking)} 个问题必须先解决，{outcome}。运行 brandsite check 查看详情。", file=err)
    return bool(blocking)
