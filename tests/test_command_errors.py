"""Commands' own errors: `serve` and `kiosk` on a port they cannot have, files they cannot write; one line
in Chinese, exit 1 or 2, no traceback."""

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


@pytest.mark.parametrize("command, lowest", [("serve", 1), ("kiosk", 0)])  # the kiosk prints the port 0 picked
@pytest.mark.parametrize("port", ["99999", "八千", "-1", "65536"])
def test_a_port_out_of_range_is_a_usage_error_in_chinese(demo, command, lowest, port):
    done = brandsite(demo, command, f"--port={port}")
    assert done.returncode == 2
    assert f"参数 --port：端口应为 {lowest}—65535 之间的整数，这里是“{port}”" in done.stderr
    assert "Traceback" not in done.stderr and "argument" not in done.stderr and "PORT" not in done.stderr


def test_serve_port_0_is_refused_because_the_preview_address_must_be_known(demo):
    done = brandsite(demo, "serve", "--port", "0")
    assert done.returncode == 2 and "端口应为 1—65535 之间的整数，这里是“0”" in done.stderr


def test_a_kiosk_zip_that_cannot_be_written_says_why(demo, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    done = brandsite(demo, "kiosk", "-q", "--zip", str(blocked / "kiosk.zip"))
    assert done.returncode == 1
    assert done.stderr.startswith("错误：展示屏没有打包（已经有同名的文件或文件夹：") and "Traceback" not in done.stderr


def test_a_report_that_cannot_be_written_says_why(demo, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    done = brandsite(demo, "check", "--quiet", "--report", str(blocked / "report.html"))
    assert done.returncode == 1
    assert "错误：达标情况报告没有写出（路径中有一段不是文件夹：" in done.stderr and "Traceback" not in done.stderr


def test_new_in_a_site_whose_brands_folder_is_a_file_says_why(tmp_path):
    import shutil

    from tests.conftest import REPO

    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "content").mkdir()
    (tmp_path / "brands").write_text("")
    done = brandsite(tmp_path, "new", "文档连心桥", "--unit", "青岛市档案局")
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "错误：" in done.stderr
