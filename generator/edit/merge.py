"""A form's save laid over the file it came from, so that what did not change stays byte for byte.

The form (Decap CMS) sends the whole entry as YAML of its own formatting. Written as it is, one
edited commitment would rewrite quoting, indentation and comments everywhere. Instead the original
is loaded with ruamel.yaml's round-trip loader and only values that differ are replaced: an
unchanged save writes nothing, one changed commitment changes that one line.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.util import load_yaml_guess_indent

from generator.load.yamlpos import safe_load

# Keys the form knows, as a tree: {key: subtree} for a mapping's fields, None for a value. A key the
# form does not show is never removed because the form left it out.
Known = dict[str, Any]


def merge(original: str, incoming: str, known: Known) -> str:
    """The original text with the incoming values laid over it (the original itself when equal)."""
    new = safe_load(incoming)  # an impossible date stays text: the checker then says which and why
    try:
        if _plain(safe_load(original)) == _plain(new) or not isinstance(new, dict):
            return original
        _, indent, offset = load_yaml_guess_indent(original)
        loader = YAML()
        loader.preserve_quotes = True
        loader.width = 1 << 20  # never fold a long line that was one line
        loader.indent(mapping=indent or 2, sequence=indent or 2, offset=offset or 0)
        doc = loader.load(original)
    except (yaml.YAMLError, RuamelError, ValueError):  # ValueError: ruamel.yaml on a date that does not exist
        return incoming  # a file that does not parse has nothing to keep: the form's values replace it
    if not isinstance(doc, dict):
        return incoming
    _map(doc, new, known)
    out = io.StringIO()
    loader.dump(doc, out)
    return out.getvalue()


def fields_known(fields: list[dict]) -> Known:
    """The Known tree of a Decap collection's fields."""
    tree: Known = {}
    for spec in fields:
        tree[spec["name"]] = fields_known(spec["fields"]) if spec.get("fields") else None
    return tree


def _map(old, new: dict, known: Known | None) -> None:
    for key in [k for k in old if k not in new and (known is None or k in known)]:
        del old[key]
    for position, (key, value) in enumerate(new.items()):
        sub = known.get(key) if known else None
        if key not in old:
            old.insert(_insert_at(old, new, position), key, value)
        else:
            old[key] = _value(old[key], value, sub)


def _insert_at(old, new: dict, position: int) -> int:
    """After the last key that comes before this one in the form's order and is already in the file."""
    keys = list(old)
    before = [keys.index(k) for k in list(new)[:position] if k in old]
    return max(before) + 1 if before else 0


def _value(old, new, known: Known | None):
    if isinstance(old, dict) and isinstance(new, dict):
        _map(old, new, known)
        return old
    if isinstance(old, list) and isinstance(new, list):
        for i, item in enumerate(new[:len(old)]):
            old[i] = _value(old[i], item, known)
        del old[len(new):]
        old.extend(new[len(old):])
        return old
    return old if _plain(old) == _plain(new) else new


def _plain(value):
    """Values as the checker reads them: 12345 and "12345", a date and its ISO text, are the same."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return value
    return str(value)
