"""brandsite build with the real engine: the demo builds, drafts never leak, failures leave the old site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import DRAFT_MARKER, GOOD_BRAND, add_draft_brand, copy_demo

def test_every_published_brand_has_a_page(demo_site):
    site = demo_site / "site"
    for folder in (demo_site / "brands").iterdir():
        text = (folder / "brand.yml").read_text("utf-8")
        page = site / "brands" / folder.name / "index.html"
        assert page.is_file() != ("status: draft" in text), folder.name
    html = (site / "brands" / "yangguang-guihua" / "index.html").read_text("utf-8")
    for words in ["阳光规划", "温州市规划局", "变关门规划为开门规划", "服务承诺", "服务标准", "制度保障", "联系与监督", "最近更新", "<svg"]:
        assert words in html, words


def test_draft_marker_is_in_no_output_byte(demo_site):
    # the demo's draft round 2026-q4 is a marker too: its id and title must appear nowhere
    for marker in (DRAFT_MARKER, "2026-q4", "第四季度"):
        leaks = [p for p in (demo_site / "site").rglob("*") if p.is_file() and marker.encode("utf-8") in p.read_bytes()]
        assert not leaks, marker


def test_nothing_is_requested_from_outside(demo_site):
    import re

    for page in (demo_site / "site").rglob("*.html"):
        html = page.read_text("utf-8")
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            assert "fonts.googleapis" not in url and "cdn" not in url, (page, url)
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_failed_build_leaves_previous_site(site, capsys):
    site.brand()
    out = site.root / "site"
    assert site.run("build", "-d", str(out)) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    site.brand(text=GOOD_BRAND.replace("name: 文档连心桥", "name: 档"))
    assert site.run("build", "-d", str(out)) == 1
    err = capsys.readouterr().err
    assert "name.min" in err and "原有网站保持不变" in err
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_draft_with_errors_does_not_block_build(site, capsys):
    site.brand()
    site.brand(slug="caogao", text=GOOD_BRAND.replace("name: 文档连心桥", "name: 档") + "status: draft\n")
    assert site.run("build", "-d", str(site.root / "site")) == 0
    assert not (site.root / "site" / "brands" / "caogao").exists()


def test_a_brand_made_draft_again_leaves_every_output_on_the_next_build(site, capsys):
    """The generated tree is kept between builds (only changed files are written): whatever a
    build no longer produces must be gone from it and from the site."""
    site.brand()
    folder = site.brand(slug="tuihui", text=GOOD_BRAND.replace("name: 文档连心桥", "name: 退回草稿"))
    out = site.root / "site"
    assert site.run("build", "-d", str(out), "--timings") == 0
    assert "各阶段用时：读取与检查" in capsys.readouterr().out
    assert (out / "brands" / "tuihui" / "index.html").is_file()
    (folder / "brand.yml").write_text(GOOD_BRAND.replace("name: 文档连心桥", "name: 退回草稿") + "status: draft\n", "utf-8")
    assert site.run("build", "-d", str(out)) == 0
    for tree in (out, site.root / ".brandsite" / "build" / "docs"):
        left = [p for p in tree.rglob("*") if "tuihui" in p.as_posix()
                or p.is_file() and "退回草稿".encode("utf-8") in p.read_bytes()]
        assert not left, left
    assert (out / "brands" / "wendang" / "index.html").is_file()


def test_photos_lose_their_metadata(site):
    from PIL import Image

    folder = site.brand()
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 0.0)}  # GPSInfo
    Image.new("RGB", (2400, 1800), (10, 90, 160)).save(folder / "photos" / "hall.jpg", "JPEG", exif=exif)
    assert site.run("build", "-d", str(site.root / "site")) == 0
    out = next((site.root / "site" / "brands" / "wendang" / "photos").iterdir())
    with Image.open(out) as im:
        assert max(im.size) <= 1600
        assert not im.getexif()


def test_a_strict_build_accepts_every_brandsite_setting(site, capsys):
    """The settings config.py knows (the web form's `cms:` among them) are the ones MkDocs is told of:
    a --strict build of a site with no findings is not stopped by MkDocs' warning about an unknown one."""
    site.brand()
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - brandsite:\n", "  - brandsite:\n      cms: {publish: direct}\n      kiosk: {interval: 8}\n"), "utf-8")
    assert site.run("build", "--strict", "-q") == 0
    out = capsys.readouterr()
    assert "Aborted" not in out.out + out.err and "warning" not in (out.out + out.err).lower()
    assert (site.root / "site" / "brands" / "wendang" / "index.html").is_file()
