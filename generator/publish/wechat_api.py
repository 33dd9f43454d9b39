"""The WeChat Official Account API, as documented, for the calls a draft needs.

POST /cgi-bin/stable_token                       {grant_type, appid, secret, force_refresh} -> {access_token, expires_in}
POST /cgi-bin/media/uploadimg?access_token=      multipart "media" (jpg/png < 1 MB)        -> {url}
POST /cgi-bin/material/add_material?type=image   multipart "media"                         -> {media_id, url}
POST /cgi-bin/draft/add                          {articles: [...]}                          -> {media_id}
POST /cgi-bin/draft/update                       {media_id, index, articles: {...}}         -> {errcode: 0}
POST /cgi-bin/draft/batchget                     {offset, count, no_content}                -> {item: [...]}

Errors come back as HTTP 200 with {errcode, errmsg}. The credentials and the token never appear in
anything this module raises or returns: messages are written here, in Chinese, from the error code.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import requests
import urllib3

from generator.atomic import read_json, write_file

DEFAULT_BASE = "https://api.weixin.qq.com"
TOKEN_MARGIN = 300  # seconds: a cached token is renewed this long before the API says it expires
RETRY_DELAYS = (0.5, 1.5, 4.0)  # backoff for busy answers and broken connections
TOKEN_CODES = {40001, 40014, 42001}  # invalid, malformed, expired access token
BUSY_CODES = {-1, 45011}  # system busy, minute quota
TIMEOUT = (10, 60)  # connect, read


class ApiError(Exception):
    """A failure an editor can act on; ``code`` is the API's errcode (None for network failures)."""

    def __init__(self, message: str, code: int | None = None, sent: bool = True):
        super().__init__(message)
        self.code = code
        self.sent = sent  # False when the request certainly did not reach the API


# what an editor is told for each errcode (the API's errmsg is English and terse)
MESSAGES = {
    45009: "今天的接口调用次数已用完（45009）：请明天再试，或在公众平台的 接口权限 页面清零调用次数",
    40013: "AppID 无效（40013）：请核对环境变量 BRANDSITE_WECHAT_APPID",
    40125: "AppSecret 无效（40125）：请核对环境变量 BRANDSITE_WECHAT_SECRET（公众平台 → 基本配置 → 开发者密码）",
    40005: "图片格式不被接受（40005）：公众号正文图片只能是 JPG 或 PNG",
    40113: "图片格式不被接受（40113）：公众号正文图片只能是 JPG 或 PNG",
    40009: "图片太大（40009）：正文图片须小于 1 MB",
    45001: "图片太大（45001）：正文图片须小于 1 MB",
    40007: "素材或草稿不存在（40007）：可能已在公众平台删除",
    45002: "正文太长（45002）：须少于 2 万字符、小于 1 MB",
    45003: "标题太长（45003）：不超过 32 个字",
    45004: "摘要太长（45004）：不超过 128 个字",
    45110: "作者名太长（45110）：不超过 16 个字",
    48001: "公众号没有草稿箱接口的权限（48001）：需为已认证的服务号或订阅号",
}


def explain(code: int, errmsg: str, call: str) -> str:
    """The Chinese message for an errcode, naming what to do about it."""
    if code == 40164:
        ip = re.search(r"invalid ip ([0-9a-fA-F.:]+)", errmsg or "")
        where = f" {ip.group(1)}" if ip else ""
        return (f"本机 IP{where} 不在公众号的 IP 白名单中（40164）：请在 微信公众平台 → 设置与开发 → 基本配置 → "
                f"IP白名单 中加入{where or '本机的公网 IP'}，再运行一次")
    if code == 40001 and call == "stable_token":  # a wrong secret, as the token endpoint reports it
        code = 40125
    if code in BUSY_CODES:
        return f"微信接口繁忙（{code}），重试后仍未成功：请稍后再运行一次"
    return MESSAGES.get(code) or f"微信接口返回错误 {code}：{errmsg}"


@dataclass(frozen=True)
class Credentials:
    appid: str
    secret: str

    def __repr__(self) -> str:  # a traceback or a debug print must not show them
        return "Credentials(***)"


class Client:
    """One account's API calls. The access token is cached in ``token_file`` (mode 0600) with its expiry,
    and renewed once when the API calls it invalid or expired."""

    def __init__(self, credentials: Credentials, token_file: Path, base: str = DEFAULT_BASE,
                 delays: tuple[float, ...] = RETRY_DELAYS):
        self._credentials = credentials
        self._token_file = token_file
        if not base.startswith(("https://", "http://")):
            raise ApiError(f"BRANDSITE_WECHAT_API 应为 https://… 形式的地址，现在是“{base}”", sent=False)
        self.base = base.rstrip("/")
        self._delays = delays
        self._http = requests.Session()
        self._http.trust_env = True  # an intranet proxy from HTTPS_PROXY is honoured

    # -- the calls ---------------------------------------------------------------------------

    def upload_body_image(self, path: Path) -> str:
        """The URL WeChat serves a body image from (media/uploadimg)."""
        return self._authorised("media/uploadimg", files=path)["url"]

    def add_image_material(self, path: Path) -> str:
        """The permanent material id of an image (material/add_material, type=image): a draft's cover."""
        return self._authorised("material/add_material", params={"type": "image"}, files=path)["media_id"]

    def draft_add(self, article: dict) -> str:
        return self._authorised("draft/add", body={"articles": [article]})["media_id"]

    def draft_update(self, media_id: str, article: dict) -> None:
        self._authorised("draft/update", body={"media_id": media_id, "index": 0, "articles": article})

    def drafts(self, count: int = 20) -> list[dict]:
        """The newest drafts, each {media_id, content: {news_item: [...]}}."""
        return self._authorised("draft/batchget", body={"offset": 0, "count": count, "no_content": 1}).get("item", [])

    # -- the token ----------------------------------------------------------------------------

    def _token(self, renew: bool = False) -> str:
        cached = read_json(self._token_file)
        if not renew and cached.get("access_token") and cached.get("expires_at", 0) > time.time() + TOKEN_MARGIN:
            return cached["access_token"]
        answer = self._call("stable_token", body={"grant_type": "client_credential", "appid": self._credentials.appid,
                                                 "secret": self._credentials.secret, "force_refresh": False})
        token = answer.get("access_token")
        if not token:
            raise ApiError("微信接口没有返回 access_token")
        write_file(self._token_file, json.dumps({"access_token": token,
                                                 "expires_at": time.time() + int(answer.get("expires_in", 7200))}).encode(),
                   mode=0o600)
        return token

    def _authorised(self, call: str, params: dict | None = None, body: dict | None = None, files: Path | None = None) -> dict:
        try:
            return self._call(call, params={**(params or {}), "access_token": self._token()}, body=body, files=files)
        except ApiError as exc:
            if exc.code not in TOKEN_CODES:
                raise
        # the cached token was expired or revoked (another program of the account may have renewed it)
        return self._call(call, params={**(params or {}), "access_token": self._token(renew=True)}, body=body, files=files)

    # -- one request, with retries --------------------------------------------------------------

    def _call(self, call: str, params: dict | None = None, body: dict | None = None, files: Path | None = None) -> dict:
        url = f"{self.base}/cgi-bin/{call}"
        for attempt in range(len(self._delays) + 1):
            last = attempt == len(self._delays)
            try:
                answer = self._send(url, params, body, files)
            except requests.ConnectionError as exc:
                # refused before anything was sent, or dropped after: either way the caller decides
                # whether a retry could do something twice; uploads and reads are safe to repeat
                sent = _was_sent(exc)
                if last or (sent and call == "draft/add"):
                    raise ApiError(f"无法连接微信接口 {self.base}（{_reason(exc)}）：请检查网络或代理设置"
                                   f"（BRANDSITE_WECHAT_API）", sent=sent) from None
            except requests.Timeout:
                if last or call == "draft/add":
                    raise ApiError(f"微信接口 {self.base} 没有及时应答：请稍后再试") from None
            except requests.RequestException as exc:  # a malformed address, a broken answer
                raise ApiError(f"无法向微信接口 {self.base} 发送请求（{exc.__class__.__name__}）：请检查 "
                               f"BRANDSITE_WECHAT_API 是否为 https://… 形式的地址", sent=False) from None
            else:
                code = int(answer.get("errcode") or 0)
                if code == 0:
                    return answer
                # a busy draft/add may still have made the draft: the caller looks before it tries again
                if code not in BUSY_CODES or last or call == "draft/add":
                    raise ApiError(explain(code, str(answer.get("errmsg", "")), call), code)
            time.sleep(self._delays[attempt])
        raise AssertionError("unreachable")

    def _send(self, url: str, params: dict | None, body: dict | None, files: Path | None) -> dict:
        if files is not None:
            mime = "image/png" if files.suffix.lower() == ".png" else "image/jpeg"
            with files.open("rb") as fh:
                response = self._http.post(url, params=params, files={"media": (files.name, fh, mime)}, timeout=TIMEOUT)
        else:
            # UTF-8 as it is: the API stores \uXXXX escapes literally (its documentation warns of this)
            data = json.dumps(body or {}, ensure_ascii=False).encode("utf-8")
            response = self._http.post(url, params=params, data=data, timeout=TIMEOUT,
                                       headers={"Content-Type": "application/json; charset=utf-8"})
        if response.status_code >= 500:
            raise requests.ConnectionError(f"HTTP {response.status_code}")
        if response.status_code != 200:
            raise ApiError(f"微信接口应答 HTTP {response.status_code}：请检查 BRANDSITE_WECHAT_API 的地址")
        try:
            answer = json.loads(response.content.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ApiError("微信接口的应答不是 JSON：请检查 BRANDSITE_WECHAT_API 的地址（代理或网关可能拦截了请求）") from None
        if not isinstance(answer, dict):
            raise ApiError("微信接口的应答格式不对")
        return answer


def _was_sent(exc: requests.ConnectionError) -> bool:
    """False when the connection was never made (refused, unresolvable, connect timeout)."""
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    return not isinstance(reason, (urllib3.exceptions.NewConnectionError, urllib3.exceptions.ConnectTimeoutError))


def _reason(exc: Exception) -> str:
    """A short cause without the URL (which carries the access token)."""
    text = str(exc)
    for word, reason in (("refused", "连接被拒绝"), ("Name or service not known", "域名无法解析"),
                         ("Temporary failure in name resolution", "域名无法解析"), ("timed out", "连接超时"),
                         ("RemoteDisconnected", "连接中途断开"), ("Connection aborted", "连接中途断开"),
                         ("reset", "连接被重置"), ("HTTP 5", "服务器错误")):
        if word in text:
            return reason
    return exc.__class__.__name__


def credentials_from(environ: dict | None = None, project_root: Path | None = None) -> Credentials:
    """AppID and AppSecret from the environment, or from a credentials file outside the repository.

    BRANDSITE_WECHAT_APPID / BRANDSITE_WECHAT_SECRET, else the YAML file named by
    BRANDSITE_WECHAT_CREDENTIALS (default ~/.config/brandsite/wechat.yml) with ``appid`` and ``secret``,
    readable by its owner only."""
    env = os.environ if environ is None else environ
    appid, secret = env.get("BRANDSITE_WECHAT_APPID", "").strip(), env.get("BRANDSITE_WECHAT_SECRET", "").strip()
    if appid and secret:
        return Credentials(appid, secret)
    path = Path(env.get("BRANDSITE_WECHAT_CREDENTIALS") or Path.home() / ".config" / "brandsite" / "wechat.yml")
    if not path.is_file():
        raise ApiError("没有公众号的开发者凭证：请设置环境变量 BRANDSITE_WECHAT_APPID 和 BRANDSITE_WECHAT_SECRET"
                       f"（公众平台 → 设置与开发 → 基本配置），或写在仓库以外的 {path}（权限 600）", sent=False)
    resolved = path.resolve()
    if project_root is not None and resolved.is_relative_to(project_root.resolve()):
        raise ApiError(f"凭证文件 {path} 在站点仓库里，可能被提交：请移到仓库以外（如 ~/.config/brandsite/wechat.yml）",
                       sent=False)
    if resolved.stat().st_mode & 0o077:
        raise ApiError(f"凭证文件 {path} 别人也能读：请运行 chmod 600 {path}", sent=False)
    import yaml

    try:
        data = yaml.safe_load(resolved.read_text("utf-8-sig")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        raise ApiError(f"凭证文件 {path} 无法读取：应为两行 appid: … 和 secret: …", sent=False) from None
    appid, secret = str((data or {}).get("appid") or "").strip(), str((data or {}).get("secret") or "").strip()
    if not (appid and secret):
        raise ApiError(f"凭证文件 {path} 缺少 appid 或 secret", sent=False)
    return Credentials(appid, secret)
