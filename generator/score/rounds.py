"""Round files: scores/<round>.yml with inline results or a results_file (CSV/XLSX) beside it.

Every problem is a 错误 naming the file and the row (the YAML line, or the spreadsheet row).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from generator.load.dates import full_date
from generator.findings import Finding, Position, Severity, rel
from generator.load.brands import read_text, resolve_inside
from generator.load.yamlpos import YamlSyntaxError, parse
from generator.model import Brand
from generator.score import tables
from generator.score.scheme import STANDARD, Scheme, to_decimal

KEYS = {"round", "title", "date", "status", "scheme", "results", "results_file", "sheet"}


@dataclass(frozen=True)
class Entry:
    brand: str
    scores: dict[str, Decimal]
    bonus: dict[str, Decimal]  # items counted (golden ideas), not points
    where: str  # 第 N 行, for messages
    unreadable: frozenset = frozenset()  # groups whose cell was written but is not a number (reported once)


@dataclass
class Round:
    id: str
    title: str
    date: dt.date | None
    scheme: str
    source: str
    status: str = "published"
    entries: list[Entry] = field(default_factory=list)
    files: tuple[str, ...] = ()  # the round file and its table, relative to the site root
    broken: bool = False  # had errors: checked and reported, never published

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


class _Out:
    def __init__(self, path: str):
        self.path, self.findings = path, []

    def error(self, rule: str, message: str, position: Position = Position()) -> None:
        self.findings.append(Finding(self.path, position, Severity.ERROR, rule, STANDARD, message))


def load_round(path: Path, root: Path, schemes: dict[str, Scheme], brands: dict[str, Brand]) -> tuple[Round | None, list[Finding]]:
    """The round (``broken`` when it has errors), or None when the file is not even a YAML mapping."""
    out = _Out(rel(path, root))
    text, finding = read_text(path, out.path, kind="round", inside=root)
    if finding:
        return None, [finding]
    try:
        doc = parse(text)
    except YamlSyntaxError as exc:
        out.error("round.yaml", exc.message, exc.position)
        return None, out.findings
    data = doc.data
    if not isinstance(data, dict):
        out.error("round.invalid", "评价轮次文件应为映射（round、title、date、scheme、results）")
        return None, out.findings
    for key in data:
        if key not in KEYS:
            out.error("round.key", f"不认识的键“{key}”（可用：{'、'.join(sorted(KEYS))}）", doc.key_at(key))
    rid = str(data.get("round") or "")
    if rid != path.stem:
        out.error("round.id", f"round 应与文件名一致：文件名是 {path.stem}，这里写的是“{rid}”", doc.at("round"))
    date = full_date(data.get("date"))
    if date is None:
        written = data.get("date")
        shown = f"，这里写的是“{written}”" if written not in (None, "") else "，这里没有填写"
        out.error("round.date", f"date 应为发布日期，格式 2026-10-08{shown}", doc.at("date"))
    status = str(data.get("status") or "published")
    if status not in ("published", "draft"):
        out.error("round.status", f"status 只能是 published 或 draft，这里是“{status}”", doc.at("status"))
    source = out.path
    round_ = Round(rid or path.stem, str(data.get("title") or rid), date, str(data.get("scheme") or ""), source, status,
                   files=(source,), broken=True)
    scheme = schemes.get(round_.scheme)
    if scheme is None:
        out.error("round.scheme", f"未知的评分方案“{data.get('scheme')}”（可用：{'、'.join(sorted(schemes))}）", doc.at("scheme"))
        return round_, out.findings
    if ("results" in data) == ("results_file" in data):
        out.error("round.results", "results（直接写成绩）和 results_file（成绩表文件）应写且只写一项", doc.at())
        return round_, out.findings
    if "results" in data:
        entries = _inline(data["results"], doc, scheme, out)
    else:
        entries = _from_table(path.parent, str(data["results_file"]), data.get("sheet"), doc, scheme, out)
        round_.files = (source, out.path)
    round_.entries = _check_entries(entries, scheme, brands, status == "draft", out)
    round_.broken = bool(out.findings) or date is None
    return round_, out.findings


def _inline(results, doc, scheme: Scheme, out: _Out) -> list[tuple[Entry, Position]]:
    if not isinstance(results, list):
        out.error("round.results", "results 应为列表，每项写 brand、scores（和 bonus）", doc.at("results"))
        return []
    groups, bonuses = {g.id for g in scheme.groups}, {b.id for b in scheme.bonus}
    entries = []
    for i, item in enumerate(results):
        at = doc.at("results", i)
        if not isinstance(item, dict) or not item.get("brand"):
            out.error("score.row", f"results 第 {i + 1} 项应写 brand 和 scores", at)
            continue
        scores, bonus, unreadable = {}, {}, set()
        for part, known, target in (("scores", groups, scores), ("bonus", bonuses, bonus)):
            values = item.get(part) or {}
            if not isinstance(values, dict):
                out.error("score.row", f"{part} 应为“编号: 分数”的映射", doc.at("results", i, part))
                continue
            for key, value in values.items():
                where = doc.at("results", i, part, key)
                if key not in known:
                    out.error("score.group-unknown", f"评分方案 {scheme.id} 没有“{key}”这一项（可用：{'、'.join(sorted(known))}）", doc.key_at("results", i, part, key))
                elif (number := to_decimal(value)) is None:
                    out.error("score.number", f"{key} 的值“{value}”不是数字{_number_hint(value)}", where)
                    unreadable.add(str(key))
                else:
                    target[str(key)] = number
        entries.append((Entry(str(item["brand"]), scores, bonus, f"第 {i + 1} 项", frozenset(unreadable)), at))
    return entries


def _from_table(folder: Path, written: str, sheet, doc, scheme: Scheme, out: _Out) -> list[tuple[Entry, Position]]:
    target = resolve_inside(folder, written)
    if target is None or not target.is_file():
        out.error("round.file", f"找不到成绩表文件“{written}”（应放在 scores/ 文件夹里）", doc.at("results_file"))
        return []
    label = rel(target, folder.parent)
    out.path = label  # from here on, findings point into the table
    try:
        header, rows = tables.read(target, str(sheet) if sheet else None)
    except tables.TableError as exc:
        out.error("round.file", f"成绩表无法读取：{exc.message}", Position(exc.line, 1))
        return []
    columns = scheme.columns()
    mapped = {}
    for index, name in enumerate(header, start=1):
        if not name:
            continue
        if name not in columns:
            out.error("score.group-unknown", f"表头“{name}”不是评分方案 {scheme.id} 的一项（可用：{'、'.join(columns)}）", Position(1, index))
        else:
            mapped[name] = (columns[name], index)
    if "brand" not in {v[0] for v in mapped.values()}:
        out.error("score.header", "表头缺少“brand”或“品牌”列", Position(1, 1))
    groups = {g.id for g in scheme.groups}
    entries = []
    for row in rows:
        brand, scores, bonus, unreadable = "", {}, {}, set()
        for name, text in row.cells.items():
            if name not in mapped:
                continue
            key, column = mapped[name]
            if key == "brand":
                brand = text
            elif (number := to_decimal(text)) is None:
                out.error("score.number", f"第 {row.line} 行 {name} 的值“{text}”不是数字{_number_hint(text)}",
                          Position(row.line, column))
                unreadable.add(key)
            else:
                (scores if key in groups else bonus)[key] = number
        entries.append((Entry(brand, scores, bonus, f"第 {row.line} 行", frozenset(unreadable)), Position(row.line, 1)))
    return entries


def _number_hint(value) -> str:
    """What to write instead, when the cell is a number with a unit or a thousands mark (92分, 9,2)."""
    text = str(value).strip()
    if text[:1].isdigit() and text.endswith(("分", "条", "个", "%", "％")):
        return f"：只写数字，如 {text.rstrip('分条个%％').strip()}"
    return ""


def _resolve(written: str, brands: dict[str, Brand | None]) -> tuple[Brand | None, str]:
    """The brand a row names, by its folder name or else by its name when no other brand has it; else why not
    (nothing, for a folder whose brand.yml could not be read: ``brands`` holds it as None)."""
    from generator.check.checks.unique import key
    from generator.load.contract import suggest

    if written in brands:
        return brands[written], ""
    named = [b for b in brands.values() if b and b.name and key(b.name) == key(written)]
    if len(named) == 1:
        return named[0], ""
    if named:
        folders = "、".join(f"brands/{b.slug}/" for b in named)
        return None, f"有 {len(named)} 个品牌都叫“{written}”（{folders}），请写品牌文件夹名"
    candidates = list(brands) + [b.name for b in brands.values() if b and b.name]
    hint = suggest(written, candidates)
    return None, f"没有叫“{written}”的品牌（写品牌文件夹名，如 {next(iter(brands), 'wendang-lianxinqiao')}，或品牌名称）{hint}"


def _check_entries(entries, scheme: Scheme, brands: dict[str, Brand], draft_round: bool, out: _Out) -> list:
    """Each entry checked, with the brand it names by its folder name (a row may name the brand by its name)."""
    seen: dict[str, str] = {}
    resolved = []
    for entry, at in entries:
        if not entry.brand:
            out.error("score.brand", f"{entry.where}没有写品牌", at)
            resolved.append(entry)
            continue
        brand, why_not = _resolve(entry.brand, brands)
        if brand is None:
            if why_not:  # else a folder whose brand.yml could not be read
                out.error("score.brand-unknown", f"{entry.where}：{why_not}", at)
        else:
            entry = replace(entry, brand=brand.slug)
            if brand.is_draft and not draft_round:
                out.error("score.brand-draft", f"{entry.where}：品牌“{entry.brand}”还是草稿，不能公布成绩", at)
        if entry.brand in seen:
            out.error("score.duplicate", f"{entry.where}：品牌“{entry.brand}”在本轮出现了两次（另见{seen[entry.brand]}）", at)
        seen.setdefault(entry.brand, entry.where)
        resolved.append(entry)
        for group in scheme.groups:
            value = entry.scores.get(group.id)
            if value is None:
                if group.id not in entry.unreadable:  # already reported where it is written
                    out.error("score.group-missing", f"{entry.where}：缺少“{group.label}”（{group.id}）的评分", at)
            elif not scheme.low <= value <= scheme.high:
                out.error("score.range", f"{entry.where}：{group.label}评分 {value} 超出 {scheme.low}—{scheme.high} 的范围", at)
        for bonus in scheme.bonus:
            count = entry.bonus.get(bonus.id)
            if count is not None and count < 0:
                out.error("score.range", f"{entry.where}：{bonus.label}不能为负数", at)
    return resolved


def load_rounds(root: Path, schemes: dict[str, Scheme], brands: list[Brand],
                unreadable: frozenset[str] = frozenset()) -> tuple[list[Round], list[Finding]]:
    """Every round in scores/. ``unreadable``: brand folders whose brand.yml could not be read; a row naming
    one is not reported as naming no brand (the brand's own error says what to mend)."""
    folder = root / "scores"
    by_slug = {slug: None for slug in unreadable} | {b.slug: b for b in brands}
    rounds, findings = [], []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        round_, found = load_round(path, root, schemes, by_slug)
        findings.extend(found)
        if round_:
            rounds.append(round_)
    return rounds, findings
