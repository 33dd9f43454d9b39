"""Apply criteria to brands: findings, and completeness per standard (达标/待完善/缺失)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from generator.check.checks import KINDS
from generator.check.criteria import Criteria, Rule
from generator.findings import Finding
from generator.model import Brand


class Status(str, Enum):
    MET = "达标"
    PARTIAL = "待完善"
    MISSING = "缺失"


@dataclass(frozen=True)
class StandardResult:
    standard: str
    title: str
    status: Status
    passed: int
    total: int


def _format(rule: Rule, values: dict) -> str:
    try:
        return rule.message.format(**{**rule.params, **values})
    except (KeyError, IndexError, ValueError):
        return rule.message  # a site's own message naming a value we do not have


def check_brand(brand: Brand, criteria: Criteria) -> tuple[list[Finding], dict[str, bool]]:
    """Findings for one brand, and which rules passed."""
    findings, passed = [], {}
    for rule in criteria.rules:
        hits = list(KINDS[rule.check].check(brand, rule))
        passed[rule.id] = not hits
        standard = criteria.standards[rule.standard].title
        for hit in hits:
            findings.append(Finding(hit.path, hit.position, rule.severity, rule.id, standard,
                                    _format(rule, hit.values), brand.slug))
    return findings, passed


def check_across(brands: list[Brand], criteria: Criteria) -> list[Finding]:
    """Findings of the rules that compare brands with each other (two published brands of the same name)."""
    findings = []
    for rule in criteria.rules:
        across = getattr(KINDS[rule.check], "across", None)
        if across is None:
            continue
        standard = criteria.standards[rule.standard].title
        for brand, hit in across(brands, rule):
            findings.append(Finding(hit.path, hit.position, rule.severity, rule.id, standard,
                                    _format(rule, hit.values), brand.slug))
    return findings


def completeness(criteria: Criteria, passed: dict[str, bool], broken: bool = False) -> list[StandardResult]:
    """Per standard: all rules pass = 达标, none pass = 缺失, otherwise 待完善.

    ``broken`` marks a brand whose data could not be read fully (contract errors): it
    cannot be 达标 anywhere until those are fixed.
    """
    results = []
    for sid, standard in criteria.standards.items():
        ids = [r.id for r in criteria.rules if r.standard == sid]
        if not ids:
            continue
        ok = sum(1 for rid in ids if passed.get(rid))
        if ok == len(ids) and not broken:
            status = Status.MET
        elif ok == 0:
            status = Status.MISSING
        else:
            status = Status.PARTIAL
        results.append(StandardResult(sid, standard.title, status, ok, len(ids)))
    return results
