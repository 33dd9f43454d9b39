"""The YAML mistakes a Chinese keyboard makes, found by their real cause.

PyYAML stops where the grammar breaks, which is often a line or many lines after the mistake, and names
the grammar ("could not find expected ':'"), not the mistake. Office staff type brand.yml in 记事本 or WPS
with a Chinese input method: a full-width colon “：” after a key, a full-width space or a Tab in the
indentation, no space after “:”, a quote with no partner, a list dash typed as “—”. This module looks at the
source around where PyYAML stopped (or, when the file parses, at values that are plainly mistyped) and
reports the line and column of the cause, in Chinese, with the fix.

The characters and their names are data (generator/data/keyboard.yml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from generator.findings import Position


@dataclass(frozen=True)
class Cause:
    position: Position
    message: str
    kind: str = ""  # indent, dash, colon, space, quote, comma: the same mistake on other lines is named once


@dataclass(frozen=True)
class _Keyboard:
    syntax: dict[str, tuple[str, str]]  # character → (name, the ASCII character YAML needs)
    fixes: dict[str, str]  # ASCII character → how to type it
    indent: dict[str, str]  # a character that looks like a space → its name
    not_keys: frozenset[str]  # words before a colon that begin an address (http://…)

    def like(self, ascii_: str) -> str:
        """Every character typed in place of ``ascii_``."""
        return "".join(ch for ch, (_, a) in self.syntax.items() if a == ascii_)

    def name(self, ch: str) -> str:
        return self.syntax[ch][0] if ch in self.syntax else self.indent.get(ch, f"U+{ord(ch):04X}")

    def fix(self, ch: str) -> str:
        """How to type what ``ch`` was typed for: 半角冒号加一个空格“: ” for “：”."""
        ascii_ = self.syntax[ch][1]
        return self.fixes.get(ascii_, f"半角的“{ascii_}”")


@lru_cache(maxsize=1)
def keyboard() -> _Keyboard:
    raw = yaml.safe_load(resources.files("generator.data").joinpath("keyboard.yml").read_text("utf-8"))
    return _Keyboard({ch: (name, ascii_) for ch, (name, ascii_) in raw["syntax"].items()}, dict(raw["fix"]),
                     dict(raw["indent"]), frozenset(raw["not_keys"]))


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")


_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks, which its marks count


def _lines(text: str) -> list[str]:
    return _BREAK.split(text)


def _short(text: str, size: int = 12) -> str:
    text = text.strip()
    return text if len(text) <= size else text[:size] + "…"


@lru_cache(maxsize=1)
def _key_pattern() -> re.Pattern:
    """A key (up to 40 characters, no quote, bracket or comment sign in it) and the colon after it,
    ASCII or not."""
    kb = keyboard()
    colons = re.escape(":" + kb.like(":"))
    quotes = re.escape("\"'" + kb.like('"') + kb.like("'"))
    return re.compile(rf"([^\s#{colons}{quotes}\[\]{{}},]{{1,40}}?)[ \u3000]*([{colons}])")


class _Line:
    """One source line cut into what YAML would see: indentation, list dashes, key, colon, value."""

    def __init__(self, line: str, number: int):
        kb = keyboard()
        self.text, self.number = line.rstrip("\r"), number
        spaces = " " + "".join(kb.indent)
        self.indent = len(self.text) - len(self.text.lstrip(spaces))
        col, rest = self.indent, self.text[self.indent:]
        self.item = False
        while rest.startswith("- ") or rest == "-":
            self.item = True
            stripped = rest[1:].lstrip(" ")
            col, rest = col + len(rest) - len(stripped), stripped
        self.body_col, self.body = col, rest  # after the indentation and any list dashes
        m = _key_pattern().match(rest)
        self.key = m.group(1) if m else None
        self.colon = m.group(2) if m else None
        self.colon_col = col + m.start(2) if m else None
        self.after = rest[m.end():] if m else rest  # the value as written (when there is one)

    def at(self, col: int) -> Position:
        return Position(self.number, col + 1)


def _indentation(line: _Line) -> Cause | None:
    kb = keyboard()
    for i, ch in enumerate(line.text[: line.indent]):
        if ch in kb.indent:
            return Cause(line.at(i), f"第 {line.number} 行的缩进里有{kb.name(ch)}：YAML 只能用半角空格缩进，"
                                     "请删掉它，改用半角空格与同一级对齐", "indent")
    return None


def _dash(line: _Line) -> Cause | None:
    """A list item's dash typed as something else (a full-width dash, a bullet), or with no space after it."""
    kb = keyboard()
    ch, after = line.body[:1], line.body[1:2]
    if ch and ch in kb.like("-") and after in (" ", "\u3000"):
        return Cause(line.at(line.body_col), f"第 {line.number} 行的列表符号用了{kb.name(ch)}“{ch}”："
                                            f"请改成{kb.fix(ch)}", "dash")
    if ch == "-" and after and not (after.isspace() or after.isdigit() or after in "-.+"):  # not -5, ---
        return Cause(line.at(line.body_col), f"第 {line.number} 行的“-”后面缺少空格：列表的每一项要写成"
                                            f"“- ”加内容，如 - {_short(line.body[1:])}", "dash")
    return None


def _key_colon(line: _Line, only=None, names=None) -> Cause | None:
    """A key followed by a full-width colon, or by a colon with no space after it. ``only``: when given,
    only these keys count (text inside a value may use a full-width colon). ``names``: a key's English
    name, which the fix shows, by its Chinese one. After a list dash only an English key counts:
    “- 承诺：当日办结” is text."""
    kb = keyboard()
    if line.key is None:
        return None
    key, value = line.key, _short(line.after)
    if line.item and not _IDENTIFIER.match(key):
        return None  # “- 承诺：当日办结” is a list item's text
    if only is not None and key not in only:
        return None
    english = (names or {}).get(key, key)
    also = f"（键要用英文，“{key}”写成 {english}）" if english != key else ""
    if line.colon != ":":
        return Cause(line.at(line.colon_col), f"第 {line.number} 行用了{kb.name(line.colon)}“{line.colon}”，"
                                              f"请改成{kb.fix(line.colon)}，写成 {english}: {value}{also}", "colon")
    after = line.after[:1]
    if after in ("", " ", "\t") or key.lower() in kb.not_keys or after == "/" or key.isdigit():
        return None
    if after in kb.indent:
        return Cause(line.at(line.colon_col + 1), f"第 {line.number} 行冒号后面是{kb.name(after)}，"
                                                  f"请改成半角空格，写成 {english}: {_short(line.after[1:])}{also}", "space")
    return Cause(line.at(line.colon_col), f"第 {line.number} 行“{key}:”的冒号后面缺少空格，"
                                          f"请在半角冒号后加一个空格，写成 {english}: {value}{also}", "space")


def _quote(line: _Line, start: int | None = None) -> Cause | None:
    """A value that opens with a quote and has no partner on its line. ``start``: the column of the
    quote when PyYAML says where it is."""
    kb = keyboard()
    if start is None:
        start, value = _value(line)
        if not value[:1] or value[0] not in "\"'":
            return None
    q = line.text[start]
    rest = line.text[start + 1:]
    closing = r'(?:\\.|[^"\\])*"' if q == '"' else r"(?:''|[^'])*'"
    if re.match(closing, rest):
        return None
    chinese = kb.like(q)
    wrong = next((ch for ch in reversed(rest) if ch in chinese), None)
    if wrong:
        how = f"开头是半角引号 {q}，结尾却是{kb.name(wrong)}“{wrong}”；请把两头改成同样的半角引号 {q}，或两个都删掉"
    else:
        how = f"以 {q} 开头，却没有 {q} 结尾；请在这一项末尾补上 {q}，或把开头的 {q} 删掉"
    return Cause(line.at(start), f"第 {line.number} 行的引号没有配对：{how}", "quote")


def _value(line: _Line) -> tuple[int, str]:
    """Where the value of a line starts, and the value as written: after “key: ”, or after “- ”."""
    value = line.after if line.colon == ":" else (line.body if line.item and line.key is None else "")
    stripped = value.lstrip(" ")
    return len(line.text) - len(stripped), stripped


def _syntax_typed_wide(line: _Line) -> Cause | None:
    """A value YAML must read as syntax, typed with Chinese characters: opened with a Chinese quote yet
    holding “: ” (which only a real quote protects), or a bracket pair of which one is full-width."""
    kb = keyboard()
    start, value = _value(line)
    if not value:
        return None
    quotes, opens = kb.like('"') + kb.like("'"), "[{" + kb.like("[") + kb.like("{")
    brackets = kb.like("[") + kb.like("]") + kb.like("{") + kb.like("}")
    if value[0] in quotes and ": " in value:
        return Cause(line.at(start), f"第 {line.number} 行用了{kb.name(value[0])}“{value[0]}”当作引号：YAML 只认半角引号，"
                                     f"请把两头改成{kb.fix(value[0])}", "quote")
    if value[0] in opens:
        wide = next((i for i, ch in enumerate(value) if ch in brackets), None)
        if wide is not None:
            ch = value[wide]
            return Cause(line.at(start + wide), f"第 {line.number} 行用了{kb.name(ch)}“{ch}”，请改成{kb.fix(ch)}",
                         "bracket")
    return None


def line_cause(text: str, number: int, names=None) -> Cause | None:
    """The keyboard mistake on one line, if it has one."""
    line = _Line(text, number)
    return (_indentation(line) or _dash(line) or _key_colon(line, None, names) or _quote(line)
            or _syntax_typed_wide(line))


def _first_of(causes: list[Cause]) -> Cause:
    """The first cause, naming the other lines with the same mistake, so that all are fixed at once."""
    cause, same = causes[0], [c.position.line for c in causes[1:] if c.kind == causes[0].kind]
    if not same:
        return cause
    return Cause(cause.position, f"{cause.message}；第 {'、'.join(map(str, same))} 行也是这样，请一并改正", cause.kind)


def after_failure(text: str, error: yaml.MarkedYAMLError, names=None) -> Cause | None:
    """The real cause of a parse failure. PyYAML stops where the grammar breaks; the mistake is on a line
    of the piece it could not finish: from where it began that piece (its context mark), or the few lines
    one statement spans, down to where it stopped. The first mistake there is reported, naming the other
    lines with the same one. Failing that, a quote with no partner further up, which swallows every line
    to the next quote. ``names``: English key names by their Chinese ones, for the fix."""
    lines = _lines(text)
    mark, context = error.problem_mark, error.context_mark
    if mark is None:
        return None
    last = min(mark.line, len(lines) - 1)
    if context is not None and "quoted scalar" in (error.context or "") and context.line < len(lines):
        found = _quote(_Line(lines[context.line], context.line + 1), context.column)
        if found:
            return found
    first = max(0, last - 3)
    if context is not None and context.line < first:
        first = context.line
    causes = [c for c in (line_cause(lines[i], i + 1, names) for i in range(first, last + 1)) if c]
    while causes and first > 0:  # the same mistake on the lines just above: where the run of it begins
        above = line_cause(lines[first - 1], first, names)
        if above is None or above.kind != causes[0].kind:
            break
        causes.insert(0, above)
        first -= 1
    if causes:
        return _first_of(causes)
    for i in range(first - 1, -1, -1):
        found = _quote(_Line(lines[i], i + 1))
        if found:
            return found
    return None


@lru_cache(maxsize=1)
def _head() -> re.Pattern:
    """How a text value begins when it holds a key and a colon, or a list dash typed full-width."""
    kb = keyboard()
    colons, dashes = re.escape(":" + kb.like(":")), re.escape(kb.like("-"))
    return re.compile(rf"[^\s{colons}]{{1,40}}?[ \u3000]*[{colons}]|[{dashes}][ \u3000]")


@lru_cache(maxsize=1)
def _suspect() -> re.Pattern:
    """A line that may hold what in_document looks for: a full-width space in its indentation, a list dash
    typed full-width, a Chinese quote, or a first word followed by a full-width colon or a colon with no
    space; or a full-width comma inside [ ]. Most files have none, and are passed over in one search."""
    kb = keyboard()
    colons, dashes = re.escape(kb.like(":")), re.escape(kb.like("-"))
    commas = re.escape(kb.like(","))
    indent = re.escape("".join(ch for ch in kb.indent if ch != "\t"))
    word = rf"[^\s:{colons}#\"'\[\]{{}},]{{1,40}}?[ {indent}]*(?:[{colons}]|:[^\s/])"
    # each branch begins with a literal character, so the search skips from one to the next
    quotes = re.escape(kb.like('"') + kb.like("'"))
    return re.compile(rf"\n *(?:[{indent}]|(?:- +)*(?:[{dashes}][ {indent}]|[{quotes}]|{word}))|\[[^\]\n]*[{commas}]")


def in_document(text: str, root, known) -> list[Cause]:
    """Mistakes in a file that parsed: a key indented with a full-width space, a line such as
    ``slogan：办事到驿站`` that YAML read as text (of a list item, or of the value above it), a list
    dash typed full-width, a flow list parted by full-width commas. ``known``: the keys a brand.yml may
    have, in English and in Chinese, each → its English name. One walk over the nodes; a value is looked at closely only when its
    beginning or its second line make it a suspect."""
    if root is None or not _suspect().search("\n" + text):
        return []
    kb, head = keyboard(), _head()
    quotes = kb.like('"') + kb.like("'")
    lines = _lines(text)
    causes: dict[int, Cause] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        found = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value[:1] in kb.indent:
                    found = found or _indentation(_Line(lines[key.start_mark.line], key.start_mark.line + 1))
                elif isinstance(key, yaml.ScalarNode) and not key.style and key.value[:1] in quotes:
                    found = found or _quoted_key(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
            if node.flow_style:
                found = next(filter(None, (_comma(lines, item) for item in node.value
                                           if isinstance(item, yaml.ScalarNode) and not item.style)), None)
        elif isinstance(node, yaml.ScalarNode) and not node.style:  # plain: neither quoted nor a block
            if node.start_mark.line != node.end_mark.line or head.match(node.value):
                found = _swallowed(lines, node, known)
        if found:
            causes.setdefault(found.position.line, found)
    return [causes[line] for line in sorted(causes)]


def _swallowed(lines: list[str], node, known) -> Cause | None:
    """A plain text value that holds what was meant as YAML: it begins at the start of its line (a list
    item, or a value on a line of its own) with a dash typed full-width or a known key and a mistyped
    colon, or a later line of it does (YAML joined that line to the value above)."""
    start, end = node.start_mark, node.end_mark
    first = _Line(lines[start.line], start.line + 1)
    found = []
    if start.column == first.body_col:
        found.append(_dash(first) or _key_colon(first, known, known))
    for i in range(start.line + 1, min(end.line, len(lines) - 1) + 1):
        line = _Line(lines[i], i + 1)
        found.append(_indentation(line) or _dash(line) or _key_colon(line, known, known))
    found = [c for c in found if c]
    return _first_of(found) if found else None


def _quoted_key(key) -> Cause | None:
    """“办事: 快” read as a key and a value: a Chinese quote where a real one would have kept “: ” as text."""
    kb = keyboard()
    ch, line = key.value[0], key.start_mark.line + 1
    return Cause(Position(line, key.start_mark.column + 1), f"第 {line} 行用了{kb.name(ch)}“{ch}”当作引号：YAML 只认"
                 f"半角引号，引号里的“: ”被当成了键和值；请把两头改成{kb.fix(ch)}", "quote")


def _comma(lines: list[str], item) -> Cause | None:
    """A flow list ``[a，b]`` whose items were parted by a full-width comma."""
    kb = keyboard()
    commas = kb.like(",")
    if item.start_mark.line != item.end_mark.line:
        return None
    source = lines[item.start_mark.line][item.start_mark.column:item.end_mark.column]
    for i, ch in enumerate(source):
        if ch in commas:
            return Cause(Position(item.start_mark.line + 1, item.start_mark.column + i + 1),
                         f"第 {item.start_mark.line + 1} 行的列表各项之间用了{kb.name(ch)}“{ch}”，"
                         f"请改成{kb.fix(ch)}", "comma")
    return None


def in_value(text: str, node) -> Cause | None:
    """Why a value written as text was not read as the list or mapping (or the word) it should be: the
    first character in it typed in place of YAML's own where YAML would have read it as syntax: a colon
    or a bracket anywhere (【a, b】 for [a, b], “：” for “: ”), a comma inside brackets, a dash at the
    start, quotes around the whole value (“draft”). A comma or a quote inside text is text."""
    kb = keyboard()
    lines = _lines(text)
    start, end = node.start_mark, node.end_mark
    spots = []  # (line, column, character) of the value as written
    for i in range(start.line, min(end.line, len(lines) - 1) + 1):
        lo = start.column if i == start.line else 0
        hi = min(end.column, len(lines[i])) if i == end.line else len(lines[i])
        spots += [(i, col, lines[i][col]) for col in range(lo, hi)]
    written = "".join(ch for _, _, ch in spots).strip()
    if not written:
        return None
    first = _Line(lines[start.line], start.line + 1)
    if first.body_col == start.column:  # a list written with no space after its first dash, or a bullet
        dash = _dash(first)
        if dash is not None:
            return dash
    opens = kb.like("[") + kb.like("{") + "[{"
    quotes = kb.like('"') + kb.like("'")
    for n, (i, col, ch) in enumerate(spots):
        if ch not in kb.syntax:
            continue
        ascii_ = kb.syntax[ch][1]
        if (ascii_ in ":[]{}" or (ascii_ == "," and written[0] in opens) or (ascii_ == "-" and n == 0)
                or (ch in quotes and written[0] in quotes and written[-1] in quotes)):
            return Cause(Position(i + 1, col + 1), f"第 {i + 1} 行用了{kb.name(ch)}“{ch}”，请改成{kb.fix(ch)}", "value")
    return None
