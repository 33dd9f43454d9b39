"""Leaderboard pages, the home page's top 10, brands' score history and /api/rounds/<round>.json.

Plain functions of ranked rounds (generator.score.rank); numbers are shown rounded half-up to 2 decimals.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from generator.produce import paging, spreadsheet
from generator.produce.dates import chinese
from generator.produce.images import Placed
from generator.produce.pages import front_matter, render
from generator.score.rank import RankedRound, shown
from generator.score.scheme import plain


def _change(change: int | None, returning: bool = False) -> tuple[str, str]:
    if change is None:
        return ("上轮未参评", "same") if returning else ("新", "new")
    if change > 0:
        return f"↑{change}", "up"
    if change < 0:
        return f"↓{-change}", "down"
    return "—", "same"


def _tie_break(r: RankedRound) -> str:
    labels = {g.id: f"{g.label}评分高者在前" for g in r.scheme.groups} | {"name": "品牌名称拼音顺序"}
    return "、再按".join(labels[t] for t in r.scheme.tie_break)


def view(r: RankedRound, logos: dict[str, Placed]) -> dict:
    """What the round table shows: every number already formatted."""
    rows = []
    for s in r.standings:
        text, kind = _change(s.change, s.returning)
        rows.append({
            "rank": s.rank, "slug": s.brand.slug, "name": s.brand.name, "unit": s.brand.unit,
            "category": s.brand.category, "logo": logos.get(s.brand.slug),
            "scores": [plain(s.scores[g.id]) for g in r.scheme.groups],
            "bonus": plain(s.bonus), "composite": f"{shown(s.composite):.2f}",
            "change_text": text, "change_kind": kind, "awards": s.awards,
        })
    counts = Counter(row["category"] for row in rows)
    return {
        "id": r.id, "title": r.title, "date": r.date, "date_zh": chinese(r.date), "rows": rows,
        "counts": sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
        "groups": [{"label": g.label, "weight": plain(g.weight)} for g in r.scheme.groups],
        "bonus": [{"label": b.label} for b in r.scheme.bonus],
        "explain": r.scheme.explain(), "tie_break": _tie_break(r),
    }


ROUND_PAGE = 100  # rows a results page shows


def _listings(data: dict, category_folders: dict[str, str]) -> list[paging.Listing]:
    """A round's pages: all brands by rank, then each category (most brands first), 100 rows a page."""
    return paging.listings(data["rows"], lambda row: row["category"],
                           {name: category_folders[name] for name, _ in data["counts"]},
                           ROUND_PAGE, f"leaderboard/{data['id']}")


def round_pages(data: dict, category_folders: dict[str, str]) -> list[tuple[str, str]]:
    """One round's pages as (folder, Markdown), from its ``view``; ``category_folders`` names each
    category's folder."""
    out = []
    for listing in _listings(data, category_folders):
        title = listing.title(data["title"])
        meta = {"title": title, "description": f"{title}：名次、各组评分、加分与综合得分", "hide": ["navigation", "toc"]}
        if not listing.first:
            meta["search"] = {"exclude": True}
        out.append((listing.folder, render("round.md", r=data, listing=listing, front=front_matter(meta))))
    return out


def index_page(views: list[dict], category_folders: dict[str, str]) -> str:
    """The leaderboard index, from the rounds' ``view``s, newest first: the latest round's first page."""
    listing = replace(_listings(views[0], category_folders)[0], folder="leaderboard") if views else None
    return render("leaderboard.md", latest=views[0] if views else None, rounds=views, listing=listing)


def top(r: RankedRound | None, limit: int = 10) -> dict | None:
    """The latest round's top ``limit`` for the home page."""
    if r is None:
        return None
    rows = [{"rank": s.rank, "slug": s.brand.slug, "name": s.brand.name, "unit": s.brand.unit,
             "composite": f"{shown(s.composite):.2f}", "awards": s.awards}
            for s in r.standings if s.rank <= limit]
    return {"id": r.id, "title": r.title, "date_zh": chinese(r.date), "rows": rows}


def history(rounds: list[RankedRound]) -> dict[str, list[dict]]:
    """Each brand's standing in every round it took part in, oldest first."""
    out: dict[str, list[dict]] = {}
    for r in rounds:
        for s in r.standings:
            out.setdefault(s.brand.slug, []).append(
                {"round": r.id, "title": r.title, "date": r.date, "rank": s.rank, "total": len(r.standings),
                 "composite": shown(s.composite), "awards": s.awards})
    return out


def _json_plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def round_csv(r: RankedRound) -> bytes:
    """The round's results as the evaluation office opens them in Excel (produce/spreadsheet.py)."""
    header = ["名次", "品牌", "品牌编号", "创建单位", "类别", *(g.label for g in r.scheme.groups), "加分", "综合得分",
              "名次变化", "荣誉"]
    rows = [[s.rank, s.brand.name, s.brand.slug, s.brand.unit, s.brand.category,
             *(_json_plain(s.scores[g.id]) for g in r.scheme.groups), _json_plain(s.bonus),
             _json_plain(shown(s.composite)), "" if s.change is None else s.change, "、".join(s.awards)]
            for s in r.standings]
    return spreadsheet.csv_bytes(header, rows)


def round_json(r: RankedRound) -> bytes:
    data = {
        "round": r.id, "title": r.title, "date": r.date.isoformat(), "scheme": r.scheme.id,
        "results": [
            {"rank": s.rank, "brand": s.brand.slug, "name": s.brand.name, "unit": s.brand.unit,
             "category": s.brand.category, "scores": {g.id: _json_plain(s.scores[g.id]) for g in r.scheme.groups},
             "bonus": _json_plain(s.bonus), "composite": _json_plain(shown(s.composite)), "change": s.change,
             "awards": list(s.awards)}
            for s in r.standings
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
