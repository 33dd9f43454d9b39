"""The completeness report editors read (brandsite check --report report.html).

A single self-contained HTML file: no scripts, no outside requests, so it can be mailed
or opened from a shared drive.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from generator import atomic
from generator.check.run import Status
from generator.findings import Severity

_env = Environment(loader=PackageLoader("generator", "templates"), autoescape=select_autoescape(["html"]))


def render(project, findings, today: dt.date | None = None) -> str:
    by_brand: dict[str, list] = {}
    others = []
    for f in findings:
        (by_brand.setdefault(f.brand, []) if f.brand else others).append(f)
    rows = []
    for brand in project.brands:
        own = by_brand.get(brand.slug, [])
        rows.append({
            "brand": brand,
            "results": project.completeness.get(brand.slug, []),
            "errors": [f for f in own if f.severity is Severity.ERROR],
            "warnings": [f for f in own if f.severity is Severity.WARNING],
        })
    standards = list(project.criteria.standards.values())
    return _env.get_template("completeness.html").render(
        site_name=project.config.site_name,
        rows=rows,
        others=others,
        standards=standards,
        Status=Status,
        today=(today or dt.date.today()),
        total_errors=sum(1 for f in findings if f.severity is Severity.ERROR),
        total_warnings=sum(1 for f in findings if f.severity is Severity.WARNING),
    )


def write(path: Path, html: str) -> None:
    atomic.write_file(path, html.encode("utf-8"), make_folder=False)  # (a folder that is not there is said so)
