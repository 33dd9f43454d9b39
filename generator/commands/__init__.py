"""One module per CLI command: read arguments, call the pipeline, print, return an exit code."""

from __future__ import annotations

import sys

from generator.check.criteria import CriteriaError
from generator.check.output import text_line
from generator.config import ConfigError
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
