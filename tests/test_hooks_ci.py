"""The commit hook and the CI pipelines: each runs the real brandsite commands, only the committed brands
are checked, and GitLab's Code Quality report has the documented format."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.cli import _parser, main
from generator.edit.ci import CODE_QUALITY, PLATFORMS, commands, pipeline
from tests.conftest import REPO, copy_demo

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "gitlab-code-quality.json").read_text("utf-8"))
BROKEN = ("commitments:\n- 低保申请 20 个工作日内审批\n- 临时救助急难情形 24 小时内先行救助\n- 婚姻登记即来即办\n",
          "commitments:\n- 低保申请 20 个工作日内审批\n")


def scripts(platform: str) -> list[str]:
    data = yaml.safe_load(pipeline(platform))
    if platform == "gitlab":
        return [line for job in data.values() if isinstance(job, dict) for line in job.get("script", [])]
    return [step["run"] for step in data["jobs"]["site"]["steps"] if "run" in step]


@pytest.mark.parametrize("platform", PLATFORMS)
def test_each_pipeline_parses_runs_the_real_commands_keeps_the_cache_and_the_site(platform):
    text = pipeline(platform)
    data = yaml.safe_load(text)
    run = scripts(platform)
    for command in commands(platform):
        assert any(line.startswith(command) for line in run), (command, run)
        words = shlex.split(command.split(">")[0])
        assert words[0] == "brandsite"
        _parser().parse_args(words[1:])  # a flag the CLI does not know would exit here
    assert ".brandsite/cache" in text and "site/" in text
    if platform == "gitlab":
        assert data["check"]["artifacts"]["reports"]["codequality"] == CODE_QUALITY
        assert data["build"]["artifacts"]["paths"] == ["site/"]
    else:
        uses = [s.get("uses", "") for s in data["jobs"]["site"]["steps"]]
        assert any(u.startswith("actions/cache@") for u in uses) and any(u.startswith("actions/upload-artifact@") for u in uses)


def test_the_ci_command_writes_each_platforms_file_and_keeps_a_foreign_one(tmp_path, capsys):
    for platform, target in (("gitlab", ".gitlab-ci.yml"), ("github", ".github/workflows/brandsite.yml"),
                             ("gitea", ".gitea/workflows/brandsite.yml")):
        assert main(["-C", str(tmp_path), "ci", platform]) == 0
        assert (tmp_path / target).read_text("utf-8") == pipeline(platform)
    (tmp_path / ".gitlab-ci.yml").write_text("test:\n  script: [make test]\n", "utf-8")
    assert main(["-C", str(tmp_path), "ci", "gitlab"]) == 1
    assert "已经存在" in capsys.readouterr().err
    assert (tmp_path / ".gitlab-ci.yml").read_text("utf-8") == "test:\n  script: [make test]\n"


@pytest.fixture(scope="module")
def broken_demo(tmp_path_factory):
    root = copy_demo(tmp_path_factory.mktemp("ci"), parts=("mkdocs.yml", "brands", "scores", "content"))
    path = root / "brands" / "aixin-feiyang" / "brand.yml"
    path.write_text(path.read_text("utf-8").replace(*BROKEN), "utf-8")
    return root


def brandsite(root: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "-C", str(root), *args], capture_output=True,
                          text=True, cwd=cwd or root)


def test_the_code_quality_report_validates_against_the_documented_format(broken_demo):
    done = brandsite(broken_demo, "check", "--format", "codequality")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    jsonschema.validate(report, SCHEMA)
    assert len({issue["fingerprint"] for issue in report}) == len(report)  # GitLab shows one issue per fingerprint
    (error,) = [i for i in report if i["severity"] == "major"]
    assert error["location"] == {"path": "brands/aixin-feiyang/brand.yml", "lines": {"begin": 11}}
    assert error["check_name"] == "commitments.min" and "服务承诺至少 3 条" in error["description"]


def test_github_annotations_point_at_the_file_and_line(broken_demo):
    done = brandsite(broken_demo, "check", "--format", "github")
    assert "::error file=brands/aixin-feiyang/brand.yml,line=11," in done.stdout


def test_the_committed_files_decide_what_is_checked(broken_demo):
    fine = brandsite(broken_demo, "check", "--quiet", "--hook", "brands/wendang-lianxinqiao/brand.yml", "README.md")
    assert fine.returncode == 0 and "检查了 1 个品牌" in fine.stdout
    broken = brandsite(broken_demo, "check", "--quiet", "--hook", "brands/aixin-feiyang/logo.png")
    assert broken.returncode == 1 and "检查了 1 个品牌" in broken.stdout
    site_wide = brandsite(broken_demo, "check", "--quiet", "--hook", "mkdocs.yml")
    assert site_wide.returncode == 1 and "检查了 1 个品牌" not in site_wide.stdout  # everything
    none = brandsite(broken_demo, "check", "--quiet", "--hook", "README.md")
    assert none.returncode == 0 and "不用检查" in none.stdout
    own_criteria = brandsite(broken_demo, "check", "--quiet", "--hook", "rules/criteria.yml")  # wherever mkdocs.yml points
    assert own_criteria.returncode == 1 and "检查了 1 个品牌" not in own_criteria.stdout


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "编辑", "GIT_AUTHOR_EMAIL": "editor@example.gov.cn",
           "GIT_COMMITTER_NAME": "编辑", "GIT_COMMITTER_EMAIL": "editor@example.gov.cn"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)


def test_the_installed_hook_stops_a_commit_with_an_error_and_lets_a_good_one_through(tmp_path):
    repo = copy_demo(tmp_path, parts=("mkdocs.yml", "brands", "scores", "content"))
    assert git(repo, "init", "-q", "-b", "main").returncode == 0
    git(repo, "add", ".")
    assert git(repo, "commit", "-q", "-m", "demo", "--no-verify").returncode == 0
    assert main(["-C", str(repo), "hooks", "install"]) == 0
    path = repo / "brands" / "aixin-feiyang" / "brand.yml"
    path.write_text(path.read_text("utf-8").replace(*BROKEN), "utf-8")
    git(repo, "add", str(path))
    refused = git(repo, "commit", "-q", "-m", "删掉两条承诺")
    assert refused.returncode != 0
    assert "brands/aixin-feiyang/brand.yml:11:1: 错误 commitments.min" in refused.stdout + refused.stderr
    assert "提交已取消" in refused.stderr
    git(repo, "reset", "-q", "--hard")
    other = repo / "brands" / "wendang-lianxinqiao" / "brand.yml"
    other.write_text(other.read_text("utf-8").replace("vision: ", "vision: 让", 1), "utf-8")
    git(repo, "add", str(other))
    assert git(repo, "commit", "-q", "-m", "改愿景").returncode == 0
    assert main(["-C", str(repo), "hooks", "install"]) == 0  # again: its own hook is replaced


def test_the_pre_commit_framework_hook_runs_the_same_check(broken_demo):
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "brandsite-check" and hook["language"] == "python"
    import re

    files = ["brands/aixin-feiyang/brand.yml", "brands/wendang-lianxinqiao/logo.png", "README.md"]
    passed = [f for f in files if re.search(hook["files"], f)]
    assert passed == files[:2]  # pre-commit hands over only these
    words = shlex.split(hook["entry"])
    done = brandsite(broken_demo, *words[1:], *passed)
    assert done.returncode == 1 and "检查了 2 个品牌" in done.stdout


def test_a_hook_installed_before_hook_existed_still_passes_a_deleted_file(broken_demo):
    """Git's hooks run with GIT_INDEX_FILE set: a commit that deletes a file outside the brands is not a mistake."""
    done = subprocess.run([sys.executable, "-m", "generator", "-C", str(broken_demo), "check", "--quiet", "--", "gone.txt"],
                          capture_output=True, text=True, env={**os.environ, "GIT_INDEX_FILE": ".git/index"})
    assert done.returncode == 0 and "这次提交没有品牌文件" in done.stdout, done.stderr
    typed = subprocess.run([sys.executable, "-m", "generator", "-C", str(broken_demo), "check", "--quiet", "gone.txt"],
                           capture_output=True, text=True, env={k: v for k, v in os.environ.items() if k != "GIT_INDEX_FILE"})
    assert typed.returncode == 2 and "没有叫“gone.txt”的品牌" in typed.stderr
