"""Criteria files: the brand criteria as data (generator/data/criteria.yml by default).

A site may name its own file. A file with ``extends: default`` starts from the default:
its standards and rules are added or replace those with the same id, and ``disable``
removes rules by id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from generator.check.checks import KINDS
from generator.findings import Finding, Position, Severity
from generator.load.yamlpos import YamlSyntaxError, parse


@dataclass(frozen=True)
class Standard:
    id: str
    title: str
    explain: str = ""


@dataclass(frozen=True)
class Rule:
    id: str
    standard: str
    severity: Severity
    check: str
    message: str
    summary: str = ""
    params: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass
class Criteria:
    standards: dict[str, Standard]
    rules: list[Rule]
    source: str = "default"


class CriteriaError(Exception):
    """A criteria file an editor wrote is unusable; carries findings, not a traceback."""

    def __init__(self, findings: list[Finding]):
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


def default_text() -> str:
    return resources.files("generator.data").joinpath("criteria.yml").read_text("utf-8")


def load(path: Path | None = None, label: str | None = None) -> Criteria:
    """The default criteria, or the file at ``path`` (replacing or extending the default)."""
    if path is None:
        return _build(default_text(), "generator/data/criteria.yml", base=None)
    label = label or path.as_posix()
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CriteriaError([_problem(label, Position(), f"无法读取评价标准文件（{exc.__class__.__name__}）")]) from None
    return _build(text, label, base=load())


def _problem(path: str, position: Position, message: str) -> Finding:
    return Finding(path, position, Severity.ERROR, "criteria.invalid", "评价标准", message)


def _build(text: str, label: str, base: Criteria | None) -> Criteria:
    try:
        doc = parse(text)
    except YamlSyntaxError as exc:
        raise CriteriaError([_problem(label, exc.position, f"YAML 格式错误：{exc.message}")]) from None
    data = doc.data
    if not isinstance(data, dict):
        raise CriteriaError([_problem(label, Position(), "评价标准文件的顶层应为映射，包含 standards 和 rules")])
    problems: list[Finding] = []
    extends = data.get("extends")
    if extends not in (None, "default"):
        problems.append(_problem(label, doc.at("extends"), f"extends 只能是 default，这里是“{extends}”"))
    start = base if (extends == "default" and base is not None) else None
    standards = dict(start.standards) if start else {}
    rules = {r.id: r for r in start.rules} if start else {}

    raw_standards = data.get("standards") or {}
    if not isinstance(raw_standards, dict):
        problems.append(_problem(label, doc.at("standards"), "standards 应为“标识: {title, explain}”映射"))
        raw_standards = {}
    for sid, spec in raw_standards.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("title"), str):
            problems.append(_problem(label, doc.at("standards", str(sid)), f"标准 {sid} 需要 title（中文名称）"))
            continue
        standards[str(sid)] = Standard(str(sid), spec["title"], str(spec.get("explain") or ""))

    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        problems.append(_problem(label, doc.at("rules"), "rules 应为列表"))
        raw_rules = []
    for index, spec in enumerate(raw_rules):
        rule = _rule(spec, index, doc, label, standards, problems)
        if rule:
            rules[rule.id] = rule
    for rid in data.get("disable") or []:
        rules.pop(str(rid), None)
    if problems:
        raise CriteriaError(problems)
    return Criteria(standards, list(rules.values()), label)


_RESERVED = {"id", "standard", "severity", "check", "message", "summary"}


def _rule(spec, index, doc, label, standards, problems) -> Rule | None:
    where = doc.at("rules", index)
    if not isinstance(spec, dict):
        problems.append(_problem(label, where, f"第 {index + 1} 条规则应为映射"))
        return None
    missing = [k for k in ("id", "standard", "severity", "check", "message") if not spec.get(k)]
    if missing:
        problems.append(_problem(label, where, f"规则缺少 {'、'.join(missing)}"))
        return None
    kind = KINDS.get(spec["check"])
    if kind is None:
        problems.append(_problem(label, doc.at("rules", index, "check"),
                                 f"未知的检查类型“{spec['check']}”，可用：{'、'.join(sorted(KINDS))}"))
        return None
    if spec["standard"] not in standards:
        problems.append(_problem(label, doc.at("rules", index, "standard"), f"规则 {spec['id']} 引用了未定义的标准“{spec['standard']}”"))
        return None
    if spec["severity"] not in ("error", "warning"):
        problems.append(_problem(label, doc.at("rules", index, "severity"), "severity 只能是 error 或 warning"))
        return None
    params = {k: v for k, v in spec.items() if k not in _RESERVED}
    unknown = [k for k in params if k not in kind.PARAMS]
    absent = [k for k, default in kind.PARAMS.items() if default is ... and k not in params]
    if unknown or absent:
        problems.append(_problem(label, where, f"规则 {spec['id']}（{spec['check']}）参数不符："
                                 + (f"不认识 {'、'.join(unknown)}；" if unknown else "")
                                 + (f"缺少 {'、'.join(absent)}" if absent else "")))
        return None
    for key, choices in getattr(kind, "CHOICES", {}).items():
        if params.get(key) is not None and params[key] not in choices:
            problems.append(_problem(label, doc.at("rules", index, key),
                                     f"规则 {spec['id']} 的 {key} 只能是 {'、'.join(choices)}，这里是“{params[key]}”"))
            return None
    for key in ("pattern",):
        if key in params:
            try:
                re.compile(params[key])
            except re.error as exc:
                problems.append(_problem(label, doc.at("rules", index, key), f"规则 {spec['id']} 的正则表达式无效（{exc}）"))
                return None
    full = {**kind.PARAMS, **params}
    return Rule(str(spec["id"]), spec["standard"], Severity(spec["severity"]), spec["check"], str(spec["message"]),
                str(spec.get("summary") or ""), full)
