"""brandsite publish wechat: brand spotlights and results announcements into the account's 草稿箱.

Each article is exported as `export wechat` writes it (exports/wechat/<id>/, the preview included),
checked against the API's documented limits (all articles before anything is sent), then pushed
by publish/drafts.py. The credentials come from the environment or a file outside the repository.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from generator.check import identity
from generator.commands import fail, why
from generator.commands.export import chosen, export_wechat
from generator.pipeline import load_or_report
from generator.progress import on_stderr
from generator.incremental import paths
from generator.progress import Progress
from generator.produce import catalog
from generator.publish import drafts, wechat
from generator.publish.wechat_api import DEFAULT_BASE, ApiError, Client, credentials_from

ACTIONS = {"add": "已新建草稿", "update": "已更新草稿", "unchanged": "未改动，未发送"}



def run(root: Path, channel: str, targets: list[str], every: bool = False, dry_run: bool = False,
        theme: str | None = None, quiet: bool = False) -> int:
    if not targets and not every:
        return fail("请指定品牌（文件夹名）或评价轮次，例如 brandsite publish wechat wendang-lianxinqiao 2026-q3；"
                     "推送全部用 --all")
    progress = on_stderr(quiet)
    project = load_or_report(root, progress=progress)
    if project is None:
        return 1
    refused = identity.refusal(project.config, "推送公众号（文章的“阅读原文”指向本站）")
    if refused and not dry_run:
        return fail(f"{refused}\n没有推送任何文章")
    if refused:
        print(f"注意：{refused}", file=sys.stderr)
    comments = str(project.config.publish.get("comments") or "off")
    if comments not in drafts.COMMENTS:
        return fail(f"mkdocs.yml 里 brandsite 插件的 publish: comments: 只能是 off（关闭留言）、all（所有人可留言）"
                     f"或 fans（仅关注者可留言），现在是“{comments}”")
    try:
        articles = chosen(project, targets, every)
        with progress.stage("导出公众号文章", len(articles)) as stage:
            exported = []
            for article, done in export_wechat(project, articles, None, theme, single=False):
                exported.append((article, done))
                stage.advance()
    except (catalog.NotPublished, wechat.ExportError) as exc:
        return fail(f"{exc}。没有推送任何文章")
    except OSError as exc:
        return fail(f"写入导出文件失败（{why(exc)}）。没有推送任何文章")
    pending = [drafts.from_export(a.id, done.folder, comments) for a, done in exported]
    broken = [p for d in pending for p in drafts.problems(d)]
    if broken:
        for problem in broken:
            print(f"错误：{problem}", file=sys.stderr)
        return fail(f"有 {len(broken)} 处超出公众号接口的限制，没有推送任何文章")
    base = os.environ.get("BRANDSITE_WECHAT_API") or DEFAULT_BASE
    try:
        credentials = credentials_from(project_root=root)
    except ApiError as exc:
        if not dry_run:
            return fail(str(exc))
        credentials = None
    if dry_run:
        return _dry_run(pending, _state_dir(root, base, credentials) if credentials else None, base)
    try:
        client = Client(credentials, _state_dir(root, base, credentials) / "token.json", base=base)
    except ApiError as exc:
        return fail(str(exc))
    return _push(pending, client, _state_dir(root, base, credentials) / "state.json", progress)


def _state_dir(root: Path, base: str, credentials) -> Path:
    """One folder per account and API address; named by a hash, so the AppID is not written anywhere."""
    account = hashlib.sha256(f"{base}\n{credentials.appid}".encode()).hexdigest()[:16]
    return paths.wechat_state(root, account)


def _push(pending: list[drafts.Draft], client: Client, state_file: Path, progress: Progress) -> int:
    done = []
    try:
        with drafts.opened(state_file) as state, progress.stage("推送到草稿箱", len(pending)) as stage:
            for draft in pending:
                pushed = drafts.push(draft, client, state)
                done.append(draft)
                stage.advance()
                extra = "".join(part for part in (f"，上传图片 {pushed.uploaded} 张" if pushed.uploaded else "",
                                                  "，上传封面" if pushed.cover_uploaded else ""))
                print(f"{ACTIONS[pushed.action]}：“{draft.title}”（{draft.id}{extra}）", flush=True)
    except (ApiError, drafts.StateError) as exc:
        left = [d for d in pending if d not in done]
        print(f"错误：推送“{left[0].title}”时失败：{exc}。", file=sys.stderr)
        if done:
            print(f"已完成 {len(done)} 篇；", end="", file=sys.stderr)
        print(f"还有 {len(left)} 篇未完成，问题解决后再运行同一命令即可接着推送（已上传的图片和已建的草稿不会重复）。",
              file=sys.stderr)
        return 1
    except OSError as exc:
        return fail(f"写入推送记录失败（{why(exc)}）：为免重复新建草稿，请先解决后再运行")
    if done:
        print("请到 微信公众平台 → 内容与互动 → 草稿箱 预览，确认后发表。")
    return 0


def _dry_run(pending: list[drafts.Draft], state_dir: Path | None, base: str) -> int:
    """What a real run would send, without credentials or network."""
    state = drafts.read_state(state_dir / "state.json") if state_dir else drafts.State(Path("."))
    print(f"试运行：不连接 {base}，不发送任何内容。" + ("" if state_dir else "（未设置凭证，按首次推送估计）"))
    for draft in pending:
        action = state.action(draft)
        images = sum(1 for i in draft.images if i.sha256 not in state.images)
        cover = draft.cover.sha256 not in state.covers
        what = {"add": "draft/add 新建草稿", "update": "draft/update 更新草稿", "unchanged": "未改动，不发送"}[action]
        print(f"· “{draft.title}”（{draft.id}）：{what}")
        if action != "unchanged":
            f = draft.fields
            print(f"    作者 {f['author']}；摘要 {len(f['digest'])} 字；正文 {len(f['content'])} 字符；原文链接 "
                  f"{f['content_source_url'] or '（无，站点未设 site_url）'}")
            print(f"    media/uploadimg 上传正文图片 {images} 张（共 {len(draft.images)} 张）；"
                  f"material/add_material 上传封面 {'1 张' if cover else '0 张（已上传过）'}")
    return 0
