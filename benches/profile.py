"""Where the time goes: pyinstrument's call tree for one stage on a synthetic site.

    .venv/bin/python benches/profile.py check --size 1000      # load and check
    .venv/bin/python benches/profile.py produce --size 1000    # write the docs tree (warm image cache)
    .venv/bin/python benches/profile.py engine --size 1000     # the engine on that tree

Each stage runs once unprofiled first, so caches are as a second `build` finds them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benches import synth  # noqa: E402
from generator.engine import mkdocs as engine  # noqa: E402
from generator.pipeline import load_project  # noqa: E402
from generator.produce.site import write_docs  # noqa: E402


def main() -> None:
    from pyinstrument import Profiler

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stage", choices=["check", "produce", "engine"])
    ap.add_argument("--size", type=int, default=1000)
    args = ap.parse_args()
    root = synth.generate(args.size)
    work, cache = root / ".brandsite" / "profile", root / ".brandsite" / "cache"
    project = load_project(root)
    stages = {
        "check": lambda: load_project(root),
        "produce": lambda: write_docs(project, work, cache),
        "engine": lambda: engine.build(engine.write_config(work, project.config.config_file.resolve(), work / "docs",
                                                          work / "site", project.config.raw, project.config.news_dir),
                                       jieba_user=work / "jieba_user.txt", cache=cache),
    }
    if args.stage == "engine":
        stages["produce"]()
    stages[args.stage]()
    profiler = Profiler(interval=0.001)
    profiler.start()
    stages[args.stage]()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
