"""brandsite publish wechat against a local fake of the Official Account API (tests/wechat_fake.py)."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from lxml import html as lxml_html

from generator.cli import main
from tests.conftest import copy_demo
from tests.wechat_fake import FakeWeChat, Server

BRAND, ROUND = "wendang-lianxinqiao", "2026-q3"


@pytest.fixture
def fake(monkeypatch):
    fake = FakeWeChat()
    server = Server(fake)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("BRANDSITE_WECHAT_API", server.base)
    monkeypatch.setenv("BRANDSITE_WECHAT_APPID", fake.appid)
    monkeypatch.setenv("BRANDSITE_WECHAT_SECRET", fake.secret)
    monkeypatch.delenv("BRANDSITE_WECHAT_CREDENTIALS", raising=False)
    yield fake
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return copy_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def site(demo, tmp_path):
    """A fresh copy of the demo per test (publishing writes .brandsite/ and exports/)."""
    import shutil

    root = tmp_path / "site"
    shutil.copytree(demo, root)
    return root


def publish(root: Path, *args: str, capsys=None) -> tuple[int, str, str]:
    code = main(["-C", str(root), "publish", "wechat", *args])
    out = capsys.readouterr() if capsys else None
    return code, out.out if out else "", out.err if out else ""


def only_draft(fake: FakeWeChat, title_part: str) -> dict:
    found = [d["news_item"][0] for d in fake.drafts.values() if title_part in d["news_item"][0]["title"]]
    assert len(found) == 1, [d["news_item"][0]["title"] for d in fake.drafts.values()]
    return found[0]


def manifest(root: Path, ident: str) -> dict:
    return json.loads((root / "exports" / "wechat" / ident / "manifest.json").read_text("utf-8"))


def test_a_clean_push_makes_one_draft_per_article_with_uploaded_images_and_cover(site, fake, capsys):
    code, out, err = publish(site, BRAND, ROUND, capsys=capsys)
    assert code == 0, err
    assert out.count("已新建草稿") == 2 and "草稿箱" in out
    assert len(fake.drafts) == 2
    spot = only_draft(fake, "文档连心桥")
    wanted = manifest(site, BRAND)
    # stored as Chinese text, not as \uXXXX escapes (the API keeps escapes literally)
    assert spot["title"] == wanted["title"] and spot["author"] == wanted["author"] and spot["digest"] == wanted["digest"]
    assert spot["content_source_url"] == f"https://pinpai.jgsw.gov.cn/brands/{BRAND}/"
    assert spot["thumb_media_id"] in fake.materials
    assert fake.materials[spot["thumb_media_id"]] == (site / "exports/wechat" / BRAND / "cover.png").read_bytes()
    srcs = [img.get("src") for img in lxml_html.fragment_fromstring(spot["content"], create_parent="div").iter("img")]
    assert len(srcs) == len(wanted["images"]) >= 1
    assert all(src in fake.images for src in srcs) and fake.filtered == []
    assert fake.count("media/uploadimg") == len(wanted["images"])
    assert (spot["need_open_comment"], spot["only_fans_can_comment"]) == (0, 0)
    state = next((site / ".brandsite" / "wechat").glob("*/state.json"))
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    assert stat.S_IMODE(state.with_name("token.json").stat().st_mode) == 0o600


def test_a_second_run_with_nothing_changed_sends_nothing(site, fake, capsys):
    assert publish(site, BRAND, ROUND, capsys=capsys)[0] == 0
    before = len(fake.calls)
    code, out, _ = publish(site, BRAND, ROUND, capsys=capsys)
    assert code == 0 and out.count("未改动") == 2
    assert len(fake.calls) == before and len(fake.drafts) == 2


def test_a_changed_article_updates_the_same_draft_and_uploads_no_image_twice(site, fake, capsys):
    assert publish(site, BRAND, capsys=capsys)[0] == 0
    uploads, (media_id,) = fake.count("media/uploadimg"), list(fake.drafts)
    yml = site / "brands" / BRAND / "brand.yml"
    yml.write_text(yml.read_text("utf-8").replace("vision: ", "vision: 一次办好，", 1), "utf-8")
    code, out, err = publish(site, BRAND, capsys=capsys)
    assert code == 0, err
    assert "已更新草稿" in out
    assert list(fake.drafts) == [media_id] and fake.count("draft/update") == 1
    assert "一次办好" in fake.drafts[media_id]["news_item"][0]["content"]
    assert fake.count("media/uploadimg") == uploads


def test_a_draft_deleted_in_the_web_interface_is_made_again(site, fake, capsys):
    assert publish(site, BRAND, capsys=capsys)[0] == 0
    fake.drafts.clear()  # the editor deleted it, or published it (which takes it out of the draft box)
    yml = site / "brands" / BRAND / "brand.yml"
    yml.write_text(yml.read_text("utf-8").replace("vision: ", "vision: 再次推送，", 1), "utf-8")
    code, out, err = publish(site, BRAND, capsys=capsys)
    assert code == 0, err
    assert "已新建草稿" in out
    assert "再次推送" in only_draft(fake, "文档连心桥")["content"]


def test_a_token_that_expires_between_two_calls_is_renewed_once(site, fake, capsys):
    fake.expire_token_after(1)
    code, out, err = publish(site, BRAND, capsys=capsys)
    assert code == 0, err
    assert fake.count("stable_token") == 2 and len(fake.drafts) == 1


def test_a_cached_token_is_reused_by_the_next_run(site, fake, capsys):
    assert publish(site, BRAND, capsys=capsys)[0] == 0
    assert publish(site, ROUND, capsys=capsys)[0] == 0
    assert fake.count("stable_token") == 1


def test_one_image_that_fails_stops_before_the_draft_and_the_next_run_finishes(site, fake, capsys):
    fake.fail_next("media/uploadimg", 40005, "invalid file type", skip=1)  # the second image
    code, out, err = publish(site, BRAND, capsys=capsys)
    assert code == 1
    assert "图片格式不被接受" in err and "文档连心桥" in err and "再运行" in err
    assert "已新建" not in out and fake.drafts == {}
    assert len(fake.images) == 1
    code, out, err = publish(site, BRAND, capsys=capsys)
    assert code == 0, err
    assert len(fake.drafts) == 1
    # the image that went up the first time was not sent again
    assert fake.count("media/uploadimg") == 1 + len(manifest(site, BRAND)["images"])
    assert len(fake.images) == len(manifest(site, BRAND)["images"])


def test_a_connection_dropped_after_draft_add_never_makes_a_second_draft(site, fake, capsys):
    fake.drop_next("draft/add", when="after")  # the draft exists, but its answer is lost
    code, out, err = publish(site, BRAND, ROUND, capsys=capsys)
    assert code == 1
    assert "已新建" not in out and "连接中途断开" in err and "再运行" in err
    assert len(fake.drafts) == 1  # made on the server, not reported as done
    code, out, err = publish(site, BRAND, ROUND, capsys=capsys)
    assert code == 0, err
    assert len(fake.drafts) == 2
    only_draft(fake, "文档连心桥")


def test_a_connection_dropped_before_draft_add_is_finished_by_the_next_run(site, fake, capsys):
    fake.drop_next("draft/add", when="before")
    assert publish(site, BRAND, capsys=capsys)[0] == 1
    assert fake.drafts == {}
    assert publish(site, BRAND, capsys=capsys)[0] == 0
    assert len(fake.drafts) == 1
    assert fake.count("material/add_material") == 1


def test_a_dropped_upload_and_a_busy_answer_are_retried(site, fake, capsys):
    fake.drop_next("media/uploadimg", when="before")
    fake.fail_next("draft/add", -1, "system error")
    code, out, err = publish(site, BRAND, capsys=capsys)
    assert code == 0, err
    assert len(fake.drafts) == 1


def test_a_busy_answer_to_a_draft_that_was_made_all_the_same_makes_no_second_draft(site, fake, capsys):
    fake.fail_next("draft/add", -1, "system error", took_effect=True)
    code, out, err = publish(site, BRAND, capsys=capsys)
    assert code == 0, err
    assert len(fake.drafts) == 1 and fake.count("draft/add") == 1 and fake.count("draft/batchget") == 1
    assert "已新建草稿" in out


def test_the_errors_editors_meet_are_explained_in_chinese(site, fake, capsys, monkeypatch):
    fake.whitelist = {"10.9.9.9"}
    code, _, err = publish(site, BRAND, capsys=capsys)
    assert code == 1 and "IP 白名单" in err and "127.0.0.1" in err and "Traceback" not in err
    fake.whitelist = None
    fake.quota_used_up = True
    code, _, err = publish(site, BRAND, capsys=capsys)
    assert code == 1 and "调用次数已用完" in err
    fake.quota_used_up = False
    monkeypatch.setenv("BRANDSITE_WECHAT_SECRET", "wrong-secret")
    code, _, err = publish(site, BRAND, capsys=capsys)
    assert code == 1 and "AppSecret 无效" in err and "wrong-secret" not in err
    monkeypatch.setenv("BRANDSITE_WECHAT_API", "http://127.0.0.1:9")  # nothing listens there
    code, _, err = publish(site, BRAND, capsys=capsys)
    assert code == 1 and "无法连接微信接口" in err and "Traceback" not in err
    monkeypatch.setenv("BRANDSITE_WECHAT_API", "api.weixin.qq.com")  # no scheme
    code, _, err = publish(site, BRAND, capsys=capsys)
    assert code == 1 and "https://" in err and "Traceback" not in err
    assert fake.drafts == {}


def test_the_secret_never_appears_in_any_output_or_file(site, fake, capsys):
    fake.expire_token_after(2)
    fake.drop_next("draft/add", when="after")
    outputs = [publish(site, BRAND, ROUND, capsys=capsys), publish(site, BRAND, ROUND, capsys=capsys),
               publish(site, "--all", "--dry-run", capsys=capsys)]
    printed = "".join(out + err for _, out, err in outputs)
    assert "已新建草稿" in printed
    for secret in (fake.secret, fake.appid):
        assert secret not in printed
        for path in site.rglob("*"):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path
    token = fake.current
    assert token not in printed


def test_a_dry_run_says_what_would_be_sent_and_sends_nothing(site, fake, capsys):
    code, out, _ = publish(site, BRAND, ROUND, "--dry-run", capsys=capsys)
    assert code == 0
    assert "draft/add 新建草稿" in out and "media/uploadimg" in out and "文档连心桥" in out
    assert fake.calls == []


def test_drafts_are_never_pushed(site, fake, capsys):
    from tests.conftest import add_draft_brand

    add_draft_brand(site, "草稿品牌名")
    code, _, err = publish(site, "caogao", capsys=capsys)
    assert code == 1 and "草稿" in err
    assert publish(site, "--all", capsys=capsys)[0] == 0
    assert not any("草稿品牌名" in json.dumps(d, ensure_ascii=False) for d in fake.drafts.values())
    assert len(fake.drafts) >= 40


def test_limits_are_checked_before_anything_is_sent(site, fake, capsys):
    from generator.publish import drafts

    assert main(["-C", str(site), "export", "wechat", BRAND]) == 0
    folder = site / "exports" / "wechat" / BRAND
    data = manifest(site, BRAND)
    data["title"] = "品牌风采" * 9
    data["digest"] = "摘" * 130
    (folder / "manifest.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    (folder / "images" / Path(data["images"][0]["path"]).name).write_bytes(b"GIF89a" + b"\0" * 100)
    found = drafts.problems(drafts.from_export(BRAND, folder))
    assert any("标题（title）有 36 个字" in p and BRAND in p for p in found)
    assert any("摘要（digest）有 130 个字" in p for p in found)
    assert any("不是 JPG 或 PNG" in p for p in found)


def test_credentials_from_a_file_must_be_private_and_outside_the_repository(site, fake, capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("BRANDSITE_WECHAT_APPID")
    monkeypatch.delenv("BRANDSITE_WECHAT_SECRET")
    creds = tmp_path / "private" / "wechat.yml"
    creds.parent.mkdir()
    creds.write_text(f"appid: {fake.appid}\nsecret: {fake.secret}\n", "utf-8")
    monkeypatch.setenv("BRANDSITE_WECHAT_CREDENTIALS", str(creds))
    os.chmod(creds, 0o644)
    code, _, err = publish(site, BRAND, capsys=capsys)
    assert code == 1 and "chmod 600" in err
    os.chmod(creds, 0o600)
    assert publish(site, BRAND, capsys=capsys)[0] == 0
    inside = site / "wechat.yml"
    inside.write_text(creds.read_text("utf-8"), "utf-8")
    os.chmod(inside, 0o600)
    monkeypatch.setenv("BRANDSITE_WECHAT_CREDENTIALS", str(inside))
    code, _, err = publish(site, ROUND, capsys=capsys)
    assert code == 1 and "仓库" in err


def test_comments_follow_the_site_setting(site, fake, capsys):
    config = site / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("  - brandsite:\n", "  - brandsite:\n      publish: {comments: fans}\n", 1), "utf-8")
    code, _, err = publish(site, BRAND, capsys=capsys)
    assert code == 0, err
    spot = only_draft(fake, "文档连心桥")
    assert (spot["need_open_comment"], spot["only_fans_can_comment"]) == (1, 1)
