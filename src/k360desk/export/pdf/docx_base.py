"""The frame every Word document shares (python-docx): German language on the defaults and every
style, the municipality's letterhead (name, department, logo) and page numbers, document
properties of the municipality instead of the library's template, tables whose columns are as
wide as their content needs and whose header row repeats on every page, landscape sections."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from k360desk.formats import format_date
from k360desk.messages import tr

if TYPE_CHECKING:
    import pandas as pd

LANGUAGE = "de-DE"
FONT = "Arial"
BODY_PT = 10
TABLE_PT = 8
PORTRAIT_CM = (21.0, 29.7)
MARGINS_CM = (2.2, 1.8, 2.0, 2.0)  # left, right, top, bottom (DIN 5008 leaves room to file)
# Word's default cell margins (0,19 cm each side) plus a little air
CELL_PADDING_CM = 0.45
# the Header and Footer styles of the template carry centre and right tab stops (8,25 and
# 16,5 cm) that would catch our tab before the right margin
_STYLE_TABS_TWIPS = (4680, 9360)
# Arial at 1 pt: average glyph ~0,5 em, the widest lowercase ~0,56 em; columns are sized by
# the longest word at the wide figure so that no word is ever broken inside
_EM_CM = 2.54 / 72


@dataclass
class Letterhead:
    """What the header of every page of a Word document shows."""

    authority: str  # "Stadt Kleinstadt", "Kreis Musterland"
    department: str
    title: str
    created: date
    logo: bytes | None = None


def letterhead(project, title: str, created: date | None = None) -> Letterhead:
    """The letterhead from the project settings: municipality (with its kind), logo asset."""
    from k360desk.export.pdf.committee_data import _authority_name, authority_kind
    from k360desk.models import profiles

    name = (project.get_meta("municipality") or "").strip()
    return Letterhead(authority=_authority_name(authority_kind(project), name) if name else "",
                      department=tr("Sozialplanung"), title=title, created=created or date.today(),
                      logo=profiles.logo(project))


def new_document(head: Letterhead, title: str, subject: str = ""):
    """An A4 document in German with the letterhead, page numbers and the municipality's
    document properties."""
    from docx import Document
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    _german(doc)
    _arial(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    # the template's 1,15 lines and wide heading gaps made the Vorlage 8 pages against 5
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.space_after = Pt(4)
    for name, size, before in (("Title", 20, 0), ("Heading 1", 14, 12), ("Heading 2", 12, 8),
                               ("Heading 3", 11, 6)):
        style = doc.styles[name]
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.size = Pt(size)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(3)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(PORTRAIT_CM[0]), Cm(PORTRAIT_CM[1])
    section.left_margin, section.right_margin = Cm(MARGINS_CM[0]), Cm(MARGINS_CM[1])
    section.top_margin, section.bottom_margin = Cm(MARGINS_CM[2]), Cm(MARGINS_CM[3])
    _header(section, head)
    _footer(section, head)
    _properties(doc, head, title, subject)
    _clean_package(doc, head)
    return doc


_APP_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>k360desk</Application><Company>{company}</Company></Properties>"""


def _clean_package(doc, head: Letterhead) -> None:
    """Remove what the library's template brings besides styles: its thumbnail picture, an
    application record of "Microsoft Macintosh Word", en-US in the settings (theme fonts)
    and in the Word 2010 copy of the styles."""
    from xml.sax.saxutils import escape

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn

    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML.format(company=escape(head.authority)).encode("utf-8")
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/stylesWithEffects"):
            blob = rel.target_part.blob.decode("utf-8")
            rel.target_part._blob = blob.replace('"en-US"', f'"{LANGUAGE}"').encode("utf-8")
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _german(doc) -> None:
    """de-DE on the document defaults and on every style that names a language (the template
    ships en-US, so Word checked German spelling as English)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_props = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    default = run_props.find(qn("w:lang"))
    if default is None:
        default = OxmlElement("w:lang")
        run_props.append(default)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        default.set(qn(attribute), LANGUAGE)
    for tag in styles.iter(qn("w:lang")):
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            if tag.get(qn(attribute)) is not None or attribute == "w:val":
                tag.set(qn(attribute), LANGUAGE)


def _arial(doc) -> None:
    """Arial in the defaults and every style: the template's theme fonts (Calibri, Cambria)
    take precedence over a named font in Word, so their references are dropped."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    run_props = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if run_props.find(qn("w:rFonts")) is None:
        run_props.insert(0, OxmlElement("w:rFonts"))
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attribute), FONT)


def _properties(doc, head: Letterhead, title: str, subject: str) -> None:
    props = doc.core_properties
    now = datetime.now().replace(microsecond=0)
    props.title = title
    props.subject = subject or head.title
    props.author = head.authority or head.department
    props.last_modified_by = props.author
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.language = LANGUAGE
    props.created = props.modified = now
    props.revision = 1


def _header(section, head: Letterhead) -> None:
    from docx.shared import Cm, Emu, Pt

    usable = Emu(section.page_width - section.left_margin - section.right_margin)
    first = section.header.paragraphs[0]
    _right_tab(first, usable)
    name = first.add_run(head.authority)
    name.bold = True
    name.font.size = Pt(11)
    first.add_run("\t")
    if head.logo:
        try:
            first.add_run().add_picture(io.BytesIO(head.logo), height=Cm(1.1))
        except Exception:  # noqa: BLE001 - a broken logo must not stop the document
            pass
    second = section.header.add_paragraph()
    run = second.add_run(f"{head.department} · {head.title}")
    run.font.size = Pt(9)


def _footer(section, head: Letterhead) -> None:
    from docx.shared import Emu, Pt

    usable = Emu(section.page_width - section.left_margin - section.right_margin)
    paragraph = section.footer.paragraphs[0]
    _right_tab(paragraph, usable)
    # "Seite {page} von {total}" with Word fields for the numbers, cut at the placeholders so
    # a translation may put them in its own order.
    paragraph.add_run(tr("Stand: {date}", date=format_date(head.created)) + "\t")
    for part in re.split(r"(\{page\}|\{total\})", tr("Seite {page} von {total}")):
        if part == "{page}":
            _field(paragraph, "PAGE", "1")
        elif part == "{total}":
            _field(paragraph, "NUMPAGES", "1")
        elif part:
            paragraph.add_run(part)
    for run in paragraph.runs:
        run.font.size = Pt(8)


def _right_tab(paragraph, position) -> None:
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Twips

    stops = paragraph.paragraph_format.tab_stops
    for twips in _STYLE_TABS_TWIPS:
        stops.add_tab_stop(Twips(twips), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(position, WD_TAB_ALIGNMENT.RIGHT)


def _field(paragraph, instruction: str, shown: str) -> None:
    """A simple field Word updates on opening and printing (PAGE, NUMPAGES)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} \\* MERGEFORMAT ")
    run = OxmlElement("w:r")
    props, size = OxmlElement("w:rPr"), OxmlElement("w:sz")
    size.set(qn("w:val"), "16")  # half-points: 8 pt like the rest of the footer
    props.append(size)
    run.append(props)
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def landscape_section(doc, head: Letterhead):
    """Start a new page in landscape (wide annex tables), with its own header and footer so
    that logo and page number sit on the wider right margin."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PORTRAIT_CM[1]), Cm(PORTRAIT_CM[0])
    _own_frame(section, head)
    return section


def portrait_section(doc, head: Letterhead):
    """Back to portrait A4 on a new page."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Cm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PORTRAIT_CM[0]), Cm(PORTRAIT_CM[1])
    _own_frame(section, head)
    return section


def _own_frame(section, head: Letterhead) -> None:
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    for part in (section.header, section.footer):
        for paragraph in part.paragraphs[1:]:
            paragraph._p.getparent().remove(paragraph._p)
        first = part.paragraphs[0]
        for child in list(first._p):
            if child.tag != first._p.get_or_add_pPr().tag:
                first._p.remove(child)
    _header(section, head)
    _footer(section, head)


def usable_width_cm(doc) -> float:
    """Text width of the last section in cm."""
    from docx.shared import Emu

    section = doc.sections[-1]
    return Emu(section.page_width - section.left_margin - section.right_margin).cm


def word_width_cm(text: str, size_pt: float = TABLE_PT, bold: bool = False) -> float:
    """Width of a text in Arial at the widest glyph estimate (never too narrow)."""
    return len(text) * size_pt * (0.64 if bold else 0.56) * _EM_CM


def column_widths(frame: pd.DataFrame, total_cm: float, size_pt: float = TABLE_PT) -> list[float]:
    """Widths in cm that fit the table into ``total_cm``: each column gets at least its longest
    word (header included) and shares the rest by the length of its typical text, so that
    descriptions wrap and numbers and short names stay on one line."""
    minimum, wanted = [], []
    for name in frame.columns:
        texts = [str(name), *(str(v) for v in frame[name])]
        words = [w for t in texts[1:] for w in t.split()] or [""]
        minimum.append(max(max(word_width_cm(w, size_pt) for w in words),
                           *(word_width_cm(w, size_pt, bold=True) for w in str(name).split()))
                       + CELL_PADDING_CM)
        longest = max(len(t) for t in texts)
        wanted.append(max(minimum[-1], min(longest, 60) * size_pt * 0.5 * _EM_CM + CELL_PADDING_CM))
    spare = total_cm - sum(minimum)
    if spare <= 0:
        return minimum  # wider than the page: Word scrolls rather than breaks words
    extra = [w - m for w, m in zip(wanted, minimum, strict=True)]
    if sum(extra) <= spare:
        # everything fits on one line: give the rest to the widest texts
        share = spare - sum(extra)
        total = sum(wanted)
        return [w + share * w / total for w in wanted]
    return [m + spare * e / sum(extra) for m, e in zip(minimum, extra, strict=True)]


def add_table(doc, frame: pd.DataFrame, right: set[str] | None = None, total_cm: float | None = None,
              header: bool = True, bold_columns: set[int] | None = None):
    """A table of ``frame`` with fixed column widths, a header row repeated on every page and
    rows that do not split across pages; numbers in ``right`` columns right-aligned."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    right = right or set()
    widths = column_widths(frame, total_cm or usable_width_cm(doc))
    table = doc.add_table(rows=0, cols=len(frame.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    _fixed_layout(table)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    # Column names are German keys (committee_data.COLUMNS), shown in the chosen language.
    rows = [[tr(str(c)) for c in frame.columns]] if header else []
    rows += [[str(v) for v in row] for row in frame.itertuples(index=False)]
    for number, values in enumerate(rows):
        row = table.add_row()
        _keep_row(row, header=header and number == 0)
        for index, (cell, value, width) in enumerate(zip(row.cells, values, widths, strict=True)):
            cell.width = Cm(width)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = 0  # Normal's paragraph gap, not in cells
            run = paragraph.add_run(value)
            run.font.size = Pt(TABLE_PT)
            run.bold = (header and number == 0) or index in (bold_columns or set())
            name = str(frame.columns[index])
            if number > 0 or not header:
                if name in right:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def _fixed_layout(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)


def _keep_row(row, header: bool) -> None:
    from docx.oxml import OxmlElement

    props = row._tr.get_or_add_trPr()
    props.append(OxmlElement("w:cantSplit"))
    if header:
        props.append(OxmlElement("w:tblHeader"))
