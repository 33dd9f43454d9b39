"""Each criteria rule with a passing and a failing example."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check import criteria

from tests.conftest import GOOD_BRAND


def findings(lines, rule):
    return [line for line in lines if f" {rule} [" in line]


CASES = [
    # rule, severity, brand text change that breaks it
    ("name.min", "错误", ("name: 文档连心桥", "name: 档")),
    ("name.long", "警告", ("name: 文档连心桥", "name: 创勤学负责队伍建规范和谐机关")),
    ("logo_meaning.present", "警告", ("logo_meaning: 档案盒与拱桥相连\n", "")),
    ("positioning.present", "警告", ("positioning: 面向市民提供档案查询服务\n", "")),
    ("core_idea.present", "警告", ("core_idea: 文档服务连民心\n", "")),
    ("culture.ideas", "警告", ("  学习理念: 求知奋进\n  服务理念: 沟通理解\n", "")),
    ("slogan.present", "警告", ("slogan: 档案连着你我\n", "")),
    ("gallery.present", "警告", ("gallery:\n  - file: photos/hall.jpg\n    caption: 查档大厅\n", "")),
    ("commitments.min", "错误", ("  - 对行动不便的群众上门服务\n", "")),
    ("commitments.quantified", "警告", ("  - 一般查询 30 分钟内出具结果\n  - 复杂查档 3 个工作日内答复\n",
                                       "  - 热情接待\n  - 耐心解答\n")),
    ("standards.aspects", "错误", ("  仪表服饰: 统一着装\n", "")),
    ("contact.address", "警告", ("  address: 档案馆利用大厅\n", "")),
    ("contact.hours", "警告", ("  hours: 工作日 9:00—17:00\n", "")),
    ("services.present", "警告", ("services: [档案查询]\n", "")),
    ("systems.core", "错误", ("systems: [岗位责任制, 服务承诺制, 限时办结制, 首问负责制]", "systems: [岗位责任制, 服务承诺制]")),
    ("contact.complaint", "错误", ('  hotline: "12345"\n  complaint: 局长信箱\n', "")),
    ("privacy.mobile", "错误", ("文档服务连民心", "文档服务连民心，电话 15012345678")),
    ("placeholder", "错误", ("slogan: 档案连着你我", "slogan: 【待填写：宣传口号】")),
]


def test_good_brand_breaks_no_rule(site, check):
    site.brand()
    code, lines = check()
    assert code == 0
    for rule, _, _ in CASES:
        assert not findings(lines, rule), rule


@pytest.mark.parametrize("rule, severity, change", CASES, ids=[c[0] for c in CASES])
def test_rule_fails(site, check, rule, severity, change):
    old, new = change
    assert old in GOOD_BRAND
    site.brand(text=GOOD_BRAND.replace(old, new, 1))
    code, lines = check()
    found = findings(lines, rule)
    assert found, lines
    assert f": {severity} {rule} [" in found[0]
    assert code == (1 if severity == "错误" else 0)


@pytest.mark.parametrize("size, rule, severity", [((200, 200), "logo.min-size", "错误"), ((300, 300), "logo.small", "警告"),
                                                  ((600, 300), "logo.square", "警告")])
def test_logo_rules(site, check, size, rule, severity):
    site.brand(logo=size)
    _, lines = check()
    found = findings(lines, rule)
    assert found and f": {severity} {rule} [" in found[0]
    assert found[0].startswith("brands/wendang/brand.yml:4:7:")


def test_small_logo_is_one_finding_not_two(site, check):
    site.brand(logo=(200, 200))
    _, lines = check()
    assert findings(lines, "logo.min-size") and not findings(lines, "logo.small")


@pytest.mark.parametrize("name", ["服务山区农业建设特色驿道", "打造责任、诚信、阳光政府", "创勤学负责队伍建规范和谐机关"])
def test_officially_named_long_brands_are_warnings_only(site, check, name):
    site.brand(text=GOOD_BRAND.replace("name: 文档连心桥", f"name: {name}"))
    code, lines = check()
    assert code == 0
    assert findings(lines, "name.long")


# Personal data as editors write it, and numbers that are public. Each is written into the vision
# (line 9) between Chinese words, as "vision: 联系人{written}办理", so a finding must point at line 9, column 12.
PERSONAL_DATA = [
    # written                      verdict
    ("13905321234",                "privacy.mobile"),
    ("139 0532 1234",              "privacy.mobile"),
    ("139-0532-1234",              "privacy.mobile"),
    ("139.0532.1234",              "privacy.mobile"),
    ("１３９０５３２１２３４",         "privacy.mobile"),   # full-width digits
    ("１３９－０５３２－１２３４",      "privacy.mobile"),   # full-width digits and hyphens
    ("139\u30000532\u30001234",    "privacy.mobile"),   # full-width spaces between the groups
    ("+8613905321234",             "privacy.mobile"),
    ("+86 139 0532 1234",          "privacy.mobile"),
    ("＋８６１３９０５３２１２３４",     "privacy.mobile"),
    ("008613905321234",            "privacy.mobile"),
    ("86-13905321234",             "privacy.mobile"),
    ("(+86)139-0532-1234",         "privacy.mobile"),
    ("11010519491231002X",         "privacy.id-card"),
    ("110105194912310021",         "privacy.id-card"),  # wrong check digit: still a birth date and a place
    ("110105 19491231 002X",       "privacy.id-card"),
    ("１１０１０５１９４９１２３１００２Ｘ", "privacy.id-card"),
    ("12345",                      None),               # 政务服务便民热线
    ("95598",                      None),
    ("0532-12345678",              None),               # office number
    ("0532 8288 1234",             None),
    ("(0532)82881234",             None),
    ("400-123-4567",               None),
    ("4001234567",                 None),
    ("0532-12345678转1390",         None),
    ("6222 1390 5321 2345 678",    None),               # a longer number that contains 11 digits
    ("No.1390532123456",           None),
    ("2021年13个工作日",              None),
]


@pytest.mark.parametrize("written, verdict", PERSONAL_DATA, ids=[w for w, _ in PERSONAL_DATA])
def test_personal_data_in_every_usual_form(site, check, written, verdict):
    site.brand(text=GOOD_BRAND.replace("vision: 让每一份档案都能被找到", f"vision: 联系人{written}办理"))
    code, lines = check()
    found = [line for line in lines if " privacy." in line]
    if verdict is None:
        assert code == 0 and not found, lines
        return
    assert len(found) == 1, lines
    assert found[0].startswith(f"brands/wendang/brand.yml:9:12: 错误 {verdict} [个人信息保护]"), found
    assert f"“{written}”" in found[0]  # the number as the editor wrote it, full-width digits and all


def test_personal_data_in_a_nested_value_and_a_list_item(site, check):
    site.brand(text=GOOD_BRAND.replace('hotline: "12345"', 'hotline: "12345，值班 139 0532 1234"')
               .replace("  - 对行动不便的群众上门服务", "  - 上门服务请拨 １３９０５３２１２３４"))
    _, lines = check()
    found = sorted(line.split(" 错误 ")[0] for line in lines if " privacy.mobile " in line)
    assert found == ["brands/wendang/brand.yml:13:12:", "brands/wendang/brand.yml:27:22:"], lines


def test_synonyms_count_for_systems(site, check):
    site.brand(text=GOOD_BRAND.replace("首问负责制", "首问责任制"))
    code, lines = check()
    assert code == 0 and not findings(lines, "systems.core")


def test_draft_is_checked_like_any_brand(site, check):
    site.brand(text=GOOD_BRAND.replace("name: 文档连心桥", "name: 档") + "status: draft\n")
    code, lines = check()
    assert code == 1 and findings(lines, "name.min")


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0123456789Xx电话：, -", max_size=40))
def test_id_card_pattern_matches_what_not_after_a_number_means(text):
    """criteria.yml writes "not after a number" after the first digit, for speed; it must flag exactly
    the numbers the plain form (look behind first) flags."""
    rule = next(r for r in criteria.load(None).rules if r.id == "privacy.id-card")
    plain = (r"(?<![0-9])(?<![0-9][.\-–—])[1-9][0-9]{5}[ \-–—]?(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])"
             r"(?:0[1-9]|[12][0-9]|3[01])[ \-–—]?[0-9]{3}[0-9Xx](?![0-9])")
    assert ([m.span() for m in re.finditer(rule.params["pattern"], text)]
            == [m.span() for m in re.finditer(plain, text)])


def test_a_criteria_file_naming_an_unknown_fold_is_reported(tmp_path):
    path = tmp_path / "criteria.yml"
    path.write_text("extends: default\nrules:\n  - id: privacy.mobile\n    standard: privacy\n    severity: error\n"
                    "    check: pattern_absent\n    pattern: '1[3-9][0-9]{9}'\n    fold: nfkc\n    message: m\n", "utf-8")
    with pytest.raises(criteria.CriteriaError) as exc:
        criteria.load(path)
    found = exc.value.findings[0]
    assert (found.position.line, found.position.column) == (8, 11)
    assert "fold 只能是 width" in found.message
