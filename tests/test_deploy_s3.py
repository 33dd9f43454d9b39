"""brandsite deploy s3://…: moto's S3 server as the endpoint (tests/remote.py), brandsite run as a separate
process with the standard AWS environment variables. What the server was asked is read from its request log."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

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
    first_page = min(i for i, name in enumerate(sent) if name.endswith(".html"))
    assert all(name.endswith(".html") for name in sent[first_page:]), "a page was uploaded before an asset"

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

    # nothing brandsite printed or wrote holds the secret
    for result in (done, refused, wrong):
        assert SECRET not in result.stdout + result.stderr
    for path in built.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path
