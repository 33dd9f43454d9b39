"""Scores: exact composites, competition ranking, caps, changes, awards, spreadsheets and their errors."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal

import pytest
from openpyxl import Workbook

from tests.conftest import GOOD_BRAND

BRANDS = ["aa", "bb", "cc", "dd", "ee"]


def brands(site, count=5, draft=()):
    for i, slug in enumerate(BRANDS[:count]):
        text = GOOD_BRAND.replace("name: 文档连心桥", f"name: 品牌{'甲乙丙丁戊'[i]}测试")
        site.brand(slug=slug, text=text + ("status: draft\n" if slug in draft else ""))


def round_file(site, rid="2026-q1", body="", date="2026-04-10", **head):
    lines = [f"round: {head.pop('round', rid)}", f"title: {rid} 评价", f"date: {date}",
             f"scheme: {head.pop('scheme', 'ten-best')}"] + [f"{k}: {v}" for k, v in head.items()]
    path = site.root / "scores" / f"{rid}.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(lines) + "\n" + body, "utf-8")
    return path


def results(*rows):
    out = "results:\n"
    for brand, i, c, p, ideas in rows:
        out += f"  - brand: {brand}\n    scores: {{inspectors: {i}, clients: {c}, panel: {p}}}\n"
        if ideas is not None:
            out += f"    bonus: {{golden_ideas: {ideas}}}\n"
    return out


def ranked(site):
    from generator.pipeline import load_project

    project = load_project(site.root)
    assert not project.report.errors, [f.message for f in project.report.errors]
    return project.ranked()


def test_equal_composites_tie_exactly_and_ranks_skip(site):
    brands(site)
    round_file(site, body=results(
        ("aa", 85, 85.5, 87, None),   # 0.3×85 + 0.4×85.5 + 0.3×87 = 85.8
        ("bb", 85, 87, 85, None),     # 0.3×85 + 0.4×87 + 0.3×85 = 85.8
        ("cc", 90, 90, 90, None),
        ("dd", 80, 80, 80, None),
    ))
    r = ranked(site)[0]
    assert [(s.brand.slug, s.rank) for s in r.standings] == [("cc", 1), ("bb", 2), ("aa", 2), ("dd", 4)]
    assert r.standings[1].composite == r.standings[2].composite == Decimal("85.8")
    # ties are listed by the higher clients score: bb (87) before aa (85.5)


def test_bonus_is_capped_per_round(site):
    brands(site, 2)
    round_file(site, body=results(("aa", 80, 80, 80, 7), ("bb", 80, 80, 80, 2)))
    by = {s.brand.slug: s for s in ranked(site)[0].standings}
    assert by["aa"].bonus == 10 and by["aa"].composite == 90  # 7 ideas × 2 = 14, capped at 10
    assert by["bb"].bonus == 4 and by["bb"].composite == 84


def test_rank_change_against_the_previous_round_and_awards(site):
    brands(site, 3)
    round_file(site, "2026-q1", results(("aa", 90, 90, 90, 0), ("bb", 80, 80, 80, 0)), date="2026-04-10")
    round_file(site, "2026-q2", results(("aa", 70, 70, 70, 0), ("bb", 95, 95, 95, 0), ("cc", 85, 85, 85, 0)),
               date="2026-07-10")
    first, second = ranked(site)
    by = {s.brand.slug: s for s in second.standings}
    assert by["bb"].change == 1 and by["aa"].change == -2 and by["cc"].change is None
    assert all(s.awards == ("十佳服务品牌",) for s in second.standings)  # all within the top 10


def test_round_half_up_in_pages_and_json(site):
    brands(site, 1)
    round_file(site, body=results(("aa", 80.05, 80.05, 80.05, None)))  # exactly 80.05 -> 80.05; half-up shown
    assert site.run("build", "-d", str(site.root / "site")) == 0
    data = json.loads((site.root / "site" / "api" / "rounds" / "2026-q1.json").read_text("utf-8"))
    assert data["round"] == "2026-q1" and data["scheme"] == "ten-best" and data["date"] == "2026-04-10"
    row = data["results"][0]
    assert row == {"rank": 1, "brand": "aa", "name": "品牌甲测试", "unit": "青岛市档案局", "category": "政务服务",
                   "scores": {"inspectors": 80.05, "clients": 80.05, "panel": 80.05}, "bonus": 0,
                   "composite": 80.05, "change": None, "awards": ["十佳服务品牌"]}
    page = (site.root / "site" / "leaderboard" / "2026-q1" / "index.html").read_text("utf-8")
    assert "80.05" in page and "综合得分 = 各组评分按权重加权（监督巡视员 30%、服务对象 40%、评审组 30%）" in page


def test_half_up_rounding_of_the_shown_composite():
    from generator.score.rank import shown

    assert str(shown(Decimal("85.125"))) == "85.13" and str(shown(Decimal("85.135"))) == "85.14"


HEADER_ZH = ["品牌", "监督巡视员", "服务对象", "评审组", "金点子"]
ROWS = [["aa", "85", "85.5", "87", "0"], ["bb", "85", "87", "85", "1"]]


def _csv(header, rows) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([header, *rows])
    return buf.getvalue()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding_excel_writes(site, encoding):
    brands(site, 2)
    (site.root / "scores").mkdir()
    (site.root / "scores" / "2026-q1.csv").write_bytes(_csv(HEADER_ZH, ROWS).encode(encoding))
    round_file(site, results_file="2026-q1.csv")
    r = ranked(site)[0]
    assert [(s.brand.slug, s.rank, s.composite) for s in r.standings] == [("bb", 1, Decimal("87.8")), ("aa", 2, Decimal("85.8"))]


def test_xlsx_sheet_with_english_headers(site):
    brands(site, 2)
    book = Workbook()
    sheet = book.active
    sheet.title = "成绩"
    sheet.append(["brand", "inspectors", "clients", "panel", "golden_ideas"])
    sheet.append(["aa", 90, 91.5, 92, 3])
    sheet.append(["bb", 88, 90, 89, None])
    (site.root / "scores").mkdir()
    book.save(site.root / "scores" / "2026-q1.xlsx")
    round_file(site, results_file="2026-q1.xlsx", sheet="成绩")
    r = ranked(site)[0]
    assert [s.brand.slug for s in r.standings] == ["aa", "bb"]
    assert r.standings[0].composite == Decimal("97.2")  # 27 + 36.6 + 27.6 + 6


@pytest.mark.parametrize("make, rule, where", [
    (lambda s: round_file(s, body=results(("zz", 80, 80, 80, 0))), "score.brand-unknown", "scores/2026-q1.yml:6:"),
    (lambda s: round_file(s, body=results(("ee", 80, 80, 80, 0))), "score.brand-draft", "scores/2026-q1.yml:6:"),
    (lambda s: round_file(s, body=results(("aa", 80, 101, 80, 0))), "score.range", "scores/2026-q1.yml:6:"),
    (lambda s: round_file(s, body="results:\n  - brand: aa\n    scores: {inspectors: 80, clients: 80}\n"),
     "score.group-missing", "scores/2026-q1.yml:6:"),
    (lambda s: round_file(s, body="results:\n  - brand: aa\n    scores: {inspectors: 80, clients: 80, panel: 80, expert: 9}\n"),
     "score.group-unknown", "scores/2026-q1.yml:7:"),
    (lambda s: round_file(s, body=results(("aa", 80, 80, 80, 0), ("aa", 81, 81, 81, 0))), "score.duplicate",
     "scores/2026-q1.yml:9:"),
    (lambda s: round_file(s, body=results(("aa", 80, 80, 80, 0)), round="2026-q9"), "round.id", "scores/2026-q1.yml:1:"),
    (lambda s: round_file(s, body=results(("aa", 80, 80, 80, 0)), scheme="top-ten"), "round.scheme", "scores/2026-q1.yml:4:"),
    (lambda s: round_file(s, body=results(("aa", 80, 80, 80, 0)), date="2026年4月10日"), "round.date", "scores/2026-q1.yml:3:"),
    (lambda s: round_file(s, body=results(("aa", 80, 80, 80, 0)), date="2026-13-45"), "round.date", "scores/2026-q1.yml:3:7:"),
    (lambda s: round_file(s, results_file="missing.csv"), "round.file", "scores/2026-q1.yml:5:"),
    (lambda s: ((s.root / "scores").mkdir(), (s.root / "scores" / "x.xlsx").write_bytes(b"not a workbook"),
                round_file(s, results_file="x.xlsx")), "round.file", "scores/x.xlsx:1:"),
    (lambda s: ((s.root / "scores").mkdir(),
                (s.root / "scores" / "t.csv").write_bytes(_csv(HEADER_ZH, [ROWS[0], ["bb", "85", "一百", "85", ""]]).encode("gb18030")),
                round_file(s, results_file="t.csv")), "score.number", "scores/t.csv:3:3:"),
])
def test_bad_score_files_are_refused_with_file_and_row(site, capsys, make, rule, where):
    brands(site, draft=("ee",))
    make(site)
    assert site.run("check", "--quiet") == 1
    out = capsys.readouterr()
    lines = [l for l in (out.out + out.err).splitlines() if f" {rule} " in l]
    assert lines and lines[0].startswith(where) and "错误" in lines[0] and "[评价结果]" in lines[0], out
    assert "Traceback" not in out.err
    assert site.run("build", "-d", str(site.root / "site")) == 1  # a bad published round blocks the build


def test_scheme_weights_must_add_up_to_100(site, capsys):
    brands(site, 1)
    (site.root / "schemes.yml").write_text(
        "ten-best:\n  groups:\n    - {id: a, label: 甲, weight: 30}\n    - {id: b, label: 乙, weight: 60}\n", "utf-8")
    cfg = site.root / "mkdocs.yml"
    cfg.write_text(cfg.read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n      schemes: schemes.yml\n"), "utf-8")
    assert site.run("check", "--quiet") == 1
    out = capsys.readouterr().out
    assert "schemes.yml:3:" in out and "scheme.weights" in out and "90" in out


DRAFT_ROUND_MARKER = "草稿轮次QX9R"


def test_draft_round_is_checked_but_published_nowhere(site, capsys):
    brands(site, 2)
    round_file(site, "2026-q1", results(("aa", 80, 80, 80, 0)))
    round_file(site, "2026-q2", results(("aa", 90, 90, 90, 0), ("bb", 70, 70, 70, 0)), date="2026-07-10",
               status="draft")
    text = (site.root / "scores" / "2026-q2.yml").read_text("utf-8").replace("title: 2026-q2 评价", f"title: {DRAFT_ROUND_MARKER}")
    (site.root / "scores" / "2026-q2.yml").write_text(text, "utf-8")
    assert site.run("build", "-d", str(site.root / "site")) == 0
    leaks = [p for p in (site.root / "site").rglob("*") if p.is_file() and
             (DRAFT_ROUND_MARKER.encode() in p.read_bytes() or b"2026-q2" in p.read_bytes())]
    assert not leaks
    assert (site.root / "site" / "leaderboard" / "2026-q1" / "index.html").is_file()


def _check_lines(site, capsys) -> tuple[int, list[str]]:
    code = site.run("check", "--quiet")
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text and "Error" not in text
    return code, text.splitlines()


def test_a_row_may_name_the_brand_by_its_name_when_no_other_brand_has_it(site, capsys):
    brands(site, 2)
    (site.root / "scores").mkdir()
    rows = [["品牌甲测试", "85", "85.5", "87", "0"], ["bb", "85", "87", "85", "1"]]
    (site.root / "scores" / "2026-q1.csv").write_bytes(_csv(["品牌名称", *HEADER_ZH[1:]], rows).encode("utf-8-sig"))
    round_file(site, results_file="2026-q1.csv")
    r = ranked(site)[0]
    assert [(s.brand.slug, s.rank) for s in r.standings] == [("bb", 1), ("aa", 2)]


def test_a_name_two_brands_share_asks_for_the_folder_name(site, capsys):
    brands(site, 2)
    site.brand(slug="aa2", text=GOOD_BRAND.replace("name: 文档连心桥", "name: 品牌甲测试") + "status: draft\n")
    round_file(site, body=results(("品牌甲测试", 80, 80, 80, 0)))
    code, lines = _check_lines(site, capsys)
    assert code == 1
    assert any(line.startswith("scores/2026-q1.yml:6:") and "score.brand-unknown" in line
               and "有 2 个品牌都叫“品牌甲测试”（brands/aa/、brands/aa2/），请写品牌文件夹名" in line for line in lines), lines


@pytest.mark.parametrize("written, meant", [("bbb", "bb"), ("品牌乙侧试", "品牌乙测试")])
def test_an_unknown_brand_gets_a_suggestion(site, capsys, written, meant):
    brands(site, 3)
    (site.root / "scores").mkdir()
    rows = [["aa", "85", "85.5", "87", "0"], [written, "85", "87", "85", "1"]]
    (site.root / "scores" / "2026-q1.csv").write_bytes(_csv(HEADER_ZH, rows).encode("gb18030"))
    round_file(site, results_file="2026-q1.csv")
    code, lines = _check_lines(site, capsys)
    assert code == 1
    hits = [line for line in lines if "score.brand-unknown" in line]
    assert len(hits) == 1 and hits[0].startswith("scores/2026-q1.csv:3:1: 错误 score.brand-unknown [评价结果]"), lines
    assert f"没有叫“{written}”的品牌" in hits[0] and f"是不是想写“{meant}”？" in hits[0]


def test_a_score_with_a_unit_is_one_error_on_its_cell(site, capsys):
    brands(site, 2)
    (site.root / "scores").mkdir()
    rows = [["aa", "92分", "85.5", "87", "0"], ["bb", "85", "87", "85", "1"]]
    (site.root / "scores" / "2026-q1.csv").write_bytes(_csv(HEADER_ZH, rows).encode("utf-8"))
    round_file(site, results_file="2026-q1.csv")
    code, lines = _check_lines(site, capsys)
    errors = [line for line in lines if " 错误 " in line]
    assert code == 1 and len(errors) == 1, errors
    assert errors[0].startswith("scores/2026-q1.csv:2:2: 错误 score.number") and "只写数字，如 92" in errors[0]


def test_inline_score_with_a_unit_is_one_error(site, capsys):
    brands(site, 1)
    round_file(site, body="results:\n  - brand: aa\n    scores: {inspectors: 92分, clients: 80, panel: 80}\n")
    code, lines = _check_lines(site, capsys)
    errors = [line for line in lines if " 错误 " in line]
    assert code == 1 and len(errors) == 1 and "score.number" in errors[0] and "只写数字，如 92" in errors[0], errors


@pytest.mark.parametrize("name, data, says", [
    ("t.xlsx", b"PK\x03\x04" + b"\x00" * 40, "文件已损坏或不完整"),                     # a zip cut short
    ("t.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "旧版 Excel 文件（.xls）"),
    ("t.xlsx", "品牌,监督巡视员\naa,90\n".encode("utf-8"), "文件内容不是 Excel 工作簿"),
    ("t.csv", _csv(HEADER_ZH, ROWS).replace(",", "\t").encode("utf-16"), "“Unicode 文本”（UTF-16"),
    ("t.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 600, "旧版 Excel 文件（.xls）"),
    ("t.csv", bytes(range(0x80, 0x100)) * 3, "无法识别文件编码"),
])
def test_unreadable_tables_say_why_in_chinese_and_how_to_save_them(site, capsys, name, data, says):
    brands(site, 2)
    (site.root / "scores").mkdir()
    (site.root / "scores" / name).write_bytes(data)
    round_file(site, results_file=name)
    code, lines = _check_lines(site, capsys)
    hits = [line for line in lines if "round.file" in line]
    assert code == 1 and len(hits) == 1, lines
    assert hits[0].startswith(f"scores/{name}:1:1: 错误 round.file") and says in hits[0], hits
    assert "另存为" in hits[0]
    assert not any(word in hits[0] for word in ("BadZipFile", "InvalidFile", "KeyError", "Exception"))


def test_an_excel_file_with_data_validation_reads_without_english_warnings(site):
    """Excel writes its data validation as an extension openpyxl does not read, and warns about in English."""
    import subprocess
    import sys
    import zipfile

    brands(site, 2)
    book = Workbook()
    for row in (HEADER_ZH, ["aa", 90, 91.5, 92, 3], ["bb", 88, 90, 89, None]):
        book.active.append(row)
    (site.root / "scores").mkdir()
    plain, target = site.root / "plain.xlsx", site.root / "scores" / "2026-q1.xlsx"
    book.save(plain)
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
                                    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
                                    b'<x14:dataValidations count="0"/></ext></extLst></worksheet>')
            zout.writestr(info, data)
    plain.unlink()
    round_file(site, results_file="2026-q1.xlsx")
    done = subprocess.run([sys.executable, "-W", "default", "-m", "generator", "-C", str(site.root), "check", "--quiet"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Warning" not in done.stderr and "not supported" not in done.stderr, done.stderr


def test_a_brand_whose_file_cannot_be_read_is_one_finding_not_one_per_round(site, check):
    """An editor's typo in brand.yml is reported once, at its line; the rounds naming that brand do not add
    "没有叫…的品牌" for the evaluation office to chase, and the brand is counted as checked."""
    brands(site)
    bad = site.root / "brands" / "aa" / "brand.yml"
    bad.write_text(bad.read_text("utf-8").replace("slogan: 档案连着你我", "slogan：档案连着你我"), "utf-8")
    round_file(site, body=results(("aa", 80, 80, 80, 0), ("bb", 90, 90, 90, 0)))
    code, lines = check()
    assert code == 1
    errors = [line for line in lines if " 错误 " in line]
    assert len(errors) == 1 and errors[0].startswith("brands/aa/brand.yml:6:7:") and "全角冒号" in errors[0]
    assert "检查了 5 个品牌（其中无法读取 1 个）" in lines[-1]
    round_file(site, body=results(("zz", 80, 80, 80, 0)))  # a folder that does not exist is still named
    assert any("score.brand-unknown" in line for line in check()[1])


def test_a_brand_back_after_missing_a_round_is_not_called_new(site):
    """较上轮 says 新 only for a brand's first round; one that sat out the previous round says so."""
    brands(site)
    round_file(site, "2026-q1", body=results(("aa", 90, 90, 90, 0), ("bb", 80, 80, 80, 0)))
    round_file(site, "2026-q2", date="2026-07-10", body=results(("bb", 80, 80, 80, 0)))
    round_file(site, "2026-q3", date="2026-10-08", body=results(("aa", 90, 90, 90, 0), ("bb", 80, 80, 80, 0),
                                                                 ("cc", 70, 70, 70, 0)))
    assert site.run("build", "-q") == 0
    page = (site.root / "site" / "leaderboard" / "2026-q3" / "index.html").read_text("utf-8")
    changes = dict(re.findall(r'<span>(品牌.测试)</span>.*?class="bs-change bs-change--\w+" data-label="较上轮">([^<]*)<', page))
    assert changes == {"品牌甲测试": "上轮未参评", "品牌乙测试": "↓1", "品牌丙测试": "新"}  # 乙 was first of one in q2
