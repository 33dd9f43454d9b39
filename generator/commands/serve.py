"""brandsite serve: live preview on 127.0.0.1.

Builds into .brandsite/preview/site with the same pipeline as `build`, serves it, watches the
site's files and rebuilds on every change. Pages carry a small script that waits on
/__brandsite/changes (a long poll) and reloads when a rebuild finishes, or shows the
checker's messages over the page when a rebuild fails. The published site/ is never touched.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from generator.commands import build

CHANGES = "/__brandsite/changes"
_SCRIPT = (
    "<script>(function(){var v=%d;function show(t){var d=document.getElementById('bs-preview-error');"
    "if(!t){if(d)d.remove();return}if(!d){d=document.createElement('pre');d.id='bs-preview-error';"
    "d.setAttribute('role','alert');d.style.cssText='position:fixed;left:0;right:0;bottom:0;max-height:50vh;"
    "overflow:auto;margin:0;padding:1em;background:#7f1414;color:#fff;z-index:9999;white-space:pre-wrap;"
    "font-size:14px';document.body.appendChild(d)}d.textContent='预览未更新（生成失败）：\\n'+t}"
    "function poll(){fetch('" + CHANGES + "?since='+v).then(function(r){return r.json()}).then(function(s){"
    "if(s.version!==v&&!s.error){location.reload();return}v=s.version;show(s.error);poll()})"
    ".catch(function(){setTimeout(poll,1000)})}poll()})();</script>"
)


class Preview:
    """The preview's state: a version that grows with every rebuild, and the last failure."""

    def __init__(self):
        self.version = 0
        self.error = ""
        self._changed = threading.Condition()

    def finished(self, error: str) -> None:
        with self._changed:
            self.version += 1
            self.error = error
            self._changed.notify_all()

    def wait(self, since: int, timeout: float = 25.0) -> dict:
        with self._changed:
            self._changed.wait_for(lambda: self.version != since, timeout=timeout)
            return {"version": self.version, "error": self.error}


def _handler(preview: Preview, directory: Path):
    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep the editor's terminal for build messages
            pass

        def do_GET(self):
            url = urlsplit(self.path)
            if url.path == CHANGES:
                since = int((parse_qs(url.query).get("since") or ["-1"])[0] or -1)
                return self._send(json.dumps(preview.wait(since)).encode(), "application/json")
            file = Path(self.translate_path(url.path))
            if file.is_dir():
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file() and url.path.endswith(("/", ".html")):
                page = file.read_text("utf-8").replace("</body>", (_SCRIPT % preview.version) + "</body>", 1)
                return self._send(page.encode("utf-8"), "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, kind: str):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return partial(Handler, directory=str(directory))


def _rebuild(root: Path, out: Path, preview: Preview) -> None:
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors):
        code = build.run(root, site_dir=out, work_name="preview")
    sys.stderr.write(errors.getvalue())
    preview.finished("" if code == 0 else errors.getvalue().strip())


def _relevant(path: str) -> bool:
    name = Path(path).name  # editors' swap and backup files are not edits
    return not (name.startswith((".#", "~", ".")) or name.endswith(("~", ".swp", ".tmp")))


def _watched(root: Path) -> list[Path]:
    """The site's own files: never .venv or .git, whose thousands of folders would exhaust inotify."""
    paths = [root / name for name in ("brands", "content", "assets", "scores") if (root / name).is_dir()]
    return paths + sorted(root.glob("*.yml")) + sorted(root.glob("*.yaml"))


def run(root: Path, port: int = 8000) -> int:
    import watchfiles

    root = root.resolve()
    out = root / ".brandsite" / "preview" / "site"
    preview = Preview()
    _rebuild(root, out, preview)
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler(preview, out))
    except OSError as exc:
        print(f"错误：无法在 127.0.0.1:{port} 启动预览（{exc.strerror}），可用 --port 换一个端口。", file=sys.stderr)
        return 1
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览地址：http://127.0.0.1:{port}/  （修改品牌文件后自动刷新，按 Ctrl+C 退出）", flush=True)
    try:
        for changes in watchfiles.watch(*_watched(root), watch_filter=lambda _, path: _relevant(path),
                                        debounce=400, step=50, rust_timeout=0, yield_on_timeout=False):
            names = sorted({Path(p).relative_to(root).as_posix() for _, p in changes})
            print(f"检测到修改：{'、'.join(names[:3])}{' 等' if len(names) > 3 else ''}，重新生成…", flush=True)
            _rebuild(root, out, preview)
    finally:
        server.shutdown()
    return 0
