"""brandsite new: a scaffold with a pinyin slug and placeholders the checker reports until filled."""

from __future__ import annotations

import yaml

from generator.commands.new import propose_slug


def test_pinyin_slug():
    assert propose_slug("文档连心桥").startswith("wendang")
    assert propose_slug("泰州12319") == "taizhou-12319" or propose_slug("泰州12319").startswith("taizhou")
    assert propose_slug("101%服务·效能住建").replace("-", "").isalnum()


def test_new_brand_is_a_draft_with_placeholders(site, check, capsys):
    assert site.run("new", "阳光规划", "--unit", "温州市规划局", "--category", "城乡建设") == 0
    assert "已创建" in capsys.readouterr().out
    folders = list((site.root / "brands").iterdir())
    assert len(folders) == 1 and folders[0].name.startswith("yangguang")
    data = yaml.safe_load((folders[0] / "brand.yml").read_text("utf-8"))
    assert data["name"] == "阳光规划" and data["status"] == "draft"
    assert (folders[0] / "logo.png").is_file()
    code, lines = check()
    assert code == 1
    placeholders = [line for line in lines if " 错误 placeholder [内容完整]" in line]
    assert len(placeholders) >= 10


def test_new_does_not_overwrite(site, capsys):
    site.run("new", "阳光规划", "--unit", "温州市规划局")
    site.run("new", "阳光规划", "--unit", "另一个局")
    assert len(list((site.root / "brands").iterdir())) == 2


def test_new_refuses_unknown_category(site, capsys):
    assert site.run("new", "阳光规划", "--unit", "温州市规划局", "--category", "不存在") == 2
    assert "不在本站类别中" in capsys.readouterr().err
