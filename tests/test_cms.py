"""The web form for editors who don't use Git: its config follows the contract, what it saves passes the
checker and keeps the editor's file, and the whole round trip works in Chromium against `serve --edit`."""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.check.criteria import load as load_criteria
from generator.cli import main
from generator.config import load_config
from generator.edit.merge import fields_known, merge
from generator.edit import form
from generator.load.brands import SLUG
from generator.load.contract import default_contract
from tests.conftest import CHROMIUM, GOOD_BRAND as GOOD_BRAND_FOR_FORM, REPO, copy_demo, make_image, running_serve

CRITERIA = load_criteria()


def brand_fields(config: dict) -> dict[str, dict]:
    return {f["name"]: f for f in config["collections"][0]["fields"]}


def test_the_form_has_every_contract_field_with_its_label_hint_and_required_flag():
    contract = default_contract()
    fields = brand_fields(form.config(contract, CRITERIA))
    assert list(fields) == list(contract.fields)  # the same keys, in the template's order
    for key, spec in contract.fields.items():
        assert fields[key]["label"] == spec.label
        assert spec.hint and fields[key]["hint"].startswith(spec.hint if key != "url_name" else form.URL_NAME_HINT_BY_HAND)
        if spec.required == "yes":
            assert fields[key]["required"] is True, key
    assert fields["status"]["options"] == [{"label": "草稿（暂不发布）", "value": "draft"},
                                           {"label": "发布到网站", "value": "published"}]
    assert re.fullmatch(fields["url_name"]["pattern"][0], "wendang-lianxinqiao")
    assert fields["url_name"]["pattern"][0] == SLUG.pattern  # the form refuses what the loader refuses
    assert fields["url_name"]["widget"] == "brandsite-slug"  # proposed from the name's pinyin (brandsite.js)
    # only `serve --edit` proposes it: a form published with a Git server says to write it
    local = brand_fields(form.config(contract, CRITERIA, local="http://127.0.0.1:8000"))
    assert local["url_name"]["hint"] == form.URL_NAME_HINT and "自动" not in fields["url_name"]["hint"]


def test_the_login_page_gets_the_sites_name_and_logo(tmp_path):
    copy_demo(tmp_path, parts=("mkdocs.yml",))
    site = load_config(tmp_path)
    text = form.site_config_text(site, CRITERIA)
    assert '\nbrandsite_site_name: "机关服务品牌展示"\n' in text  # one line of JSON, read by brandsite.js
    assert yaml.safe_load(text)["logo_url"] == form.DEFAULT_LOGO  # the demo names no logo: the header's icon
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("theme:\n", "theme:\n  logo: assets/images/hui.png\n", 1), "utf-8")
    assert yaml.safe_load(form.site_config_text(load_config(tmp_path), CRITERIA))["logo_url"] == "../assets/images/hui.png"


def test_list_minimums_aspects_and_categories_come_from_the_criteria_and_the_site(tmp_path):
    fields = brand_fields(form.config(default_contract(), CRITERIA))
    assert fields["commitments"]["min"] == 3 and fields["systems"]["min"] == 4
    assert fields["systems"]["required"] is True  # an error-level rule makes it required in the form
    assert "至少填写 5 项" in fields["standards"]["hint"]
    assert [f["name"] for f in fields["standards"]["fields"]][:5] == ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行"]
    assert [f["name"] for f in fields["contact"]["fields"]] == ["hotline", "complaint", "address", "hours"]
    # a site's own criteria and categories change the form, with no edit to the form
    (tmp_path / "criteria.yml").write_text(
        "extends: default\nrules:\n  - id: commitments.min\n    summary: 至少 5 条\n    standard: service-standards\n"
        "    severity: error\n    check: min_items\n    field: commitments\n    min: 5\n"
        "    message: 服务承诺至少 {min} 条，当前 {actual} 条\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: 测试\nplugins:\n  - brandsite:\n      criteria: criteria.yml\n      categories: [窗口服务, 机关党建]\n", "utf-8")
    site = load_config(tmp_path)
    fields = brand_fields(yaml.safe_load(form.site_config_text(site, load_criteria(site.criteria))))
    assert fields["commitments"]["min"] == 5
    assert fields["category"]["options"] == ["窗口服务", "机关党建"]


def test_cms_print_writes_the_config_and_the_command_writes_admin_config(tmp_path, capsys):
    copy_demo(tmp_path, parts=("mkdocs.yml",))
    assert main(["-C", str(tmp_path), "cms", "--print"]) == 0
    printed = capsys.readouterr().out
    config = yaml.safe_load(printed)
    assert config["locale"] == "zh_Hans" and "local_backend" not in config
    assert brand_fields(config)["category"]["options"] == list(load_config(tmp_path).categories)
    assert [c["folder"] for c in config["collections"]] == ["brands", "content/news/posts"]
    assert main(["-C", str(tmp_path), "cms"]) == 0
    assert (tmp_path / "admin" / "config.yml").read_text("utf-8") == printed


KNOWN = fields_known(brand_fields(form.config(default_contract(), CRITERIA)).values())


def decap_style(text: str) -> str:
    """The same values as another YAML writer puts them: double quotes, indented lists, no comments."""
    return yaml.safe_dump(yaml.safe_load(text), allow_unicode=True, sort_keys=False, indent=4, default_style='"')


@pytest.mark.parametrize("path", sorted((REPO / "brands").glob("*/brand.yml"))[:12], ids=lambda p: p.parent.name)
def test_an_unchanged_save_leaves_brand_yml_byte_identical(path):
    original = path.read_text("utf-8")
    assert merge(original, decap_style(original), KNOWN) == original


def test_one_changed_commitment_changes_one_line_and_comments_stay():
    original = (REPO / "brands" / "aixin-feiyang" / "brand.yml").read_text("utf-8")
    original = original.replace("vision:", "# 愿景由局党组审定\nvision:")
    data = yaml.safe_load(original)
    data["commitments"][1] = "临时救助急难情形 12 小时内先行救助"
    saved = merge(original, yaml.safe_dump(data, allow_unicode=True, sort_keys=False), KNOWN)
    changed = [line for line in difflib.unified_diff(original.splitlines(), saved.splitlines(), lineterm="", n=0)
               if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert changed == ["-- 临时救助急难情形 24 小时内先行救助", "+- 临时救助急难情形 12 小时内先行救助"]
    assert "# 愿景由局党组审定" in saved


def test_keys_the_form_does_not_show_survive_a_save_and_a_cleared_field_goes():
    original = (REPO / "brands" / "aixin-feiyang" / "brand.yml").read_text("utf-8")
    original = original.replace("culture:\n", "culture:\n  廉政理念: 清正廉洁\n")
    data = yaml.safe_load(original)
    del data["culture"]["廉政理念"]  # the form has no such field and so leaves it out
    del data["slogan"]  # the editor emptied it
    saved = yaml.safe_load(merge(original, yaml.safe_dump(data, allow_unicode=True), KNOWN))
    assert saved["culture"]["廉政理念"] == "清正廉洁" and "slogan" not in saved


def test_the_form_is_left_out_of_the_public_site_unless_the_publisher_turns_it_on(demo_site, tmp_path):
    assert not (demo_site / "site" / "admin").exists()
    root = copy_demo(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - brandsite:\n", "  - brandsite:\n      cms:\n        publish: true\n"
        "        backend: {name: gitlab, repo: office/brands, base_url: https://git.example.gov.cn}\n"), "utf-8")
    assert main(["-C", str(root), "build", "-q"]) == 0
    admin = root / "site" / "admin"
    assert (admin / "index.html").is_file() and (admin / "decap-cms.js").is_file()
    published = yaml.safe_load((admin / "config.yml").read_text("utf-8"))
    assert published["backend"]["name"] == "gitlab" and "local_backend" not in published


# --- in Chromium, against `brandsite serve --edit` on a copy of the demo

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium 未安装（make test 会自动安装）")


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    root = copy_demo(tmp_path_factory.mktemp("cms"))
    with running_serve(root, "--edit") as (url, printed):
        yield root, url, printed


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "check", "--quiet"],
                          capture_output=True, text=True)


def open_form(browser, url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.outside = []
    page.on("request", lambda r: page.outside.append(r.url) if not r.url.startswith((url, "data:", "blob:")) else None)
    page.goto(url + "/admin/", wait_until="networkidle")
    # the login page: the site's name and logo (not Decap's), every word in Chinese
    page.locator("#bs-site-name").wait_for()
    assert page.locator("#bs-site-name").inner_text() == "机关服务品牌展示"
    assert page.locator("img[src^='data:image/svg+xml']").count() == 1 and not english(page), english(page)
    page.get_by_role("button", name="登录").click()  # the local backend: no account, the files on this machine
    page.get_by_text("爱心飞扬（青岛市民政局）").wait_for()
    return page


def publish(page) -> None:
    page.get_by_role("button", name="发布").first.click()
    page.get_by_role("menuitem", name="立即发布").click()


def fill_new_brand(page, logo: Path, hotline: str | None) -> None:
    """A new brand as an editor fills it in: 网址名 is left as the form proposes it."""
    page.goto(page.url.split("#")[0] + "#/collections/brands/new")
    page.get_by_label("品牌名称").fill("便民驿站")
    page.get_by_label("创建单位").fill("青岛市档案局")
    page.get_by_label("品牌类别").fill("政务服务")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="选择图片").click()
    page.locator("input[type=file]").set_input_files(str(logo))
    page.get_by_role("button", name="选用已选中项目").click()
    page.get_by_label("品牌愿景").fill("让群众办事少跑腿")
    for i, text in enumerate(["一般查询 30 分钟内办结", "复杂事项 3 个工作日内答复", "行动不便的群众上门服务"]):
        page.get_by_role("button", name="新增服务承诺").click()
        page.get_by_label("服务承诺", exact=True).nth(i).fill(text)
    for aspect in ["工作时限", "职权责任", "工作程序", "仪表服饰", "举止言行"]:
        page.get_by_label(f"{aspect} (可选)", exact=True).fill(f"{aspect}有明确要求")
    for i, text in enumerate(["岗位责任制", "服务承诺制", "限时办结制", "首问负责制"]):
        page.get_by_role("button", name="新增制度保障").click()
        page.get_by_label("制度保障", exact=True).nth(i).fill(text)
    if hotline:
        page.get_by_label("监督电话 (可选)", exact=True).fill(hotline)
    page.get_by_label("发布状态 (可选)").fill("发布到网站")
    page.keyboard.press("Enter")


# words in Latin letters an editor may see: examples of 网址名, file types, the command they ran
ALLOWED_LATIN = {"bianmin", "yizhan", "wendang", "lianxinqiao", "kaifangri", "PNG", "JPEG", "WebP", "SVG", "YYYY",
                 "MM", "brandsite", "check", "serve", "edit", "brands", "logo", "png", "aixin", "feiyang"}


def english(page) -> set[str]:
    return set(re.findall(r"[A-Za-z]{2,}", page.evaluate("document.body.innerText"))) - ALLOWED_LATIN


@needs_chromium
def test_a_brand_created_in_the_form_without_touching_its_url_name_passes_check_and_shows_in_the_preview(
        browser, editing, tmp_path):
    root, url, _ = editing
    logo = make_image(tmp_path / "logo.png", size=(600, 600))
    page = open_form(browser, url)
    fill_new_brand(page, logo, hotline=None)
    # proposed from the name's pinyin while the editor typed it, never touched
    assert page.get_by_label("网址名").input_value() == "bianmin-yizhan"
    publish(page)
    # the checker's error comes back to the form: in Chinese, the field named, no English prefix, and it stays
    refused = page.locator("#bs-refused")
    refused.get_by_text("没有保存，请先改正").wait_for(timeout=15000)
    assert "联系方式：缺少监督电话或投诉渠道" in refused.inner_text()
    assert not english(page), english(page)
    page.wait_for_timeout(9000)  # longer than Decap's toasts stay
    assert refused.is_visible() and "联系方式" in refused.inner_text()
    refused.get_by_role("button", name="知道了").click()
    assert not refused.is_visible()
    assert not (root / "brands" / "bianmin-yizhan").exists()
    page.get_by_label("监督电话 (可选)", exact=True).fill("12345")
    publish(page)
    page.get_by_text("内容已保存").wait_for(timeout=15000)
    # the toolbar says it is saved; whether it is on the site is 发布状态's word, not Decap's "已发布"
    page.get_by_text("已保存", exact=True).wait_for(timeout=15000)
    assert page.get_by_text("已发布", exact=True).count() == 0
    folder = root / "brands" / "bianmin-yizhan"
    assert (folder / "logo.png").read_bytes() == logo.read_bytes()
    assert not (root / "brands" / "brand.yml").exists() and not (root / "brands" / "logo.png").exists()
    saved = yaml.safe_load((folder / "brand.yml").read_text("utf-8"))
    assert saved["logo"] == "logo.png" and saved["url_name"] == "bianmin-yizhan" and saved["status"] == "published"
    assert list(saved)[:4] == ["name", "url_name", "unit", "category"]  # the template's order
    done = check(root)
    assert done.returncode == 0, done.stdout
    listed = subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "check"], capture_output=True, text=True)
    assert "便民驿站（bianmin-yizhan）：" in listed.stdout, listed.stdout  # check reads it, as one of the brands
    preview = browser.new_page()
    for _ in range(60):  # the preview rebuilds in the background after the save
        if preview.goto(url + "/brands/bianmin-yizhan/").status == 200:
            break
        preview.wait_for_timeout(500)
    assert "便民驿站" in preview.locator("h1").first.inner_text()
    assert not page.outside, page.outside
    page.context.close()
    preview.close()


@needs_chromium
def test_editing_one_commitment_changes_only_that_line(browser, editing):
    root, url, _ = editing
    path = root / "brands" / "aixin-feiyang" / "brand.yml"
    before = path.read_text("utf-8")
    page = open_form(browser, url)
    page.get_by_text("爱心飞扬（青岛市民政局）").click()
    # the brand's logo and photo show as thumbnails (not Decap's blank placeholder), so nobody uploads them again
    thumbnails = page.locator("img[role=presentation]")
    page.wait_for_function("Array.from(document.querySelectorAll('img[role=presentation]'))"
                           ".filter(i => i.complete && i.naturalWidth > 300).length >= 2", timeout=15000)
    assert sorted(thumbnails.evaluate_all("all => all.map(i => i.naturalWidth)")) == [512, 1200]
    assert page.get_by_label("网址名").input_value() == "aixin-feiyang"  # its folder, shown and fixed
    assert page.get_by_label("网址名").get_attribute("readonly") is not None
    assert page.get_by_role("link", name="查看页面").get_attribute("href") == url + "/brands/aixin-feiyang/"
    box = page.get_by_label("服务承诺", exact=True).nth(1)
    assert box.input_value() == "临时救助急难情形 24 小时内先行救助"
    box.fill("临时救助急难情形 12 小时内先行救助")
    publish(page)
    page.get_by_text("内容已保存").wait_for(timeout=15000)
    after = path.read_text("utf-8")
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))]
    assert diff == ["-- 临时救助急难情形 24 小时内先行救助", "+- 临时救助急难情形 12 小时内先行救助"]
    page.context.close()


@needs_chromium
def test_a_refused_delete_in_the_media_library_is_shown_above_it_until_closed(browser, editing):
    root, url, _ = editing
    logo = root / "brands" / "aixin-feiyang" / "logo.png"
    page = open_form(browser, url)
    page.get_by_text("爱心飞扬（青岛市民政局）").click()
    page.get_by_role("button", name="选择其他图片").first.click()
    page.get_by_text("logo.png").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="删除已选中项目").click()
    refused = page.locator("#bs-refused")
    refused.get_by_text("没有删除").wait_for(timeout=15000)
    assert "品牌标识：" in refused.inner_text() and not english(page), english(page)
    refused.get_by_role("button", name="知道了").click()  # above the media library, not under it
    assert not refused.is_visible() and logo.is_file()
    page.context.close()


def test_the_local_backend_keeps_the_form_inside_the_brand_and_news_folders(tmp_path):
    from generator.edit.local_backend import LocalBackend, Refused

    backend = LocalBackend(copy_demo(tmp_path, parts=("mkdocs.yml", "brands")), {"brands": {}, "content/news/posts": {}})
    assert backend.handle({"action": "info"})["type"] == "local_fs"
    for path in ("mkdocs.yml", "../outside.yml", "brands/../mkdocs.yml", ".git/config", "/etc/passwd"):
        with pytest.raises(Refused):
            backend.handle({"action": "persistEntry", "params": {"dataFiles": [{"path": path, "raw": "x: 1"}], "assets": []}})
    assert "brandsite" in (tmp_path / "mkdocs.yml").read_text("utf-8")
    for action in ("unpublishedEntries", "apply", "path", None):  # the workflow's, and nothing of its own
        with pytest.raises(Refused):
            backend.handle({"action": action, "params": {}})


def test_a_new_brand_lands_in_a_folder_of_its_own(tmp_path):
    """网址名 left empty once wrote brands/brand.yml and its logo loose in brands/, which check skips silently."""
    from generator.edit.local_backend import LocalBackend, Refused

    root = copy_demo(tmp_path, parts=("mkdocs.yml", "brands"))
    backend = LocalBackend(root, {"brands": {}, "content/news/posts": {}})
    before = sorted(p.name for p in (root / "brands").iterdir())
    for path in ("brands/brand.yml", "brands/logo.png", "brands/Bianmin/brand.yml", "brands/bian_min/logo.png"):
        for request in ({"action": "persistEntry", "params": {"dataFiles": [{"path": path, "raw": "name: 便民驿站\n"}],
                                                              "assets": []}},
                        {"action": "persistMedia", "params": {"asset": {"path": path, "content": "aGVsbG8=",
                                                                        "encoding": "base64"}}}):
            with pytest.raises(Refused) as refused:
                backend.handle(request)
            assert refused.value.problems[0].startswith("网址名："), refused.value.problems
    assert sorted(p.name for p in (root / "brands").iterdir()) == before
    # the name's pinyin, as `brandsite new` proposes it, past the folders there are
    assert backend.handle({"action": "proposeSlug", "params": {"name": "便民驿站"}}) == {"slug": "bianmin-yizhan"}
    (root / "brands" / "bianmin-yizhan").mkdir()
    assert backend.handle({"action": "proposeSlug", "params": {"name": "便民驿站"}}) == {"slug": "bianmin-yizhan-2"}
    again = backend.handle({"action": "proposeSlug", "params": {"name": "爱心飞扬"}})["slug"]
    assert SLUG.match(again) and again.startswith("aixin") and not (root / "brands" / again).exists()
    assert backend.handle({"action": "proposeSlug", "params": {"name": "  "}}) == {"slug": ""}


def test_a_refused_save_names_each_field_as_the_form_labels_it(site):
    from generator.edit.problems import brand_errors

    site.brand(slug="xin", text=GOOD_BRAND_FOR_FORM.replace("vision: 让每一份档案都能被找到\n", "")
               .replace("  - 对行动不便的群众上门服务\n", "")
               .replace('  hotline: "12345"\n  complaint: 局长信箱\n', "")
               .replace("address: 档案馆利用大厅", "address: 档案馆利用大厅 13812345678"))
    config = load_config(site.root)
    lines = brand_errors(site.root / "brands" / "xin", site.root, config.contract(), CRITERIA)
    assert "品牌愿景：必须填写" in lines
    assert any(line.startswith("服务承诺") and "至少 3 条" in line for line in lines), lines
    assert "联系方式：缺少监督电话或投诉渠道，要畅通服务投诉渠道" in lines  # no contact.hotline for the editor
    assert any(line.startswith("联系方式：") and "13812345678" in line for line in lines), lines
    assert not any(re.search(r"[a-z_]+\.[a-z_]+", line) for line in lines), lines


def test_a_url_name_that_differs_from_its_folder_is_an_error_at_its_line(site, check):
    from tests.conftest import GOOD_BRAND

    site.brand(slug="wendang", text=GOOD_BRAND.replace("unit:", "url_name: wendang\nunit:", 1))
    assert check()[0] == 0
    site.brand(slug="wendang", text=GOOD_BRAND.replace("unit:", "url_name: wen-dang\nunit:", 1))
    code, lines = check()
    assert code == 1
    assert any(line.startswith("brands/wendang/brand.yml:2:11: 错误 brand.url-name") and "wen-dang" in line
               for line in lines), lines
    site.brand(slug="wendang", text=GOOD_BRAND.replace("unit:", "url_name: 文档\nunit:", 1))
    assert any("网址名应为小写字母、数字和连字符" in line for line in check()[1])


def test_no_other_page_can_write_through_the_local_backend(editing):
    import json as json_mod
    import urllib.error
    import urllib.request

    root, url, _ = editing
    path = root / "brands" / "aixin-feiyang" / "brand.yml"
    before = path.read_bytes()
    body = json_mod.dumps({"action": "persistEntry", "params": {
        "dataFiles": [{"path": "brands/aixin-feiyang/brand.yml", "raw": "name: 被篡改\n"}], "assets": []}}).encode()
    for headers in ({"Content-Type": "text/plain"},  # what a page elsewhere can send without asking first
                    {"Content-Type": "application/json", "Origin": "http://evil.example"}):
        request = urllib.request.Request(url + "/api/v1", data=body, headers=headers, method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
    assert path.read_bytes() == before


def test_only_requests_addressed_to_this_machine_are_answered(editing):
    """DNS rebinding: a page on another domain that resolves to 127.0.0.1 sends its own name as Host."""
    import http.client
    import json as json_mod

    root, url, _ = editing
    port = int(url.rsplit(":", 1)[1])
    path = root / "brands" / "aixin-feiyang" / "brand.yml"
    before = path.read_bytes()
    write = json_mod.dumps({"action": "persistEntry", "params": {
        "dataFiles": [{"path": "brands/aixin-feiyang/brand.yml", "raw": "name: 被篡改\n"}], "assets": []}})

    def ask(method, target, host, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.putrequest(method, target, skip_host=True)
        connection.putheader("Host", host)
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        data = body.encode("utf-8") if body else b""
        connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data)
        response = connection.getresponse()
        answer = response.status, response.read().decode("utf-8")
        connection.close()
        return answer

    json_headers = {"Content-Type": "application/json"}
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", ""):
        for target in ("/", "/brands/aixin-feiyang/", "/admin/", "/admin/config.yml"):
            status, text = ask("GET", target, host)
            assert status == 403 and "拒绝访问" in text and "Forbidden" not in text, (host, target)
        assert ask("POST", "/api/v1", host, write, {**json_headers, "Origin": f"http://{host}"})[0] == 403
    # its own name, either spelling: answered (and /admin/ as localhost goes to the address the form uses)
    assert ask("GET", "/", f"127.0.0.1:{port}")[0] == 200 and ask("GET", "/", f"localhost:{port}")[0] == 200
    assert ask("GET", "/admin/", f"localhost:{port}")[0] == 302
    own = f"127.0.0.1:{port}"
    info = json_mod.dumps({"action": "info"})
    assert ask("POST", "/api/v1", own, info, {**json_headers, "Origin": f"http://{own}"})[0] == 200
    # a write needs the form's own Origin: none, or another site's, is refused
    for origin in (None, "http://evil.example", f"http://evil.example:{port}", "null", f"http://localhost:{port + 1}"):
        headers = dict(json_headers, **({"Origin": origin} if origin else {}))
        assert ask("POST", "/api/v1", own, write, headers)[0] == 403, origin
    assert path.read_bytes() == before
    for target in ("/no-such-page/", "/assets/"):  # nor a folder's file list, in English
        status, text = ask("GET", target, own)
        assert status == 404 and "找不到这个页面" in text and "Directory" not in text, target
    # a request the backend trips over: a sentence in Chinese, no traceback
    odd = json_mod.dumps({"action": "entriesByFolder", "params": [1]})
    status, text = ask("POST", "/api/v1", own, odd, {**json_headers, "Origin": f"http://{own}"})
    assert status == 500 and "程序内部出错" in json_mod.loads(text)["error"]


@needs_chromium
def test_a_page_on_another_host_name_that_resolves_here_gets_403(browser, editing):
    """DNS rebinding as a browser sees it: evil.example resolves to 127.0.0.1, its page reads and writes there."""
    from tests.conftest import CHROMIUM_ARGS

    root, url, _ = editing
    port = url.rsplit(":", 1)[1]
    path = root / "brands" / "aixin-feiyang" / "brand.yml"
    before = path.read_bytes()
    rebound = browser.browser_type.launch(executable_path=str(CHROMIUM),
                                          args=CHROMIUM_ARGS + ["--host-resolver-rules=MAP evil.example 127.0.0.1"])
    try:
        page = rebound.new_page()
        for target in ("/", "/brands/aixin-feiyang/", "/admin/", "/admin/config.yml"):
            answer = page.goto(f"http://evil.example:{port}{target}")
            assert answer.status == 403 and "拒绝访问" in page.inner_text("body"), target
        statuses = page.evaluate("""async () => {
            const body = JSON.stringify({action: "persistEntry", params: {assets: [],
                dataFiles: [{path: "brands/aixin-feiyang/brand.yml", raw: "name: 被篡改\\n"}]}});
            const write = await fetch("/api/v1", {method: "POST", headers: {"Content-Type": "application/json"}, body});
            const read = await fetch("/api/v1", {method: "POST", headers: {"Content-Type": "application/json"},
                body: JSON.stringify({action: "getEntry", params: {path: "brands/aixin-feiyang/brand.yml"}})});
            return [write.status, read.status];
        }""")
        assert statuses == [403, 403]
    finally:
        rebound.close()
    assert path.read_bytes() == before


def test_deleting_a_logo_from_the_media_library_is_refused_and_undone(tmp_path):
    from generator.edit.local_backend import LocalBackend, Refused

    root = copy_demo(tmp_path, parts=("mkdocs.yml", "brands"))
    site = load_config(root)

    def errors(folder):
        from generator.check.run import check_brand
        from generator.findings import Severity
        from generator.load.brands import load_brand

        brand, found = load_brand(folder, root, site.contract())
        found = found + (check_brand(brand, CRITERIA)[0] if brand else [])
        return [f.message for f in found if f.severity is Severity.ERROR]

    backend = LocalBackend(root, {"brands": {}}, errors)
    logo = root / "brands" / "aixin-feiyang" / "logo.png"
    before = logo.read_bytes()
    with pytest.raises(Refused, match="找不到品牌标识"):
        backend.handle({"action": "deleteFile", "params": {"path": "brands/aixin-feiyang/logo.png"}})
    assert logo.read_bytes() == before
    photo = root / "brands" / "aixin-feiyang" / "photos" / "02.jpg"
    backend.handle({"action": "persistMedia", "params": {"asset": {
        "path": "brands/aixin-feiyang/photos/02.jpg", "content": "aGVsbG8=", "encoding": "base64"}}})
    assert photo.read_bytes() == b"hello"  # an upload not yet named in brand.yml changes no finding
    backend.handle({"action": "deleteFile", "params": {"path": "brands/aixin-feiyang/photos/02.jpg"}})
    assert not photo.exists() and photo.parent.is_dir()


def test_a_save_over_a_file_that_does_not_parse_writes_the_forms_values():
    broken = "name: 文档连心桥\ncommitments: [一般查询\n"
    assert merge(broken, "name: 文档连心桥\nunit: 青岛市档案局\n", KNOWN) == "name: 文档连心桥\nunit: 青岛市档案局\n"


def test_a_save_that_would_give_two_published_brands_one_name_is_refused(site):
    """The form runs the rules that compare brands too: a new brand named as an existing one is refused before
    it is written, naming the existing folder, rather than saved and then stopping every build."""
    from generator.edit.problems import brand_errors

    site.brand(slug="wendang", text=GOOD_BRAND_FOR_FORM)
    site.brand(slug="wendang-2", text=GOOD_BRAND_FOR_FORM)
    config = load_config(site.root)
    lines = brand_errors(site.root / "brands" / "wendang-2", site.root, config.contract(), CRITERIA)
    assert any(line.startswith("品牌名称") and "brands/wendang/" in line for line in lines), lines
    draft = GOOD_BRAND_FOR_FORM + "status: draft\n"
    site.brand(slug="wendang-2", text=draft)  # a draft may share a name until it is published
    assert brand_errors(site.root / "brands" / "wendang-2", site.root, config.contract(), CRITERIA) == []


def test_a_date_that_does_not_exist_is_refused_at_its_field_not_as_an_unreadable_request(tmp_path):
    """2021-02-30 typed into 创建时间: the form says which field and why, as `brandsite check` does."""
    from functools import partial

    from generator.edit.local_backend import LocalBackend, Refused
    from generator.edit.problems import brand_errors

    root = copy_demo(tmp_path, parts=("mkdocs.yml", "brands"))
    config = load_config(root)
    backend = LocalBackend(root, {"brands": {}, "content/news/posts": {}},
                           partial(brand_errors, root=root, contract=config.contract(), criteria=CRITERIA))
    path = root / "brands" / "wendang-lianxinqiao" / "brand.yml"
    before = path.read_text("utf-8")
    raw = before.replace("launched: 2006-08", "launched: 2021-02-30") if "launched: 2006-08" in before \
        else before + "launched: 2021-02-30\n"
    request = {"action": "persistEntry", "params": {"dataFiles": [{"path": "brands/wendang-lianxinqiao/brand.yml",
                                                                   "raw": raw}], "assets": []}}
    with pytest.raises(Refused) as refused:
        backend.handle(request)
    assert any(p.startswith("创建时间") and "不存在" in p for p in refused.value.problems), refused.value.problems
    assert path.read_text("utf-8") == before
