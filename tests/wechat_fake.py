"""A local stand-in for the WeChat Official Account API, speaking its documented protocol.

It implements the endpoints `brandsite publish wechat` uses, with the documented request shapes, the
documented answers (HTTP 200 with errcode/errmsg on failure) and the behaviours that matter to a
publisher: tokens that expire, images checked by type and size, outside image URLs filtered from a
draft's content, \\uXXXX escapes stored literally (the documentation warns of it), the IP whitelist,
the daily quota. Knobs let a test break things the way the real service breaks: an error for the
next call of an endpoint, or a connection dropped before or after the call has taken effect.
"""

from __future__ import annotations

import email.parser
import email.policy
import http.server
import itertools
import json
import re
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

PNG, JPEG, GIF, BMP = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF8", b"BM"
IMG_URL = re.compile(r"^https?://mmbiz\.qpic\.cn/")


@dataclass
class Call:
    path: str
    params: dict
    body: bytes


@dataclass
class FakeWeChat:
    appid: str = "wx0123456789abcdef"
    secret: str = "s3cr3t-0123456789abcdef0123456789"
    token_lifetime: int = 7200
    whitelist: set[str] | None = None  # None: every IP may call
    quota_used_up: bool = False
    calls: list[Call] = field(default_factory=list)
    tokens: dict[str, float] = field(default_factory=dict)  # token -> expiry (epoch seconds)
    current: str | None = None
    images: dict[str, bytes] = field(default_factory=dict)  # uploadimg URL -> bytes
    materials: dict[str, bytes] = field(default_factory=dict)  # permanent media_id -> bytes
    drafts: dict[str, dict] = field(default_factory=dict)  # media_id -> {"news_item": [...], "update_time": n}
    filtered: list[str] = field(default_factory=list)  # outside image URLs removed from contents
    _errors: dict[str, list[list]] = field(default_factory=dict)  # endpoint -> [[skip, errcode, errmsg, took_effect]]
    _drops: dict[str, list[str]] = field(default_factory=dict)
    _expire_after: int | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count = field(default_factory=itertools.count)

    # -- knobs ---------------------------------------------------------------------------------

    def fail_next(self, endpoint: str, errcode: int, errmsg: str = "", skip: int = 0, took_effect: bool = False) -> None:
        """The next call of ``endpoint`` (e.g. "media/uploadimg") after ``skip`` good ones answers this error;
        with ``took_effect`` the call is carried out all the same (a busy answer after the work was done)."""
        self._errors.setdefault(endpoint, []).append([skip, errcode, errmsg or f"error {errcode}", took_effect])

    def drop_next(self, endpoint: str, when: str = "after") -> None:
        """The next call of ``endpoint`` loses its connection, ``before`` or ``after`` it takes effect."""
        self._drops.setdefault(endpoint, []).append(when)

    def expire_token_after(self, calls: int) -> None:
        """The current token expires once ``calls`` more authorised calls have succeeded."""
        self._expire_after = calls

    def count(self, endpoint: str) -> int:
        return sum(1 for c in self.calls if c.path == f"/cgi-bin/{endpoint}")

    # -- the protocol ----------------------------------------------------------------------------

    def handle(self, path: str, params: dict, body: bytes, headers, client_ip: str) -> dict:
        endpoint = path.removeprefix("/cgi-bin/")
        if self.whitelist is not None and client_ip not in self.whitelist:
            return _error(40164, f"invalid ip {client_ip} ipv6 ::ffff:{client_ip}, not in whitelist rid: {_rid()}")
        if self.quota_used_up:
            return _error(45009, f"reach max api daily quota limit rid: {_rid()}")
        if endpoint == "stable_token":
            return self._stable_token(_json(body))
        if endpoint not in HANDLERS:
            return _error(48001, "api unauthorized")
        token = params.get("access_token", "")
        if not token:
            return _error(41001, "access_token missing")
        if token not in self.tokens:
            return _error(40001, "invalid credential, access_token is invalid or not latest")
        if self.tokens[token] <= time.time():
            return _error(42001, "access_token expired")
        if self._errors.get(endpoint):
            if self._errors[endpoint][0][0] == 0:
                _, code, message, took_effect = self._errors[endpoint].pop(0)
                if took_effect:
                    HANDLERS[endpoint](self, params, body, headers)
                return _error(code, message)
            self._errors[endpoint][0][0] -= 1
        answer = HANDLERS[endpoint](self, params, body, headers)
        if answer.get("errcode", 0) == 0 and self._expire_after is not None:
            self._expire_after -= 1
            if self._expire_after <= 0:
                self.tokens[token] = time.time() - 1
                self._expire_after = None
        return answer

    def _stable_token(self, body) -> dict:
        if not isinstance(body, dict) or body.get("grant_type") != "client_credential":
            return _error(40002, "invalid grant_type")
        if body.get("appid") != self.appid:
            return _error(40013, "invalid appid")
        if body.get("secret") != self.secret:
            return _error(40125, "invalid appsecret")
        now = time.time()
        if body.get("force_refresh") or not self.current or self.tokens.get(self.current, 0) <= now:
            self.current = f"TOKEN_{uuid.uuid4().hex}"
            self.tokens = {self.current: now + self.token_lifetime}
        return {"access_token": self.current, "expires_in": int(self.tokens[self.current] - now)}

    def _uploadimg(self, params, body, headers) -> dict:
        data = _multipart_media(body, headers)
        if data is None:
            return _error(41005, "media data missing")
        if not (data.startswith(PNG) or data.startswith(JPEG)):
            return _error(40005, "invalid file type")
        if len(data) >= 1_000_000:
            return _error(40009, "invalid image size")
        kind = "png" if data.startswith(PNG) else "jpg"
        url = f"http://mmbiz.qpic.cn/mmbiz_{kind}/{uuid.uuid4().hex}{uuid.uuid4().hex}/0"
        self.images[url] = data
        return {"url": url}

    def _add_material(self, params, body, headers) -> dict:
        if params.get("type") != "image":
            return _error(40004, "invalid media type")
        data = _multipart_media(body, headers)
        if data is None:
            return _error(41005, "media data missing")
        if not any(data.startswith(m) for m in (PNG, JPEG, GIF, BMP)):
            return _error(40005, "invalid file type")
        if len(data) > 10_000_000:
            return _error(40009, "invalid image size")
        media_id = f"MATERIAL_{next(self._ids)}_{uuid.uuid4().hex[:12]}"
        self.materials[media_id] = data
        return {"media_id": media_id, "url": f"http://mmbiz.qpic.cn/mmbiz_png/{uuid.uuid4().hex}/0?wx_fmt=png"}

    def _article(self, raw) -> tuple[dict | None, dict | None]:
        """(the article as stored, or None with an error)"""
        if not isinstance(raw, dict):
            return None, _error(44003, "empty news data")
        title, content = raw.get("title") or "", raw.get("content") or ""
        if not title or not content:
            return None, _error(44003, "empty news data")
        if len(title) > 32:
            return None, _error(45003, "title size out of limit")
        if len(raw.get("author") or "") > 16:
            return None, _error(45110, "author size out of limit")
        if len(raw.get("digest") or "") > 128:
            return None, _error(45004, "description size out of limit")
        if len(content) >= 20_000 or len(content.encode("utf-8")) >= 1_000_000:
            return None, _error(45002, "content size out of limit")
        if raw.get("article_type", "news") == "news" and raw.get("thumb_media_id") not in self.materials:
            return None, _error(40007, "invalid media_id")

        def keep(match):
            src = match.group(2)
            if src in self.images:
                return match.group(0)
            self.filtered.append(src)
            return ""

        content = re.sub(r'<img\b[^>]*?\bsrc=(["\'])(.*?)\1[^>]*>', keep, content)
        content = re.sub(r"<script\b.*?</script>", "", content, flags=re.S)
        stored = {k: raw.get(k, d) for k, d in (("article_type", "news"), ("title", ""), ("author", ""), ("digest", ""),
                                                 ("content_source_url", ""), ("thumb_media_id", ""),
                                                 ("need_open_comment", 0), ("only_fans_can_comment", 0))}
        stored["content"] = content
        stored["url"] = f"http://mp.weixin.qq.com/s?__biz=FAKE&tempkey={uuid.uuid4().hex}"
        return stored, None

    def _draft_add(self, params, body, headers) -> dict:
        data = _json(body)
        articles = data.get("articles") if isinstance(data, dict) else None
        if not isinstance(articles, list) or not articles:
            return _error(44003, "empty news data")
        stored = []
        for raw in articles:
            article, error = self._article(raw)
            if error:
                return error
            stored.append(article)
        media_id = f"DRAFT_{next(self._ids)}_{uuid.uuid4().hex[:16]}"
        self.drafts[media_id] = {"news_item": stored, "update_time": int(time.time())}
        return {"media_id": media_id, "item": []}

    def _draft_update(self, params, body, headers) -> dict:
        data = _json(body)
        if not isinstance(data, dict) or data.get("media_id") not in self.drafts:
            return _error(40007, "invalid media_id")
        items = self.drafts[data["media_id"]]["news_item"]
        index = data.get("index", 0)
        if not isinstance(index, int) or not 0 <= index < len(items):
            return _error(40007, "invalid index")
        article, error = self._article(data.get("articles"))
        if error:
            return error
        items[index] = article
        self.drafts[data["media_id"]]["update_time"] = int(time.time())
        return {"errcode": 0, "errmsg": "ok"}

    def _draft_batchget(self, params, body, headers) -> dict:
        data = _json(body) or {}
        offset, count = int(data.get("offset", 0)), int(data.get("count", 20))
        if not 1 <= count <= 20:
            return _error(40035, "invalid args")
        newest = sorted(self.drafts.items(), key=lambda kv: kv[1]["update_time"], reverse=True)
        page = newest[offset:offset + count]
        no_content = bool(data.get("no_content"))
        items = [{"media_id": media_id,
                  "content": {"news_item": [{k: v for k, v in a.items() if not (no_content and k == "content")}
                                            for a in d["news_item"]]},
                  "update_time": d["update_time"]} for media_id, d in page]
        return {"total_count": len(self.drafts), "item_count": len(items), "item": items}

    def _draft_get(self, params, body, headers) -> dict:
        data = _json(body) or {}
        if data.get("media_id") not in self.drafts:
            return _error(40007, "invalid media_id")
        return {"news_item": self.drafts[data["media_id"]]["news_item"]}

    def _draft_delete(self, params, body, headers) -> dict:
        data = _json(body) or {}
        if self.drafts.pop(data.get("media_id"), None) is None:
            return _error(40007, "invalid media_id")
        return {"errcode": 0, "errmsg": "ok"}


HANDLERS = {
    "media/uploadimg": FakeWeChat._uploadimg,
    "material/add_material": FakeWeChat._add_material,
    "draft/add": FakeWeChat._draft_add,
    "draft/update": FakeWeChat._draft_update,
    "draft/batchget": FakeWeChat._draft_batchget,
    "draft/get": FakeWeChat._draft_get,
    "draft/delete": FakeWeChat._draft_delete,
}


def _rid() -> str:
    return f"{uuid.uuid4().hex[:8]}-{uuid.uuid4().hex[:8]}"


def _error(code: int, message: str) -> dict:
    return {"errcode": code, "errmsg": message}


def _json(body: bytes):
    """The body as the API reads it: UTF-8 JSON, with \\uXXXX escapes kept as the literal text."""
    try:
        return json.loads(body.decode("utf-8").replace("\\u", "\\\\u"))
    except (UnicodeDecodeError, ValueError):
        return None


def _multipart_media(body: bytes, headers) -> bytes | None:
    kind = headers.get("Content-Type", "")
    if not kind.startswith("multipart/form-data"):
        return None
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {kind}\r\n\r\n".encode() + body)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "media" and part.get_filename():
            return part.get_payload(decode=True)
    return None


class _Handler(http.server.BaseHTTPRequestHandler):
    fake: FakeWeChat

    def log_message(self, *args):
        pass

    def do_POST(self):
        url = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        fake = self.server.fake
        endpoint = url.path.removeprefix("/cgi-bin/")
        with fake._lock:
            fake.calls.append(Call(url.path, {k: v for k, v in params.items() if k != "access_token"}, body))
            drop = fake._drops[endpoint].pop(0) if fake._drops.get(endpoint) else None
            if drop == "before":
                return self._drop()
            answer = fake.handle(url.path, params, body, self.headers, self.client_address[0])
            if drop == "after":
                return self._drop()
        data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json; encoding=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _drop(self):
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, fake: FakeWeChat):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.fake = fake

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"
