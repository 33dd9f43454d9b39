"""brandsite deploy s3://…: moto's S3 server as the endpoint (tests/remote.py), brandsite run as a separate
process with the standard AWS environment variables. What the server was asked is read from its request log."""

from __future__ import annotations

import json
import logging
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import copy_demo
from tests.remote import environment, moto_s3
from tests.test_deploy import use
from tests.test_deploy_ssh import changed

boto3 = pytest.importorskip("boto3")
pytest.importorskip("moto")

SECRET = "brandsiteSecretKey0123456789ABCDEFGHIJKL"
ACCESS = "AKIABRANDSITETEST001"


class Requests(logging.Handler):
    """moto's request log (werkzeug's access lines): method and path of every request the server answered."""

    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())

    def take(self, method: str) -> list[str]:
        """The paths of the requests with ``method`` since the last take (forgetting all lines)."""
        found = [line.split('"')[1].split(" ")[1] for line in self.lines if f'"{method} ' in line]
        self.lines.clear()
        return found


@pytest.fixture(scope="module")
def s3(tmp_path_factory):
    requests = Requests()
    log = logging.getLogger("werkzeug")
    log.addHandler(requests)
    log.setLevel(logging.INFO)
    log.propagate = False  # the request lines would flood the test output
    with moto_s3() as endpoint:
        client = boto3.client("s3", endpoint_url=endpoint, region_name="cn-north-1", aws_access_key_id=ACCESS,
                              aws_secret_access_key=SECRET)
        client.create_bucket(Bucket="brands", CreateBucketConfiguration={"LocationConstraint": "cn-north-1"})
        home = tmp_path_factory.mktemp("home")  # no ~/.aws of the machine's
        env = environment(AWS_ENDPOINT_URL=endpoint, AWS_REGION="cn-north-1", AWS_ACCESS_KEY_ID=ACCESS,
                          AWS_SECRET_ACCESS_KEY=SECRET, HOME=str(home))
        yield client, env, requests
    log.removeHandler(requests)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_demo(tmp_path_factory.mktemp("deploy-s3"))
    done = subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build", "-q"], capture_output=True)
    assert done.returncode == 0, done.stderr
    subprocess.run(["cp", "-a", str(root / "site"), str(root / "pristine")], check=True)  # tests change site/
    return root


def deploy(root: Path, env: dict, target: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "deploy", target, "-q", *extra],
                          capture_output=True, text=True, env=env)


def objects(client, prefix: str) -> dict[str, dict]:
    found = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket="brands", Prefix=prefix):
        for item in page.get("Contents", []):
            found[item["Key"][len(prefix):]] = item
    return found


def puts(requests: Requests, prefix: str) -> list[str]:
    from urllib.parse import unquote

    return [unquote(path.split("?")[0])[len(f"/brands/{prefix}"):] for path in requests.take("PUT")]


def kind(name: str, old_pages: set[str]) -> str:
    """What a file is to a visitor's browser (a compressed copy as its original)."""
    name = name.removesuffix(".gz").removesuffix(".br")
    if name.endswith(".html"):
        return "改动的页面" if name in old_pages else "新页面"
    return {".css": "样式和脚本", ".js": "样式和脚本", ".map": "样式和脚本", ".json": "列表", ".xml": "列表"}.get(
        Path(name).suffix, "文件")


def test_only_changed_files_are_uploaded_assets_before_pages_and_deletions_last(built, s3):
    client, env, requests = s3
    prefix = "ztzl/fwpp/"
    requests.take("PUT")
    first = deploy(built, env, f"s3://brands/{prefix}", "--no-build")
    assert first.returncode == 0, first.stderr
    site = built / "site"
    files = {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}
    stored = objects(client, prefix)
    assert set(stored) == set(files)
    page = client.get_object(Bucket="brands", Key=prefix + "brands/wendang-lianxinqiao/index.html")
    assert page["Body"].read() == files["brands/wendang-lianxinqiao/index.html"].read_bytes()
    assert page["ContentType"] == "text/html; charset=utf-8" and page["CacheControl"] == "public, max-age=300"
    bundle = next(k for k in files if k.startswith("assets/javascripts/bundle.") and k.endswith(".min.js"))
    head = client.head_object(Bucket="brands", Key=prefix + bundle)
    assert head["ContentType"] == "text/javascript; charset=utf-8" and "immutable" in head["CacheControl"]
    assert client.head_object(Bucket="brands", Key=prefix + "brands/wendang-lianxinqiao/logo.webp")["ContentType"] == "image/webp"
    sent = puts(requests, prefix)
    assert sorted(sent) == sorted(files)
    # pictures, then the styles and scripts naming them, then pages, then the lists of pages
    kinds = [kind(name, set()) for name in sent]
    assert [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k] == ["文件", "样式和脚本", "新页面", "列表"]

    # the same site again: not one upload, no object rewritten
    again = deploy(built, env, f"s3://brands/{prefix}", "--no-build")
    assert again.returncode == 0, again.stderr
    assert puts(requests, prefix) == [] and "上传 0 个文件" in again.stdout
    assert {k: v["LastModified"] for k, v in objects(client, prefix).items()} == \
        {k: v["LastModified"] for k, v in stored.items()}

    # one brand changes (a real build): exactly the files whose bytes changed are uploaded
    before = built / "before-s3"
    subprocess.run(["cp", "-a", str(site), str(before)], check=True)
    yml = built / "brands" / "yidao" / "brand.yml"
    yml.write_text(yml.read_text("utf-8").replace("slogan: ", "slogan: 改过的口号，", 1), "utf-8")
    third = deploy(built, env, f"s3://brands/{prefix}")
    assert third.returncode == 0, third.stderr
    sent = puts(requests, prefix)
    assert set(sent) == changed(before, site) and "brands/yidao/index.html" in sent
    assert not any(n.startswith("brands/") and not n.startswith("brands/yidao/") for n in sent)

    # a file the site no longer has is deleted, after every upload
    gone = site / "brands" / "yidao" / "logo.png"
    gone.unlink()
    (site / "index.html").write_text((site / "index.html").read_text("utf-8") + "<!-- v4 -->", "utf-8")
    requests.lines.clear()
    fourth = deploy(built, env, f"s3://brands/{prefix}", "--no-build")
    assert fourth.returncode == 0, fourth.stderr
    order = [line.split('"')[1] for line in requests.lines if '"PUT ' in line or '"POST ' in line]
    assert order[-1].startswith("POST /brands?delete") and order[0].startswith("PUT ")
    assert "brands/yidao/logo.png" not in objects(client, prefix)


def test_dry_run_lists_and_a_deploy_deleting_most_of_the_site_is_refused(built, s3, tmp_path):
    client, env, requests = s3
    prefix = "guard/"
    use(built, built / "pristine")
    assert deploy(built, env, f"s3://brands/{prefix}", "--no-build").returncode == 0
    before = objects(client, prefix)
    site = built / "site"
    for path in list(site.rglob("*")):
        if path.is_file() and path != site / "index.html":
            path.unlink()
    (site / "index.html").write_text("<p>只剩首页</p>", "utf-8")
    dry = deploy(built, env, f"s3://brands/{prefix}", "--no-build", "--dry-run")
    assert dry.returncode == 0 and "试运行" in dry.stdout and "删除  guard/404.html" in dry.stdout
    refused = deploy(built, env, f"s3://brands/{prefix}", "--no-build")
    assert refused.returncode == 1 and "--allow-deletes" in refused.stderr and "Traceback" not in refused.stderr
    assert objects(client, prefix) == before  # nothing uploaded, nothing deleted
    allowed = deploy(built, env, f"s3://brands/{prefix}", "--no-build", "--allow-deletes")
    assert allowed.returncode == 0, allowed.stderr
    assert set(objects(client, prefix)) == {"index.html"}


def test_gzip_and_precompress_and_the_secret_key_appears_nowhere(built, s3):
    client, env, requests = s3
    import gzip

    use(built, built / "pristine")
    done = deploy(built, env, "s3://brands/gz", "--no-build", "--gzip", "--precompress")
    assert done.returncode == 0, done.stderr
    head = client.get_object(Bucket="brands", Key="gz/index.html")
    assert head["ContentEncoding"] == "gzip"
    assert gzip.decompress(head["Body"].read()) == (built / "site" / "index.html").read_bytes()
    assert "index.html.gz" in objects(client, "gz/")
    assert deploy(built, env, "s3://brands/gz", "--no-build", "--gzip", "--precompress").stdout.count("上传 0 个文件") == 1

    missing = {k: v for k, v in env.items() if k not in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
    missing["AWS_EC2_METADATA_DISABLED"] = "true"  # no cloud machine to ask for credentials here
    refused = deploy(built, missing, "s3://brands/gz", "--no-build")
    assert refused.returncode == 1 and "AWS_SECRET_ACCESS_KEY" in refused.stderr and "Traceback" not in refused.stderr
    wrong = deploy(built, env, "s3://no-such-bucket/x", "--no-build")
    assert wrong.returncode == 1 and "不存在" in wrong.stderr
    for setting, said in ((dict(AWS_ENDPOINT_URL="s3.oss-cn-hangzhou.aliyuncs.com"), "AWS_ENDPOINT_URL 写得不对"),
                          (dict(AWS_PROFILE="nosuch"), "找不到 AWS_PROFILE 指定的配置“nosuch”")):
        mistyped = deploy(built, {**env, **setting}, "s3://brands/gz", "--no-build")
        assert mistyped.returncode == 1 and said in mistyped.stderr, mistyped.stderr
        assert "Traceback" not in mistyped.stderr and "could not" not in mistyped.stderr

    # nothing brandsite printed or wrote holds the secret
    for result in (done, refused, wrong):
        assert SECRET not in result.stdout + result.stderr
    for path in built.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


class _Links(HTMLParser):
    """The addresses a page names: links, pictures, styles, scripts."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("href", "src"):
                self.found.append(value)
            elif value and name == "srcset":
                self.found += [part.split()[0] for part in value.split(",") if part.strip()]


def missing_for_visitors(folder: Path, old_pages: set[str]) -> list[str]:
    """What a visitor can reach in ``folder`` (a bucket's objects as files) and not get: starting from the home
    page, every page of the previous version still there (bookmarks, search engines) and every page the
    sitemap and the search lists name, following links to pages and the pictures, styles and scripts of every
    page reached. Read as a browser resolves addresses, independently of brandsite's own link check."""
    base = "http://site/"

    def file_for(url: str) -> str | None:
        path = unquote(urlsplit(url).path)[1:]
        names = [path + "index.html"] if path == "" or path.endswith("/") else [path, path + "/index.html"]
        return next((name for name in names if (folder / name).is_file()), None)

    listed = []
    if (folder / "sitemap.xml").is_file():
        listed += re.findall(r"<loc>(.*?)</loc>", (folder / "sitemap.xml").read_text("utf-8"))  # the site's own address
    if (folder / "search" / "brands.json").is_file():
        listed += [base + b[2] for b in json.loads((folder / "search" / "brands.json").read_text("utf-8"))["brands"]]
    if (folder / "search" / "search_index.json").is_file():
        listed += [base + d["location"] for d in
                   json.loads((folder / "search" / "search_index.json").read_text("utf-8")).get("docs", [])]
    missing = [f"列表中的 {url}" for url in listed if file_for(url) is None]
    queue = ["index.html", *sorted(p for p in old_pages if (folder / p).is_file()),
             *(f for f in map(file_for, listed) if f)]
    seen = set(queue)
    while queue:
        page = queue.pop()
        reader = _Links()
        reader.feed((folder / page).read_text("utf-8"))
        for address in reader.found:
            url = urljoin(base + page, address.strip())
            if not url.startswith(base) or url.startswith(base + "#"):
                continue
            found = file_for(url.split("#")[0].split("?")[0])
            if found is None:
                missing.append(f"{page} → {address}")
            elif found.endswith(".html") and found not in seen:
                seen.add(found)
                queue.append(found)
    return missing


def test_a_deploy_killed_at_any_moment_leaves_every_page_a_visitor_can_reach_whole(s3, tmp_path):
    """v1 → v2 adds a brand, changes one and removes one; the deploy is killed (SIGKILL) just after a random
    request of each phase. Each time every object is one version's whole file, and nothing a visitor can
    reach is missing a page, picture, style or script; the deploy run again then leaves exactly v2."""
    client, env, requests = s3
    (tmp_path / "demo").mkdir()
    root = copy_demo(tmp_path / "demo")
    versions = {}
    for name in ("v1", "v2"):
        if name == "v2":
            shutil.copytree(root / "brands" / "yidao", root / "brands" / "yidao-erqi")
            yml = root / "brands" / "yidao-erqi" / "brand.yml"
            yml.write_text(yml.read_text("utf-8").replace("name: 服务山区农业建设特色驿道", "name: 驿道二期", 1), "utf-8")
            yml = root / "brands" / "wendang-lianxinqiao" / "brand.yml"
            yml.write_text(yml.read_text("utf-8").replace("slogan: ", "slogan: 改过的口号，", 1), "utf-8")
            shutil.rmtree(root / "brands" / "huanwei-tujidui")
        done = subprocess.run([sys.executable, "-m", "generator", "-C", str(root), "build", "-q"], capture_output=True)
        assert done.returncode == 0, done.stderr
        versions[name] = tmp_path / name
        shutil.copytree(root / "site", versions[name])
    files = {name: {p.relative_to(v).as_posix(): p.read_bytes() for p in v.rglob("*") if p.is_file()}
             for name, v in versions.items()}
    old_pages = {name for name in files["v1"] if name.endswith(".html")}
    assert "brands/yidao-erqi/index.html" not in old_pages and "brands/huanwei-tujidui/index.html" in old_pages
    prefix, target = "kill/", "s3://brands/kill/"

    def writes() -> list[str]:
        return [line.split('"')[1] for line in list(requests.lines) if '"PUT ' in line or '"POST ' in line]

    def deploy_version(name: str) -> None:
        use(root, versions[name])
        done = deploy(root, env, target, "--no-build", "--allow-deletes")
        assert done.returncode == 0, done.stderr

    def bucket() -> Path:
        into = tmp_path / "bucket"
        shutil.rmtree(into, ignore_errors=True)
        for name in objects(client, prefix):
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            (into / name).write_bytes(client.get_object(Bucket="brands", Key=prefix + name)["Body"].read())
        return into

    # once whole, to see the requests v1 → v2 takes, grouped as brandsite sends them
    deploy_version("v1")
    requests.lines.clear()
    deploy_version("v2")
    whole = writes()
    assert whole[-1].startswith("POST ") and "huanwei-tujidui" not in json.dumps(sorted(objects(client, prefix)))

    kinds = ["删除" if r.startswith("POST") else
             kind(unquote(r.split(" ")[1].split("?")[0]).removeprefix(f"/brands/{prefix}"), old_pages) for r in whole]
    phases = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    assert phases == ["文件", "样式和脚本", "新页面", "改动的页面", "列表", "删除"], phases
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    stops = [rng.choice([i + 1 for i, k in enumerate(kinds) if k == phase]) for phase in phases]
    for stop in stops:
        deploy_version("v1")
        requests.lines.clear()
        use(root, versions["v2"])
        process = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(root), "deploy", target, "--no-build",
                                    "-q"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while len(writes()) < stop and process.poll() is None:
            time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
        process.wait()
        seen = bucket()
        where = f"killed after request {stop} of {len(whole)} ({kinds[stop - 1]}), seed {seed}"
        for path in seen.rglob("*"):
            if path.is_file():
                name = path.relative_to(seen).as_posix()
                assert path.read_bytes() in (files["v1"].get(name), files["v2"].get(name)), (where, name)
        assert missing_for_visitors(seen, old_pages) == [], where
    done = deploy(root, env, target, "--no-build", "-q")
    assert done.returncode == 0, done.stderr
    seen = bucket()
    assert {p.relative_to(seen).as_posix(): p.read_bytes() for p in seen.rglob("*") if p.is_file()} == files["v2"]
