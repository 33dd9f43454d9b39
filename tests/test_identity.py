"""Site identity: site_url, the 网站标识码 and the ICP and 公安 record numbers are checked for form; placeholders
make deploy, publish and the kiosk refuse with a Chinese message naming the key to fill in, and build warns."""

from __future__ import annotations

import re

import pytest

from tests.conftest import IDENTITY, REPO


def _placeholders(site):
    """The demo's own mkdocs.yml, placeholders and all."""
    (site.root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text("utf-8"), "utf-8")


def _set(site, old: str, new: str):
    config = site.root / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert old in text
    config.write_text(text.replace(old, new), "utf-8")


def test_real_identity_gives_no_finding(site, check):
    site.brand()
    code, lines = check()
    assert not [line for line in lines if "site.identity" in line], lines


def test_placeholders_are_warnings_at_their_lines(site, check):
    site.brand()
    _placeholders(site)
    code, lines = check()
    assert code == 0
    found = [line for line in lines if " site.identity [" in line]
    assert [line.split(": 警告")[0] for line in found] == ["mkdocs.yml:5:11", "mkdocs.yml:16:16", "mkdocs.yml:17:10",
                                                        "mkdocs.yml:18:13"], lines
    assert "网站标识码（extra.government.site_code）“0000000000”是占位符" in found[1]
    assert "ICP 备案号（extra.government.icp）“某ICP备00000000号-1”是占位符" in found[2]


def test_build_warns_but_builds(site, capsys):
    site.brand()
    _placeholders(site)
    assert site.run("build", "-q") == 0
    err = capsys.readouterr().err
    assert "mkdocs.yml:5:11: 警告 site.identity [站点标识] 网站地址（site_url）“https://brands.example.gov.cn/”是示例网址" in err


def test_deploy_refuses_placeholders_and_leaves_the_target(site, tmp_path, capsys):
    site.brand()
    _placeholders(site)
    target = tmp_path / "www"
    assert site.run("deploy", str(target)) == 1
    err = capsys.readouterr().err
    assert "不能部署" in err and "mkdocs.yml:16:16: 网站标识码（extra.government.site_code）" in err
    assert f"未部署，{target} 保持原样。" in err
    assert not target.exists()
    assert "Traceback" not in err


def test_publish_refuses_before_asking_the_api(site, capsys, monkeypatch):
    monkeypatch.setenv("BRANDSITE_WECHAT_API", "http://127.0.0.1:9/")  # nothing listens: a request would fail loudly
    monkeypatch.setenv("BRANDSITE_WECHAT_APPID", "wx0000000000000000")
    monkeypatch.setenv("BRANDSITE_WECHAT_SECRET", "s" * 32)
    site.brand()
    _placeholders(site)
    assert site.run("publish", "wechat", "wendang") == 1
    err = capsys.readouterr().err
    assert "不能推送公众号" in err and "请在 mkdocs.yml 中填写本站的真实信息后再试" in err and "没有推送任何文章" in err


def test_kiosk_refuses_placeholders(site, capsys):
    site.brand()
    _placeholders(site)
    assert site.run("kiosk", "--zip", "exports/kiosk.zip") == 1
    err = capsys.readouterr().err
    assert "不能生成开放日展示屏" in err and "site_url" in err
    assert not (site.root / "exports" / "kiosk.zip").exists()


@pytest.mark.parametrize("key, value, said", [
    ("site_url", "pinpai.jgsw.gov.cn", "不是完整的网址"),
    ("site_url", "https://www.example.com/", "是示例网址"),
    ("site_code", '"37020042"', "不是 10 位网站标识码"),
    ("site_code", '"1111111111"', "是占位符"),
    ("icp", "鲁ICP备123号", "不像 ICP 备案号"),
    ("police", "公网安备 37020202000123号", "不像公安机关备案号"),
])
def test_malformed_values_are_named_and_refused(site, check, tmp_path, key, value, said):
    site.brand()
    line = next(new for new in IDENTITY.values() if new.startswith(f"{key}:"))
    _set(site, line, f"{key}: {value}")
    code, lines = check()
    assert any(" site.identity [" in line and said in line for line in lines), lines
    assert site.run("deploy", str(tmp_path / "www")) == 1


def test_an_empty_value_is_a_warning_only(site, check, tmp_path):
    site.brand()
    _set(site, "icp: 鲁ICP备05012345号-1", "icp: ''")
    code, lines = check()
    assert any("ICP 备案号（extra.government.icp）没有填写" in line for line in lines), lines
    assert site.run("deploy", str(tmp_path / "www")) == 0


def test_demo_config_identity_lines_are_the_placeholders():
    """The demo ships placeholders (make site warns); tests replace exactly these."""
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    for placeholder in IDENTITY:
        assert re.search(re.escape(placeholder), text), placeholder
