"""brandsite deploy --package: the package, unpacked under /ztzl/fwpp/ of a local web server (as a provincial
platform publishes it), works in Chromium with not one request failing; its manifest holds."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import re
import subprocess
import sys
import tarfile
import threading
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM

SUB_PATH = "/ztzl/fwpp/"
BASE_URL = "https://www.example.gov.cn/ztzl/fwpp/"
PAGES = ["", "brands/", "brands/wendang-lianxinqiao/", "leaderboard/", "leaderboard/2026-q3/", "criteria/",
         "news/", "about/", "kiosk/", "gallery/zhengwu-fuwu/"]

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make system-deps)")


def package(root: Path, archive: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "deploy", "--no-build", "-q",
                           "--package", str(archive), *extra], capture_output=True, text=True)


class _Platform(http.server.SimpleHTTPRequestHandler):
    """A static server that answers a missing file with the package's 404 page, as nginx's error_page does."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / SUB_PATH.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def platform(folder: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Platform, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def test_the_package_works_under_a_sub_path_with_no_failing_request(demo_site, tmp_path, browser):
    archive = tmp_path / "品牌展示.zip"
    done = package(demo_site, archive, "--base-url", BASE_URL, "--precompress")
    assert done.returncode == 0, done.stderr
    www = tmp_path / "www"
    unpacked = www / SUB_PATH.strip("/")
    with zipfile.ZipFile(archive) as z:
        z.extractall(unpacked)

    # the manifest lists every other file with its digest
    listed = dict(reversed(line.split("  ", 1)) for line in (unpacked / "SHA256SUMS").read_text().splitlines())
    files = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()} - {"SHA256SUMS"}
    assert set(listed) == files
    assert all(hashlib.sha256((unpacked / n).read_bytes()).hexdigest() == d for n, d in listed.items())
    # no link leaves the sub-path; the site's addresses are the platform's
    for name in files:
        if name.endswith(".html"):
            for link in re.findall(r'(?:href|src)="(/[^"]*)"', (unpacked / name).read_text("utf-8")):
                assert link.startswith(SUB_PATH), f"{name}: {link}"
    assert f"<loc>{BASE_URL}brands/wendang-lianxinqiao/</loc>" in (unpacked / "sitemap.xml").read_text("utf-8")
    canonical = (unpacked / "brands" / "wendang-lianxinqiao" / "index.html").read_text("utf-8")
    assert f'rel="canonical" href="{BASE_URL}brands/wendang-lianxinqiao/"' in canonical

    failures: list[str] = []
    with platform(www) as server:
        context = browser.new_context()
        page = context.new_page()
        page.on("response", lambda r: r.status >= 400 and not r.url.endswith("/no/such/page/")
                and failures.append(f"{r.status} {r.url}"))
        page.on("requestfailed", lambda r: failures.append(f"failed {r.url}"))
        for path in PAGES:
            page.goto(f"{server}{SUB_PATH}{path}", wait_until="networkidle")
            assert page.title(), path
        # a missing page deep under the sub-path shows the package's 404 page, styled, with working links
        response = page.goto(f"{server}{SUB_PATH}no/such/page/", wait_until="networkidle")
        assert response.status == 404
        page.locator(f'a[href="{SUB_PATH}brands/"]').first.click()
        page.wait_for_load_state("networkidle")
        assert page.url == f"{server}{SUB_PATH}brands/"
        context.close()
    assert failures == []


def test_tar_gz_without_a_base_url_leaves_out_only_the_404_page_and_bad_names_are_refused(demo_site, tmp_path):
    archive = tmp_path / "site.tar.gz"
    done = package(demo_site, archive)
    assert done.returncode == 0, done.stderr
    assert "404" in done.stderr and "--base-url" in done.stderr
    with tarfile.open(archive) as t:
        names = set(t.getnames())
    site = demo_site / "site"
    assert names == {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {"404.html"} | {"SHA256SUMS"}
    for bad, message in ((tmp_path / "site.rar", ".zip 或 .tar.gz"),):
        refused = package(demo_site, bad)
        assert refused.returncode == 1 and message in refused.stderr and "Traceback" not in refused.stderr
    refused = package(demo_site, tmp_path / "x.zip", "--base-url", "ftp:/x")
    assert refused.returncode == 1 and "--base-url" in refused.stderr and not (tmp_path / "x.zip").exists()
