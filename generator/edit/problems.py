"""What the web form tells an editor whose save the checker refuses: each error with the field it is about,
named as the form labels it (服务承诺：…), so the editor knows where to look without reading YAML."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.check.criteria import Criteria
from generator.check.run import check_across, check_brand
from generator.findings import Finding, Severity
from generator.load.brands import glance, load_brand
from generator.load.contract import Contract


def brand_errors(folder: Path, root: Path, contract: Contract, criteria: Criteria) -> list[str]:
    """The checker's errors for one brand folder, one line each, led by the field's label."""
    brand, findings = load_brand(folder, root, contract)
    if brand is not None:
        # the brand's own rules, and those that compare it with the others (two published brands of one name)
        others = glance(root, {folder.name})
        findings = findings + check_brand(brand, criteria)[0] + [
            f for f in check_across([brand, *others], criteria) if f.brand == brand.slug]
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if not errors:
        return []
    lines = _top_keys_by_line(folder / "brand.yml")
    return [labelled(f, contract, criteria, lines) for f in errors]


def labelled(finding: Finding, contract: Contract, criteria: Criteria, lines: dict[int, str] | None = None) -> str:
    label = _label(_field(finding, criteria, lines or {}), contract)
    if finding.rule == "contract.required" and label:
        return f"{label}：必须填写"
    message = _readable(finding.message, contract)
    return f"{label}：{message}" if label and not message.startswith(label) else message


def _field(finding: Finding, criteria: Criteria, lines: dict[int, str]) -> str | None:
    """The brand.yml key a finding is about: the criteria rule's field, the rule's own prefix, the file it names
    (the logo), or else the top-level key whose value holds the line it points at."""
    rule = next((r for r in criteria.rules if r.id == finding.rule), None)
    if rule is not None:
        if rule.params.get("field"):
            return str(rule.params["field"])
        if rule.params.get("fields"):  # one of several: the field that holds them all (联系方式)
            return str(rule.params["fields"][0]).split(".")[0]
    missing = re.match(r"缺少必填项 ([a-z_]+)", finding.message) if finding.rule == "contract.required" else None
    if missing:
        return missing.group(1)
    head = finding.rule.split(".")[0]
    if finding.path.endswith("/brand.yml") and finding.position.line in lines:
        return lines[finding.position.line]
    return head


def _label(key: str | None, contract: Contract) -> str:
    if not key:
        return ""
    top, _, sub = key.partition(".")
    if top == "contact" and sub in contract.contact_keys:
        return contract.contact_keys[sub]
    spec = contract.fields.get(top)
    return spec.label if spec else ""


def _readable(message: str, contract: Contract) -> str:
    """Keys the checker names for those who edit YAML (contact.hotline) as the form labels them (监督电话);
    a bracket that only lists such keys is left out, the sentence already says it in Chinese."""
    keys = "|".join(re.escape(k) for k in contract.contact_keys)
    pattern = rf"\bcontact\.({keys})\b"
    message = re.sub(rf"（\s*{pattern}(\s*(或|和|、|,|，)\s*{pattern})*\s*）", "", message)
    return re.sub(pattern, lambda m: contract.contact_keys[m.group(1)], message)


def _top_keys_by_line(path: Path) -> dict[int, str]:
    """Each line of brand.yml (1-based) -> the top-level key whose entry spans it."""
    try:
        node = yaml.compose(path.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    out: dict[int, str] = {}
    for key, value in node.value:
        end = value.end_mark  # a block's end is where the next key starts (column 0): not its line
        last = end.line if end.column == 0 else end.line + 1
        for line in range(key.start_mark.line + 1, max(last, key.start_mark.line + 1) + 1):
            out[line] = str(key.value)
    return out
