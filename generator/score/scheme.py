"""Scoring schemes as data: groups with weights, the scale, capped bonuses, awards, the tie-break."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path

from generator.findings import Finding, Position, Severity
from generator.load.yamlpos import Document, YamlSyntaxError, parse

STANDARD = "评价结果"


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    weight: Decimal  # per cent


@dataclass(frozen=True)
class Bonus:
    id: str
    label: str
    points: Decimal  # per item counted
    cap: Decimal | None  # most points a brand gets from this bonus in one round


@dataclass(frozen=True)
class Award:
    title: str
    max_rank: int


@dataclass(frozen=True)
class Scheme:
    id: str
    title: str
    low: Decimal
    high: Decimal
    groups: tuple[Group, ...]
    bonus: tuple[Bonus, ...] = ()
    awards: tuple[Award, ...] = ()
    tie_break: tuple[str, ...] = ("name",)

    def columns(self) -> dict[str, str]:
        """Every accepted column header (id or Chinese label) -> the id it stands for."""
        out = {"brand": "brand", "品牌": "brand", "品牌名称": "brand"}
        for item in (*self.groups, *self.bonus):
            out[item.id] = item.id
            out[item.label] = item.id
        return out

    def explain(self) -> str:
        """How the composite is computed, in one Chinese sentence."""
        parts = "、".join(f"{g.label} {plain(g.weight)}%" for g in self.groups)
        text = f"综合得分 = 各组评分按权重加权（{parts}）"
        for b in self.bonus:
            cap = f"，每轮最多加 {plain(b.cap)} 分" if b.cap is not None else ""
            text += f" + {b.label}加分（每条 {plain(b.points)} 分{cap}）"
        return text + "，按四舍五入保留两位小数显示。"


def plain(value: Decimal) -> str:
    """A Decimal without trailing zeros or exponent: 30, 85.5."""
    return format(value.normalize(), "f")


def default_text() -> str:
    return resources.files("generator.data").joinpath("schemes.yml").read_text("utf-8")


def load(path: Path | None, label: str | None) -> tuple[dict[str, Scheme], list[Finding]]:
    """The default schemes, with a site's own file (if any) laid over them by id."""
    schemes, findings = _parse(default_text(), "generator/data/schemes.yml")
    if path is not None:
        if not path.is_file():
            return schemes, [Finding(label or str(path), Position(), Severity.ERROR, "scheme.file", STANDARD,
                                     "找不到评分方案文件")]
        own, found = _parse(path.read_text("utf-8-sig"), label or str(path))
        schemes.update(own)
        findings += found
    return schemes, findings


def _parse(text: str, label: str) -> tuple[dict[str, Scheme], list[Finding]]:
    findings: list[Finding] = []

    def error(rule: str, message: str, position: Position) -> None:
        findings.append(Finding(label, position, Severity.ERROR, rule, STANDARD, message))

    try:
        doc = parse(text)
    except YamlSyntaxError as exc:
        error("scheme.yaml", exc.message, exc.position)
        return {}, findings
    if not isinstance(doc.data, dict):
        error("scheme.invalid", "评分方案文件应为“方案编号: 设置”的映射", Position())
        return {}, findings
    schemes = {}
    for sid, raw in doc.data.items():
        scheme = _scheme(str(sid), raw, doc, error)
        if scheme is not None:
            schemes[scheme.id] = scheme
    return schemes, findings


def to_decimal(value) -> Decimal | None:
    """A number written in YAML or a spreadsheet cell, read exactly from its text; None if it is not one."""
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _labelled(sid: str, raw: dict, key: str, amount: str, rule: str, what: str, doc: Document, error):
    """The items of ``groups`` or ``bonus`` as (id, label, amount, item); None after reporting a bad one."""
    out = []
    for i, item in enumerate(raw.get(key) or []):
        value = to_decimal(item.get(amount)) if isinstance(item, dict) else None
        if not isinstance(item, dict) or not item.get("id") or value is None:
            error(rule, f"评分方案 {sid} 的第 {i + 1} {what}应有 id、label 和 {amount}", doc.at(sid, key, i))
            return None
        out.append((str(item["id"]), str(item.get("label") or item["id"]), value, item))
    return out


def _scheme(sid: str, raw, doc: Document, error) -> Scheme | None:
    if not isinstance(raw, dict):
        error("scheme.invalid", f"评分方案 {sid} 的设置应为映射", doc.at(sid))
        return None
    scale = raw.get("scale") or [0, 100]
    low, high = (to_decimal(scale[0]), to_decimal(scale[1])) if isinstance(scale, list) and len(scale) == 2 else (None, None)
    if low is None or high is None or low >= high:
        error("scheme.scale", f"评分方案 {sid} 的 scale 应写成 [最低分, 最高分]", doc.at(sid, "scale"))
        return None
    items = _labelled(sid, raw, "groups", "weight", "scheme.group", "个评分组", doc, error)
    if items is None:
        return None
    groups = [Group(gid, label, weight) for gid, label, weight, _ in items]
    if not groups:
        error("scheme.group", f"评分方案 {sid} 没有评分组（groups）", doc.at(sid))
        return None
    total = sum(g.weight for g in groups)
    if total != 100:
        error("scheme.weights", f"评分方案 {sid} 各组权重之和为 {plain(total)}，应为 100", doc.at(sid, "groups"))
        return None
    items = _labelled(sid, raw, "bonus", "points", "scheme.bonus", "项加分", doc, error)
    if items is None:
        return None
    bonus = [Bonus(bid, label, points, to_decimal(item.get("cap"))) for bid, label, points, item in items]
    awards = tuple(Award(str(a["title"]), int(a["max_rank"])) for a in raw.get("awards") or []
                   if isinstance(a, dict) and a.get("title") and isinstance(a.get("max_rank"), int))
    known = {g.id for g in groups} | {"name"}
    tie_break = tuple(str(t) for t in raw.get("tie_break") or ["name"])
    for t in tie_break:
        if t not in known:
            error("scheme.tie-break", f"评分方案 {sid} 的 tie_break 中“{t}”不是评分组编号或 name", doc.at(sid, "tie_break"))
            return None
    return Scheme(sid, str(raw.get("title") or sid), low, high, tuple(groups), tuple(bonus), awards, tie_break)
