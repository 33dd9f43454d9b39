"""A province's worth of brands: no gallery or results page carries the whole list, and every link lands."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from generator import slugs
from generator.pipeline import load_project
from generator.produce import leaderboard, pages
from generator.produce.images import Placed
from generator.produce.pages import Card

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def project():
    return load_project(ROOT)


@pytest.fixture(scope="module")
def cards(project):
    """The demo's published brands seven times over: 280 brands in six categories."""
    logo = Placed("logo.png", "logo.webp", 512, 512)
    return [Card(dataclasses.replace(b, slug=f"{b.slug}-{i}"), logo, dt.date(2026, 1, 1))
            for i in range(7) for b in project.published]


def meta(markdown: str) -> dict:
    return yaml.safe_load(markdown.split("---\n")[1])


def linked_folders(markdown: str, folder: str) -> set[str]:
    """Every relative folder link on a page, resolved against the page's own folder."""
    out = set()
    for href in re.findall(r'href="((?:\.\./)+[^"#?]*)"', markdown):
        parts = folder.split("/") + href.rstrip("/").split("/")
        stack: list[str] = []
        for p in parts:
            if p == "..":
                stack.pop()
            else:
                stack.append(p)
        out.add("/".join(stack))
    return out


def test_gallery_pages_split_every_category_and_link_to_pages_that_exist(cards, project):
    made = dict(pages.gallery_pages(cards, slugs.unique(list(project.config.categories), "category")))
    assert "brands" in made  # the gallery still starts at /brands/
    shown = {f: re.findall(r'class="bs-card" data-category="([^"]+)"', md) for f, md in made.items()}
    assert max(len(s) for s in shown.values()) == pages.GALLERY_PAGE < len(cards)
    every = [f for f in made if f == "brands" or re.fullmatch(r"gallery/\d+", f)]
    assert sum(len(shown[f]) for f in every) == len(cards)  # the "全部" pages list each brand once
    for category in {c.brand.category for c in cards}:
        in_category = [f for f, s in shown.items() if s and set(s) == {category} and f not in every]
        assert sum(len(shown[f]) for f in in_category) == sum(c.brand.category == category for c in cards)
    for folder, markdown in made.items():
        targets = {t for t in linked_folders(markdown, folder) if not t.startswith("brands/")}
        assert targets <= set(made), (folder, targets - set(made))
        brand_links = {t for t in linked_folders(markdown, folder) if t.startswith("brands/") and t != "brands"}
        assert brand_links <= {f"brands/{c.brand.slug}" for c in cards}
    page_two = made["gallery/2"]
    assert "第 2 页，共 5 页" in page_two and 'rel="prev"' in page_two and 'rel="next"' in page_two
    assert meta(page_two)["search"] == {"exclude": True} and "search" not in meta(made["brands"])  # only page 1 is searched


def test_round_pages_show_at_most_a_hundred_rows_with_overall_ranks(cards, project):
    ranked = project.ranked()[-1]
    row = leaderboard.view(ranked, {})["rows"][0]
    rows = [dict(row, slug=f"b{i}", rank=i + 1, category=("政务服务", "城乡建设")[i % 2]) for i in range(250)]
    data = dict(leaderboard.view(ranked, {}), rows=rows, counts=[("政务服务", 125), ("城乡建设", 125)])
    made = dict(leaderboard.round_pages(data, {"政务服务": "zhengwu-fuwu", "城乡建设": "chengxiang-jianshe"}))
    base = f"leaderboard/{ranked.id}"
    assert set(made) >= {base, f"{base}/2", f"{base}/3"}
    for folder, markdown in made.items():
        assert markdown.count("<tr data-category") <= leaderboard.ROUND_PAGE
        assert linked_folders(markdown, folder) - {"leaderboard", "api/rounds"} <= set(made) | {
            f"brands/b{i}" for i in range(250)} | {f"api/rounds/{ranked.id}.json", f"api/rounds/{ranked.id}.csv"}
    category_two = [f for f in made if f.startswith(base + "/") and f.endswith("/2") and f != f"{base}/2"]
    assert len(category_two) == 2  # 125 brands a category: two pages each
    ranks = [int(r) for r in re.findall(r'<td class="bs-rank"[^>]*>(\d+)</td>', made[category_two[0]])]
    assert len(ranks) == 25 and ranks == sorted(ranks) and ranks[0] > 200  # ranks among all brands, not renumbered
