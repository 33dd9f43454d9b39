"""brandsite cms: the web form's configuration (Decap CMS), made from the brand contract."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.commands import fail, why

DEFAULT_OUTPUT = Path("admin") / "config.yml"


def run(root: Path, to_stdout: bool = False, output: Path | None = None) -> int:
    from generator.check.criteria import CriteriaError, load
    from generator.check.output import text_line
    from generator.config import ConfigError, load_config
    from generator.load.cms import site_config_text

    try:
        site = load_config(root)
        text = site_config_text(site, load(site.criteria))
    except ConfigError as exc:
        print(text_line(exc.finding), file=sys.stderr)
        return 1
    except CriteriaError as exc:
        for finding in exc.findings:
            print(text_line(finding), file=sys.stderr)
        return 1
    if to_stdout:
        sys.stdout.write(text)
        return 0
    target = output if output is not None else root / DEFAULT_OUTPUT
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.writing")
        temporary.write_text(text, "utf-8")
        temporary.replace(target)
    except OSError as exc:
        return fail(f"网页表单配置没有写出（{why(exc)}）")
    print(f"已写出网页表单配置：{target}（Decap CMS；表单文件随网站发布时见 mkdocs.yml 的 cms: publish:）")
    return 0
