"""brandsite command line: a thin edge over the pipeline. Exit codes: 0 ok, 1 findings, 2 usage."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from pathlib import Path

from generator import __version__
from generator.internals import Untested

_ARGPARSE_ZH = [
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"参数 \1 的值 \2 无效，可选：\3"),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"无效的命令 \1，可用命令：\2"),
    (r"argument (\S+): (.*)", r"参数 \1：\2"),  # a message of our own (a port out of range)
]


def _port(text: str, lowest: int = 1) -> int:
    """A TCP port from the command line, or an error in Chinese."""
    try:
        port = int(text)
    except ValueError:
        port = None
    if port is None or not lowest <= port <= 65535:
        raise argparse.ArgumentTypeError(f"端口应为 {lowest}—65535 之间的整数，这里是“{text}”")
    return port


def _count(text: str) -> int:
    """A number of kept versions: 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应为 1 以上的整数，这里是“{text}”")
    return int(text)


def _any_port(text: str) -> int:
    """The same, where 0 picks a free port (the command prints which)."""
    return _port(text, lowest=0)


def _millimetres(text: str) -> float:
    """A bleed in millimetres from the command line (the range is the print settings' to check), or an error in
    Chinese."""
    try:
        return float(text.removesuffix("mm"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"出血应为毫米数，如 3，这里是“{text}”") from None


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix="" when it composes a subcommand's prog from the parent's usage
        return super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message):  # argparse speaks English; editors read Chinese
        for pattern, chinese in _ARGPARSE_ZH:
            if re.search(pattern, message):
                message = re.sub(pattern, chinese, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：用法错误：{message}\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="brandsite", description="机关服务品牌展示站点生成器：检查品牌资料、生成展示网站。")
    p.add_argument("--version", action="version", version=f"brandsite {__version__}", help="显示版本号并退出")
    p.add_argument("-C", "--root", default=".", help="站点根目录（含 mkdocs.yml），默认为当前目录")
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    c = sub.add_parser("check", help="按品牌创建标准检查所有品牌", description="按品牌创建标准检查所有品牌，逐条列出问题。")
    c.add_argument("--strict", action="store_true", help="警告也视为不通过（退出码 1）")
    c.add_argument("--format", choices=["text", "json", "github", "codequality"], default="text",
                   help="输出格式：text（默认）、json、github（GitHub/Gitea 注释）、codequality（GitLab 代码质量报告）")
    c.add_argument("files", nargs="*", metavar="品牌", help="只检查这些品牌：品牌文件夹（如 brands/wendang-lianxinqiao/）、它的名字或其中的文件；"
                   "写到站点配置或评价数据时检查全部")
    c.add_argument("--report", metavar="文件.html", help="另外写出给编辑看的达标情况报告（HTML）")
    c.add_argument("--quiet", action="store_true", help="只列问题，不列各品牌达标情况")
    c.add_argument("--hook", action="store_true", help="由提交钩子使用：文件是这次提交里的文件（包括删除的）")

    n = sub.add_parser("new", help="新建一个品牌（生成模板）", description="新建品牌文件夹和带占位内容的 brand.yml。")
    n.add_argument("name", help="品牌名称，如：文档连心桥")
    n.add_argument("--unit", required=True, help="创建单位，如：青岛市档案局")
    n.add_argument("--category", help="品牌类别（默认为本站第一个类别）")
    n.add_argument("--slug", help="文件夹名（默认按拼音生成）")

    b = sub.add_parser("build", help="生成展示网站", description="检查并生成展示网站；失败时保留原有网站不变。")
    b.add_argument("--strict", action="store_true", help="有警告也不生成")
    b.add_argument("-d", "--site-dir", help="输出目录，默认为站点根目录下的 site/")
    b.add_argument("--timings", action="store_true", help="结束时报告各阶段用时（读取与检查、生成页面、引擎）")
    b.add_argument("--full", action="store_true", help="所有页面全部重新生成，不沿用上次的结果")
    b.add_argument("-q", "--quiet", action="store_true", help="不显示进度，只显示问题（错误和警告）和最后一行")

    s = sub.add_parser("serve", help="本地预览（修改后自动刷新）", description="在 127.0.0.1 上预览网站，修改品牌文件后浏览器自动刷新。")
    s.add_argument("--port", type=_port, default=8000, metavar="端口", help="端口，默认 8000")
    s.add_argument("--edit", action="store_true", help="同时在 /admin/ 打开网页表单，直接修改本机的品牌文件")
    h = sub.add_parser("hooks", help="安装 Git 提交钩子（提交前检查品牌文件）", description="写入 .git/hooks/pre-commit：提交前检查这次提交里的品牌文件。")
    h.add_argument("action", choices=["install"], help="install：安装")
    ci = sub.add_parser("ci", help="生成 CI 流水线文件（GitLab、GitHub、Gitea）",
                        description="写出检查品牌资料、生成网站、保留缓存的流水线文件。")
    ci.add_argument("platform", choices=["gitlab", "github", "gitea"], help="gitlab：.gitlab-ci.yml；github、gitea：workflows 文件")
    ci.add_argument("--print", action="store_true", dest="to_stdout", help="写到标准输出，不写文件")
    m = sub.add_parser("cms", help="生成网页表单（Decap CMS）的配置", description="按品牌数据约定和评价标准生成网页表单的配置 admin/config.yml。")
    m.add_argument("--print", action="store_true", dest="to_stdout", help="写到标准输出，不写文件")
    m.add_argument("-o", "--output", help="输出文件，默认 admin/config.yml")
    e = sub.add_parser("export", help="导出公众号文章、门户网站栏目稿件或印刷文件",
                       description="把品牌或评价结果导出为公众号文章（wechat）、门户网站栏目稿件（portal），"
                                   "或印刷用的 PDF（print：品牌海报、桌牌、十佳经验材料汇编、获奖证书）。草稿不会导出。")
    e.add_argument("channel", choices=["wechat", "portal", "print"],
                   help="wechat：公众号文章；portal：门户网站栏目；print：海报、桌牌、汇编和证书（PDF）")
    e.add_argument("target", nargs="?", help="品牌文件夹名或评价轮次（如 2026-q3）；portal 和 print 不写则导出全部")
    e.add_argument("--all", action="store_true", help="导出全部已发布的品牌和评价结果")
    e.add_argument("-o", "--output", help="输出文件夹（默认 exports/wechat/<名称>/ 或 exports/portal/）")
    e.add_argument("--theme", help="公众号版式：zhengwu（政务红，默认）、qinglan（青蓝）")
    e.add_argument("--bleed", type=_millimetres, metavar="毫米",
                   help="print：每边加出血并画裁切线，如 --bleed 3（默认不加，或 mkdocs.yml 里 print: bleed:）")
    e.add_argument("--booklet", type=str.upper, choices=["A4", "A5"],
                   help="print：汇编开本，A4 单页（默认），或 A5 小册子（两页拼在一张 A4 上，骑马钉装订）")
    e.add_argument("-q", "--quiet", action="store_true", help="不显示进度，只显示错误和结果")
    pub = sub.add_parser("publish", help="推送到公众号草稿箱（官方接口）",
                         description="把品牌风采或评价结果公布推送到公众号草稿箱（草稿箱接口），供最后检查后发表。"
                                     "凭证取自环境变量 BRANDSITE_WECHAT_APPID 和 BRANDSITE_WECHAT_SECRET。草稿不会推送。")
    pub.add_argument("channel", choices=["wechat"], help="wechat：微信公众号")
    pub.add_argument("targets", nargs="*", metavar="品牌或轮次", help="品牌文件夹名或评价轮次（如 2026-q3），可写多个")
    pub.add_argument("--all", action="store_true", help="推送全部已发布的品牌和评价结果（未改动的不会重复发送）")
    pub.add_argument("--dry-run", action="store_true", help="只列出将要发送的内容，不连接接口")
    pub.add_argument("--theme", help="公众号版式：zhengwu（政务红，默认）、qinglan（青蓝）")
    pub.add_argument("-q", "--quiet", action="store_true", help="不显示进度，只显示错误和结果")
    d = sub.add_parser("deploy", help="部署到服务器目录、SSH 服务器或对象存储（整体切换，可回退）",
                       description="生成网站并整体上线：本机目录（一次改名切换）、ssh://用户@服务器/目录（rsync 只发送改动的文件，"
                                   "符号链接一次切换）、s3://存储桶/前缀（只上传改动的文件，先资源后页面，最后删除）。"
                                   "生成失败或中途被终止，线上网站保持原样。--package 写出给省级平台的发布包。")
    d.add_argument("target", nargs="?", metavar="目标", help="本机目录（如 /var/www/brands）、ssh://用户@服务器[:端口]/目录 或 s3://存储桶/前缀")
    d.add_argument("--rollback", action="store_true", help="回退到上一版本")
    d.add_argument("--portal", action="store_true", help="部署门户网站栏目稿件（export portal 的内容），而不是展示网站")
    d.add_argument("--no-build", action="store_true", help="不重新生成，部署上次 brandsite build 的 site/")
    d.add_argument("--precompress", action="store_true",
                   help="同时写出文本文件的 .gz（装有 brotli 时还有 .br）压缩副本，供 nginx 的 gzip_static 直接发送")
    d.add_argument("--keep", type=_count, metavar="个数", help="SSH 服务器上保留最近几个版本，默认 5")
    d.add_argument("--ssh-config", metavar="文件", help="改用这个 SSH 配置文件（默认 ~/.ssh/config）")
    d.add_argument("--dry-run", action="store_true", help="对象存储：只列出将上传和删除的文件，不改动")
    d.add_argument("--gzip", action="store_true", help="对象存储：文本文件压缩后存放（Content-Encoding: gzip）")
    d.add_argument("--package", metavar="文件.zip", help="写出给省级平台的发布包（.zip 或 .tar.gz，含 SHA256SUMS 清单），"
                   "放在任一子路径下都能访问")
    d.add_argument("--base-url", metavar="网址", help="发布包在平台上的完整地址，如 https://www.example.gov.cn/ztzl/fwpp/"
                   "（网站地图、规范链接和 404 页面用它）")
    d.add_argument("--allow-deletes", action="store_true", help="对象存储：允许删除超过一半的现有文件（默认拒绝，以防地址写错）")
    d.add_argument("-q", "--quiet", action="store_true", help="不显示进度，只显示错误和结果")
    k = sub.add_parser("kiosk", help="开放日展示屏（本机预览或打包）",
                       description="生成开放日展示屏并在 127.0.0.1 上提供，打印 Chromium 全屏展示命令；--zip 打包给信息发布系统。")
    k.add_argument("--port", type=_any_port, default=8800, metavar="端口", help="端口，默认 8800；0 表示任选一个空闲端口")
    k.add_argument("--zip", nargs="?", const="exports/kiosk.zip", metavar="文件.zip",
                   help="打包为 zip（index.html 在根目录），默认 exports/kiosk.zip")
    k.add_argument("-q", "--quiet", action="store_true", help="不显示进度，只显示错误和结果")
    lk = sub.add_parser("links", help="检查生成的网站里的链接（站内，以及 --external 外部链接）",
                        description="检查 site/ 中每个站内链接、锚点、图片和资源能否打开，电话和邮件链接格式是否正确；"
                                    "--external 另外检查指向其他网站的链接（有并发数和时间上限，结果缓存）。")
    lk.add_argument("--external", action="store_true", help="同时检查外部链接（需要联网）")
    lk.add_argument("-d", "--site-dir", help="生成的网站目录，默认为站点根目录下的 site/")
    lk.add_argument("--workers", type=_count, default=8, metavar="个数", help="同时检查的外部链接数，默认 8")
    lk.add_argument("--timeout", type=_seconds, default=10, metavar="秒", help="每个外部链接最多等待的秒数，默认 10")
    lk.add_argument("--budget", type=_seconds, default=120, metavar="秒", help="外部链接检查总共最多用时，默认 120 秒")
    lk.add_argument("--max-age", type=_seconds, default=24, metavar="小时",
                    help="可以打开的外部链接在多少小时内不再重复检查，默认 24；0 表示全部重新检查")
    rv = sub.add_parser("review", help="记录信息发布审核（三审），或列出待审核的内容",
                        description="记录一次审核通过（级别、审核人、日期、所审版本的摘要），写入站点的审核记录文件；"
                                    "不写内容时列出待审核的品牌、评价轮次和创建动态。")
    rv.add_argument("item", nargs="?", metavar="内容", help="品牌文件夹（brands/wendang）、评价轮次（2026-q3）或创建动态文件")
    rv.add_argument("--level", metavar="级别", help="审核级别，如 初审、复审、终审")
    rv.add_argument("--reviewer", metavar="姓名", help="审核人姓名")
    return p


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 64:
        raise argparse.ArgumentTypeError(f"应为 1—64 之间的整数，这里是“{text}”")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 86400:
        raise argparse.ArgumentTypeError(f"应为 0—86400 之间的数，这里是“{text}”")
    return value


def console() -> None:
    """The `brandsite` command: `main`, then out without tearing the interpreter down object by object,
    a third of a second after a build of 1,000 brands, which has nothing left to save by then."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        _parser().print_help()
        return 2
    root = Path(args.root)
    try:
        if args.command == "check":
            from generator.commands.check import run
            return run(root, strict=args.strict, fmt=args.format, report=args.report, quiet=args.quiet, paths=args.files,
                       # (Git sets GIT_INDEX_FILE for its hooks: a hook installed before --hook existed)
                       hook=args.hook or "GIT_INDEX_FILE" in os.environ)
        if args.command == "new":
            from generator.commands.new import run
            return run(root, args.name, unit=args.unit, category=args.category, slug=args.slug)
        if args.command == "build":
            from generator.commands.build import run
            return run(root, strict=args.strict, site_dir=Path(args.site_dir) if args.site_dir else root / "site",
                       timings=args.timings, quiet=args.quiet, full=args.full, skip_unchanged=True)
        if args.command == "export":
            from generator.commands.export import run
            return run(root, args.channel, args.target, every=args.all,
                       output=Path(args.output) if args.output else None, theme=args.theme, quiet=args.quiet,
                       bleed=args.bleed, booklet=args.booklet)
        if args.command == "publish":
            from generator.commands.publish import run
            return run(root, args.channel, args.targets, every=args.all, dry_run=args.dry_run, theme=args.theme,
                       quiet=args.quiet)
        if args.command == "deploy":
            from generator.commands.deploy import Options, run
            return run(root, args.target, Options(
                rollback=args.rollback, portal=args.portal, build_first=not args.no_build, quiet=args.quiet,
                precompress=args.precompress, keep=args.keep, dry_run=args.dry_run, gzip=args.gzip,
                allow_deletes=args.allow_deletes, base_url=args.base_url,
                package=None if args.package is None else (root / args.package if not Path(args.package).is_absolute()
                                                           else Path(args.package)),
                ssh_config=Path(args.ssh_config).expanduser() if args.ssh_config else None))
        if args.command == "kiosk":
            from generator.commands.kiosk import run
            zip_to = None if args.zip is None else (root / args.zip if not Path(args.zip).is_absolute() else Path(args.zip))
            return run(root, port=args.port, zip_to=zip_to, quiet=args.quiet)
        if args.command == "serve":
            from generator.commands.serve import run
            return run(root, port=args.port, edit=args.edit)
        if args.command == "links":
            from generator.commands.links import run
            return run(root, site_dir=Path(args.site_dir) if args.site_dir else None, external=args.external,
                       workers=args.workers, timeout=args.timeout, budget=args.budget, max_age=args.max_age)
        if args.command == "review":
            from generator.commands.review import run
            return run(root, args.item, args.level, args.reviewer)
        if args.command == "hooks":
            from generator.commands.hooks import install
            return install(root)
        if args.command == "ci":
            from generator.commands.ci import run
            return run(root, args.platform, to_stdout=args.to_stdout)
        if args.command == "cms":
            from generator.commands.cms import run
            return run(root, to_stdout=args.to_stdout, output=Path(args.output) if args.output else None)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Untested as exc:  # MkDocs, Material or jieba of a version never tried: say which, not a traceback
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    return 2
