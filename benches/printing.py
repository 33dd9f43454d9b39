"""Print: how long `brandsite export print` takes on synthetic sites (benches/synth.py).

    .venv/bin/python benches/printing.py --size 1000 --runs 1

booklet    `brandsite export print <round>` for a round whose top ten are awarded: the booklet (each brand with
           its story of about 2,500 characters and its photo) and the ten certificates; wall time of the
           command in its own process, Python's start included. Budget: under 30 s.
posters    every brand's A3 and A4 posters and its counter card (three PDFs a brand), as the command writes
           them (shared out between the cores); the site loaded beforehand is not counted.

Medians of ``runs``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benches import synth  # noqa: E402


def booklet(root: Path, runs: int) -> float:
    times = []
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "export", "print", "2026-q1",
                            "-o", out, "-q"], check=True, env=env, capture_output=True)
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def posters(root: Path, runs: int) -> tuple[float, int]:
    from generator.commands.export import export_print
    from generator.pipeline import load_project
    from generator.produce import catalog
    from generator.progress import NULL
    from generator.publish import printing

    project = load_project(root)
    brands = sorted(project.published, key=lambda b: b.slug)
    times = []
    for _ in range(runs):
        press = printing.Press(printing.settings(project.config, catalog.organizer(project)), project.config.site_name)
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            export_print(project, press, brands, [], Path(out), NULL)
            times.append(time.perf_counter() - started)
    return statistics.median(times), len(brands)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    root = synth.generate(args.size)
    print(f"site: {args.size} brands ({root}); {os.cpu_count()} cores")
    print(f"booklet and certificates of a round (10 awarded brands): {booklet(root, args.runs):.1f} s")
    seconds, count = posters(root, args.runs)
    print(f"posters (A3, A4) and counter cards of {count} brands: {seconds:.1f} s "
          f"({seconds / count * 1000:.0f} ms a brand, {count * 3} PDFs)")


if __name__ == "__main__":
    main()
