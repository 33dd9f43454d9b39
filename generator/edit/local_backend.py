"""Decap CMS's local backend protocol (the one decap-server speaks), over the working copy.

`brandsite serve --edit` answers the form's POST /api/v1 with this, so an editor without a Git
server edits the files on this machine and sees the preview follow. Only the collections' folders
(the brands and the news posts) can be written; brand.yml is written through merge.py, so what the form did not
change stays as the editor wrote it. Every file is written whole or not at all (atomic.write_file):
a save cut short leaves the previous file.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from pathlib import Path, PurePosixPath
from typing import Callable

from generator import slugs
from generator.atomic import write_file
from generator.edit.merge import Known, merge
from generator.load.contract import URL_NAME as SLUG

MEDIA = {".png", ".jpg", ".jpeg", ".webp", ".svg", ".gif"}
# the protocol's actions answered here (the editorial workflow's are not: the form publishes directly)
ACTIONS = frozenset({"info", "entriesByFolder", "entriesByFiles", "getEntry", "getMedia", "getMediaFile",
                     "getDeployPreview", "persistEntry", "persistMedia", "deleteFile", "deleteFiles",
                     "proposeSlug"})  # the last is brandsite's own: 网址名 from the name's pinyin, as the editor types
# collection folders in which every entry has a folder of its own (brands/<slug>/brand.yml, logo, photos/)
OWN_FOLDERS = ("brands",)


class Refused(Exception):
    """A request the form should show as failed, with a reason in Chinese (and the problems one a line)."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


# The checker's errors for a brand folder, one line each (none: the brand may be saved).
Validate = Callable[[Path], list[str]]


class LocalBackend:
    def __init__(self, root: Path, known: dict[str, Known], validate: Validate | None = None):
        self.root = root.resolve()
        self.known = known  # each collection's folder -> the fields its form knows; the only folders written
        self.validate = validate
        self._lock = threading.Lock()  # two saves at once (two tabs) must not undo each other's files

    def handle(self, body: dict) -> dict | list | None:
        action, params = body.get("action"), body.get("params") or {}
        if action not in ACTIONS:
            raise Refused(f"本地编辑不支持“{action}”操作")
        with self._lock:
            return getattr(self, f"_{action}")(params)

    # --- reading
    def _info(self, params):
        return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def _entriesByFolder(self, params):
        folder = self._path(params.get("folder", ""))
        extension, depth = str(params.get("extension", "")), int(params.get("depth", 1))
        files = sorted(self._walk(folder, extension, depth))
        return [self._entry(f) for f in files]

    def _entriesByFiles(self, params):
        return [self._entry(self._path(f["path"]), f.get("label")) for f in params.get("files", [])]

    def _getEntry(self, params):
        return self._entry(self._path(params["path"]))

    def _getMedia(self, params):
        folder = self._path(params.get("mediaFolder", ""))
        return [self._media(f) for f in sorted(self._walk(folder, "", 1)) if f.suffix.lower() in MEDIA]

    def _getMediaFile(self, params):
        return self._media(self._path(params["path"]))

    def _getDeployPreview(self, params):
        return None  # the editorial workflow's; a saved entry's 查看页面 link comes from config.yml's site_url

    def _proposeSlug(self, params):
        """A folder name for a new brand called ``name``: its pinyin, numbered past the folders there are."""
        name = str(params.get("name") or "").strip()
        if not name:
            return {"slug": ""}
        base = slugs.from_chinese(name[:100], fallback="pinpai")
        folder = self.root / OWN_FOLDERS[0]
        taken = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
        slug, n = base, 2
        while slug in taken or slug.isdigit():
            slug, n = f"{base}-{n}", n + 1
        return {"slug": slug}

    # --- writing: every change is kept only when the brands it touches then pass the checker; one the
    # checker refuses puts every file back as it was and tells the editor why
    def _persistEntry(self, params):
        changes: dict[Path, bytes | None] = {}
        for asset in params.get("assets") or []:
            changes[self._path(asset["path"], write=True)] = _decode(asset)
        for data in params.get("dataFiles") or [params["entry"]]:
            target = self._path(data["path"], write=True)
            raw = data["raw"]
            if target.is_file() and target.suffix == ".yml":
                raw = merge(target.read_text("utf-8"), raw, self._known_for(target))
            changes[target] = raw.encode("utf-8")
        self._apply(changes)
        return {"message": "entry persisted"}

    def _persistMedia(self, params):
        target = self._path(params["asset"]["path"], write=True)
        self._apply({target: _decode(params["asset"])})
        return self._media(target)

    def _deleteFile(self, params):
        self._apply({self._path(params["path"], write=True): None})
        return {"message": "deleted"}

    def _deleteFiles(self, params):
        self._apply({self._path(path, write=True): None for path in params.get("paths", [])})
        return {"message": "deleted"}

    def _apply(self, changes: dict[Path, bytes | None]) -> None:
        before = {path: path.read_bytes() if path.is_file() else None for path in changes}
        keep = {self.root / folder for folder in self.known}
        for path, data in changes.items():
            _put(path, data, keep)
        errors = self._errors(changes)
        if errors:
            for path, data in before.items():
                _put(path, data, keep)
            raise Refused("没有保存，请先改正：" + "；".join(errors), errors)

    def _errors(self, changed) -> list[str]:
        """The checker's errors for each brand folder a change touched (a logo deleted, brand.yml edited)."""
        brands = self.root / "brands"
        folders = {brands / p.relative_to(brands).parts[0] for p in changed if brands in p.parents}
        folders = {f for f in folders if (f / "brand.yml").is_file()}
        return [line for folder in sorted(folders) for line in (self.validate(folder) if self.validate else [])]

    # --- helpers
    def _path(self, relative: str, write: bool = False) -> Path:
        parts = PurePosixPath(str(relative).replace("\\", "/")).parts
        if not parts or ".." in parts or PurePosixPath(relative).is_absolute():
            raise Refused(f"路径“{relative}”不在站点之内")
        path = self.root.joinpath(*parts)
        if any(part.startswith(".") for part in parts):
            raise Refused(f"路径“{relative}”不能读写")
        inside = [self.root / folder for folder in self.known] if write else [self.root]
        if write and not any(base in path.parents for base in inside):
            raise Refused(f"网页表单只能修改 {'、'.join(self.known)} 之内的文件，不能修改“{relative}”")
        if write and parts[0] in OWN_FOLDERS and parts[0] in self.known:
            # a brand's files live in its own folder: brands/<网址名>/…, never loose in brands/
            if len(parts) < 3:
                raise Refused("没有保存：请先填写“网址名”，新品牌要放在自己的文件夹 brands/网址名/ 里", [
                    "网址名：请填写，只用小写字母、数字和连字符，如 bianmin-yizhan"])
            if not SLUG.match(parts[1]):
                raise Refused(f"没有保存：网址名“{parts[1]}”只能用小写字母、数字和连字符", [
                    f"网址名：“{parts[1]}”只能用小写字母、数字和连字符，如 bianmin-yizhan"])
        if path.resolve() != path and not any(path.resolve().is_relative_to(b.resolve()) for b in inside):
            raise Refused(f"路径“{relative}”指向站点之外")
        return path

    def _walk(self, folder: Path, extension: str, depth: int):
        if depth <= 0 or not folder.is_dir():
            return
        for child in folder.iterdir():
            if child.name.startswith("."):
                continue
            if child.is_dir():
                yield from self._walk(child, extension, depth - 1)
            elif child.name.endswith(extension):
                yield child

    def _known_for(self, target: Path) -> Known:
        relative = target.relative_to(self.root).as_posix()
        return next((known for folder, known in self.known.items() if relative.startswith(folder + "/")), {})

    def _entry(self, path: Path, label=None) -> dict:
        relative = path.relative_to(self.root).as_posix()
        try:
            data = path.read_bytes()
        except OSError:
            return {"data": None, "file": {"path": relative, "label": label, "id": None}}
        return {"data": data.decode("utf-8", "replace"), "file": {"path": relative, "label": label, "id": _id(data)}}

    def _media(self, path: Path) -> dict:
        data = path.read_bytes()
        return {"id": _id(data), "content": base64.b64encode(data).decode("ascii"), "encoding": "base64",
                "path": path.relative_to(self.root).as_posix(), "name": path.name}


def _id(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _decode(asset: dict) -> bytes:
    content = asset.get("content", "")
    return base64.b64decode(content) if asset.get("encoding") == "base64" else str(content).encode("utf-8")


def _put(path: Path, data: bytes | None, keep: set[Path]) -> None:
    """``path`` holds ``data``, or is gone, and so are folders that leaves empty (a new brand's, after a
    refused save) up to the collection folders in ``keep``."""
    if data is not None:
        _write(path, data)
        return
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder not in keep and any(base in folder.parents for base in keep) and folder.is_dir() \
            and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def _write(target: Path, data: bytes) -> None:
    if target.is_file() and target.read_bytes() == data:
        return  # an unchanged save touches nothing (and starts no rebuild)
    write_file(target, data)
