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
import posixpath
import re
import sys
from collections import defaultdict
from typing import NamedTuple
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.findings import Finding, Position, Severity, rel
from generator.incremental import store
from generator.incremental.stamp import stamp
from generator.load.yamlpos import position_at

STANDARD = "链接与资源"
# a literal first character lets the regex engine skip ahead: a space or a line break before the attribute
_ATTRS = tuple(re.compile(c + r"""(href|src|srcset|poster)=(?:"([^"]*)"|'([^']*)')""") for c in (" ", "\n", "\t"))
_LINK_TAG = re.compile(r"<link\b[^>]*>")  # <link href>: a stylesheet or an icon, an asset like a src
_IDS = tuple(re.compile(c + r"""=(?:"([^"]*)"|'([^']*)')""") for c in (" id", " name", "\nid", "\nname"))
_TEL = re.compile(r"\+?[0-9][0-9\-. ()]*")
_MAIL = re.compile(r"[^@\s,;?/]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_SKIP = ("javascript:", "data:", "blob:", "about:", "sms:", "weixin:")
_POST = re.compile(r"^(?P<news>.+?)/\d{4}/\d{2}/\d{2}/(?P<slug>[^/]+)/index\.html$")


class Page:
    """A built page: its links and anchors, read from its file when first asked for (or taken from ``known``: what
    an earlier check read of the same file, by its stamp). Its text is not kept: at 10,000 brands the pages'
    texts alone would be most of a gigabyte."""

    def __init__(self, path: str, file: Path, known: tuple | None = None):
        self.path = path  # relative to the built folder, with forward slashes
        self.file = file
        self.text_read = False
        self._links: list[Link] | None = None
        self._ids: set[str] | None = None
        if known is not None:
            self._links, self._ids = known[0], set(known[1])

    @property
    def text(self) -> str:
        try:
            return self.file.read_text("utf-8", errors="replace")
        except OSError:
            return ""

    def _read(self) -> None:
        text = self.text
        self.text_read = True
        self._links = links_of(self, text)
        self._ids = {html.unescape(a or b) for pattern in _IDS for a, b in pattern.findall(text)}

    @property
    def ids(self) -> set[str]:
        """The anchors of the page."""
        if self._ids is None:
            self._read()
        return self._ids

    @property
    def links(self) -> list[Link]:
        if self._links is None:
            self._read()
        return self._links

    def remembered(self) -> tuple:
        return self.links, sorted(self.ids)


class Link(NamedTuple):
    """A link of a page (a tuple, and its page and target shared strings: a site has a million of them)."""

    page: str
    target: str  # as written in the HTML (entities decoded)
    asset: bool  # an image, script, stylesheet (src, or <link href>), not a link a visitor follows
    offset: int  # where in the page


def _stamp(path: Path):
    return stamp(path.stat())


def read_pages(site: Path, memo: dict | None = None) -> dict[str, Page]:
    """Every HTML page of the built ``site``. ``memo`` (page -> (stamp, links, anchors)) holds what an earlier
    check read: a page whose file has the same stamp is not read again, and ``memo`` is brought up to date."""
    pages = {}
    seen = set()
    for dirpath, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = Path(dirpath) / name
                key = path.relative_to(site).as_posix()
                known = None
                if memo is not None:
                    try:
                        stamp = _stamp(path)
                    except OSError:
                        continue
                    entry = memo.get(key)
                    if entry is not None and entry[0] == stamp:
                        known = entry[1:]
                pages[key] = Page(key, path, known)
                seen.add(key)
    return pages


def links_of(page: Page, text: str) -> list[Link]:
    path = sys.intern(page.path)
    link_tags = [(m.start(), m.end()) for m in _LINK_TAG.finditer(text)]
    last_tag = link_tags[-1][1] if link_tags else -1
    out = []
    for m in (m for pattern in _ATTRS for m in pattern.finditer(text)):
        attr = m.group(1)
        value = m.group(2) if m.group(2) is not None else m.group(3) or ""
        if "&" in value:
            value = html.unescape(value)
        value = value.strip()
        if not value:
            continue
        at = m.start(1)
        asset = attr != "href" or (at < last_tag and any(s <= at < e for s, e in link_tags))
        if attr == "srcset":
            for v in value.split(","):
                v = v.strip().split(" ")[0]
                if v:
                    out.append(Link(path, sys.intern(v), True, at))
        else:
            out.append(Link(path, sys.intern(value), asset, at))
    return out


def _own_prefixes(site_url: str) -> tuple[str, str]:
    """The site's own address (to read absolute links to it as internal) and its path (to read /-links)."""
    parts = urlsplit(site_url or "")
    base = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    return base, (parts.path or "/").rstrip("/") + "/"


def _resolve(link: Link, own: tuple[str, str]) -> tuple[str, str] | None:
    """(file path in the site, fragment) for an internal link; None for one that leaves the site."""
    target = link.target
    if ":" not in target and not target.startswith(("/", "#")):  # a relative link, the most common: no urlsplit
        path, _, fragment = target.partition("#")
        path = path.partition("?")[0]
        if "%" in path:
            path = unquote(path)
        if not path:
            return link.page, unquote(fragment)
        here = link.page.rpartition("/")[0]
        norm = posixpath.normpath(f"{here}/{path}" if here else path)
        if norm == ".":
            norm = ""
        return ("..", fragment) if norm.startswith("..") else (norm, unquote(fragment) if "%" in fragment else fragment)
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


def _file_for(path: str, files: set[str]) -> str | None:
    if path == "..":
        return None
    if path and path in files:
        return path
    index = f"{path}/index.html" if path else "index.html"
    return index if index in files else None


def site_files(site: Path) -> set[str]:
    """Every file of the built site, relative to it, with forward slashes (one walk instead of a stat a link)."""
    out = set()
    base = len(os.fspath(site)) + 1
    for dirpath, _, names in os.walk(site):
        prefix = dirpath[base:].replace(os.sep, "/")
        for name in names:
            out.add(f"{prefix}/{name}" if prefix else name)
    return out


def problems(site: Path, own_url: str = "", memo_file: Path | None = None) -> list[tuple[Link, str, str]]:
    """Every broken link: (the link, a rule id, the Chinese message). ``memo_file``: where to keep what was read
    of each page between checks (a rebuilt site changes few pages)."""
    memo = _load_memo(memo_file) if memo_file is not None else None
    pages = read_pages(site, memo)
    files = site_files(site)
    own = _own_prefixes(own_url)
    out = []
    resolved_in: dict[tuple[str, str], tuple[str, str] | None] = {}  # (the page's folder, target) -> resolved
    for page in pages.values():
        folder = page.path.rsplit("/", 1)[0] if "/" in page.path else ""
        for link in page.links:
            target = link.target
            low = target[:11].lower()
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
            if target[0] == "#":
                fragment = unquote(target[1:])
                if fragment and fragment not in page.ids:
                    out.append((link, "link.anchor",
                                f"{_url(page.path)} 中的链接“{target}”：{_url(page.path)} 里没有“#{fragment}”这个位置（锚点）"))
                continue
            key = (folder, target)
            if key not in resolved_in:
                resolved = _resolve(link, own)
                resolved_in[key] = None if resolved is None else (_file_for(resolved[0], files) or "", resolved[1])
            found = resolved_in[key]
            if found is None:
                continue
            found, fragment = found
            if not found:
                what = "图片或资源文件" if link.asset else "页面"
                out.append((link, "asset.missing" if link.asset else "link.broken",
                            f"{_url(link.page)} 中的{'资源' if link.asset else '链接'}“{target}”指向的{what}不存在"))
                continue
            if fragment and not link.asset and found in pages and fragment not in pages[found].ids:
                out.append((link, "link.anchor",
                            f"{_url(link.page)} 中的链接“{target}”：{_url(found)} 里没有“#{fragment}”这个位置（锚点）"))
    if memo_file is not None and (memo is None or set(memo) != set(pages)
                                  or any(page.text_read for page in pages.values())):
        _save_memo(memo_file, site, pages)
    return out


MEMO_FORMAT = 2  # (stamp, [Link], [anchor]) by page


def _load_memo(path: Path) -> dict:
    data = store.load(path)
    return data[1] if isinstance(data, tuple) and len(data) == 2 and data[0] == MEMO_FORMAT else {}


def _save_memo(path: Path, site: Path, pages: dict[str, Page]) -> None:
    memo = {}
    for key, page in pages.items():
        try:
            memo[key] = (_stamp(page.file), *page.remembered())
        except OSError:
            continue
    store.dump(path, (MEMO_FORMAT, memo))  # (a disk that refuses it: the next check reads every page again)


def _url(page: str) -> str:
    """A built page as a visitor's address: brands/x/index.html -> /brands/x/."""
    return "/" + (page[: -len("index.html")] if page.endswith("index.html") else page)


def check_built(site: Path, root: Path, shown: str | None = None, own_url: str | None = None,
                memo: Path | None = None) -> list[Finding]:
    """Findings for every broken internal link, anchor, asset, tel: and mailto: link in the built ``site`` of
    the project at ``root``, each at the source it came from. ``shown``: how to name the built folder when a
    link came from brandsite's own templates (default: ``site``); ``memo``: a file to keep what was read of each page
    for the next check (a build passes one under .brandsite/cache/)."""
    root = Path(root)
    if own_url is None:
        own_url = _site_url(root)
    found = problems(site, own_url, memo)
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
        for link in page.links:
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
