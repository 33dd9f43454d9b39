"""Word lists for the 错敏 check: wrong words, outdated official names, the site's sensitive words, and the
site's exemptions, matched with one Aho–Corasick automaton (ahocorasick-rs: Rust's aho-corasick, about six
times faster than pyahocorasick here on Chinese text) over any public text.

The lists are data: ``generator/data/typos.yml`` and ``generator/data/outdated_names.yml`` by default, and the
files a site names under ``wording:`` in its brandsite settings (``typos`` and ``outdated`` add to the defaults,
``sensitive`` and ``exempt`` are the site's own). A match inside an exemption (the entry's own ``except`` phrases,
or a phrase of the site's exemption file, optionally only under one path) is not reported.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick_rs

from generator.findings import Position
from generator.load.yamlpos import YamlSyntaxError, parse

LISTS = ("typos", "outdated", "sensitive")  # the lists a rule of kind words_absent may name
_DEFAULT_FILES = {"typos": "typos.yml", "outdated": "outdated_names.yml"}
_LIMIT = 100_000  # entries in one file


@dataclass(frozen=True)
class Entry:
    list: str  # typos, outdated or sensitive
    word: str  # what is matched
    right: str = ""  # what to write instead ("" when there is nothing to propose)
    note: str = ""
    exceptions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exemption:
    text: str
    path: str = ""  # only for files under this path (relative to the site root), "" for every file


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    entry: Entry


class LexiconError(Exception):
    """A word-list file that cannot be used: ``label`` (its path), where, and why, in Chinese."""

    def __init__(self, label: str, position: Position, message: str):
        super().__init__(message)
        self.label, self.position, self.message = label, position, message


class Lexicon:
    """Every entry and exemption, and the automaton that finds them. Its repr is a digest of its contents: the
    rules that carry it go into the keys of the work a build remembers, so an edited list re-checks the brands."""

    def __init__(self, entries: list[Entry], exemptions: list[Exemption]):
        self.entries = entries
        self.exemptions = exemptions
        self.digest = hashlib.sha256(repr((entries, exemptions)).encode("utf-8")).hexdigest()[:16]
        self._automaton = None

    def __repr__(self) -> str:
        return f"Lexicon({self.digest})"

    def __getstate__(self):  # the automaton is rebuilt where it is needed, not pickled into another process
        return {"entries": self.entries, "exemptions": self.exemptions, "digest": self.digest, "_automaton": None}

    def count(self, name: str) -> int:
        return sum(1 for e in self.entries if e.list == name)

    def automaton(self):
        """(the automaton, what each of its patterns stands for: the entries and the exemptions)."""
        if self._automaton is None:
            keys: dict[str, tuple[list[Entry], list[Exemption | str]]] = {}
            for entry in self.entries:
                keys.setdefault(entry.word, ([], []))[0].append(entry)
                for phrase in entry.exceptions:
                    keys.setdefault(phrase, ([], []))[1].append(phrase)
            for exemption in self.exemptions:
                keys.setdefault(exemption.text, ([], []))[1].append(exemption)
            patterns = list(keys)
            automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard) if patterns else None
            self._automaton = (automaton, [(tuple(e), tuple(x)) for e, x in keys.values()])
        return self._automaton

    def find(self, text: str, path: str = "") -> list[Match]:
        """Every reportable match in ``text`` (a file at ``path``), in order; none inside an exemption, and of two
        matches of one list where one covers the other, only the longer."""
        return list(_find(self, text, path))


@lru_cache(maxsize=32)  # the three rules of a brand read the same texts one after another
def _find(lexicon: Lexicon, text: str, path: str) -> tuple[Match, ...]:
    automaton, meaning = lexicon.automaton()
    if not text or automaton is None:
        return ()
    found, spans = [], []
    for index, start, end in automaton.find_matches_as_indexes(text, overlapping=True):  # character offsets
        entries, exempt = meaning[index]
        for e in exempt:
            if isinstance(e, str):
                spans.append((start, end, e, None))  # an entry's own exception
            elif not e.path or path == e.path or path.startswith(e.path.rstrip("/") + "/"):
                spans.append((start, end, None, e))  # the site's exemption
        for entry in entries:
            found.append(Match(start, end, entry))
    if not found:
        return ()

    def exempted(m: Match) -> bool:
        for s, e, phrase, site in spans:
            if s <= m.start and m.end <= e and (site is not None or phrase in m.entry.exceptions):
                return True
        return False

    kept = [m for m in found if not exempted(m)]
    kept = [m for m in kept if not any(o is not m and o.entry.list == m.entry.list and o.start <= m.start
                                       and m.end <= o.end and (o.end - o.start) > (m.end - m.start) for o in kept)]
    kept.sort(key=lambda m: (m.start, m.end))
    return tuple(kept)


def _default_text(name: str) -> str:
    return resources.files("generator.data").joinpath(_DEFAULT_FILES[name]).read_text("utf-8")


def _read(path: Path, label: str) -> str:
    try:
        return path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(label, Position(), f"找不到词表文件 {label}（mkdocs.yml 的 brandsite 设置 wording 中指定）") from None
    except UnicodeDecodeError:
        raise LexiconError(label, Position(), "词表文件不是 UTF-8 编码，请用 UTF-8 保存") from None
    except OSError as exc:
        raise LexiconError(label, Position(), f"无法读取词表文件（{exc.__class__.__name__}）") from None


def _items(text: str, label: str, key: str):
    """The list under ``key`` (or the whole file when it is a list), with the document for positions."""
    try:
        doc = parse(text)
    except YamlSyntaxError as exc:
        raise LexiconError(label, exc.position, f"YAML 格式错误：{exc.message}") from None
    data = doc.data
    if isinstance(data, dict):
        items, path = data.get(key), (key,)
    else:
        items, path = data, ()
    if items is None:
        items = []
    if not isinstance(items, list):
        raise LexiconError(label, doc.at(*path), f"{key} 应为列表（每行一条“- 词语”）")
    if len(items) > _LIMIT:
        raise LexiconError(label, doc.at(*path), f"词表超过 {_LIMIT} 条，请拆分或精简")
    return doc, path, items


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _entries(text: str, label: str, name: str) -> list[Entry]:
    key = {"typos": "typos", "outdated": "outdated", "sensitive": "sensitive"}[name]
    doc, path, items = _items(text, label, key)
    out = []
    for i, item in enumerate(items):
        where = doc.at(*path, i)
        if isinstance(item, list) and 1 <= len(item) <= 3:
            word, right, note = (list(map(_text, item)) + ["", ""])[:3]
            exceptions: tuple = ()
        elif isinstance(item, dict):
            word = _text(item.get("wrong", item.get("old", item.get("word"))))
            right = _text(item.get("right", item.get("new")))
            note = _text(item.get("note"))
            if item.get("since"):
                note = f"{item['since']} 年起" + (f"；{note}" if note else "")
            raw = item.get("except") or []
            if not isinstance(raw, list):
                raise LexiconError(label, where, "except 应为列表，如 except: [农业部门]")
            exceptions = tuple(_text(x) for x in raw if _text(x))
        elif isinstance(item, (str, int)) and name == "sensitive":
            word, right, note, exceptions = _text(item), "", "", ()
        else:
            form = {"typos": "[错误写法, 正确写法, 说明]", "outdated": "{old: 旧名称, new: 现名称, since: 年份}",
                    "sensitive": "“- 词语”或 {word: 词语, right: 建议写法, note: 说明}"}[name]
            raise LexiconError(label, where, f"第 {i + 1} 条格式不对，应为 {form}")
        if not word:
            raise LexiconError(label, where, f"第 {i + 1} 条没有要查找的词语")
        if word == right:
            raise LexiconError(label, where, f"第 {i + 1} 条的错误写法和正确写法相同（“{word}”）")
        bad = [x for x in exceptions if word not in x]
        if bad:
            raise LexiconError(label, where, f"第 {i + 1} 条的 except“{bad[0]}”不含“{word}”，起不到豁免作用")
        out.append(Entry(name, word, right, note, exceptions))
    return out


def _exemptions(text: str, label: str) -> list[Exemption]:
    doc, path, items = _items(text, label, "exempt")
    out = []
    for i, item in enumerate(items):
        if isinstance(item, (str, int)) and _text(item):
            out.append(Exemption(_text(item)))
        elif isinstance(item, dict) and _text(item.get("text")):
            out.append(Exemption(_text(item["text"]), _text(item.get("path")).lstrip("./")))
        else:
            raise LexiconError(label, doc.at(*path, i),
                               f"第 {i + 1} 条格式不对，应为“- 短语”或 {{text: 短语, path: brands/某品牌/}}")
    return out


def load(root: Path, files: dict[str, Path | None]) -> Lexicon:
    """The default lists with the site's ``files`` (typos, outdated, sensitive, exempt: paths or None)."""
    return _load(str(root), tuple(sorted((k, str(v)) for k, v in files.items() if v)),
                 tuple(_stat(v) for v in files.values() if v))


def _stat(path: Path):
    try:
        s = path.stat()
        return (str(path), s.st_mtime_ns, s.st_size)
    except OSError:
        return (str(path), None, None)


@lru_cache(maxsize=4)  # serve loads the settings once per edit; a list is read again only when it changed
def _load(root: str, files: tuple, stats: tuple) -> Lexicon:
    named = dict(files)
    entries: list[Entry] = []
    for name in ("typos", "outdated"):
        entries += _entries(_default_text(name), f"generator/data/{_DEFAULT_FILES[name]}", name)
    for name in ("typos", "outdated", "sensitive"):
        if name in named:
            path = Path(named[name])
            label = _label(path, Path(root))
            entries += _entries(_read(path, label), label, name)
    exemptions = []
    if "exempt" in named:
        path = Path(named["exempt"])
        label = _label(path, Path(root))
        exemptions = _exemptions(_read(path, label), label)
    return Lexicon(entries, exemptions)


def _label(path: Path, root: Path) -> str:
    from generator.findings import rel

    return rel(path, root)


def default() -> Lexicon:
    """The default lists alone (no site files)."""
    return _load("", (), ())
