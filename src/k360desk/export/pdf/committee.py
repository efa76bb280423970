"""The committee template (Beschlussvorlage) as PDF: Betreff, Beschlussvorschlag,
Sachverhalt/Begründung, Finanzielle Auswirkungen, Anlagen (ranking, scores per criterion,
criteria catalogue, map of the districts reached)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, Spacer, Table, TableStyle

from k360desk.export.pdf.base import (
    FRAME_WIDTH,
    INK,
    LIGHT,
    Bookmark,
    SectionMark,
    build_document,
    esc,
    report_info,
    styles,
    table_style,
)
from k360desk.formats import format_date
from k360desk.messages import N_, tr, with_language
from k360desk.symbols import legend_line

if TYPE_CHECKING:
    from k360desk.export.pdf.committee_data import CommitteeContent

RIGHT_COLUMNS = {
    "Summe",
    "Punkte",
    "Bedarf",
    "beantragt",
    "vorgeschlagen",
    "Vorschlag",
    "Bewilligung",
    "bewilligt",
    "Budget",
    "bereits gebunden",
    "verbleibend",
    "Gesamt",
    "Gewicht",
}


def frame_table(
    frame: pd.DataFrame, widths: list[float], st, *, bold_last: bool = False, right: set[str] | None = None
) -> Table:
    """A DataFrame of strings as a calm table (numbers right-aligned)."""
    right = RIGHT_COLUMNS | (right or set())
    head = [
        Paragraph(
            esc(tr(c)),  # column names are German keys (committee_data.COLUMNS)
            st["cell_head_right"] if c in right or c.startswith("K") and c[1:].isdigit() else st["cell_head"],
        )
        for c in frame.columns
    ]
    rows = [head]
    for _, r in frame.iterrows():
        rows.append(
            [
                Paragraph(
                    esc(v),
                    st["cell_right"] if c in right or c.startswith("K") and c[1:].isdigit() else st["cell"],
                )
                for c, v in r.items()
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    cmds = table_style()
    if bold_last:
        cmds += [("LINEABOVE", (0, -1), (-1, -1), 0.6, INK), ("BACKGROUND", (0, -1), (-1, -1), LIGHT)]
    table.setStyle(TableStyle(cmds))
    return table


def _head_block(c: CommitteeContent, st) -> Table:
    rows = [
        [tr("Vorlage Nr."), "__________", tr("Datum"), format_date(c.created)],
        [tr("Federführung"), tr("Sozialplanung"), tr("Status"), tr("öffentlich")],
        [tr("Beratungsfolge"), c.committee, tr("Zuständigkeit"), tr("Entscheidung")],
    ]
    body = [
        [Paragraph(esc(v), st["cell_head"] if i % 2 == 0 else st["cell"]) for i, v in enumerate(r)]
        for r in rows
    ]
    table = Table(
        body,
        colWidths=[30 * mm, FRAME_WIDTH / 2 - 30 * mm, 30 * mm, FRAME_WIDTH / 2 - 30 * mm],
        hAlign="LEFT",
    )
    table.tag_row_headers = (0, 2)  # labels left of their values, read as row headers
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, INK),
                ("INNERGRID", (0, 0), (-1, -1), 0.25, LIGHT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                ("BACKGROUND", (2, 0), (2, -1), LIGHT),
            ]
        )
    )
    return table


def yearly_and_reasons(c: CommitteeContent, st) -> list:
    """Amounts per project and budget year, and the reasons for non-funding."""
    story: list = []
    if not c.yearly.empty:
        n_years = len(c.yearly.columns) - 4
        year_w = min(18 * mm, (FRAME_WIDTH - 100 * mm) / max(n_years, 1))
        story += [
            Paragraph(tr(SECTION_YEARLY), st["h2"]),
            frame_table(c.yearly, [9 * mm, FRAME_WIDTH - 9 * mm - year_w * n_years - 50 * mm]
                        + [year_w] * n_years + [20 * mm, 30 * mm], st, right={"Rang"}),
        ]
    if not c.reasons.empty:
        story += [
            Spacer(1, 6),
            Paragraph(tr(SECTION_REASONS), st["h2"]),
            frame_table(c.reasons, [50 * mm, 32 * mm, FRAME_WIDTH - 82 * mm], st),
        ]
    return story


SECTION_YEARLY = N_("Förderbeträge je Projekt und Haushaltsjahr")
SECTION_REASONS = N_("Nicht oder nur teilweise geförderte Anträge: Gründe")


def committee_story(c: CommitteeContent) -> list:
    """Flowables of the whole template."""
    from k360desk.export.pdf.map_flowable import MapFlowable

    st = styles()
    story: list = [
        SectionMark(tr("Beschlussvorlage – {round}", round=c.round_name)),
        Bookmark(tr("Beschlussvorlage"), "top"),
        Paragraph(tr("Beschlussvorlage"), st["title"]),
        Spacer(1, 4),
        _head_block(c, st),
        Spacer(1, 8),
        Paragraph(tr("Betreff"), st["h2"]),
        Paragraph(f"<b>{esc(c.subject)}</b>", st["body"]),
        Paragraph(tr("Beschlussvorschlag"), st["h2"]),
    ]
    story += [Paragraph(esc(p), st["body"]) for p in c.proposal]
    story.append(Paragraph(tr("Sachverhalt und Begründung"), st["h2"]))
    for p in c.facts:
        story += [Paragraph(esc(p), st["body"]), Spacer(1, 3)]
    story += [
        CondPageBreak(60 * mm),
        Paragraph(tr("Finanzielle Auswirkungen"), st["h2"]),
        Paragraph(esc(c.finance_intro), st["body"]),
        Spacer(1, 3),
        frame_table(c.finance, [30 * mm] + [(FRAME_WIDTH - 30 * mm) / 4] * 4, st, bold_last=True),
        Paragraph(tr("Anlagen"), st["h2"]),
    ]
    story += [Paragraph(esc(a), st["bullet"], bulletText="•") for a in c.annexes]
    for note in c.notes:
        story.append(Paragraph(esc(tr("Hinweis: {note}", note=note)), st["note"]))
    story += [
        PageBreak(),
        SectionMark(tr("Anlage {n}", n=1)),
        Bookmark(tr("Anlage 1: Rangliste"), "a1"),
        Paragraph(esc(c.annexes[0]), st["h1"]),
        frame_table(
            c.ranking,
            [9 * mm, 36 * mm, 25 * mm, 12 * mm, 12 * mm, 19 * mm, 19 * mm, 24 * mm,
             FRAME_WIDTH - 156 * mm]
            if "Entscheidung" in c.ranking.columns else
            [10 * mm, 41 * mm, 30 * mm, 14 * mm, 14 * mm, 19 * mm, 20 * mm, FRAME_WIDTH - 148 * mm],
            st,
            right={"Rang"},
        ),
        Spacer(1, 4),
        Paragraph(
            tr("Bedarf: sozialräumlicher Bedarf der erreichten Sozialräume (0–100). "
               "Punkte: gewichtete Gesamtpunktzahl (0–100)."),
            st["note"],
        ),
        Paragraph(esc(legend_line()), st["note"]),
        Spacer(1, 8),
    ]
    story += yearly_and_reasons(c, st)
    story += [
        Spacer(1, 8),
        Paragraph(
            tr("Bewertungen je Kriterium (Mittelwert der Bewertenden; K-Nummern siehe Anlage 2)"), st["h2"]
        ),
    ]
    n = len(c.scores.columns) - 3
    crit_w = min(16 * mm, (FRAME_WIDTH - 100 * mm) / max(n, 1))
    story.append(
        frame_table(
            c.scores,
            [10 * mm, FRAME_WIDTH - 10 * mm - crit_w * n - 16 * mm] + [crit_w] * n + [16 * mm],
            st,
            right={"Rang"},
        )
    )
    story += [
        PageBreak(),
        SectionMark(tr("Anlage {n}", n=2)),
        Bookmark(tr("Anlage 2: Kriterienkatalog"), "a2"),
        Paragraph(esc(c.annexes[1]), st["h1"]),
        frame_table(c.criteria, [10 * mm, 40 * mm, FRAME_WIDTH - 115 * mm, 14 * mm, 14 * mm, 37 * mm], st),
        PageBreak(),
        SectionMark(tr("Anlage {n}", n=3)),
        Bookmark(tr("Anlage 3: Karte"), "a3"),
        Paragraph(esc(c.annexes[2]), st["h1"]),
    ]
    if c.map_spec is not None:
        story.append(MapFlowable(c.map_spec, FRAME_WIDTH, 125 * mm, legend=True, labels=True))
    else:
        story.append(
            Paragraph(tr("Für die Sozialräume dieser Förderrunde liegen keine Geometrien vor."), st["note"])
        )
    return story


@with_language
def write_committee_pdf(project, round_key, out, created=None) -> CommitteeContent:
    """Write the Beschlussvorlage of a round (by id or name) as PDF; return its content."""
    from k360desk.export.pdf.committee_data import committee_content

    content = committee_content(project, round_key, created)
    info = report_info(project, tr("Beschlussvorlage"), content.created)
    info.doc_title = tr("Beschlussvorlage {name}", name=content.round_name)
    build_document(out, committee_story(content), info)
    return content
