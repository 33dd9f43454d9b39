"""Benchmarks on synthetic sites (benches/synth.py): check, build, an unchanged rebuild, search and serve.

Each figure is the median of several runs, printed beside the baseline measured in the same run,
so ratios hold across machines. Not a test: nothing here asserts a time.

    .venv/bin/python benches/run.py                       # N = 100 and 1000, 3 runs each
    .venv/bin/python benches/run.py --sizes 100,1000,5000 --runs 3 --serve --search
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import queue
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benches import synth  # noqa: E402
from generator.pipeline import load_project  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_time(fn, runs: int) -> float:
    return statistics.median(timed(fn) for _ in range(runs))


def parse_only(root: Path) -> None:
    """The baseline of check: PyYAML's C loader on every brand.yml, nothing else."""
    for path in sorted((root / "brands").glob("*/brand.yml")):
        yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


TIMINGS = re.compile(r"读取与检查 ([\d.]+) 秒，生成页面 ([\d.]+) 秒，子进程启动与交接 ([\d.]+) 秒，引擎 ([\d.]+) 秒")


def build_phases(root: Path) -> dict[str, float]:
    """One `brandsite build --timings` in a process of its own, as a publisher runs it: the preparing
    child and the engine each pay their own start-up (imports, jieba's dictionary, templates)."""
    proc = subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build", "--timings",
                           "-d", str(root / "site")], capture_output=True, text=True, check=True)
    load, produce, handover, engine_s = map(float, TIMINGS.search(proc.stdout).groups())
    return {"load_check": load, "produce": produce, "handover": handover, "engine": engine_s}


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def peak_memory_build(root: Path) -> float:
    """Peak resident memory of a `brandsite build` in its own process, in MiB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build", "-d", str(root / ".brandsite" / "mem-site")],
                   check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


def bench_check(root: Path, runs: int) -> dict:
    runs = max(runs, 5)  # about a second each, and a ratio of two short times is noisy
    pairs = [(timed(lambda: parse_only(root)), timed(lambda: load_project(root))) for _ in range(runs)]
    parse, check = statistics.median(p for p, _ in pairs), statistics.median(c for _, c in pairs)  # interleaved
    cli = median_time(lambda: subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "check", "--quiet"],
                                              capture_output=True), runs)
    return {"parse_s": parse, "check_s": check, "ratio": check / parse, "cli_s": cli}


def bench_build(root: Path, runs: int) -> dict:
    for kept in ("cache", "build"):  # web images, QR codes, remembered cuts; the generated docs tree
        shutil.rmtree(root / ".brandsite" / kept, ignore_errors=True)
    cold = build_phases(root)
    first = tree_digest(root / "site")
    images = root / ".brandsite" / "cache" / "images"
    cached = {p.name: p.stat().st_mtime_ns for p in images.iterdir()}
    warm = [build_phases(root) for _ in range(runs)]
    same_bytes = tree_digest(root / "site") == first
    untouched = {p.name: p.stat().st_mtime_ns for p in images.iterdir()} == cached
    phase = {k: statistics.median(w[k] for w in warm) for k in warm[0]}
    outside = phase["load_check"] + phase["produce"] + phase["handover"]
    site = root / "site"
    pages = list(site.rglob("*.html"))
    return {
        "cold": cold, "warm": phase, "outside_over_engine": outside / phase["engine"],
        "rebuild_same_bytes": same_bytes, "rebuild_no_image_work": untouched,
        "search_index_mb": (site / "search" / "search_index.json").stat().st_size / 1e6,
        "largest_page_kb": max(p.stat().st_size for p in pages) / 1e3,
        "kiosk_data_kb": (site / "kiosk" / "data.js").stat().st_size / 1e3,
        "site_mb": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_serve(root: Path, runs: int, slug: str = "b00001", old: str = "服务暖人心") -> dict:
    """From saving brand.yml to the new text in an open Chromium page, with `brandsite serve`; and whether
    each edit took the one-brand path (serve prints "已更新 brands/<slug>/ 的预览页面" before anything else)."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(root), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()
    brand = root / "brands" / slug / "brand.yml"
    original = brand.read_text("utf-8")
    assert old in original, f"{old} not in {brand}"
    times, fast, printed = [], [], []

    def drain() -> list[str]:
        out = []
        while not lines.empty():
            out.append(lines.get())
        printed.extend(out)
        return out

    try:
        while "预览地址" not in lines.get(timeout=600):
            pass
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/brands/{slug}/")
            for i in range(runs):
                drain()
                marker = f"新口号第{i}次保存"
                start = time.perf_counter()
                brand.write_text(original.replace(old, marker, 1), "utf-8")
                page.wait_for_function(f"document.body && document.body.innerText.includes({marker!r})", timeout=600_000)
                times.append(time.perf_counter() - start)
                seen = "".join(drain())
                fast.append(f"已更新 brands/{slug}/ 的预览页面" in seen)
                # the background rebuild that follows, before the next edit
                deadline = time.monotonic() + 600
                while "全站预览已更新" not in seen and time.monotonic() < deadline:
                    try:
                        seen += lines.get(timeout=1)
                    except queue.Empty:
                        pass
                printed.append(seen)
            browser.close()
    finally:
        brand.write_text(original, "utf-8")
        proc.terminate()
        proc.wait(timeout=30)
    text = "".join(printed)
    return {"edit_to_browser_s": statistics.median(times), "each_s": [round(t, 2) for t in times],
            "fast_path": fast, "engine_errors": text.count("Error building page"), "tracebacks": text.count("Traceback")}


def demo_copy() -> Path:
    """The repository's demo site, copied beside the synthetic ones (serve writes into .brandsite/)."""
    root = synth.BENCH / "demo"
    shutil.rmtree(root, ignore_errors=True)
    repo = Path(__file__).resolve().parent.parent
    root.mkdir(parents=True)
    for name in ("mkdocs.yml", "content", "brands", "assets", "scores"):
        (shutil.copytree if (repo / name).is_dir() else shutil.copy)(repo / name, root / name)
    return root


def bench_search(root: Path, runs: int) -> dict:
    """From page load to the first search hit in headless Chromium, on the built site."""
    import functools
    import http.server

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(root / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    # a visitor types a brand's words, not its number
    name = yaml.safe_load((root / "brands" / "b00010" / "brand.yml").read_text("utf-8"))["name"].rstrip("0123456789")
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for _ in range(runs):
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/", wait_until="load")
                start = time.perf_counter()
                box = page.get_by_role("textbox", name="搜索")
                box.click()
                box.fill(name)
                box.press("End")
                page.locator(".md-search-result__item").first.wait_for(timeout=120_000)
                times.append(time.perf_counter() - start)
                page.close()
            browser.close()
    finally:
        httpd.shutdown()
    return {"first_hit_s": statistics.median(times), "query": name}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--serve", action="store_true", help="also edit -> preview under brandsite serve")
    ap.add_argument("--search", action="store_true", help="also time the first search hit in Chromium")
    ap.add_argument("--memory", action="store_true", help="also the peak memory of a build process")
    ap.add_argument("--serve-demo", action="store_true",
                    help="only edit -> preview under brandsite serve on the repository's demo (a brand with scores)")
    ap.add_argument("--serve-only", action="store_true", help="only edit -> preview under brandsite serve, at --sizes")
    args = ap.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    if args.serve_demo:
        row = bench_serve(demo_copy(), args.runs, "wendang-lianxinqiao", "档案连着你我")
        print(json.dumps({"demo": {"serve": row}}, ensure_ascii=False, indent=1), flush=True)
        return
    report = {}
    for n in (int(s) for s in args.sizes.split(",")):
        root = synth.generate(n)
        if args.serve_only:
            print(json.dumps({n: {"serve": bench_serve(root, args.runs)}}, ensure_ascii=False, indent=1), flush=True)
            continue
        row: dict = {"check": bench_check(root, args.runs), "build": bench_build(root, max(1, args.runs - 1))}
        if args.memory:
            row["peak_memory_mib"] = peak_memory_build(root)
        if args.search:
            row["search"] = bench_search(root, args.runs)
        if args.serve:
            row["serve"] = bench_serve(root, args.runs)
        report[n] = row
        print(json.dumps({n: row}, ensure_ascii=False, indent=1), flush=True)
    sizes = sorted(report)
    if len(sizes) > 1:
        a, b = sizes[0], sizes[-1]
        print(f"check scaling {a}->{b}: x{report[b]['check']['check_s'] / report[a]['check']['check_s']:.1f} "
              f"for x{b / a:.0f} brands; warm build x{sum(report[b]['build']['warm'].values()) / sum(report[a]['build']['warm'].values()):.1f}")


if __name__ == "__main__":
    main()
