"""Review records (三审): with review levels in the site's config, a brand, a round or a news post is published
only in a version every level approved; a change waits for review while the approved version stays online."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import GOOD_BRAND


def git(site, *args):
    subprocess.run(["git", "-C", str(site.root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "e@example.gov.cn", "GIT_COMMITTER_NAME": "编辑",
                        "GIT_COMMITTER_EMAIL": "e@example.gov.cn", "PATH": "/usr/bin:/bin"})


@pytest.fixture
def reviewed(site):
    site.brand()
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n      review: {levels: [初审, 复审, 终审]}\n"),
                      "utf-8")
    (site.root / ".gitignore").write_text("site/\n.brandsite/\n", "utf-8")
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "start")
    return site


def _page(site):
    page = site.root / "site" / "brands" / "wendang" / "index.html"
    return page.read_text("utf-8") if page.is_file() else None


def _approve_all(site, item="brands/wendang"):
    for level, who in (("初审", "张三"), ("复审", "李四"), ("终审", "王五")):
        assert site.run("review", item, "--level", level, "--reviewer", who) == 0


def test_nothing_is_published_before_every_level_approved(reviewed, capsys):
    assert reviewed.run("check", "--quiet") == 0
    out = capsys.readouterr().out
    assert "brands/wendang/brand.yml:1:1: 警告 review.pending [发布审核] brands/wendang 尚待审核：待初审、复审、终审；审定前不发布" in out
    assert "（其中待审核 1 个）" in out and "草稿" not in out  # held for review, not a draft the editor set
    assert reviewed.run("build") == 0
    assert "：0 个品牌（待审核 1 个未发布）" in capsys.readouterr().out
    assert _page(reviewed) is None
    assert reviewed.run("review", "brands/wendang", "--level", "复审", "--reviewer", "李四") == 1
    assert "还没有通过初审，复审要在其后" in capsys.readouterr().err
    _approve_all(reviewed)
    out = capsys.readouterr().out
    assert "初审、复审、终审已全部通过，下次生成即发布这个版本" in out
    assert reviewed.run("build", "-q") == 0
    assert "档案连着你我" in _page(reviewed)
    assert "approvals:" in (reviewed.root / "reviews.yml").read_text("utf-8")


def test_a_change_waits_while_the_approved_version_stays_online(reviewed, capsys):
    _approve_all(reviewed)
    git(reviewed, "add", "-A")
    git(reviewed, "commit", "-q", "-m", "approved")
    brand = reviewed.root / "brands" / "wendang" / "brand.yml"
    brand.write_text(GOOD_BRAND.replace("slogan: 档案连着你我", "slogan: 新口号待审核"), "utf-8")
    assert reviewed.run("review", "brands/wendang", "--level", "初审", "--reviewer", "张三") == 1
    assert "有尚未提交的改动" in capsys.readouterr().err
    git(reviewed, "commit", "-q", "-am", "new slogan")
    assert reviewed.run("review", "brands/wendang", "--level", "初审", "--reviewer", "张三") == 0
    capsys.readouterr()
    assert reviewed.run("review") == 0
    out = capsys.readouterr().out
    assert "brands/wendang 有改动尚待审核：已通过初审，待复审、终审；线上保持" in out and "待审核 1 项。" in out
    assert reviewed.run("build", "-q") == 0
    page = _page(reviewed)
    assert "档案连着你我" in page and "新口号待审核" not in page
    for level, who in (("复审", "李四"), ("终审", "王五")):
        assert reviewed.run("review", "wendang", "--level", level, "--reviewer", who) == 0
    assert reviewed.run("build", "-q") == 0
    assert "新口号待审核" in _page(reviewed)


def test_news_posts_wait_too(reviewed, capsys):
    _approve_all(reviewed)
    posts = reviewed.root / "content" / "news" / "posts"
    posts.mkdir(parents=True)
    (reviewed.root / "content" / "news" / "index.md").write_text("# 创建动态\n", "utf-8")
    (posts / "a.md").write_text("---\ndate: 2026-12-01\n---\n\n# 待审核的动态\n\n正文。\n", "utf-8")
    git(reviewed, "add", "-A")
    git(reviewed, "commit", "-q", "-m", "post")
    assert reviewed.run("build", "-q") == 0
    assert not list((reviewed.root / "site" / "news").rglob("*/a/index.html"))
    _approve_all(reviewed, "content/news/posts/a.md")
    assert reviewed.run("build", "-q") == 0
    assert list((reviewed.root / "site" / "news").rglob("a/index.html"))


def test_a_corrected_post_and_round_stay_online_in_their_approved_version(reviewed, capsys):
    """A correction waiting for review does not take a published post or a round's results offline (links from
    WeChat articles and the portal point at them): the approved version stays at its address until every
    level has approved the correction."""
    from tests.test_scores import results, round_file

    _approve_all(reviewed)
    posts = reviewed.root / "content" / "news" / "posts"
    posts.mkdir(parents=True)
    (reviewed.root / "content" / "news" / "index.md").write_text("# 创建动态\n", "utf-8")
    post = posts / "a.md"
    post.write_text("---\ndate: 2026-12-01\n---\n\n# 开放日活动\n\n审定过的正文。\n", "utf-8")
    scores = round_file(reviewed, body=results(("wendang", 90, 91, 92, 1)))
    # a second round with its results in a table of another name, as offices keep them
    (reviewed.root / "scores" / "第二季度成绩.csv").write_text("品牌,监督巡视员,服务对象,评审组,金点子\r\n"
                                                              "wendang,80,81,82,0\r\n", "utf-8")
    table = round_file(reviewed, "2026-q2", date="2026-07-10", results_file="第二季度成绩.csv")
    table = table.with_name("第二季度成绩.csv")
    git(reviewed, "add", "-A")
    git(reviewed, "commit", "-q", "-m", "post and rounds")
    items = ("content/news/posts/a.md", "scores/2026-q1", "scores/2026-q2")
    for item in items:
        _approve_all(reviewed, item)
    git(reviewed, "commit", "-q", "-am", "approved")
    assert reviewed.run("build", "-q") == 0
    site = reviewed.root / "site"
    [page] = (site / "news").rglob("a/index.html")
    board, second = (site / "leaderboard" / r / "index.html" for r in ("2026-q1", "2026-q2"))
    assert "审定过的正文" in page.read_text("utf-8") and "91" in board.read_text("utf-8")
    assert "81" in second.read_text("utf-8")

    post.write_text(post.read_text("utf-8").replace("审定过的正文", "改过待审的正文"), "utf-8")
    scores.write_text(scores.read_text("utf-8").replace("clients: 91", "clients: 77"), "utf-8")
    table.write_text(table.read_text("utf-8").replace(",81,", ",66,"), "utf-8")
    git(reviewed, "commit", "-q", "-am", "corrections")
    assert reviewed.run("build", "-q") == 0
    capsys.readouterr()
    assert reviewed.run("review") == 0
    out = capsys.readouterr().out
    for item in items:
        assert f"{item} 有改动尚待审核：待初审、复审、终审；线上保持" in out, out
    assert [page] == list((site / "news").rglob("a/index.html"))
    text = page.read_text("utf-8")
    assert "审定过的正文" in text and "改过待审的正文" not in text
    assert "91" in board.read_text("utf-8") and "77" not in board.read_text("utf-8")
    assert "81" in second.read_text("utf-8") and "66" not in second.read_text("utf-8")

    for item in items:
        _approve_all(reviewed, item)
    assert reviewed.run("build", "-q") == 0
    assert "改过待审的正文" in page.read_text("utf-8") and "77" in board.read_text("utf-8")
    assert "66" in second.read_text("utf-8")


def test_sites_without_levels_are_unchanged(site, capsys):
    site.brand()
    assert site.run("build", "-q") == 0
    assert "档案连着你我" in _page(site)
    assert site.run("review", "brands/wendang", "--level", "初审", "--reviewer", "张三") == 1
    assert "本站没有设置审核级别" in capsys.readouterr().err


def test_bad_levels_are_said_in_chinese(site, capsys):
    site.brand()
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - brandsite:\n", "  - brandsite:\n      review: {levels: 初审}\n"), "utf-8")
    assert site.run("check") == 1
    out = capsys.readouterr()
    assert "review.levels 应为 1—5 个互不相同的审核级别" in out.out + out.err
