"""brandsite deploy TARGET: build the site (or the portal column) and put it live in one step, on this machine
(a folder), on a server over SSH (ssh://), or in S3-compatible object storage (s3://); or write it as a
package for a provincial platform (--package). The targets are in generator/publish/."""

from __future__ import annotations

import contextlib
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from generator.check import identity
from generator.commands import build, fail, why
from generator.progress import on_stderr
from generator.publish import deploy, precompress, targets


@dataclass(frozen=True)
class Options:
    rollback: bool = False
    portal: bool = False
    build_first: bool = True
    quiet: bool = False
    precompress: bool = False
    keep: int | None = None  # releases kept on an SSH server (None: deploy_ssh.KEEP)
    ssh_config: Path | None = None
    dry_run: bool = False  # object storage: list what would change
    gzip: bool = False  # object storage: text stored gzip-encoded
    allow_deletes: bool = False  # object storage: even when most of the site would go
    package: Path | None = None  # write a package for a site platform instead of deploying
    base_url: str | None = None  # the package's address on that platform


def run(root: Path, target: str | None, options: Options = Options()) -> int:
    refused = None if options.rollback else identity.refusal_at(root, "部署")
    if refused:  # a site that still says example.gov.cn would send every QR code and link there
        print(f"错误：{refused}", file=sys.stderr)
        print(f"未部署，{target} 保持原样。" if options.package is None else "未写出发布包。", file=sys.stderr)
        return 1
    if options.package is not None:
        if target is not None:
            return fail(f"--package 写出发布包，不再部署到 {target}：两者只选其一")
        return _package(root, options.package, options)
    if target is None:
        return fail("缺少部署目标：写本机目录、ssh://用户@服务器/目录 或 s3://存储桶/前缀，或用 --package 文件.zip 打包")
    if options.base_url:
        return fail("--base-url 只用于 --package（发布包在省级平台上的地址）")
    try:
        where = targets.parse(target)
    except targets.TargetError as exc:
        return fail(str(exc))
    if (options.dry_run or options.gzip or options.allow_deletes) and not isinstance(where, targets.S3):
        return fail("--dry-run、--gzip 和 --allow-deletes 只用于对象存储（s3://存储桶/前缀）")
    if options.keep is not None and not isinstance(where, targets.Ssh):
        return fail("--keep 只用于服务器（ssh://…）：本机目录保留上一版本，对象存储不分版本")
    if isinstance(where, targets.S3):
        return _s3(root, where, options)
    if isinstance(where, targets.Ssh):
        return _ssh(root, where, options)
    return _local(root, where.path, options)


def _local(root: Path, target: Path, options: Options) -> int:
    site = (root / "site").resolve()
    live = deploy.Places.of(target).live
    if live == site or site.is_relative_to(live) or live == root.resolve():
        return fail(f"部署目录 {target} 不能是站点仓库或它的 site/ 目录：请指定网站服务器的目录，如 /var/www/brands")
    try:
        if options.rollback:
            note = deploy.rollback(live)
            _say(note)
            print(f"已回退：{target} 现在是上一版本；再运行一次 brandsite deploy {target} --rollback 可回到刚才的版本")
            return 0
        with _sources(root, options) as sources:
            if sources is None:
                print(f"未部署，{target} 保持原样。", file=sys.stderr)
                return 1
            progress = on_stderr(options.quiet)
            fills = [deploy.copy_site(source, progress) for source in sources]

            def fill(folder: Path) -> None:
                for each in fills:
                    each(folder)
            note, had_previous = deploy.deploy(live, fill)
    except deploy.DeployError as exc:
        return fail(f"{exc}。{target} 保持原样")
    except OSError as exc:
        return fail(f"部署失败（{why(exc)}），{target} 保持原样")
    _say(note)
    kept = f"；上一版本已保留，brandsite deploy {target} --rollback 可回退" if had_previous else ""
    print(f"已部署{_what(options)}到 {target}（整体切换）{kept}")
    return 0


def _ssh(root: Path, target: targets.Ssh, options: Options) -> int:
    from generator.publish import deploy_ssh

    try:
        if options.rollback:
            was, now = deploy_ssh.rollback(target, options.ssh_config)
            print(f"已回退：{target} 现在是版本 {now}（原来是 {was}）；再次部署即换成新版本")
            return 0
        with _sources(root, options) as sources:
            if sources is None:
                print(f"未部署，{target} 保持原样。", file=sys.stderr)
                return 1
            keep = options.keep or deploy_ssh.KEEP
            sent = deploy_ssh.deploy(target, sources, keep, options.ssh_config)
    except deploy_ssh.SshError as exc:
        return fail(f"{exc}。{target} 上的网站保持原样")
    except OSError as exc:
        return fail(f"部署失败（{why(exc)}），{target} 上的网站保持原样")
    if sent.cleaned:
        _say(f"已清理上次被中断的部署留下的未完成版本 {'、'.join(sent.cleaned)}（线上网站未受影响）")
    removed = f"；删除了较早的版本 {len(sent.removed)} 个" if sent.removed else ""
    if sent.by_tar:
        _say(f"{sent.by_tar}没有 rsync，改用 tar 发送改动过的文件")
    if sent.same:
        print(f"{target} 上线的已是这个版本（{sent.release}，共 {sent.files} 个文件）：发送 0 个，没有任何改动，"
              "未新建版本，可回退的版本不变")
        return 0
    print(f"已部署{_what(options)}到 {target}（整体切换，版本 {sent.release}）：共 {sent.files} 个文件，发送 "
          f"{sent.transferred} 个（{_size(sent.bytes_sent)}），其余与线上版本相同未发送；保留最近 {keep} 个版本"
          f"{removed}，brandsite deploy {target} --rollback 可回退")
    return 0


def _s3(root: Path, target: targets.S3, options: Options) -> int:
    from botocore.exceptions import BotoCoreError, ClientError

    from generator.publish import deploy_s3

    if options.rollback:
        return fail("对象存储没有可切换的上一版本：请检出上一版本的品牌资料后重新部署（或在存储桶上开启版本控制）")
    try:
        s3 = deploy_s3.client()
        with _sources(root, options) as sources:
            if sources is None:
                print(f"未部署，{target} 保持原样。", file=sys.stderr)
                return 1
            plan = deploy_s3.plan(s3, target, targets.site_files(*sources), options.gzip)
            if options.dry_run:
                _list_plan(plan, target)
                return 0
            if not options.allow_deletes:
                deploy_s3.refuse_mass_deletion(plan, target)
            deploy_s3.apply(s3, target, plan, on_stderr(options.quiet))
    except deploy_s3.S3Error as exc:
        return fail(f"{exc}。")
    except (BotoCoreError, ClientError) as exc:
        return fail(f"{deploy_s3.explain(exc, target)}。部署未完成：已上传的文件不影响现有页面，重新运行即可继续")
    except OSError as exc:
        return fail(f"部署失败（{why(exc)}）。重新运行即可继续")
    print(f"已部署{_what(options)}到 {target}：上传 {len(plan.uploads)} 个文件（新增 {sum(u.new for u in plan.uploads)}、"
          f"改动 {sum(not u.new for u in plan.uploads)}），删除 {len(plan.deletes)} 个，{plan.unchanged} 个未改动未上传")
    return 0


def _list_plan(plan, target: targets.S3) -> None:
    for upload in (u for _, batch in plan.phases() for u in batch):
        print(f"{'新增' if upload.new else '改动'}  {target.prefix}{upload.name}")
    for key in plan.deletes:
        print(f"删除  {key}")
    print(f"（试运行，未改动 {target}）将上传 {len(plan.uploads)} 个文件、删除 {len(plan.deletes)} 个，"
          f"{plan.unchanged} 个未改动")


def _package(root: Path, archive: Path, options: Options) -> int:
    from generator.publish import package

    if options.rollback or options.portal:
        return fail("--package 不能和 --rollback、--portal 一起用")
    try:
        package.kind_of(archive)
        if options.base_url:
            package.check_base_url(options.base_url)  # before a build, not after it
        with _sources(root, options) as sources:
            if sources is None:
                print(f"未写出发布包 {archive}。", file=sys.stderr)
                return 1
            base_url = package.check_base_url(options.base_url) if options.base_url else None
            written = package.write(targets.site_files(*sources), archive, base_url)
    except package.PackageError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"无法写出发布包（{why(exc)}）")
    if written.dropped_404:
        _say("没有 --base-url，发布包里不含 404 页面（它的链接从网站根目录开始，放在子路径下会失效）；"
             "写明发布地址（如 --base-url https://www.example.gov.cn/ztzl/fwpp/）即可包含")
    print(f"已写出发布包 {archive}（{written.files} 个文件，{_size(written.size)}，清单 SHA256SUMS）："
          "解压到平台的任一子路径下即可访问")
    return 0


@contextlib.contextmanager
def _sources(root: Path, options: Options) -> Iterator[list[Path] | None]:
    """The folders whose files a deploy sends, a later one's files over an earlier one's: the built site (or
    the portal column), the files rewritten for a package's address, the precompressed copies; or None after
    saying why there are none."""
    with contextlib.ExitStack() as stack:
        if options.portal:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="brandsite-portal-")))
            if not _export_portal(root, folder):
                yield None
                return
        else:
            folder = (root / "site").resolve()
            if not _built(root, folder, options):
                yield None
                return
        sources = [folder]
        if options.base_url:
            from generator.config import ConfigError, load_config
            from generator.publish import package

            try:
                site_url = load_config(root).site_url
            except ConfigError as exc:
                print(f"错误：{exc}", file=sys.stderr)
                yield None
                return
            rebased = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="brandsite-rebased-")))
            package.rebase(targets.site_files(folder), site_url, package.check_base_url(options.base_url), rebased)
            sources.append(rebased)
        if options.precompress:
            packed = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="brandsite-precompressed-")))
            precompress.write(targets.site_files(*sources), packed)
            sources.append(packed)
        yield sources


def _built(root: Path, site: Path, options: Options) -> bool:
    if options.build_first and build.run(root, site_dir=site, quiet=options.quiet) != 0:
        return False
    if not (site / "index.html").is_file():
        print("错误：还没有生成网站（site/index.html 不存在）：请先运行 brandsite build，或去掉 --no-build",
              file=sys.stderr)
        return False
    return True


def _export_portal(root: Path, folder: Path) -> bool:
    from generator.commands.export import export_portal
    from generator.pipeline import load_or_report
    from generator.produce import catalog

    project = load_or_report(root)
    if project is None:
        return False
    export_portal(project, catalog.articles(project), folder)
    return True


def _what(options: Options) -> str:
    return "门户网站栏目稿件" if options.portal else "网站"


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} 字节"


def _say(note: str | None) -> None:
    if note:
        print(f"注意：{note}。", file=sys.stderr)
