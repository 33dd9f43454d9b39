"""Putting an exported WeChat article into the account's 草稿箱 (draft box), once.

The export folder (wechat.export) is what is sent: its body images go up through media/uploadimg and
their URLs replace the local files, its cover becomes permanent image material for the draft's
thumb_media_id, and the draft is made with draft/add, or changed with draft/update when it was pushed
before. A state file records, per article, the digest of what was sent and the draft's media_id, and
per image (by content hash) its URL or material id; it is written after every step, so an interrupted
run is finished by the next one without a second draft or a second upload.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from generator.atomic import exclusive, write_file
from generator.produce import markup
from generator.publish.wechat_api import BUSY_CODES, ApiError, Client

# the documented limits of draft/add, checked before anything is sent
TITLE_MAX = 32
AUTHOR_MAX = 16
DIGEST_MAX = 128
CONTENT_CHARACTERS = 20_000  # "必须少于2万字符": the whole content string, markup included
CONTENT_BYTES = 1_000_000
SOURCE_URL_BYTES = 1024
BODY_IMAGE_BYTES = 1_000_000  # media/uploadimg: jpg/png under 1 MB
COVER_BYTES = 10_000_000  # permanent image material
URL_ALLOWANCE = 160  # characters an image URL from uploadimg may take in the content, before it is known
COMMENTS = {"off": (0, 0), "all": (1, 0), "fans": (1, 1)}  # need_open_comment, only_fans_can_comment

_MAGIC = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg"}


@dataclass(frozen=True)
class Image:
    path: Path
    local: str  # its src in article.html
    sha256: str
    bytes: int


@dataclass(frozen=True)
class Draft:
    """One article as it will be sent; ``fields`` lacks only the image URLs and the cover's media id."""

    id: str
    fields: dict
    images: tuple[Image, ...]
    cover: Image
    digest: str

    @property
    def title(self) -> str:
        return self.fields["title"]


def _image(folder: Path, local: str) -> Image:
    data = (folder / local).read_bytes()
    return Image(folder / local, local, hashlib.sha256(data).hexdigest(), len(data))


def from_export(article_id: str, folder: Path, comments: str = "off") -> Draft:
    """The draft for an export folder (article.html, manifest.json, images/, cover.png)."""
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    open_comment, fans_only = COMMENTS[comments]
    fields = {
        "article_type": "news",
        "title": manifest["title"],
        "author": manifest["author"],
        "digest": manifest["digest"],
        "content": (folder / "article.html").read_text("utf-8"),
        "content_source_url": manifest["source_url"],
        "need_open_comment": open_comment,
        "only_fans_can_comment": fans_only,
    }
    images = tuple(_image(folder, image["path"]) for image in manifest["images"])
    cover = _image(folder, manifest["cover"])
    # what decides "changed": every field as sent, with images and cover by their content
    digest = hashlib.sha256(json.dumps({"fields": fields, "images": [i.sha256 for i in images], "cover": cover.sha256},
                                       ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()
    return Draft(article_id, fields, images, cover, digest)


def problems(draft: Draft) -> list[str]:
    """Every documented limit the draft breaks, each naming the article and the field."""
    f, name = draft.fields, f"“{draft.title}”（{draft.id}）"
    out = []
    for key, label, limit in (("title", "标题", TITLE_MAX), ("author", "作者", AUTHOR_MAX), ("digest", "摘要", DIGEST_MAX)):
        if len(f[key]) > limit:
            out.append(f"{name} 的{label}（{key}）有 {len(f[key])} 个字，公众号上限为 {limit} 个字")
    if not f["title"].strip():
        out.append(f"{name} 没有标题（title）")
    length = len(f["content"]) + len(draft.images) * URL_ALLOWANCE
    if length >= CONTENT_CHARACTERS:
        out.append(f"{name} 的正文（content）连同图片地址约 {length} 个字符，须少于 {CONTENT_CHARACTERS} 个字符")
    if len(f["content"].encode("utf-8")) >= CONTENT_BYTES:
        out.append(f"{name} 的正文（content）超过 1 MB")
    if len(f["content_source_url"].encode("utf-8")) > SOURCE_URL_BYTES:
        out.append(f"{name} 的原文链接（content_source_url）超过 1 KB")
    for image, limit in [(i, BODY_IMAGE_BYTES) for i in draft.images] + [(draft.cover, COVER_BYTES)]:
        head = image.path.read_bytes()[:8]
        if not any(head.startswith(magic) for magic in _MAGIC):
            out.append(f"{name} 的图片 {image.local} 不是 JPG 或 PNG")
        if image.bytes >= limit:
            out.append(f"{name} 的图片 {image.local} 有 {image.bytes / 1e6:.1f} MB，须小于 {limit // 1_000_000} MB")
    return out


@dataclass
class State:
    """What was pushed to one account: ``articles`` id → {digest, media_id, pushed}, ``images`` sha256 → URL,
    ``covers`` sha256 → material media_id, ``pending`` id → {title, source_url} for a draft/add whose answer
    was lost."""

    path: Path
    articles: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    covers: dict = field(default_factory=dict)
    pending: dict = field(default_factory=dict)

    def save(self) -> None:
        data = {"version": 1, "articles": self.articles, "images": self.images, "covers": self.covers,
                "pending": self.pending}
        write_file(self.path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), mode=0o600)

    def action(self, draft: Draft) -> str:
        """"unchanged", "update" or "add": what pushing ``draft`` would do."""
        known = self.articles.get(draft.id)
        if known and known.get("digest") == draft.digest and draft.id not in self.pending:
            return "unchanged"
        return "update" if known or draft.id in self.pending else "add"


class StateError(Exception):
    pass


@contextlib.contextmanager
def opened(path: Path) -> Iterator[State]:
    """The state file, locked against a second publish run of the same account."""
    def refuse() -> None:
        raise StateError("另一个 brandsite publish wechat 正在向同一个公众号推送：请等它结束再运行")

    with exclusive(path.with_name(path.name + ".lock"), refuse):
        yield read_state(path)


def read_state(path: Path) -> State:
    if not path.exists():
        return State(path)
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError
        return State(path, *(dict(data.get(k) or {}) for k in ("articles", "images", "covers", "pending")))
    except (ValueError, UnicodeDecodeError, TypeError):
        # never guess: an unreadable record could mean a second copy of every draft
        raise StateError(f"推送记录 {path} 已损坏，为免重复新建草稿已停止：请从备份恢复它；"
                         f"确认草稿箱里没有这些文章后，也可删除它重新推送") from None


@dataclass(frozen=True)
class Pushed:
    action: str  # "add", "update" or "unchanged"
    media_id: str
    uploaded: int  # body images uploaded this time
    cover_uploaded: bool


def push(draft: Draft, client: Client, state: State) -> Pushed:
    """Send ``draft`` unless it is unchanged; the state is saved after every step that changed it."""
    if state.action(draft) == "unchanged":
        return Pushed("unchanged", state.articles[draft.id]["media_id"], 0, False)
    uploaded = 0
    for image in draft.images:
        if image.sha256 not in state.images:
            state.images[image.sha256] = client.upload_body_image(image.path)
            state.save()
            uploaded += 1
    cover_uploaded = draft.cover.sha256 not in state.covers
    if cover_uploaded:
        state.covers[draft.cover.sha256] = client.add_image_material(draft.cover.path)
        state.save()
    article = _article(draft, state)
    if len(article["content"]) >= CONTENT_CHARACTERS:
        raise ApiError(f"“{draft.title}”（{draft.id}）的正文（content）换上图片地址后有 {len(article['content'])} 个字符，"
                       f"须少于 {CONTENT_CHARACTERS} 个字符", sent=False)
    action = "update"
    media_id = (state.articles.get(draft.id) or {}).get("media_id") or _lost_draft(draft, client, state)
    if media_id:
        try:
            client.draft_update(media_id, article)
        except ApiError as exc:
            if exc.code != 40007:
                raise
            media_id = None  # deleted or already published in the web interface: a new draft takes its place
    if not media_id:
        action = "add"
        state.pending[draft.id] = {"title": article["title"], "source_url": article["content_source_url"]}
        state.save()
        try:
            media_id = client.draft_add(article)
        except ApiError as exc:
            if exc.code not in BUSY_CODES:
                raise  # a lost answer is settled by the next run, which looks for the draft first
            media_id = _lost_draft(draft, client, state) or client.draft_add(article)
    state.articles[draft.id] = {"digest": draft.digest, "media_id": media_id,
                                "pushed": dt.datetime.now().astimezone().isoformat(timespec="seconds")}
    state.pending.pop(draft.id, None)
    state.save()
    return Pushed(action, media_id, uploaded, cover_uploaded)


def _article(draft: Draft, state: State) -> dict:
    root = markup.parse(draft.fields["content"])
    markup.place_images(root, {i.local: state.images[i.sha256] for i in draft.images})
    return {**draft.fields, "content": markup.serialize(root), "thumb_media_id": state.covers[draft.cover.sha256]}


def _lost_draft(draft: Draft, client: Client, state: State) -> str | None:
    """The draft an earlier draft/add made although its answer never arrived, found by title and source URL."""
    pending = state.pending.get(draft.id)
    if not pending:
        return None
    for item in client.drafts():
        for news in (item.get("content") or {}).get("news_item") or []:
            if news.get("title") == pending["title"] and news.get("content_source_url") == pending["source_url"]:
                return item.get("media_id")
    return None
