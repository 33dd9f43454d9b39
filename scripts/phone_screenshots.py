"""Takes the README's phone pictures: the home page and a brand page at 390 px in Chromium's mobile emulation,
normal and in 关怀模式, from the built site/. Run after `make site`: .venv/bin/python scripts/phone_screenshots.py
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.test_phone import WECHAT_UA  # noqa: E402

SHOTS = {"phone-home": "/", "phone-brand": "/brands/wendang-lianxinqiao/"}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(ROOT / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for care in (False, True):
            context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                          has_touch=True, user_agent=WECHAT_UA, locale="zh-CN")
            if care:
                context.add_init_script("localStorage.setItem('brandsite-care', 'on')")
            page = context.new_page()
            for name, path in SHOTS.items():
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=ROOT / "screenshots" / f"{name}{'-care' if care else ''}.png")
            context.close()
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
