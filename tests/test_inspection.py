"""End to end: a site with planted typos, an outdated ministry name, a listed sensitive word, a broken link in a
story, a silent news column and placeholder identity gets each one reported in Chinese at its line before
anything is published."""

from __future__ import annotations

import datetime as dt


from tests.conftest import GOOD_BRAND, REPO

STORY = "# 创建纪实\n\n我们坚持贯切落实首问负责制。\n\n详见[兄弟单位的做法](../tongcheng-banli/)。\n"


def _planted(site):
    (site.root / "mkdocs.yml").write_text(  # the demo's own config: placeholder identity, and a word list
        (REPO / "mkdocs.yml").read_text("utf-8").replace(
            "  - brandsite:\n", "  - brandsite:\n      wording:\n        sensitive: wording/sensitive.yml\n"), "utf-8")
    (site.root / "wording").mkdir()
    (site.root / "wording" / "sensitive.yml").write_text("sensitive:\n  - {word: 最高标准, note: 绝对化用语}\n", "utf-8")
    folder = site.brand(text=GOOD_BRAND
                        .replace("slogan: 档案连着你我", "slogan: 最高标准，档案连着你我")
                        .replace("vision: 让每一份档案都能被找到", "vision: 再接再励，让每一份档案都能被找到")
                        .replace("core_idea: 文档服务连民心", "core_idea: 2016 年获国家工商行政管理总局表彰"))
    (folder / "story.md").write_text(STORY, "utf-8")
    posts = site.root / "content" / "news" / "posts"
    posts.mkdir(parents=True)
    (site.root / "content" / "news" / "index.md").write_text("# 创建动态\n", "utf-8")
    old = dt.date.today() - dt.timedelta(days=45)
    (posts / "qidong.md").write_text(f"---\ndate: {old}\n---\n\n# 创建活动启动\n\n各单位要按步就班推进。\n", "utf-8")
    return folder, old


def test_every_planted_problem_is_reported_at_its_line_before_anything_is_published(site, capsys, tmp_path):
    folder, old = _planted(site)
    live = tmp_path / "www"

    # check: every problem in the text, the column and the identity, in Chinese at file:line:col
    assert site.run("check", "--quiet") == 1
    out = capsys.readouterr().out
    expected = [
        "brands/wendang/brand.yml:6:9: 错误 wording.sensitive [规范表述] 出现了本站敏感词表中的“最高标准”（绝对化用语）",
        "brands/wendang/brand.yml:8:19: 警告 wording.outdated [规范表述] 机构名称“国家工商行政管理总局”已不再使用，现为“国家市场监督管理总局”（2018 年起）",
        "brands/wendang/brand.yml:9:9: 错误 wording.typo [规范表述] 疑似错别字或不规范表述“再接再励”，应为“再接再厉”",
        "brands/wendang/story.md:3:5: 错误 wording.typo [规范表述] 疑似错别字或不规范表述“贯切落实”，应为“贯彻落实”",
        "content/news/posts/qidong.md:7:5: 错误 wording.typo [规范表述] 疑似错别字或不规范表述“按步就班”，应为“按部就班”",
        f"content/news/posts/qidong.md:2:1: 警告 news.stale [栏目更新] 动态栏目已 45 天没有更新：最新一篇“创建活动启动”发布于 {old}",
        "mkdocs.yml:5:11: 警告 site.identity [站点标识] 网站地址（site_url）“https://brands.example.gov.cn/”是示例网址",
        "mkdocs.yml:16:16: 警告 site.identity [站点标识] 网站标识码（extra.government.site_code）“0000000000”是占位符",
        "mkdocs.yml:17:10: 警告 site.identity [站点标识] ICP 备案号（extra.government.icp）“某ICP备00000000号-1”是占位符",
        "mkdocs.yml:18:13: 警告 site.identity [站点标识] 公安机关备案号（extra.government.police）“某公网安备 00000000000000号”是占位符",
    ]
    for line in expected:
        assert line in out, f"{line}\n---\n{out}"

    # build refuses (the errors), deploy refuses (the identity): nothing is published
    assert site.run("build", "-q") == 1
    err = capsys.readouterr().err
    assert "网站未生成（原有网站保持不变）" in err and "brands/wendang/story.md:3:5: 错误 wording.typo" in err
    assert not (site.root / "site").exists()
    assert site.run("deploy", str(live)) == 1
    err = capsys.readouterr().err
    assert "不能部署" in err and "mkdocs.yml:16:16: 网站标识码（extra.government.site_code）" in err
    assert not live.exists()

    # the wording fixed, the build goes as far as its link check on what it made, which names the story's line
    # and leaves nothing published; deploy still refuses the placeholders
    (folder / "brand.yml").write_text(GOOD_BRAND, "utf-8")
    (folder / "story.md").write_text(STORY.replace("贯切落实", "贯彻落实"), "utf-8")
    post = site.root / "content" / "news" / "posts" / "qidong.md"
    post.write_text(post.read_text("utf-8").replace("按步就班", "按部就班"), "utf-8")
    staging = tmp_path / "staging"
    capsys.readouterr()
    assert site.run("build", "-q", "-d", str(staging)) == 1
    err = capsys.readouterr().err
    assert ("brands/wendang/story.md:5:13: 错误 link.broken [链接与资源] /brands/wendang/ 中的链接“../tongcheng-banli/”"
            "指向的页面不存在") in err
    assert "网站未更新（上线的仍是上一版本）" in err and not staging.exists()
    assert site.run("deploy", str(live), "--no-build") == 1
    assert not live.exists()
