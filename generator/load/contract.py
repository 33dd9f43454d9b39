"""The data contract (generator/data/contract.yml) applied to one parsed brand.yml.

Each type has one converter that takes the raw YAML value and returns the clean value
plus the problems found, with the path inside the document so the caller can point at it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

import yaml

from generator.load.dates import explain as explain_date
from generator.load.dates import month_or_date
from generator.model import Contact, Honor, Photo


@dataclass(frozen=True)
class FieldSpec:
    key: str
    type: str
    required: str  # yes | criteria | no
    label: str
    hint: str = ""  # what the web form shows under the field
    aka: tuple[str, ...] = ()  # other Chinese words an editor may write for the key


@dataclass(frozen=True)
class Contract:
    fields: dict[str, FieldSpec]
    contact_keys: dict[str, str]
    categories: tuple[str, ...]


@lru_cache(maxsize=1)
def default_contract() -> Contract:
    raw = yaml.safe_load(resources.files("generator.data").joinpath("contract.yml").read_text("utf-8"))
    fields = {
        key: FieldSpec(key, spec["type"], _required(spec["required"]), spec["label"], spec.get("hint", ""),
                       tuple(spec.get("aka") or ()))
        for key, spec in raw["fields"].items()
    }
    return Contract(fields, dict(raw["contact_keys"]), tuple(raw["categories"]))


def _required(value) -> str:
    # YAML 1.1 reads a bare ``yes`` / ``no`` as a boolean
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)


@dataclass(frozen=True)
class Problem:
    path: tuple
    rule: str
    message: str
    at_key: bool = False  # point at the key rather than the value


def suggest(word: str, candidates) -> str:
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"（是不是想写“{match[0]}”？）" if match else ""


RECORD_KEYS = {"honors": ("year", "title"), "gallery": ("file", "caption")}


def chinese_names(contract: Contract) -> dict[str, str]:
    """Every Chinese word the contract gives a key (its label and its aka) → the key in English."""
    names = {word: key for key, spec in contract.fields.items() for word in (spec.label, *spec.aka)}
    names.update({label: key for key, label in contract.contact_keys.items()})
    return names


def known_keys(contract: Contract) -> dict[str, str]:
    """The keys a brand.yml may hold at any depth, in English and in Chinese → the key in English."""
    english = {*contract.fields, *contract.contact_keys, *(k for keys in RECORD_KEYS.values() for k in keys)}
    return {**chinese_names(contract), **{key: key for key in english}}


def english_for(word: str, contract: Contract, keys) -> str:
    """A hint for a key written in Chinese: its English name, when the contract knows the word (in
    ``keys``, the keys allowed where it was written); else a close English key, if any."""
    key = chinese_names(contract).get(word.strip())
    if key in keys:
        return f"：键要用英文，“{word.strip()}”请写成 {key}"
    return suggest(word, keys)


_TYPE_NAMES = {
    "str": "文字",
    "url_name": "小写字母、数字和连字符（如 wendang-lianxinqiao）",
    "path": "文件路径（文字）",
    "text_list": "文字列表（每行以“- ”开头）",
    "aspect_map": "“方面: 内容”的映射，内容可以是文字或文字列表",
    "text_map": "“名称: 内容”的映射",
    "contact": "包含 hotline、complaint、address、hours 的映射",
    "month": "日期（YYYY-MM 或 YYYY-MM-DD）",
    "honors": "列表，每项包含 year 和 title",
    "gallery": "列表，每项包含 file 和 caption",
    "status": "published 或 draft",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, float) and not math.isfinite(value):
        return "无效的数字（.nan 或 .inf）"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, str):
        return "文字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "一组“键: 值”"
    if isinstance(value, (dt.date, dt.datetime)):
        return "日期"
    return type(value).__name__


def _not_text(item: Any) -> str:
    """Why a value that should be text is not, as the editor can mend it: most often a half-width colon and a
    space inside the text, which YAML reads as a key and its value."""
    if isinstance(item, dict):
        return "这里的半角冒号加空格“: ”让它成了“键: 值”：文字里的冒号请用全角“：”，或给这一项两头加上半角引号"
    return f"这里写成了{_describe(item)}"


def _type_error(path: tuple, spec_type: str, value: Any, label: str) -> Problem:
    return Problem(path, "contract.type", f"{label}应为{_TYPE_NAMES[spec_type]}，这里写成了{_describe(value)}")


def _text(value: Any) -> str | None:
    """Scalars an editor means as text: numbers and dates are fine as text (电话 12345)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and not math.isfinite(value):  # .nan, .inf: never a text
        return None
    if isinstance(value, (str, int, float, dt.date)):
        return str(value).strip()
    return None


def conv_str(path, value, label):
    text = _text(value)
    if text is None:
        return None, [_type_error(path, "str", value, label)]
    return text, []


URL_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def conv_url_name(path, value, label):
    if not isinstance(value, str) or not URL_NAME.match(value.strip()):
        return None, [_type_error(path, "url_name", value, label)]
    return value.strip(), []


def conv_path(path, value, label):
    if not isinstance(value, str):
        return None, [_type_error(path, "path", value, label)]
    return value.strip(), []


def conv_text_list(path, value, label):
    if isinstance(value, str) or not isinstance(value, list):
        return [], [_type_error(path, "text_list", value, label)]
    out, problems = [], []
    for i, item in enumerate(value):
        text = _text(item)
        if text is None:
            problems.append(Problem(path + (i,), "contract.type", f"{label}第 {i + 1} 项应为文字，{_not_text(item)}"))
        elif text:
            out.append(text)
    return out, problems


def conv_aspect_map(path, value, label):
    if not isinstance(value, dict):
        return {}, [_type_error(path, "aspect_map", value, label)]
    out, problems = {}, []
    for key, item in value.items():
        sub = path + (str(key),)
        if isinstance(item, list):
            texts, sub_problems = conv_text_list(sub, item, f"{label}“{key}”")
            problems += sub_problems
            if texts:
                out[str(key)] = texts
        else:
            text = _text(item)
            if text is None:
                problems.append(Problem(sub, "contract.type", f"{label}“{key}”应为文字或文字列表，{_not_text(item)}"))
            elif text:
                out[str(key)] = [text]
    return out, problems


def conv_text_map(path, value, label):
    if not isinstance(value, dict):
        return {}, [_type_error(path, "text_map", value, label)]
    out, problems = {}, []
    for key, item in value.items():
        text = _text(item)
        if text is None:
            problems.append(Problem(path + (str(key),), "contract.type", f"{label}“{key}”应为文字，{_not_text(item)}"))
        elif text:
            out[str(key)] = text
    return out, problems


def conv_contact(path, value, label, contract: Contract):
    if not isinstance(value, dict):
        return Contact(), [_type_error(path, "contact", value, label)]
    fields, problems = {}, []
    for key, item in value.items():
        key = str(key)
        if key not in contract.contact_keys:
            problems.append(Problem(path + (key,), "contract.unknown-key",
                                    f"联系方式中没有“{key}”这一项{english_for(key, contract, contract.contact_keys)}", at_key=True))
            continue
        text, sub = conv_str(path + (key,), item, contract.contact_keys[key])
        problems += sub
        fields[key] = text or None
    return Contact(**fields), problems


def conv_month(path, value, label):
    text = month_or_date(value)
    if text is not None:
        return text, []
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return None, [Problem(path, "contract.type", f"{label}“{value}”{explain_date(value)}")]
    return None, [_type_error(path, "month", value, label)]


def _records(path, value, label, spec_type, keys: tuple[str, ...], noun: str, problems: list):
    """Items of a list of small mappings (honours, photos), with unknown keys reported."""
    if not isinstance(value, list):
        problems.append(_type_error(path, spec_type, value, label))
        return
    for i, item in enumerate(value):
        sub = path + (i,)
        if not isinstance(item, dict):
            problems.append(Problem(sub, "contract.type", f"{label}第 {i + 1} 项应包含 {' 和 '.join(keys)}"))
            continue
        for k in item:
            if k not in keys:
                problems.append(Problem(sub + (str(k),), "contract.unknown-key",
                                        f"{noun}中没有“{k}”这一项{suggest(str(k), keys)}", at_key=True))
        yield i, sub, item


def conv_honors(path, value, label):
    out, problems = [], []
    for i, sub, item in _records(path, value, label, "honors", RECORD_KEYS["honors"], "荣誉", problems):
        year = item.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1949 <= year <= 2100):
            problems.append(Problem(sub + ("year",), "contract.type", f"{label}第 {i + 1} 项的年份应为四位数字"))
            year = None
        title = _text(item.get("title"))
        if not title:
            problems.append(Problem(sub, "contract.required", f"{label}第 {i + 1} 项缺少 title（荣誉名称）"))
            continue
        out.append(Honor(year, title))
    return out, problems


def conv_gallery(path, value, label):
    out, problems = [], []
    for i, sub, item in _records(path, value, label, "gallery", RECORD_KEYS["gallery"], "图片", problems):
        file = item.get("file")
        if not isinstance(file, str) or not file.strip():
            problems.append(Problem(sub, "contract.required", f"{label}第 {i + 1} 项缺少 file（图片文件）"))
            continue
        out.append(Photo(file.strip(), _text(item.get("caption")) or ""))
    return out, problems


def conv_status(path, value, label):
    if value in ("published", "draft"):
        return value, []
    return "published", [Problem(path, "contract.type", f"{label}只能是 published（发布）或 draft（草稿），这里写成了“{value}”")]


CONVERTERS: dict[str, Callable] = {
    "str": conv_str,
    "url_name": conv_url_name,
    "path": conv_path,
    "text_list": conv_text_list,
    "aspect_map": conv_aspect_map,
    "text_map": conv_text_map,
    "month": conv_month,
    "honors": conv_honors,
    "gallery": conv_gallery,
    "status": conv_status,
}


def apply(data: dict, contract: Contract) -> tuple[dict[str, Any], list[Problem]]:
    """Check keys and types; return clean values for the keys that passed."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, raw in data.items():
        key_text = str(key)
        spec = contract.fields.get(key_text)
        if spec is None:
            problems.append(Problem((key_text,), "contract.unknown-key",
                                    f"未知的键“{key_text}”{english_for(key_text, contract, contract.fields)}", at_key=True))
            continue
        if raw is None:
            continue  # an empty value counts as missing, reported below when required
        if spec.type == "contact":
            value, sub = conv_contact((key_text,), raw, spec.label, contract)
        else:
            value, sub = CONVERTERS[spec.type]((key_text,), raw, spec.label)
        problems += sub
        values[key_text] = value
    for spec in contract.fields.values():
        if spec.required == "yes" and not values.get(spec.key) and not any(p.path[:1] == (spec.key,) for p in problems):
            problems.append(Problem((), "contract.required", f"缺少必填项 {spec.key}（{spec.label}）"))
    if values.get("category") and values["category"] not in contract.categories:
        problems.append(Problem(("category",), "contract.category",
                                f"类别“{values['category']}”不在本站类别中（{'、'.join(contract.categories)}）{suggest(values['category'], contract.categories)}"))
    return values, problems
