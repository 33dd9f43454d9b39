"""Incremental builds are exact: after any sequence of real edits, the site a rebuild makes (reusing the
pages it rendered before) is byte for byte the site a clean build of the same files makes, whatever damage
its caches took in between.

A differential, stateful property test: Hypothesis chooses the edits, an incremental build follows each
one, after some of the caches and records it kept were damaged at random (cut short, removed, a byte
changed where the format checks itself), and a clean build (a copy of the same files with caches of its
own that nothing damages, nothing reused) is compared.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from PIL import Image

from generator.cli import main
from generator import build
from tests.conftest import REPO, copy_demo

FEATURED = ["wendang-lianxinqiao", "yangguang-guihua", "zhenqing-xiangzhu", "mianduimian-xintiexin"]
SPARE = ["xinqiao", "yidao", "zhuqiao", "wenfenglu", "huanghe-weishi", "taizhou-12319", "qingshui-limin"]
CATEGORIES = ["党群工作", "政务服务", "经济发展", "社会民生", "城乡建设", "执法监管", "机关事务"]


def site_files(folder: Path) -> dict[str, bytes]:
    out = {}
    for here, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(here) / name
            out[path.relative_to(folder).as_posix()] = path.read_bytes()
    return out


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(set(a) ^ set(b)) + sorted(k for k in set(a) & set(b) if a[k] != b[k])


class Edits(RuleBasedStateMachine):
    """A small site (the demo's mkdocs.yml, pages, news and some of its brands) under real edits."""

    @initialize(rnd=st.randoms(use_true_random=True))  # (seeded by Hypothesis, drawn once)
    def site(self, rnd):
        self.rnd = rnd
        self.root = Path(tempfile.mkdtemp(prefix="bs-incremental-"))
        self.clean = Path(tempfile.mkdtemp(prefix="bs-clean-"))
        copy_demo(self.root, ("content", "assets"))
        config = (REPO / "mkdocs.yml").read_text("utf-8")
        self.categories = list(CATEGORIES)
        config = config.replace("  - brandsite:\n", "  - brandsite:\n      categories: [%s]\n" % ", ".join(CATEGORIES))
        config = config.replace("theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n")
        (self.root / "mkdocs.yml").write_text(config, "utf-8")
        (self.root / "overrides" / "partials").mkdir(parents=True)
        self.brands = set()
        for slug in FEATURED + SPARE[:2]:
            shutil.copytree(REPO / "brands" / slug, self.root / "brands" / slug)
            self.brands.add(slug)
        self.scored: set[str] = set()
        self.rounds = 0
        self.posts = 0
        self.edits = 0
        self.check()

    def teardown(self):
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.rmtree(self.clean, ignore_errors=True)

    # -- edits -----------------------------------------------------------------------------------

    def _brand_file(self, slug: str) -> Path:
        return self.root / "brands" / slug / "brand.yml"

    def _unscored(self) -> list[str]:
        return sorted(self.brands - self.scored - set(FEATURED))

    @rule(data=st.data(), field=st.sampled_from(["slogan", "positioning", "vision", "unit"]))
    def change_a_field(self, data, field):
        slug = data.draw(st.sampled_from(sorted(self.brands)))
        self.edits += 1
        path = self._brand_file(slug)
        text = path.read_text("utf-8")
        new, count = re.subn(rf"^({field}:\s*)(.*)$", rf"\g<1>\g<2>（第{self.edits}次修改）", text, count=1, flags=re.M)
        if count == 0:
            new = text.rstrip("\n") + f"\n{field}: 第{self.edits}次修改\n"
        path.write_text(new, "utf-8")

    @precondition(lambda self: set(SPARE) - self.brands)
    @rule(data=st.data())
    def add_a_brand(self, data):
        slug = data.draw(st.sampled_from(sorted(set(SPARE) - self.brands)))
        shutil.copytree(REPO / "brands" / slug, self.root / "brands" / slug)
        self.brands.add(slug)

    @precondition(lambda self: self._unscored())
    @rule(data=st.data())
    def delete_a_brand(self, data):
        slug = data.draw(st.sampled_from(self._unscored()))
        shutil.rmtree(self.root / "brands" / slug)
        self.brands.discard(slug)

    @precondition(lambda self: self._unscored())
    @rule(data=st.data())
    def rename_a_brand(self, data):
        slug = data.draw(st.sampled_from(self._unscored()))
        new = f"{slug}-x"
        (self.root / "brands" / slug).rename(self.root / "brands" / new)
        self.brands.discard(slug)
        self.brands.add(new)

    @precondition(lambda self: self._unscored())
    @rule(data=st.data())
    def draft_or_publish(self, data):
        slug = data.draw(st.sampled_from(self._unscored()))
        path = self._brand_file(slug)
        text = path.read_text("utf-8")
        if "\nstatus: draft\n" in text:
            path.write_text(text.replace("\nstatus: draft\n", "\n"), "utf-8")
        else:
            path.write_text(text.rstrip("\n") + "\nstatus: draft\n", "utf-8")

    @rule(data=st.data(), photo=st.booleans(), colour=st.integers(0, 255))
    def change_an_image(self, data, photo, colour):
        slug = data.draw(st.sampled_from(sorted(self.brands)))
        folder = self.root / "brands" / slug
        target = sorted((folder / "photos").glob("*.jpg"))[0] if photo else folder / "logo.png"
        with Image.open(target) as image:
            size = image.size
        Image.new("RGB", size, (colour, 90, 200 - colour // 2)).save(target)

    @rule(data=st.data())
    def rename_a_category(self, data):
        old = data.draw(st.sampled_from(self.categories))
        new = f"{old}类"
        self.categories[self.categories.index(old)] = new
        config = self.root / "mkdocs.yml"
        config.write_text(re.sub(rf"(categories: \[.*?){old}(.*?\])", rf"\g<1>{new}\g<2>", config.read_text("utf-8")),
                          "utf-8")
        for slug in self.brands:
            path = self._brand_file(slug)
            path.write_text(re.sub(rf"^category: {old}$", f"category: {new}", path.read_text("utf-8"), flags=re.M),
                            "utf-8")

    @rule()
    def add_a_news_post(self):
        self.posts += 1
        (self.root / "content" / "news" / "posts" / f"post-{self.posts}.md").write_text(
            f"---\ndate: 2026-11-{self.posts:02d}\ncategories:\n  - 工作动态\n---\n\n# 第{self.posts}条创建动态\n\n"
            "各服务品牌开展创建活动。\n", "utf-8")

    @precondition(lambda self: self.brands)
    @rule()
    def publish_a_round(self):
        self.rounds += 1
        published = sorted(s for s in self.brands if "\nstatus: draft\n" not in self._brand_file(s).read_text("utf-8"))
        lines = [f"round: 2026-r{self.rounds}", f"title: 2026年第{self.rounds}次服务品牌评价",
                 f"date: 2026-10-{self.rounds:02d}", "scheme: ten-best", "results:"]
        for i, slug in enumerate(published):
            lines += [f"- brand: {slug}", "  scores:", f"    inspectors: {80 + i}", f"    clients: {85 - i}",
                      f"    panel: {82 + self.rounds}", "  bonus:", "    golden_ideas: 0"]
        (self.root / "scores").mkdir(exist_ok=True)
        (self.root / "scores" / f"2026-r{self.rounds}.yml").write_text("\n".join(lines) + "\n", "utf-8")
        self.scored |= set(published)

    @rule(text=st.sampled_from(["版权所有 © 测试单位", "本站由机关工委主办", "联系我们：0000-1234"]))
    def edit_mkdocs_yml(self, text):
        config = self.root / "mkdocs.yml"
        config.write_text(re.sub(r"^copyright: .*$", f"copyright: {text}", config.read_text("utf-8"), flags=re.M),
                          "utf-8")

    @rule(text=st.sampled_from(["<p>测试页脚</p>", "<p>另一种页脚</p>"]))
    def edit_a_template(self, text):
        (self.root / "overrides" / "partials" / "copyright.html").write_text(
            '<div class="md-copyright">' + text + "</div>\n", "utf-8")

    # -- the property ------------------------------------------------------------------------------

    @invariant()
    def check(self):
        if not hasattr(self, "root"):
            return
        damaged = damage(self.root, self.rnd)
        for name in os.listdir(self.clean):  # the same files, beside caches that nothing damages
            if name != ".brandsite":
                (shutil.rmtree if (self.clean / name).is_dir() else os.unlink)(self.clean / name)
        for name in os.listdir(self.root):
            if name not in (".brandsite", "site", ".site.building"):
                (shutil.copytree if (self.root / name).is_dir() else shutil.copy2)(self.root / name, self.clean / name)
        with redirect_stdout(io.StringIO()):
            incremental = build.make(self.root, site_dir=self.root / "site", err=io.StringIO())
            shutil.rmtree(self.clean / ".brandsite" / "build", ignore_errors=True)
            clean = build.make(self.clean, site_dir=self.clean / "site", full=True, err=io.StringIO())
        assert (incremental is None) == (clean is None)
        if clean is None:
            return
        a, b = site_files(self.root / "site"), site_files(self.clean / "site")
        assert not differences(a, b), \
            f"incremental and clean builds differ: {differences(a, b)[:10]}, after damage to {damaged}"


def _checks_itself(rel: str) -> bool:
    """Whatever a build keeps checks itself against a SHA-256 (incremental/store.py), so damage to it may be a
    byte changed; but the web images, which are checked by their sizes only (a flipped byte inside a picture
    is beyond any cache that does not read every image back)."""
    return not (rel.startswith("cache/images/") and not rel.endswith(".json"))


def damage(root: Path, rnd: random.Random) -> list[str]:
    """None, one, a few or many of the caches and records a build keeps under .brandsite/, damaged as a full
    disk, a killed build or a careless hand would: cut short, removed, or (where the format carries its own
    check) a byte changed. A damaged file replaces the one in its place: the live site may link to it."""
    base = root / ".brandsite"
    kept = [p for p in (base / "cache").rglob("*") if p.is_file()] + \
           [p for p in (base / "build" / name for name in ("ledger", "previous-site", "last-build.json")) if p.is_file()]
    chosen = rnd.sample(sorted(kept), min(len(kept), rnd.choice([0, 1, 3, 30])))
    done = []
    for path in chosen:
        rel = path.relative_to(base).as_posix()
        data = path.read_bytes()
        how = rnd.choice(["cut", "removed", "changed"] if _checks_itself(rel) and data else ["cut", "removed"])
        path.unlink()
        if how == "cut":
            path.write_bytes(data[:rnd.randrange(len(data))] if data else b"")
        elif how == "changed":
            at = rnd.randrange(len(data))
            path.write_bytes(data[:at] + bytes([data[at] ^ 0x5A]) + data[at + 1:])
        done.append(f"{rel} ({how})")
    return done


def test_incremental_builds_match_clean_builds():
    # no shrinking: a failure prints its steps, and shrinking builds sites for minutes
    Edits.TestCase.settings = settings(max_examples=3, stateful_step_count=4, deadline=None,
                                       phases=[Phase.explicit, Phase.reuse, Phase.generate],
                                       suppress_health_check=list(HealthCheck))
    Edits.TestCase().runTest()


def test_an_edit_renders_only_its_pages_and_full_renders_all(tmp_path, capsys):
    """What a publisher sees: one brand's edit renders a handful of pages, `--full` renders every one."""
    copy_demo(tmp_path)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    path = tmp_path / "brands" / "xinqiao" / "brand.yml"
    path.write_text(path.read_text("utf-8").replace("slogan: ", "slogan: 新", 1), "utf-8")
    capsys.readouterr()
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    line = capsys.readouterr().out
    rendered, reused = map(int, re.search(r"重新生成 (\d+)、沿用 (\d+)", line).groups())
    assert reused > 0 and rendered < reused / 3, line
    assert "新" in (tmp_path / "site" / "brands" / "xinqiao" / "index.html").read_text("utf-8")
    assert main(["-C", str(tmp_path), "build", "-q", "--full"]) == 0
    assert "沿用 0）" in capsys.readouterr().out


def test_a_new_round_reuses_the_brand_pages_and_shows_in_each_brands_history(tmp_path, capsys):
    """Every scored brand's 评价记录 changes, yet its page is not rendered again: only that part is put in anew."""
    copy_demo(tmp_path)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    text = (tmp_path / "scores" / "2026-q1.yml").read_text("utf-8")  # its results inline, wendang among them
    (tmp_path / "scores" / "2026-x1.yml").write_text(
        text.replace("round: 2026-q1", "round: 2026-x1").replace("2026年第一季度", "2026年专项")
        .replace("date: 2026-04-10", "date: 2026-11-20"), "utf-8")
    capsys.readouterr()
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    line = capsys.readouterr().out
    rendered, reused = map(int, re.search(r"重新生成 (\d+)、沿用 (\d+)", line).groups())
    brands = len(list((tmp_path / "site" / "brands").glob("*/index.html")))
    assert rendered < brands, line  # the results pages and the navigation's; every brand page was reused
    page = (tmp_path / "site" / "brands" / "wendang-lianxinqiao" / "index.html").read_text("utf-8")
    assert "2026年专项服务品牌创建评价" in page and "brandsite:slot" not in page
    assert not list((tmp_path / "site").rglob(".history.html"))
    clean = tmp_path / "clean"
    assert main(["-C", str(tmp_path), "build", "-q", "--full", "-d", str(clean)]) == 0
    assert (clean / "brands" / "wendang-lianxinqiao" / "index.html").read_text("utf-8") == page


def test_a_damaged_page_cache_is_not_trusted(tmp_path, capsys):
    """A truncated page in the cache, or a record of the pages that is not what its checksum vouches for:
    rendered again, and the site is what a clean build makes."""
    copy_demo(tmp_path)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    cache = tmp_path / ".brandsite" / "cache" / "pages" / "build"
    blob = next(p for p in (cache / "html").rglob("*") if p.is_file())
    blob.unlink()
    blob.write_bytes(b"<html>damaged</html>")
    capsys.readouterr()
    edit(tmp_path, 1)  # (unchanged input is not built again at all)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    first = site_files(tmp_path / "site")
    assert not any(b"damaged" in data for data in first.values())
    entries = cache / "entries"
    entries.write_bytes(entries.read_bytes()[:-1] + b"!")  # no longer what its checksum vouches for
    edit(tmp_path, 2)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    assert "沿用 0）" in capsys.readouterr().out.splitlines()[-1]
    second = site_files(tmp_path / "site")
    assert main(["-C", str(tmp_path), "build", "-q", "--full"]) == 0
    assert site_files(tmp_path / "site") == second


def edit(root: Path, n: int) -> None:
    path = root / "brands" / "xinqiao" / "brand.yml"
    path.write_text(path.read_text("utf-8").replace("slogan: ", f"slogan: 第{n}版", 1), "utf-8")


def test_an_unchanged_site_is_not_built_again_and_a_touched_one_is(tmp_path, capsys):
    """Building the same files again changes nothing and says so; a file's time alone is no change; a
    change to the built site (a page deleted by hand) is."""
    copy_demo(tmp_path)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    before = site_files(tmp_path / "site")
    capsys.readouterr()
    os.utime(tmp_path / "brands" / "xinqiao" / "brand.yml", (1, 1))
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    line = capsys.readouterr().out
    assert line.startswith("没有改动，网站保持不变：") and "重新生成 0" in line, line
    assert site_files(tmp_path / "site") == before
    (tmp_path / "site" / "about" / "index.html").unlink()
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    assert capsys.readouterr().out.startswith("已生成网站：")
    assert site_files(tmp_path / "site") == before


def test_a_build_from_inside_the_site_and_one_with_c_share_the_cache(tmp_path, capsys, monkeypatch):
    """A publisher who builds from the site's folder and a script that builds with -C and its absolute path
    use one cache: nothing changed is answered at once, and an edit loads and renders only its brand."""
    copy_demo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["build", "-q"]) == 0
    brands = tmp_path / ".brandsite" / "cache" / "memo" / "brands"
    before = set(os.listdir(brands))
    capsys.readouterr()
    monkeypatch.chdir(tmp_path.parent)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    assert capsys.readouterr().out.startswith("没有改动，网站保持不变：")
    edit(tmp_path, 1)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    line = capsys.readouterr().out
    rendered, reused = map(int, re.search(r"重新生成 (\d+)、沿用 (\d+)", line).groups())
    assert reused > 0 and rendered < reused / 3, line
    assert len(set(os.listdir(brands)) - before) == 1  # the edited brand's record, and no other


def test_the_site_before_is_brought_up_to_date_in_place_and_nothing_of_it_survives(tmp_path, capsys):
    """A rebuild writes into the site before the live one (its files are links shared with the live site and
    the caches): a page it holds that is no longer right, a theme file cut short, a stray file, a deleted
    brand's page, none of them reaches the site; and the live site is never written through."""
    copy_demo(tmp_path)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    edit(tmp_path, 1)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    live = site_files(tmp_path / "site")
    before = tmp_path / ".site.building"  # the first build's site, kept for the next one to bring up to date
    page = before / "brands" / "xinqiao" / "index.html"
    page.unlink()
    page.write_text("<html>stale</html>", "utf-8")
    script = next((before / "assets" / "javascripts").glob("bundle.*.min.js"))
    with open(script, "r+b") as fh:  # a copy, not a link: cutting it short touches nothing else
        fh.truncate(100)
    (before / "stray.html").write_text("<html>stray</html>", "utf-8")
    shutil.rmtree(tmp_path / "brands" / "huanwei-tujidui")  # (in no round: the rounds stay valid)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    assert site_files(before) == live  # the site before (now one build old) was not written through
    built = site_files(tmp_path / "site")
    assert main(["-C", str(tmp_path), "build", "-q", "--full", "-d", str(tmp_path / "clean")]) == 0
    assert not differences(built, site_files(tmp_path / "clean"))
    assert "stray.html" not in built and not any(name.startswith("brands/huanwei-tujidui/") for name in built)


def test_a_build_without_the_site_before_takes_the_live_sites_pages_and_never_writes_through_them(tmp_path, capsys):
    """The first build after a cold one (or on a CI runner that kept only `.brandsite/`) has no site before to
    bring up to date: it links in the pages and images the live site shares with the caches while the child
    works. What it makes is what a clean build makes, and the live site is never written through, whether the
    build goes through or stops at a broken brand."""
    copy_demo(tmp_path)
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    shutil.rmtree(tmp_path / ".site.building", ignore_errors=True)  # (a first build leaves none)
    live = site_files(tmp_path / "site")
    path = tmp_path / "brands" / "xinqiao" / "brand.yml"
    good = path.read_text("utf-8")
    path.write_text(good + "positioning: [未闭合\n", "utf-8")
    capsys.readouterr()
    assert main(["-C", str(tmp_path), "build", "-q"]) == 1
    assert "brand.yml" in capsys.readouterr().err
    assert site_files(tmp_path / "site") == live
    path.write_text(good, "utf-8")
    edit(tmp_path, 1)
    # a later post moves the sitemap's date, which the engine writes through its own file
    (tmp_path / "content" / "news" / "posts" / "later.md").write_text(
        "---\ndate: 2030-01-02\ncategories:\n  - 开放日\n---\n\n# 年度开放日\n\n开放日预告。\n", "utf-8")
    assert main(["-C", str(tmp_path), "build", "-q"]) == 0
    assert "重新生成" in capsys.readouterr().out
    assert site_files(tmp_path / ".site.building") == live  # the live site then, swapped out untouched
    built = site_files(tmp_path / "site")
    assert main(["-C", str(tmp_path), "build", "-q", "--full", "-d", str(tmp_path / "clean")]) == 0
    assert not differences(built, site_files(tmp_path / "clean"))


def test_what_the_engine_leaves_in_the_docs_tree_is_gone_by_the_next_build(tmp_path, capsys):
    """Material's blog plugin writes its index page into the docs tree when the site has none; a rebuild,
    which takes the tree as its last build left it, still builds what a clean build of the same files does
    (here: no 创建动态 in the navigation, as a first build has none)."""
    (tmp_path / "edited").mkdir()
    (tmp_path / "clean").mkdir()
    site = copy_demo(tmp_path / "edited")
    (site / "content" / "news" / "index.md").unlink()
    assert main(["-C", str(site), "build", "-q"]) == 0
    edit(site, 1)
    assert main(["-C", str(site), "build", "-q"]) == 0
    clean = copy_demo(tmp_path / "clean")
    shutil.copy2(site / "brands" / "xinqiao" / "brand.yml", clean / "brands" / "xinqiao" / "brand.yml")
    (clean / "content" / "news" / "index.md").unlink()
    assert main(["-C", str(clean), "build", "-q"]) == 0
    assert not differences(site_files(site / "site"), site_files(clean / "site"))
