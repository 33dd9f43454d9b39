"""brandsite cms: the web form's configuration (Decap CMS), made from the brand contract."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.atomic import write_file
from generator.commands import fail, why
from generator.pipeline import settings_or_report

DEFAULT_OUTPUT = Path("admin") / "config.yml"


def run(root: Path, to_stdout: bool = False, output: Path | None = None) -> int:
    from generator.edit.form import site_config_text

    settings = settings_or_report(root)
    if settings is None:
        return 1
    text = site_config_text(*settings)
    if to_stdout:
        sys.stdout.write(text)
        return 0
    target = output if output is not None else root / DEFAULT_OUTPUT
    try:
        write_file(target, text.encode("utf-8"))
    except OSError as exc:
        return fail(f"网页表单配置没有写出（{why(exc)}）")
    print(f"已写出网页表单配置：{target}（Decap CMS；表单文件随网站发布时见 mkdocs.yml 的 cms: publish:）")
    return 0
