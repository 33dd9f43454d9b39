"""Turning editors' text into safe HTML."""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3

# what a brand story may contain once rendered; everything else is dropped
STORY_TAGS = {
    "p", "br", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "blockquote", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "a", "img", "figure", "figcaption", "hr", "code", "pre", "sup", "sub",
}
STORY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"}, "th": {"scope"}}


_HEADING = re.compile(r"<(/?)h([1-6])\b")


def _demote(m: re.Match) -> str:
    # the story sits under the page's own h2 "品牌故事": its headings start at h3
    return f"<{m[1]}h{min(6, max(3, int(m[2]) + 1))}"


@lru_cache(maxsize=256)  # a feed and `serve` reuse a few; thousands would hold hundreds of MB
def story_html(source: str) -> str:
    """Markdown -> HTML -> sanitised HTML: no script, no event handlers, no javascript: links.

    Remembered by text: Markdown is the largest share of producing a brand page (about 7 ms a
    story), and under ``serve`` only the story that changed is rendered again."""
    rendered = markdown.markdown(source, extensions=["tables", "sane_lists"], output_format="html")
    rendered = _HEADING.sub(_demote, rendered)
    return nh3.clean(
        rendered,
        tags=STORY_TAGS,
        attributes=STORY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
