"""brandsite check as editors and tools use it: formats, --strict, --report, exit codes, site criteria."""

from __future__ import annotations

import json

import pytest

from generator.cli import main
from tests.conftest import GOOD_BRAND, REPO, make_image


def test_demo_brands_pass_with_warnings_only(capsys):
    code = main(["-C", str(REPO), "check"])
    out = capsys.readouterr().out
    assert code == 0
    assert " 错误 " not in out
    assert "brands/zhuqiao/brand.yml:1:7: 警告 name.long [品牌名称与标识]" in out
    assert "各品牌达标情况" in out and "达标" in out


def test_demo_has_at_least_twelve_brands_from_the_seeds():
    names = {(p.parent.name) for p in (REPO / "brands").glob("*/brand.yml")}
    assert len(names) >= 12
    text = "".join(p.read_text("utf-8") for p in (REPO / "brands").glob("*/brand.yml"))
    for real in ["文档连心桥", "阳光规划", "真情相助", "市情信达", "创勤学负责队伍建规范和谐机关"]:
        assert f"name: {real}" in text


def test_strict_fails_on_warnings(site, check):
    site.brand(text=GOOD_BRAND.replace("slogan: 档案连着你我\n", ""))
    assert check()[0] == 0
    assert check("--strict")[0] == 1


def test_json_format(site, check):
    site.brand(text=GOOD_BRAND.replace("slogn", "x").replace("slogan:", "slogn:"))
    code, lines = check("--format", "json")
    data = json.loads("\n".join(lines))
    assert code == 1
    assert data["summary"]["errors"] >= 1
    finding = next(f for f in data["findings"] if f["rule"] == "contract.unknown-key")
    assert finding == {**finding, "path": "brands/wendang/brand.yml", "line": 6, "column": 1, "severity": "error", "brand": "wendang"}
    assert data["brands"][0]["completeness"]["name-logo"] in ("达标", "待完善", "缺失")


def test_github_format(site, check):
    site.brand(text=GOOD_BRAND.replace("name: 文档连心桥", "name: 档"))
    code, lines = check("--format", "github")
    assert code == 1
    assert any(line.startswith("::error file=brands/wendang/brand.yml,line=1,col=7,title=name.min [品牌名称与标识]::品牌名称至少 2 个字")
               for line in lines), lines


def test_report_html(site, check, tmp_path):
    site.brand()
    site.brand(slug="kong", text=GOOD_BRAND.replace("slogan: 档案连着你我\n", "").replace("name: 文档连心桥", "name: 空白品牌"))
    report = tmp_path / "out" / "report.html"
    report.parent.mkdir()
    code, _ = check("--report", str(report))
    html = report.read_text("utf-8")
    assert code == 0
    assert "品牌创建达标情况" in html and "空白品牌" in html
    assert "达标" in html and "待完善" in html
    assert "缺少宣传口号" in html
    assert "<script" not in html and "http" not in html.split("</head>")[0]


@pytest.mark.parametrize("args", [["check", "--format", "xml"], ["check", "--nope"], ["frobnicate"]])
def test_usage_errors_exit_2_in_chinese(args, capsys):
    with pytest.raises(SystemExit) as exc:
        main(args)
    assert exc.value.code == 2
    assert "用法错误" in capsys.readouterr().err


def test_site_can_extend_criteria(site, check):
    (site.root / "criteria.yml").write_text(
        "extends: default\n"
        "disable: [gallery.present]\n"
        "rules:\n"
        "  - id: slogan.present\n    standard: image\n    severity: error\n    check: present\n    field: slogan\n"
        "    message: 本市要求必须有宣传口号\n", "utf-8")
    text = (site.root / "mkdocs.yml").read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n      criteria: criteria.yml\n")
    (site.root / "mkdocs.yml").write_text(text, "utf-8")
    site.brand(text=GOOD_BRAND.replace("slogan: 档案连着你我\n", "").replace("gallery:\n  - file: photos/hall.jpg\n    caption: 查档大厅\n", ""))
    code, lines = check()
    assert code == 1
    assert any(" 错误 slogan.present [品牌形象] 本市要求必须有宣传口号" in line for line in lines)
    assert not any("gallery.present" in line for line in lines)


def test_broken_criteria_file_is_reported_not_raised(site, check):
    (site.root / "criteria.yml").write_text("rules:\n  - id: x\n    standard: nowhere\n    severity: error\n    check: present\n"
                                            "    field: slogan\n    message: m\n", "utf-8")
    text = (site.root / "mkdocs.yml").read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n      criteria: criteria.yml\n")
    (site.root / "mkdocs.yml").write_text(text, "utf-8")
    site.brand()
    code, lines = check()
    assert code == 1
    assert any(line.startswith("criteria.yml:3:15: 错误 criteria.invalid") and "未定义的标准" in line for line in lines), lines


def test_site_categories_are_configurable(site, check):
    text = (site.root / "mkdocs.yml").read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n      categories: [窗口服务, 后勤保障]\n")
    (site.root / "mkdocs.yml").write_text(text, "utf-8")
    site.brand()
    code, lines = check()
    assert code == 1
    assert any("contract.category" in line and "窗口服务、后勤保障" in line for line in lines)


def test_an_image_changed_since_the_last_check_is_checked_again(site, check):
    """check remembers image facts between runs; a logo replaced in place must not be judged by the old one."""
    folder = site.brand()
    assert check()[0] == 0
    assert (site.root / ".brandsite" / "cache" / "image-facts.json").is_file()
    make_image(folder / "logo.png", (100, 100))  # same name, now too small
    code, lines = check()
    assert any("logo" in line and "100" in line for line in lines), lines
    (folder / "logo.png").write_bytes((folder / "logo.png").read_bytes()[:60])  # cut short
    code, lines = check()
    assert code == 1 and any("损坏" in line for line in lines), lines
    code, lines = check()  # a broken image is never remembered as good
    assert code == 1 and any("损坏" in line for line in lines), lines


@pytest.mark.parametrize("named", ["brands/wendang/", "brands/wendang", "wendang", "brands/wendang/brand.yml"])
def test_check_takes_a_brand_folder_or_its_name(site, check, named):
    """`brandsite check brands/x/` and `brandsite check x` check that brand: its error is listed, exit 1."""
    site.brand(text=GOOD_BRAND.replace("name: 文档连心桥", "name: 档"))
    site.brand(slug="other")
    code, lines = check(named)
    assert code == 1, lines
    assert any(line.startswith("brands/wendang/brand.yml:1:7: 错误 name.min") for line in lines), lines
    assert not any("这次提交" in line for line in lines)  # the hook's wording is the hook's
    assert any("检查了 1 个品牌" in line for line in lines), lines


@pytest.mark.parametrize("named", ["wendnag", "brands/wendnag/", "brands/wendnag/brand.yml"])
def test_check_names_a_mistyped_brand(site, check, named):
    site.brand()
    code, lines = check(named)
    assert code == 2
    assert any("wendnag" in line and "是不是想写“wendang”" in line for line in lines), lines


def test_check_on_a_file_outside_every_brand_says_so_without_the_hook_wording(site, check):
    site.brand()
    (site.root / "README.md").write_text("说明\n", "utf-8")
    code, lines = check(str(site.root / "README.md"))
    assert code == 0
    assert any("不在任何品牌文件夹里" in line for line in lines) and not any("这次提交" in line for line in lines), lines
    code, lines = check("--hook", str(site.root / "README.md"))
    assert code == 0 and any("这次提交没有品牌文件" in line for line in lines), lines


def test_two_published_brands_with_the_same_name_are_an_error_on_both(site, check):
    site.brand()
    site.brand(slug="wendang-2", text=GOOD_BRAND.replace("name: 文档连心桥", "name: 文档连心桥 "))  # a trailing space
    site.brand(slug="caogao", text=GOOD_BRAND + "status: draft\n")  # a draft of the same name is not shown anywhere
    code, lines = check()
    assert code == 1
    hits = [line for line in lines if " 错误 name.unique " in line]
    assert len(hits) == 2, lines
    assert any(h.startswith("brands/wendang/brand.yml:1:7: 错误 name.unique [品牌名称与标识]") and "brands/wendang-2/" in h
               for h in hits), hits
    assert any(h.startswith("brands/wendang-2/brand.yml:1:7: ") and "brands/wendang/" in h for h in hits), hits
    (site.root / "brands" / "wendang-2" / "brand.yml").write_text(GOOD_BRAND.replace("name: 文档连心桥", "name: 档案连心桥"), "utf-8")
    code, lines = check()
    assert code == 0 and not any("name.unique" in line for line in lines), lines


def test_checking_one_brand_still_sees_another_of_the_same_name(site, check):
    site.brand()
    site.brand(slug="other", text=GOOD_BRAND.replace("name: 文档连心桥", "name: '文档连心桥'  # 同名"))
    code, lines = check("other")
    assert code == 1
    assert any(line.startswith("brands/other/brand.yml:1:7: 错误 name.unique") and "brands/wendang/" in line
               for line in lines), lines
    assert not any(line.startswith("brands/wendang/") for line in lines)  # only the brand asked for


def test_a_brand_file_loose_in_brands_is_reported_where_it_should_go(site, check):
    """The old web form wrote a brand without 网址名 straight into brands/: check says it belongs to no brand."""
    site.brand()
    (site.root / "brands" / "brand.yml").write_text((site.root / "brands" / "wendang" / "brand.yml").read_text("utf-8"), "utf-8")
    code, lines = check()
    assert code == 1
    assert any(line.startswith("brands/brand.yml:1:1: 错误 brand.folder") and "brands/网址名/" in line for line in lines)


def test_check_takes_a_brand_by_its_chinese_name(site, check):
    site.brand()
    code, lines = check("文档连心桥")
    assert code == 0 and "检查了 1 个品牌" in lines[-1]
