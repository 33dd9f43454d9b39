"""The 错敏 check: wrong words, outdated official names and the site's own sensitive words in every public
text, each at its file:line:col, with the site's exemptions and severities."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.check import lexicon

from tests.conftest import GOOD_BRAND

SEEDS = Path("/work/shared/seeds")


def lines_of(lines, rule):
    return [line for line in lines if f" {rule} [" in line]


def test_wrong_word_in_a_field_is_an_error_at_its_place(site, check):
    site.brand(text=GOOD_BRAND.replace("vision: 让每一份档案都能被找到", "vision: 按步就班，让每一份档案都能被找到"))
    code, lines = check()
    assert code == 1
    found = lines_of(lines, "wording.typo")
    assert found == ["brands/wendang/brand.yml:9:9: 错误 wording.typo [规范表述] "
                     "疑似错别字或不规范表述“按步就班”，应为“按部就班”（部：门类、次序）"], lines


def test_every_occurrence_in_a_long_value_has_its_own_column(site, check):
    site.brand(text=GOOD_BRAND.replace("positioning: 面向市民提供档案查询服务",
                                       "positioning: 再接再励，面向市民提供档案查询服务，一股作气"))
    code, lines = check()
    found = lines_of(lines, "wording.typo")
    assert [re.match(r"\S+:(\d+):(\d+):", f).groups() for f in found] == [("7", "14"), ("7", "32")], found


def test_story_and_its_line(site, check):
    folder = site.brand()
    (folder / "story.md").write_text("# 品牌故事\n\n我们坚持贯切落实首问负责制。\n\n迫不急待地为群众办事。\n", "utf-8")
    code, lines = check()
    found = lines_of(lines, "wording.typo")
    assert [f.split(" 错误")[0] for f in found] == ["brands/wendang/story.md:3:5:", "brands/wendang/story.md:5:1:"]
    assert "应为“贯彻落实”" in found[0] and "应为“迫不及待”" in found[1]


def test_outdated_name_is_a_warning_with_the_current_name(site, check):
    site.brand(text=GOOD_BRAND.replace("unit: 青岛市档案局", "unit: 青岛市国土资源局")
               .replace("core_idea: 文档服务连民心", "core_idea: 配合农业部门服务三农"))
    code, lines = check()
    assert code == 0
    found = lines_of(lines, "wording.outdated")
    assert len(found) == 1, lines  # 农业部门 is a generic phrase, not the ministry
    assert found[0].startswith("brands/wendang/brand.yml:2:10: 警告 wording.outdated")
    assert "“国土资源局”已不再使用，现为“自然资源局" in found[0]


def _wording(site, sensitive: str, exempt: str | None = None):
    folder = site.root / "wording"
    folder.mkdir(exist_ok=True)
    (folder / "sensitive.yml").write_text(sensitive, "utf-8")
    settings = "      wording:\n        sensitive: wording/sensitive.yml\n"
    if exempt is not None:
        (folder / "exempt.yml").write_text(exempt, "utf-8")
        settings += "        exempt: wording/exempt.yml\n"
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n" + settings), "utf-8")


def test_site_sensitive_word_blocks_and_its_exemption_lets_a_brand_use_it(site, check):
    _wording(site, "sensitive:\n  - 最权威\n  - {word: 零投诉, right: 投诉少, note: 绝对化用语}\n")
    site.brand(text=GOOD_BRAND.replace("slogan: 档案连着你我", "slogan: 最权威的档案服务，零投诉"))
    code, lines = check()
    assert code == 1
    found = lines_of(lines, "wording.sensitive")
    assert [f.split(": 错误")[0] for f in found] == ["brands/wendang/brand.yml:6:9", "brands/wendang/brand.yml:6:18"]
    assert "“零投诉”，应为“投诉少”（绝对化用语）" in found[1]
    # an exemption for this brand only
    (site.root / "wording" / "exempt.yml").write_text("exempt:\n  - {text: 最权威的档案, path: brands/wendang/}\n"
                                                      "  - {text: 零投诉, path: brands/other/}\n", "utf-8")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("        sensitive: wording/sensitive.yml\n",
                                                        "        sensitive: wording/sensitive.yml\n"
                                                        "        exempt: wording/exempt.yml\n"), "utf-8")
    code, lines = check()
    found = lines_of(lines, "wording.sensitive")
    assert len(found) == 1 and "零投诉" in found[0], lines


def test_news_rounds_and_pages_are_checked_too(site, check):
    site.brand()
    posts = site.root / "content" / "news" / "posts"
    posts.mkdir(parents=True)
    (site.root / "content" / "news" / "index.md").write_text("# 创建动态\n", "utf-8")
    (posts / "a.md").write_text("---\ndate: 2026-11-30\n---\n\n# 动态\n\n各单位要再接再励。\n", "utf-8")
    (site.root / "content" / "about.md").write_text("# 关于\n\n本站由市工商局协办。\n", "utf-8")
    (site.root / "scores").mkdir()
    (site.root / "scores" / "2026-q3.yml").write_text(
        "round: 2026-q3\n# 注释里的再接再励不算\ntitle: 第三季度评价，望再接再励\ndate: 2026-10-08\nscheme: ten-best\n"
        "results:\n  - brand: wendang\n    scores: {inspectors: 90, clients: 90, panel: 90}\n", "utf-8")
    code, lines = check()
    assert code == 1
    typos = lines_of(lines, "wording.typo")
    assert [t.split(": 错误")[0] for t in typos] == ["content/news/posts/a.md:7:5", "scores/2026-q3.yml:3:16"], lines
    assert any(line.startswith("content/about.md:3:5: 警告 wording.outdated") for line in lines), lines


def test_site_criteria_sets_the_severity(site, check):
    site.brand(text=GOOD_BRAND.replace("unit: 青岛市档案局", "unit: 青岛市地税局"))
    (site.root / "criteria.yml").write_text(
        "extends: default\nrules:\n  - id: wording.outdated\n    standard: wording\n    severity: error\n"
        "    check: words_absent\n    list: outdated\n    message: 旧名称“{match}”{advice}\n", "utf-8")
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n      criteria: criteria.yml\n"),
                      "utf-8")
    code, lines = check()
    assert code == 1
    assert any(line.startswith("brands/wendang/brand.yml:2:10: 错误 wording.outdated") for line in lines), lines


@pytest.mark.parametrize("content, expected", [
    (None, "找不到 brandsite 插件 wording.sensitive 指定的词表文件“wording/sensitive.yml”"),
    ("sensitive:\n  - [一, 二, 三, 四]\n", "wording/sensitive.yml:2:5: 错误 wording.list [规范表述] 第 1 条格式不对"),
    ("sensitive: 词语\n", "sensitive 应为列表"),
    ("sensitive:\n  - {word: 农业部, except: [农村]}\n", "except“农村”不含“农业部”"),
])
def test_a_bad_word_list_is_said_in_chinese(site, check, content, expected):
    site.brand()
    _wording(site, content or "")
    if content is None:
        (site.root / "wording" / "sensitive.yml").unlink()
    code, lines = check()
    assert code == 1
    assert any(expected in line for line in lines), lines
    assert not any("Traceback" in line for line in lines)


def test_unknown_wording_setting_is_named(site, check):
    site.brand()
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n      wording: {sensitve: a.yml}\n"),
                      "utf-8")
    code, lines = check()
    assert code == 1
    assert any("wording 没有“sensitve”这项（是不是想写“sensitive”？）" in line for line in lines), lines


def test_default_lists_hold_no_contradiction():
    words = lexicon.default()
    assert words.count("typos") >= 300 and words.count("outdated") >= 40
    for entry in words.entries:
        assert entry.word != entry.right
        if entry.list == "typos":  # the right form of one entry never trips another
            assert not [m for m in words.find(entry.right) if m.entry.list == "typos"], entry


def test_seed_documents_give_only_the_findings_checked_by_hand():
    """Real government prose (the seed documents): the one real typo and the pre-2018 agency names (see
    developers/decisions.md, 错敏检查)."""
    if not SEEDS.is_dir():
        pytest.skip("the seed documents are not on this machine")
    words = lexicon.default()
    found = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for m in words.find(path.read_text("utf-8"), path.name):
            found.setdefault(m.entry.list, []).append(m.entry.word)
    assert found.get("typos") == ["集思广义"]
    assert sorted(set(found.get("outdated", []))) == sorted(
        {"环保局", "旅游局", "政府法制办", "国税局", "地税局", "工商局", "质监局", "银监局", "国土资源局", "安监局"})
    assert len(found["outdated"]) == 24
