"""Exact ranking: composite = weighted mean of the group scores + capped bonus, all in Decimal.

0.3 × 85 + 0.4 × 85.5 + 0.3 × 87 and 0.3 × 85 + 0.4 × 87 + 0.3 × 85 are both exactly 85.8 here
and tie; in binary floating point they differ in the last bit.
"""

from __future__ import annotations

from functools import lru_cache

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator import slugs
from generator.model import Brand
from generator.score.rounds import Round
from generator.score.scheme import Scheme

CENT = Decimal("0.01")


def shown(value: Decimal) -> Decimal:
    """Rounded half-up to two decimals, as the results are published."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Standing:
    rank: int
    brand: Brand
    scores: dict[str, Decimal]
    bonus: Decimal  # points after caps
    composite: Decimal  # exact
    change: int | None  # places gained since the previous round of the scheme; None when not in it
    awards: tuple[str, ...]
    returning: bool = False  # not in the previous round of the scheme, but in an earlier one


@dataclass(frozen=True)
class RankedRound:
    id: str
    title: str
    date: dt.date
    scheme: Scheme
    standings: tuple[Standing, ...]


def composite(scores: dict[str, Decimal], bonus_counts: dict[str, Decimal], scheme: Scheme) -> tuple[Decimal, Decimal]:
    """(composite, bonus points) for one brand's row."""
    weighted = sum((g.weight * scores[g.id] for g in scheme.groups), Decimal(0)) / 100
    points = Decimal(0)
    for b in scheme.bonus:
        got = bonus_counts.get(b.id, Decimal(0)) * b.points
        points += min(got, b.cap) if b.cap is not None else got
    return weighted + points, points


def _order_key(scheme: Scheme, row: tuple) -> tuple:
    brand, scores, _, total = row
    key: list = [-total]
    for t in scheme.tie_break:
        key.append((brand.reading[0] if brand.reading else _pinyin(brand.name or brand.slug)) if t == "name"
                   else -scores[t])
    return (*key, brand.slug)


@lru_cache(maxsize=65536)
def _pinyin(name: str) -> str:
    """A name's pinyin for ordering, for a brand the loader gave no reading: pypinyin is slow."""
    return slugs.reading(name)[0]


def rank_round(round_: Round, scheme: Scheme, brands: dict[str, Brand], previous: RankedRound | None,
               earlier: frozenset[str] = frozenset()) -> RankedRound:
    """``earlier``: the brands in any round of the scheme before this one."""
    rows = []
    for entry in round_.entries:
        total, points = composite(entry.scores, entry.bonus, scheme)
        rows.append((brands[entry.brand], entry.scores, points, total))
    rows.sort(key=lambda r: _order_key(scheme, r))
    before = {s.brand.slug: s.rank for s in previous.standings} if previous else {}
    standings = []
    for i, (brand, scores, points, total) in enumerate(rows):
        # standard competition ranking: equal composites share the rank of the first of them
        rank = standings[-1].rank if standings and standings[-1].composite == total else i + 1
        change = before[brand.slug] - rank if brand.slug in before else None
        awards = tuple(a.title for a in scheme.awards if rank <= a.max_rank)
        returning = change is None and brand.slug in earlier
        standings.append(Standing(rank, brand, scores, points, total, change, awards, returning))
    return RankedRound(round_.id, round_.title, round_.date, scheme, tuple(standings))


def rank_all(rounds: list[Round], schemes: dict[str, Scheme], brands: list[Brand]) -> list[RankedRound]:
    """Every published round, oldest first; each compared with the previous published round of its scheme."""
    by_slug = {b.slug: b for b in brands}
    out: list[RankedRound] = []
    last: dict[str, RankedRound] = {}
    seen: dict[str, frozenset[str]] = {}
    for round_ in sorted((r for r in rounds if not r.is_draft), key=lambda r: (r.date, r.id)):
        earlier = seen.get(round_.scheme, frozenset())
        ranked = rank_round(round_, schemes[round_.scheme], by_slug, last.get(round_.scheme), earlier)
        last[round_.scheme] = ranked
        seen[round_.scheme] = earlier | {s.brand.slug for s in ranked.standings}
        out.append(ranked)
    return out
