"""A package of the site for a provincial site platform, which publishes a zip or tar.gz of static files under a
sub-path of its own (``/ztzl/fwpp/``).

Every link MkDocs writes in a page is relative (use_directory_urls), so the pages work under any sub-path as
they are. Two things are written with the site's address instead: the absolute URLs of sitemaps, canonical
links, feeds and open data (from mkdocs.yml's site_url), and MkDocs' 404 page, whose links start at the site's
root because it is shown at any depth. With ``base_url`` both are rewritten for the address the platform
publishes at; without it the 404 page is left out (a root-absolute link would point outside the sub-path).

``SHA256SUMS`` in the package lists every file with its SHA-256 digest, in the format of ``sha256sum -c``."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

MANIFEST = "SHA256SUMS"
NOT_FOUND = "404.html"
_REWRITTEN = {".html", ".xml", ".json", ".js", ".txt", ".csv"}  # where site_url may be written out
# a path from the server's root as an attribute (href="/x") or a value in a page's JSON ("search": "/x")
_ROOT_ABSOLUTE = re.compile(r"""(?:\b[a-z-]+=|":\s?)["'](/(?!/)[^"']*)""")
_STORED = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".gz", ".br", ".zip", ".woff2", ".woff"}  # compressed already


class PackageError(Exception):
    """Why a package could not be written, in Chinese."""


@dataclass(frozen=True)
class Written:
    files: int
    size: int
    dropped_404: bool


def kind_of(archive: Path) -> str:
    name = archive.name.lower()
    if name.endswith(".zip"):
        return "zip"
    if name.endswith((".tar.gz", ".tgz")):
        return "tar.gz"
    raise PackageError(f"包的文件名应以 .zip 或 .tar.gz 结尾，这里是“{archive.name}”")


def check_base_url(base_url: str) -> str:
    """The address the platform publishes at, ending in "/"; or a PackageError."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise PackageError(f"--base-url 应为完整的网址，如 https://www.example.gov.cn/ztzl/fwpp/，这里是“{base_url}”")
    return base_url if base_url.endswith("/") else base_url + "/"


def rebase(files: dict[str, Path], site_url: str, base_url: str, into: Path) -> int:
    """Write under ``into`` the files of ``files`` that name the site's address, with ``base_url`` instead (and
    the 404 page's root-absolute links under its path); how many were rewritten."""
    old_url = site_url if site_url.endswith("/") else site_url + "/"
    old_path, new_path = urlsplit(old_url).path or "/", urlsplit(base_url).path or "/"
    rewritten = 0
    for name, path in files.items():
        if os.path.splitext(name)[1] not in _REWRITTEN:
            continue
        text = path.read_text("utf-8", errors="surrogateescape")
        new = text.replace(old_url, base_url) if site_url else text
        if name == NOT_FOUND:  # links, styles, scripts and Material's settings ("base", "search")
            new = re.sub(r"""(["'])""" + re.escape(old_path) + "(?!/)", lambda m: m.group(1) + new_path, new)
        if new != text:
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(new, "utf-8", errors="surrogateescape")
            if name == "sitemap.xml":  # its compressed twin must say the same
                (into / "sitemap.xml.gz").write_bytes(gzip.compress(new.encode("utf-8"), mtime=0))
            rewritten += 1
    return rewritten


def root_absolute_links(files: dict[str, Path], base_path: str | None = None) -> list[str]:
    """The pages that link from the server's root to outside ``base_path`` (the package's own path on the
    platform, when known): such a link would leave the sub-path."""
    def leaves(text: str) -> bool:
        return any(base_path is None or not link.startswith(base_path) for link in _ROOT_ABSOLUTE.findall(text))

    return [name for name, path in files.items()
            if name.endswith(".html") and leaves(path.read_text("utf-8", errors="replace"))]


def write(files: dict[str, Path], archive: Path, base_url: str | None) -> Written:
    """Write ``files`` and their manifest to ``archive`` (replaced whole: a half-written package never stands
    under its name)."""
    kind = kind_of(archive)
    dropped = False
    if not base_url:
        dropped = any(name.startswith(NOT_FOUND) for name in files)
        files = {name: path for name, path in files.items() if not name.startswith(NOT_FOUND)}
    bad = root_absolute_links(files, urlsplit(base_url).path if base_url else None)
    if bad:
        raise PackageError(f"{bad[0]} 等 {len(bad)} 个页面有从网站根目录开始的链接（href=\"/…\"），放到子路径下会失效："
                           "请用 --base-url 写明发布地址")
    manifest = "".join(f"{_sha256(path)}  {name}\n" for name, path in files.items()).encode()
    archive.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{archive.name}.", dir=archive.parent)
    os.close(handle)
    try:
        if kind == "zip":
            _zip(files, manifest, Path(temporary))
        else:
            _tar(files, manifest, Path(temporary))
        os.chmod(temporary, 0o644)
        os.replace(temporary, archive)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Written(len(files), archive.stat().st_size, dropped)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _zip(files: dict[str, Path], manifest: bytes, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, path in files.items():
            stored = os.path.splitext(name)[1].lower() in _STORED
            z.write(path, name, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
        z.writestr(MANIFEST, manifest)


def _tar(files: dict[str, Path], manifest: bytes, target: Path) -> None:
    with tarfile.open(target, "w:gz", format=tarfile.PAX_FORMAT) as t:  # PAX: UTF-8 names of any length
        for name, path in files.items():
            info = t.gettarinfo(str(path), name)
            info.type, info.linkname = tarfile.REGTYPE, ""  # a file the site holds twice is stored twice
            info.size = path.stat().st_size
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.mode = 0o644
            with open(path, "rb") as f:
                t.addfile(info, f)
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode = len(manifest), 0o644
        t.addfile(info, io.BytesIO(manifest))
