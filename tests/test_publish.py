"""brandsite export: WeChat articles and portal fragments, checked against every rule the editors impose.

The rules are checked here with lxml on the produced files, independently of the code that
makes them; images and covers are opened with Pillow; the copy button runs in Chromium.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html
from PIL import Image

from generator.cli import main
from tests.conftest import GOOD_BRAND, add_draft_brand, copy_demo, serve_folder

DRAFT_MARKER = "草稿标记WX3K"
RICH = "fuza-gushi"
RICH_STORY = """\
# 我们的故事

服务指南见[市政府门户](https://www.example.gov.cn/fuwu)和[公众号文章](https://mp.weixin.qq.com/s/AbCdEf123)。
再看一次[同一个门户](https://www.example.gov.cn/fuwu)，另有[办事指南](https://zwfw.example.gov.cn/guide?id=1&x=2)。
来信请寄[写信给我们](mailto:fuwu@example.gov.cn)。兄弟品牌见[文档连心桥](../wendang-lianxinqiao/)，[回到顶部](#top)。

| 事项 | 时限 | 地点 |
| --- | --- | --- |
| 查档 | 30 分钟 | 一楼大厅 |
| 复印 | 即时办结 | 二楼窗口 |

1. 第一步取号
    - 现场取号
    - 网上预约
        - 微信预约
        - 电话预约
2. 第二步办理
3. 第三步评价

![办事大厅全景](photos/story.jpg)

![外部图片说明](https://cdn.example.com/x.jpg)

<script>window.__pwned = 1</script>
"""
EXTERNAL = ["https://www.example.gov.cn/fuwu", "https://zwfw.example.gov.cn/guide?id=1&x=2",
            "https://pinpai.jgsw.gov.cn/brands/wendang-lianxinqiao/",  # a relative link, made absolute
            f"https://pinpai.jgsw.gov.cn/brands/{RICH}/"]  # the article's own page on the site


def _noise_jpeg(path: Path, size=(3000, 2000)) -> None:
    """A photo that is far over 1 MB as a JPEG: random noise does not compress."""
    rng = random.Random(7)
    Image.frombytes("RGB", size, bytes(rng.getrandbits(8) for _ in range(size[0] * size[1] * 3))).save(path, "JPEG", quality=95)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("publish"))
    rich = root / "brands" / RICH
    (rich / "photos").mkdir(parents=True)
    (rich / "brand.yml").write_text(GOOD_BRAND.replace("name: 文档连心桥", "name: 复杂故事"), "utf-8")
    shutil.copy(root / "brands" / "wendang-lianxinqiao" / "logo.png", rich / "logo.png")
    shutil.copy(root / "brands" / "wendang-lianxinqiao" / "photos" / "01.jpg", rich / "photos" / "hall.jpg")
    _noise_jpeg(rich / "photos" / "story.jpg")
    (rich / "story.md").write_text(RICH_STORY, "utf-8")
    add_draft_brand(root, DRAFT_MARKER)
    for target in (RICH, "wendang-lianxinqiao", "2026-q3"):
        assert main(["-C", str(root), "export", "wechat", target]) == 0
    assert main(["-C", str(root), "export", "portal"]) == 0
    return root


def exported(demo: Path, ident: str) -> Path:
    return demo / "exports" / "wechat" / ident


def article(demo: Path, ident: str):
    return lxml_html.fragment_fromstring((exported(demo, ident) / "article.html").read_text("utf-8"), create_parent="div")


def styles(el) -> dict[str, str]:
    pairs = [p.split(":", 1) for p in (el.get("style") or "").split(";") if ":" in p]
    return {k.strip().lower(): v.strip().lower() for k, v in pairs}


ARTICLES = [RICH, "wendang-lianxinqiao", "2026-q3"]


@pytest.mark.parametrize("ident", ARTICLES)
def test_wechat_article_keeps_only_what_the_editor_keeps(demo, ident):
    text = (exported(demo, ident) / "article.html").read_text("utf-8")
    assert len(text) < 20_000
    root = article(demo, ident)
    for el in root.iter():
        if not isinstance(el.tag, str) or el is root:
            continue
        assert el.tag not in {"style", "script", "link", "iframe", "meta", "object", "embed"}, el.tag
        assert "class" not in el.attrib and "id" not in el.attrib, lxml_html.tostring(el)[:80]
        assert not any(a.startswith("on") for a in el.attrib), el.attrib
        style = el.get("style") or ""
        assert "var(" not in style and "--" not in style, style
        assert "position" not in styles(el), style
        if el.tag == "li":
            assert not el.xpath(".//ul|.//ol"), "a list inside a list item"
        if el.tag == "img":
            assert not el.get("src", "").startswith("data:")
        if el.tag == "a":
            assert el.get("href", "").startswith("https://mp.weixin.qq.com/"), el.get("href")
    for table in root.iter("table"):
        box = table.getparent()
        assert box.tag == "section" and styles(box).get("overflow-x") == "auto"


@pytest.mark.parametrize("ident", ARTICLES)
def test_house_style_is_restrained_and_readable(demo, ident):
    top = styles(article(demo, ident)[0])
    assert 15 <= int(top["font-size"].removesuffix("px")) <= 17
    assert top["line-height"] == "1.75"
    colours = {v for el in article(demo, ident).iter() if isinstance(el.tag, str) for k, v in styles(el).items() if k == "color"}
    assert colours and not colours & {"#000", "#000000", "black"}


def test_outside_links_become_numbered_references(demo):
    root = article(demo, RICH)
    text = root.text_content()
    refs = [re.fullmatch(r"\[(\d+)\] (\S+)", p.text_content()) for p in root.iter("p")]
    refs = [m.groups() for m in refs if m]
    assert [url for _, url in refs] == EXTERNAL  # one number per address, in reading order
    assert [int(n) for n, _ in refs] == [1, 2, 3, 4]
    assert text.count("[1]") == 3  # the portal link twice in the story, once in the list
    assert "市政府门户[1]" in text and "同一个门户[1]" in text and "办事指南[2]" in text
    assert "写信给我们（fuwu@example.gov.cn）" in text and "回到顶部" in text
    kept = [a.get("href") for a in root.iter("a")]
    assert kept == ["https://mp.weixin.qq.com/s/AbCdEf123"]
    assert "window.__pwned" not in (exported(demo, RICH) / "article.html").read_text("utf-8")


def test_nested_lists_are_flattened_in_reading_order(demo):
    root = article(demo, RICH)
    items = [li for li in root.iter("li") if "取号" in li.text_content()]
    assert len(items) == 1
    lines = [ln.strip() for ln in items[0].itertext() if ln.strip()]
    assert lines == ["第一步取号", "· 现场取号", "· 网上预约", "· 微信预约", "· 电话预约"]
    numbered = [li.text_content().strip()[:5] for li in items[0].getparent() if li.tag == "li"]
    assert numbered == ["第一步取号", "第二步办理", "第三步评价"]


def test_images_are_files_beside_the_article_under_1_mb(demo):
    folder = exported(demo, RICH)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    sources = [img.get("src") for img in article(demo, RICH).iter("img")]
    assert sources == [i["path"] for i in manifest["images"]] and len(sources) == 3  # logo, gallery photo, story photo
    for entry in manifest["images"]:
        data = (folder / entry["path"]).read_bytes()
        assert len(data) == entry["bytes"] < 1_000_000
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        with Image.open(folder / entry["path"]) as im:
            assert im.format == {"image/jpeg": "JPEG", "image/png": "PNG"}[entry["type"]]
            assert max(im.size) <= 1080 and "exif" not in im.info
    assert (demo / "brands" / RICH / "photos" / "story.jpg").stat().st_size > 1_000_000  # the source was over the limit
    assert "〔图：外部图片说明〕" in article(demo, RICH).text_content()  # never fetched from outside


def test_manifest_fits_the_editor_fields(demo):
    for ident in ARTICLES:
        manifest = json.loads((exported(demo, ident) / "manifest.json").read_text("utf-8"))
        assert 0 < len(manifest["title"]) <= 32 and 0 < len(manifest["digest"]) <= 120
        assert manifest["author"] == "市直机关工委" and manifest["cover"] == "cover.png" and manifest["thumb"] == "thumb.png"
    brand = json.loads((exported(demo, "wendang-lianxinqiao") / "manifest.json").read_text("utf-8"))
    assert brand["title"].startswith("品牌风采｜文档连心桥")
    result = json.loads((exported(demo, "2026-q3") / "manifest.json").read_text("utf-8"))
    assert result["title"] == "2026年第三季度服务品牌创建评价结果公布" and "十佳服务品牌" in result["digest"]


def _dark_columns(im: Image.Image, box) -> int:
    """How many pixel columns in ``box`` hold dark ink (title text is #1f2933 on a light ground)."""
    region = im.crop(box).convert("L")
    w, h = region.size
    px = region.load()
    return sum(1 for x in range(w) if any(px[x, y] < 90 for y in range(h)))


@pytest.mark.parametrize("ident", ["wendang-lianxinqiao", "2026-q3"])
def test_cover_and_thumb_sizes_and_drawn_title(demo, ident):
    from generator import fonts
    from generator.publish.cover import missing_glyphs

    folder = exported(demo, ident)
    with Image.open(folder / "cover.png") as cover, Image.open(folder / "thumb.png") as thumb:
        assert cover.size == (900, 383) and thumb.size == (500, 500)
        assert _dark_columns(cover, (340, 60, 880, 300)) > 150  # the title is there, in ink
    title = json.loads((folder / "manifest.json").read_text("utf-8"))["title"]
    assert missing_glyphs(title, fonts.load(40)) == []


def test_a_character_the_font_cannot_draw_is_refused_not_boxed(demo):
    from generator import fonts
    from generator.publish.cover import missing_glyphs

    font = fonts.load(40)
    assert missing_glyphs("文档\ue000连心桥", font) == ["\ue000"]
    odd = demo / "brands" / "odd-glyph"
    shutil.copytree(demo / "brands" / RICH, odd)
    (odd / "brand.yml").write_text(GOOD_BRAND.replace("name: 文档连心桥", "name: 文档\ue000桥"), "utf-8")
    (odd / "story.md").unlink()
    try:
        assert main(["-C", str(demo), "export", "wechat", "odd-glyph"]) == 1
        assert not (demo / "exports" / "wechat" / "odd-glyph").exists()
    finally:
        shutil.rmtree(odd)


def test_drafts_are_never_exported(demo, capsys):
    assert main(["-C", str(demo), "export", "wechat", "caogao"]) == 1
    assert "草稿" in capsys.readouterr().err
    assert main(["-C", str(demo), "export", "wechat", "2026-q4"]) == 1
    assert "草稿" in capsys.readouterr().err
    out = demo / "all"
    assert main(["-C", str(demo), "export", "wechat", "--all", "-o", str(out)]) == 0
    folders = sorted(p.name for p in out.iterdir())
    assert "caogao" not in folders and "2026-q4" not in folders and {"2026-q1", "2026-q3", RICH} <= set(folders)
    for path in [*out.rglob("*"), *(demo / "exports" / "portal").rglob("*")]:
        if path.is_file():
            data = path.read_bytes()
            assert DRAFT_MARKER.encode() not in data and "第四季度".encode() not in data, path


def test_unknown_target_gets_a_suggestion(demo, capsys):
    assert main(["-C", str(demo), "export", "wechat", "wendang-lianxinqia"]) == 1
    err = capsys.readouterr().err
    assert "wendang-lianxinqiao" in err and "Traceback" not in err


def test_too_long_story_fails_and_keeps_the_previous_export(demo, capsys):
    folder = exported(demo, RICH)
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    story = demo / "brands" / RICH / "story.md"
    original = story.read_text("utf-8")
    story.write_text(original + "\n" + "为群众办实事，" * 3500 + "\n", "utf-8")
    try:
        assert main(["-C", str(demo), "export", "wechat", RICH]) == 1
        err = capsys.readouterr().err
        assert "20000" in err and "Traceback" not in err
        assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    finally:
        story.write_text(original, "utf-8")


def test_a_long_results_table_is_cut_to_its_top_rows_with_a_pointer(demo):
    """A province's round has hundreds of brands: the article keeps the top rows and says where the rest are."""
    import dataclasses

    from generator.pipeline import load_project
    from generator.publish import wechat
    from generator.produce.article import round_article

    project = load_project(demo)
    r = project.ranked()[-1]
    many = tuple(dataclasses.replace(s, rank=i + 1, brand=dataclasses.replace(s.brand, slug=f"b{i}", name=f"品牌{i}"),
                                     awards=r.standings[i].awards if i < len(r.standings) else ())
                 for i, s in enumerate(r.standings * 8))
    big = round_article(dataclasses.replace(r, standings=many), project.config.site_url, "市直机关工委")
    html = wechat.fitting_body(big, {}, wechat.stylesheet("zhengwu"), project.config.site_url)
    assert len(html) < 20_000
    assert f"全部 {len(many)} 个品牌的评价结果见" in lxml_html.fromstring(html).text_content()
    assert "https://pinpai.jgsw.gov.cn/leaderboard/2026-q3/" in html  # as a numbered reference


def test_portal_fragments_carry_the_government_meta_tags(demo):
    base = demo / "exports" / "portal"
    index = json.loads((base / "index.json").read_text("utf-8"))["articles"]
    assert {a["id"] for a in index} >= {"wendang-lianxinqiao", "2026-q3", RICH}
    page = lxml_html.fragment_fromstring((base / RICH / "article.html").read_text("utf-8"), create_parent="div")
    meta = {m.get("name"): m.get("content") for m in page.iter("meta")}
    assert meta["ArticleTitle"].startswith("品牌风采｜复杂故事")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta["PubDate"])
    assert meta["ContentSource"] == "青岛市档案局" and "复杂故事" in meta["Keywords"] and meta["Description"]
    assert meta["SiteIDCode"] == "3702000042" and meta["Url"] == f"https://pinpai.jgsw.gov.cn/brands/{RICH}/"
    links = [a.get("href") for a in page.iter("a")]
    assert "https://www.example.gov.cn/fuwu" in links and "https://pinpai.jgsw.gov.cn/brands/wendang-lianxinqiao/" in links
    assert not [el for el in page.iter() if isinstance(el.tag, str) and (el.get("class") or el.get("style"))]
    manifest = json.loads((base / RICH / "manifest.json").read_text("utf-8"))
    for entry in manifest["images"]:
        assert (base / RICH / entry["path"]).stat().st_size == entry["bytes"]
    assert [img.get("src") for img in page.iter("img")] == [i["path"] for i in manifest["images"]]
    result = {m.get("name"): m.get("content") for m in lxml_html.fromstring(
        (base / "2026-q3" / "article.html").read_text("utf-8")).iter("meta")}
    assert result["PubDate"] == "2026-10-08 00:00" and result["ColumnName"] == "评价结果"


def test_preview_copies_the_article_as_rich_text(demo, browser):
    with serve_folder(exported(demo, "wendang-lianxinqiao")) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
        page = context.new_page()
        failed = []
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.goto(url + "/preview.html")
        page.get_by_role("button", name="一键复制正文").click()
        page.get_by_role("status").filter(has_text="已复制").wait_for()
        copied = page.evaluate("""async () => {
            const [item] = await navigator.clipboard.read();
            return await (await item.getType("text/html")).text();
        }""")
        for img in page.locator("#article img").all():  # every picture shows in the preview
            assert img.evaluate("i => i.complete && i.naturalWidth > 0")
        context.close()
    assert "文档连心桥" in copied and "档案连着你我，服务贴近民心" in copied and "style=" in copied
    assert "class=" not in copied and "<script" not in copied
    assert not failed
