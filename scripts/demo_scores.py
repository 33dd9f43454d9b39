"""Writes the demo evaluation rounds under scores/: one inline YAML round, one GB18030 CSV as Excel on
Chinese Windows saves it, one XLSX sheet, and a draft. Scores are invented (seeded), brands are the demo's.
Run once to regenerate: .venv/bin/python scripts/demo_scores.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from pathlib import Path

import yaml
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
SCORES = ROOT / "scores"


def published() -> list[str]:
    out = []
    for folder in sorted((ROOT / "brands").iterdir()):
        data = yaml.safe_load((folder / "brand.yml").read_text("utf-8"))
        if data.get("status", "published") == "published":
            out.append(folder.name)
    return out


def results(brands: list[str], seed: int) -> list[dict]:
    rnd = random.Random(seed)
    rows = []
    for slug in brands:
        base = rnd.uniform(80, 95)
        scores = {g: round(min(100, base + rnd.uniform(-4, 4)) * 2) / 2 for g in ("inspectors", "clients", "panel")}
        rows.append({"brand": slug, "scores": scores, "bonus": {"golden_ideas": rnd.choice([0, 0, 1, 2, 3, 6])}})
    # the issue's own example: both composites are exactly 85.8 and must tie
    rows[0]["scores"] = {"inspectors": 85, "clients": 85.5, "panel": 87}
    rows[1]["scores"] = {"inspectors": 85, "clients": 87, "panel": 85}
    rows[0]["bonus"] = rows[1]["bonus"] = {"golden_ideas": 0}
    return rows


def head(round_id: str, title: str, date: str, **extra) -> dict:
    return {"round": round_id, "title": title, "date": dt.date.fromisoformat(date), "scheme": "ten-best", **extra}


class _NoAliases(yaml.SafeDumper):
    """Shared values written out in full: brandsite refuses anchors and aliases, which editors never need."""

    def ignore_aliases(self, data):
        return True


def dump(path: Path, data: dict) -> None:
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=1000), "utf-8")


HEADER = ["品牌", "监督巡视员", "服务对象", "评审组", "金点子"]


def table_rows(rows: list[dict]) -> list[list]:
    return [[r["brand"], r["scores"]["inspectors"], r["scores"]["clients"], r["scores"]["panel"], r["bonus"]["golden_ideas"]]
            for r in rows]


if __name__ == "__main__":
    SCORES.mkdir(exist_ok=True)
    brands = published()
    rnd = random.Random(7)
    q1 = rnd.sample(brands, 30)
    dump(SCORES / "2026-q1.yml", head("2026-q1", "2026年第一季度服务品牌创建评价", "2026-04-10")
         | {"results": results(q1, 1)})

    q2 = rnd.sample(brands, 34)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([HEADER, *table_rows(results(q2, 2))])
    (SCORES / "2026-q2.csv").write_bytes(buf.getvalue().encode("gb18030"))
    dump(SCORES / "2026-q2.yml", head("2026-q2", "2026年第二季度服务品牌创建评价", "2026-07-10", results_file="2026-q2.csv"))

    q3 = rnd.sample(brands, 36)
    book = Workbook()
    sheet = book.active
    sheet.title = "评价结果"
    for row in [HEADER, *table_rows(results(q3, 3))]:
        sheet.append(row)
    book.save(SCORES / "2026-q3.xlsx")
    dump(SCORES / "2026-q3.yml", head("2026-q3", "2026年第三季度服务品牌创建评价", "2026-10-08",
                                       results_file="2026-q3.xlsx", sheet="评价结果"))

    dump(SCORES / "2026-q4.yml", head("2026-q4", "2026年第四季度服务品牌创建评价（审核中）", "2027-01-10", status="draft")
         | {"results": results(rnd.sample(brands, 10), 4)})
    print("wrote 4 rounds")
