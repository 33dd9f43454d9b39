"""Site identity: ``site_url``, the 网站标识码 (``extra.government.site_code``), the ICP and 公安 record numbers
(``extra.government.icp``, ``extra.government.police``) in mkdocs.yml, checked for form.

A placeholder (an example domain, an all-zero code, 某ICP…) or a malformed value makes ``deploy``, ``publish``
and the kiosk refuse (`refusal`), since the inspection checks these marks and the kiosk's QR codes lead to
``site_url``; ``build`` and ``check`` only warn (`findings`), so the demo site and a site in preparation build.
An empty value is a warning everywhere: it is not shown, and an intranet site may have no ICP number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.config import SiteConfig
from generator.findings import Finding, Position, Severity, rel

STANDARD = "站点标识"
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

# (key path, Chinese name, what a real value looks like)
KEYS = (
    (("site_url",), "网站地址", "本站的正式网址，如 https://pinpai.某市.gov.cn/"),
    (("extra", "government", "site_code"), "网站标识码", "全国政府网站基本数据库分配的 10 位网站标识码，如 3702000012"),
    (("extra", "government", "icp"), "ICP 备案号", "工业和信息化部备案系统中的备案号，如 鲁ICP备05012345号-1"),
    (("extra", "government", "police"), "公安机关备案号", "全国互联网安全管理服务平台的备案号，如 鲁公网安备 37020202000123号"),
)


@dataclass(frozen=True)
class Problem:
    key: str  # dotted, as written in mkdocs.yml
    position: Position
    message: str
    blocking: bool  # a placeholder or a malformed value (not just an empty one)


def _placeholder_host(host: str) -> bool:
    labels = host.lower().split(".")
    return (not host or "example" in labels or any(l.startswith("example") for l in labels)
            or host in ("localhost", "127.0.0.1", "0.0.0.0") or labels[-1] in ("test", "invalid", "localhost", "local")
            or any(l in ("xxx", "your-site", "yoursite", "domain") for l in labels))


def _check_url(value: str) -> tuple[str, bool] | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or "." not in parts.hostname:
        return f"“{value}”不是完整的网址（应以 https:// 开头，含域名）", True
    if _placeholder_host(parts.hostname):
        return f"“{value}”是示例网址", True
    return None


def _check_code(value: str) -> tuple[str, bool] | None:
    if not re.fullmatch(r"[0-9]{10}|bm[0-9]{8}", value):
        return f"“{value}”不是 10 位网站标识码（10 位数字，部门网站为 bm 加 8 位数字）", True
    digits = value[-8:]
    if set(digits) == {"0"} or len(set(value)) == 1 or value in ("1234567890", "0123456789"):
        return f"“{value}”是占位符", True
    return None


def _check_icp(value: str) -> tuple[str, bool] | None:
    if value.startswith("某") or "00000000" in value or "X" in value.upper().replace("ICP", ""):
        return f"“{value}”是占位符", True
    if not re.fullmatch(rf"[{_PROVINCES}]ICP备[0-9]{{8,10}}号(?:-[0-9]{{1,3}})?", value.replace(" ", "")):
        return f"“{value}”不像 ICP 备案号（省份简称 + ICP备 + 8 位数字 + 号，如 鲁ICP备05012345号-1）", True
    return None


def _check_police(value: str) -> tuple[str, bool] | None:
    if value.startswith("某") or re.search(r"0{8,}", value):
        return f"“{value}”是占位符", True
    if not re.fullmatch(rf"[{_PROVINCES}]公网安备[0-9]{{14}}号", value.replace(" ", "")):
        return f"“{value}”不像公安机关备案号（省份简称 + 公网安备 + 14 位数字 + 号）", True
    return None


_CHECKS = (_check_url, _check_code, _check_icp, _check_police)


def problems(config: SiteConfig) -> list[Problem]:
    raw = config.raw or {}
    positions = _positions(config)
    out = []
    for (path, name, example), check in zip(KEYS, _CHECKS):
        value = raw
        for step in path:
            value = value.get(step) if isinstance(value, dict) else None
        key = ".".join(path)
        where = positions.get(path, Position())
        text = "" if value is None else str(value).strip()
        if not text:
            out.append(Problem(key, where, f"{name}（{key}）没有填写：请填写{example}", False))
            continue
        found = check(text)
        if found:
            message, blocking = found
            out.append(Problem(key, where, f"{name}（{key}）{message}：请填写{example}", blocking))
    return out


def findings(config: SiteConfig) -> list[Finding]:
    """What `check` and `build` say: a warning per problem, at its line in mkdocs.yml."""
    label = rel(config.config_file, config.root)
    return [Finding(label, p.position, Severity.WARNING, "site.identity", STANDARD,
                    p.message + ("；部署、推送公众号和开放日展示屏会拒绝执行" if p.blocking else ""))
            for p in problems(config)]


def refusal(config: SiteConfig, action: str) -> str | None:
    """Why ``action`` (部署, 推送, 展示屏) must not go ahead, in Chinese; None when the identity is real."""
    blocking = [p for p in problems(config) if p.blocking]
    if not blocking:
        return None
    label = rel(config.config_file, config.root)
    lines = [f"{label}:{p.position.line}:{p.position.column}: {p.message}" for p in blocking]
    return (f"站点标识还是示例值或格式不对，不能{action}（政府网站检查会核对网站标识码、备案号，二维码也会指向这个网址）：\n"
            + "\n".join(lines) + "\n请在 mkdocs.yml 中填写本站的真实信息后再试。")


def _positions(config: SiteConfig) -> dict[tuple, Position]:
    """Where each key's value stands in mkdocs.yml (composed, not constructed: MkDocs' own tags are harmless)."""
    try:
        node = yaml.compose(config.config_file.read_text("utf-8-sig"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    out = {}
    for path, *_ in KEYS:
        current = node
        for step in path:
            if not isinstance(current, yaml.MappingNode):
                current = None
                break
            match = [v for k, v in current.value if isinstance(k, yaml.ScalarNode) and k.value == step]
            current = match[-1] if match else None
            if current is None:
                break
        if current is not None:
            out[path] = Position(current.start_mark.line + 1, current.start_mark.column + 1)
    return out


def refusal_at(root: Path, action: str) -> str | None:
    """`refusal` for the site at ``root``; None also when its config cannot be read (the command reports that)."""
    from generator.config import ConfigError, load_config

    try:
        config = load_config(root)
    except ConfigError:
        return None
    return refusal(config, action)
