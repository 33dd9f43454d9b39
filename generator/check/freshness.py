"""Column freshness: the news column (动态) is stale when its newest published post is older than the site's
``news_fresh_days`` (14 by default: 政府网站检查指标 count a 动态 or 通知公告 column not updated for two weeks as
a failure). A warning at the newest post's date, or at the column's page when it has no post at all."""

from __future__ import annotations

import datetime as dt
import re

from generator.config import SiteConfig
from generator.findings import Finding, Position, Severity
from generator.model import NewsPost

STANDARD = "栏目更新"
_DATE = re.compile(r"^date:", re.M)


def stale_news(config: SiteConfig, news: list[NewsPost], today: dt.date | None = None) -> list[Finding]:
    if not config.news_dir:
        return []
    today = today or dt.date.today()
    days = config.news_fresh_days
    published = [p for p in news if not p.draft and p.date <= today]
    column = f"{config.docs_dir}/{config.news_dir}"
    if not published:
        index = config.root / config.docs_dir / config.news_dir / "index.md"
        if not index.is_file():
            return []  # no column page: the column is not in the site's navigation (engine/mkdocs.py)
        return [Finding(f"{column}/index.md", Position(), Severity.WARNING, "news.empty", STANDARD,
                        f"动态栏目（{column}/posts/）还没有已发布的文章，网站上暂不显示这个栏目：政府网站检查要求"
                        "动态类栏目两周内有更新，请发布文章")]
    newest = published[0]
    age = (today - newest.date).days
    if age <= days:
        return []
    return [Finding(newest.source, _date_line(config, newest), Severity.WARNING, "news.stale", STANDARD,
                    f"动态栏目已 {age} 天没有更新：最新一篇“{newest.title}”发布于 {newest.date:%Y-%m-%d}，"
                    f"超过 {days} 天（政府网站检查要求动态类栏目两周内更新，逾期属单项否决）")]


def _date_line(config: SiteConfig, post: NewsPost) -> Position:
    try:
        text = (config.root / post.source).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return Position()
    m = _DATE.search(text)
    return Position(text.count("\n", 0, m.start()) + 1, 1) if m else Position()
