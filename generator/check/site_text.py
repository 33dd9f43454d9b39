"""The 错敏 check over the public text that is not a brand's: news posts and the other hand-written pages under
docs_dir (content/), and the round files' titles and notes (scores/*.yml). The same rules as for brands (those of
kind ``words_absent`` in the criteria), so a site sets their severities in one place."""

from __future__ import annotations

from pathlib import Path

from generator.check.checks import words_absent
from generator.check.criteria import Criteria
from generator.findings import Finding, rel
from generator.load import limits
from generator.load.yamlpos import YamlSyntaxError, locate, parse, position_at


def public_files(root: Path, docs_dir: str) -> list[Path]:
    """The hand-written pages (every Markdown file under docs_dir) and the round files, in a stable order."""
    pages = sorted((root / docs_dir).rglob("*.md")) if (root / docs_dir).is_dir() else []
    rounds = sorted((root / "scores").glob("*.yml")) if (root / "scores").is_dir() else []
    return [p for p in pages + rounds if p.is_file() and not p.is_symlink()]


def _read(path: Path) -> str | None:
    try:
        if path.stat().st_size > limits.FILE_BYTES["story.md"]:
            return None  # the readers of these files report their size
        return path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # and their encoding


def check_files(root: Path, docs_dir: str, criteria: Criteria) -> list[Finding]:
    rules = [r for r in criteria.rules if r.check == words_absent.KIND]
    if not rules:
        return []
    findings = []
    for path in public_files(root, docs_dir):
        text = _read(path)
        if not text:
            continue
        label = rel(path, root)
        for rule in rules:
            for position, values in _hits(rule, text, label, path.suffix == ".yml"):
                findings.append(Finding(label, position, rule.severity, rule.id,
                                        criteria.standards[rule.standard].title, _format(rule, values)))
    return findings


def _format(rule, values: dict) -> str:
    try:
        return rule.message.format(**{**rule.params, **values})
    except (KeyError, IndexError, ValueError):
        return rule.message


def _hits(rule, text: str, label: str, is_yaml: bool):
    from generator.check import lexicon as lexicon_mod

    lexicon = rule.params.get("lexicon") or lexicon_mod.default()
    name = rule.params["list"]
    if not words_absent.texts_of(lexicon, name, text, label):
        return
    if not is_yaml:
        for m in words_absent.texts_of(lexicon, name, text, label):
            yield position_at(text, m.start), words_absent.values(m)
        return
    try:  # a round file: its values (titles, notes), not its comments
        doc = parse(text)
    except YamlSyntaxError:
        return  # the round reader reports it
    for path, value in doc.strings:
        cursor = None
        for m in words_absent.texts_of(lexicon, name, str(value), label):
            cursor = locate(text, m.entry.word, cursor or doc.at(*path))
            yield cursor, words_absent.values(m)
            cursor = type(cursor)(cursor.line, cursor.column + 1)
