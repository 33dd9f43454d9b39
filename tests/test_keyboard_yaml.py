"""The YAML mistakes a Chinese input method makes, reported at the line and column of the cause, by their
name, with the fix: each at the top level, in a nested mapping and in a list item.

Line numbers are GOOD_BRAND's: 6 slogan, 9 vision, 11-13 commitments, 15 工作时限, 24 systems,
27 hotline, 28 complaint, 32-33 the gallery's one photo.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import contract, keyboard
from generator.load.yamlpos import YamlSyntaxError, parse
from tests.conftest import GOOD_BRAND

NAMES = contract.known_keys(contract.default_contract())

# name: (the change to GOOD_BRAND, where the cause is, rule, the words an editor must see)
CASES = {
    # 全角冒号 after a key
    "colon-top": (("slogan: 档案连着你我", "slogan：档案连着你我"), "6:7", "yaml.syntax",
                  ["第 6 行用了全角冒号“：”", "请改成半角冒号加一个空格“: ”，写成 slogan: 档案连着你我"]),
    "colon-nested-first": (('  hotline: "12345"', '  hotline："12345"'), "27:10", "yaml.syntax",
                           ["全角冒号", "hotline: "]),
    "colon-nested": (("  complaint: 局长信箱", "  complaint：局长信箱"), "28:12", "yaml.syntax",
                     ["第 28 行用了全角冒号", "complaint: 局长信箱"]),
    "colon-aspect": (("  工作时限: 当日办结", "  工作时限：当日办结"), "15:7", "yaml.syntax",
                     ["全角冒号", "工作时限: 当日办结"]),
    "colon-list-item": (("  - file: photos/hall.jpg", "  - file：photos/hall.jpg"), "32:9", "yaml.syntax",
                        ["第 32 行用了全角冒号", "file: photos/hall"]),
    "colon-list-item-last-line": (("    caption: 查档大厅", "    caption：查档大厅"), "33:12", "yaml.syntax",
                                  ["全角冒号", "caption: 查档大厅"]),
    "colon-only-key-of-item": (("  - file: photos/hall.jpg\n    caption: 查档大厅", "  - file：photos/hall.jpg"), "32:9",
                               "yaml.syntax", ["全角冒号", "file: photos/hall"]),
    # a line YAML joined to the value above it, in English and in Chinese
    "colon-swallowed": (("core_idea: 文档服务连民心", "core_idea: 文档服务连民心\n  slogan：办事到驿站"), "9:9",
                        "yaml.syntax", ["第 9 行用了全角冒号", "slogan: 办事到驿站"]),
    "colon-swallowed-chinese-key": (("core_idea: 文档服务连民心", "core_idea: 文档服务连民心\n  口号：办事到驿站"), "9:5",
                                    "yaml.syntax", ["全角冒号", "slogan: 办事到驿站"]),
    # no space after “:”
    "no-space-top": (("vision: 让", "vision:让"), "9:7", "yaml.syntax",
                     ["第 9 行“vision:”的冒号后面缺少空格", "请在半角冒号后加一个空格，写成 vision: 让每一份档案"]),
    "no-space-nested": (("  complaint: 局长信箱", "  complaint:局长信箱"), "28:12", "yaml.syntax",
                        ["“complaint:”的冒号后面缺少空格", "complaint: 局长信箱"]),
    "no-space-list-item": (("    caption: 查档大厅", "    caption:查档大厅"), "33:12", "yaml.syntax",
                           ["“caption:”的冒号后面缺少空格", "caption: 查档大厅"]),
    "full-width-space-after-colon": (("vision: 让", "vision:\u3000让"), "9:8", "yaml.syntax",
                                     ["冒号后面是全角空格", "请改成半角空格，写成 vision: 让"]),
    # a list item typed with no space after its dash, or with a bullet; a half-width ": " inside an item's text
    "dash-no-space": (("  - 复杂查档", "  -复杂查档"), "12:3", "yaml.syntax",
                      ["第 12 行的“-”后面缺少空格", "如 - 复杂查档"]),
    "dash-no-space-first-item": (("  - 一般查询", "  -一般查询"), "11:3", "contract.type", ["第 11 行的“-”后面缺少空格"]),
    "dash-bullet": (("  - 复杂查档", "  · 复杂查档"), "12:3", "yaml.syntax",
                    ["第 12 行的列表符号用了间隔号“·”", "半角减号加一个空格"]),
    "colon-space-inside-item": (("  - 复杂查档 3 个工作日内答复", "  - 复杂查档: 3 个工作日内答复"), "12:5", "contract.type",
                                ["服务承诺第 2 项应为文字", "文字里的冒号请用全角“：”", "加上半角引号"]),
    # 引号没有配对
    "quote-top": (("slogan: 档案连着你我", 'slogan: "档案连着你我'), "6:9", "yaml.syntax",
                  ["第 6 行的引号没有配对", '请在这一项末尾补上 "']),
    "quote-nested": (('  hotline: "12345"', '  hotline: "12345'), "27:12", "yaml.syntax",
                     ["第 27 行的引号没有配对"]),
    "quote-list-item": (("  - 复杂查档", "  - '复杂查档"), "12:5", "yaml.syntax", ["第 12 行的引号没有配对", "补上 '"]),
    "quote-closed-chinese": (("slogan: 档案连着你我", 'slogan: "档案连着你我”'), "6:9", "yaml.syntax",
                             ["引号没有配对", "结尾却是中文引号“””", "改成同样的半角引号"]),
    # Tab in the indentation
    "tab-top": (("slogan:", "\tslogan:"), "6:1", "yaml.syntax", ["第 6 行的缩进里有Tab（制表符）", "改用半角空格"]),
    "tab-nested": (("  complaint", "\tcomplaint"), "28:1", "yaml.syntax", ["Tab（制表符）"]),
    "tab-list-item": (("  - 复杂查档", "\t- 复杂查档"), "12:1", "yaml.syntax", ["第 12 行的缩进里有Tab"]),
    "tab-after-spaces": (("  - 复杂查档", "  \t- 复杂查档"), "12:3", "yaml.syntax", ["Tab（制表符）"]),
    # 全角空格 in the indentation
    "ideographic-space-top": (("slogan:", "\u3000slogan:"), "6:1", "yaml.syntax", ["第 6 行的缩进里有全角空格"]),
    "ideographic-space-nested": (("  complaint", "\u3000\u3000complaint"), "28:1", "yaml.syntax", ["全角空格"]),
    "ideographic-space-list-item": (("  - 复杂查档", "\u3000\u3000- 复杂查档"), "12:1", "yaml.syntax", ["全角空格"]),
    "ideographic-space-nested-first": (('  hotline: "12345"', '\u3000 hotline: "12345"'), "27:1", "yaml.syntax",
                                       ["全角空格"]),
    # a list dash, a comma, brackets typed full-width
    "dash-first-item": (("  - 一般查询", "  — 一般查询"), "11:3", "yaml.syntax", ["列表符号用了破折号“—”", "“- ”"]),
    "dash-later-item": (("  - 复杂查档", "  － 复杂查档"), "12:3", "yaml.syntax", ["列表符号用了全角减号“－”"]),
    "comma-in-flow-list": (("[岗位责任制, 服务承诺制", "[岗位责任制，服务承诺制"), "24:16", "yaml.syntax",
                           ["列表各项之间用了全角逗号“，”", "半角逗号加一个空格"]),
    "brackets": (("systems: [岗位责任制, 服务承诺制, 限时办结制, 首问负责制]", "systems: 【岗位责任制, 服务承诺制, 限时办结制, 首问负责制】"),
                 "24:10", "contract.type", ["制度保障应为文字列表", "第 24 行用了全角方括号“【”"]),
    # Chinese quotes where YAML needed real ones (a “: ” inside), brackets half typed full-width
    "chinese-quotes-top": (("slogan: 档案连着你我", "slogan: “档案: 连着你我”"), "6:9", "yaml.syntax",
                           ["第 6 行用了中文引号““”当作引号", "请把两头改成半角双引号"]),
    "chinese-quotes-list-item": (("  - 复杂查档 3 个工作日内答复", "  - “复杂查档: 3 个工作日内答复”"), "12:5", "yaml.syntax",
                                 ["第 12 行用了中文引号““”当作引号", "被当成了键和值"]),
    "chinese-quotes-nested": (("  complaint: 局长信箱", "  complaint: ‘局长信箱: 每周回复’"), "28:14", "yaml.syntax",
                              ["中文单引号“‘”当作引号", "半角单引号"]),
    "closing-bracket-wide": (("[岗位责任制, 服务承诺制, 限时办结制, 首问负责制]", "[岗位责任制, 服务承诺制, 限时办结制, 首问负责制】"), "24:37",
                             "yaml.syntax", ["第 24 行用了全角方括号“】”", "半角方括号 [ ]"]),
    "closing-brace-wide-nested": (("  hotline: \"12345\"", "  hotline: {电话: \"12345\"｝"), "27:24", "yaml.syntax",
                                  ["全角花括号“｝”"]),
    "quotes-around-a-word": (("name: 文档连心桥", "name: 文档连心桥\nstatus: “draft”"), "2:9", "contract.type",
                             ["第 2 行用了中文引号““”", "请改成半角双引号"]),
    # a key written in Chinese
    "chinese-key-top": (("slogan:", "口号:"), "6:1", "contract.unknown-key", ["未知的键“口号”", "请写成 slogan"]),
    "chinese-label-top": (("slogan:", "宣传口号:"), "6:1", "contract.unknown-key", ["请写成 slogan"]),
    "chinese-key-nested": (("  hotline:", "  监督电话:"), "27:3", "contract.unknown-key", ["“监督电话”请写成 hotline"]),
}


def _error_lines(lines, rule):
    return [line for line in lines if f" 错误 {rule} [" in line]


@pytest.mark.parametrize("change, where, rule, words", CASES.values(), ids=CASES.keys())
def test_keyboard_mistake_is_reported_where_and_what_it_is(site, check, change, where, rule, words):
    old, new = change
    assert old in GOOD_BRAND
    site.brand(text=GOOD_BRAND.replace(old, new, 1))
    code, lines = check()
    assert code == 1
    found = _error_lines(lines, rule)
    assert found, lines
    assert found[0].startswith(f"brands/wendang/brand.yml:{where}: 错误 {rule} ["), found
    for word in words:
        assert word in found[0], (word, found[0])
    # one finding for one mistake: the consequences on the same line are not reported again
    assert not [line for line in lines if line.startswith(f"brands/wendang/brand.yml:{where.split(':')[0]}:")
                and line is not found[0] and " 错误 " in line], lines
    assert not re.search(r"found|expected|token|scalar|mapping", "\n".join(lines)), lines  # no PyYAML English


def test_the_issue_examples_point_at_line_7(site, check):
    """The issue's file: line 7 is the slogan, typed with a full-width colon, then with no space, then
    with a quote that never closes."""
    lines7 = GOOD_BRAND.replace("positioning: 面向市民提供档案查询服务\n", "").replace(
        "slogan: 档案连着你我\n", "positioning: 面向市民提供档案查询服务\nslogan: 办事到驿站，服务零距离\n")
    assert lines7.split("\n")[6] == "slogan: 办事到驿站，服务零距离"
    for typed, column, word in [("slogan：办事", 7, "全角冒号"), ("slogan:办事", 7, "缺少空格"),
                                ('slogan: "办事', 9, "引号没有配对")]:
        site.brand(text=lines7.replace("slogan: 办事", typed))
        code, lines = check()
        assert code == 1
        assert lines[0].startswith(f"brands/wendang/brand.yml:7:{column}: 错误 yaml.syntax ["), lines
        assert word in lines[0] and "第 7 行" in lines[0]


@pytest.mark.parametrize("change", [
    ("slogan: 档案连着你我", "slogan: 办事：快"),                         # a full-width colon inside a value is text
    ("slogan: 档案连着你我", "slogan: “档案连着你我”"),                   # Chinese quotes inside a value are text
    ("  - 对行动不便的群众上门服务", "  - 服务承诺：对行动不便的群众上门服务"),  # a list item's text
    ("  - 一般查询 30 分钟内出具结果", "  - 承诺：一般查询 30 分钟内出具结果"),
    ("vision: 让每一份档案都能被找到", "vision: 让每一份档案都能被找到，详见 http://dag.qingdao.gov.cn"),
    ("  hours: 工作日 9:00—17:00", "  hours: 工作日 9:00—17:00，周六 9:00-12:00"),
    ("culture:\n", "culture:\n  作风: 严谨：细致\n"),
], ids=["colon-in-value", "chinese-quotes", "colon-in-list-text", "colon-in-list-text-2", "url", "times", "colon-in-map-value"])
def test_full_width_text_inside_values_is_not_flagged(site, check, change):
    old, new = change
    assert old in GOOD_BRAND
    site.brand(text=GOOD_BRAND.replace(old, new, 1))
    code, lines = check()
    assert code == 0, lines
    assert not [line for line in lines if "yaml.syntax" in line]


def test_a_file_typed_with_full_width_colons_throughout_is_reported_from_its_first_line(site, check):
    text = re.sub(r"^(\s*(?:- )?[a-z_]+): ", r"\1：", GOOD_BRAND, flags=re.M)
    site.brand(text=text)
    code, lines = check()
    assert code == 1
    assert lines[0].startswith("brands/wendang/brand.yml:1:5: 错误 yaml.syntax ["), lines
    assert "第 1 行用了全角冒号“：”" in lines[0] and "写成 name: 文档连心桥" in lines[0]
    assert "第 2、3、4、5" in lines[0] and "请一并改正" in lines[0]


def test_a_chinese_key_with_a_full_width_colon_is_given_its_english_name(site, check):
    site.brand(text=GOOD_BRAND.replace("slogan: 档案连着你我", "口号：档案连着你我"))
    code, lines = check()
    assert code == 1
    assert lines[0].startswith("brands/wendang/brand.yml:6:3: 错误 yaml.syntax ["), lines
    assert "全角冒号" in lines[0] and "写成 slogan: 档案连着你我（键要用英文，“口号”写成 slogan）" in lines[0]


def test_other_yaml_files_are_diagnosed_alike(tmp_path):
    """The diagnosis is the YAML reader's: a criteria file (and a scores file) gets it too."""
    from generator.check import criteria

    path = tmp_path / "criteria.yml"
    path.write_text("extends: default\ndisable：[gallery.present]\n", "utf-8")
    with pytest.raises(criteria.CriteriaError) as exc:
        criteria.load(path)
    found = exc.value.findings[0]
    assert (found.position.line, found.position.column) == (2, 8)
    assert "第 2 行用了全角冒号" in found.message


PYYAML_WORDS = re.compile(r"found|expected|token|scalar|mapping|character|directive|document|stream|context|octet|URI")


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.text(alphabet=" \t\u3000:：，,“”‘’\"'【】[]{}—－-#a口号slogan\\&*!|>%@`?\r\x85\u2028", max_size=12), max_size=8))
def test_any_mix_of_keyboard_characters_gives_a_chinese_message_never_a_traceback(lines):
    text = "\n".join(lines)
    try:
        doc = parse(text, NAMES)
    except YamlSyntaxError as exc:
        assert exc.position.line >= 1 and exc.position.column >= 1
        assert re.search(r"[\u4e00-\u9fff]", exc.message), exc.message
        assert not PYYAML_WORDS.search(exc.message), exc.message
        return
    for cause in keyboard.in_document(doc.text, doc.node, NAMES):
        assert 1 <= cause.position.line <= len(re.split("\r\n|[\r\n\x85\u2028]", text))  # YAML's own line breaks
        assert re.search(r"[\u4e00-\u9fff]", cause.message)


@pytest.mark.parametrize("sep, where, word", [("：", "1:5", "全角冒号"), (":", "1:5", "缺少空格")])
def test_a_file_yaml_reads_as_one_text_is_told_by_its_cause(site, check, sep, where, word):
    """Keys with no space after the colon on every line, or a first line with a full-width colon and only
    text under it: YAML reads the whole file as one text."""
    text = "name{0}文档连心桥\nunit{0}青岛市档案局\ncategory{0}政务服务\n".format(sep)
    site.brand(text=text)
    code, lines = check()
    assert code == 1
    assert lines[0].startswith(f"brands/wendang/brand.yml:{where}: 错误 yaml.syntax ["), lines
    assert word in lines[0] and "第 2、3 行也是这样" in lines[0]
    assert not [line for line in lines if "brand.root" in line]


def test_a_comma_inside_text_is_not_named_as_the_cause(site, check):
    site.brand(text=GOOD_BRAND.replace("services: [档案查询]", "services: 档案查询，档案证明"))
    _, lines = check()
    found = _error_lines(lines, "contract.type")
    assert found and found[0].startswith("brands/wendang/brand.yml:25:11:"), lines
    assert "服务项目应为文字列表（每行以“- ”开头）" in found[0] and "全角逗号" not in found[0]
