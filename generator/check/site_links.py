"""Links and assets of a built site: every internal link, anchor and asset of every HTML page resolves, and
every ``tel:`` and ``mailto:`` link is well formed (政府网站检查: 链接不可用 costs points, content that cannot be
reached fails the inspection).

`check_built(site, root)` reads the built folder (before it goes live) and returns findings that name where a
broken link came from: a brand's story.md or brand.yml line, a page under content/, or, for what brandsite's
own templates made, the built page itself. `external_links(site, root)` lists the links to other sites for
`brandsite links --external` (publish-side: commands/links.py), which checks them on demand, never during a
build.
"""

from __future__ import annotations

import html
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.findings import Finding, Position, Severity, rel
from generator.load.yamlpos import position_at

STANDARD = "链接与资源"
_ATTR = re.compile(r"""<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?\s(href|src|srcset|poster|data-src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.S)
_ID = re.compile(r"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TEL = re.compile(r"\+?[0-9][0-9\-. ()]*")
_MAIL = re.compile(r"[^@\s,;?/]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_SKIP = ("javascript:", "data:", "blob:", "about:", "sms:", "weixin:")
_POST = re.compile(r"^(?P<news>.+?)/\d{4}/\d{2}/\d{2}/(?P<slug>[^/]+)/index\.html$")


@dataclass
class Page:
    path: str  # relative to the built folder, with forward slashes
    text: str
    ids: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Link:
    page: str
    target: str  # as written in the HTML (entities decoded)
    asset: bool  # an image, script, stylesheet (src, or <link href>), not a link a visitor follows
    offset: int  # where in the page


def read_pages(site: Path) -> dict[str, Page]:
    pages = {}
    for dirpath, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = Path(dirpath) / name
                try:
                    text = path.read_text("utf-8", errors="replace")
                except OSError:
                    continue
                key = path.relative_to(site).as_posix()
                pages[key] = Page(key, text, {html.unescape(a or b) for a, b in _ID.findall(text)})
    return pages


def links_of(page: Page) -> list[Link]:
    out = []
    for m in _ATTR.finditer(page.text):
        tag, attr = m.group(1).lower(), m.group(2).lower()
        value = html.unescape(m.group(3) if m.group(3) is not None else m.group(4) or "").strip()
        values = [v.strip().split(" ")[0] for v in value.split(",")] if attr == "srcset" else [value]
        asset = attr != "href" or tag == "link"
        for v in values:
            if v:
                out.append(Link(page.path, v, asset, m.start(2)))
    return out


def _own_prefixes(site_url: str) -> tuple[str, str]:
    """The site's own address (to read absolute links to it as internal) and its path (to read /-links)."""
    parts = urlsplit(site_url or "")
    base = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    return base, (parts.path or "/").rstrip("/") + "/"


def _resolve(link: Link, own: tuple[str, str]) -> tuple[str, str] | None:
    """(file path in the site, fragment) for an internal link; None for one that leaves the site."""
    target = link.target
    base, prefix = own
    if base and (target.startswith(base + "/") or target == base):
        target = target[len(base):] or "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        path = path[len(prefix) - 1:] if path.startswith(prefix) else path
        joined = path.lstrip("/")
    else:
        here = link.page.rsplit("/", 1)[0] if "/" in link.page else ""
        joined = f"{here}/{path}" if here else path
    norm = os.path.normpath(joined).replace(os.sep, "/") if joined else link.page
    if norm in (".", ""):
        norm = ""
    if norm.startswith(".."):
        return ("..", parts.fragment)  # above the site's root
    if not parts.path:
        norm = link.page
    return norm, unquote(parts.fragment)


def _file_for(site: Path, path: str, pages: dict[str, Page]) -> str | None:
    if path == "..":
        return None
    candidates = [path] if path else []
    candidates += [f"{path}/index.html" if path else "index.html"]
    for c in candidates:
        if c in pages:
            return c
        full = site / c
        if full.is_file():
            return c
    return None


def problems(site: Path, own_url: str = "") -> list[tuple[Link, str, str]]:
    """Every broken link: (the link, a rule id, the Chinese message)."""
    pages = read_pages(site)
    own = _own_prefixes(own_url)
    out = []
    for page in pages.values():
        for link in links_of(page):
            target = link.target
            low = target.lower()
            if low.startswith(_SKIP):
                continue
            if low.startswith("tel:"):
                number = unquote(target[4:]).split(";")[0]
                digits = re.sub(r"\D", "", number)
                if not _TEL.fullmatch(number) or not 3 <= len(digits) <= 20:
                    out.append((link, "link.tel", f"电话链接“{unquote(target)}”格式不对：tel: 后只能是号码（数字，可带 + - 和空格），手机上点不通"))
                continue
            if low.startswith("mailto:"):
                addresses = unquote(target[7:]).split("?")[0]
                if not addresses or not all(_MAIL.fullmatch(a.strip()) for a in addresses.split(",")):
                    out.append((link, "link.mailto", f"邮件链接“{unquote(target)}”格式不对：mailto: 后应是完整的邮箱地址，如 mailto:fuwu@example.gov.cn"))
                continue
            resolved = _resolve(link, own)
            if resolved is None:
                continue
            path, fragment = resolved
            found = _file_for(site, path, pages)
            if found is None:
                what = "图片或资源文件" if link.asset else "页面"
                out.append((link, "asset.missing" if link.asset else "link.broken",
                            f"{_url(link.page)} 中的{'资源' if link.asset else '链接'}“{target}”指向的{what}不存在"))
                continue
            if fragment and not link.asset and found in pages and fragment not in pages[found].ids:
                out.append((link, "link.anchor",
                            f"{_url(link.page)} 中的链接“{target}”：{_url(found)} 里没有“#{fragment}”这个位置（锚点）"))
    return out


def _url(page: str) -> str:
    """A built page as a visitor's address: brands/x/index.html -> /brands/x/."""
    return "/" + (page[: -len("index.html")] if page.endswith("index.html") else page)


def check_built(site: Path, root: Path, shown: str | None = None, own_url: str | None = None) -> list[Finding]:
    """Findings for every broken internal link, anchor, asset, tel: and mailto: link in the built ``site`` of
    the project at ``root``, each at the source it came from. ``shown``: how to name the built folder when a
    link came from brandsite's own templates (default: ``site``)."""
    root = Path(root)
    if own_url is None:
        own_url = _site_url(root)
    found = problems(site, own_url)
    if not found:
        return []
    shown = shown or "site"
    texts: dict[Path, str | None] = {}
    grouped: dict[tuple, list] = defaultdict(list)
    for link, rule, message in found:
        path, position = _source(link, site, root, texts, shown)
        grouped[(path, position.line, position.column, rule, link.target)].append((link, message))
    findings = []
    for (path, line, column, rule, _), items in grouped.items():
        message = items[0][1]
        if len(items) > 1:
            message += f"（共 {len(items)} 处）"
        findings.append(Finding(path, Position(line, column), Severity.ERROR, rule, STANDARD, message))
    return sorted(findings, key=Finding.sort_key)


def _site_url(root: Path) -> str:
    try:
        from generator.config import load_config

        return load_config(root).site_url
    except Exception:  # noqa: BLE001 - an unusable config is reported by the build itself
        return ""


def _read(path: Path, texts: dict) -> str | None:
    if path not in texts:
        try:
            texts[path] = path.read_text("utf-8-sig") if path.is_file() else None
        except (OSError, UnicodeDecodeError):
            texts[path] = None
    return texts[path]


def _candidates(page: str, root: Path) -> list[Path]:
    """The source files a built page was made from, most likely first."""
    docs = _docs_dir(root)
    parts = page.split("/")
    out: list[Path] = []
    if len(parts) == 3 and parts[0] == "brands" and parts[2] == "index.html":
        out += [root / "brands" / parts[1] / "story.md", root / "brands" / parts[1] / "brand.yml"]
    post = _POST.match(page)
    if post:
        posts = root / docs / post["news"] / "posts"
        out.append(posts / f"{post['slug']}.md")
        if posts.is_dir():
            out += sorted(posts.rglob("*.md"))
    stem = page[: -len("index.html")].rstrip("/") if page.endswith("index.html") else page.removesuffix(".html")
    if stem:
        out += [root / docs / f"{stem}.md", root / docs / stem / "index.md"]
    else:
        out.append(root / docs / "index.md")
    return out


def _docs_dir(root: Path) -> str:
    try:
        from generator.config import load_config

        return load_config(root).docs_dir
    except Exception:  # noqa: BLE001
        return "content"


def _needles(target: str) -> list[str]:
    out = [target, unquote(target)]
    bare = re.sub(r"^(?:\.\./|\./)+", "", target)
    out.append(bare)
    low = target.lower()
    if low.startswith(("tel:", "mailto:")):
        out.append(unquote(target.split(":", 1)[1]))
    path = urlsplit(target).path.rstrip("/")
    if path and "/" in path:
        out.append(path.rsplit("/", 1)[1])
    if "#" in target:
        out.append("#" + target.split("#", 1)[1])
    return [n for n in dict.fromkeys(out) if n]


def _source(link: Link, site: Path, root: Path, texts: dict, shown: str) -> tuple[str, Position]:
    for candidate in _candidates(link.page, root):
        text = _read(candidate, texts)
        if not text:
            continue
        for needle in _needles(link.target):
            index = text.find(needle)
            if index >= 0:
                return rel(candidate, root), position_at(text, index)
    page = _read(site / link.page, texts) or ""
    return f"{shown}/{link.page}", position_at(page, link.offset)


def external_links(site: Path, own_url: str = "") -> dict[str, list[Link]]:
    """Every link to another site (http and https) in the built ``site``: address -> the links to it."""
    base, _ = _own_prefixes(own_url)
    out: dict[str, list[Link]] = defaultdict(list)
    for page in read_pages(site).values():
        for link in links_of(page):
            parts = urlsplit(link.target)
            if link.asset or parts.scheme not in ("http", "https") or not parts.netloc:
                continue
            if base and (link.target == base or link.target.startswith(base + "/")):
                continue
            out[link.target.split("#", 1)[0]].append(link)
    return dict(out)


def sources(links: list[Link], site: Path, root: Path, shown: str = "site") -> list[str]:
    """Where each of ``links`` came from, as file:line:col, without repeats."""
    texts: dict = {}
    out = []
    for link in links:
        path, position = _source(link, site, root, texts, shown)
        where = f"{path}:{position.line}:{position.column}"
        if where not in out:
            out.append(where)
    return out


def report(findings: list[Finding], err) -> bool:
    """Print the findings (the build's refusal); True when there were any."""
    from generator.check.output import text_line

    for f in findings:
        print(text_line(f), file=err)
    if findings:
        print(f"\n生成的网站里有 {len(findings)} 处链接或资源打不开，网站未更新（上线的仍是上一版本）。", file=err)
    return bool(findings)
