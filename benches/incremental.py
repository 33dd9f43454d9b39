"""Incremental rebuilds against a warm full build, on one synthetic site, as a publisher runs them.

    .venv/bin/python benches/incremental.py --size 1000 --runs 3
    .venv/bin/python benches/incremental.py --size 10000 --runs 1 --cold --only unchanged,"one field"

Each figure is the wall time of `brandsite build -q` in its own process (Python's start included), median
of ``runs``; the full builds use `--full` with a warm image cache. Measured in one run, so the ratios
compare like with like on a machine whose speed varies from day to day. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benches import synth  # noqa: E402

BRANDSITE = Path(sys.executable).with_name("brandsite")


def _build(root: Path, *extra: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([str(BRANDSITE), "-C", str(root), "build", "-q", *extra], capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"build failed:\n{done.stdout}{done.stderr}")
    return took, done.stdout.strip().splitlines()[-1]


def _edit_field(root: Path, i: int) -> None:
    path = sorted((root / "brands").iterdir())[len(list((root / "brands").iterdir())) // 2] / "brand.yml"
    text = path.read_text("utf-8")
    start = text.index("\nslogan: ") + len("\nslogan: ")
    path.write_text(text[:start] + f"第{i}次" + text[start:], "utf-8")


def _new_round(root: Path, i: int) -> None:
    scores = root / "scores"
    newest = sorted(scores.glob("*.yml"))[-1]
    rid = f"2027-n{i}"
    (scores / f"{rid}.csv").write_bytes(newest.with_suffix(".csv").read_bytes())
    (scores / f"{rid}.yml").write_text(
        newest.read_text("utf-8").replace(newest.stem, rid).replace("date: 2026-", "date: 2027-"), "utf-8")


def _drop_rounds(root: Path) -> None:
    for path in (root / "scores").glob("2027-n*"):
        path.unlink()


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cold", action="store_true", help="first time a build with empty caches")
    ap.add_argument("--only", default="full,unchanged,one field,new round", help="which rebuilds to time")
    args = ap.parse_args()
    root = synth.generate(args.size)
    _drop_rounds(root)
    if args.cold:
        shutil.rmtree(root / ".brandsite", ignore_errors=True)
        took, line = _build(root)
        print(f"  cold       {took:6.2f} s   {line}", flush=True)
    else:
        _build(root)  # images and pages as a second build finds them
    only = args.only.split(",")
    times: dict[str, list[float]] = {name: [] for name in ("full", "unchanged", "one field", "new round") if name in only}
    lines: dict[str, str] = {}
    for i in range(args.runs):
        for name, before, extra in (("full", None, ("--full",)), ("unchanged", None, ()),
                                    ("one field", lambda: _edit_field(root, i), ()),
                                    ("new round", lambda: _new_round(root, i), ())):
            if name not in only:
                continue
            if before is not None:
                before()
            took, lines[name] = _build(root, *extra)
            times[name].append(took)
        _drop_rounds(root)
        _build(root)
    full = statistics.median(times["full"]) if times.get("full") else None
    print(f"{args.size} brands, median of {args.runs} (wall, in its own process):")
    for name, values in times.items():
        median = statistics.median(values)
        ratio = f"({median / full:5.1%} of a full build)" if full else ""
        print(f"  {name:10} {median:6.2f} s  {ratio}   {lines[name]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak memory of the largest build process: {peak:.0f} MiB")
    cache = root / ".brandsite" / "cache" / "pages"
    print(f"  page cache: {_size_mb(cache):.0f} MB; image cache: {_size_mb(root / '.brandsite' / 'cache' / 'images'):.0f} MB")


if __name__ == "__main__":
    main()
