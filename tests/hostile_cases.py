"""Hostile inputs, as data: what editors' tools really write into each file the generator reads. The
test suite (test_hostile_input.py) checks the message each gets; benches/hostile.py times `check` on each."""

from __future__ import annotations

import io
import zipfile

from tests.conftest import GOOD_BRAND

ROUND_HEAD = "round: 2026-q1\ntitle: 测试\ndate: 2026-04-10\nscheme: ten-best\n"
TABLE_HEAD = "品牌,监督巡视员,服务对象,评审组\n"


def _brand(old: str, new: str) -> bytes:
    assert old in GOOD_BRAND
    return GOOD_BRAND.replace(old, new, 1).encode("utf-8")


def _xlsx_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", "<a>" + "0" * 120_000_000 + "</a>")
    return out.getvalue()


def _alias_bomb() -> str:
    lines, names = ['a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]'], "abcdefghij"
    for prev, name in zip(names, names[1:]):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# name: (file under the site, its bytes, expected rule or None when accepted, where the message points)
BRAND = "brands/wendang/brand.yml"
STORY = "brands/wendang/story.md"
NEWS = "content/news/posts/kaifangri.md"
CASES = {
    # encodings
    "brand-gbk": (BRAND, GOOD_BRAND.encode("gbk"), "file.encoding", BRAND + ":1:"),
    "brand-utf16": (BRAND, GOOD_BRAND.encode("utf-16"), "file.encoding", BRAND + ":1:1"),
    "brand-bom": (BRAND, b"\xef\xbb\xbf" + GOOD_BRAND.encode(), None, None),
    "brand-crlf": (BRAND, GOOD_BRAND.replace("\n", "\r\n").encode(), None, None),
    "brand-mixed-newlines": (BRAND, GOOD_BRAND.replace("unit:", "\r\nunit:", 1).encode(), None, None),
    "story-gbk": (STORY, "# 标题\n\n正文".encode("gbk"), "file.encoding", STORY + ":1:"),
    # YAML features editors never mean
    "brand-alias-bomb": (BRAND, (GOOD_BRAND + _alias_bomb()).encode(), "yaml.syntax", BRAND + ":"),
    "brand-merge-key": (BRAND, (GOOD_BRAND + "base: &b {hotline: '1'}\nx:\n  <<: *b\n").encode(), "yaml.syntax", BRAND + ":"),
    "brand-python-tag": (BRAND, (GOOD_BRAND + "x: !!python/object/apply:os.system ['true']\n").encode(), "yaml.syntax", BRAND + ":34:"),
    "brand-binary-tag": (BRAND, _brand("slogan: 档案连着你我", "slogan: !!binary aGVsbG8="), "contract.type", BRAND + ":6:"),
    "brand-duplicate-key": (BRAND, (GOOD_BRAND + "name: 重复\n").encode(), "yaml.duplicate-key", BRAND + ":34:1"),
    "brand-deep": (BRAND, (GOOD_BRAND + "tags: " + "[" * 200 + "]" * 200 + "\n").encode(), "yaml.syntax", BRAND + ":34:"),
    "brand-huge-file": (BRAND, _brand("vision: 让每一份档案都能被找到", "vision: " + "长" * 400_000), "file.too-large", BRAND + ":1:1"),
    "brand-long-field": (BRAND, _brand("vision: 让每一份档案都能被找到", "vision: " + "长" * 3_000), "text.too-long", BRAND + ":9:"),
    "brand-nul": (BRAND, GOOD_BRAND.encode().replace(b"name:", b"na\x00me:"), "yaml.syntax", BRAND + ":1:"),
    # types
    "brand-name-bool": (BRAND, _brand("name: 文档连心桥", "name: yes"), "contract.type", BRAND + ":1:7"),
    "brand-name-nan": (BRAND, _brand("name: 文档连心桥", "name: .nan"), "contract.type", BRAND + ":1:7"),
    "brand-name-number": (BRAND, _brand("name: 文档连心桥", "name: 12345"), None, None),
    "brand-commitment-number": (BRAND, _brand("  - 一般查询 30 分钟内出具结果", "  - 30"), None, None),
    "round-nan": ("scores/2026-q1.yml", (ROUND_HEAD + "results:\n  - brand: wendang\n    scores: {inspectors: .nan, clients: 90, panel: 90}\n").encode(), "score.number", "scores/2026-q1.yml:7:"),
    "round-percent": ("scores/2026-q1.yml", (ROUND_HEAD + "results:\n  - brand: wendang\n    scores: {inspectors: 90%, clients: 90, panel: 90}\n").encode(), "score.number", "scores/2026-q1.yml:7:"),
    "round-full-width-digits": ("scores/2026-q1.yml", (ROUND_HEAD + "results:\n  - brand: wendang\n    scores: {inspectors: ９０, clients: 90, panel: 90}\n").encode(), None, None),
    "round-out-of-range": ("scores/2026-q1.yml", (ROUND_HEAD + "results:\n  - brand: wendang\n    scores: {inspectors: 1e400, clients: 90, panel: 90}\n").encode(), "score.range", "scores/2026-q1.yml:6:"),
    "table-empty-cell": ("scores/2026-q1.csv", (TABLE_HEAD + "wendang,,90,90\n").encode(), "score.group-missing", "scores/2026-q1.csv:2:"),
    "table-gbk": ("scores/2026-q1.csv", (TABLE_HEAD + "wendang,90,90,90\n").encode("gbk"), None, None),
    "table-binary": ("scores/2026-q1.csv", bytes(range(256)) * 20, "round.file", "scores/2026-q1.csv:1:1"),
    "table-formula": ("scores/2026-q1.csv", (TABLE_HEAD + '=HYPERLINK("http://x"),90,90,90\n').encode(), "score.brand-unknown", "scores/2026-q1.csv:2:"),
    "table-huge": ("scores/2026-q1.csv", TABLE_HEAD.encode() + b"wendang,90,90,90\n" * 700_000, "round.file", "scores/2026-q1.csv:1:1"),
    "table-many-rows": ("scores/2026-q1.csv", TABLE_HEAD.encode() + b"wendang,90,90,90\n" * 30_000, "round.file", "scores/2026-q1.csv:"),
    "xlsx-bomb": ("scores/2026-q1.xlsx", _xlsx_bomb(), "round.file", "scores/2026-q1.xlsx:1:1"),
    "xlsx-not-a-zip": ("scores/2026-q1.xlsx", b"PK\x03\x04 not really", "round.file", "scores/2026-q1.xlsx:1:1"),
    # invisible and confusable characters
    "brand-zero-width": (BRAND, _brand("name: 文档连心桥", "name: 文档\u200b连心桥"), "text.invisible", BRAND + ":1:9"),
    "brand-bidi-override": (BRAND, _brand("slogan: 档案连着你我", "slogan: 档案\u202e连着你我"), "text.invisible", BRAND + ":6:11"),
    "brand-full-width-spaces": (BRAND, _brand("name: 文档连心桥", "name: \u3000文档连心桥\u3000"), None, None),
    "story-bidi": (STORY, "# 标题\n\n正文\u202e倒过来".encode(), "text.invisible", STORY + ":3:3"),
    # paths
    "logo-absolute": (BRAND, _brand("logo: logo.png", "logo: /etc/passwd"), "file.outside", BRAND + ":4:7"),
    "logo-parent": (BRAND, _brand("logo: logo.png", "logo: ../../mkdocs.yml"), "file.outside", BRAND + ":4:7"),
    "logo-windows-drive": (BRAND, _brand("logo: logo.png", r"logo: C:\logo.png"), "file.outside", BRAND + ":4:7"),
    "logo-other-case": (BRAND, _brand("logo: logo.png", "logo: LOGO.PNG"), "file.missing", BRAND + ":4:7"),
    "photo-parent": (BRAND, _brand("photos/hall.jpg", "../../../etc/hostname"), "file.outside", BRAND + ":32:11"),
    # news posts and the site configuration
    "news-quoted-date": (NEWS, "---\ndate: '2026-10-01'\n---\n\n# 开放日\n\n正文\n".encode(), None, None),
    "news-no-date": (NEWS, "---\ntitle: 开放日\n---\n\n# 开放日\n".encode(), "news.date", NEWS + ":"),
    "news-gbk": (NEWS, "---\ndate: 2026-10-01\n---\n\n# 开放日\n".encode("gbk"), "file.encoding", NEWS + ":"),
    "news-alias": (NEWS, b"---\ndate: 2026-10-01\na: &a [1]\nb: *a\n---\n# t\n", "news.front-matter", NEWS + ":3:"),
    "news-huge": (NEWS, b"---\ndate: 2026-10-01\n---\n" + b"x" * (2 * 1024 * 1024), "file.too-large", NEWS + ":1:1"),
    "mkdocs-broken-yaml": ("mkdocs.yml", b"site_name: [\n", "config.invalid", "mkdocs.yml:"),
    "mkdocs-gbk": ("mkdocs.yml", "site_name: 服务品牌\n".encode("gbk"), "config.invalid", "mkdocs.yml:"),
    "mkdocs-list": ("mkdocs.yml", b"- a\n", "config.invalid", "mkdocs.yml:"),
    # resource bombs
    "story-huge": (STORY, b"# a\n" + ("长" * 1000 + "\n").encode() * 1200, "file.too-large", STORY + ":1:1"),
}
ROUND_FILES = {"scores/2026-q1.csv": ROUND_HEAD + "results_file: 2026-q1.csv\n",
               "scores/2026-q1.xlsx": ROUND_HEAD + "results_file: 2026-q1.xlsx\n"}
