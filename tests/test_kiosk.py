"""The open-day kiosk in headless Chromium, opened from file:// with every other request refused.

The kiosk is packed with `brandsite kiosk --zip` and unpacked into a fresh folder, as a venue
would copy it from a USB stick; the same producer writes site/kiosk/ in every build.
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import CHROMIUM, add_draft_brand, copy_demo

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium 未安装（make test 会自动安装）")
DRAFT_MARKER = "草稿标记KS9P"
SCREENS = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory) -> Path:
    root = copy_demo(tmp_path_factory.mktemp("kiosk"))
    add_draft_brand(root, DRAFT_MARKER)
    assert main(["-C", str(root), "kiosk", "--zip", "out/kiosk.zip"]) == 0
    stick = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(root / "out" / "kiosk.zip") as z:
        assert "index.html" in z.namelist()  # at the root of the package
        z.extractall(stick)
    return stick


class Screen:
    """A touch screen showing the kiosk from file://; anything not under file:// is refused and recorded."""

    def __init__(self, browser, kiosk: Path, orientation="landscape", query="", reduced_motion=None):
        w, h = SCREENS[orientation]
        self.context = browser.new_context(viewport={"width": w, "height": h}, has_touch=True,
                                           reduced_motion=reduced_motion)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto((kiosk / "index.html").as_uri() + query)
        self.page.wait_for_function("window.BrandsiteKiosk !== undefined")

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def state(self) -> str:
        return self.page.get_attribute("html", "data-kiosk-state")

    def close(self):
        assert not self.outside, self.outside
        assert not self.errors, self.errors
        self.context.close()


@pytest.fixture
def screen(browser, kiosk):
    opened = []

    def make(**kwargs) -> Screen:
        opened.append(Screen(browser, kiosk, **kwargs))
        return opened[-1]

    yield make
    for s in opened:
        s.close()


def test_loop_advances_by_itself(screen):
    s = screen(query="?interval=2")
    assert s.state() == "loop"
    first = s.page.text_content("#k-dots")
    s.page.wait_for_function(f"document.getElementById('k-dots').textContent !== {first!r}", timeout=5000)
    assert s.page.locator("#k-slide[data-brand]").count() == 1  # the first brand, after the results
    assert s.page.locator("#k-slide .k-name").text_content().strip()


def test_the_loop_shows_the_real_brands_and_results(screen):
    s = screen(query="?interval=60")
    assert "2026年第三季度服务品牌创建评价" in s.page.text_content("#k-slide")
    assert s.page.locator("#k-slide .k-row").count() == 10
    s.page.evaluate("BrandsiteKiosk.show(1)")
    assert s.page.get_attribute("#k-slide", "data-brand") == "wendang-lianxinqiao"  # featured brands come first
    text = s.page.text_content("#k-slide")
    assert "文档连心桥" in text and "档案连着你我，服务贴近民心" in text and "青岛市档案局" in text
    assert s.page.locator("#k-slide .k-commitments li").count() == 3
    # (the slide's image has just been put in: loading it is the browser's, and takes a moment under load)
    s.page.wait_for_function("document.querySelector('#k-slide img').complete", timeout=10000)
    assert s.page.evaluate("document.querySelector('#k-slide img').naturalWidth") > 0


def test_a_tap_opens_the_brand_with_a_scannable_qr_and_back_returns(screen):
    s = screen(query="?interval=60")
    s.page.evaluate("BrandsiteKiosk.show(2)")
    slug = s.page.get_attribute("#k-slide", "data-brand")
    s.page.locator("#k-slide").tap()
    assert s.state() == "detail"
    assert s.page.get_attribute("#k-detail", "data-brand") == slug
    qr = s.page.locator("#k-detail .k-qr img")
    assert qr.evaluate("i => i.complete && i.naturalWidth > 0")
    box = qr.bounding_box()
    assert box["width"] >= 360 and box["height"] >= 360  # about 10 cm on a 24-inch screen: scannable from 1 m
    assert f"/brands/{slug}/" in s.page.text_content("#k-detail .k-url")
    s.page.get_by_role("button", name="返回", exact=True).tap()
    assert s.state() == "loop"


def test_a_result_row_and_the_index_open_brands_too(screen):
    s = screen(query="?interval=60")
    row = s.page.locator("#k-slide .k-row").first
    slug = row.get_attribute("data-brand")
    row.tap()
    assert s.state() == "detail" and s.page.get_attribute("#k-detail", "data-brand") == slug
    s.page.locator("#k-open-index").tap()
    assert s.state() == "index"
    s.page.get_by_role("button", name="社会民生").tap()
    cards = s.page.locator("#k-grid .k-card")
    assert 0 < cards.count() < 40
    cards.first.tap()
    assert s.state() == "detail"
    s.page.get_by_role("button", name="返回品牌目录").tap()
    assert s.state() == "index"


def test_idle_counts_down_and_returns_to_a_clean_loop(screen):
    s = screen(query="?interval=60&idle=5")
    s.page.locator("#k-open-index").tap()
    s.page.get_by_role("button", name="党群工作").tap()
    s.page.locator("#k-grid .k-card").first.tap()
    assert s.state() == "detail"
    s.page.locator("#k-idle").wait_for(state="visible", timeout=5000)
    assert re.search(r"\d+ 秒后返回首页", s.page.text_content("#k-idle"))
    s.page.wait_for_function("document.documentElement.dataset.kioskState === 'loop'", timeout=6000)
    assert s.page.locator("#k-idle").is_hidden()
    assert s.page.text_content("#k-dots").startswith("1 /")  # from the first slide again
    assert s.page.get_attribute("#k-detail", "data-brand") is None
    s.page.locator("#k-open-index").tap()
    assert s.page.get_attribute("#k-filters button[aria-pressed=true]", "aria-pressed") == "true"
    assert s.page.text_content("#k-filters button[aria-pressed=true]") == "全部"  # the filter was cleared


def test_a_touch_during_the_countdown_keeps_the_visitor_browsing(screen):
    s = screen(query="?interval=60&idle=5")
    s.page.locator("#k-open-index").tap()
    s.page.locator("#k-idle").wait_for(state="visible", timeout=5000)
    s.page.get_by_role("button", name="继续浏览").tap()
    assert s.page.locator("#k-idle").is_hidden() and s.state() == "index"


def _overflows(page) -> list[str]:
    """Anything sticking out sideways, or a page that scrolls, or a loop slide cut off at the bottom."""
    return page.evaluate("""() => {
        const out = [];
        const w = innerWidth, h = innerHeight, d = document.documentElement;
        if (d.scrollWidth > w) out.push('page scrolls sideways: ' + d.scrollWidth);
        if (d.scrollHeight > h) out.push('page scrolls: ' + d.scrollHeight);
        for (const el of document.querySelectorAll('.k-screen *')) {
            const r = el.getBoundingClientRect();
            if (r.width && r.right > w + 1) out.push('cut at the right: ' + el.className + ' ' + (el.textContent || '').slice(0, 20));
        }
        const slide = document.getElementById('k-slide');
        if (!document.getElementById('k-loop').hidden && slide.scrollHeight > slide.clientHeight + 1)
            out.push('slide cut off: ' + (slide.dataset.brand || 'results'));
        return out;
    }""")


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_every_slide_and_view_fits_the_screen(screen, orientation):
    s = screen(orientation=orientation, query="?interval=60")
    assert s.page.get_attribute("html", "data-orientation") == orientation
    for i in range(s.page.evaluate("BrandsiteKiosk.slides")):
        s.page.evaluate(f"BrandsiteKiosk.show({i})")
        assert not _overflows(s.page), (i, _overflows(s.page))
    s.page.locator("#k-slide").tap()
    assert s.state() == "detail" and not _overflows(s.page)
    s.page.locator("#k-open-index").tap()
    assert not _overflows(s.page)


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_touch_targets_are_at_least_60_px(screen, orientation):
    s = screen(orientation=orientation, query="?interval=60")

    def small():
        return s.page.evaluate("""() => [...document.querySelectorAll('button, [role=button]')]
            .filter(b => b.offsetParent !== null)
            .map(b => [b.textContent.trim().slice(0, 12), b.getBoundingClientRect()])
            .filter(([, r]) => r.width < 60 || r.height < 60)
            .map(([t, r]) => t + ' ' + Math.round(r.width) + '×' + Math.round(r.height))""")

    assert not small()
    s.page.locator("#k-open-index").tap()
    assert not small()
    s.page.locator("#k-grid .k-card").first.tap()
    assert not small()


def test_readable_from_two_metres(screen):
    s = screen(query="?interval=60")
    s.page.evaluate("BrandsiteKiosk.show(1)")
    sizes = s.page.evaluate("""() => [...document.querySelectorAll('#k-slide *')].filter(e => e.childElementCount === 0
        && e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert min(sizes) >= 28  # 1.4rem at 1080 px: about 8 mm on a 55-inch screen


def test_no_selection_context_menu_or_zoom_and_pause_works(screen):
    s = screen(query="?interval=2")
    page = s.page
    assert page.evaluate("getComputedStyle(document.body).userSelect") == "none"
    assert "user-scalable=no" in page.get_attribute("meta[name=viewport]", "content")
    assert page.evaluate("!document.body.dispatchEvent(new MouseEvent('contextmenu', {bubbles: true, cancelable: true}))")
    pause = page.get_by_role("button", name="暂停播放")
    pause.tap()
    assert page.get_attribute("#k-pause", "aria-pressed") == "true"
    shown = page.text_content("#k-dots")
    page.wait_for_timeout(3000)
    assert page.text_content("#k-dots") == shown  # WCAG 2.2.2: a visible control stops the movement
    page.get_by_role("button", name="继续播放").tap()
    page.wait_for_function(f"document.getElementById('k-dots').textContent !== {shown!r}", timeout=5000)


def test_reduced_motion_turns_off_the_slide_animation(screen):
    s = screen(query="?interval=60", reduced_motion="reduce")
    assert s.page.evaluate("getComputedStyle(document.getElementById('k-slide')).animationName") == "none"
    moving = screen(query="?interval=60")
    assert moving.page.evaluate("getComputedStyle(document.getElementById('k-slide')).animationName") == "k-in"


def test_the_package_is_self_contained_and_has_no_drafts(kiosk):
    html = (kiosk / "index.html").read_text("utf-8")
    assert 'type="module"' not in html and not re.search(r'(src|href)="(https?:)?//', html)
    script = (kiosk / "kiosk.js").read_text("utf-8")
    assert "fetch(" not in script and "import " not in script and "XMLHttpRequest" not in script
    for path in kiosk.rglob("*"):
        if path.is_file():
            assert DRAFT_MARKER.encode() not in path.read_bytes(), path
    data = (kiosk / "data.js").read_text("utf-8")
    assert data.startswith("window.BRANDSITE_KIOSK = ") and "caogao" not in data
    assert (kiosk / "qr" / "wendang-lianxinqiao.svg").read_text("utf-8").startswith("<svg")


def test_kiosk_settings_come_from_mkdocs_yml_and_are_checked():
    from generator.produce.kiosk import settings

    assert settings({"interval": 5, "idle": 30, "orientation": "portrait"}) == {"interval": 5, "idle": 30, "orientation": "portrait"}
    assert settings({"interval": 0, "idle": "long", "orientation": "sideways"}) == {"interval": 8, "idle": 60, "orientation": "auto"}


def test_kiosk_command_serves_and_prints_the_chromium_line(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    copy_demo(root, ("mkdocs.yml", "brands", "scores"))
    proc = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(root), "kiosk", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        url = re.search(r"http://127\.0\.0\.1:\d+/index\.html", lines[0])[0]
        assert "--kiosk --noerrdialogs --disable-pinch" in lines[2]
        with urllib.request.urlopen(url, timeout=10) as response:
            assert "kiosk.js" in response.read().decode("utf-8")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
def test_large_text_and_high_contrast_are_touch_buttons_and_still_fit(screen, orientation):
    s = screen(orientation=orientation, query="?interval=60")
    size = lambda: s.page.evaluate("parseFloat(getComputedStyle(document.querySelector('.k-brandline')).fontSize)")  # noqa: E731
    before = size()
    s.page.get_by_role("button", name="大字").tap()
    assert s.page.get_attribute("#k-large", "aria-pressed") == "true" and size() >= before * 1.15
    s.page.get_by_role("button", name="高对比").tap()
    assert s.page.get_attribute("#k-contrast", "aria-pressed") == "true"
    colours = s.page.evaluate("""() => [...document.querySelectorAll('.k-screen p, .k-screen h1, .k-screen h2, .k-screen li')]
        .filter(e => e.offsetParent).map(e => getComputedStyle(e).color)""")
    assert set(colours) == {"rgb(0, 0, 0)"}
    for i in range(s.page.evaluate("BrandsiteKiosk.slides")):
        s.page.evaluate(f"BrandsiteKiosk.show({i})")
        assert not _overflows(s.page), (i, _overflows(s.page))
    s.page.locator("#k-slide").tap()
    assert s.state() == "detail" and not _overflows(s.page)


def test_idle_time_turns_large_text_and_contrast_off_for_the_next_visitor(screen):
    s = screen(query="?interval=60&idle=5")
    s.page.get_by_role("button", name="大字").tap()
    s.page.get_by_role("button", name="高对比").tap()
    s.page.locator("#k-idle").wait_for(state="visible", timeout=6000)  # on the loop, too, the idle time counts
    s.page.wait_for_function("!document.documentElement.classList.contains('k-large')", timeout=8000)
    assert not s.page.evaluate("document.documentElement.classList.contains('k-contrast')")
    assert s.page.get_attribute("#k-large", "aria-pressed") == "false"
    assert s.page.get_attribute("#k-contrast", "aria-pressed") == "false"
