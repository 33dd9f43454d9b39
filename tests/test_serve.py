"""brandsite serve: an editor saves a brand file and the open browser page shows the change."""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading

import pytest

from tests.conftest import GOOD_BRAND
from tests.conftest import CHROMIUM

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium 未安装（make test 会自动安装）")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def preview(site):
    site.brand()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(site.root), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    try:
        while "预览地址" not in (line := lines.get(timeout=60)):
            assert "Traceback" not in line, line
        yield site, f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert not (site.root / "site").exists()  # the preview never touches the published site


def test_an_edit_shows_in_the_open_page_and_errors_show_over_it(browser, preview):  # noqa: F811
    site, url = preview
    page = browser.new_page()
    page.goto(url + "/brands/wendang/")
    assert "档案连着你我" in page.inner_text("body")
    brand = site.root / "brands" / "wendang" / "brand.yml"

    brand.write_text(GOOD_BRAND.replace("档案连着你我", "新口号已保存"), "utf-8")
    page.wait_for_function("document.body && document.body.innerText.includes('新口号已保存')", timeout=20000)

    brand.write_text(GOOD_BRAND.replace("name: 文档连心桥", "name: 档"), "utf-8")  # too short: an error
    alert = page.get_by_role("alert")
    alert.wait_for(timeout=20000)
    assert "name.min" in alert.inner_text() and "brands/wendang/brand.yml" in alert.inner_text()
    assert "新口号已保存" in page.inner_text("body")  # the last good preview stays

    brand.write_text(GOOD_BRAND.replace("档案连着你我", "改好了"), "utf-8")
    page.wait_for_function("document.body && document.body.innerText.includes('改好了')", timeout=20000)
    assert page.get_by_role("alert").count() == 0
    page.close()


def test_a_brand_edit_reloads_only_the_pages_it_changes(browser, preview):  # noqa: F811
    """The edited brand's page is shown at once; the gallery follows after the background build;
    a page the edit does not touch keeps its state (no reload)."""
    site, url = preview
    pages = {path: browser.new_page() for path in ("/brands/wendang/", "/brands/", "/criteria/")}
    for path, page in pages.items():
        page.goto(url + path)
        page.evaluate("window.__kept = true")  # gone if the page reloads
    brand = site.root / "brands" / "wendang" / "brand.yml"
    brand.write_text(GOOD_BRAND.replace("name: 文档连心桥", "name: 文档连心新桥"), "utf-8")
    pages["/brands/wendang/"].wait_for_function("document.body && document.body.innerText.includes('文档连心新桥')", timeout=20000)
    pages["/brands/"].wait_for_function("document.body && document.body.innerText.includes('文档连心新桥')", timeout=60000)
    pages["/criteria/"].wait_for_timeout(1500)
    assert pages["/criteria/"].evaluate("window.__kept") is True
    for page in pages.values():
        page.close()


def test_editing_a_scored_brand_takes_the_one_brand_path(site):
    """A brand with scores (its page carries the 评价记录 part) is shown from the one-brand path, history
    and all, and the engine prints nothing in English on the way."""
    import time
    import urllib.request

    site.brand()
    (site.root / "scores").mkdir()
    (site.root / "scores" / "2026-q1.yml").write_text(
        "round: 2026-q1\ntitle: 第一季度\ndate: 2026-04-10\nscheme: ten-best\nresults:\n"
        "  - brand: wendang\n    scores: {inspectors: 91, clients: 92, panel: 93}\n", "utf-8")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(site.root), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    printed = []
    try:
        while "预览地址" not in (line := lines.get(timeout=60)):
            printed.append(line)
        time.sleep(1)  # the watcher starts just after the address is printed
        (site.root / "brands" / "wendang" / "brand.yml").write_text(GOOD_BRAND.replace("档案连着你我", "新口号已保存"), "utf-8")
        deadline = time.monotonic() + 30
        while "已更新 brands/wendang/ 的预览页面" not in (line := _next(lines, deadline, printed)):
            printed.append(line)
            assert "全站预览已更新" not in line, "".join(printed)  # the whole-site rebuild came first: no fast path
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/brands/wendang/").read().decode("utf-8")
        assert "新口号已保存" in page
        assert "评价记录" in page and "第一季度" in page  # the history part is put into the quick page
        time.sleep(3)  # the background rebuild that follows
        while not lines.empty():
            printed.append(lines.get())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    text = "".join(printed)
    assert "Error building page" not in text and "Traceback" not in text, text


def _next(lines: queue.Queue, deadline: float, printed: list[str]) -> str:
    import time

    try:
        return lines.get(timeout=max(0.1, deadline - time.monotonic()))
    except queue.Empty:
        raise AssertionError("没有等到预览更新，serve 输出：\n" + "".join(printed)) from None
