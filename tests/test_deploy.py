"""brandsite deploy: the live directory is always one whole version, whatever happens to the deploy."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import copy_demo


def tree(folder: Path) -> str:
    """One digest of every file's path and bytes: equal trees, equal digests."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The demo, built once; site/ is then copied to make the versions a test deploys."""
    root = copy_demo(tmp_path_factory.mktemp("deploy"))
    assert main(["-C", str(root), "build"]) == 0
    return root


def version(root: Path, name: str, marker: str) -> Path:
    """A complete site that differs from the built one in every page's text (so a mix would show)."""
    target = root / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(root / "site", target)
    for page in target.rglob("*.html"):
        page.write_text(page.read_text("utf-8").replace("</body>", f"<!-- {marker} --></body>"), "utf-8")
    return target


def deploy_cmd(root: Path, live: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "generator", "-C", str(root), "deploy", str(live), *extra]


def use(root: Path, built_version: Path) -> None:
    """Make ``built_version`` the project's site/ (what `deploy --no-build` takes)."""
    site = root / "site"
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(built_version, site)


def test_deploy_switches_the_whole_site_and_rollback_brings_back_the_previous(built, tmp_path, capsys):
    live = tmp_path / "www" / "brands"
    v1, v2 = version(built, "v1", "one"), version(built, "v2", "two")
    use(built, v1)
    assert main(["-C", str(built), "deploy", str(live), "--no-build"]) == 0
    assert tree(live) == tree(v1)
    use(built, v2)
    assert main(["-C", str(built), "deploy", str(live), "--no-build"]) == 0
    out = capsys.readouterr().out
    assert "--rollback" in out and tree(live) == tree(v2)
    assert main(["-C", str(built), "deploy", str(live), "--rollback"]) == 0
    assert tree(live) == tree(v1)
    assert main(["-C", str(built), "deploy", str(live), "--rollback"]) == 0  # and forward again
    assert tree(live) == tree(v2)
    # nothing but the live site and the kept version beside it
    assert sorted(p.name for p in live.parent.iterdir()) == [".brands.lock", ".brands.previous", "brands"]


def test_a_build_that_fails_leaves_the_live_site_as_it_was(built, tmp_path, capsys):
    live = tmp_path / "brands"
    use(built, version(built, "v1", "one"))
    assert main(["-C", str(built), "deploy", str(live), "--no-build"]) == 0
    before = tree(live)
    yml = built / "brands" / "wendang-lianxinqiao" / "brand.yml"
    good = yml.read_text("utf-8")
    try:
        yml.write_text(good.replace("name: 文档连心桥", "name: ''"), "utf-8")
        assert main(["-C", str(built), "deploy", str(live)]) == 1
    finally:
        yml.write_text(good, "utf-8")
    err = capsys.readouterr().err
    assert "保持原样" in err and "Traceback" not in err
    assert tree(live) == before
    assert not any(p.name.endswith(".incoming") for p in live.parent.iterdir())


def test_a_real_build_deploys_and_the_portal_column_deploys_the_same_way(built, tmp_path):
    live, column = tmp_path / "brands", tmp_path / "column"
    assert main(["-C", str(built), "deploy", str(live)]) == 0
    assert (live / "index.html").is_file() and (live / "brands" / "wendang-lianxinqiao" / "index.html").is_file()
    assert main(["-C", str(built), "deploy", str(column), "--portal"]) == 0
    assert (column / "index.json").is_file() and (column / "wendang-lianxinqiao" / "article.html").is_file()


def test_a_deploy_killed_at_any_moment_never_leaves_a_mixed_or_missing_site(built, tmp_path):
    live = tmp_path / "www" / "brands"
    versions = [version(built, f"k{i}", f"kill-{i}") for i in range(2)]
    digests = [tree(v) for v in versions]
    use(built, versions[0])
    subprocess.run(deploy_cmd(built, live, "--no-build"), check=True, capture_output=True)
    started = time.perf_counter()
    use(built, versions[1])
    subprocess.run(deploy_cmd(built, live, "--no-build"), check=True, capture_output=True)
    whole = time.perf_counter() - started
    rng = random.Random(20261203)
    incoming, interrupted = live.parent / ".brands.incoming", 0
    for attempt in range(8):
        new = (attempt + 1) % 2
        use(built, versions[new])
        before = tree(live)
        process = subprocess.Popen(deploy_cmd(built, live, "--no-build"), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        if attempt % 2:
            # half the kills land while the new version is being written or switched in
            while not incoming.exists() and process.poll() is None:
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.3))
        else:
            time.sleep(rng.uniform(0.05, whole * 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        interrupted += incoming.exists()
        assert tree(live) in (before, digests[new]), f"attempt {attempt}: a mixed site is live"
        # the next deploy succeeds without manual cleaning, and finishes the job
        done = subprocess.run(deploy_cmd(built, live, "--no-build"), capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert tree(live) == digests[new]
        assert tree(live.parent / ".brands.previous") in digests
    assert interrupted, "no kill landed in the middle of a deploy"
    assert sorted(os.listdir(live.parent)) == [".brands.lock", ".brands.previous", "brands"]


def test_two_deploys_at_once_are_refused_not_mixed(built, tmp_path, capsys):
    import fcntl

    live = tmp_path / "brands"
    use(built, version(built, "v1", "one"))
    assert main(["-C", str(built), "deploy", str(live), "--no-build"]) == 0
    with open(live.parent / ".brands.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        assert main(["-C", str(built), "deploy", str(live), "--no-build"]) == 1
    assert "另一个部署正在" in capsys.readouterr().err


def test_precompressed_copies_go_beside_the_text_files(built, tmp_path):
    import gzip

    live = tmp_path / "brands"
    use(built, version(built, "gz", "gz"))
    assert main(["-C", str(built), "deploy", str(live), "--no-build", "--precompress", "-q"]) == 0
    page = live / "index.html"
    assert gzip.decompress((live / "index.html.gz").read_bytes()) == page.read_bytes()
    try:
        import brotli
    except ImportError:
        pass
    else:
        assert brotli.decompress((live / "index.html.br").read_bytes()) == page.read_bytes()
    assert not list(live.rglob("*.webp.gz"))  # images are compressed already


def test_an_address_of_an_unknown_kind_is_refused_not_made_a_folder(built, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for target in ("ftp://example.gov.cn/www", "oss://bucket/site", "s3:bucket"):
        assert main(["-C", str(built), "deploy", target, "--no-build"]) == 1
    assert "不支持的部署地址" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
