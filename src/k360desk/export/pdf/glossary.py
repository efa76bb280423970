"""The indicator glossary: what each indicator of the profiles means and how it is computed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from k360desk.export.pdf.base import FRAME_WIDTH, esc, styles, table_style
from k360desk.formats import format_number
from k360desk.messages import N_, tr

if TYPE_CHECKING:
    from k360desk.projectfile import Project

KIND_LABELS = {"count": N_("Anzahl"), "share": N_("Anteil"), "rate": N_("Quote/Dichte"),
               "mean": N_("Mittelwert")}
POLARITY_LABELS = {1: N_("höherer Wert = mehr Bedarf"), -1: N_("höherer Wert = weniger Bedarf"),
                   0: N_("neutral")}


def formula(row, names: dict[str, str]) -> str:
    """German description of how a derived indicator is computed (empty for stored ones)."""
    num, den = row.get("numerator_key"), row.get("denominator_key")
    if not isinstance(num, str) or not isinstance(den, str):
        return ""
    scale = float(row.get("scale") or 1)
    factor = f" × {format_number(scale, 0)}" if scale != 1 else ""
    return f"{names.get(num, num)} ÷ {names.get(den, den)}{factor}"


def glossary_story(project: Project, keys: list[str] | None = None) -> list:
    """Flowables: one table row per indicator (name, meaning and formula, unit/kind, source)."""
    st = styles()
    frame = project.indicators_frame()
    names = dict(zip(frame["key"], frame["name"], strict=True))
    if keys:
        order = {k: i for i, k in enumerate(keys)}
        frame = frame[frame["key"].isin(order)].copy()
        frame["_o"] = frame["key"].map(order)
        frame = frame.sort_values("_o")
    rows = [
        [Paragraph(tr(h), st["cell_head"])
         for h in (N_("Indikator"), N_("Bedeutung und Berechnung"), N_("Art"), N_("Quelle"))]
    ]
    for _, row in frame.iterrows():
        parts = [esc(row.get("description") or "")]
        calc = formula(row, names)
        if calc:
            parts.append(tr("Berechnung: {formula}", formula=esc(calc)))
        if int(row.get("polarity") or 0):
            parts.append(esc(tr(POLARITY_LABELS[int(row["polarity"])])))
        unit = str(row.get("unit") or "")
        kind = tr(KIND_LABELS.get(str(row.get("kind")), str(row.get("kind"))))
        rows.append(
            [
                Paragraph(
                    f"<b>{esc(row['name'])}</b><br/><font size=6.5>{esc(row['key'])}</font>", st["cell"]
                ),
                Paragraph("<br/>".join(p for p in parts if p), st["cell"]),
                Paragraph(esc(kind + (f", {unit}" if unit else "")), st["cell"]),
                Paragraph(esc(row.get("source") or ""), st["cell"]),
            ]
        )
    table = Table(
        rows, colWidths=[45 * mm, FRAME_WIDTH - 120 * mm, 30 * mm, 45 * mm], repeatRows=1, hAlign="LEFT"
    )
    table.setStyle(TableStyle(table_style()))
    return [table]
