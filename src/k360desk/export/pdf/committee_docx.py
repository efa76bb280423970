"""The committee template as an editable Word document (python-docx): council information
systems take .docx. Same content as the PDF (``committee_data``); the map is embedded as a
PNG drawn by the screen's matplotlib renderer from the same ``MapSpec``."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pandas as pd

from k360desk.formats import format_date

if TYPE_CHECKING:
    from k360desk.export.pdf.committee_data import CommitteeContent

SECTION_HEADINGS = (
    "Betreff",
    "Beschlussvorschlag",
    "Sachverhalt und Begründung",
    "Finanzielle Auswirkungen",
    "Anlagen",
)


def _table(doc, frame: pd.DataFrame, right: set[str]) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, frame.columns, strict=True):
        cell.text = str(name)
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(8)
    for _, row in frame.iterrows():
        cells = table.add_row().cells
        for cell, (name, value) in zip(cells, row.items(), strict=True):
            cell.text = str(value)
            paragraph = cell.paragraphs[0]
            for run in paragraph.runs:
                run.font.size = Pt(8)
            if name in right or (name.startswith("K") and name[1:].isdigit()):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def write_committee_docx(project, round_key, out, created=None) -> CommitteeContent:
    """Write the Beschlussvorlage of a round as .docx (editable); return its content."""
    from docx import Document
    from docx.shared import Cm, Pt

    from k360desk.export.pdf.committee import RIGHT_COLUMNS, SECTION_REASONS, SECTION_YEARLY
    from k360desk.export.pdf.committee_data import committee_content

    c = committee_content(project, round_key, created)
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(2.2), Cm(1.8)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    header = section.header.paragraphs[0]
    from k360desk.export.pdf.committee_data import _authority_name

    header.text = _authority_name(c.authority, c.municipality) + "\tBeschlussvorlage"
    doc.core_properties.title = f"Beschlussvorlage – {c.round_name}"
    doc.core_properties.author = c.municipality or "k360desk"
    doc.core_properties.language = "de-DE"

    doc.add_heading("Beschlussvorlage", level=0)
    head = pd.DataFrame(
        [
            ["Vorlage Nr.", "", "Datum", format_date(c.created)],
            ["Federführung", "Sozialplanung", "Status", "öffentlich"],
            ["Beratungsfolge", c.committee, "Zuständigkeit", "Entscheidung"],
        ],
        columns=["", " ", "  ", "   "],
    )
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for _, row in head.iterrows():
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cells[i].text = str(value)
            if i % 2 == 0:
                for run in cells[i].paragraphs[0].runs:
                    run.bold = True

    doc.add_heading("Betreff", level=1)
    doc.add_paragraph().add_run(c.subject).bold = True
    doc.add_heading("Beschlussvorschlag", level=1)
    for text in c.proposal:
        doc.add_paragraph(text)
    doc.add_heading("Sachverhalt und Begründung", level=1)
    for text in c.facts:
        doc.add_paragraph(text)
    doc.add_heading("Finanzielle Auswirkungen", level=1)
    doc.add_paragraph(c.finance_intro)
    _table(doc, c.finance, RIGHT_COLUMNS)
    doc.add_heading("Anlagen", level=1)
    for text in c.annexes:
        doc.add_paragraph(text, style="List Bullet")
    for note in c.notes:
        doc.add_paragraph(f"Hinweis: {note}").runs[0].italic = True

    doc.add_page_break()
    doc.add_heading(c.annexes[0], level=1)
    _table(doc, c.ranking, RIGHT_COLUMNS | {"Rang"})
    if not c.yearly.empty:
        doc.add_heading(SECTION_YEARLY, level=2)
        _table(doc, c.yearly, RIGHT_COLUMNS | {"Rang"} | set(c.yearly.columns[2:-2]))
    if not c.reasons.empty:
        doc.add_heading(SECTION_REASONS, level=2)
        _table(doc, c.reasons, set())
    doc.add_heading("Bewertungen je Kriterium", level=2)
    _table(doc, c.scores, RIGHT_COLUMNS | {"Rang"})
    doc.add_page_break()
    doc.add_heading(c.annexes[1], level=1)
    _table(doc, c.criteria, {"Gewicht"})
    doc.add_page_break()
    doc.add_heading(c.annexes[2], level=1)
    if c.map_spec is not None:
        doc.add_picture(io.BytesIO(_map_png(c.map_spec)), width=Cm(16.5))
    else:
        doc.add_paragraph("Für die Sozialräume dieser Förderrunde liegen keine Geometrien vor.")
    doc.save(out)
    return c


def _map_png(spec) -> bytes:
    from k360desk.export.map_render import map_figure

    fig, _ = map_figure(spec, size=(8.0, 6.0))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=200)
    return buffer.getvalue()
