"""brandsite export print: the PDFs are read back as a print shop and a visitor would meet them: text with pypdf,
page sizes in points, fonts embedded, images at their original resolution, and the poster's QR code decoded by
zbarimg from a pdftoppm rendering at the resolution a phone sees it from two metres."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from generator.cli import main
from generator.pipeline import load_project
from generator.publish import printing
from tests.conftest import SITE_URL, add_draft_brand, copy_demo

DRAFT_MARKER = "草稿标记PR7Q"
MM = 72 / 25.4
ROUND = "2026-q3"
# an awarded brand's positioning, dense with punctuation, to try the line breaking
PUNCTUATED = "以“查档利用”为窗口（含婚姻、学历档案），提供便捷、规范的服务；坚持《档案法》：“即来即办”！满意吗？满意。"
CLOSING = "，。、；：？！）》」』】〕”’…"
OPENING = "（《「『【〔“‘"


def text_of(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def size_mm(pdf: Path, box: str = "mediabox") -> list[tuple[float, float]]:
    return [(round(float(getattr(p, box).width) / MM), round(float(getattr(p, box).height) / MM))
            for p in PdfReader(pdf).pages]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("print"), warm=False)
    add_draft_brand(root, DRAFT_MARKER)
    winner = root / "brands" / "zhenqing-xiangzhu" / "brand.yml"
    data = yaml.safe_load(winner.read_text("utf-8"))
    data["positioning"] = PUNCTUATED
    winner.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert main(["-C", str(root), "export", "print", "-q"]) == 0
    return root


@pytest.fixture(scope="module")
def project(demo):
    return load_project(demo)


@pytest.fixture(scope="module")
def out(demo) -> Path:
    return demo / "exports" / "print"


def awarded_brands(project, round_id: str = ROUND):
    ranked = next(r for r in project.ranked() if r.id == round_id)
    return [s.brand for s in ranked.standings if s.awards], ranked


def test_one_command_writes_every_kind_of_document_on_its_paper(project, out):
    slugs = sorted(b.slug for b in project.published)
    assert sorted(p.stem.rsplit("-", 1)[0] for p in (out / "posters").glob("*-A3.pdf")) == slugs
    for slug in slugs:
        assert size_mm(out / "posters" / f"{slug}-A3.pdf") == [(297, 420)]
        assert size_mm(out / "posters" / f"{slug}-A4.pdf") == [(210, 297)]
        assert size_mm(out / "cards" / f"{slug}.pdf") == [(210, 297)]
    published_rounds = {r.id for r in project.ranked()}
    assert {p.name for p in (out / "rounds").iterdir()} == published_rounds
    brands, _ = awarded_brands(project)
    assert set(size_mm(out / "rounds" / ROUND / "booklet.pdf")) == {(210, 297)}
    assert size_mm(out / "rounds" / ROUND / "certificates.pdf") == [(297, 210)] * len(brands)


def test_every_font_is_embedded_and_chinese(out):
    for pdf in [*out.glob("posters/wendang*"), *out.glob("cards/wendang*"), *out.glob(f"rounds/{ROUND}/*.pdf")]:
        fonts = {}
        for page in PdfReader(pdf).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"] \
                    if "/DescendantFonts" in font else font["/FontDescriptor"]
                fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        assert fonts and all(fonts.values()), (pdf, fonts)
        assert all("CJK" in name for name in fonts), fonts


def test_poster_shows_the_brand_every_commitment_and_where_to_complain(project, out):
    for brand in project.published:
        for paper in printing.POSTER_PAPERS:
            text = flat("".join(text_of(out / "posters" / f"{brand.slug}-{paper}.pdf")))
            for field in (brand.name, brand.unit, brand.slogan, brand.contact.hotline, brand.contact.complaint):
                assert field is None or flat(field) in text, (brand.slug, paper, field)
            for commitment in brand.commitments:
                assert flat(commitment) in text, (brand.slug, paper, commitment)


def _decode(pdf: Path, dpi: float, tmp: Path) -> list[str]:
    png = tmp / "render"
    subprocess.run(["pdftoppm", "-r", f"{dpi:.3f}", "-png", "-singlefile", str(pdf), str(png)], check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", f"{png}.png"], capture_output=True, text=True)
    return found.stdout.split()


@pytest.mark.parametrize("paper", printing.POSTER_PAPERS)
def test_poster_code_reads_the_brands_address_from_two_metres(out, paper, tmp_path):
    # a phone's 1,080-pixel preview frame covers about two metres of wall at two metres: 1.7 to 2 mm a pixel
    for slug in ("wendang-lianxinqiao", "yongxin-chuangzao-zhiliang", "yidao"):
        for mm_a_pixel in (1.7, 1.9, 2.0):
            assert _decode(out / "posters" / f"{slug}-{paper}.pdf", 25.4 / mm_a_pixel, tmp_path) == \
                [f"{SITE_URL}brands/{slug}/"], (slug, paper, mm_a_pixel)


def test_counter_card_faces_both_ways_and_its_code_reads(out, tmp_path):
    card = out / "cards" / "wendang-lianxinqiao.pdf"
    assert _decode(card, 150, tmp_path) == [f"{SITE_URL}brands/wendang-lianxinqiao/"] * 2
    assert flat(text_of(card)[0]).count("文档连心桥") == 2


def test_booklet_holds_every_awarded_brand_in_rank_order_with_its_page_in_the_contents(project, out):
    brands, ranked = awarded_brands(project)
    pages = [flat(t) for t in text_of(out / "rounds" / ROUND / "booklet.pdf")]
    starts = [i for i, page in enumerate(pages) if re.search(r"十佳服务品牌·第\d+名·综合得分", page)]
    assert [next(b.name for b in brands if flat(b.name) in pages[i][:200]) for i in starts] == [b.name for b in brands]
    assert "目录" in pages[1]
    # the contents give the page each part starts on (the results on page 3); each page's number is at its foot
    assert "".join(str(n + 1) for n in [2, *starts]) in pages[1]
    for brand, start in zip(brands, starts):
        assert f"—{start + 1}—" in pages[start]
        assert flat(ranked.title) in pages[start]  # the running head
        for commitment in brand.commitments:
            assert flat(commitment) in "".join(pages[start:start + 4])
    assert flat(ranked.title) in pages[0] and "经验材料汇编" in pages[0]
    results = "".join(pages[2:starts[0]])
    for s in ranked.standings:
        assert flat(s.brand.name) in results


def test_booklet_photos_are_the_original_files(project, out):
    brands, _ = awarded_brands(project)
    originals = {(p.image.width, p.image.height) for b in brands for p in b.gallery if p.image is not None}
    placed = {(img.image.width, img.image.height) for page in PdfReader(out / "rounds" / ROUND / "booklet.pdf").pages
              for img in page.images}
    assert originals and originals <= placed


def test_certificates_name_award_brand_unit_round_date_and_issuer(project, out):
    brands, ranked = awarded_brands(project)
    pages = [flat(t) for t in text_of(out / "rounds" / ROUND / "certificates.pdf")]
    assert len(pages) == len(brands)
    for brand, page in zip(brands, pages):
        for part in ("荣誉证书", "十佳服务品牌", brand.name, brand.unit, ranked.title, "2026年10月8日", "市直机关工委"):
            assert flat(part) in page, (brand.slug, part)


def test_drafts_appear_in_no_file(out):
    names = [p.name for p in out.rglob("*")]
    assert not any("caogao" in n or "2026-q4" in n for n in names)
    for pdf in out.rglob("*.pdf"):
        text = "".join(text_of(pdf))
        assert DRAFT_MARKER not in text and "审核中" not in text, pdf


def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(out):
    """避头尾: Pango (UAX #14 line breaking) keeps closing marks off a line's start and opening marks off its end;
    checked on every line of the posters and the booklet, the punctuated positioning included."""
    pdfs = [*out.glob("posters/zhenqing-xiangzhu-*.pdf"), out / "rounds" / ROUND / "booklet.pdf"]
    lines = [line.strip() for pdf in pdfs for page in text_of(pdf) for line in page.splitlines() if line.strip()]
    assert sum(flat(PUNCTUATED)[:30] in flat(line) or "即来即办" in line for line in lines) > 0
    assert not [line for line in lines if line[0] in CLOSING]
    assert not [line for line in lines if line[-1] in OPENING]


def test_bleed_and_an_imposed_a5_booklet(demo, tmp_path):
    bled = tmp_path / "bled"
    assert main(["-C", str(demo), "export", "print", "yidao", "--bleed", "3", "-o", str(bled), "-q"]) == 0
    poster = bled / "posters" / "yidao-A3.pdf"
    assert size_mm(poster) == [(303, 426)] and size_mm(poster, "trimbox") == [(297, 420)]
    folded = tmp_path / "folded"
    assert main(["-C", str(demo), "export", "print", ROUND, "--booklet", "a5", "-o", str(folded), "-q"]) == 0
    single = len(PdfReader(demo / "exports" / "print" / "rounds" / ROUND / "booklet.pdf").pages)
    sheets = size_mm(folded / "rounds" / ROUND / "booklet.pdf")
    assert set(sheets) == {(297, 210)} and len(sheets) % 2 == 0 and len(sheets) * 2 >= single // 2


def test_a_site_restyles_with_its_own_templates_and_css(demo, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(demo, site, ignore=shutil.ignore_patterns("exports"))
    own = site / "print"
    own.mkdir()
    (own / "custom.css").write_text(":root { --accent: #0b4f8a }\n", "utf-8")
    poster = (printing.THEME / "poster.html").read_text("utf-8").replace("欢迎监督 · 欢迎评议", "本窗口接受社会监督")
    (own / "poster.html").write_text(poster, "utf-8")
    config = site / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - brandsite:\n", "  - brandsite:\n      print: {templates: print, issuer: 某某市机关事务管理局}\n"), "utf-8")
    assert main(["-C", str(site), "export", "print", "wendang-lianxinqiao", "-q"]) == 0
    pdf = site / "exports" / "print" / "posters" / "wendang-lianxinqiao-A3.pdf"
    text = flat("".join(text_of(pdf)))
    assert "本窗口接受社会监督" in text and "某某市机关事务管理局" in text
    subprocess.run(["pdftoppm", "-r", "20", "-png", "-singlefile", str(pdf), str(tmp_path / "p")], check=True)
    assert Image.open(tmp_path / "p.png").convert("RGB").getpixel((100, 4)) == pytest.approx((11, 79, 138), abs=12)


@pytest.mark.parametrize("args, message", [
    (["caogao"], "草稿"),
    (["2026-q4"], "草稿"),
    (["wendang"], "没有名为 wendang 的品牌或评价轮次"),
    (["--bleed", "20"], "出血应为 0—10 之间的毫米数"),
    (["--bleed", "三"], "出血应为毫米数"),
])
def test_bad_input_is_told_in_chinese(demo, capsys, args, message):
    with pytest.raises(SystemExit) if args[0] == "--bleed" and args[1] == "三" else _nothing():
        assert main(["-C", str(demo), "export", "print", *args, "-o", str(demo / "elsewhere"), "-q"]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
