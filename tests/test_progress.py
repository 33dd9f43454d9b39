"""Long work shows its progress: a live line on a terminal, one plain line per stage in a log, and a final
line that says what the build made."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time

import pytest

from tests.conftest import copy_demo

FINAL = re.compile(r"^已生成网站：\d+ 个品牌.*页面 \d+ 个（重新生成 \d+、沿用 \d+），图片新处理 \d+ 张、沿用 \d+ 张，用时 [\d.]+ 秒")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # anything but tab and newline


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return copy_demo(tmp_path_factory.mktemp("progress"), warm=False)  # its first build encodes the images


def build(root, *args, env=None):
    return subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build", *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


def test_a_build_in_a_log_prints_each_stage_once_in_order_and_no_control_characters(demo):
    done = build(demo)  # a fresh copy: the images are encoded too
    assert done.returncode == 0, done.stderr
    assert not CONTROL.search(done.stdout + done.stderr)
    stages = [line.split("：")[0] for line in done.stderr.splitlines()]
    # a first build encodes its images while the engine lays out the pages, and shows what is left after it
    assert stages == ["读取与检查品牌", "生成品牌页面", "生成列表、排行、订阅和展示屏", "交给网站引擎",
                      "网站引擎排版页面", "处理图片", "检查站内链接"]
    for line in done.stderr.splitlines():
        assert re.fullmatch(r"\S+：(\d+/\d+，)?用时 [\d.]+ 秒", line), line
        counted = re.search(r"(\d+)/(\d+)", line)
        assert counted is None or counted.group(1) == counted.group(2) != "0"
    (final,) = done.stdout.splitlines()
    assert FINAL.match(final), final
    assert "图片新处理 0 张" not in final
    # the engine's count is the pages the final line says were made (not each page twice)
    engine = next(line for line in done.stderr.splitlines() if line.startswith("网站引擎排版页面"))
    made = re.search(r"重新生成 (\d+)", final).group(1)
    assert re.match(rf"网站引擎排版页面：{made}/{made}，", engine), (engine, final)


def test_quiet_prints_only_the_final_line_and_a_warm_build_says_it_reused_the_images(demo):
    done = build(demo, "--quiet", "--full")  # (the same input again would not be built at all)
    assert done.returncode == 0
    assert done.stderr == ""
    (final,) = done.stdout.splitlines()
    assert FINAL.match(final) and "图片新处理 0 张" in final


def _run_in_terminal(argv, env, columns=100, rows=30):
    """``argv`` on a pseudo-terminal; every screen it showed (as text) and the bytes it wrote."""
    import pyte

    screen, stream = pyte.Screen(columns, rows), None
    stream = pyte.ByteStream(screen)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    screens, raw, deadline = [], b"", time.monotonic() + 300
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            raw += data
            stream.feed(data)
            screens.append([line.rstrip() for line in screen.display if line.strip()])
        elif proc.poll() is not None:
            break
    os.close(master)
    proc.wait(timeout=30)
    return proc.returncode, screens, raw


def test_a_build_on_a_terminal_shows_live_progress_and_leaves_a_clean_screen(demo):
    env = {**os.environ, "TERM": "xterm-256color", "NO_COLOR": "1"}
    code, screens, raw = _run_in_terminal([sys.executable, "-m", "generator", "-C", str(demo), "build", "--full"], env)
    assert code == 0
    live = [s for s in screens if any("剩余约" in line for line in s)]
    assert live, "no progress line was shown"
    assert any(re.search(r"网站引擎排版页面 .* \d+/\d+ 剩余约", line) for s in live for line in s)
    assert all(len(s) == 1 for s in live), "the progress took more than one line"
    final = screens[-1]
    assert not any("剩余约" in line for line in final)
    # the final line alone, wrapped at 100 columns (where it broke at a space, the screen row lost the space)
    assert FINAL.match("".join(final)) or FINAL.match(" ".join(final)), final
    assert not re.search(rb"\x1b\[[0-9;]*(3[0-7]|38;[0-9;]+)m", raw), "NO_COLOR was not respected"
