"""One module per CLI command: read arguments, call the pipeline, print, return an exit code."""

from __future__ import annotations

import sys

from generator.check.criteria import CriteriaError
from generator.check.output import text_line
from generator.config import ConfigError
from generator.findings import Finding
from generator.pipeline import Project, load_project


def load_or_report(root) -> Project | None:
    """The loaded project, or None after printing why the site files are unusable."""
    try:
        return load_project(root)
    except ConfigError as exc:
        print(text_line(exc.finding), file=sys.stderr)
    except CriteriaError as exc:
        for f in exc.findings:
            print(text_line(f), file=sys.stderr)
    return None


def report_blocking(project: Project, strict: bool, outcome: str) -> bool:
    """Print the findings that stop an output (with ``outcome``, e.g. "网站未生成"); True when there were any."""
    return report_findings(project.blocking(strict), outcome)


def report_findings(blocking: list[Finding], outcome: str) -> bool:
    blocking = sorted(blocking, key=lambda f: f.sort_key())
    for f in blocking:
        print(text_line(f), file=sys.stderr)
    if blocking:
        print(f"\n有 {len(blocking)} 个问题必须先解决，{outcome}。运行 brandsite check 查看详情。", file=sys.stderr)
    return bool(blocking)
