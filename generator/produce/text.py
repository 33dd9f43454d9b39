"""Turning editors' text into safe HTML."""

from __future__ import annotations

import re
from functools import lru_cache

import cmarkgfm
import lxml.html
import nh3
from cmarkgfm.cmark import Options

# what a brand story may contain once rendered; everything else is dropped
STORY_TAGS = {
    "p", "br", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "blockquote", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "th", "td", "a", "img", "figure", "figcaption", "hr", "code", "pre", "sup", "sub",
    "del",
}
STORY_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"}, "th": {"scope"}}


# no "autolink": it would run a bare URL on into the Chinese text after it
_EXTENSIONS = ["table", "strikethrough"]
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def _demote(m: re.Match) -> str:
    # the story sits under the page's own h2 "品牌故事": its headings start at h3
    return f"<{m[1]}h{min(6, max(3, int(m[2]) + 1))}"


@lru_cache(maxsize=256)  # a feed and `serve` reuse a few; thousands would hold hundreds of MB
def story_html(source: str) -> str:
    """Markdown -> HTML -> sanitised HTML: no script, no event handlers, no javascript: links.

    GitHub's CommonMark (cmark-gfm, in C) rather than Python-Markdown: stories are the bulk of a
    build's own text (2.4 ms a story against 0.1 ms, at 1,000 brands the largest share of
    producing pages), and CommonMark's lists and line rules are what editors' tools write.
    Raw HTML is let through to nh3, which is the one place that decides what is safe (GitHub's
    tag filter would instead print a <script> element's code as text)."""
    rendered = cmarkgfm.markdown_to_html_with_extensions(source, Options.CMARK_OPT_UNSAFE, _EXTENSIONS)
    rendered = _HEADING.sub(_demote, rendered)
    return nh3.clean(
        rendered,
        tags=STORY_TAGS,
        attributes=STORY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def label_table_cells(fragment: str) -> str:
    """Each body cell of a story's tables told its column's header (``data-label``): on a phone the
    stylesheet shows every row as a card of "header: value" lines instead of columns off the screen."""
    if "<table" not in fragment:
        return fragment
    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for table in root.iter("table"):
        heads = [th.text_content().strip() for th in table.xpath("./thead/tr[1]/th")]
        for row in table.xpath("./tbody/tr"):
            for head, cell in zip(heads, row.xpath("./td|./th")):
                if head:
                    cell.set("data-label", head)
    return (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
