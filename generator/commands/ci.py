"""brandsite ci gitlab|github|gitea: the pipeline file for the brand repository's CI."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.atomic import write_file
from generator.commands import fail, why


def run(root: Path, platform: str, to_stdout: bool = False) -> int:
    from generator.edit.ci import TARGETS, pipeline

    text = pipeline(platform)
    if to_stdout:
        sys.stdout.write(text)
        return 0
    target = root / TARGETS[platform]
    if target.is_file() and "brandsite ci" not in target.read_text("utf-8", "replace"):  # not one this command wrote
        return fail(f"{TARGETS[platform]} 已经存在，没有覆盖；可用 --print 查看要加入的内容")
    try:
        write_file(target, text.encode("utf-8"))
    except OSError as exc:
        return fail(f"流水线文件没有写入（{why(exc)}）")
    print(f"已写出 {TARGETS[platform]}：检查品牌资料（结果显示在{_WHERE[platform]}），生成网站并保留缓存，网站作为制品保存")
    return 0


_WHERE = {"gitlab": "合并请求的代码质量报告里", "github": "提交和拉取请求的注释里", "gitea": "Gitea Actions 的运行日志里"}
