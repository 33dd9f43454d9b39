"""`serve` and `kiosk` on a port they cannot have: one line in Chinese, exit 1 or 2, no traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest

from tests.conftest import copy_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return copy_demo(tmp_path_factory.mktemp("ports"), parts=("mkdocs.yml", "content", "brands", "assets", "scores"),
                     warm=False)


def brandsite(root, *args, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "-C", str(root), *args], capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def taken():
    """A port another program is listening on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


@pytest.mark.parametrize("command, what", [("serve", "预览"), ("kiosk", "展示屏")])
def test_a_port_in_use_is_said_at_once_in_chinese(demo, taken, command, what):
    started = time.monotonic()
    done = brandsite(demo, command, "--port", str(taken))
    assert done.returncode == 1
    assert done.stderr.strip() == (f"错误：端口 {taken} 已被占用（可能已经开着一个{what}，或别的程序在用它）："
                                   f"关掉那个程序，或换一个端口，如 --port {taken + 1}")
    assert "Traceback" not in done.stdout + done.stderr
    assert time.monotonic() - started < 20  # before building anything
    assert not (demo / ".brandsite" / "preview" / "site").exists()


@pytest.mark.parametrize("command", ["serve", "kiosk"])
@pytest.mark.parametrize("port", ["99999", "0", "八千", "-1"])
def test_a_port_out_of_range_is_a_usage_error_in_chinese(demo, command, port):
    done = brandsite(demo, command, f"--port={port}")
    assert done.returncode == 2
    assert f"参数 --port：端口应为 1—65535 之间的整数，这里是“{port}”" in done.stderr
    assert "Traceback" not in done.stderr and "argument" not in done.stderr and "PORT" not in done.stderr
