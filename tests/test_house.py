"""The house rule of issue 36: what brandsite uses of MkDocs, Material's search plugin and jieba although they do
not promise it (private names, and names of theirs that brandsite replaces) is used in generator/internals.py
alone, under its version check. Read from the source with `ast`, so a new use anywhere else fails here, naming
its file and line."""

from __future__ import annotations

import ast
from pathlib import Path

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
INTERNALS = GENERATOR / "internals.py"
PACKAGES = ("mkdocs", "material", "jieba")

# their private names brandsite reads or calls
PRIVATE = {"_populate_page", "_build_page", "_current_page", "_title_from_render"}
# their names brandsite replaces: an assignment to one is a patch
PATCHED = {"is_modified", "copy_file", "get_env", "write_file", "marshal", "list_templates", "jieba_dict_user"}
# their undocumented data brandsite reads: jieba's frequency table
UNPROMISED = {"FREQ"}
# any of them named in a string (getattr, setattr, hasattr), and Material's search plugin's index
NAMED = PRIVATE | PATCHED | UNPROMISED | {"search_index"}


def _ours(package: str | None) -> bool:
    return package is not None and package.split(".")[0] in PACKAGES


def _private_module(name: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in name.split("."))


def _targets(tree: ast.AST) -> set[int]:
    """The ids of the nodes assigned to (`a.b = ...`, `a.b += ...`, `del a.b`)."""
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                targets.update(id(n) for n in ast.walk(target))
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets.update(id(n) for n in ast.walk(node.target))
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                targets.update(id(n) for n in ast.walk(target))
    return targets


def violations(path: Path) -> list[str]:
    """Each use in ``path`` of a name only generator/internals.py may use, as "file:line: what"."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    assigned = _targets(tree)
    where = path.relative_to(GENERATOR.parent).as_posix()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and _ours(node.module):
            for alias in node.names:
                if alias.name.startswith("_") or _private_module(node.module):
                    found.append(f"{where}:{node.lineno}: from {node.module} import {alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _ours(alias.name) and _private_module(alias.name):
                    found.append(f"{where}:{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.Attribute):
            name = node.attr
            if name in PRIVATE or name in UNPROMISED:
                found.append(f"{where}:{node.lineno}: .{name}")
            elif name in PATCHED and id(node) in assigned:
                found.append(f"{where}:{node.lineno}: .{name} replaced")
            elif name == "entries" and isinstance(node.value, ast.Attribute) and node.value.attr == "search_index":
                found.append(f"{where}:{node.lineno}: .search_index.entries")
        elif isinstance(node, ast.Name) and node.id in PRIVATE:
            found.append(f"{where}:{node.lineno}: {node.id}")
        elif isinstance(node, ast.Constant) and node.value in NAMED:  # getattr(config, "_current_page")
            found.append(f"{where}:{node.lineno}: \"{node.value}\"")
    return sorted(found, key=lambda v: int(v.split(":")[1]))


def test_only_internals_uses_what_mkdocs_material_and_jieba_do_not_promise():
    found = [v for path in sorted(GENERATOR.rglob("*.py")) if path != INTERNALS for v in violations(path)]
    assert not found, "只有 generator/internals.py 可以用这些名字：\n" + "\n".join(found)


def test_internals_holds_them():
    """The rule above is not kept by a check that finds nothing anywhere."""
    assert len(violations(INTERNALS)) >= 8


def test_internals_imports_nothing_of_theirs_when_imported():
    """Importing it costs nothing: MkDocs, Material and jieba are imported inside its functions."""
    tree = ast.parse(INTERNALS.read_text("utf-8"))
    top = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    names = [alias.name for node in top for alias in node.names] + [node.module for node in top
                                                                    if isinstance(node, ast.ImportFrom)]
    assert not [name for name in names if name and (_ours(name) or name.split(".")[0] == "generator")]
