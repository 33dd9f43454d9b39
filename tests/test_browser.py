"""The built demo site in a real browser: Debian's Chromium driven by Playwright, served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from tests.test_build import demo_site  # noqa: F401  (module-scoped fixture reused)

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium 未安装（make test 会自动安装）")


@pytest.fixture(scope="module")
def server(demo_site):  # noqa: F811
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(demo_site / "site"))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.outside = []
    pg.console_errors = []
    pg.on("console", lambda m: pg.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("request", lambda r: pg.outside.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    yield pg
    context.close()


@pytest.mark.parametrize("path", ["/", "/brands/", "/brands/wendang-lianxinqiao/", "/criteria/"])
def test_pages_load_cleanly_and_stay_inside(page, server, path):
    page.goto(server + path, wait_until="networkidle")
    assert page.title()
    assert not page.console_errors, page.console_errors
    assert not page.outside, page.outside


def test_category_filter(page, server):
    page.goto(server + "/brands/", wait_until="networkidle")
    total = page.locator(".bs-card:visible").count()
    page.get_by_role("button", name="城乡建设").click()
    shown = page.locator(".bs-card:visible")
    assert 0 < shown.count() < total
    assert set(shown.evaluate_all("els => els.map(e => e.dataset.category)")) == {"城乡建设"}
