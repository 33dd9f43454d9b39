"""brandsite serve: live preview on 127.0.0.1.

Builds into .brandsite/preview/site with the same pipeline as `build`, serves it and watches the
site's files. An edit inside one brand's folder is shown at once: that brand alone is loaded,
checked and its page rendered by the engine session the last build kept (milliseconds, at any
number of brands). The whole site is then rebuilt in the background, so the gallery, results and
search catch up, and swapped in. Pages carry a small script that waits on /__brandsite/changes
(a long poll) and reloads only when its own page changed, or shows the checker's messages over
the page when the edit cannot be shown. The published site/ is never touched.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sys
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from generator import segment
from generator.atomic import swap
from generator.check.run import check_brand
from generator.commands import listen, why
from generator.commands.files_handler import FilesHandler
from generator.pipeline import Project, report_findings, settings_or_report
from generator.progress import on_stderr
from generator.engine.mkdocs import Session
from generator.findings import Severity
from generator.edit.local_backend import LocalBackend, Refused
from generator.edit.merge import fields_known
from generator.edit.problems import brand_errors
from generator.edit.form import LOCAL_API, collections
from generator.load.brands import load_brand
from generator.load.updated import last_updated
from generator.produce import leaderboard, search_terms
from generator.produce.site import write_brand, write_form
from generator import build
from generator.incremental import paths
from generator.incremental.tree import Tree

CHANGES = "/__brandsite/changes"
_SCRIPT = (
    "<script>(function(){var v=%d,stale=false;function show(t){var d=document.getElementById('bs-preview-error');"
    "if(!t){if(d)d.remove();return}if(!d){d=document.createElement('pre');d.id='bs-preview-error';"
    "d.setAttribute('role','alert');d.style.cssText='position:fixed;left:0;right:0;bottom:0;max-height:50vh;"
    "overflow:auto;margin:0;padding:1em;background:#7f1414;color:#fff;z-index:9999;white-space:pre-wrap;"
    "font-size:14px';document.body.appendChild(d)}d.textContent='预览未更新（生成失败）：\\n'+t}"
    "function poll(){fetch('" + CHANGES + "?since='+v+'&page='+encodeURIComponent(location.pathname))"
    ".then(function(r){return r.json()}).then(function(s){"
    "if(s.changed)stale=true;if(stale&&!s.error){location.reload();return}v=s.version;show(s.error);poll()})"
    ".catch(function(){setTimeout(poll,1000)})}poll()})();</script>"
)


class Preview:
    """The preview's state: a version that grows with every change shown, which pages each version
    changed (None: all of them; a page changed under an error reloads once it is fixed), and the last failure."""

    KEEP = 200  # versions whose changes are remembered; a page older than that reloads

    def __init__(self):
        self.version = 0
        self.error = ""
        self.changes: dict[int, set[str] | None] = {}
        self._changed = threading.Condition()

    def finished(self, error: str, changed: set[str] | None = None) -> None:
        with self._changed:
            self.version += 1
            self.error = error
            self.changes[self.version] = changed
            self.changes.pop(self.version - self.KEEP, None)
            self._changed.notify_all()

    def wait(self, since: int, page: str = "", timeout: float = 25.0) -> dict:
        with self._changed:
            self._changed.wait_for(lambda: self.version != since, timeout=timeout)
            # a page changed while the site is broken keeps its last good version under the messages,
            # and reloads once the error is fixed (the script remembers it is stale)
            return {"version": self.version, "error": self.error, "changed": self._touched(since, page)}

    def _touched(self, since: int, page: str) -> bool:
        for version in range(since + 1, self.version + 1):
            if version not in self.changes:
                return since >= 0  # forgotten: reload to be safe (but never on the first poll)
            changed = self.changes[version]
            if changed is None or page in changed:
                return True
        return False


def _handler(preview: Preview, directory: Path, form: Path | None = None, backend: LocalBackend | None = None):
    class Handler(FilesHandler):
        # what a refused or missing page says, in Chinese (the status line stays as HTTP spells it)
        error_message_format = ('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>%(code)d</title>'
                                '<p>%(explain)s</p></html>')

        extensions_map = {**FilesHandler.extensions_map, ".yml": "text/yaml; charset=utf-8"}  # the form's config.yml

        def send_error(self, code, message=None, explain=None):
            super().send_error(code, message, _EXPLAIN.get(code, "请求无法处理"))

        def list_directory(self, path):  # a folder without a page: no file list (in English) of the preview
            self.send_error(404, "Not Found")
            return None

        def parse_request(self) -> bool:
            # Every request, the preview's and the form's: only those addressed to this server by its own
            # name. A page on another domain that resolves to 127.0.0.1 (DNS rebinding) sends its own
            # name in Host, and is refused before anything is read or written.
            if not super().parse_request():
                return False
            if self.headers.get("Host", "").lower() not in _own_hosts(self.server.server_address[1]):
                self.send_error(403, "Forbidden")
                return False
            return True

        def do_POST(self):
            if backend is None or urlsplit(self.path).path != LOCAL_API:
                return self.send_error(404, "Not Found")
            # Only the form itself: JSON (another site's page cannot send it without asking first, and is
            # not answered) from the form's own page, so no page open elsewhere can write the editor's files.
            own = f"http://{self.headers.get('Host', '')}".lower()
            if self.headers.get_content_type() != "application/json" or (self.headers.get("Origin") or "").lower() != own:
                return self.send_error(403, "Forbidden")
            try:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                answer, status = backend.handle(body), 200
            except Refused as exc:  # the form shows each problem, one a line, until the editor closes it
                answer, status = {"error": str(exc), "problems": exc.problems or [str(exc)]}, 422
            except (ValueError, KeyError, TypeError):
                answer, status = {"error": "网页表单发来的请求无法识别"}, 400
            except OSError as exc:
                answer, status = {"error": f"保存失败（{why(exc)}）"}, 500
            except Exception:  # noqa: BLE001  the editor sees a sentence, the terminal one line, never a traceback
                print(f"错误：网页表单的请求处理失败（{sys.exc_info()[0].__name__}），请把这一行告诉网站管理员", file=sys.stderr)
                answer, status = {"error": "保存失败：程序内部出错，请告诉网站管理员"}, 500
            return self._send(json.dumps(answer, ensure_ascii=False).encode("utf-8"), "application/json", status)

        def translate_path(self, path):
            address = urlsplit(path).path
            if form is not None and (address == "/admin" or address.startswith("/admin/")):  # the form, not the preview
                relative = unquote(address).removeprefix("/admin").lstrip("/")
                return str(form / (relative or "index.html") if ".." not in relative.split("/") else form / ".none")
            return super().translate_path(path)

        def do_GET(self):
            url = urlsplit(self.path)
            if form is not None and url.path.startswith("/admin") and self.headers["Host"].lower().startswith("localhost:"):
                # the form talks to 127.0.0.1 (config.yml says so): opened as localhost, it would be another origin
                self.send_response(302)
                self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}{self.path}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if url.path == CHANGES:
                query = parse_qs(url.query)
                since = int((query.get("since") or ["-1"])[0] or -1)
                page = unquote((query.get("page") or [""])[0])
                return self._send(json.dumps(preview.wait(since, page)).encode(), "application/json")
            file = Path(self.translate_path(url.path))
            if file.is_dir():
                file = file / "index.html"
            if file.suffix == ".html" and file.is_file() and url.path.endswith(("/", ".html")) and file.parent != form:
                page = file.read_text("utf-8").replace("</body>", (_SCRIPT % preview.version) + "</body>", 1)
                return self._send(page.encode("utf-8"), "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, kind: str, status: int = 200):
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return partial(Handler, directory=str(directory))


_EXPLAIN = {
    400: "请求无法识别",
    403: "拒绝访问：预览和网页表单只接受发给本机地址（127.0.0.1 或 localhost 加端口）的请求",
    404: "找不到这个页面",
    414: "网址太长",
    501: "不支持这种请求",
}


def _own_hosts(port: int) -> set[str]:
    """The Host headers a request to this server carries (a browser always sends the port it was given)."""
    return {f"127.0.0.1:{port}", f"localhost:{port}"}


def _page_digests(site: Path) -> dict[str, str]:
    """Each page's address path and a digest of its bytes, to tell which pages a rebuild changed."""
    out = {}
    for file in site.rglob("*.html"):
        path = "/" + file.relative_to(site).as_posix()
        out[path[: -len("index.html")] if path.endswith("/index.html") else path] = _digest(file)
    return out


def _digest(file: Path) -> str:
    return hashlib.blake2b(file.read_bytes(), digest_size=16).hexdigest()


def _brand_edit(root: Path, paths: list[Path]) -> str | None:
    """The brand whose folder holds every changed file, if the edit stays inside one."""
    slugs = set()
    for path in paths:
        parts = path.relative_to(root).parts
        if len(parts) < 3 or parts[0] != "brands":
            return None
        slugs.add(parts[1])
    return slugs.pop() if len(slugs) == 1 else None


class NotQuick(Exception):
    """Only a full build can show this edit (a new, removed or draft brand, or no kept session)."""


class Site:
    """The served preview: full builds in the background, single brand pages at once."""

    def __init__(self, root: Path, preview: Preview):
        self.root, self.preview = root, preview
        self.work = paths.preview(root)
        self.out = paths.served(self.work)
        self.staging = paths.staging(self.work)
        self.quick_docs = paths.quick_docs(self.work)
        self.project: Project | None = None
        self.session: Session | None = None
        self.histories: dict[str, list[dict]] = {}  # each brand's standings, from the project's rounds
        self.digests: dict[str, str] = {}
        self.lock = threading.Lock()  # the served folder and the kept state: one writer at a time
        self.pending = threading.Event()
        self.edited: set[str] = set()  # brands shown quickly while a full build was running
        self.running = False
        self.edits = 0  # brand edits seen, to tell whether a failure came before or after a build began
        self.failed: tuple[int, str] | None = None  # the latest brand edit's messages, while it cannot be shown

    def full(self, changed: set[str] | None = None) -> None:
        """Build everything into staging and swap it in; then show which pages changed."""
        errors = io.StringIO()
        session = Session()
        begun = self.edits
        # a whole rebuild takes a while at a thousand brands: its stages are shown (a line each in a log)
        project = build.make(self.root, site_dir=self.staging, work_name=self.work.name, session=session,
                             done="全站预览已更新", err=errors, progress=on_stderr())
        sys.stderr.write(errors.getvalue())
        if project is None:
            if not self.pending.is_set():  # files changed while it ran: the next build's verdict counts
                self.preview.finished(errors.getvalue().strip(), set())
            return
        with self.lock:
            self.project, self.session = project, session
            self.histories = leaderboard.history(project.ranked())
            redo, self.edited = self.edited, set()
            for slug in redo:  # edits shown while this build was reading older files go onto it first
                try:
                    self._render(slug, self.staging)
                except NotQuick:
                    self.pending.set()
            self.out.parent.mkdir(parents=True, exist_ok=True)
            swap(self.staging, self.out)
            digests = _page_digests(self.out)
            if changed is not None:
                changed = changed | {p for p, d in digests.items() if self.digests.get(p) != d}
            self.digests = digests
            if self.failed and self.failed[0] <= begun:
                self.failed = None  # this build read the files after that edit, and they built
            # a build that read the files before a failing edit must not hide that edit's messages
            error = self.failed[1] if self.failed else ""
        self.preview.finished(error, changed)

    def brand(self, slug: str) -> bool:
        """Show an edit of one brand at once and ask for a full build to follow; False when only a
        full build can show it."""
        started = time.perf_counter()
        with self.lock:
            self.edits += 1
            try:
                errors = self._render(slug, self.out)
            except NotQuick:
                return False
            self.failed = (self.edits, errors.strip()) if errors else None
            if errors:
                sys.stderr.write(errors)
                self.preview.finished(errors.strip(), set())
                return True
            if self.running:
                self.edited.add(slug)
            page = f"/brands/{slug}/"
            # the full build that follows makes the same bytes: the page need not reload a second time
            self.digests[page] = _digest(self.out / "brands" / slug / "index.html")
        print(f"已更新 brands/{slug}/ 的预览页面（用时 {time.perf_counter() - started:.2f} 秒），其余页面在后台重新生成…",
              flush=True)
        self.preview.finished("", {page})
        self.pending.set()
        return True

    def _render(self, slug: str, site: Path) -> str:
        """Load, check and render one brand's page into ``site``; the checker's messages if it cannot be shown."""
        project, session = self.project, self.session
        folder = self.root / "brands" / slug
        known = {b.slug: b for b in project.brands}.get(slug) if project else None
        if session is None or known is None or known.is_draft or not (folder / "brand.yml").is_file():
            raise NotQuick
        brand, findings = load_brand(folder, self.root, project.config.contract())
        if brand is not None:
            findings += check_brand(brand, project.criteria)[0]
        blocking = [f for f in findings if f.severity is Severity.ERROR]
        if blocking or brand is None:
            errors = io.StringIO()
            report_findings(blocking, "预览未更新", errors)
            return errors.getvalue()
        if brand.is_draft:
            raise NotQuick
        shutil.rmtree(self.quick_docs / "brands" / slug, ignore_errors=True)
        updated = last_updated(self.root, [brand.folder], only=f"brands/{slug}")[brand.folder]
        # the last full build's user dictionary: a renamed brand's new words come with the next one
        cache = paths.cache(self.root)
        cutter = segment.Cutter(paths.search_words(self.work), paths.cuts(cache))
        write_brand(brand, Tree(self.quick_docs), cache, project.config.site_url, updated,
                    self.histories.get(slug, []), search_terms.keywords(brand.name, cutter))
        cutter.save()
        source = self.quick_docs / "brands" / slug
        if not session.render(f"brands/{slug}/index.md", source / "index.md", site):
            raise NotQuick
        for file in source.rglob("*"):  # the web images, which the engine would copy
            if file.is_file() and file.name != "index.md":
                dest = site / "brands" / slug / file.relative_to(source)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.unlink(missing_ok=True)  # a hard link into the docs tree and the image cache: replaced, not written through
                shutil.copyfile(file, dest)
        return ""

    def worker(self) -> None:
        """Full builds one after another while edits keep asking for them."""
        while True:
            self.pending.wait()
            self.pending.clear()
            self.running = True
            try:
                self.full(set())
            finally:
                self.running = False


def _relevant(path: str) -> bool:
    name = Path(path).name  # editors' swap and backup files are not edits
    return not (name.startswith((".#", "~", ".")) or name.endswith(("~", ".swp", ".tmp")))


def _watched(root: Path) -> list[Path]:
    """The site's own files: never .venv or .git, whose thousands of folders would exhaust inotify."""
    paths = [root / name for name in ("brands", "content", "assets", "scores") if (root / name).is_dir()]
    return paths + sorted(root.glob("*.yml")) + sorted(root.glob("*.yaml"))


def _form(root: Path, port: int) -> tuple[Path, LocalBackend] | None:
    """The web form's files for `--edit` (beside the preview), and the backend that saves into ``root``."""
    settings = settings_or_report(root, io.StringIO())  # the preview already shows why they are unusable
    if settings is None:
        return None
    config, criteria = settings
    folder = Tree(paths.form(paths.preview(root)))
    write_form(config, criteria, folder, local=f"http://127.0.0.1:{port}")
    folder.prune()
    known = {c["folder"]: fields_known(c["fields"]) for c in collections(config, criteria)}
    return folder.root, LocalBackend(root, known, partial(brand_errors, root=root, contract=config.contract(),
                                                          criteria=criteria))


def run(root: Path, port: int = 8000, edit: bool = False) -> int:
    import watchfiles

    root = root.resolve()
    preview = Preview()
    site = Site(root, preview)
    form, backend = (_form(root, port) if edit else None) or (None, None)
    # the port first: one in use is said at once, not after a whole build (requests wait until it is served)
    server = listen(port, _handler(preview, site.out, form, backend), "预览")
    if server is None:
        return 1
    site.full()
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    threading.Thread(target=site.worker, daemon=True).start()
    print(f"预览地址：http://127.0.0.1:{port}/  （修改品牌文件后自动刷新，按 Ctrl+C 退出）", flush=True)
    if form is not None:
        print(f"网页表单：http://127.0.0.1:{port}/admin/  （保存即写入本机的品牌文件，预览随之更新）", flush=True)
    try:
        for changes in watchfiles.watch(*_watched(root), watch_filter=lambda _, path: _relevant(path),
                                        debounce=200, step=50, rust_timeout=0, yield_on_timeout=False):
            paths = sorted({Path(p) for _, p in changes})
            names = [p.relative_to(root).as_posix() for p in paths]
            print(f"检测到修改：{'、'.join(names[:3])}{' 等' if len(names) > 3 else ''}，重新生成…", flush=True)
            slug = _brand_edit(root, paths)
            if slug is None or not site.brand(slug):
                with site.lock:
                    site.digests = {}  # beyond one brand's page: every open page reloads
                site.pending.set()
    finally:
        server.shutdown()
    return 0
