"""One module per CLI command: read arguments, call the pipeline, print, return an exit code.

The pipeline is imported when a command first needs it, not with this package: `build` answers an
unchanged site before any of it is loaded (see `incremental/unchanged.py`).
"""

from __future__ import annotations

import errno
import sys

from generator.oserrors import why


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
