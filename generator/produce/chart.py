"""A brand's composite score across rounds, drawn twice for the width it is read at (no script, no fonts fetched).

- ``history_svg``: a line chart for an office screen, an inline SVG shown at its own size (560 px), so its
  12 px labels stay 12 px;
- ``history_rows``: the same points as HTML rows (round, score and rank, a bar), for a phone and for 关怀模式:
  text the browser lays out at the width it has, at the page's own type size, however narrow the screen
  or large the type.
The stylesheet shows one of them. The page puts a table of the same numbers beside both: the text alternative.
"""

from __future__ import annotations

import math
from decimal import Decimal
from xml.sax.saxutils import escape

from generator.produce.dates import round_label

W, H = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 44


def _scale(points: list[dict]) -> tuple[list[float], int, int]:
    """The composites and the axis's ends: five-point steps around them."""
    values = [float(p["composite"]) for p in points]
    return values, math.floor(min(values) / 5) * 5 - 5, math.ceil(max(values) / 5) * 5 + 5


def history_svg(points: list[dict], title: str) -> str:
    """``points``: [{"round", "date", "composite": Decimal, "rank"}], oldest first."""
    values, low, high = _scale(points)
    inner_w, inner_h = W - LEFT - RIGHT, H - TOP - BOTTOM
    step = inner_w / len(points)
    # labels as wide as the space each round has: the rank goes first, then every other round's name
    with_rank = step >= 110
    every = 1 if step >= 90 else math.ceil(90 / step)

    def x(i: int) -> float:
        return LEFT + step * (i + 0.5)

    def y(v: float) -> float:
        return TOP + inner_h * (1 - (v - low) / (high - low))

    parts = [f'<svg class="bs-chart" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
             f'aria-labelledby="bs-chart-title" xmlns="http://www.w3.org/2000/svg"><title id="bs-chart-title">'
             f'{escape(title)}</title>']
    for tick in range(low, high + 1, 5 if high - low <= 30 else 10):
        parts.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#d9e2ec"/>'
                     f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="12" fill="#52606d">{tick}</text>')
    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{line}" fill="none" stroke="#a61b1b" stroke-width="3"/>')
    for i, p in enumerate(points):
        v = values[i]
        label = f"{_fmt(p['composite'])}（第{p['rank']}名）" if with_rank else _fmt(p["composite"])
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="5" fill="#a61b1b"/>'
                     f'<text x="{x(i):.1f}" y="{y(v) - 10:.1f}" text-anchor="middle" font-size="12" fill="#1f2933">'
                     f'{label}</text>')
        if (len(points) - 1 - i) % every == 0:  # the latest round is always named
            parts.append(f'<text x="{x(i):.1f}" y="{H - 18}" text-anchor="middle" font-size="12" fill="#52606d">'
                         f'{escape(round_label(p["round"], p["date"]))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def history_rows(points: list[dict]) -> str:
    """The same points as a list: each round's name, its score and rank, and a bar as long as the line
    chart's height for it (the axis runs over the same five-point steps)."""
    values, low, high = _scale(points)
    rows = "".join(
        f'<li><span class="bs-trend__round">{escape(round_label(p["round"], p["date"]))}</span>'
        f'<span class="bs-trend__value">{_fmt(p["composite"])} 分 · 第 {p["rank"]} 名</span>'
        f'<span class="bs-trend__bar"><span style="width:{100 * (v - low) / (high - low):.1f}%"></span></span></li>'
        for p, v in zip(points, values))
    return (f'<div class="bs-trend" aria-hidden="true"><ol>{rows}</ol>'
            f'<p class="bs-trend__scale">横条按 {low}—{high} 分画出</p></div>')


def _fmt(value: Decimal) -> str:
    return f"{value:.2f}"
