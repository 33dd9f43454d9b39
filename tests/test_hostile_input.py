"""What editors in many units actually type, and what breaks on office machines: each case gets a Chinese
message naming file, line and field, or is accepted and rendered safely; never a traceback or a hang."""

from __future__ import annotations

import datetime as dt
import re
import urllib.request

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load.dates import full_date, month_or_date
from generator.load.yamlpos import MAX_DEPTH, YamlSyntaxError, parse
from tests.conftest import GOOD_BRAND, running_serve
from tests.test_scores import brands, ranked, results, round_file


# -- dates: a round's date and a brand's launched month read alike, quoted or not ---------------------

@pytest.mark.parametrize("written", ["2020-10-08", "'2020-10-08'", '"2020-10-08"', "' 2020-10-08 '", "２０２０-１０-０８"])
def test_a_round_date_is_accepted_quoted_or_not(site, written):
    brands(site, 2)
    round_file(site, date=written, body=results(("aa", 90, 90, 90, None), ("bb", 80, 80, 80, None)))
    assert ranked(site)[0].date == dt.date(2020, 10, 8)


@pytest.mark.parametrize("written", ["2006-08", "'2006-08'", "2006-08-15", "'2006-08-15'", '"2006-8"'])
def test_a_launched_month_is_accepted_quoted_or_not(site, check, written):
    site.brand(text=GOOD_BRAND + f"launched: {written}\n")
    code, lines = check()
    assert code == 0, lines


@pytest.mark.parametrize("written, shown", [("2020-13-01", "2020-13-01"), ("'昨天'", "昨天"), ("''", None)])
def test_a_round_date_that_is_not_a_date_names_what_was_written(site, capsys, written, shown):
    brands(site, 1)
    path = round_file(site, date=written, body=results(("aa", 90, 90, 90, None)))
    assert site.run("check", "--quiet") == 1
    err = capsys.readouterr()
    text = err.out + err.err
    assert "Traceback" not in text
    line = next(line for line in text.splitlines() if path.name in line and ("round.date" in line or "不存在" in line))
    assert line.startswith(f"scores/{path.name}:3:")
    if shown:
        assert shown in line


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)), st.sampled_from(["", "'", '"']))
@settings(max_examples=60, deadline=None)
def test_every_iso_date_reads_back_the_same_quoted_or_not(day, quote):
    text = f"{quote}{day.isoformat()}{quote}"
    value = parse(f"date: {text}\n").data["date"]
    assert full_date(value) == day
    assert month_or_date(value) == day.isoformat()


# -- YAML features editors never mean -------------------------------------------------------------------

def _billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]']
    names = "abcdefghijklmnop"
    for prev, name in zip(names, names[1:levels + 1]):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_in_brand_yml_is_refused_at_once(site, check):
    site.brand(text=GOOD_BRAND + "tags:\n" + "".join(f"  - {line}\n" for line in ["x"]) + _billion_laughs())
    code, lines = check()
    assert code == 1
    assert any(line.startswith("brands/wendang/brand.yml:") and "锚点和别名" in line for line in lines), lines


def test_an_alias_in_a_scores_file_is_refused_with_its_line(site, capsys):
    brands(site, 2)
    round_file(site, body="results:\n  - brand: aa\n    scores: &s {inspectors: 90, clients: 90, panel: 90}\n"
                          "  - brand: bb\n    scores: *s\n")
    assert site.run("check", "--quiet") == 1
    out = capsys.readouterr()
    assert any(line.startswith("scores/2026-q1.yml:7:") and "锚点和别名" in line
               for line in (out.out + out.err).splitlines())


def test_a_merge_key_is_refused_like_an_alias():
    with pytest.raises(YamlSyntaxError, match="锚点和别名"):
        parse("base: &b {hotline: '12345'}\ncontact:\n  <<: *b\n")


def test_nesting_deeper_than_any_brand_needs_is_refused():
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    with pytest.raises(YamlSyntaxError, match="嵌套太深"):
        parse(deep)
    very_deep = "a: " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(YamlSyntaxError):
        parse(very_deep)


def test_the_demo_files_use_no_aliases():
    from tests.conftest import REPO

    for path in [*REPO.glob("brands/*/brand.yml"), *REPO.glob("scores/*.yml")]:
        parse(path.read_text("utf-8"))  # raises on an alias


# -- the CLI itself ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["serve", "build", "check", "publish", "deploy", "export", "kiosk", "new"])
def test_help_says_usage_once(command, capsys):
    from generator.cli import main

    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：brandsite ") and "用法：用法：" not in out


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_serve_answers_400_to_a_nul_byte_and_keeps_serving(site):
    site.brand()
    with running_serve(site.root) as (base, printed):
        assert _status(f"{base}/%00") == 400
        assert _status(f"{base}/brands/%00/index.html") == 400
        assert _status(f"{base}/%ff%fe") == 400
        assert _status(f"{base}/" + "a" * 5000) == 414
        assert _status(f"{base}/") == 200  # still serving
    assert "Traceback" not in "".join(printed)


# -- every file kind, every family: a clear message with file, line and column, or accepted ------------

from tests.hostile_cases import CASES, ROUND_FILES  # noqa: E402


def place(site, relative: str, data: bytes) -> None:
    site.brand()
    path = site.root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if relative in ROUND_FILES:
        (site.root / "scores" / "2026-q1.yml").write_text(ROUND_FILES[relative], "utf-8")


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input_gets_a_clear_message_or_is_accepted(site, capsys, name):
    relative, data, rule, where = CASES[name]
    place(site, relative, data)
    code = site.run("check", "--quiet")
    out = capsys.readouterr()
    text = out.out + out.err
    assert "Traceback" not in text
    findings = [line for line in text.splitlines() if re.match(r"^\S+:\d+:\d+: (错误|警告) ", line)]
    if rule is None:
        assert code == 0 and not [f for f in findings if " 错误 " in f], findings
        return
    assert code == 1
    hit = [f for f in findings if f" 错误 {rule} " in f]
    assert hit, findings
    assert hit[0].startswith(where), hit[0]
    assert re.search(r"[\u4e00-\u9fff]", hit[0].split("] ", 1)[1])  # said in Chinese


def test_a_story_linked_to_a_file_outside_the_brand_is_not_read(site, check):
    folder = site.brand()
    secret = site.root.parent / "outside-secret.txt"
    secret.write_text("机密内容", "utf-8")
    (folder / "story.md").symlink_to(secret)
    code, lines = check()
    assert code == 1
    assert any(line.startswith("brands/wendang/story.md:1:1:") and "file.outside" in line for line in lines), lines
    assert site.run("build") == 1
    assert not (site.root / "site").exists()


def test_a_logo_linked_outside_the_brand_is_refused(site, check):
    folder = site.brand()
    outside = site.root.parent / "elsewhere.png"
    (folder / "logo.png").rename(outside)
    (folder / "logo.png").symlink_to(outside)
    code, lines = check()
    assert code == 1 and any("file.outside" in line and ":4:7:" in line for line in lines), lines


def test_the_limits_in_the_readme_are_the_ones_enforced():
    from generator.load import limits
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    for figure in (f"{limits.FIELD_CHARS:,}", f"{limits.TABLE_ROWS:,}", limits.size(limits.FILE_BYTES["brand.yml"]),
                   limits.size(limits.FILE_BYTES["story.md"]), limits.size(limits.FILE_BYTES["table"]),
                   f"{limits.XLSX_UNPACKED // limits.MB} MB", f"{limits.YAML_DEPTH}",
                   f"{limits.IMAGE_PIXELS // 1_000_000}"):
        assert figure in readme, figure


# -- spreadsheets people open -------------------------------------------------------------------------------

def test_the_results_csv_opens_in_excel_in_chinese_and_runs_no_formula(site):
    import csv
    import io

    brands(site, 3)
    yml = site.root / "brands" / "bb" / "brand.yml"
    yml.write_text(yml.read_text("utf-8").replace("name: 品牌乙测试", "name: '=HYPERLINK(\"http://x\",\"点我\")'"), "utf-8")
    unit = site.root / "brands" / "cc" / "brand.yml"
    unit.write_text(unit.read_text("utf-8").replace("unit: 青岛市档案局", "unit: '@SUM(A1:A9)'"), "utf-8")
    round_file(site, body=results(("aa", 90, 90, 90, None), ("bb", 80, 80, 80, None), ("cc", 70, 70, 70, None)))
    assert site.run("build") == 0
    data = (site.root / "site" / "api" / "rounds" / "2026-q1.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on Chinese Windows reads UTF-8 only with its BOM
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0][:5] == ["名次", "品牌", "品牌编号", "创建单位", "类别"]
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r")) or (c.startswith("-") and not c[1:].replace(".", "").isdigit())]
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in cells and "'@SUM(A1:A9)" in cells
    page = (site.root / "site" / "leaderboard" / "2026-q1" / "index.html").read_text("utf-8")
    assert "2026-q1.csv" in page


@given(st.one_of(st.text(max_size=30), st.from_regex(r"[=+\-@\t\r][0-9.]{0,4}", fullmatch=True)))
@settings(max_examples=300, deadline=None)
def test_no_written_cell_starts_like_a_formula(text):
    """A cell begins with =, +, -, @, tab or CR only when it is a plain number; otherwise it is marked text."""
    from generator.produce.spreadsheet import safe_cell

    cell = safe_cell(text)
    assert cell in (text, "'" + text)
    if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        assert re.fullmatch(r"[+-]?\d+(\.\d+)?", cell), cell


# -- generated: any value in any field of brand.yml ------------------------------------------------------

_SCALARS = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40),
    st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.sampled_from(["是", "否", "no", "yes", "2026-13-45", "１２３４５", "\u200b", "\u202e", "=1+1", "　", "~", "null"]),
)
_VALUES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                       max_leaves=12)
_FIELDS = ["name", "unit", "category", "logo", "logo_meaning", "slogan", "positioning", "core_idea", "vision",
           "commitments", "standards", "culture", "systems", "services", "contact", "launched", "honors", "gallery",
           "tags", "status", "unknown_key"]


@given(field=st.sampled_from(_FIELDS), value=_VALUES)
@settings(max_examples=80, deadline=None)
def test_any_value_in_any_field_is_checked_without_a_traceback(tmp_path_factory, field, value):
    """Written as YAML by the YAML library (so every value is one an editor could type), then checked:
    findings carry file, line and column, in Chinese; nothing raises."""
    import contextlib
    import io

    import yaml as pyyaml

    from generator.cli import main
    from tests.conftest import Site

    site = Site(tmp_path_factory.mktemp("fuzz"))
    folder = site.brand()
    data = pyyaml.safe_load(GOOD_BRAND)
    data[field] = value
    (folder / "brand.yml").write_text(pyyaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["-C", str(site.root), "check", "--quiet"])
    assert code in (0, 1)
    for line in (out.getvalue() + err.getvalue()).splitlines():
        if " 错误 " in line or " 警告 " in line:
            assert re.match(r"^brands/wendang/brand\.yml:\d+:\d+: (错误|警告) [\w.-]+ \[[^\]]+\] \S", line), line
