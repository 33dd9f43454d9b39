"""Deploying to S3-compatible object storage (Aliyun OSS, Tencent COS, MinIO, AWS S3), as `hugo deploy` does.

The bucket is compared with the site by size and MD5 (the ETag of an object uploaded in one piece), and only
what differs is uploaded, in an order that keeps every page a visitor can reach whole (`PHASES`): pictures and
files first, then the styles and scripts that name them, then the new pages, then the changed pages that link
to them, then the lists of pages (search index, sitemap, feeds, data), and only at the end are objects the
site no longer has deleted. Each phase finishes before the next starts. A deploy stopped at any moment
therefore leaves no reachable page pointing at a missing picture or page; for a while some pages may be new
and others old, as object storage has no switch that changes many objects at once.

Endpoint, region and credentials come from the standard AWS environment variables (AWS_ENDPOINT_URL,
AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) or the AWS configuration files, never from mkdocs.yml,
and no message repeats them."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from generator.progress import NULL, Progress
from generator.publish import precompress
from generator.publish.targets import S3


class S3Error(Exception):
    """Why a deploy to object storage could not be done, in Chinese."""


# hosts that serve buckets only as <bucket>.<endpoint> (virtual-hosted style), where boto3 would use paths
_VIRTUAL_ONLY = ("aliyuncs.com", "myqcloud.com")
_FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.")  # bundle.a5f9d56c.min.js: a new version has a new name
_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
    ".xml": "application/xml", ".svg": "image/svg+xml", ".txt": "text/plain", ".csv": "text/csv",
    ".map": "application/json", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".webp": "image/webp", ".gif": "image/gif", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
    ".ttf": "font/ttf", ".pdf": "application/pdf", ".zip": "application/zip", ".gz": "application/gzip",
    ".br": "application/octet-stream", ".webmanifest": "application/manifest+json",
}
_TEXT = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".map", ".webmanifest"}
MAX_DELETED_SHARE = 0.5  # a deploy that would delete more than this share of the objects is refused


@dataclass(frozen=True)
class Upload:
    name: str  # path inside the site
    path: Path
    md5: str
    size: int
    new: bool
    gzipped: bool

    def headers(self) -> dict[str, str]:
        suffix = os.path.splitext(self.name)[1].lower()
        kind = _TYPES.get(suffix, "application/octet-stream")
        out = {"ContentType": f"{kind}; charset=utf-8" if suffix in _TEXT else kind,
               "CacheControl": cache_control(self.name)}
        if self.gzipped:
            out["ContentEncoding"] = "gzip"
        return out

    def body(self) -> bytes:
        data = self.path.read_bytes()
        return precompress.gzip_bytes(data) if self.gzipped else data


def cache_control(name: str) -> str:
    """How long browsers and the CDN keep a file: pages briefly (an edit shows within minutes), renamed-on-change
    assets for a year, everything else an hour."""
    if name.endswith(".html") or name.endswith(".html.gz") or name.endswith(".html.br"):
        return "public, max-age=300"
    if _FINGERPRINTED.search(os.path.basename(name)):
        return "public, max-age=31536000, immutable"
    return "public, max-age=3600"


@dataclass
class Plan:
    uploads: list[Upload] = field(default_factory=list)
    deletes: list[str] = field(default_factory=list)  # keys
    unchanged: int = 0
    existing: int = 0  # objects under the prefix before the deploy

    def phases(self) -> list[tuple[str, list[Upload]]]:
        """The uploads by phase, in the order they are sent (`PHASES`), empty phases left out."""
        out = [(label, [u for u in self.uploads if phase_of(u) == i]) for i, label in enumerate(PHASES)]
        return [(label, batch) for label, batch in out if batch]


# The order files are sent in. What a phase sends names only what earlier phases sent: a style names
# pictures, a changed page links to new pages, the search index, the sitemap and the feeds list pages.
PHASES = ("上传图片和文件", "上传样式和脚本", "上传新页面", "上传改动的页面", "上传索引和数据")
_PHASE_OF_SUFFIX = {".css": 1, ".js": 1, ".mjs": 1, ".map": 1, ".json": 4, ".xml": 4, ".webmanifest": 4}


def phase_of(upload: Upload) -> int:
    """The phase of ``upload`` in `PHASES`; a compressed twin (index.html.gz, sitemap.xml.gz) goes with its
    original."""
    name = upload.name
    for twin in precompress.SUFFIXES:
        name = name.removesuffix(twin)
    suffix = os.path.splitext(name)[1].lower()
    if suffix == ".html":
        return 2 if upload.new else 3  # 上传新页面, 上传改动的页面
    return _PHASE_OF_SUFFIX.get(suffix, 0)


def client():
    """A boto3 S3 client from the standard AWS settings (environment, then ~/.aws/config and credentials)."""
    import boto3
    import botocore.session
    from botocore.config import Config

    # boto3 1.36+ adds checksums in chunked uploads by default, which OSS, COS and older MinIO reject;
    # the Content-MD5 sent with every upload already guards the bytes
    safe = Config(request_checksum_calculation="when_required", response_checksum_validation="when_required",
                  retries={"mode": "standard", "max_attempts": 5})
    core = botocore.session.get_session()
    session = boto3.session.Session(botocore_session=core)
    try:
        made = session.client("s3", config=safe)
    except ValueError:  # botocore's "Invalid endpoint: …"
        raise S3Error(f"对象存储地址 AWS_ENDPOINT_URL 写得不对（“{os.environ.get('AWS_ENDPOINT_URL', '')}”）：应为以 https:// "
                      "开头的完整地址，前后不带空格，如 https://s3.oss-cn-hangzhou.aliyuncs.com") from None
    host = urlsplit(made.meta.endpoint_url).hostname or ""
    addressing = (core.get_scoped_config().get("s3") or {}).get("addressing_style")
    if host.endswith(_VIRTUAL_ONLY) and not addressing:
        made = session.client("s3", config=safe.merge(Config(s3={"addressing_style": "virtual"})))
    return made


def plan(s3, target: S3, files: dict[str, Path], gzip_text: bool = False) -> Plan:
    """What must be uploaded and deleted for the bucket to hold exactly ``files``."""
    remote = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=target.bucket, Prefix=target.prefix):
        for item in page.get("Contents", []):
            remote[item["Key"]] = (item["Size"], item["ETag"].strip('"').lower())
    result = Plan(existing=len(remote))
    for name, path in files.items():
        gzipped = gzip_text and precompress.compressible(name)
        data = path.read_bytes()
        if gzipped:
            data = precompress.gzip_bytes(data)
        md5 = hashlib.md5(data).hexdigest()
        there = remote.get(target.prefix + name)
        if there == (len(data), md5):
            result.unchanged += 1
        else:
            result.uploads.append(Upload(name, path, md5, len(data), there is None, gzipped))
    wanted = {target.prefix + name for name in files}
    result.deletes = sorted(key for key in remote if key not in wanted)
    return result


def refuse_mass_deletion(result: Plan, target: S3) -> None:
    if result.existing and len(result.deletes) > result.existing * MAX_DELETED_SHARE:
        raise S3Error(f"这次部署会删除 {target} 下现有 {result.existing} 个对象中的 {len(result.deletes)} 个（超过一半），"
                      "已停止，什么都没有改动：请确认存储桶和前缀没有写错（可先用 --dry-run 查看）；确实要删除时加上 --allow-deletes")


def apply(s3, target: S3, result: Plan, progress: Progress = NULL) -> None:
    """Upload phase by phase (`PHASES`), then delete what is gone; each phase finishes before the next starts."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        for label, batch in result.phases():
            with progress.stage(label, len(batch)) as stage:
                def send(upload: Upload) -> None:
                    body = upload.body()
                    digest = base64.b64encode(hashlib.md5(body).digest()).decode()
                    s3.put_object(Bucket=target.bucket, Key=target.prefix + upload.name, Body=body, ContentMD5=digest,
                                  **upload.headers())
                    stage.advance()
                list(pool.map(send, batch))  # list(): the first failure is raised here
    with progress.stage("删除旧文件", len(result.deletes)) as stage:
        for start in range(0, len(result.deletes), 1000):  # DeleteObjects takes at most 1,000 keys
            chunk = result.deletes[start:start + 1000]
            done = s3.delete_objects(Bucket=target.bucket,
                                     Delete={"Objects": [{"Key": k} for k in chunk], "Quiet": True})
            if done.get("Errors"):
                first = done["Errors"][0]
                raise S3Error(f"删除 {first.get('Key')} 失败（{first.get('Code')}）")
            stage.advance(len(chunk))


def explain(exc: Exception, target: S3) -> str:
    """An error of boto3 or botocore as a Chinese sentence, with no credential in it."""
    from botocore import exceptions as e

    if isinstance(exc, (e.NoCredentialsError, e.PartialCredentialsError)):
        return ("没有找到对象存储的访问密钥：请在环境变量 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY 里设置"
                "（或写在 ~/.aws/credentials），不要写进 mkdocs.yml 或提交到仓库")
    if isinstance(exc, e.EndpointConnectionError):
        return f"无法连接对象存储服务（{_scrub(str(getattr(exc, 'kwargs', {}).get('endpoint_url', '')))}）：请检查 AWS_ENDPOINT_URL 和网络"
    if isinstance(exc, e.ProfileNotFound):
        return (f"找不到 AWS_PROFILE 指定的配置“{exc.kwargs.get('profile', '')}”：请检查 ~/.aws/config 和 ~/.aws/credentials "
                "里的 [profile 名称]，或不设 AWS_PROFILE")
    if isinstance(exc, e.NoRegionError):
        return "没有设置对象存储的地域：请设置环境变量 AWS_REGION（如 cn-hangzhou、ap-guangzhou）"
    if isinstance(exc, e.ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        known = {
            "NoSuchBucket": f"存储桶 {target.bucket} 不存在：请先在控制台创建，或检查名称（腾讯云 COS 的存储桶名带 APPID，如 brands-1250000000）",
            "AccessDenied": f"没有访问存储桶 {target.bucket} 的权限：请给这个访问密钥授予读、写、列出和删除对象的权限",
            "InvalidAccessKeyId": "访问密钥 ID 无效：请检查 AWS_ACCESS_KEY_ID",
            "SignatureDoesNotMatch": "签名不匹配：请检查 AWS_SECRET_ACCESS_KEY 和 AWS_REGION",
            "SecondLevelDomainForbidden": "这个服务只接受虚拟主机方式访问：请在 ~/.aws/config 的 s3 设置里写 addressing_style = virtual",
        }
        return known.get(code) or f"对象存储拒绝了请求（{code or '未知错误'}：{_scrub(exc.response.get('Error', {}).get('Message', ''))}）"
    if isinstance(exc, e.BotoCoreError):
        return f"对象存储出错（{_scrub(str(exc))}）"
    return _scrub(str(exc))


def _scrub(text: str) -> str:
    """``text`` with the credentials in the environment blotted out, should a service ever echo them."""
    for name in ("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID"):
        secret = os.environ.get(name)
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text
