"""The Sozialatlas listing: every open facility by district and type, with provider and contact."""

from __future__ import annotations

from datetime import date

import pandas as pd
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph, Spacer, Table, TableStyle

from k360desk.export.pdf import ReportError
from k360desk.export.pdf.base import (
    FRAME_WIDTH,
    LIGHT,
    Bookmark,
    SectionMark,
    build_document,
    esc,
    report_info,
    styles,
    table_style,
)
from k360desk.formats import format_number
from k360desk.messages import N_, tr, with_language
from k360desk.symbols import legend_line

NO_DISTRICT = N_("ohne Zuordnung zu einem Sozialraum")
CELL_PADDING = 6  # left and right padding of table_style's cells, in points


def _contact(row, width: float, style) -> str:
    from k360desk.export.pdf.seams import break_at_seams

    email = break_at_seams(str(row.get("email") or ""), style.fontName, style.fontSize, width)
    parts = [esc(row.get("contact_person") or ""), esc(row.get("phone") or ""), email]
    return "<br/>".join(p for p in parts if p)


def _address(row) -> str:
    street = esc(row.get("street") or "")
    town = " ".join(x for x in (esc(row.get("postcode") or ""), esc(row.get("city") or "")) if x)
    return ", ".join(p for p in (street, town) if p)


def _count_text(group: pd.DataFrame) -> str:
    places = pd.to_numeric(group["capacity"], errors="coerce").sum()
    text = tr("({n} Einrichtungen)", n=len(group))
    return text + tr(" · {n} Plätze", n=format_number(places, 0)) if places else text


def atlas_story(facilities: pd.DataFrame, districts: pd.DataFrame, st) -> list:
    """Overview by type, then one section per district (in code order) with a table by type."""
    story: list = [
        SectionMark(tr("Sozialatlas")),
        Bookmark(tr("Übersicht"), "overview"),
        Paragraph(tr("Sozialatlas"), st["title"]),
        Paragraph(tr("Einrichtungen nach Sozialraum und Art, mit Träger und Kontakt"), st["subtitle"]),
    ]
    places = pd.to_numeric(facilities["capacity"], errors="coerce")
    by_type = facilities.assign(places=places).groupby("type").agg(n=("name", "size"),
                                                                   places=("places", "sum"))
    by_type = by_type.sort_values("n", ascending=False)
    head = (tr("Art der Einrichtung"), tr("Anzahl"), tr("Plätze"))
    rows = [[Paragraph(h, st["cell_head" if i == 0 else "cell_head_right"]) for i, h in enumerate(head)]]
    rows += [[Paragraph(esc(t), st["cell"]), format_number(r["n"], 0),
              format_number(r["places"], 0) if r["places"] else "–"] for t, r in by_type.iterrows()]
    rows.append([Paragraph(tr("<b>Insgesamt</b>"), st["cell"]), format_number(len(facilities), 0),
                 format_number(places.sum(), 0) if places.sum() else "–"])
    table = Table(rows, colWidths=[90 * mm, 25 * mm, 25 * mm], hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle(table_style() + [("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    story += [table, Spacer(1, 3), Paragraph(esc(legend_line()), st["note"]), Spacer(1, 8)]
    info = districts[["code", "name", "level"]]
    # A section per selected district; facilities of the districts below it are listed there.
    section = facilities["target_id"] if "target_id" in facilities else facilities["district_id"]
    keyed = facilities.assign(_section=section, _code=section.map(info["code"]).fillna("~"))
    widths = [62 * mm, 42 * mm, FRAME_WIDTH - 118 * mm, 14 * mm]
    for code, group in keyed.sort_values(["_code", "type", "name"]).groupby("_code", sort=True):
        district_id = group["_section"].iloc[0]
        title = tr(NO_DISTRICT) if code == "~" else f"{code} {info.loc[int(district_id), 'name']}"
        head = [Paragraph(tr(h), st["cell_head"])
                for h in (N_("Einrichtung und Adresse"), N_("Träger"), N_("Kontakt"))]
        head.append(Paragraph(tr("Plätze"), st["cell_head_right"]))
        body = [head]
        cmds = table_style(zebra=False)
        for type_name, of_type in group.groupby("type", sort=True):
            body.append([Paragraph(f"<b>{esc(type_name)}</b>", st["cell"]), "", "", ""])
            r = len(body) - 1
            cmds += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), LIGHT)]
            for _, f in of_type.iterrows():
                capacity = format_number(f["capacity"], 0) if pd.notna(f.get("capacity")) else ""
                address = _address(f)
                if pd.notna(f["district_id"]) and f["district_id"] != f["_section"]:
                    lower = info.loc[int(f["district_id"])]
                    where = esc(f"{lower['level'] or 'Sozialraum'} {lower['code']} {lower['name']}")
                    address = f"{address}<br/>{where}" if address else where
                body.append(
                    [
                        Paragraph(
                            esc(f["name"])
                            + (f"<br/><font color='#5f5f5f'>{address}</font>" if address else ""),
                            st["cell"],
                        ),
                        Paragraph(esc(f["provider"]), st["cell"]),
                        Paragraph(_contact(f, widths[2] - CELL_PADDING, st["cell"]), st["cell"]),
                        Paragraph(capacity, st["cell_right"]),
                    ]
                )
        table = Table(body, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(cmds))
        story += [
            CondPageBreak(35 * mm),
            SectionMark(title),
            Bookmark(title, f"d{code}"),
            Paragraph(
                esc(title) + f" <font size=8 color='#5f5f5f'>{_count_text(group)}</font>", st["h2"]
            ),
            table,
        ]
    return story


@with_language
def write_atlas(
    project, out, *, level: str | None = None, codes: list[str] | None = None, created: date | None = None
) -> int:
    """Write the Sozialatlas listing (all districts, one level or selected codes); return the
    number of facilities listed."""
    from k360desk.models import profiles

    districts = project.districts_frame()
    facilities = profiles.facilities(project)
    if codes or level:
        from k360desk.analysis.rollup import roll_up, subtree_pairs
        from k360desk.export.pdf.book import select_districts

        ids = select_districts(project, level=level, codes=codes)
        facilities = roll_up(facilities, subtree_pairs(districts, ids))
    if facilities.empty:
        raise ReportError(tr("Es sind keine (geöffneten) Einrichtungen erfasst, die man auflisten könnte."))
    story = atlas_story(facilities, districts, styles())
    build_document(out, story, report_info(project, tr("Sozialatlas"), created))
    return len(facilities)
