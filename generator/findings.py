"""Findings: what every stage reports instead of raising."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        return "错误" if self is Severity.ERROR else "警告"


@dataclass(frozen=True)
class Position:
    line: int = 1  # 1-based, as editors count
    column: int = 1


@dataclass(frozen=True)
class Finding:
    path: str  # relative to the site root, with forward slashes
    position: Position
    severity: Severity
    rule: str
    standard: str  # Chinese title of the standard the rule belongs to
    message: str
    brand: str | None = None  # slug, when the finding belongs to a brand

    def sort_key(self):
        return (self.path, self.position.line, self.position.column, self.rule)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def extend(self, findings) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)


def rel(path: Path, root: Path) -> str:
    try:  # most paths are written under the root they are shown against
        return path.relative_to(root).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
