"""The committee template as an editable Word document (python-docx): council information
systems take .docx. Same content as the PDF (``committee_data``); the frame (German styles,
letterhead, page numbers, table widths) comes from ``docx_base``; Anlage 1 is landscape. The
map is embedded as a PNG drawn by the screen's matplotlib renderer from the same ``MapSpec``."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pandas as pd

from k360desk.formats import format_date
from k360desk.messages import N_, tr, with_language
from k360desk.symbols import legend_line

if TYPE_CHECKING:
    from k360desk.export.pdf.committee_data import CommitteeContent

SECTION_HEADINGS = (
    N_("Betreff"),
    N_("Beschlussvorschlag"),
    N_("Sachverhalt und Begründung"),
    N_("Finanzielle Auswirkungen"),
    N_("Anlagen"),
)


def _numeric(frame: pd.DataFrame, right: set[str]) -> set[str]:
    """Columns to right-align: the named ones and the criteria K1 … Kn."""
    return {str(n) for n in frame.columns
            if n in right or (str(n).startswith("K") and str(n)[1:].isdigit())}


@with_language
def write_committee_docx(project, round_key, out, created=None) -> CommitteeContent:
    """Write the Beschlussvorlage of a round as .docx (editable); return its content."""
    from docx.shared import Cm

    from k360desk.export.pdf import docx_base as word
    from k360desk.export.pdf.committee import RIGHT_COLUMNS, SECTION_REASONS, SECTION_YEARLY
    from k360desk.export.pdf.committee_data import committee_content

    c = committee_content(project, round_key, created)
    head = word.letterhead(project, tr("Beschlussvorlage"), c.created)
    doc = word.new_document(head, tr("Beschlussvorlage – {round}", round=c.round_name), subject=c.subject)

    doc.add_heading(tr("Beschlussvorlage"), level=0)
    block = pd.DataFrame(
        [
            [tr("Vorlage Nr."), "", tr("Datum"), format_date(c.created)],
            [tr("Federführung"), tr("Sozialplanung"), tr("Status"), tr("öffentlich")],
            [tr("Beratungsfolge"), c.committee, tr("Zuständigkeit"), tr("Entscheidung")],
        ],
        columns=["a", "b", "c", "d"],
    )
    word.add_table(doc, block, header=False, bold_columns={0, 2})

    doc.add_heading(tr("Betreff"), level=1)
    doc.add_paragraph().add_run(c.subject).bold = True
    doc.add_heading(tr("Beschlussvorschlag"), level=1)
    for text in c.proposal:
        doc.add_paragraph(text)
    doc.add_heading(tr("Sachverhalt und Begründung"), level=1)
    for text in c.facts:
        doc.add_paragraph(text)
    doc.add_heading(tr("Finanzielle Auswirkungen"), level=1)
    doc.add_paragraph(c.finance_intro)
    word.add_table(doc, c.finance, _numeric(c.finance, RIGHT_COLUMNS))
    doc.add_heading(tr("Anlagen"), level=1)
    for text in c.annexes:
        doc.add_paragraph(text, style="List Bullet")
    for note in c.notes:
        doc.add_paragraph(tr("Hinweis: {note}", note=note)).runs[0].italic = True

    word.landscape_section(doc, head)
    doc.add_heading(c.annexes[0], level=1)
    word.add_table(doc, c.ranking, _numeric(c.ranking, RIGHT_COLUMNS | {"Rang"}))
    doc.add_paragraph(tr("Bedarf: sozialräumlicher Bedarf der erreichten Sozialräume (0–100). "
                         "Punkte: gewichtete Gesamtpunktzahl (0–100)."))
    doc.add_paragraph(legend_line())
    if not c.yearly.empty:
        doc.add_heading(tr(SECTION_YEARLY), level=2)
        word.add_table(doc, c.yearly,
                       _numeric(c.yearly, RIGHT_COLUMNS | {"Rang"} | set(c.yearly.columns[2:-2])))
    if not c.reasons.empty:
        doc.add_heading(tr(SECTION_REASONS), level=2)
        word.add_table(doc, c.reasons, set())
    doc.add_heading(tr("Bewertungen je Kriterium"), level=2)
    word.add_table(doc, c.scores, _numeric(c.scores, RIGHT_COLUMNS | {"Rang"}))
    word.portrait_section(doc, head)
    doc.add_heading(c.annexes[1], level=1)
    word.add_table(doc, c.criteria, {"Gewicht"})
    doc.add_page_break()
    doc.add_heading(c.annexes[2], level=1)
    if c.map_spec is not None:
        doc.add_picture(io.BytesIO(_map_png(c.map_spec)), width=Cm(16.5))
    else:
        doc.add_paragraph(tr("Für die Sozialräume dieser Förderrunde liegen keine Geometrien vor."))
    doc.save(out)
    return c


def _map_png(spec) -> bytes:
    from k360desk.export.map_render import map_figure

    fig, _ = map_figure(spec, size=(8.0, 6.0))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=200)
    return buffer.getvalue()
