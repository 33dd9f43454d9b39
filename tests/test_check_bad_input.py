"""Every bad input an editor can produce gets a Chinese 错误 line at file:line:col and exit 1, never a traceback."""

from __future__ import annotations

import re
import struct
import zlib

import pytest

from tests.conftest import GOOD_BRAND


def error_lines(lines, rule=None):
    found = [line for line in lines if " 错误 " in line]
    return [line for line in found if rule is None or f" 错误 {rule} " in line]


def test_good_brand_passes(site, check):
    site.brand()
    code, lines = check()
    assert code == 0, lines
    assert not error_lines(lines)
    assert "全部符合标准" in lines[-1]


@pytest.mark.parametrize(
    "text, rule, where, words",
    [
        ("name: 文档\n\tunit: 局\n", "yaml.syntax", "2:1", "制表符"),
        ("name: 文档\nunit: 局\n  vision: 错位\n", "yaml.syntax", "3:9", "缩进"),
        ("", "brand.empty", "1:1", "空的"),
        ("- name: 文档\n- unit: 局\n", "brand.root", "1:1", "列表"),
        (GOOD_BRAND.replace("commitments:\n  - 一般查询 30 分钟内出具结果\n  - 复杂查档 3 个工作日内答复\n  - 对行动不便的群众上门服务\n",
                            'commitments: "一条"\n'), "contract.type", "10:14", "文字列表"),
        (GOOD_BRAND.replace("vision: 让每一份档案都能被找到\n", ""), "contract.required", "1:1", "vision"),
        (GOOD_BRAND.replace("slogan:", "slogn:"), "contract.unknown-key", "6:1", "是不是想写“slogan”"),
        (GOOD_BRAND.replace("category: 政务服务", "category: 政务服物"), "contract.category", "3:11", "政务服务"),
        (GOOD_BRAND.replace("logo: logo.png", "logo: ../other/logo.png"), "file.outside", "4:7", "品牌文件夹"),
        (GOOD_BRAND.replace("logo: logo.png", "logo: /etc/passwd"), "file.outside", "4:7", "品牌文件夹"),
        (GOOD_BRAND.replace("logo: logo.png", "logo: missing.png"), "file.missing", "4:7", "找不到"),
        (GOOD_BRAND.replace("hotline: \"12345\"", "hotline: \"13812345678\""), "privacy.mobile", "27:13", "手机号码"),
        (GOOD_BRAND.replace("vision: 让每一份档案都能被找到", "vision: 联系人身份证 11010519491231002X 请勿外传"),
         "privacy.id-card", "9:16", "身份证"),
        (GOOD_BRAND.replace("name: 文档连心桥", "name: 文档连心桥\nname: 重复"), "yaml.duplicate-key", "2:1", "重复"),
    ],
    ids=["tab", "indent", "empty", "list-root", "wrong-type", "missing-required", "unknown-key", "unknown-category",
         "logo-outside", "logo-absolute", "logo-missing", "mobile", "id-card", "duplicate-key"],
)
def test_bad_brand_file(site, check, text, rule, where, words):
    site.brand(text=text)
    code, lines = check()
    assert code == 1
    errors = error_lines(lines, rule)
    assert errors, lines
    assert errors[0].startswith(f"brands/wendang/brand.yml:{where}: 错误 {rule} ["), errors
    assert words in errors[0]
    assert not any("Traceback" in line for line in lines)


def test_not_an_image(site, check):
    folder = site.brand(logo=None)
    (folder / "logo.png").write_text("这不是图片", "utf-8")
    code, lines = check()
    assert code == 1
    assert error_lines(lines, "image.unreadable")[0].startswith("brands/wendang/brand.yml:4:7:")


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: the shape of a decompression bomb."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def test_image_bomb(site, check):
    folder = site.brand(logo=None)
    (folder / "logo.png").write_bytes(_png_claiming(60000, 60000))
    code, lines = check()
    assert code == 1
    assert "解压炸弹" in error_lines(lines, "image.bomb")[0]


@pytest.mark.parametrize(
    "svg, words",
    [
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><script>alert(1)</script></svg>', "script"),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><rect width="10" height="10"/></svg>', "onload"),
        ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'
         '<image xlink:href="https://evil.example/x.png" width="10" height="10"/></svg>', "外部资源"),
        ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect style="fill:url(https://evil.example/a)"/></svg>', "外部资源"),
        ('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>', "DTD"),
    ],
    ids=["script", "event-handler", "external-href", "external-css", "entity"],
)
def test_unsafe_svg(site, check, svg, words):
    folder = site.brand(text=GOOD_BRAND.replace("logo: logo.png", "logo: logo.svg"), logo=None)
    (folder / "logo.svg").write_text(svg, "utf-8")
    code, lines = check()
    assert code == 1
    errors = error_lines(lines, "svg.unsafe")
    assert errors and words in errors[0], lines


def test_safe_svg_passes(site, check):
    folder = site.brand(text=GOOD_BRAND.replace("logo: logo.png", "logo: logo.svg"), logo=None)
    (folder / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><defs><linearGradient id="g"/></defs>'
        '<circle cx="50" cy="50" r="40" fill="url(#g)"/><use href="#g"/></svg>', "utf-8")
    code, lines = check()
    assert code == 0, lines


def test_invalid_folder_name(site, check):
    site.brand(slug="Wen_Dang")
    code, lines = check()
    assert code == 1
    assert error_lines(lines, "brand.slug")[0].startswith("brands/Wen_Dang:1:1: 错误 brand.slug")


def test_not_utf8(site, check):
    folder = site.brand()
    (folder / "brand.yml").write_bytes(GOOD_BRAND.encode("gb18030"))
    code, lines = check()
    assert code == 1
    assert "UTF-8" in error_lines(lines, "file.encoding")[0]


def test_missing_brand_yml(site, check):
    (site.root / "brands" / "kong").mkdir(parents=True)
    code, lines = check()
    assert code == 1
    assert error_lines(lines, "brand.missing")


def test_mobile_in_story_points_at_story(site, check):
    folder = site.brand()
    (folder / "story.md").write_text("# 故事\n\n联系王科长 13912345678。\n", "utf-8")
    code, lines = check()
    assert code == 1
    assert error_lines(lines, "privacy.mobile")[0].startswith("brands/wendang/story.md:3:7:")


def test_every_error_line_has_the_documented_shape(site, check):
    site.brand(text=GOOD_BRAND.replace("slogan:", "slogn:").replace("category: 政务服务", "category: 其他"))
    _, lines = check()
    shape = re.compile(r"^\S+:\d+:\d+: (错误|警告) [a-z_.-]+ \[[^\]]+\] .+$")
    findings = [line for line in lines if " 错误 " in line or " 警告 " in line]
    assert findings and all(shape.match(line) for line in findings), findings


def test_honours_and_photos_are_checked(site, check):
    text = GOOD_BRAND.replace("    caption: 查档大厅\n", "    caption: 查档大厅\n  - file: photos/none.jpg\n    caption: 不存在\n")
    text += "honors:\n  - yeer: 2007\n    title: 服务名牌\n  - 荣誉\n"
    site.brand(text=text)
    code, lines = check()
    assert code == 1
    assert any(line.startswith("brands/wendang/brand.yml:34:11: 错误 file.missing") for line in lines), lines
    assert any(": 错误 contract.unknown-key" in line and "是不是想写“year”" in line for line in lines)
    assert any(": 错误 contract.type" in line and "荣誉第 2 项" in line for line in lines)


# launched is line 34, after GOOD_BRAND's 33 lines; the value starts at column 11
@pytest.mark.parametrize("written, words", [
    ("2021年3月8日", "请改成 2021-03-08"),
    ("2021 年 3 月", "请改成 2021-03"),
    ("２０２１年３月８日", "请改成 2021-03-08"),
    ("2021.3.8", "请改成 2021-03-08"),
    ("2021/03/08", "请改成 2021-03-08"),
    ("2021-02-30", "这一天不存在（2021 年没有 2 月 30 日）"),
    ("2021年2月30日", "这一天不存在"),
    ("2021-13", "月份 13 不存在"),
    ("去年", "应写成 YYYY-MM 或 YYYY-MM-DD"),
])
def test_a_launched_date_as_written_gets_the_rewritten_value(site, check, written, words):
    site.brand(text=GOOD_BRAND + f"launched: {written}\n")
    code, lines = check()
    assert code == 1
    found = error_lines(lines, "contract.type")
    assert found and found[0].startswith("brands/wendang/brand.yml:34:11: 错误 contract.type ["), lines
    assert f"创建时间“{written}”" in found[0] and words in found[0]
    assert not error_lines(lines, "yaml.syntax")
    assert "检查了 1 个品牌" in lines[-1]  # the brand stays in the count


@pytest.mark.parametrize("written, real", [
    ("photos/Hall.JPG", "photos/hall.jpg"),
    ("Photos/hall.jpg", "photos/hall.jpg"),
    ("photos\\HALL.jpg", "photos/hall.jpg"),
])
def test_a_photo_named_in_another_case_is_named_with_its_folder(site, check, written, real):
    site.brand(text=GOOD_BRAND.replace("file: photos/hall.jpg", f"file: {written}"))
    code, lines = check()
    assert code == 1
    found = error_lines(lines, "file.missing")
    assert found and found[0].startswith("brands/wendang/brand.yml:32:11: 错误 file.missing ["), lines
    assert f"文件夹里有“{real}”" in found[0]


def test_a_suggestion_ends_its_sentence_once(site, check):
    site.brand(text=GOOD_BRAND.replace("slogan:", "slogn:"))
    _, lines = check()
    found = error_lines(lines, "contract.unknown-key")[0]
    assert found.endswith("（是不是想写“slogan”？）")
    from generator.load.contract import suggest
    assert not (suggest("wendang-lianxinqia", ["wendang-lianxinqiao"]) + "。").endswith("？。")
