"""brandsite build: load -> check -> produce -> engine, into a temporary folder swapped in at the end.

A failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import TextIO

from generator.atomic import swap
from generator.commands import load_or_report, report_blocking
from generator.engine import mkdocs as engine
from generator.pipeline import Project
from generator.produce.site import write_docs


def run(root: Path, strict: bool = False, site_dir: Path = Path("site"), work_name: str = "build") -> int:
    return 0 if make(root, strict, site_dir, work_name) is not None else 1


def make(root: Path, strict: bool = False, site_dir: Path = Path("site"), work_name: str = "build",
         session: engine.Session | None = None, done: str = "已生成网站", err: TextIO | None = None) -> Project | None:
    """Build the site; the loaded project on success, None after printing why not.

    ``work_name`` names the folder under .brandsite/ for the generated docs tree, so a preview
    (serve) and a build can run side by side; the caches under .brandsite/cache are shared.
    ``session`` keeps the engine's state for `serve` to render single pages again; ``done`` opens
    the closing line ("预览已更新" for `serve`, which does not name its staging folder); problems are
    printed to ``err`` (stderr by default: `serve` collects them per build, from a thread)."""
    err = err or sys.stderr
    started = time.perf_counter()
    project = load_or_report(root, err)
    if project is None:
        return None
    if report_blocking(project, strict, "网站未生成（原有网站保持不变）", err):
        return None
    site = site_dir if site_dir.is_absolute() else (Path.cwd() / site_dir)
    cache = root.resolve() / ".brandsite" / "cache"
    work = root.resolve() / ".brandsite" / work_name
    work.mkdir(parents=True, exist_ok=True)
    building = site.parent / f".{site.name}.building"
    if building.exists():
        shutil.rmtree(building)
    try:
        cards = write_docs(project, work, cache)
        config = engine.write_config(work, project.config.config_file.resolve(), work / "docs", building, project.config.raw,
                                     project.config.news_dir)
        newest = max([c.updated for c in cards] + [p.date for p in project.published_news], default=None)
        warnings = engine.build(config, strict=strict, jieba_user=work / "jieba_user.txt", content_date=newest, cache=cache,
                                session=session)
    except (engine.EngineError, OSError) as exc:
        shutil.rmtree(building, ignore_errors=True)
        reason = exc if isinstance(exc, engine.EngineError) else f"写入文件失败（{exc.strerror or exc}：{exc.filename or ''}）"
        print(f"错误：{reason}，原有网站保持不变。", file=err)
        return None
    swap(building, site)
    for message in warnings:
        print(f"引擎警告：{message}", file=err)
    drafts = sum(1 for b in project.brands if b.is_draft)
    note = f"（草稿 {drafts} 个未发布）" if drafts else ""
    where = f"，输出到 {site_dir.as_posix().rstrip('/')}/" if done == "已生成网站" else ""
    print(f"{done}：{len(cards)} 个品牌{note}，用时 {time.perf_counter() - started:.1f} 秒{where}", flush=True)
    return project

