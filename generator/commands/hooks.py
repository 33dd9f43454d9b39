"""brandsite hooks install: a plain Git pre-commit hook, where the pre-commit framework is not used."""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.atomic import write_file
from generator.commands import fail, why

MARK = "brandsite hooks install"  # in every hook this command wrote: only those are replaced


def install(root: Path) -> int:
    from generator.edit.ci import hook_script

    try:
        top = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                                  text=True, check=True).stdout.strip())
        hooks = Path(subprocess.run(["git", "rev-parse", "--git-path", "hooks"], cwd=root, capture_output=True,
                                    text=True, check=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        return fail(f"{root} 不在 Git 仓库里（先运行 git init，或在仓库里运行本命令）")
    hook = (hooks if hooks.is_absolute() else root / hooks) / "pre-commit"
    if hook.is_file() and MARK not in hook.read_text("utf-8", "replace"):
        return fail(f"{hook} 已经有别的提交钩子，没有改动它；可改用 pre-commit 框架（见 README），"
                    "或把 brandsite check 加进现有钩子")
    try:
        write_file(hook, hook_script(root.resolve().relative_to(top.resolve()).as_posix()).encode("utf-8"), mode=0o755)
    except OSError as exc:
        return fail(f"提交钩子没有写入（{why(exc)}）")
    print(f"已安装提交钩子：{hook}（每次提交前检查提交里的品牌文件；git commit --no-verify 可跳过）")
    return 0
