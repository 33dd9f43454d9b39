"""brandsite links: the built site's links checked on demand. Internal links, anchors, assets, tel: and mailto:
every time (as every build does); with --external also the links to other sites, a few at a time, within a time
limit, with a cache of what opened (publish/external_links.py). The report is in Chinese."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.check import site_links
from generator.check.output import text_line
from generator.commands import fail
from generator.config import ConfigError, load_config
from generator.incremental import paths
from generator.publish import external_links


def run(root: Path, site_dir: Path | None = None, external: bool = False, workers: int = 8, timeout: float = 10,
        budget: float = 120, max_age: float = 24) -> int:
    try:
        config = load_config(root)
    except ConfigError as exc:
        print(text_line(exc.finding), file=sys.stderr)
        return 1
    site = site_dir or root / "site"
    if not (site / "index.html").is_file():
        return fail(f"还没有生成网站（{site / 'index.html'} 不存在）：请先运行 brandsite build")
    shown = site_links.rel(site, root)
    broken = site_links.check_built(site, root, shown=shown, own_url=config.site_url)
    for f in broken:
        print(text_line(f))
    print(f"站内链接、锚点和资源：{'全部可用' if not broken else f'{len(broken)} 处打不开'}。")
    if not external:
        return 1 if broken else 0
    links = site_links.external_links(site, config.site_url)
    if not links:
        print("外部链接：没有。")
        return 1 if broken else 0
    print(f"正在检查 {len(links)} 个外部链接（同时 {workers} 个，每个最多 {timeout:g} 秒，总共最多 {budget:g} 秒）……",
          flush=True)
    results, unfinished = external_links.check(list(links), paths.external_links(paths.cache(root)),
                                               workers=workers, timeout=timeout, budget=budget, max_age_hours=max_age)
    bad = [r for r in results if not r.ok]
    for r in bad:
        where = "、".join(site_links.sources(links[r.url], site, root, shown))
        print(f"打不开：{r.url}（{r.reason}）\n  出现在：{where}")
    for url in unfinished:
        where = "、".join(site_links.sources(links[url], site, root, shown))
        print(f"未检查完：{url}（超过总时限 {budget:g} 秒）\n  出现在：{where}")
    cached = sum(1 for r in results if r.cached)
    print(f"外部链接：共 {len(links)} 个，可以打开 {len(results) - len(bad)} 个"
          + (f"（其中 {cached} 个沿用 {max_age:g} 小时内的检查结果）" if cached else "")
          + f"，打不开 {len(bad)} 个" + (f"，未检查完 {len(unfinished)} 个" if unfinished else "") + "。")
    return 1 if broken or bad or unfinished else 0
