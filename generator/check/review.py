"""Review records (信息发布审核, 三审): when the site's config names review levels (``review: {levels: [初审, 复审,
终审]}``), a brand, a round or a news post is published only in a version every level approved.

An approval is a record in the repository's review file (``reviews.yml`` by default): the item (``brands/<slug>``,
``scores/<round>``, or a news post's file), the level, the reviewer's name, the date, the digest of the item's
files and the commit they were approved in. `brandsite review` writes one (commands/review.py). An item whose
files changed since its last full approval waits for review again, and the version every level approved
before stays published (its files read back from Git at the recorded commit): a link to a published page
never breaks because a correction waits. Anything never fully approved is held back like a draft. `check`
lists what waits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

import yaml

from generator.findings import Finding, Position, Severity
from generator.model import WAITING

STANDARD = "发布审核"
DEFAULT_FILE = "reviews.yml"


@dataclass(frozen=True)
class Approval:
    item: str
    level: str
    reviewer: str
    date: str
    digest: str
    commit: str = ""


class ReviewError(Exception):
    """A review file or a request that cannot be used, said in Chinese."""


def item_files(root: Path, item: str) -> list[Path]:
    """The files of a brand (its folder) or a news post (its file) under ``root``. A round's files are the ones
    its loaded `Round` names (its file and its results table), since the table may have any name."""
    path = root / item
    if item.startswith("brands/"):
        if not path.is_dir():
            return []
        return sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in
                                                                            p.relative_to(path).parts))
    return [path] if path.is_file() else []


def digest(root: Path, files: list[Path]) -> str:
    """One digest of the files' paths (relative to ``root``) and bytes, whatever order they are listed in."""
    h = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return "sha256:" + h.hexdigest()


def read(path: Path) -> list[Approval]:
    if not path.is_file():
        return []
    try:
        data = yaml.safe_load(path.read_text("utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ReviewError(f"审核记录文件 {path.name} 无法读取（{exc.__class__.__name__}）") from None
    items = data.get("approvals") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ReviewError(f"审核记录文件 {path.name} 应为“approvals: [...]”列表")
    out = []
    for i, entry in enumerate(items):
        if not isinstance(entry, dict) or not all(entry.get(k) for k in ("item", "level", "reviewer", "date", "digest")):
            raise ReviewError(f"审核记录文件 {path.name} 第 {i + 1} 条不完整（需要 item、level、reviewer、date、digest）")
        out.append(Approval(str(entry["item"]), str(entry["level"]), str(entry["reviewer"]), str(entry["date"]),
                            str(entry["digest"]), str(entry.get("commit") or "")))
    return out


def append(path: Path, approval: Approval) -> None:
    existing = read(path)
    records = [a.__dict__ for a in existing + [approval]]
    text = ("# 信息发布审核记录（三审），由 brandsite review 写入，请勿手工修改\n"
            + yaml.safe_dump({"approvals": records}, allow_unicode=True, sort_keys=False))
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


@dataclass(frozen=True)
class Status:
    item: str
    digest: str
    passed: tuple[str, ...]  # the levels that approved this very version, in order
    waiting: tuple[str, ...]  # the levels still to approve it
    approved: Approval | None  # the last level's record of the newest version every level approved


def status(item: str, current: str, levels: tuple[str, ...], approvals: list[Approval]) -> Status:
    mine = [a for a in approvals if a.item == item]
    passed = tuple(level for level in levels if any(a.level == level and a.digest == current for a in mine))
    waiting = tuple(level for level in levels if level not in passed)
    full = None
    for a in reversed(mine):  # the newest digest that every level approved
        if a.level == levels[-1] and all(any(b.level == level and b.digest == a.digest for b in mine) for level in levels):
            full = a
            break
    return Status(item, current, passed, waiting, full)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True)


def _tracked(root: Path, commit: str, item: str) -> list[str] | None:
    """The files ``item`` may consist of in ``commit``: a brand's folder, a post's file, and for a round the
    whole scores/ folder (its results table may have any name there); None if Git cannot say."""
    where = item + "/" if item.startswith("brands/") else "scores/" if item.startswith("scores/") else item
    listing = _git(root, "-c", "core.quotepath=off", "ls-tree", "-r", "--name-only", commit, "--", where)
    if listing.returncode != 0:
        return None
    return listing.stdout.decode("utf-8").splitlines()


def is_approved_version(base: Path, files: list[Path], approval: Approval) -> bool:
    """Whether ``files`` under a restored root ``base`` are the version ``approval`` approved (the paths inside
    it are those inside the site, so the digests compare)."""
    return digest(base, files) == approval.digest


def restore(root: Path, approval: Approval, into: Path) -> Path | None:
    """A site root under ``into`` holding ``approval.item``'s files as they were at the approval's commit; None
    when they cannot be read back (no commit, or the commit is gone). Whether they are the approved version
    is for the caller to ask (`is_approved_version`), once it knows which files the item is made of."""
    names = _tracked(root, approval.commit, approval.item) if approval.commit else None
    if not names:
        return None
    base = into / approval.digest.split(":")[-1][:16]
    if not (base / ".complete").is_file():
        shutil.rmtree(base, ignore_errors=True)
        for name in names:
            blob = _git(root, "show", f"{approval.commit}:{name}")
            if blob.returncode != 0:
                return None
            out = base / name
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(blob.stdout)
        (base / ".complete").write_text("ok")
    return base


def pending_finding(s: Status, path: str, levels: tuple[str, ...], kept: bool) -> Finding:
    done = f"已通过{'、'.join(s.passed)}，" if s.passed else ""
    online = (f"线上保持 {s.approved.date} {levels[-1]}通过的版本" if kept else "审定前不发布")
    return Finding(path, Position(), Severity.WARNING, "review.pending", STANDARD,
                   f"{s.item} {'有改动' if s.approved else ''}尚待审核：{done}待{'、'.join(s.waiting)}；{online}"
                   f"（brandsite review {s.item} --level {s.waiting[0]} --reviewer 姓名）")


def today() -> str:
    return dt.date.today().isoformat()


class Loaders(Protocol):
    """How a restored version is read: as the loaders read the site, from another root. Each gives None when
    the version does not load cleanly (it is then held back)."""

    def brand(self, folder: Path): ...

    def round(self, path: Path, base: Path): ...

    def post(self, path: Path, base: Path): ...


def hold_back(root: Path, levels: tuple[str, ...], record_file: Path, brands, rounds, news, load: Loaders,
              cache: Path, code: str = ""):
    """(brands, rounds, news, findings) as they may be published under review: items every level approved as
    they are now stay; an item with an earlier approved version is that version; everything else is held
    back like a draft."""
    approvals = read(record_file)
    findings = []

    def approved_root(s: Status) -> Path | None:
        """The restored root of a brand's or a post's approved version (their files are known by path)."""
        base = restore(root, s.approved, cache) if s.approved else None
        return base if base is not None and is_approved_version(base, item_files(base, s.item), s.approved) else None

    out_brands = []
    for brand in brands:
        if brand.is_draft:
            out_brands.append(brand)
            continue
        item = f"brands/{brand.slug}"
        s = status(item, digest(root, item_files(root, item)), levels, approvals)
        if not s.waiting:
            out_brands.append(brand)
            continue
        base = approved_root(s)
        approved = load.brand(base / item) if base is not None else None
        if approved is not None:
            # the approved version stands where the brand is (its last update, the links of its story), and
            # the work a build remembers for it is keyed by that version
            approved = replace(approved, folder=brand.folder,
                               digest=hashlib.sha256(f"{code}|{s.approved.digest}".encode()).hexdigest())
        findings.append(pending_finding(s, brand.source, levels, approved is not None))
        out_brands.append(approved if approved is not None else replace(brand, status=WAITING))
    withheld = {b.slug for b in out_brands if b.is_draft}
    out_rounds = []
    for r in rounds:
        item = f"scores/{r.id}"
        if r.is_draft or r.broken:
            out_rounds.append(r)
            continue
        s = status(item, digest(root, [root / f for f in r.files]), levels, approvals)
        if s.waiting:
            # a round's files are what its file names (its results table): known once it is read
            base = restore(root, s.approved, cache) if s.approved else None
            approved = load.round(base / r.source, base) if base is not None else None
            if approved is not None and not is_approved_version(base, [base / f for f in approved.files], s.approved):
                approved = None
            findings.append(pending_finding(s, r.source, levels, approved is not None))
            r = approved if approved is not None else replace(r, status="draft")
        waiting_brands = sorted({e.brand for e in r.entries if e.brand in withheld})
        if waiting_brands and not r.is_draft:  # its results name a brand not yet approved: the round waits with it
            findings.append(Finding(f"scores/{r.id}.yml", Position(), Severity.WARNING, "review.pending", STANDARD,
                                    f"{item} 的成绩含尚未审定的品牌（{'、'.join(waiting_brands[:5])}"
                                    f"{'等' if len(waiting_brands) > 5 else ''}），这些品牌审定前本轮不发布"))
            r = replace(r, status="draft")
        out_rounds.append(r)
    out_news = []
    for post in news:
        if not post.draft:
            s = status(post.source, digest(root, item_files(root, post.source)), levels, approvals)
            if s.waiting:
                base = approved_root(s)
                approved = load.post(base / post.source, base) if base is not None else None
                findings.append(pending_finding(s, post.source, levels, approved is not None))
                post = approved if approved is not None else replace(post, draft=True)
        out_news.append(post)
    return out_brands, out_rounds, out_news, findings
