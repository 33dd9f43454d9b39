"""Deploying a site folder onto a web server's directory so that visitors see the old site or the new
one, never a mix and never nothing.

Beside the live directory DIR live two siblings: ``.DIR.incoming`` (the new version being written) and
``.DIR.previous`` (the version before, for --rollback). The new version is written and flushed to disk
beside the live one, then exchanged with it in one rename(2) (Linux's RENAME_EXCHANGE, on the same
filesystem): the web server's path stays a real directory and switches all at once. A small journal,
``.DIR.deploy``, is written before the exchange and removed after the old version has been filed as
``previous``, so a deploy killed at any moment is finished or undone by the next one.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator import atomic
from generator.atomic import write_file
from generator.progress import NULL, Progress

class DeployError(Exception):
    pass


@dataclass(frozen=True)
class Places:
    live: Path
    incoming: Path
    previous: Path
    journal: Path
    lock: Path

    @classmethod
    def of(cls, live: Path) -> "Places":
        live = Path(os.path.abspath(live))
        sibling = lambda suffix: live.parent / f".{live.name}.{suffix}"  # noqa: E731
        return cls(live, sibling("incoming"), sibling("previous"), sibling("deploy"), sibling("lock"))


def exchange(a: Path, b: Path) -> None:
    try:
        atomic.exchange(a, b)
    except atomic.ExchangeUnsupported:
        raise DeployError(f"{b.parent} 所在的文件系统不支持原子切换目录：请部署到本机的 ext4、xfs、btrfs 或 tmpfs 目录"
                          "（需要 Linux 3.15 以上）") from None


def locked(places: Places):
    def refuse() -> None:
        raise DeployError(f"另一个部署正在向 {places.live} 进行：请等它结束再运行")

    return atomic.exclusive(places.lock, refuse)


def recover(places: Places) -> str | None:
    """Finish or undo what a killed deploy left; a sentence saying what was done, or None."""
    said = None
    if places.journal.exists():
        try:
            switched = json.loads(places.journal.read_text("utf-8"))["inode"] == places.live.stat().st_ino
        except (OSError, ValueError, KeyError, TypeError):
            switched = False
        if switched and places.incoming.exists():
            # the exchange happened: incoming holds the version that was live before it
            if places.previous.exists():
                shutil.rmtree(places.previous)
            places.incoming.rename(places.previous)
            said = "上次部署在切换后被中断，已补完：线上是新版本，上一版本已保留"
        places.journal.unlink()
    if places.incoming.exists():
        shutil.rmtree(places.incoming)
        said = said or "上次部署在切换前被中断，线上网站未受影响；已清理未完成的新版本"
    return said


def deploy(live: Path, fill: Callable[[Path], None]) -> tuple[str | None, bool]:
    """Write a new version with ``fill(folder)`` and switch it in; (recovery note, whether there was a
    previous version). A failure inside ``fill`` leaves the live directory as it was."""
    places = Places.of(live)
    with locked(places):
        note = recover(places)
        places.incoming.mkdir()
        try:
            fill(places.incoming)
            if not any(places.incoming.iterdir()):
                raise DeployError("新版本是空的，未部署")
            os.sync()  # every file on disk before it goes live, so a power cut cannot expose empty files
        except BaseException:
            shutil.rmtree(places.incoming, ignore_errors=True)
            raise
        had_live = places.live.exists()
        if not had_live:
            places.incoming.rename(places.live)
            return note, False
        write_file(places.journal, json.dumps({"inode": places.incoming.stat().st_ino}).encode())
        exchange(places.incoming, places.live)
        recover(places)
        return note, True


def rollback(live: Path) -> str | None:
    """Exchange the live version with the previous one (a second rollback goes forward again)."""
    places = Places.of(live)
    with locked(places):
        note = recover(places)
        if not places.previous.is_dir():
            raise DeployError(f"{places.live} 没有可回退的上一版本")
        if not places.live.exists():
            places.previous.rename(places.live)
        else:
            exchange(places.previous, places.live)
        return note


def copy_site(source: Path, progress: Progress = NULL) -> Callable[[Path], None]:
    """A ``fill`` that copies an already built folder."""
    def fill(target: Path) -> None:
        total = sum(len(files) for _, _, files in os.walk(source))
        with progress.stage("复制网站文件", total) as stage:
            def copy(src, dst):
                shutil.copy2(src, dst)
                stage.advance()
            shutil.copytree(source, target, dirs_exist_ok=True, symlinks=False, copy_function=copy)
    return fill
