"""brandsite new: a scaffold with a pinyin slug and placeholders the checker reports until filled."""

from __future__ import annotations

import pytest
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


def test_new_refuses_a_name_that_exists_and_names_its_folder(site, capsys):
    assert site.run("new", "阳光规划", "--unit", "温州市规划局") == 0
    capsys.readouterr()
    assert site.run("new", "阳光规划", "--unit", "另一个局") == 1
    err = capsys.readouterr().err
    folder = next((site.root / "brands").iterdir()).name
    assert f"已经有名为“阳光规划”的品牌：brands/{folder}/" in err
    assert len(list((site.root / "brands").iterdir())) == 1  # nothing made
    assert site.run("new", "阳 光 规 划", "--unit", "另一个局") == 1  # typed with spaces: the same name


def test_new_says_where_it_put_a_brand_whose_folder_name_is_taken(site, capsys):
    """Two names that read the same in pinyin (阳光规划, 阳光归化): the second goes beside, and says so."""
    assert site.run("new", "阳光规划", "--unit", "温州市规划局") == 0
    first = next((site.root / "brands").iterdir()).name
    capsys.readouterr()
    assert site.run("new", "阳光归化", "--unit", "另一个局") == 0
    out = capsys.readouterr().out
    assert f"文件夹 brands/{first}/ 已被占用（品牌“阳光规划”），新品牌放在 brands/{first}-2/" in out
    assert site.run("new", "阳光规化", "--unit", "第三个局", "--slug", first) == 1
    assert f"brands/{first}/ 已经存在" in capsys.readouterr().err


def test_new_refuses_unknown_category(site, capsys):
    assert site.run("new", "阳光规划", "--unit", "温州市规划局", "--category", "不存在") == 2
    assert "不在本站类别中" in capsys.readouterr().err


def test_the_temporary_logo_is_flagged_until_it_is_replaced(site, check):
    from tests.conftest import make_image

    assert site.run("new", "阳光规划", "--unit", "温州市规划局") == 0
    folder = next((site.root / "brands").iterdir())
    logo_line = next(i for i, line in enumerate((folder / "brand.yml").read_text("utf-8").splitlines(), 1)
                     if line.startswith("logo:"))
    _, lines = check()
    assert any(line.startswith(f"brands/{folder.name}/brand.yml:{logo_line}:7: 警告 logo.temporary [品牌名称与标识]")
               and "临时标识" in line for line in lines), lines
    make_image(folder / "logo.png", (600, 600))  # the unit's real logo
    _, lines = check()
    assert not any("logo.temporary" in line for line in lines), lines


LONG_UNIT = "莱州市朱桥镇人民政府便民服务中心"


@pytest.mark.parametrize("unit", [LONG_UNIT, "青岛市档案局", "中共某某省某某市某某区委组织部干部监督科与便民服务中心联合窗口"])
def test_the_temporary_logo_keeps_the_unit_name_inside_its_circle(unit, tmp_path):
    """Every pixel the unit's name adds lies inside the emblem's ring; a name that fits is drawn whole."""
    from PIL import ImageChops

    from generator import emblem, fonts

    if fonts.load(10) is None:
        pytest.skip("没有中文字体")
    size = 512
    plain = emblem.draw("文档连心桥", "#1d4e89", size=size)
    marked = emblem.draw("文档连心桥", "#1d4e89", size=size, mark=unit)
    marked.save(tmp_path / "logo.png")
    diff = ImageChops.difference(plain.convert("RGB"), marked.convert("RGB")).convert("L").point(lambda v: 255 if v > 24 else 0)
    box = diff.getbbox()
    assert box is not None  # the name is drawn
    radius = size / 2 - size // 11  # the white ring's centre line, as the emblem draws it
    pixels = diff.load()
    outside = [(x, y) for y in range(box[1], box[3]) for x in range(box[0], box[2])
               if pixels[x, y] and (x + 0.5 - size / 2) ** 2 + (y + 0.5 - size / 2) ** 2 > (radius - 3) ** 2]
    assert not outside, f"{len(outside)} 个文字像素在圆圈外，如 {outside[:3]}"
    _, lines = emblem.mark_layout(unit, size * 2)
    drawn = "".join(line for line, _ in lines)
    if len(unit) <= 16:
        assert drawn == unit  # whole, in one or two lines
    else:
        assert drawn.endswith("…") and unit.startswith(drawn[:-1])


def test_a_names_proposed_folder_does_not_depend_on_the_words_a_build_loaded(tmp_path):
    """`brandsite new` and the web form (under serve, after a build has loaded the site's brand names into
    jieba) propose the same folder for the same name. In a process of its own: the shared tokenizer stays clean."""
    import subprocess
    import sys

    words = tmp_path / "words.txt"
    words.write_text("阳光规划 100000\n爱心飞扬 100000\n", "utf-8")
    script = (
        "from generator import segment, slugs\n"
        "names = ('阳光规划', '爱心飞扬')\n"
        "before = [slugs.from_chinese(n) for n in names]\n"
        f"segment.jieba().load_userdict({str(words)!r})  # as the engine's cutter does with a site's names\n"
        "assert segment.jieba().lcut('阳光规划') == ['阳光规划']\n"
        "print(before, [slugs.from_chinese(n) for n in names])\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['yangguang-guihua', 'aixin-feiyang'] ['yangguang-guihua', 'aixin-feiyang']"
