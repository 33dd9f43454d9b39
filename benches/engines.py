"""The same generated docs tree built by MkDocs, ProperDocs and Zensical: time, memory and what differs.

    .venv/bin/python benches/engines.py --size 1000 --runs 2     # a synthetic site (benches/synth.py)
    .venv/bin/python benches/engines.py --demo                   # the demo site: blog, feeds, templates

ProperDocs and Zensical are installed into their own environments under .brandsite/engines/ on first
use (from the package index); brandsite itself never depends on them. Each engine is run as its own
process from its command line; time is wall time, memory the process's peak resident size.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml
from lxml import html as lxml_html

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benches import synth  # noqa: E402
from generator.engine import mkdocs as engine  # noqa: E402
from generator.pipeline import load_project  # noqa: E402
from generator.produce.site import write_docs  # noqa: E402

ENVS = REPO / ".brandsite" / "engines"
ENGINES = {
    # name: (packages for its environment, command line after the environment's bin/)
    "mkdocs": (None, [sys.executable, "-m", "mkdocs", "build", "-q", "-f"]),
    "properdocs": (["properdocs", "mkdocs-material", "jieba"], ["properdocs", "build", "-q", "-f"]),
    "zensical": (["zensical"], ["zensical", "build", "-f"]),
}
SEARCH_FILES = ("search/search_index.json", "search.json")


def environment(name: str) -> list[str]:
    """The engine's command, installing it into .brandsite/engines/<name> the first time."""
    packages, command = ENGINES[name]
    if packages is None:
        return command
    env = ENVS / name
    marker = env / ".installed"
    if not marker.exists():
        subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
        pip = [str(env / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run(pip + packages, check=True)
        if name == "properdocs":  # the brandsite plugin declares its settings in mkdocs.yml
            subprocess.run(pip + ["--no-deps", "-e", str(REPO)], check=True)
        marker.touch()
    return [str(env / "bin" / command[0]), *command[1:]]


def docs_tree(root: Path, work: Path) -> dict:
    """brandsite's generated docs tree for ``root`` and its mkdocs.yml raw settings."""
    project = load_project(root)
    work.mkdir(parents=True, exist_ok=True)
    write_docs(project, work, root / ".brandsite" / "cache")
    config = engine.write_config(work, project.config.config_file.resolve(), work / "docs", work / "site-x",
                                 project.config.raw, project.config.news_dir)
    return yaml.safe_load(config.read_text("utf-8"))


# a small launcher: a child forked from this (large) process would report its parent's size as its peak
_MEASURE = ("import resource, subprocess, sys; p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(p.returncode)")


def run(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall seconds and peak MiB of one engine process."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-S", "-c", _MEASURE, *command], cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{command[0]} failed:\n{done.stderr[-3000:]}")
    return elapsed, int(done.stdout.split()[-1]) / 1024


def build_with(name: str, work: Path, config: dict, runs: int) -> dict:
    site = work / f"site-{name}"
    cfg = work / f"mkdocs.{name}.yml"
    cfg.write_text(yaml.safe_dump(dict(config, site_dir=site.name), allow_unicode=True, sort_keys=False), "utf-8")
    command = environment(name) + [cfg.name]
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(work / ".cache", ignore_errors=True)  # Zensical's own cache: the first run is cold
    cold, cold_mem = run(command, work)
    warm = [run(command, work) for _ in range(runs)]
    # one brand's page changed in the docs tree, as an edit of one field changes it
    page = sorted((work / "docs" / "brands").glob("*/index.md"))[0]
    original = page.read_bytes()
    page.write_bytes(original.replace("description: \"".encode(), "description: \"改".encode(), 1))
    try:
        one, one_mem = run(command, work)
    finally:
        page.write_bytes(original)
    return {"cold_s": round(cold, 2), "warm_s": round(statistics.median(w[0] for w in warm), 2),
            "one_changed_s": round(one, 2), "peak_mib": round(max([cold_mem, one_mem] + [w[1] for w in warm])),
            "site": site}


def text_of(page: Path) -> str:
    """What a visitor reads in the page's article, whitespace folded (the permalink marks dropped)."""
    tree = lxml_html.fromstring(page.read_bytes())
    article = tree.xpath("//article") or tree.xpath("//main") or [tree]
    for mark in article[0].xpath(".//a[contains(@class,'headerlink')]"):
        mark.drop_tree()
    return re.sub(r"\s+", " ", article[0].text_content()).strip()


def compare(base: Path, other: Path) -> dict:
    pages = {p.relative_to(base).as_posix() for p in base.rglob("*.html")}
    others = {p.relative_to(other).as_posix() for p in other.rglob("*.html")}
    common = sorted(pages & others)
    differing = [p for p in common if text_of(base / p) != text_of(other / p)]
    return {"only_in_mkdocs": sorted(pages - others)[:10], "only_here": sorted(others - pages)[:10],
            "missing_count": len(pages - others), "extra_count": len(others - pages),
            "pages_with_different_text": len(differing), "examples": differing[:5], "of": len(common)}


def search_size(site: Path) -> float:
    return next((round((site / f).stat().st_size / 1e6, 2) for f in SEARCH_FILES if (site / f).is_file()), 0.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--demo", action="store_true", help="the demo site instead of a synthetic one")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--engines", default=",".join(ENGINES))
    args = ap.parse_args()
    root = REPO if args.demo else synth.generate(args.size)
    work = (REPO if args.demo else root) / ".brandsite" / "engines-tree"
    config = docs_tree(root, work)
    report = {}
    for name in args.engines.split(","):
        report[name] = build_with(name, work, config, args.runs)
        print(name, {k: v for k, v in report[name].items() if k != "site"}, flush=True)
    base = report.get("mkdocs", {}).get("site")
    for name, row in report.items():
        row["search_mb"] = search_size(row["site"])
        row["html_pages"] = sum(1 for _ in row["site"].rglob("*.html"))
        if base and name != "mkdocs":
            row["vs_mkdocs"] = compare(base, row["site"])
        row["site"] = str(row["site"])
    print(json.dumps({"brands": "demo" if args.demo else args.size, **report}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
