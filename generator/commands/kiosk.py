"""brandsite kiosk: the open-day kiosk served on 127.0.0.1, or packed as a zip for signage players.

The kiosk is made from the same data as the site (produce/kiosk.py) into .brandsite/kiosk, so
it can be launched without building the whole site. It is also in every built site at site/kiosk/.
"""

from __future__ import annotations

import zipfile
from functools import partial
from pathlib import Path

from generator.atomic import replace_folder
from generator.check import identity
from generator.commands import fail, listen, why
from generator.pipeline import load_or_report, report_blocking
from generator.progress import on_stderr
from generator.progress import NULL, Progress
from generator.commands.files_handler import FilesHandler
from generator.produce.site import write_kiosk
from generator.incremental import paths
from generator.incremental.tree import Tree

# Chromium flags for an unattended screen: full screen without window chrome, no error or
# restore bubbles, no pinch zoom, no swipe-back navigation, nothing phoned home
CHROMIUM_FLAGS = ("--kiosk --noerrdialogs --disable-pinch --overscroll-history-navigation=0 "
                  "--disable-session-crashed-bubble --disable-features=Translate --no-first-run "
                  "--disable-background-networking --incognito")
ZIP_DATE = (2026, 1, 1, 0, 0, 0)  # fixed member times: the same kiosk packs to the same bytes


def make(root: Path, progress: Progress = NULL) -> Path | None:
    """Produce the kiosk into .brandsite/kiosk; None (after printing why) when the site files block it."""
    project = load_or_report(root, progress=progress)
    if project is None:
        return None
    if report_blocking(project, False, "展示屏未生成"):
        return None
    folder = paths.kiosk(root)
    replace_folder(folder, lambda tmp: write_kiosk(project, Tree(tmp), paths.cache(root)))
    return folder


def pack(folder: Path, target: Path, progress: Progress = NULL) -> None:
    """A zip with index.html at its root, written beside ``target`` and renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial_file = target.with_name(target.name + ".part")
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(partial_file, "w", zipfile.ZIP_DEFLATED) as z, progress.stage("打包展示屏", len(files)) as stage:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes())
            stage.advance()
    partial_file.replace(target)


def run(root: Path, port: int = 8800, zip_to: Path | None = None, quiet: bool = False) -> int:
    refused = identity.refusal_at(root, "生成开放日展示屏（每个品牌的二维码指向 site_url）")
    if refused:
        return fail(refused)
    progress = on_stderr(quiet)
    server = None
    if zip_to is None:  # the port first: a port in use is said at once, not after the kiosk is made
        server = listen(port, partial(FilesHandler, directory=str(paths.kiosk(root))), "展示屏")
        if server is None:
            return 1
    folder = make(root, progress)
    if folder is None:
        if server is not None:
            server.server_close()
        return 1
    if zip_to is not None:
        try:
            pack(folder, zip_to, progress)
        except OSError as exc:
            return fail(f"展示屏没有打包（{why(exc)}）")
        size = zip_to.stat().st_size / 1_048_576
        print(f"已打包展示屏：{zip_to.as_posix()}（{size:.1f} MB，index.html 在压缩包根目录），可导入支持 HTML 包的信息发布系统。")
        return 0
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    print(f"展示屏已启动：{url}")
    print("在展厅电脑上用 Chromium 全屏展示（可在地址后加 ?interval=8&idle=60&orientation=portrait 调整）：")
    print(f'  chromium {CHROMIUM_FLAGS} "{url}"')
    print("不联网的电脑：把网站的 site/kiosk 文件夹拷到 U 盘，直接打开其中的 index.html：")
    print(f'  chromium {CHROMIUM_FLAGS} "file:///（U 盘路径）/kiosk/index.html"')
    print("按 Ctrl+C 停止。", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
