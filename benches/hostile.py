"""`check` on each hostile file of tests/hostile_cases.py: the README's limit is under a second each.

    .venv/bin/python benches/hostile.py          # prints each case's time in-process, and the slowest
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.pipeline import load_project  # noqa: E402
from tests.conftest import GOOD_BRAND, REPO, make_image  # noqa: E402
from tests.hostile_cases import CASES, ROUND_FILES  # noqa: E402


def site(root: Path, relative: str, data: bytes) -> None:
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# 测试\n", "utf-8")
    brand = root / "brands" / "wendang"
    brand.mkdir(parents=True)
    (brand / "brand.yml").write_text(GOOD_BRAND, "utf-8")
    make_image(brand / "logo.png")
    make_image(brand / "photos" / "hall.jpg", (800, 600), "JPEG")
    (root / relative).parent.mkdir(parents=True, exist_ok=True)
    (root / relative).write_bytes(data)
    if relative in ROUND_FILES:
        (root / "scores" / "2026-q1.yml").write_text(ROUND_FILES[relative], "utf-8")


def main() -> None:
    times = {}
    for name, (relative, data, _rule, _where) in sorted(CASES.items()):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            site(root, relative, data)
            best = min(_timed(root) for _ in range(3))
            times[name] = best
            print(f"{name:28} {best * 1000:7.1f} ms", flush=True)
    slowest = max(times, key=times.get)
    print(f"slowest: {slowest} {times[slowest] * 1000:.0f} ms (limit 1000 ms)")


def _timed(root: Path) -> float:
    started = time.perf_counter()
    load_project(root)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
