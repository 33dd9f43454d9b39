"""What the 错敏 check (check/lexicon.py, checks/words_absent.py, check/site_text.py) adds to a check, on a
synthetic site: the three rules of kind ``words_absent`` over every brand (brand.yml values and a 2,500-character
story each), and the pages and round files, with the default lists. A few brands carry planted wrong words, so
the slow path (locating each match) is timed too.

    .venv/bin/python benches/wording.py --size 1000 --runs 5

Prints the median of ``runs`` (the lists loaded and the automaton built once, as a check does). Budget: ≤ 0.5 s
at 1,000 brands. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benches import synth  # noqa: E402
from generator.check import lexicon, site_text  # noqa: E402
from generator.check.checks import KINDS  # noqa: E402
from generator.load.brands import brand_folders, load_brand  # noqa: E402
from generator.pipeline import load_settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    root = synth.generate(args.size)
    config, criteria = load_settings(root)
    rules = [r for r in criteria.rules if r.check == "words_absent"]
    brands = [load_brand(folder, root, config.contract())[0] for folder in brand_folders(root, None)]
    for brand in brands[::100]:  # one brand in a hundred with a wrong word in its story
        brand.story = brand.story + "\n各窗口要再接再励，按步就班地做好服务。\n"
    started = time.perf_counter()
    lexicon._load.cache_clear()
    load_settings(root)
    lexicon.default().automaton()
    lists = time.perf_counter() - started
    times, found = [], 0
    for _ in range(args.runs):
        lexicon._find.cache_clear()
        started = time.perf_counter()
        found = sum(1 for brand in brands for rule in rules for _ in KINDS[rule.check].check(brand, rule))
        found += len(site_text.check_files(root, config.docs_dir, criteria))
        times.append(time.perf_counter() - started)
    text = sum(len(b.doc.joined) + len(b.story or "") for b in brands)
    print(f"| {args.size:,} brands | {text / 1e6:.1f} M characters | lists and automaton {lists * 1000:.0f} ms "
          f"| 错敏 check {statistics.median(times):.3f} s | {found} findings |")


if __name__ == "__main__":
    main()
