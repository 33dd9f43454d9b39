"""Pipelines for a brand repository's CI, and its plain Git hook: the same `brandsite check` an editor
runs, with its findings shown where each platform shows them, then the build, its cache and the site.

- GitHub Actions and Gitea Actions (the same workflow syntax): `check --format github` prints workflow
  commands, shown as annotations on the changed lines.
- GitLab CI: `check --format codequality` writes the Code Quality report GitLab shows in merge requests.

Every template keeps `.brandsite/cache/` between runs (the incremental build's pages and images; the
cache checks itself, so the key only picks where to start) and publishes site/ as an artifact.
"""

from __future__ import annotations

import shlex
import sys

PLATFORMS = ("gitlab", "github", "gitea")
# where each platform reads its pipeline
TARGETS = {"gitlab": ".gitlab-ci.yml", "github": ".github/workflows/brandsite.yml",
           "gitea": ".gitea/workflows/brandsite.yml"}
CODE_QUALITY = "gl-code-quality-report.json"

# How the runner installs brandsite: this repository itself by default (brands kept beside the
# generator); a brand repository of its own points it elsewhere, e.g. an internal package index.
_INSTALL = 'python -m pip install --quiet "${BRANDSITE_PACKAGE:-.}"'
_HEAD = "# 由 brandsite ci {platform} 生成：检查品牌资料、生成网站，并保留生成缓存。\n"


def pipeline(platform: str) -> str:
    if platform == "gitlab":
        return _gitlab()
    if platform in ("github", "gitea"):
        return _actions(platform)
    raise ValueError(platform)


def commands(platform: str) -> list[str]:
    """The brandsite commands a pipeline runs (the tests run each one for real)."""
    check = "brandsite check --format codequality > " + CODE_QUALITY if platform == "gitlab" \
        else "brandsite check --format github"
    return [check, "brandsite build --quiet"]


def _gitlab() -> str:
    check, build = commands("gitlab")
    return _HEAD.format(platform="gitlab") + f"""\
image: python:3.11

stages: [check, build]

variables:
  PIP_CACHE_DIR: "$CI_PROJECT_DIR/.cache/pip"

default:
  before_script:
    - {_INSTALL}

check:
  stage: check
  script:
    - {check} || {{ status=$?; brandsite check --quiet; exit $status; }}
  artifacts:
    when: always
    reports:
      codequality: {CODE_QUALITY}

build:
  stage: build
  cache:
    key:
      files: [mkdocs.yml, pyproject.toml]
      prefix: brandsite-$CI_COMMIT_REF_SLUG
    paths: [.brandsite/cache/, .cache/pip]
  script:
    - {build}
  artifacts:
    name: site
    paths: [site/]
    expire_in: 30 days
"""


def _actions(platform: str) -> str:
    check, build = commands(platform)
    hash_files = "hashFiles('mkdocs.yml', 'pyproject.toml')"
    # Gitea's runner reads the same syntax; its artifact action is the v3 line (v4 needs GitHub's service)
    upload = "actions/upload-artifact@v4" if platform == "github" else "actions/upload-artifact@v3"
    return _HEAD.format(platform=platform) + f"""\
name: 品牌资料检查与网站生成

on:
  push:
  pull_request:

jobs:
  site:
    runs-on: ubuntu-latest
    env:
      BRANDSITE_PACKAGE: "."
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: 安装 brandsite
        run: {_INSTALL}
      - name: 检查品牌资料
        run: {check}
      - uses: actions/cache@v4
        with:
          path: .brandsite/cache
          key: brandsite-${{{{ github.ref_name }}}}-${{{{ {hash_files} }}}}-${{{{ github.sha }}}}
          restore-keys: |
            brandsite-${{{{ github.ref_name }}}}-${{{{ {hash_files} }}}}-
            brandsite-
      - name: 生成网站
        run: {build}
      - uses: {upload}
        with:
          name: site
          path: site/
"""


def hook_script(root_from_top: str) -> str:
    """A plain Git pre-commit hook: the brands of the files in the commit, checked before it is made."""
    python = shlex.quote(sys.executable)
    root = shlex.quote(root_from_top or ".")
    return f"""\
#!/bin/sh
# brandsite: 提交前检查这次提交里的品牌文件（由 brandsite hooks install 写入；删除本文件即停用）
cd "$(git rev-parse --show-toplevel)" || exit 1
git diff --cached --name-only -z --diff-filter=ACMRD | xargs -0 -r {python} -m generator -C {root} check --quiet --hook --
status=$?
[ $status -eq 0 ] || echo "品牌资料有错误，提交已取消。改正后重新提交（确需跳过检查：git commit --no-verify）。" >&2
exit $status
"""
