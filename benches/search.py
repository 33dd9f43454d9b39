"""Search engines compared on one generated site: Material's full-text search alone, brandsite's brand
lookup in front of it, and Pagefind (with its Chinese segmentation) run over the same built pages.

For each: how often a brand's exact name is the first result (a sample of brands), the bytes a visitor
downloads for search before the first result, and the time from page load to the first result, in
headless Chromium (Debian's) against the site served on 127.0.0.1.

    .venv/bin/python benches/search.py --size 1000 --sample 100
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benches import synth  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# what each engine downloads for search (the page's own HTML, CSS and scripts are the same for all)
# (search_index matches the index's parts too: search_index.1.json …, engine/search_index.py)
FILES = {"material": ("search_index", "workers/search", "lunr"),
         "lookup + material": ("brands.json", "search_index", "workers/search", "lunr"),
         "pagefind": ("pagefind",)}


def built(n: int, pagefind: bool = True) -> Path:
    root = synth.generate(n)
    if not (root / "site" / "search" / "brands.json").is_file():
        subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build"], check=True)
    if pagefind and not (root / "site" / "pagefind" / "pagefind.js").is_file():
        subprocess.run([sys.executable, "-m", "pagefind", "--site", str(root / "site"), "--force-language", "zh"],
                       check=True, capture_output=True)
    return root


def names(root: Path, sample: int) -> list[str]:
    rows = json.loads((root / "site" / "search" / "brands.json").read_text("utf-8"))["brands"]
    step = max(1, len(rows) // sample)
    return [row[0] for row in rows[::step]][:sample]


# each engine: how to ask it for a query's first result title, from the home page
def material_first(page, query: str) -> str:
    box = page.get_by_role("textbox", name="搜索")
    box.click()
    box.fill(query)
    box.press("End")
    page.wait_for_function("q => { const m = document.querySelector('.md-search-result__meta');"
                           " return m && !/键入|正在/.test(m.textContent) && document.querySelector('.md-search__input').value === q; }",
                           arg=query, timeout=120_000)
    first = page.locator(".md-search-result__item h1").first
    return first.inner_text().replace("\u200b", "") if first.count() else ""


def lookup_first(page, query: str) -> str:
    box = page.get_by_role("textbox", name="搜索")
    box.click()
    box.fill(query)
    page.wait_for_function("q => { const f = document.querySelector('.bs-lookup__name'); const b = document.querySelector('.bs-lookup');"
                           " return document.querySelector('.md-search__input').value === q && b && (f || b.hidden); }",
                           arg=query, timeout=120_000)
    first = page.locator(".bs-lookup__name").first
    return first.inner_text() if first.count() else ""


def pagefind_first(page, query: str) -> str:
    return page.evaluate("""async (q) => {
      window.__pf = window.__pf || await import('/pagefind/pagefind.js');
      const found = await window.__pf.search(q);
      if (!found.results.length) return '';
      const data = await found.results[0].data();
      window.__bsFirst = window.__bsFirst || performance.now();
      return (data.meta.title || '').replace(/\\s*-\\s*[^-]*$/, '');
    }""", query)


ENGINES = {"material": material_first, "lookup + material": lookup_first, "pagefind": pagefind_first}


# the moment the first result is on screen, in the page's own clock (a polling test would see it late)
WATCH = """
new MutationObserver(() => {
  if (!window.__bsFirst && document.querySelector('.bs-lookup__name, .md-search-result__item'))
    window.__bsFirst = performance.now();
}).observe(document, {subtree: true, childList: true});
"""
BYTES_BEFORE = """([first, parts]) => performance.getEntriesByType('resource')
  .filter(r => r.responseEnd <= first && parts.some(p => r.name.includes(p)))
  .reduce((sum, r) => sum + r.encodedBodySize, 0)"""


def measure(base: str, browser, engine: str, queries: list[str]) -> dict:
    ask = ENGINES[engine]
    # the first query on a fresh page: time from the end of page load and bytes downloaded for search
    # until the first result is shown
    context = browser.new_context()
    if engine == "material":  # the theme alone: without the lookup file, it searches as it always did
        context.route("**/search/brands.json", lambda route: route.abort())
    context.add_init_script(WATCH)
    page = context.new_page()
    page.goto(base + "/", wait_until="load")
    ask(page, queries[0])
    if engine == "pagefind":
        page.evaluate("window.__bsFirst = window.__bsFirst || performance.now()")
    first = page.evaluate("window.__bsFirst")
    loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    search_bytes = page.evaluate(BYTES_BEFORE, [first, list(FILES[engine])])
    hits, times = 0, []
    for name in queries:
        t = time.perf_counter()
        hits += ask(page, name) == name
        times.append(time.perf_counter() - t)
    context.close()
    return {"exact_first": f"{hits}/{len(queries)}", "search_bytes": search_bytes,
            "first_result_s": round((first - loaded) / 1000, 2), "per_query_ms": round(statistics.median(times) * 1000)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--sample", type=int, default=100)
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma-separated, of: " + ", ".join(ENGINES))
    args = ap.parse_args()
    engines = [e.strip() for e in args.engines.split(",")]
    from playwright.sync_api import sync_playwright

    root = built(args.size, pagefind="pagefind" in engines)
    queries = names(root, args.sample)
    handler = functools.partial(type("Q", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *a: None}),
                                directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    report = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for engine in engines:
                report[engine] = measure(base, browser, engine, queries)
                print(json.dumps({engine: report[engine]}, ensure_ascii=False), flush=True)
            browser.close()
    finally:
        httpd.shutdown()
    files = sorted((root / "site" / "search").glob("*.json"), key=lambda f: f.stat().st_size)
    print(f"{args.size} brands: " + ", ".join(f"{f.name} {f.stat().st_size / 1e6:.2f} MB" for f in files)
          + f"; largest search file {files[-1].stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
