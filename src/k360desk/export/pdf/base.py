"""The common ground of every k360desk PDF: A4 with print margins, embedded fonts, styles,
escaping of user text, and the page frame (header with municipality and logo, footer with
date and "Seite x von y").

Fonts: DejaVu Sans ships with matplotlib (already a dependency) and covers every German
character; it is embedded as a TrueType subset, so the text stays searchable and copyable.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from k360desk.formats import format_date
from k360desk.messages import language, tr

PAGE = A4
MARGIN_LEFT = 22 * mm
MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM

FONT = "K360Sans"
FONT_BOLD = "K360Sans-Bold"
FONT_ITALIC = "K360Sans-Oblique"
FONT_BOLD_ITALIC = "K360Sans-BoldOblique"

# Grey scale with one calm accent that still reads as a grey on a black-and-white printer.
INK = colors.HexColor("#1f1f1f")
MUTED = colors.HexColor("#5f5f5f")
RULE = colors.HexColor("#9a9a9a")
LIGHT = colors.HexColor("#ededed")
ACCENT = colors.HexColor("#2b4c6f")
HEAD_FILL = colors.HexColor("#dfe5ec")

_registered = False


def font_dir() -> str:
    """Folder with matplotlib's DejaVu TrueType fonts."""
    import importlib.util

    # Found without importing matplotlib (0,15 s in each of a book's worker processes).
    spec = importlib.util.find_spec("matplotlib")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(folder, "mpl-data", "fonts", "ttf")
        if os.path.isfile(os.path.join(path, "DejaVuSans.ttf")):
            return path
    import matplotlib

    return os.path.join(matplotlib.get_data_path(), "fonts", "ttf")


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, italic) with reportlab once per process."""
    global _registered
    if _registered:
        return
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    base = font_dir()
    files = {
        FONT: "DejaVuSans.ttf",
        FONT_BOLD: "DejaVuSans-Bold.ttf",
        FONT_ITALIC: "DejaVuSans-Oblique.ttf",
        FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    }
    for name, file in files.items():
        pdfmetrics.registerFont(TTFont(name, os.path.join(base, file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD_ITALIC)
    # Table cells without a FONTNAME command would name Helvetica, a font we never embed.
    from reportlab.platypus.tables import CellStyle

    CellStyle.fontname = FONT
    # Plain Flate streams: ASCII85 on top makes streams a quarter larger and made the book's
    # join decode and compress every page again.
    from reportlab import rl_config

    rl_config.useA85 = 0
    _registered = True


def esc(text: object) -> str:
    """User text made safe for reportlab's paragraph markup (&, <, > and quotes)."""
    if text is None:
        return ""
    if isinstance(text, float) and text != text:
        return ""
    return escape(str(text), {'"': "&quot;"})


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of all reports (calm, 9 pt body, grey hierarchy)."""
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, textColor=INK)
    out = {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=7.5, leading=9.5),
        "note": ParagraphStyle("note", parent=body, fontSize=7, leading=9, textColor=MUTED),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9),
        "cell_right": ParagraphStyle("cell_right", parent=body, fontSize=7.5, leading=9, alignment=TA_RIGHT),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=FONT_BOLD, fontSize=7.5, leading=9),
        "cell_head_right": ParagraphStyle(
            "cell_head_right", parent=body, fontName=FONT_BOLD, fontSize=7.5, leading=9, alignment=TA_RIGHT
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=2, textColor=INK
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=10, leading=13, textColor=MUTED, spaceAfter=6
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=16,
            spaceBefore=6,
            spaceAfter=6,
            textColor=ACCENT,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10,
            leading=13,
            spaceBefore=8,
            spaceAfter=3,
            textColor=ACCENT,
        ),
        "h3": ParagraphStyle(
            "h3", parent=body, fontName=FONT_BOLD, fontSize=9, leading=12, spaceBefore=5, spaceAfter=2
        ),
        "bullet_small": ParagraphStyle(
            "bullet_small",
            parent=body,
            fontSize=7.5,
            leading=9.5,
            leftIndent=10,
            bulletIndent=2,
            bulletFontName=FONT,
        ),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=10, bulletIndent=2, bulletFontName=FONT),
        "quote": ParagraphStyle("quote", parent=body, leftIndent=12, textColor=INK, fontName=FONT_ITALIC),
        "toc": ParagraphStyle("toc", parent=body, fontSize=8.5, leading=11, alignment=TA_LEFT),
        "cover_title": ParagraphStyle(
            "cover_title", parent=body, fontName=FONT_BOLD, fontSize=26, leading=32, textColor=INK
        ),
        "cover_sub": ParagraphStyle("cover_sub", parent=body, fontSize=13, leading=18, textColor=MUTED),
    }
    return out


def document_language() -> str:
    """The language tag a PDF declares: the one its texts are produced in right now."""
    return "en-GB" if language() == "en" else "de-DE"


@dataclass
class ReportInfo:
    """What every page of one report shows in its frame."""

    municipality: str
    title: str
    created: date = field(default_factory=date.today)
    logo: bytes | None = None
    first_page: int = 1  # number of the first page (chunks of a book start later)
    total_pages: int | None = None  # known total (book chunks); None = count this document
    doc_title: str | None = None  # the file's own title ("Quartiersprofil Am Hochfeld 2024")
    lang: str = field(default_factory=lambda: document_language())
    bare_first_page: bool = False  # a cover: no running header and footer on the first page

    @property
    def document_title(self) -> str:
        """The title a viewer shows and a screen reader announces."""
        return self.doc_title or f"{self.title} – {self.municipality}".strip(" –")

    @property
    def date_text(self) -> str:
        """Creation date in German format."""
        return format_date(self.created)


def report_info(project, title: str, created: date | None = None) -> ReportInfo:
    """Frame information from the project's meta data and its logo asset."""
    from k360desk.models import profiles

    city = project.get_meta("municipality") or ""
    return ReportInfo(
        municipality=city, title=title, created=created or date.today(), logo=profiles.logo(project)
    )


def canvas_class(info: ReportInfo, tagger=None):
    """A Canvas that draws header and footer on every page once the page count is known;
    with a ``tagging.Tagger`` the frame is marked as a page artefact."""

    class FramedCanvas(Canvas):
        """Collects pages, then draws "Seite x von y" with the final total."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self.section = ""
            self.k360_tagger = tagger
            self.setTitle(info.document_title)
            self.setAuthor(info.municipality or "k360desk")
            self.setCreator("k360desk")
            self.setSubject(info.title)

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()
            if tagger is not None:
                tagger.next_page()

        def save(self):
            total = info.total_pages or len(self._pages)
            for number, state in enumerate(self._pages):
                section = state.get("section", "")
                self.__dict__.update(state)
                if not (number == 0 and info.bare_first_page and info.first_page == 1):
                    opened = tagger is not None and tagger.artifact(self, "Pagination")
                    draw_frame(self, info, info.first_page + number, total, section)
                    if opened:
                        tagger.end(self)
                Canvas.showPage(self)
            Canvas.save(self)

    return FramedCanvas


def draw_frame(canvas: Canvas, info: ReportInfo, page: int, total: int, section: str = "") -> None:
    """Header (municipality, report title, logo) and footer (date, section, page x of y)."""
    register_fonts()
    width, height = PAGE
    canvas.saveState()
    top = height - 13 * mm
    canvas.setFillColor(INK)
    canvas.setFont(FONT_BOLD, 8.5)
    city = info.municipality or ""
    canvas.drawString(
        MARGIN_LEFT,
        top,
        city
        if city.lower().startswith(("stadt", "kreis", "gemeinde", "landkreis"))
        else (tr("Stadt {city}", city=city) if city else ""),
    )
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(MARGIN_LEFT, top - 10, info.title)
    logo_right = width - MARGIN_RIGHT
    if info.logo:
        _draw_logo(canvas, info.logo, logo_right, top - 12)
    else:
        canvas.setFont(FONT, 8)
        canvas.drawRightString(logo_right, top, tr("Sozialplanung"))
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_LEFT, height - MARGIN_TOP + 4 * mm, width - MARGIN_RIGHT, height - MARGIN_TOP + 4 * mm)
    bottom = 11 * mm
    canvas.line(MARGIN_LEFT, bottom + 10, width - MARGIN_RIGHT, bottom + 10)
    canvas.setFont(FONT, 7.5)
    canvas.drawString(MARGIN_LEFT, bottom, tr("Stand: {date}", date=info.date_text))
    if section:
        canvas.drawCentredString(width / 2, bottom, section)
    canvas.drawRightString(width - MARGIN_RIGHT, bottom,
                           tr("Seite {page} von {total}", page=page, total=total))
    canvas.restoreState()


def _draw_logo(canvas: Canvas, data: bytes, right: float, bottom: float) -> None:
    from reportlab.lib.utils import ImageReader

    try:
        image = ImageReader(io.BytesIO(data))
        w, h = image.getSize()
    except Exception:  # noqa: BLE001 - a broken logo must not stop the report
        return
    height = 11 * mm
    width = min(w * height / max(h, 1), 45 * mm)
    canvas.drawImage(
        image, right - width, bottom, width, height, preserveAspectRatio=True, mask="auto", anchor="e"
    )


class SectionMark(Flowable):
    """A zero-size flowable that names the section shown in the footer from this page on."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.canv.section = self.text


class Bookmark(Flowable):
    """A zero-size flowable that adds a PDF outline entry (bookmark) at its position."""

    def __init__(self, text: str, key: str, level: int = 0) -> None:
        super().__init__()
        self.text, self.key, self.level = text, key, level

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.text, self.key, level=self.level, closed=self.level > 0)


def build_document(path_or_buffer, story: list, info: ReportInfo, *, finish: bool = True) -> dict:
    """Lay out a story on A4 within the print margins and draw the page frame, as a tagged PDF.

    Returns the structure tree (its document node); with ``finish=False`` it is not yet written into
    the file (a book writes the trees of all its parts once they are joined)."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from k360desk.export.pdf.structure import Part, write_structure
    from k360desk.export.pdf.tagging import Tagger, prepare

    register_fonts()
    if isinstance(path_or_buffer, os.PathLike):
        path_or_buffer = os.fspath(path_or_buffer)

    class TaggedFrame(Frame):
        """A frame that prepares each flowable for tagging just before drawing it."""

        def add(self, flowable, canv, trySplit=0):
            prepare(flowable)
            return Frame.add(self, flowable, canv, trySplit=trySplit)

    tagger = Tagger()
    raw = io.BytesIO()
    doc = BaseDocTemplate(
        raw,
        pagesize=PAGE,
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=info.document_title,
        author=info.municipality,
        creator="k360desk",
        lang=info.lang,
        # Without this every page names Helvetica, unused and not embedded.
        initialFontName=FONT,
    )
    # No frame padding: text, tables and the header rule share one left edge.
    frame = TaggedFrame(
        MARGIN_LEFT,
        MARGIN_BOTTOM,
        FRAME_WIDTH,
        FRAME_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(story, canvasmaker=canvas_class(info, tagger))
    tree = tagger.tree()
    if not finish:
        _write_bytes(path_or_buffer, raw.getvalue())
        return tree
    write_structure(raw.getvalue(), path_or_buffer, [Part(tree)], title=info.document_title, lang=info.lang)
    return tree


def _write_bytes(path_or_buffer, data: bytes) -> None:
    if isinstance(path_or_buffer, str):
        with open(path_or_buffer, "wb") as handle:
            handle.write(data)
    else:
        path_or_buffer.write(data)


def table_style(header_rows: int = 1, zebra: bool = True) -> list:
    """Table commands: light header band, hairlines, optional zebra rows."""
    cmds = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.6, INK),
        ("LINEBELOW", (0, -1), (-1, -1), 0.4, RULE),
    ]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_FILL))
    if zebra:
        cmds.append(
            ("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, colors.HexColor("#f5f5f5")])
        )
    return cmds
