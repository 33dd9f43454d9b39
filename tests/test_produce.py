"""Producers as plain functions: hostile text stays inert, story headings nest under the page."""

from __future__ import annotations

import html
import json
import os
import threading

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import segment
from generator.incremental import store
from generator.produce import parallel
from generator.produce.pages import front_matter
from generator.produce.text import story_html


def test_story_script_and_handlers_are_removed():
    html = story_html('正文<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(2)">\n\n'
                      '[点我](javascript:alert(3)) <a href="https://example.gov.cn/" onclick="x()">链接</a>')
    assert "<script" not in html and "alert(1)" not in html
    assert "onerror" not in html and "onclick" not in html
    assert "javascript:" not in html
    assert 'href="https://example.gov.cn/"' in html


def test_story_headings_start_below_the_page_section():
    html = story_html("# 一\n\n## 二\n\n### 三\n")
    assert "<h1" not in html and "<h2" not in html
    assert "<h3>一</h3>" in html and "<h4>三</h4>" in html


def test_story_keeps_tables_and_lists():
    html = story_html("| 甲 | 乙 |\n| --- | --- |\n| 1 | 2 |\n\n- 一\n- 二\n")
    assert "<table>" in html and "<li>一</li>" in html


def test_cuts_are_remembered_only_for_the_same_dictionary(tmp_path):
    """A build that has nothing new to cut does not load jieba; a changed dictionary is cut again."""
    dictionary, memo = tmp_path / "user.txt", tmp_path / "cuts.json"
    dictionary.write_text("切词甲乙丙\n", "utf-8")  # made up, so no other test's dictionary holds it
    cutter = segment.Cutter(dictionary, memo)
    assert "切词甲乙丙" in cutter.words("测试切词甲乙丙")  # the site's dictionary keeps its words whole
    cutter.save()
    stored = store.read_table(memo)
    stored["cuts"]["words"]["测试切词甲乙丙"] = ["记住的"]
    memo.write_text(json.dumps(stored, ensure_ascii=False), "utf-8")  # without its checksum: not trusted
    assert "切词甲乙丙" in segment.Cutter(dictionary, memo).words("测试切词甲乙丙")
    store.write_table(memo, stored)
    assert segment.Cutter(dictionary, memo).words("测试切词甲乙丙") == ["记住的"]
    dictionary.write_text("切词甲乙丙\n查档\n", "utf-8")
    assert "切词甲乙丙" in segment.Cutter(dictionary, memo).words("测试切词甲乙丙")
    memo.write_text("{damaged", "utf-8")
    assert "切词甲乙丙" in segment.Cutter(dictionary, memo).words("测试切词甲乙丙")


def test_shared_out_work_comes_back_whole_and_in_order():
    results = parallel.share_out(lambda n: (n * n, os.getpid()), list(range(1000)))
    assert [square for square, _ in results] == [n * n for n in range(1000)]
    if threading.active_count() == 1 and (os.cpu_count() or 1) > 1:  # else it runs here, by design
        assert len({pid for _, pid in results}) > 1


def test_story_bare_address_stays_text_beside_chinese():
    """Editors write addresses straight into Chinese sentences; a link must not swallow the words after it."""
    html = story_html("请登录https://www.gov.cn办理，或访问<https://zwfw.gov.cn>。\n")
    assert "请登录https://www.gov.cn办理，或访问" in html
    assert '<a href="https://zwfw.gov.cn" rel="noopener noreferrer">https://zwfw.gov.cn</a>。' in html


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_front_matter_reads_back_as_the_editors_text(text):
    """Any title an editor writes (quotes, colons, YAML's own line breaks, emoji) reaches the page unchanged."""
    meta = {"title": text, "hide": ["navigation", "toc"], "search": {"exclude": True}}
    assert yaml.safe_load(str(front_matter(meta))) == dict(meta, title=html.escape(text, quote=True))
