"""The commit hook's check against a full check, on one synthetic site: what an editor waits for at
`git commit` (one brand's files committed) and what CI runs (everything).

    .venv/bin/python benches/hook.py --size 1000 --runs 5

Each figure is the wall time of `brandsite check --quiet` in its own process (Python's start included),
median of ``runs``. Budget: the hook's check ≤ 1 s at 1,000 brands. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benches import synth  # noqa: E402

BRANDSITE = Path(sys.executable).with_name("brandsite")


def _median(root: Path, runs: int, *files: str) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([str(BRANDSITE), "-C", str(root), "check", "--quiet", *files], capture_output=True, cwd=root)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    root = synth.generate(args.size)
    one = sorted((root / "brands").iterdir())[args.size // 2]
    committed = [f"brands/{one.name}/brand.yml", f"brands/{one.name}/logo.png"]
    hook = _median(root, args.runs, *committed)
    full = _median(root, args.runs)
    print(f"| {args.size:,} brands | hook (one brand's files) {hook:.2f} s | full check {full:.2f} s | {hook / full:.0%} |")


if __name__ == "__main__":
    main()
