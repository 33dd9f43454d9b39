"""Print: the service window's poster and counter card for each brand, a round's booklet (十佳经验材料) and its
award certificates, as print-ready PDF.

Every page is HTML and CSS paged media laid out by WeasyPrint (Pango shapes the Chinese text and breaks its
lines): the templates and stylesheets are files in themes/print/, and a site's own folder of the same files
(the ``templates`` print setting) is searched first, so an agency restyles its paper without touching code.
Images are the brands' original files, never the web copies; nothing is fetched from the network.
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
import jinja2
from markupsafe import Markup

from generator.model import Brand, ImageInfo
from generator.produce import leaderboard, markup
from generator.produce.article import story_with_pictures
from generator.produce.dates import chinese
from generator.score.rank import RankedRound

THEME = Path(__file__).resolve().parent / "themes" / "print"


@dataclass(frozen=True)
class Paper:
    name: str
    width: float  # mm, portrait
    height: float

    def landscape(self) -> Paper:
        return Paper(self.name, self.height, self.width)


PAPERS = {p.name: p for p in (Paper("A3", 297, 420), Paper("A4", 210, 297), Paper("A5", 148, 210))}
POSTER_PAPERS = ("A3", "A4")
BOOKLET_FORMATS = {"A4": "A4 单页", "A5": "A5 小册子，两页拼在一张 A4 上，按骑马钉顺序排好"}
MAX_BLEED = 10  # mm: print shops ask for 2 to 5

# A QR code on the wall must be read from the queue, two metres away. A phone scanning a code works on a preview
# frame about 1,080 pixels across; at two metres that frame covers about two metres of wall, so a pixel is about
# 1.9 mm. Readers need a module of about two pixels: 3.4 mm a module, the same on A3 and A4 (the distance is the
# same). tests/test_print.py reads the poster's code at that resolution.
POSTER_QR_MODULE_MM = 3.4
CARD_QR_MODULE_MM = 0.8  # a counter card is read at arm's length

POINTS_PER_MM = 72 / 25.4


class PrintError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    """What a site decides about its paper (mkdocs.yml, brandsite plugin, ``print:``), with the command's options."""
    issuer: str  # who awards and prints: the certificates' issuing body
    bleed: float = 0.0  # mm added on every side, with crop marks, for colour that runs off the edge
    booklet: str = "A4"  # or "A5"
    templates: Path | None = None  # the site's own templates and stylesheets, searched before the defaults


def settings(config, issuer: str, bleed: float | None = None, booklet: str | None = None) -> Settings:
    """The print settings of a site (``config.print``), the command line's ``bleed`` and ``booklet`` over them;
    a wrong value is a PrintError in Chinese."""
    own = config.print
    issuer = str(own.get("issuer") or issuer)
    bleed = own.get("bleed", 0) if bleed is None else bleed
    if isinstance(bleed, bool) or not isinstance(bleed, (int, float)) or not 0 <= bleed <= MAX_BLEED:
        raise PrintError(f"出血应为 0—{MAX_BLEED} 之间的毫米数（印刷厂一般要 3 毫米），现在是“{bleed}”")
    booklet = str(booklet or own.get("booklet") or "A4").upper()
    if booklet not in BOOKLET_FORMATS:
        raise PrintError(f"汇编只有 A4 和 A5 两种开本，现在是“{booklet}”")
    templates = own.get("templates")
    folder = None
    if templates:
        folder = (config.root / str(templates)).resolve()
        if not folder.is_dir():
            raise PrintError(f"找不到印刷版式文件夹 {templates}（mkdocs.yml 里 print: templates: 的设置）")
    return Settings(issuer=issuer, bleed=float(bleed), booklet=booklet, templates=folder)


# -- what each kind of page shows ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Code:
    """A QR code as a file the page shows, and how wide it is printed."""
    uri: str
    mm: float


@dataclass(frozen=True)
class Sheet:
    """One brand as paper shows it: its fields, its original images as file addresses, its code."""
    brand: Brand
    url: str
    logo: str  # file:// address of the original logo, "" when there is none
    code: Code | None
    card_code: Code | None


def image_uri(info: ImageInfo | None) -> str:
    return info.path.resolve().as_uri() if info is not None else ""


def qr_uri(svg: str) -> str:
    import base64

    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def sheet(brand: Brand, url: str, qr_svg: str) -> Sheet:
    """``qr_svg``: the brand's address as a QR code file (produce/qr.py), "" when the site has no address."""
    from generator.produce.qr import modules_across

    codes = (None, None)
    if qr_svg:
        across = modules_across(qr_svg)
        codes = tuple(Code(qr_uri(qr_svg), round(across * module, 1))
                      for module in (POSTER_QR_MODULE_MM, CARD_QR_MODULE_MM))
    return Sheet(brand, url, image_uri(brand.logo_image), *codes)


@dataclass(frozen=True)
class Chapter:
    """An awarded brand's pages in the booklet."""
    rank: int
    awards: tuple[str, ...]
    composite: str
    sheet: Sheet
    story: Markup
    photos: tuple[dict, ...]


def chapter(row: dict, item: Sheet) -> Chapter:
    """``row``: the brand's row of the round's table (leaderboard.view)."""
    brand = item.brand
    story, pictures = story_with_pictures(brand)
    if story:
        root = markup.parse(story)
        markup.remove_comments(root)
        markup.links_to_references(root, "注释")
        markup.place_images(root, {f"image:{i}": image_uri(p.info) for i, p in enumerate(pictures)})
        story = markup.serialize(root)
    photos = tuple({"src": image_uri(p.image), "caption": p.caption} for p in brand.gallery if p.image is not None)
    return Chapter(row["rank"], tuple(row["awards"]), row["composite"], item, Markup(story), photos)


@dataclass(frozen=True)
class Booklet:
    round: dict  # leaderboard.view of the round
    award: str  # the award the booklet gathers (十佳服务品牌)
    chapters: tuple[Chapter, ...]

    @property
    def title(self) -> str:
        return f"{self.award}经验材料汇编"


def awarded(r: RankedRound) -> list:
    """The round's standings that carry an award, in rank order."""
    return [s for s in r.standings if s.awards]


def booklet(r: RankedRound, sheets: dict[str, Sheet]) -> Booklet:
    """``sheets``: every awarded brand's sheet, by slug."""
    view = leaderboard.view(r, {})
    rows = [row for row in view["rows"] if row["awards"]]
    if not rows:
        raise PrintError(f"评价轮次 {r.id} 没有获奖品牌（评价方案“{r.scheme.title}”未设奖项），无法编印汇编和证书")
    return Booklet(view, r.scheme.awards[0].title, tuple(chapter(row, sheets[row["slug"]]) for row in rows))


@dataclass(frozen=True)
class Certificate:
    number: str  # 证书编号: the round and the place in its list
    award: str
    sheet: Sheet
    rank: int


def certificates(r: RankedRound, sheets: dict[str, Sheet]) -> list[Certificate]:
    out = []
    for i, s in enumerate(awarded(r), 1):
        for award in s.awards:
            out.append(Certificate(f"{r.id}-{i:03d}", award, sheets[s.brand.slug], s.rank))
    return out


# -- from templates to PDF -----------------------------------------------------------------------------------


def _page_css(paper: Paper, bleed: float) -> str:
    """The paper and the bleed, as the one stylesheet the templates do not own: the same templates print
    A3 and A4, with or without bleed. ``--outside`` is where an element that runs off the edge must reach."""
    marks = "crop cross" if bleed else "none"
    return (f"@page {{ size: {paper.width}mm {paper.height}mm; bleed: {bleed}mm; marks: {marks} }}\n"
            f":root {{ --paper-width: {paper.width}mm; --paper-height: {paper.height}mm; "
            f"--bleed: {bleed}mm; --outside: -{bleed}mm }}\n")


@dataclass
class Press:
    """The templates (a site's own folder first, then themes/print/) and the one way pages become PDF."""
    settings: Settings
    site_name: str = ""
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def folders(self) -> list[Path]:
        return [f for f in (self.settings.templates, THEME) if f is not None]

    @cached_property
    def env(self) -> jinja2.Environment:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(f) for f in self.folders]),
                                 autoescape=True, trim_blocks=True, lstrip_blocks=True,
                                 undefined=jinja2.StrictUndefined)
        env.globals.update(stylesheet=self.stylesheet, chinese=chinese)
        return env

    def stylesheet(self, name: str) -> str:
        """A stylesheet's address: the site's own file of that name, else the default."""
        for folder in self.folders:
            if (folder / name).is_file():
                return (folder / name).as_uri()
        raise PrintError(f"印刷版式缺少样式表 {name}")

    @cached_property
    def fetcher(self):
        import weasyprint

        # the pages read local files (the brands' originals, the theme) and nothing else
        return weasyprint.URLFetcher(allowed_protocols={"file", "data"})

    def html(self, template: str, **context) -> str:
        try:
            return self.env.get_template(template).render(site_name=self.site_name, issuer=self.settings.issuer,
                                                          **context)
        except jinja2.TemplateNotFound as exc:
            raise PrintError(f"印刷版式缺少模板 {exc.name}") from None
        except jinja2.TemplateSyntaxError as exc:
            raise PrintError(f"印刷版式模板 {exc.name or template} 第 {exc.lineno} 行有语法错误：{exc.message}") from None
        except jinja2.TemplateError as exc:
            raise PrintError(f"印刷版式模板 {template} 出错：{exc}") from None

    def document(self, template: str, paper: Paper, bleed: float | None = None, **context):
        """The laid-out pages of ``template`` on ``paper`` (WeasyPrint's Document)."""
        import weasyprint

        _quiet_weasyprint()
        bleed = self.settings.bleed if bleed is None else bleed
        html = weasyprint.HTML(string=self.html(template, paper=paper, bleed=bleed, **context),
                               base_url=THEME.as_uri() + "/", url_fetcher=self.fetcher)
        return html.render(stylesheets=[weasyprint.CSS(string=_page_css(paper, bleed))])

    def pdf(self, template: str, paper: Paper, bleed: float | None = None, **context) -> bytes:
        return _pdf(self.document(template, paper, bleed, **context))

    def fitted(self, template: str, paper: Paper, what: str, **context) -> bytes:
        """A one-page document: denser type until it fits; a warning when even the densest takes more."""
        for density in DENSITIES:
            document = self.document(template, paper, density=density, **context)
            if len(document.pages) == 1:
                break
        else:
            self.warnings.append(f"{what}内容超过一页（{len(document.pages)} 页），请精简服务承诺或品牌定位")
        return _pdf(document)

    # -- the four kinds of document

    def poster(self, item: Sheet, paper: Paper) -> bytes:
        return self.fitted("poster.html", paper, f"{item.brand.name}的 {paper.name} 海报", item=item)

    def card(self, item: Sheet) -> bytes:
        return self.fitted("card.html", PAPERS["A4"], f"{item.brand.name}的桌牌", item=item)

    def booklet(self, book: Booklet) -> bytes:
        if self.settings.booklet == "A5":
            # the print shop folds and staples sheets: bleed and crop marks would land in the middle of a sheet
            return impose(self.pdf("booklet.html", PAPERS["A5"], bleed=0, book=book), PAPERS["A4"].landscape())
        return self.pdf("booklet.html", PAPERS["A4"], book=book)

    def certificates(self, book: Booklet, items: list[Certificate]) -> bytes:
        return self.pdf("certificate.html", PAPERS["A4"].landscape(), book=book, certificates=items)


# type sizes a poster or card steps down through until it fits on its page (classes in the stylesheets)
DENSITIES = ("", "dense", "denser", "densest")


def _pdf(document) -> bytes:
    return document.write_pdf(pdf_variant=None, uncompressed_pdf=False, custom_metadata=False)


def _quiet_weasyprint() -> None:
    """WeasyPrint reports CSS it ignores through logging; a publisher sees only what concerns them."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)


def page_count(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def impose(pdf: bytes, sheet: Paper) -> bytes:
    """Two pages side by side on each side of ``sheet``, in saddle-stitch order: the sheets printed on both
    sides, stacked, folded once and stapled make the booklet (blank pages fill it up to a multiple of four)."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    pages = list(PdfReader(io.BytesIO(pdf)).pages)
    width, height = sheet.width * POINTS_PER_MM, sheet.height * POINTS_PER_MM
    page_width = float(pages[0].mediabox.width)
    page_height = float(pages[0].mediabox.height)
    count = math.ceil(len(pages) / 4) * 4
    order = []
    for i in range(count // 2):
        # the outer side of sheet k holds the last page and the first, the inner side the second and the one before
        # the last; and so on inwards
        left, right = (count - 1 - i, i) if i % 2 == 0 else (i, count - 1 - i)
        order.append((left, right))
    writer = PdfWriter()
    gutter = (width - 2 * page_width) / 2
    top = (height - page_height) / 2
    for left, right in order:
        side = PageObject.create_blank_page(width=width, height=height)
        for index, x in ((left, gutter), (right, gutter + page_width)):
            if index < len(pages):
                side.merge_transformed_page(pages[index], Transformation().translate(x, top))
        writer.add_page(side)
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

