"""The Verwendungsnachweis of one funded project and year as a PDF page (Sachbericht, numeric
proof planned vs spent per cost type, payments, audit and claim) or as a CSV table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from k360desk.formats import format_date
from k360desk.messages import tr, with_language
from k360desk.money import format_cents, format_money


def proof_table(project, report_id: int) -> pd.DataFrame:
    """Kostenart, geplant, ausgegeben, Abweichung (German money text) with a total row."""
    from k360desk.models.usage_proof import proof_lines, totals_cents

    lines = proof_lines(project, report_id)
    planned, spent = totals_cents(project, report_id)
    rows = [[r.cost_type, format_money(r.planned), format_money(r.spent), _signed(format_money(r.difference))]
            for r in lines.itertuples(index=False)]
    rows.append([tr("Summe"), format_cents(planned), format_cents(spent),
                 _signed(format_cents(spent - planned))])
    return pd.DataFrame(rows, columns=[tr("Kostenart"), tr("geplant"), tr("ausgegeben"), tr("Abweichung")])


def _signed(text: str) -> str:
    # The typographic minus: printed German figures use it, and a CSV cell starting with "-"
    # would be neutralised as a possible formula (shown with a quote in Excel).
    return text.replace("-", "\u2212", 1) if text.startswith("-") else text


def write_proof_csv(project, report_id: int, path: Path) -> None:
    """The numeric proof as a CSV table for Excel (German numbers, semicolons)."""
    from k360desk.io.spreadsheet import write_report_csv

    table = proof_table(project, report_id)
    write_report_csv(Path(path), table.columns.tolist(), table.values.tolist())


@with_language
def write_proof_pdf(project, report_id: int, path: Path, created: date | None = None) -> None:
    """One Verwendungsnachweis as PDF on the municipality's letterhead."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    from k360desk.export.pdf.base import FRAME_WIDTH, build_document, esc, report_info, styles
    from k360desk.export.pdf.committee import frame_table
    from k360desk.models.usage_proof import proof_summary

    st = styles()
    info = proof_summary(project, report_id)
    title = tr("Verwendungsnachweis {year}", year=info["year"])
    received = (tr("eingegangen am {date}", date=format_date(info["received"])) if info["received"]
                else tr("noch nicht eingegangen"))
    story = [Paragraph(esc(title), st["title"]),
             Paragraph(f"<b>{esc(info['title'])}</b> – {esc(received)}", st["body"]), Spacer(1, 8),
             Paragraph(f"<b>{esc(tr('Sachbericht'))}</b>", st["body"]),
             Paragraph(esc(info["narrative"] or tr("(kein Sachbericht eingereicht)")), st["body"]),
             Spacer(1, 8),
             Paragraph(f"<b>{esc(tr('Zahlenmäßiger Nachweis'))}</b>", st["body"]), Spacer(1, 3),
             frame_table(proof_table(project, report_id),
                         [50 * mm, (FRAME_WIDTH - 50 * mm) / 3, (FRAME_WIDTH - 50 * mm) / 3,
                          (FRAME_WIDTH - 50 * mm) / 3], st),
             Spacer(1, 8),
             Paragraph(esc(tr("Ausgezahlt {year}: {paid}; nachgewiesen: {spent}.", year=info["year"],
                              paid=format_cents(info["paid"]), spent=format_cents(info["spent"]))),
                       st["body"]),
             Paragraph(f"<b>{esc(tr('Prüfung:'))}</b> {esc(info['audit'])}"
                       + (" " + esc(tr("am {date}", date=format_date(info["audited_on"])))
                          if info["audited_on"] else "")
                       + (f" – {esc(info['audit_note'])}" if info["audit_note"] else ""), st["body"])]
    if info["claim"]:
        story.append(Paragraph(f"<b>{esc(tr('Rückforderung:'))}</b> {esc(format_cents(info['claim']))}",
                               st["body"]))
    build_document(Path(path), story, report_info(project, title, created or date.today()))
