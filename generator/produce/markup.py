"""Rewrites of an article's HTML that channels pick from, each a function on an lxml tree.

WeChat's editor keeps inline styles and little else: no classes or ids, no outside links,
no list inside a list item. Portals and feeds keep links, but need absolute addresses.
"""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

WECHAT_LINK = "https://mp.weixin.qq.com"
# attributes an article keeps; everything else (class, id, title, data-*) is dropped
KEPT_ATTRIBUTES = {"src", "alt", "href", "style", "colspan", "rowspan", "width", "height"}


def parse(fragment: str) -> lxml_html.HtmlElement:
    """The fragment under a neutral <div> parent (not part of the output)."""
    return lxml_html.fragment_fromstring(fragment, create_parent="div")


def serialize(root: lxml_html.HtmlElement) -> str:
    return (root.text or "") + "".join(lxml_html.tostring(c, encoding="unicode") for c in root)


def _element(tag: str, text: str = "", cls: str | None = None) -> lxml_html.HtmlElement:
    el = lxml_html.Element(tag)
    el.text = text or None
    if cls:
        el.set("class", cls)
    return el


def _replace_with(el, nodes: list, keep_tail: bool = True) -> None:
    """Put ``nodes`` (elements or strings) where ``el`` is; lxml drops an element's tail with it."""
    parent, tail = el.getparent(), (el.tail or "") if keep_tail else ""
    index = parent.index(el)
    parent.remove(el)
    anchor = parent[index - 1] if index > 0 else None
    for node in [*nodes, tail]:
        if isinstance(node, str):
            if anchor is None:
                parent.text = (parent.text or "") + node
            else:
                anchor.tail = (anchor.tail or "") + node
        else:
            node.tail = None
            parent.insert(index, node)
            index += 1
            anchor = node


def flatten_lists(root) -> None:
    """No list inside a list item: each nested item becomes a line of its parent item,
    indented and marked (``· `` or ``1. ``), so numbering and reading order stay intact."""
    tops = [li for li in root.iter("li") if not any(a.tag == "li" for a in li.iterancestors())]
    for li in tops:
        _flatten(li, 1)


def _flatten(li, depth: int) -> None:
    for sub in [c for c in li if c.tag in ("ul", "ol")]:
        nodes: list = []
        for n, item in enumerate((c for c in sub if c.tag == "li"), 1):
            _flatten(item, depth + 1)
            for p in [c for c in item if c.tag == "p"]:
                if p.getprevious() is not None or (item.text or "").strip():
                    p.addprevious(_element("br"))
                p.drop_tag()
            line = _element("span", "\u3000" * depth + (f"{n}. " if sub.tag == "ol" else "· ") + (item.text or ""))
            for child in list(item):
                line.append(child)
            nodes += [_element("br"), line]
        _replace_with(sub, nodes)


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def stack_tables(root, cls: str = "wx-stack") -> None:
    """Each table marked ``cls`` becomes one block per row, for a phone: the row's key cells (their
    column header marked ``wx-key``; a cell's ``data-head`` is shown instead of its text) on one line,
    the other cells beneath, each as "header value", sharing a line, but a column marked ``wx-bare``
    without its header and on a line of its own. A five-column table is cut off on a 375 px screen,
    and the editor keeps no stylesheet that could switch the layout there."""
    for table in [t for t in root.iter("table") if cls in _classes(t)]:
        head = table.find(".//thead")
        columns = [(th.text_content().strip(), _classes(th)) for th in (head.iter("th") if head is not None else ())]
        cards = _element("section", cls="wx-cards")
        for tr in table.iter("tr"):
            if head is not None and tr.getparent() is head:
                continue
            top, rest = _element("section", cls="wx-card__head"), _element("section", cls="wx-card__body")
            keys, lines, shared = [], [], []
            for i, cell in enumerate(c for c in tr if c.tag in ("td", "th")):
                label, marks = columns[i] if i < len(columns) else ("", set())
                value = (cell.get("data-head") or cell.text_content()).strip()
                if not value:
                    continue
                if "wx-key" in marks:
                    keys.append(value)
                elif "wx-bare" in marks or not label:
                    lines.append(value)
                else:
                    shared.append(f"{label}\u00a0{value}")
            if shared:
                lines.append("\u3000".join(shared))
            if keys:
                top.append(_element("span", keys[0], cls="wx-rank"))
                for key in keys[1:]:
                    top[-1].tail = "\u3000"
                    top.append(_element("strong", key))
            rest.text = lines[0] if lines else None
            for line in lines[1:]:
                br = _element("br")
                br.tail = line
                rest.append(br)
            card = _element("section", cls="wx-card")
            card.extend(part for part in (top, rest) if len(part) or part.text)
            cards.append(card)
        cards.tail = table.tail
        table.getparent().replace(table, cards)


def wrap_tables(root, cls: str = "wx-scroll") -> None:
    """Each table inside a <section> that scrolls sideways on a narrow phone."""
    for table in list(root.iter("table")):
        parent = table.getparent()
        if parent.tag == "section" and parent.get("class") == cls:
            continue
        box = _element("section", cls=cls)
        table.addprevious(box)
        box.tail, table.tail = table.tail, None
        box.append(table)


def absolute_links(root, base: str) -> None:
    """Relative links made absolute against the page's public address (dropped when there is none)."""
    for a in list(root.iter("a")):
        href = (a.get("href") or "").strip()
        if href.startswith("#") or not href:
            a.drop_tag()
        elif "://" not in href and not href.startswith(("mailto:", "tel:")):
            if base:
                a.set("href", urljoin(base, href))
            else:
                a.drop_tag()


def links_to_references(root, title: str = "参考链接") -> list[str]:
    """Outside links become text with a numbered mark, listed at the end (one number per address).

    Only WeChat's own article links stay links. ``mailto:`` and ``tel:`` become their text,
    with the address written out when the text does not already show it."""
    refs: dict[str, int] = {}
    for a in list(root.iter("a")):
        href = (a.get("href") or "").strip()
        if href.startswith(WECHAT_LINK + "/") or href == WECHAT_LINK:
            continue
        if href.startswith(("mailto:", "tel:")):
            address = href.split(":", 1)[1]
            text = a.text_content()
            a.tail = ("" if address in text else f"（{address}）") + (a.tail or "")
            a.drop_tag()
            continue
        if "://" not in href:
            a.drop_tag()
            continue
        number = refs.setdefault(href, len(refs) + 1)
        mark = _element("sup", f"[{number}]", cls="wx-refmark")
        mark.tail = a.tail
        a.tail = None
        a.addnext(mark)
        a.drop_tag()
    if refs:
        box = _element("section", cls="wx-refs")
        box.append(_element("p", title, cls="wx-refs__title"))
        for url, number in refs.items():
            box.append(_element("p", f"[{number}] {url}", cls="wx-ref"))
        container = root[-1] if len(root) and root[-1].tag == "section" else root
        container.append(box)
    return list(refs)


def place_images(root, sources: dict[str, str]) -> None:
    """Point ``image:N`` sources at their files; an image with no file becomes its alternative text."""
    for img in list(root.iter("img")):
        src = img.get("src", "")
        if src in sources:
            img.set("src", sources[src])
            continue
        alt = img.get("alt")
        _replace_with(img, [f"〔图：{alt}〕" if alt else ""])


def strip_attributes(root, kept: set[str] = KEPT_ATTRIBUTES) -> None:
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in [n for n in el.attrib if n not in kept]:
            del el.attrib[name]


def text_length(fragment: str) -> int:
    """Characters a reader sees (WeChat counts the text, not the markup)."""
    return len("".join(parse(fragment).itertext()).replace("\n", ""))


def remove_comments(root) -> None:
    for comment in list(root.iter(etree.Comment)):
        _replace_with(comment, [])
