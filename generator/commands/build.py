"""brandsite build: the site again, unless nothing it reads has changed (incremental/unchanged.py); the build
itself runs in generator/build.py."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from generator import build
from generator.atomic import exclusive
from generator.incremental import paths, unchanged
from generator.load.updated import last_updated


def run(root: Path, strict: bool = False, site_dir: Path = Path("site"), work_name: str = "build",
        timings: bool = False, quiet: bool = False, full: bool = False, skip_unchanged: bool = False) -> int:
    """The CLI's build (see `build.build`). With ``skip_unchanged`` (the CLI's build), a site whose inputs are
    exactly those of the last successful build, and which is still as that build left it, is not built again."""
    started = time.perf_counter()
    with _one_at_a_time(root, work_name):
        site = build.targets(site_dir)[0]
        inputs = unchanged.inputs(root, site, strict, _read_dates) if skip_unchanged else None
        facts = None if full or timings or inputs is None else unchanged.last_facts(root, site, inputs.digest)
        if facts is not None:
            print(build.closing_line("没有改动，网站保持不变", unchanged.all_reused(facts),
                                     time.perf_counter() - started, site_dir), flush=True)
            return 0
        unchanged.forget(root)  # until this build has finished, nobody may take the site for its result
        facts = build.build(root, strict, site_dir, work_name, timings, quiet, full,
                            updated=inputs.updated if inputs is not None else None)
        if facts is not None and inputs is not None:
            unchanged.remember(root, site, inputs.digest, facts)
        return 0 if facts is not None else 1


def _read_dates(root: Path, folders: list[Path], newest: dict[str, int]):
    return last_updated(root, folders, newest=newest)


def _one_at_a_time(root: Path, work_name: str):
    """Two builds of one project (a CI job started twice, a build beside a deploy) would write the same
    docs tree and staging folder: the second waits for the first, and says so."""
    def wait() -> None:
        print("另一个 brandsite build 正在生成这个站点，等它结束后接着生成……", file=sys.stderr, flush=True)

    return exclusive(paths.lock(root, work_name), wait)
