"""Every article a project can publish: one spotlight per published brand, one announcement per published round."""

from __future__ import annotations

from generator.load.contract import suggest
from generator.pipeline import Project
from generator.produce import leaderboard
from generator.produce.article import Article, brand_article, round_article


class NotPublished(Exception):
    pass


def organizer(project: Project) -> str:
    gov = (project.config.raw.get("extra") or {}).get("government") or {}
    return str(gov.get("host") or project.config.site_name)


def articles(project: Project, only: str | None = None) -> list[Article]:
    """All articles, brands by slug then rounds newest first; ``only`` keeps the one with that id."""
    config = project.config
    brands = sorted((b for b in project.published if only in (None, b.slug)), key=lambda b: b.slug)
    ranked = project.ranked()
    histories = leaderboard.history(ranked)
    updated = project.updated()
    out = [brand_article(b, updated[b.folder], histories.get(b.slug, []), config.site_url, config.site_name)
           for b in brands]
    out += [round_article(r, config.site_url, organizer(project)) for r in reversed(ranked) if only in (None, r.id)]
    return out


def find(project: Project, ident: str) -> Article:
    """The article for a brand slug or round id; NotPublished says in Chinese why there is none."""
    if any(b.slug == ident and b.is_draft for b in project.brands):
        raise NotPublished(f"品牌 {ident} 是草稿（status: draft），草稿不会导出")
    if any(r.id == ident and r.is_draft for r in project.rounds):
        raise NotPublished(f"评价轮次 {ident} 是草稿（status: draft），草稿不会导出")
    if any(b.slug == ident for b in project.brands) and ident not in {b.slug for b in project.published}:
        raise NotPublished(f"品牌 {ident} 有错误未通过检查，不能导出；请先运行 brandsite check")
    if any(r.id == ident and r.broken for r in project.rounds):
        raise NotPublished(f"评价轮次 {ident} 有错误未通过检查，不能导出；请先运行 brandsite check")
    for article in articles(project, only=ident):
        return article
    known = [b.slug for b in project.published] + [r.id for r in project.rounds if not r.is_draft]
    raise NotPublished(f"没有名为 {ident} 的品牌或评价轮次{suggest(ident, known)}")
