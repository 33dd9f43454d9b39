"""Findings for people and tools: text lines, JSON, GitHub workflow annotations, GitLab Code Quality."""

from __future__ import annotations

import json

from generator.findings import Finding, Severity


def text_line(f: Finding) -> str:
    return f"{f.path}:{f.position.line}:{f.position.column}: {f.severity.label} {f.rule} [{f.standard}] {f.message}"


def github_line(f: Finding) -> str:
    level = "error" if f.severity is Severity.ERROR else "warning"

    def esc(value: str, prop: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if prop else value

    title = esc(f"{f.rule} [{f.standard}]", prop=True)
    return f"::{level} file={esc(f.path, True)},line={f.position.line},col={f.position.column},title={title}::{esc(f.message)}"


def summary(project, findings) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    waiting = sum(1 for b in project.brands if b.waits_for_review)
    drafts = sum(1 for b in project.brands if b.is_draft) - waiting
    # a brand whose brand.yml could not be read was checked too: its findings say why
    read = {b.slug for b in project.brands}
    unread = len({f.brand for f in findings if f.brand and f.brand not in read})
    notes = "，".join(n for n in (f"草稿 {drafts} 个" if drafts else "", f"待审核 {waiting} 个" if waiting else "",
                                 f"无法读取 {unread} 个" if unread else "") if n)
    head = f"检查了 {len(project.brands) + unread} 个品牌" + (f"（其中{notes}）" if notes else "")
    if project.rounds:
        draft_rounds = sum(1 for r in project.rounds if r.is_draft)
        head += f"、{len(project.rounds)} 轮评价" + (f"（其中草稿 {draft_rounds} 轮）" if draft_rounds else "")
    if not findings:
        return f"{head}：全部符合标准。"
    return f"{head}：{errors} 个错误，{warnings} 个警告。"


def completeness_lines(project) -> list[str]:
    lines = []
    for brand in project.brands:
        results = project.completeness.get(brand.slug, [])
        parts = "，".join(f"{r.title} {r.status.value}" for r in results)
        draft = "（草稿）" if brand.is_draft else ""
        lines.append(f"  {brand.name or brand.slug}（{brand.slug}）{draft}：{parts}")
    return lines


def as_json(project, findings) -> str:
    return json.dumps(
        {
            "summary": {
                "brands": len(project.brands),
                "errors": sum(1 for f in findings if f.severity is Severity.ERROR),
                "warnings": sum(1 for f in findings if f.severity is Severity.WARNING),
            },
            "findings": [
                {
                    "path": f.path, "line": f.position.line, "column": f.position.column,
                    "severity": f.severity.value, "rule": f.rule, "standard": f.standard,
                    "message": f.message, "brand": f.brand,
                }
                for f in findings
            ],
            "brands": [
                {
                    "slug": b.slug, "name": b.name, "status": b.status,
                    "completeness": {r.standard: r.status.value for r in project.completeness.get(b.slug, [])},
                }
                for b in project.brands
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def as_code_quality(findings) -> str:
    """GitLab's Code Quality report (artifacts:reports:codequality): the documented subset of the Code
    Climate issue format. The fingerprint leaves out the line, so a finding that moves stays the same."""
    import hashlib

    seen: dict[str, int] = {}

    def issue(f: Finding) -> dict:
        key = "\0".join((f.path, f.rule, f.message))
        seen[key] = seen.get(key, 0) + 1  # the same finding twice in one file: two issues, not one
        key += f"\0{seen[key]}"
        return {
            "description": f"[{f.standard}] {f.message}",
            "check_name": f.rule,
            "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest()[:32],
            "severity": "major" if f.severity is Severity.ERROR else "minor",
            "location": {"path": f.path, "lines": {"begin": f.position.line}},
        }

    return json.dumps([issue(f) for f in findings], ensure_ascii=False, indent=2)
