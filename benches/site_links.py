"""The link check a build makes on its output (check/site_links.py), on a built synthetic site: cold (every page
read) and with its memo (only changed pages read).

    .venv/bin/python benches/site_links.py --size 1000 --runs 3

Builds the synthetic site once if it has no site/ yet (minutes). Prints medians; nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benches import synth  # noqa: E402
from generator.check import site_links  # noqa: E402
from generator.cli import main as brandsite  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    root = synth.generate(args.size)
    site = root / "site"
    if not (site / "index.html").is_file():
        assert brandsite(["-C", str(root), "build", "-q"]) == 0
    pages = sum(1 for _ in site.rglob("*.html"))
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        memo = Path(tmp) / "links.memo"
        for _ in range(args.runs):
            memo.unlink(missing_ok=True)
            started = time.perf_counter()
            found = site_links.check_built(site, root, memo=memo)
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            site_links.check_built(site, root, memo=memo)
            warm.append(time.perf_counter() - started)
    print(f"| {args.size:,} brands | {pages:,} pages | cold {statistics.median(cold):.2f} s "
          f"| with memo {statistics.median(warm):.2f} s | {len(found)} broken |")


if __name__ == "__main__":
    main()
