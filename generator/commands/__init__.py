"""One module per CLI command: read arguments, call the pipeline, print, return an exit code.

The pipeline is imported when a command first needs it, not with this package: `build` answers an
unchanged site before any of it is loaded (see `unchanged`).
"""

from __future__ import annotations

import errno
import sys
from typing import TYPE_CHECKING, TextIO

from generator.oserrors import why
from generator.progress import NULL, Progress

if TYPE_CHECKING:
    from generator.findings import Finding
    from generator.pipeline import Project


def listen(port: int, handler, what: str):
    """An HTTP server bound to 127.0.0.1:``port`` (not yet serving), or None after saying in Chinese why the
    port cannot be used; ``what`` names the command's page ("预览", "展示屏")."""
    from http.server import ThreadingHTTPServer

    try:
        return ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OverflowError:  # argparse lets no such port through; a caller of run() might
        fail(f"端口 {port} 不存在：端口是 1—65535 之间的整数，如 --port 8000")
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            fail(f"端口 {port} 已被占用（可能已经开着一个{what}，或别的程序在用它）："
                 f"关掉那个程序，或换一个端口，如 --port {port + 1 if port < 65535 else 8000}")
        elif exc.errno in (errno.EACCES, errno.EPERM):
            fail(f"没有权限使用端口 {port}（1024 以下的端口要管理员权限）：换一个端口，如 --port 8000")
        else:
            fail(f"无法在 127.0.0.1:{port} 上打开{what}（{why(exc)}）：换一个端口试试，如 --port 8000")
    return None


def fail(message: str) -> int:
    """Say what went wrong (standard error, in one line) and give the exit code for it."""
    print(f"错误：{message}", file=sys.stderr)
    return 1


def load_or_report(root, err: TextIO | None = None, progress: Progress = NULL, only=None) -> Project | None:
    """The loaded project, or None after printing (to ``err``, stderr by default) why the site files are unusable."""
    from generator.pipeline import load_project

    return _or_report(lambda: load_project(root, progress=progress, only=only), err)


def settings_or_report(root, err: TextIO | None = None):
    """The site's (config, criteria) without its brands, or None after printing why they are unusable."""
    from generator.pipeline import load_settings

    return _or_report(lambda: load_settings(root), err)


def _or_report(load, err: TextIO | None):
    from generator.check.criteria import CriteriaError
    from generator.check.output import text_line
    from generator.config import ConfigError

    err = err or sys.stderr
    try:
        return load()
    except ConfigError as exc:
        print(text_line(exc.finding), file=err)
    except CriteriaError as exc:
        for f in exc.findings:
            print(text_line(f), file=err)
    return None


def report_blocking(project: Project, strict: bool, outcome: str, err: TextIO | None = None) -> bool:
    """Print the findings that stop an output (with ``outcome``, e.g. "网站未生成"); True when there were any."""
    return report_findings(project.blocking(strict), outcome, err)


def report_findings(blocking: list[Finding], outcome: str, err: TextIO | None = None) -> bool:
    from generator.check.output import text_line

    err = err or sys.stderr
    blocking = sorted(blocking, key=lambda f: f.sort_key())
    for f in blocking:
        print(text_line(f), file=err)
    if blocking:
        print(f"\n有 {len(blocking)} 个问题必须先解决，{outcome}。运行 brandsite check 查看详情。", file=err)
    return bool(blocking)
