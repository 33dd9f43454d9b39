"""YAML with positions.

PyYAML's C loader composes nodes with their marks at C speed; we keep the node tree
to map every value's path (e.g. ``("commitments", 2)``) to its line and column, so
every finding can point at the exact place an editor must fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import yaml

from generator.findings import Position
from generator.load import keyboard, limits

try:  # the C loader is an optional build of PyYAML
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class _Loader(_Base):
    """The safe loader, except that a date which does not exist (2021-02-30, 2020-13-01) stays the text
    it is: the field's reader reports it at its place, and the rest of the file is read as usual."""


def _timestamp_or_text(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def safe_load(text: str):
    """``text`` as plain data, read as the loader reads brand files (a date that does not exist stays text)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506  (_Loader is the safe loader)

Path_ = tuple  # a path into the document: keys and list indexes


@dataclass
class Document:
    """A parsed document and its node tree; positions are read off the tree only when a finding needs one."""

    data: Any
    text: str = ""
    node: Any = None  # the composed root node, which carries every mark
    duplicates: list[tuple[tuple, Position]] = field(default_factory=list)

    def _node(self, path: tuple):
        """The value node at ``path`` and the key node naming it, or None where the path leaves the tree."""
        node, key_node = self.node, None
        for step in path:
            if isinstance(node, yaml.MappingNode):
                match = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step]
                if not match:
                    return None, None
                key_node, node = match[-1]  # the constructor keeps the last of duplicate keys
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                key_node, node = None, node.value[step]
            else:
                return None, None
        return node, key_node

    def at(self, *path) -> Position:
        """Where the value at ``path`` starts; falls back to the nearest parent."""
        p = tuple(path)
        while p:
            node, _ = self._node(p)
            if node is not None:
                return _mark_position(node.start_mark)
            p = p[:-1]
        return _mark_position(self.node.start_mark) if self.node is not None else Position(1, 1)

    def key_at(self, *path) -> Position:
        node, key_node = self._node(tuple(path))
        return _mark_position(key_node.start_mark) if key_node is not None else self.at(*path)

    def release(self) -> None:
        """Let the node tree go once the checks are done: more than half of a loaded project's memory
        (280 MB at 10,000 brands). Later positions fall back to the start of the file."""
        self.node = None
        self.__dict__.pop("strings", None)
        self.__dict__.pop("joined", None)

    @cached_property
    def strings(self) -> list[tuple[tuple, str]]:
        """Every string (and number) value with its path."""
        return list(_strings(self.data, ()))

    @cached_property
    def joined(self) -> str:
        """Every value of ``strings`` in one text (in no particular order), so a rule can rule out a
        pattern with one search; the paths are only worked out for the few documents that match."""
        return "\n".join(_texts(self.data))

    def find(self, needle: str, start: Position) -> Position:
        """Where ``needle`` first occurs at or after ``start``: exact columns inside long values."""
        return locate(self.text, needle, start)


def locate(text: str, needle: str, start: Position = Position(1, 1)) -> Position:
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: start.line - 1]) + start.column - 1
    index = text.find(needle, max(offset, 0))
    if index < 0:
        index = text.find(needle)
    if index < 0:
        return start
    return position_at(text, index)


def position_at(text: str, index: int) -> Position:
    before = text[:index]
    return Position(before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1)


class YamlSyntaxError(Exception):
    def __init__(self, message: str, position: Position):
        super().__init__(message)
        self.message = message
        self.position = position


_TRANSLATIONS = [
    (r"found character '\\t' that cannot start any token", "含有制表符（Tab），YAML 只能用空格缩进"),
    (r"found a tab character", "含有制表符（Tab），YAML 只能用空格缩进"),
    (r"mapping values are not allowed (here|in this context)", "此处不能出现“键: 值”（常见原因：缩进不对，或冒号后缺少空格）"),
    (r"could not find expected ':'", "缺少冒号“:”（常见原因：上一行没有写完或缩进不对）"),
    (r"did not find expected key", "缩进不一致，找不到应有的键（检查本行与上一行的缩进）"),
    (r"did not find expected '-' indicator", "列表缩进不一致（检查“-”是否对齐）"),
    (r"found undefined alias", "引用了未定义的锚点（*别名）"),
    (r"found unexpected end of stream", "文件意外结束（引号或括号未闭合）"),
    (r"found unknown escape character", "字符串中有无法识别的转义字符（双引号内的“\\”）"),
    (r"expected <block end>, but found", "缩进不一致（本行的缩进与同级不符）"),
    (r"while scanning a quoted scalar", "引号未闭合"),
    (r"found character.*cannot start any token", "此处有不能作为开头的字符（如 @ 或 `，请给整个值加引号）"),
    (r"did not find expected node content", "此处应当写一个值，却是 YAML 不认识的写法（常见原因：括号没有配对，"
                                            "或值以 * & ! | > % @ ` 等符号开头；这样的值请加引号）"),
    (r"did not find expected alphabetic or numeric character", "“&”或“*”后面缺少名称：这两个符号在 YAML 里有特殊含义，"
                                                               "以它们开头的值请加引号"),
    (r"expected <document start>", "这一行不是“键: 值”的写法，或缩进与上面不一致（顶层的键要顶格写）"),
    (r"did not find expected comment or line break", "值写完后这一行还有多余的内容（常见原因：引号结束后又写了文字；"
                                                     "整个值请放在一对引号里）"),
    (r"directive name|non-alphabetical character", "行首的“%”在 YAML 里有特殊含义：以它开头的值请加引号"),
    (r"did not find expected whitespace or line break", "这里缺少空格或换行（常见原因：| 或 > 后面紧跟了文字；"
                                                        "以这些符号开头的值请加引号）"),
    (r"did not find expected '(,|-)' or '(\]|\})'", "方括号 [ ] 或花括号 { } 里的内容没有写完：检查逗号和右括号是否配对"),
    (r"URI escaped octet|expected tag URI|tag handle", "“!”在 YAML 里表示标签：以它开头的值请加引号"),
    (r"found unexpected ':'", "此处的冒号位置不对：含有冒号的值请加引号"),
    (r"mapping keys are not allowed", "此处不能出现以“?”开头的键：以“?”开头的值请加引号"),
    (r"block sequence entries are not allowed", "此处不能出现以“- ”开头的列表项（常见原因：缩进不对，或“- ”写在了值的后面）"),
    (r"expected a single document", "文件里有多个 YAML 文档（“---”分隔），只允许一个"),
    (r"could not determine a constructor for the tag", "使用了不支持的 YAML 标签（!标签）"),
]


def translate_problem(problem: str) -> str:
    for pattern, chinese in _TRANSLATIONS:
        if re.search(pattern, problem):
            return chinese
    return "这里的写法 YAML 无法识别：请对照上下几行检查冒号、引号、括号和缩进"


def _mark_position(mark) -> Position:
    if mark is None:
        return Position(1, 1)
    return Position(mark.line + 1, mark.column + 1)


def parse(text: str, names=None) -> Document:
    """Parse one YAML document. Raises YamlSyntaxError with a Chinese message, at the line of the cause.
    ``names``: the English keys by their Chinese names, for the fix of a key written in Chinese."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Document(data=None)
        _refuse_shared_and_deep(node)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        cause = keyboard.after_failure(text, exc, names)  # a full-width colon, a Tab, a quote with no partner …
        if cause is not None:
            raise YamlSyntaxError(cause.message, cause.position) from None
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or str(exc)
        if "tab" in problem.lower() or "\\t" in problem:
            problem = "found a tab character"
        raise YamlSyntaxError(translate_problem(problem), _mark_position(mark)) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on bad characters
        raise YamlSyntaxError(translate_problem(str(exc)), Position(1, 1)) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a scalar that looks typed and is not
        raise YamlSyntaxError(f"值无法解析（{exc}）", Position(1, 1)) from None
    finally:
        loader.dispose()
    doc = Document(data=data, text=text, node=node)
    _duplicate_keys(node, (), doc)
    return doc


MAX_DEPTH = limits.YAML_DEPTH


def _refuse_shared_and_deep(root) -> None:
    """Refuse aliases (*name), which editors never need and which let a few lines expand into millions of
    values, and nesting deeper than MAX_DEPTH; one pass over the composed nodes, without recursion."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            continue
        if id(node) in seen:
            raise YamlSyntaxError("不支持 YAML 锚点和别名（&名称 和 *名称）：这里引用了前面的内容，请把内容直接写出来",
                                  _mark_position(node.start_mark))
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(f"嵌套太深（超过 {MAX_DEPTH} 层）：请检查缩进或括号", _mark_position(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            stack.extend((child, depth + 1) for pair in node.value for child in pair)
        else:
            stack.extend((child, depth + 1) for child in node.value)


def _duplicate_keys(node, path: tuple, doc: Document) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            sub = path + (key_node.value,)
            if key_node.value in seen:
                doc.duplicates.append((sub, _mark_position(key_node.start_mark)))
            seen.add(key_node.value)
            _duplicate_keys(value_node, sub, doc)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _duplicate_keys(item, path + (index,), doc)


def _texts(data) -> list[str]:
    out, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, (str, int)) and not isinstance(item, bool):
            out.append(str(item))
    return out


def _strings(data, path: tuple):
    if isinstance(data, dict):
        for key, item in data.items():
            yield from _strings(item, path + (str(key),))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _strings(item, path + (index,))
    elif isinstance(data, (str, int)) and not isinstance(data, bool):
        yield path, str(data)
