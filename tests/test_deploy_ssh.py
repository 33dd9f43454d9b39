"""brandsite deploy ssh://…: a real sshd on 127.0.0.1 (tests/remote.py), the system's ssh and rsync. The live
site (BASE/current) is always one whole release; only changed files cross; host keys are never taken blindly."""

from __future__ import annotations

import fcntl
import gzip
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import copy_demo
from tests.remote import sshd
from tests.test_deploy import tree, use, version

pytestmark = pytest.mark.skipif(not Path("/usr/sbin/sshd").exists(), reason="needs openssh-server (make system-deps)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with sshd(tmp_path_factory.mktemp("sshd")) as s:
        yield s


@pytest.fixture(scope="module")
def server_without_rsync(tmp_path_factory):
    """A server on which rsync is not installed (many hardened government servers)."""
    with sshd(tmp_path_factory.mktemp("sshd-bare"), without=("rsync",)) as s:
        yield s


@pytest.fixture(params=["server", "server_without_rsync"], ids=["rsync", "tar"])
def any_server(request):
    return request.getfixturevalue(request.param)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_demo(tmp_path_factory.mktemp("deploy-ssh"))
    done = subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build", "-q"], capture_output=True)
    assert done.returncode == 0, done.stderr
    return root


def deploy(root: Path, server, base: Path, *extra: str, config: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "deploy", server.target(base),
                           "--ssh-config", str(config or server.config), *extra], capture_output=True, text=True)


def live(base: Path) -> Path:
    """The release ``current`` points at, resolved once: what one request sees. (Walking through the link
    itself could cross a switch that the server finishes after the deploy was killed.)"""
    return base / os.readlink(base / "current")


def releases(base: Path) -> list[Path]:
    return sorted((base / "releases").iterdir())


def new_inodes(new: Path, old: Path) -> set[str]:
    """The files of release ``new`` that are not hard links to the same file of ``old``: the files sent."""
    sent = set()
    for path in new.rglob("*"):
        if path.is_file():
            name = path.relative_to(new)
            before = old / name
            if not before.exists() or before.stat().st_ino != path.stat().st_ino:
                sent.add(name.as_posix())
    return sent


def paths(folder: Path) -> set[str]:
    """Every file and folder under ``folder``."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def changed(a: Path, b: Path) -> set[str]:
    """The files whose bytes differ between two site folders (or that only ``b`` has)."""
    return {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()
            and (not (a / p.relative_to(b)).is_file() or (a / p.relative_to(b)).read_bytes() != p.read_bytes())}


def test_a_second_deploy_sends_nothing_and_a_one_brand_change_sends_only_what_changed(built, any_server, tmp_path):
    server = any_server
    base = tmp_path / "www" / "brands"
    first = deploy(built, server, base)  # built here: an earlier test may have left site/ changed
    assert first.returncode == 0, first.stderr
    assert ("服务器上没有 rsync，改用 tar" in first.stderr) == (server.folder.name.startswith("sshd-bare"))
    live = base / "current"
    assert live.is_symlink() and os.readlink(live).startswith("releases/")
    assert tree(live) == tree(built / "site")
    before = tmp_path / "before"
    subprocess.run(["cp", "-a", str(built / "site"), str(before)], check=True)

    again = deploy(built, server, base, "--no-build")
    assert again.returncode == 0, again.stderr
    # the same site again: nothing sent, and no new release to push a real earlier version out of the kept ones
    assert "发送 0 个" in again.stdout and "未新建版本" in again.stdout
    [two] = releases(base)
    assert tree(live) == tree(built / "site") and not any(p.name.endswith(".partial") for p in releases(base))

    # one brand changes: a real build, then only the files whose bytes changed are sent
    yml = built / "brands" / "wendang-lianxinqiao" / "brand.yml"
    yml.write_text(yml.read_text("utf-8").replace("slogan: ", "slogan: 新口号，", 1), "utf-8")
    third = deploy(built, server, base)
    assert third.returncode == 0, third.stderr
    newest = releases(base)[-1]
    sent = new_inodes(newest, two)
    assert sent == changed(before, built / "site")
    assert "brands/wendang-lianxinqiao/index.html" in sent
    assert not any(p.startswith("brands/") and not p.startswith("brands/wendang-lianxinqiao/") for p in sent)
    assert f"发送 {len(sent)} 个" in third.stdout
    assert tree(live) == tree(built / "site")

    # files and folders the site no longer has are not in the new release
    shutil.rmtree(built / "site" / "brands" / "wendang-lianxinqiao")
    fourth = deploy(built, server, base, "--no-build")
    assert fourth.returncode == 0, fourth.stderr
    assert paths(live) == paths(built / "site") and "发送 0 个" in fourth.stdout and "未新建版本" not in fourth.stdout
    assert len(releases(base)) == 3


def test_a_key_that_may_not_run_commands_is_told_so_not_that_another_deploy_runs(built, server, tmp_path):
    """A key the server's administrator limited to one command (command="…" in authorized_keys), as is done
    for backup or sftp-only keys: the login works, the commands do not."""
    key = tmp_path / "limited_ed25519"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", str(key)], check=True)
    with open(server.folder / "authorized_keys", "a") as keys:
        keys.write('command="echo This service allows sftp connections only. >&2; exit 1" '
                   + (tmp_path / "limited_ed25519.pub").read_text())
    config = tmp_path / "limited_config"
    config.write_text(server.config.read_text().replace(str(server.folder / "user_ed25519"), str(key)))
    done = deploy(built, server, tmp_path / "www", "--no-build", config=config)
    assert done.returncode == 1 and "不能在上面运行命令" in done.stderr and "限定只能运行某个命令" in done.stderr
    assert "另一个部署" not in done.stderr and "Traceback" not in done.stderr


def test_rollback_switches_back_and_old_releases_are_pruned(built, server, tmp_path):
    base = tmp_path / "brands"
    versions = [version(built, f"r{i}", f"release-{i}") for i in range(3)]
    for v in versions:
        use(built, v)
        done = deploy(built, server, base, "--no-build", "--keep", "2")
        assert done.returncode == 0, done.stderr
    assert len(releases(base)) == 2 and tree(base / "current") == tree(versions[2])
    rolled = deploy(built, server, base, "--rollback")
    assert rolled.returncode == 0, rolled.stderr
    assert "已回退" in rolled.stdout and tree(base / "current") == tree(versions[1])
    assert sorted(os.listdir(base)) == [".deploy.lock", "current", "releases"]
    # precompressed copies travel with the release
    assert deploy(built, server, base, "--no-build", "--precompress").returncode == 0
    page = base / "current" / "index.html"
    assert gzip.decompress((base / "current" / "index.html.gz").read_bytes()) == page.read_bytes()


def test_an_unknown_host_key_is_refused_with_the_way_to_check_and_add_it(built, server, tmp_path):
    base = tmp_path / "brands"
    done = deploy(built, server, base, "--no-build", config=server.unknown_host_config())
    assert done.returncode == 1
    assert "known_hosts" in done.stderr and "ssh-keyscan -p" in done.stderr and "指纹" in done.stderr
    assert "Traceback" not in done.stderr and not base.exists()


def test_bad_addresses_and_unknown_schemes_are_refused_in_chinese(built, tmp_path):
    for target in ("ftp://example.gov.cn/www", "ssh://root:secret@127.0.0.1/www", "ssh://127.0.0.1", "ssh:/var/www",
                   "ssh://127.0.0.1:70000/www"):
        done = subprocess.run([sys.executable, "-m", "generator", "-C", str(built), "deploy", target, "--no-build"],
                              capture_output=True, text=True, cwd=tmp_path)
        assert done.returncode == 1 and "错误：" in done.stderr and "Traceback" not in done.stderr, target
        assert "secret" not in done.stderr + done.stdout
    assert os.listdir(tmp_path) == []  # no folder named "ssh:" or "ftp:"
    # --keep counts a server's releases: elsewhere it would be silently ignored
    for target in (str(tmp_path / "www"), "s3://brands/site"):
        done = subprocess.run([sys.executable, "-m", "generator", "-C", str(built), "deploy", target, "--keep", "3",
                               "--no-build"], capture_output=True, text=True)
        assert done.returncode == 1 and "--keep 只用于服务器" in done.stderr, target
    assert os.listdir(tmp_path) == []


def test_a_deploy_killed_at_any_moment_leaves_one_whole_release_live(built, any_server, tmp_path):
    server = any_server
    base = tmp_path / "www" / "brands"
    versions = [version(built, f"k{i}", f"kill-{i}") for i in range(2)]
    digests = [tree(v) for v in versions]
    use(built, versions[0])
    assert deploy(built, server, base, "--no-build").returncode == 0
    use(built, versions[1])
    started = time.perf_counter()
    assert deploy(built, server, base, "--no-build").returncode == 0
    whole = time.perf_counter() - started
    rng = random.Random(20261207)
    halves = 0
    for attempt in range(4):
        new = attempt % 2
        use(built, versions[new])
        before = tree(live(base))
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "-C", str(built), "deploy", server.target(base), "--no-build",
             "--ssh-config", str(server.config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if attempt % 2:
            # half the kills land while the release is being sent or switched in
            while not any(p.suffix == ".partial" for p in (base / "releases").iterdir()) and process.poll() is None:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.3))
        else:
            time.sleep(rng.uniform(0.1, whole))
        process.send_signal(signal.SIGKILL)
        process.wait()
        halves += any(p.name.endswith(".partial") for p in (base / "releases").iterdir())
        assert tree(live(base)) in (before, digests[new]), f"attempt {attempt}: a mixed site is live"
        done = deploy(built, server, base, "--no-build")
        assert done.returncode == 0, done.stderr
        assert tree(base / "current") == digests[new]
        assert not any(p.name.endswith(".partial") for p in (base / "releases").iterdir())
    assert halves, "no kill landed while a release was being sent"


def test_a_second_deploy_to_the_same_server_at_once_is_refused(built, server, tmp_path):
    base = tmp_path / "brands"
    base.mkdir()
    with open(base / ".deploy.lock", "a") as lock:  # the server's lock, held here as a running deploy holds it
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = deploy(built, server, base, "--no-build")
    assert done.returncode == 1 and "另一个部署正在" in done.stderr
    assert not (base / "current").exists()
