"""What goes wrong on an office machine or CI runner: a build killed halfway, two builds at once, caches
damaged by a full disk or a careless hand. The previous site stays whole, the next build needs no cleaning."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time

import pytest
from PIL import Image

from generator.incremental import store
from tests.conftest import copy_demo, running_serve
from tests.test_deploy import tree

BRAND = "brands/wendang-lianxinqiao/brand.yml"


def build(root, *args):
    return subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build", *args],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = copy_demo(tmp_path_factory.mktemp("failures"))
    assert build(root, "-q").returncode == 0
    return root


def edit(root, on: bool) -> None:
    path = root / BRAND
    text = path.read_text("utf-8").replace("vision: 一次办好，", "vision: ")
    path.write_text(text.replace("vision: ", "vision: 一次办好，", 1) if on else text, "utf-8")


def test_a_build_killed_at_any_moment_leaves_the_previous_site_whole(demo):
    edit(demo, False)
    assert build(demo, "-q").returncode == 0
    old = tree(demo / "site")
    edit(demo, True)
    started = time.perf_counter()
    assert build(demo, "-q").returncode == 0
    whole, new = time.perf_counter() - started, tree(demo / "site")
    assert new != old
    versions, rng = {False: old, True: new}, random.Random(2026)
    for attempt in range(3):
        target = attempt % 2 == 0  # alternate: each kill interrupts a build that changes the site
        edit(demo, target)
        before = tree(demo / "site")
        proc = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(demo), "build", "-q"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.2, whole))
        import os

        os.killpg(proc.pid, signal.SIGKILL)  # the build and its helper processes, as an OOM kill or power cut would
        proc.wait()
        assert tree(demo / "site") in (before, versions[target]), f"attempt {attempt}: a broken site"
        again = build(demo, "-q")
        assert again.returncode == 0, again.stderr
        assert tree(demo / "site") == versions[target]


def test_two_builds_at_once_wait_for_each_other_and_both_succeed(demo):
    # --full: the demo is already built, and a build of unchanged input would end before the other began
    first = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(demo), "build", "-q", "--full"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)
    second = build(demo, "-q", "--full")
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0 and second.returncode == 0, (err, second.stderr)
    assert "另一个 brandsite build 正在生成这个站点" in second.stderr
    assert len(second.stderr.strip().splitlines()) == 1  # told in one line
    assert (demo / "site" / "index.html").is_file()


def test_damaged_caches_are_rebuilt_and_never_published(demo):
    cache = demo / ".brandsite" / "cache"
    webps = sorted((cache / "images").glob("*.webp"))
    for path in webps[:10]:  # cut short, as a full disk or a killed copy leaves them
        path.write_bytes(path.read_bytes()[:100])
    for path in sorted((cache / "images").glob("*.json"))[10:15]:
        path.write_text("[1, 2", "utf-8")
    for name in ("image-facts.json", "cuts.json"):
        (cache / name).write_text('{"key": [1,', "utf-8")
    for path in (cache / "templates").glob("*"):
        path.write_bytes(b"\0garbage")
    remembered = [path for path in (cache / "memo").rglob("*") if path.is_file()]
    assert remembered  # brands loaded and checked, pages produced
    for path in remembered[::2]:
        path.write_bytes(path.read_bytes()[:-7] + b"garbage")  # damaged inside, same length
    for path in remembered[1::2]:
        path.write_bytes(path.read_bytes()[:50])
    done = build(demo)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    final = done.stdout.strip().splitlines()[-1]
    assert "图片新处理 0 张" not in final, final
    for image in (demo / "site" / "brands").rglob("*"):
        if image.suffix in (".webp", ".png", ".jpg"):
            with Image.open(image) as im:
                im.load()  # every published image decodes whole
    assert store.read_table(cache / "image-facts.json")  # written anew, whole


def _mount(*args) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A 40 MB file system: room for one demo site (about 15 MB), filled up before the next build."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=40m", "tmpfs", str(folder)):
        pytest.skip("这台机器不允许挂载 tmpfs（需要 root）")
    yield folder
    subprocess.run(["umount", "-l", str(folder)])


def test_a_full_disk_fails_in_one_line_and_keeps_the_previous_site(demo, small_disk):
    out = small_disk / "site"
    first = build(demo, "-q", "-d", str(out))
    assert first.returncode == 0, first.stderr
    before = tree(out)
    filler = small_disk / "filler"
    free = os_free(small_disk)
    filler.write_bytes(b"\0" * max(free - 2 * 1024 * 1024, 0))  # leave 2 MB: the new site cannot fit
    done = build(demo, "-q", "--full", "-d", str(out))  # (unchanged input would need no writing at all)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "原有网站保持不变" in lines[0] and "磁盘空间不足" in lines[0], lines
    assert tree(out) == before
    filler.unlink()
    assert build(demo, "-q", "-d", str(out)).returncode == 0  # and the next build needs no cleaning


def test_a_read_only_output_folder_fails_in_one_line(demo, tmp_path):
    target = tmp_path / "ro"
    target.mkdir()
    if not (_mount("--bind", str(target), str(target)) and _mount("-o", "remount,bind,ro", str(target))):
        pytest.skip("这台机器不允许只读挂载（需要 root）")
    try:
        done = build(demo, "-q", "-d", str(target / "site"))
    finally:
        subprocess.run(["umount", "-l", str(target)])
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "只读" in lines[0], lines


def os_free(folder) -> int:
    import os

    stat = os.statvfs(folder)
    return stat.f_bavail * stat.f_frsize


def test_serve_and_build_at_once_leave_both_whole(demo):
    import urllib.request

    with running_serve(demo) as (base, printed):
        edit(demo, True)  # the preview rebuilds in the background while the build runs
        done = build(demo, "-q")
        assert done.returncode == 0, done.stderr
        with urllib.request.urlopen(f"{base}/brands/wendang-lianxinqiao/", timeout=30) as page:
            assert page.status == 200 and "文档连心桥" in page.read().decode("utf-8")
    assert "Traceback" not in "".join(printed)
    assert "一次办好" in (demo / "site" / "brands" / "wendang-lianxinqiao" / "index.html").read_text("utf-8")
    for image in (demo / "site" / "brands").rglob("*.webp"):
        with Image.open(image) as im:
            im.load()
