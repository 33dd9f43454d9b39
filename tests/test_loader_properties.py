"""Property-based: whatever an editor types into brand.yml, the loader returns findings, never raises."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.check import criteria as criteria_mod
from generator.check.run import check_brand
from generator.load.brands import load_brand
from generator.load.contract import default_contract

KEYS = list(default_contract().fields) + ["slogn", "年份", "contact"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30), st.dates())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
documents = st.one_of(values, st.dictionaries(st.sampled_from(KEYS), values, max_size=12))
CRITERIA = criteria_mod.load()


def _load(tmp: Path, text: str):
    folder = tmp / "brands" / "x"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brand.yml").write_text(text, "utf-8")
    brand, findings = load_brand(folder, tmp, default_contract())
    if brand is not None:
        check_brand(brand, CRITERIA)
    for f in findings:
        assert f.position.line >= 1 and f.position.column >= 1 and f.message
    return brand, findings


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=documents)
def test_any_yaml_document_gives_findings_not_exceptions(tmp_path, doc):
    _load(tmp_path, yaml.safe_dump(doc, allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list("name: -\t\n'\"[]{}&*!|>%@`#,?品牌0")), max_size=80))
def test_any_text_gives_findings_not_exceptions(tmp_path, text):
    _load(tmp_path, text)
