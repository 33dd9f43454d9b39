"""A brand's composite score across rounds as a small inline SVG line chart (no script, no fonts fetched).

The page puts a table of the same numbers beside it: the chart's text alternative.
"""

from __future__ import annotations

import math
from decimal import Decimal
from xml.sax.saxutils import escape

W, H = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


def history_svg(points: list[dict], title: str) -> str:
    """``points``: [{"round", "composite": Decimal, "rank"}], oldest first."""
    values = [float(p["composite"]) for p in points]
    low = math.floor(min(values) / 5) * 5 - 5
    high = math.ceil(max(values) / 5) * 5 + 5
    inner_w, inner_h = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (inner_w * (i + 0.5) / len(points))

    def y(v: float) -> float:
        return TOP + inner_h * (1 - (v - low) / (high - low))

    parts = [f'<svg class="bs-chart" viewBox="0 0 {W} {H}" width="100%" role="img" aria-labelledby="bs-chart-title" '
             f'xmlns="http://www.w3.org/2000/svg"><title id="bs-chart-title">{escape(title)}</title>']
    for tick in range(low, high + 1, 5 if high - low <= 30 else 10):
        parts.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#d9e2ec"/>'
                     f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="12" fill="#52606d">{tick}</text>')
    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{line}" fill="none" stroke="#a61b1b" stroke-width="3"/>')
    for i, p in enumerate(points):
        v = values[i]
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="5" fill="#a61b1b"/>'
                     f'<text x="{x(i):.1f}" y="{y(v) - 10:.1f}" text-anchor="middle" font-size="12" fill="#1f2933">'
                     f'{_fmt(p["composite"])}（第{p["rank"]}名）</text>'
                     f'<text x="{x(i):.1f}" y="{H - 14}" text-anchor="middle" font-size="12" fill="#52606d">{escape(p["round"])}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _fmt(value: Decimal) -> str:
    return f"{value:.2f}"
