"""brandsite deploy DIR: build the site (or the portal column) and switch it onto a web server's directory
in one step, keeping the previous version for --rollback."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.check import identity
from generator.commands import build, fail, why
from generator.pipeline import load_or_report
from generator.progress import on_stderr
from generator.commands.export import export_portal
from generator.produce import catalog
from generator.publish import deploy



def run(root: Path, target: Path, rollback: bool = False, portal: bool = False, build_first: bool = True,
        quiet: bool = False) -> int:
    site = (root / "site").resolve()
    live = deploy.Places.of(target).live
    if live == site or site.is_relative_to(live) or live == root.resolve():
        return fail(f"部署目录 {target} 不能是站点仓库或它的 site/ 目录：请指定网站服务器的目录，如 /var/www/brands")
    try:
        if rollback:
            note = deploy.rollback(live)
            _say(note)
            print(f"已回退：{target} 现在是上一版本；再运行一次 brandsite deploy {target} --rollback 可回到刚才的版本")
            return 0
        refused = identity.refusal_at(root, "部署")
        if refused:
            print(f"错误：{refused}", file=sys.stderr)
            print(f"未部署，{target} 保持原样。", file=sys.stderr)
            return 1
        fill = _portal_fill(root) if portal else _site_fill(root, site, build_first, quiet)
        if fill is None:
            print(f"未部署，{target} 保持原样。", file=sys.stderr)
            return 1
        note, had_previous = deploy.deploy(live, fill)
    except deploy.DeployError as exc:
        return fail(f"{exc}。{target} 保持原样")
    except OSError as exc:
        return fail(f"部署失败（{why(exc)}），{target} 保持原样")
    _say(note)
    what = "门户网站栏目稿件" if portal else "网站"
    kept = f"；上一版本已保留，brandsite deploy {target} --rollback 可回退" if had_previous else ""
    print(f"已部署{what}到 {target}（整体切换）{kept}")
    return 0


def _say(note: str | None) -> None:
    if note:
        print(f"注意：{note}。", file=sys.stderr)


def _site_fill(root: Path, site: Path, build_first: bool, quiet: bool):
    if build_first and build.run(root, site_dir=site, quiet=quiet) != 0:
        return None
    if not (site / "index.html").is_file():
        print("错误：还没有生成网站（site/index.html 不存在）：请先运行 brandsite build，或去掉 --no-build",
              file=sys.stderr)
        return None
    return deploy.copy_site(site, on_stderr(quiet))


def _portal_fill(root: Path):
    project = load_or_report(root)
    if project is None:
        return None
    articles = catalog.articles(project)
    return lambda folder: export_portal(project, articles, folder)
