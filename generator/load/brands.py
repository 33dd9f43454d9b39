"""Reader for brands/<slug>/: brand.yml, story.md, the logo and photos/."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import yaml

from generator.findings import Finding, Position, Severity, rel
from generator.load import contract as contract_mod
from generator.load import images, keyboard
from generator.load import limits
from generator.load.yamlpos import Document, YamlSyntaxError, parse, position_at
from generator.model import Brand, Photo

SLUG = contract_mod.URL_NAME  # a brand folder's name
CONTRACT_STANDARD = "数据规范"


def read_text(path: Path, label: str, slug: str | None = None, kind: str = "brand.yml",
              inside: Path | None = None) -> tuple[str | None, Finding | None]:
    """UTF-8 text (a BOM is tolerated), or a finding: the first bad byte, a file larger than its kind may
    be (limits.FILE_BYTES), or a link that leads out of ``inside``."""
    def refuse(rule: str, message: str) -> tuple[None, Finding]:
        return None, Finding(label, Position(1, 1), Severity.ERROR, rule, CONTRACT_STANDARD, message, slug)

    if inside is not None and path.is_symlink():
        real, folder = os.path.realpath(path), os.path.realpath(inside)
        if not real.startswith(folder + os.sep):
            return refuse("file.outside", f"{path.name} 是指向文件夹以外的链接，不能读取；请放入文件本身")
    size, limit = path.stat().st_size, limits.FILE_BYTES[kind]
    if size > limit:
        return refuse("file.too-large", f"文件有 {limits.size(size)}，超过 {limits.size(limit)} 的上限"
                                        f"{'；请精简，或把长文拆成创建动态' if kind == 'story.md' else ''}")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        return None, Finding(label, Position(line, column), Severity.ERROR, "file.encoding",
                             CONTRACT_STANDARD, "文件不是 UTF-8 编码，请用 UTF-8 保存（记事本“另存为”可选择编码）", slug)


def resolve_inside(folder: Path, written: str) -> Path | None:
    """The file an editor named, if it stays inside the brand folder."""
    pure = PurePosixPath(written.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or re.match(r"^[A-Za-z]:", written):
        return None
    target = folder.joinpath(*pure.parts)
    # only a link inside the folder can lead out of it; most files have none, and resolving
    # every path from the file system root would cost a system call per component
    step = folder
    for part in pure.parts:
        step = step / part
        if step.is_symlink():
            inside = os.path.realpath(folder)
            real = os.path.realpath(target)
            return Path(real) if real.startswith(inside + os.sep) else None
    return target


class _Collector:
    """Builds findings for one file, knowing where its values sit."""

    def __init__(self, path: str, slug: str, doc: Document | None = None):
        self.path, self.slug, self.doc = path, slug, doc
        self.findings: list[Finding] = []

    def error(self, rule: str, message: str, position: Position | None = None, path: str | None = None):
        self.findings.append(Finding(path or self.path, position or Position(1, 1), Severity.ERROR, rule,
                                     CONTRACT_STANDARD, message, self.slug))

    def at(self, *keys) -> Position:
        return self.doc.at(*keys) if self.doc else Position(1, 1)


def load_brand(folder: Path, root: Path, contract: contract_mod.Contract,
               facts: images.Facts | None = None) -> tuple[Brand | None, list[Finding]]:
    slug = folder.name
    yml = folder / "brand.yml"
    source = rel(yml, root)
    out = _Collector(source, slug)
    if not SLUG.match(slug):
        out.error("brand.slug", f"文件夹名“{slug}”不能作为品牌标识名：只能用小写字母、数字和连字符（如 wendang-lianxinqiao）",
                  path=rel(folder, root))
    if not yml.is_file():
        out.error("brand.missing", "品牌文件夹里缺少 brand.yml", path=rel(folder, root))
        return None, out.findings
    text, problem = read_text(yml, source, slug, inside=folder)
    if problem:
        out.findings.append(problem)
        return None, out.findings
    names = contract_mod.known_keys(contract)
    try:
        doc = parse(text, names)
    except YamlSyntaxError as exc:
        out.error("yaml.syntax", f"YAML 格式错误：{exc.message}", exc.position)
        return None, out.findings
    out.doc = doc
    if doc.data is None:
        out.error("brand.empty", "brand.yml 是空的，至少需要 name、unit、category、logo、vision、commitments、standards")
        return None, out.findings
    causes = keyboard.in_document(doc.text, doc.node, names)  # a file that parsed, yet was mistyped
    for cause in causes:
        out.error("yaml.syntax", f"YAML 格式错误：{cause.message}", cause.position)
    if not isinstance(doc.data, dict):
        if not causes:  # a whole file read as one text is the keyboard's doing, told above
            kind = "列表" if isinstance(doc.data, list) else "单个值"
            out.error("brand.root", f"brand.yml 的顶层应为“键: 值”映射，这里是{kind}")
        return None, out.findings
    for path, position in doc.duplicates:
        out.error("yaml.duplicate-key", f"键“{path[-1]}”重复出现，后一个会覆盖前一个", position)
    _text_hygiene(doc, out, contract)

    cause_lines = {cause.position.line for cause in causes}
    values, problems = contract_mod.apply(doc.data, contract)
    for p in problems:
        where = doc.key_at(*p.path) if p.at_key else doc.at(*p.path)
        if where.line in cause_lines:
            continue  # the same line's keyboard mistake, already reported by its cause
        message = p.message
        if p.rule == "contract.type":  # text where a list or mapping belongs: say which character made it text
            node, _ = doc._node(p.path)
            cause = keyboard.in_value(doc.text, node) if isinstance(node, yaml.ScalarNode) else None
            if cause is not None:
                message, where = f"{message}：{cause.message}", cause.position
        out.error(p.rule, message, where)

    brand = Brand(slug=slug, folder=folder, source=source, doc=doc, **values)
    if brand.url_name and brand.url_name != slug:  # the form names a new folder by it; a moved folder must follow
        out.error("brand.url-name", f"网址名“{brand.url_name}”与文件夹名“{slug}”不一致：请把两者改成一样",
                  doc.at("url_name"))
    facts = facts or images.Facts()
    _attach_logo(brand, out, facts)
    _attach_gallery(brand, out, facts)
    _attach_story(brand, root, out)
    return brand, out.findings


_INVISIBLE = re.compile(limits.INVISIBLE)


def _text_hygiene(doc: Document, out: _Collector, contract: contract_mod.Contract) -> None:
    """Every value of brand.yml: no invisible characters, none longer than limits.FIELD_CHARS."""
    joined = doc.joined
    if len(joined) <= limits.FIELD_CHARS and not _INVISIBLE.search(joined):
        return  # the usual case, decided in one search
    for path, text in doc.strings:
        spec = contract.fields.get(str(path[0]))
        field = (spec.label if spec else str(path[0])) + "".join(
            f"第 {p + 1} 项" if isinstance(p, int) else f"“{p}”" for p in path[1:])
        if len(text) > limits.FIELD_CHARS:
            out.error("text.too-long", f"{field}有 {len(text)} 个字，一项最多 {limits.FIELD_CHARS} 个字；"
                                       "长篇内容请写在 story.md", doc.at(*path))
        bad = _INVISIBLE.search(text)
        if bad:
            ch = bad.group(0)
            out.error("text.invisible", f"{field}里有看不见的字符 U+{ord(ch):04X}（{limits.invisible_name(ch)}），"
                                        "会让文字显示错乱或搜不到，请删除", doc.find(ch, doc.at(*path)))


def story_problem(text: str) -> tuple[int, str] | None:
    """The offset and message of the first invisible character in a story, if any."""
    bad = _INVISIBLE.search(text)  # a byte-order mark at the start was taken off by the reader
    if bad is None:
        return None
    ch = bad.group(0)
    return bad.start(), f"有看不见的字符 U+{ord(ch):04X}（{limits.invisible_name(ch)}），会让文字显示错乱或搜不到，请删除"


def _image(brand: Brand, out: _Collector, facts: images.Facts, written: str, where: tuple, label: str):
    target = resolve_inside(brand.folder, written)
    if target is None:
        out.error("file.outside", f"{label}“{written}”必须位于品牌文件夹 brands/{brand.slug}/ 之内", out.at(*where))
        return None
    if not target.is_file():
        out.error("file.missing", f"找不到{label}文件“{written}”（应在 brands/{brand.slug}/ 下）{_spelled(brand.folder, written)}",
                  out.at(*where))
        return None
    try:
        return facts.inspect(target)
    except images.ImageProblem as exc:
        out.error(exc.rule, f"{label}“{written}”：{exc.message}", out.at(*where))
        return None


def _attach_logo(brand: Brand, out: _Collector, facts: images.Facts) -> None:
    if brand.logo:
        brand.logo_image = _image(brand, out, facts, brand.logo, ("logo",), "品牌标识")


def _attach_gallery(brand: Brand, out: _Collector, facts: images.Facts) -> None:
    photos = []
    for i, photo in enumerate(brand.gallery):
        info = _image(brand, out, facts, photo.file, ("gallery", i, "file"), "图片")
        photos.append(Photo(photo.file, photo.caption, info))
    brand.gallery = photos


def _spelled(folder: Path, written: str) -> str:
    """A hint when the file exists under another case or Unicode form, in the file's name or in a folder's
    on the way (Windows and macOS editors do not tell them apart; the build server does), naming it
    as it must be written: photos/hall.jpg, not only hall.jpg."""
    def same(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    here, real = folder, []
    for part in PurePosixPath(written.replace("\\", "/")).parts:
        try:
            match = next((e.name for e in os.scandir(here) if same(e.name) == same(part)), None)
        except OSError:
            return ""
        if match is None:
            return ""
        here, real = here / match, real + [match]
    found = "/".join(real)
    if found == written or not here.is_file():
        return ""
    return f"；文件夹里有“{found}”，文件名的大小写或写法要完全一致"


def _attach_story(brand: Brand, root: Path, out: _Collector) -> None:
    story = brand.folder / "story.md"
    if not (story.is_file() or story.is_symlink()):
        return
    brand.story_source = rel(story, root)
    text, problem = read_text(story, brand.story_source, brand.slug, kind="story.md", inside=brand.folder)
    if problem:
        out.findings.append(problem)
        return
    found = story_problem(text)
    if found:
        out.error("text.invisible", found[1], position_at(text, found[0]), path=brand.story_source)
        return
    brand.story = text


def brand_folders(root: Path, only: list[Path] | None = None) -> list[Path]:
    """Every folder under brands/ that is a brand's (or ``only`` those given), in slug order."""
    base = root / "brands"
    if only is not None:
        return sorted(only)
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))



def loose_files(root: Path) -> list[Finding]:
    """A brand file written straight into brands/ (as the old web form did when 网址名 was left empty) belongs to
    no brand: nothing would show it, so say where it should go."""
    base = root / "brands"
    if not base.is_dir():
        return []
    loose = sorted(p for p in base.iterdir() if p.is_file() and p.suffix.lower() in (".yml", ".yaml"))
    return [Finding(f"brands/{p.name}", Position(1, 1), Severity.ERROR, "brand.folder", CONTRACT_STANDARD,
                    f"brands/{p.name} 不在任何品牌文件夹里，网站不会显示它：每个品牌一个文件夹，请新建 brands/网址名/"
                    f"（网址名用品牌名称的拼音，如 wendang-lianxinqiao），把它和它的标识、照片一起移进去，文件名为 brand.yml")
            for p in loose]


@dataclass
class Glanced:
    """What a quick look at a brand's brand.yml tells (its name, whether a draft), for the rules that
    compare brands when only some brands are checked."""
    slug: str
    folder: Path
    source: str
    name: str | None
    status: str

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"


_TOP_LINE = re.compile(r"^(name|status):[ \t]*(.*?)[ \t]*(?:#.*)?$", re.M)


def glance(root: Path, skip: set[str]) -> list[Glanced]:
    """The brands not in ``skip``, from their top-level ``name:`` and ``status:`` lines alone (no YAML parse:
    a thousand brands in a few hundredths of a second); a brand that cannot be read is left out."""
    out = []
    for folder in brand_folders(root):
        if folder.name in skip:
            continue
        try:
            text = (folder / "brand.yml").read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        found = {key: value.strip("\"'") for key, value in _TOP_LINE.findall(text)}
        if found.get("name"):
            out.append(Glanced(folder.name, folder, rel(folder / "brand.yml", root), found["name"],
                               found.get("status") or "published"))
    return out
