"""Where `brandsite deploy` puts a site: a folder on this machine, a server over SSH (ssh://), or S3-compatible
object storage (s3://); and the files a deploy sends (the built site, with precompressed copies if asked).

A target is just its parsed address; each kind has its own module (deploy.py, deploy_ssh.py,
deploy_s3.py) because what "switch in one step" means differs: a rename, a symlink, nothing."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit


class TargetError(Exception):
    """A target address that cannot be used, said in Chinese."""


@dataclass(frozen=True)
class Local:
    path: Path


@dataclass(frozen=True)
class Ssh:
    user: str | None
    host: str
    port: int | None
    path: str  # absolute, on the server

    @property
    def destination(self) -> str:
        """``user@host`` as ssh takes it (the port goes in -p, so ~/.ssh/config's Host entries still match)."""
        return f"{self.user}@{self.host}" if self.user else self.host

    def __str__(self) -> str:
        port = f":{self.port}" if self.port else ""
        return f"ssh://{self.destination}{port}{self.path}"


@dataclass(frozen=True)
class S3:
    bucket: str
    prefix: str  # "" or "a/b/" (always ending in "/")

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
# "ssh:/srv", "s3:bucket", scp's "user@host:/srv": addresses missing their "//", never meant as folder names
_LOOKS_REMOTE = re.compile(r"^(?:(?:ssh|s3|sftp|scp|rsync|ftps?|https?|oss|cos|file):|[^/]*@[^/]*:)", re.IGNORECASE)
_BUCKET = re.compile(r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")


def parse(text: str) -> Local | Ssh | S3:
    """The target named on the command line. A ``scheme://`` other than ssh and s3 is refused rather than
    taken for a folder name (``ssh:`` and ``s3:`` once became local folders)."""
    scheme = _SCHEME.match(text)
    if not scheme:
        if _LOOKS_REMOTE.match(text):
            raise TargetError(f"无法识别部署地址“{text}”：服务器写 ssh://用户@服务器/目录，对象存储写 s3://存储桶/前缀，"
                              "本机目录写路径，如 /var/www/brands")
        return Local(Path(text))
    kind = scheme.group(1).lower()
    if kind == "ssh":
        return _ssh(text)
    if kind == "s3":
        return _s3(text)
    raise TargetError(f"不支持的部署地址“{text}”（{kind}://）：可以部署到本机目录（如 /var/www/brands）、"
                      "服务器（ssh://用户@服务器/目录）或对象存储（s3://存储桶/前缀），或用 --package 打包")


def _ssh(text: str) -> Ssh:
    example = "如 ssh://deploy@web1.example.gov.cn/var/www/brands 或 ssh://deploy@10.0.0.5:2222/var/www/brands"
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise TargetError(f"服务器地址“{text}”的端口无效：端口是 1—65535 之间的整数，{example}") from None
    if not parts.hostname:
        raise TargetError(f"服务器地址“{text}”缺少服务器名，{example}")
    if parts.password is not None:
        raise TargetError("服务器地址里不能写密码：brandsite 只用 SSH 密钥登录（ssh-keygen 生成，ssh-copy-id 装到服务器），"
                          "密码不会被保存或询问")
    if parts.query or parts.fragment:
        raise TargetError(f"服务器地址“{text}”里不能有 ? 或 #，{example}")
    path = unquote(parts.path)
    if path in ("", "/") or not path.startswith("/"):
        raise TargetError(f"服务器地址“{text}”缺少服务器上的目录，{example}")
    clean = PurePosixPath(path)
    if ".." in clean.parts:
        raise TargetError(f"服务器上的目录“{path}”不能含有 ..，请写完整的目录")
    if any(c in path for c in "\n\r\0"):
        raise TargetError("服务器上的目录名含有换行或空字符，无法使用")
    host = parts.hostname
    if host.startswith("-") or (parts.username or "").startswith("-"):
        raise TargetError(f"服务器地址“{text}”无效：服务器名和用户名不能以 - 开头")
    return Ssh(unquote(parts.username) if parts.username else None, host, port, str(clean))


def _s3(text: str) -> S3:
    rest = text[len("s3://"):]
    bucket, _, prefix = rest.partition("/")
    if not _BUCKET.match(bucket) or ".." in bucket:
        raise TargetError(f"存储桶名“{bucket}”无效：存储桶名由 3—63 个小写字母、数字、点和连字符组成，"
                          "如 s3://brands-site/ 或 s3://brands-site/ztzl/fwpp/")
    prefix = prefix.strip("/")
    if any(part in (".", "..") for part in prefix.split("/")) or "//" in prefix:
        raise TargetError(f"对象前缀“{prefix}”无效：不能含有 . 或 .. 或空的一段")
    return S3(bucket, f"{prefix}/" if prefix else "")


def site_files(*folders: Path) -> dict[str, Path]:
    """Every file a deploy sends, by its POSIX path inside the site: the files of ``folders`` (the built site,
    then the precompressed copies), a later folder's file over an earlier one's."""
    files: dict[str, Path] = {}
    for folder in folders:
        for dirpath, _, names in os.walk(folder):
            for name in names:
                path = Path(dirpath) / name
                files[path.relative_to(folder).as_posix()] = path
    return dict(sorted(files.items()))
