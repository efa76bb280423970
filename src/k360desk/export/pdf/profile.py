"""The district profile (Quartiersprofil): exactly two A4 pages per district.

Page 1: name, code, level, locator map, key figures by topic. Page 2: time series against
the city, facilities by type, funded projects, providers' statements, footnotes. A fixed
two pages per district lets a book number its pages before the profiles are drawn, so the
profiles can be rendered in parallel.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, PageBreak, Paragraph, Spacer, Table, TableStyle

from k360desk.analysis.disclosure import SUPPRESSED_LABEL
from k360desk.export.pdf.base import (
    FONT_BOLD,
    FRAME_HEIGHT,
    FRAME_WIDTH,
    LIGHT,
    MUTED,
    Bookmark,
    SectionMark,
    esc,
    styles,
    table_style,
)
from k360desk.export.pdf.map_flowable import LocatorMap
from k360desk.export.pdf.recurring import RecurringParagraph
from k360desk.export.pdf.series_chart import SeriesChart
from k360desk.formats import format_money, format_number
from k360desk.messages import N_, tr, with_language
from k360desk.symbols import NOT_APPLICABLE, NOTHING, SECRET, legend_line

if TYPE_CHECKING:
    from k360desk.export.pdf.profile_data import DistrictProfile, KeyFigure, ProfileData

PAGES_PER_PROFILE = 2
MARK_PROVISIONAL = "¹"
MARK_ESTIMATED = "²"
MAX_QUOTES = 8


def value_text(fig: KeyFigure, threshold: int) -> str:
    """Formatted value with status mark; suppressed values never show a number."""
    if fig.suppressed:
        return tr(SUPPRESSED_LABEL)
    if not math.isfinite(fig.value):
        return "–"
    mark = {"provisional": MARK_PROVISIONAL, "estimated": MARK_ESTIMATED}.get(fig.status, "")
    return format_number(fig.value, fig.decimals) + mark


def _signed(value: float, decimals: int) -> str:
    if not math.isfinite(value):
        return "–"
    text = format_number(abs(value), decimals)
    if text.strip("0,.") == "":
        return "±" + text
    return ("+" if value > 0 else "−") + text


def trend_text(fig: KeyFigure) -> str:
    """Change over the trend periods: percent for counts, units (Pp. for shares) otherwise."""
    if fig.suppressed:
        return SECRET  # a change computed from a withheld value would reveal it
    if not math.isfinite(fig.trend):
        return NOTHING
    arrow = "↗" if fig.trend > 0 else ("↘" if fig.trend < 0 else "→")
    if abs(fig.trend) < 0.5 * 10 ** (-fig.decimals):
        arrow = "→"
    if fig.kind == "count":
        return f"{arrow} {_signed(fig.trend, 1)} %"
    unit = tr(" Pp.") if fig.unit == "%" else ""
    return f"{arrow} {_signed(fig.trend, fig.decimals)}{unit}"


def deviation_text(fig: KeyFigure) -> str:
    """District minus city (ratios and means only)."""
    if fig.kind == "count":
        return NOT_APPLICABLE  # a count is not compared with the city's total
    if fig.suppressed:
        return SECRET
    if not math.isfinite(fig.deviation):
        return NOTHING
    unit = tr(" Pp.") if fig.unit == "%" else ""
    return _signed(fig.deviation, fig.decimals) + unit


def _header(p: DistrictProfile, data: ProfileData, st) -> Table:
    facts = [
        Paragraph(esc(p.name), st["title"]),
        Paragraph(
            esc(f"{p.level} {p.code}".strip()) + (tr(" · gehört zu {parent}", parent=esc(p.parent))
                                                   if p.parent else ""),
            st["subtitle"],
        ),
    ]
    population = next((f for f in p.figures if f.key in ("einwohner", "bevoelkerung")), None)
    lines = []
    if population is not None:
        lines.append(
            tr("Einwohnerinnen und Einwohner {period}: <b>{value}</b>", period=p.period,
               value=esc(value_text(population, data.threshold)))
        )
    if p.index_text:
        lines.append(esc(p.index_text))
    if p.unavailable:
        lines.append(tr("Einrichtungen und geförderte Projekte: auf dieser Ebene nicht verfügbar"))
    if p.facilities_total:
        places = tr(" · Plätze: {n}", n=format_number(p.places, 0)) if p.places else ""
        lines.append(tr("Einrichtungen im Sozialraum: {n}", n=p.facilities_total) + places)
    if len(p.projects):
        lines.append(
            tr("Geförderte Projekte: {n} · bewilligt: {money}", n=len(p.projects),
               money=format_money(_awarded(p.projects)))
        )
    if p.parts and (p.facilities_total or len(p.projects)):
        lines.append(tr("Einrichtungen und Projekte aus {n} untergeordneten Sozialräumen zusammengezählt",
                        n=p.parts))
    for line in lines:
        facts.append(Paragraph(line, st["body"]))
    facts.append(Spacer(1, 4))
    facts.append(
        RecurringParagraph(
            tr("Kennzahlen {period} im Vergleich zur Gesamtstadt; Entwicklung über die letzten "
               "{n} Jahre. Klasse: Quintil unter den Sozialräumen der Ebene "
               "(1 = niedrigste, 5 = höchste Werte).", period=p.period, n=len(data.periods)),
            st["note"],
        )
    )
    base = data.bases.get(p.level_id)
    right = (
        LocatorMap(
            base, p.district_id, 62 * mm, 56 * mm, data.outlines.get(p.level_id), caption=p.index_text or ""
        )
        if base is not None
        else Paragraph(tr("Keine Karte: für diesen Sozialraum ist keine Grenze erfasst."), st["note"])
    )
    table = Table([[facts, right]], colWidths=[FRAME_WIDTH - 64 * mm, 64 * mm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _figures_table(p: DistrictProfile, data: ProfileData, st) -> Table:
    from collections import Counter

    # The header names the start year most rows share; a row whose series starts later says
    # its own year, so no change is claimed for years without values.
    starts = Counter(f.trend_from for f in p.figures if f.trend_from)
    since = starts.most_common(1)[0][0] if starts else None
    head = [
        tr("Indikator"),
        tr("Einheit"),
        tr("Wert"),
        tr("Gesamtstadt"),
        tr("Abweichung"),
        tr("Entwicklung seit {year}", year=since) if since else tr("Entwicklung"),
        tr("Klasse"),
    ]
    rows: list[list] = [
        [RecurringParagraph(h, st["cell_head"] if i < 2 else st["cell_head_right"])
         for i, h in enumerate(head)]
    ]
    cmds = table_style(zebra=False)
    topic = None
    for fig in p.figures:
        if fig.topic != topic:
            topic = fig.topic
            rows.append([esc(topic), "", "", "", "", "", ""])
            r = len(rows) - 1
            cmds += [
                ("SPAN", (0, r), (-1, r)),
                ("FONTNAME", (0, r), (-1, r), FONT_BOLD),
                ("BACKGROUND", (0, r), (-1, r), LIGHT),
                ("TOPPADDING", (0, r), (-1, r), 3),
            ]
        rows.append(
            [
                RecurringParagraph(esc(fig.name), st["cell"]),
                fig.unit,
                value_text(fig, data.threshold),
                _reference_text(fig),
                deviation_text(fig),
                trend_text(fig)
                + (tr(" seit {year}", year=fig.trend_from) if fig.trend_from and fig.trend_from != since
                   and trend_text(fig) not in (NOTHING, SECRET) else ""),
                SECRET if fig.suppressed else tr("{n} von 5", n=fig.klass) if fig.klass else NOTHING,
            ]
        )
    cmds += [("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("TEXTCOLOR", (1, 1), (1, -1), MUTED)]
    widths = [FRAME_WIDTH - 128 * mm, 15 * mm, 20 * mm, 22 * mm, 22 * mm, 31 * mm, 18 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(cmds))
    return table


def _charts(p: DistrictProfile, st) -> list:
    if not p.charts:
        return []
    width = (FRAME_WIDTH - 8 * mm) / 2
    cells = [
        SeriesChart(
            f.name,
            f.unit,
            f.decimals,
            [] if f.suppressed and not f.series else f.series,
            f.reference_series,
            width,
            44 * mm,
            district_label=p.name[:28],
        )
        for f in p.charts
    ]
    grid = [cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)]
    table = Table(grid, colWidths=[FRAME_WIDTH / 2] * 2, hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return [RecurringParagraph(tr("Entwicklung im Vergleich zur Gesamtstadt"), st["h2"]), table]


def _awarded(projects) -> float:
    return float(projects["awarded"].astype(float).sum()) if len(projects) else 0.0


def _facilities(p: DistrictProfile, st) -> list:
    out = [RecurringParagraph(tr("Einrichtungen nach Art"), st["h2"])]
    if p.unavailable:
        return out + [Paragraph(tr(UNAVAILABLE), st["note"])]
    if not p.facilities_total:
        return out + [Paragraph(tr("Im Sozialraum sind keine Einrichtungen erfasst."), st["note"])]
    if p.parts:
        return out + _facility_summary(p, st)
    rows = [[RecurringParagraph(tr(h), st["cell_head"]) for h in (N_("Art"), N_("Einrichtung"), N_("Träger"),
                                                          N_("Adresse"))]]
    for f in p.facilities.to_dict("records"):  # a dict a row: no Series built per row
        address = " ".join(str(x) for x in (f.get("street") or "",) if x)
        rows.append(
            [
                RecurringParagraph(esc(f.get("type") or tr("ohne Art")), st["cell"]),
                Paragraph(esc(f["name"]), st["cell"]),
                RecurringParagraph(esc(f.get("provider") or ""), st["cell"]),
                Paragraph(esc(address), st["cell"]),
            ]
        )
    table = Table(rows, colWidths=[38 * mm, 56 * mm, 42 * mm, FRAME_WIDTH - 136 * mm], repeatRows=1)
    table.setStyle(TableStyle(table_style()))
    out.append(table)
    if p.facilities_total > len(p.facilities):
        out.append(
            Paragraph(
                tr("… und {n} weitere Einrichtungen (vollständig im Sozialatlas).",
                   n=p.facilities_total - len(p.facilities)),
                st["note"],
            )
        )
    return out


def _facility_summary(p: DistrictProfile, st) -> list:
    """Counts and places by type: a Stadtbezirk's full list belongs in the Sozialatlas."""
    import pandas as pd

    frame = p.all_facilities.assign(capacity=pd.to_numeric(p.all_facilities["capacity"], errors="coerce"))
    by_type = frame.groupby("type", sort=True).agg(n=("name", "size"), places=("capacity", "sum"))
    rows = [[RecurringParagraph(tr("Art"), st["cell_head"]),
             RecurringParagraph(tr("Einrichtungen"), st["cell_head_right"]),
             RecurringParagraph(tr("Plätze"), st["cell_head_right"])]]
    for type_name, r in by_type.iterrows():
        rows.append([RecurringParagraph(esc(type_name), st["cell"]), format_number(r["n"], 0),
                     format_number(r["places"], 0) if r["places"] else "–"])
    rows.append([RecurringParagraph(tr("<b>Insgesamt</b>"), st["cell"]), format_number(p.facilities_total, 0),
                 format_number(p.places, 0) if p.places else "–"])
    table = Table(rows, colWidths=[70 * mm, 28 * mm, 28 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(table_style() + [("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
    note = tr("Zusammengezählt aus {n} untergeordneten Sozialräumen; die einzelnen Einrichtungen "
              "stehen im Sozialatlas.", n=p.parts)
    return [table, RecurringParagraph(esc(note), st["note"])]


UNAVAILABLE = N_("Auf dieser Ebene nicht verfügbar: Einrichtungen und Projekte sind feineren Sozialräumen "
               "zugeordnet, und diesem Sozialraum sind keine untergeordneten Sozialräume hinterlegt.")


def _projects(p: DistrictProfile, st) -> list:
    if p.unavailable:
        return [RecurringParagraph(tr("Geförderte Projekte"), st["h2"]),
                RecurringParagraph(tr(UNAVAILABLE), st["note"])]
    if p.projects is None or p.projects.empty:
        return [
            RecurringParagraph(tr("Geförderte Projekte"), st["h2"]),
            RecurringParagraph(tr("Keine bewilligten Projekte in diesem Sozialraum."), st["note"]),
        ]
    rows = [
        [RecurringParagraph(tr(h), st["cell_head"]) for h in (N_("Förderrunde"), N_("Projekt"), N_("Träger"))]
        + [RecurringParagraph(tr("Bewilligt (gesamt)"), st["cell_head_right"])]
    ]
    for r in p.projects.head(10).to_dict("records"):
        rows.append(
            [
                RecurringParagraph(esc(r["round"]), st["cell"]),
                Paragraph(esc(r["title"]), st["cell"]),
                RecurringParagraph(esc(r["provider"]), st["cell"]),
                Paragraph(format_money(float(r["awarded"])), st["cell_right"]),
            ]
        )
    if len(p.projects) > 10:
        rows.append([Paragraph(tr("… und {n} weitere Projekte", n=len(p.projects) - 10), st["cell"]),
                     "", "", ""])
    if len(p.projects) > 1:
        rows.append([RecurringParagraph(tr("<b>Insgesamt</b>"), st["cell"]), "", "",
                     Paragraph(f"<b>{format_money(_awarded(p.projects))}</b>", st["cell_right"])])
    table = Table(rows, colWidths=[38 * mm, 70 * mm, FRAME_WIDTH - 138 * mm, 30 * mm], repeatRows=1)
    table.setStyle(TableStyle(table_style()))
    out = [RecurringParagraph(tr("Geförderte Projekte"), st["h2"]), table]
    if p.parts:
        out.append(Paragraph(tr("Projekte, die mindestens einen der {n} untergeordneten Sozialräume "
                                "erreichen; jedes Projekt einmal gezählt, mit seiner gesamten Bewilligung.",
                                n=p.parts), st["note"]))
    return out


def _statements(p: DistrictProfile, st) -> list:
    """Providers' voice (questionnaire) and goals, as ``figures_voice`` prepares them."""
    voice = p.voice
    if not voice:
        return []
    summary, quotes, goals = voice.get("summary"), voice.get("quotes"), voice.get("goals")
    out: list = []
    has_any = any(f is not None and len(f) for f in (summary, quotes, goals))
    if not has_any:
        return []
    period = voice.get("period")
    out.append(
        RecurringParagraph(tr("Einschätzungen der Träger") + (tr(" (Trägerabfrage {period})", period=period)
                                                      if period else ""), st["h2"])
    )
    if summary is not None and len(summary):
        for _, row in summary.iterrows():
            out.append(
                Paragraph(
                    f"{esc(row['question'])}: <b>{esc(row['text'])}</b>", st["bullet_small"], bulletText="–"
                )
            )
    if quotes is not None and len(quotes):
        shown = quotes.head(MAX_QUOTES)
        question = None
        for _, row in shown.iterrows():
            if row["question"] != question:
                question = row["question"]
                out.append(RecurringParagraph(f"<b>{esc(question)}</b>", st["small"]))
            out.append(Paragraph(esc(row["quote"]), st["bullet_small"], bulletText="–"))
        if len(quotes) > len(shown):
            out.append(Paragraph(tr("… und {n} weitere Antworten.", n=len(quotes) - len(shown)), st["note"]))
    if goals is not None and len(goals):
        out.append(Paragraph(tr("Ziele im Sozialraum"), st["h3"]))
        for _, row in goals.iterrows():
            out.append(Paragraph(esc(row["text"]), st["bullet_small"], bulletText="–"))
    return out


INCOMPLETE_MARK = "(u)"


def _reference_text(fig) -> str:
    if not math.isfinite(fig.reference):
        return "–"
    text = format_number(fig.reference, fig.decimals)
    return text if fig.reference_complete else f"{text} {INCOMPLETE_MARK}"


def _footnotes(p: DistrictProfile, data: ProfileData, st) -> list:
    sources = sorted({f.source for f in p.figures + p.charts if f.source})
    incomplete = any(not f.reference_complete for f in p.figures)
    notes = [
        tr("{mark} Gesamtstadtwert unvollständig: nicht alle Sozialräume haben für dieses"
           " Jahr einen Wert.", mark=INCOMPLETE_MARK) if incomplete else "",
        tr("{provisional} vorläufiger Wert; {estimated} geschätzter Wert; – kein Wert vorhanden.",
           provisional=MARK_PROVISIONAL, estimated=MARK_ESTIMATED),
        legend_line(data.threshold),
        tr("Abweichung und Entwicklung bei Anteilen in Prozentpunkten (Pp.), bei Anzahlen in Prozent."),
        tr("Quellen: {sources}", sources="; ".join(sources)) if sources else "",
    ]
    return [Spacer(1, 4)] + [RecurringParagraph(esc(n), st["note"]) for n in notes if n]


def _commentary(text: str, period: int, st) -> list:
    """The planners' Blickpunkt below the key figures (Markdown subset, headings kept small)."""
    if not text:
        return []
    from k360desk.export.pdf.markdown import to_flowables

    return [Spacer(1, 6), Paragraph(f"Blickpunkt {period}", st["h2"]), *to_flowables(text, heading_offset=2)]


def profile_story(p: DistrictProfile, data: ProfileData, *, bookmark_level: int | None = 0) -> list:
    """The flowables of one profile: exactly two pages (content shrinks rather than spills)."""
    st = styles()
    section = f"{p.name} ({p.code})"
    marks: list = [SectionMark(section)]
    if bookmark_level is not None:
        marks.append(Bookmark(section, f"d{p.district_id}", bookmark_level))
    first = [_header(p, data, st), Spacer(1, 5), _figures_table(p, data, st)]
    first += _commentary(data.commentaries.get(p.district_id, ""), p.period, st)
    second = (
        _charts(p, st) + _facilities(p, st) + _projects(p, st) + _statements(p, st) + _footnotes(p, data, st)
    )
    height = FRAME_HEIGHT - 2
    return marks + [
        KeepInFrame(FRAME_WIDTH, height, first, mode="shrink"),
        PageBreak(),
        KeepInFrame(FRAME_WIDTH, height, second, mode="shrink"),
        PageBreak(),
    ]


@with_language
def write_profile(
    project, district_code: str, out, *, period: int | None = None, template: dict | None = None
) -> int:
    """Write the profile of one district (by code) to a path or binary buffer; return pages."""
    from k360desk.export.pdf.base import build_document, report_info
    from k360desk.export.pdf.profile_data import ProfileData

    district_id = district_id_for(project, district_code)
    data = ProfileData.load(project, [district_id], template=template, period=period)
    data.load_bases(project)
    profile = data.profile(district_id)
    info = report_info(project, tr("Quartiersprofil"))
    info.doc_title = tr("Quartiersprofil {name} {period}", name=profile.name, period=profile.period)
    story = profile_story(profile, data, bookmark_level=0)
    story.pop()  # no blank page after the last profile
    build_document(out, story, info)
    return PAGES_PER_PROFILE


def district_id_for(project, code: str) -> int:
    """District id by code (German ReportError if unknown)."""
    from k360desk.export.pdf import ReportError

    districts = project.districts_table()  # the codes only: no geometry to parse
    match = districts[districts["code"].astype(str) == str(code).strip()]
    if match.empty:
        raise ReportError(tr("Einen Sozialraum mit dem Schlüssel „{code}“ gibt es nicht.", code=code))
    return int(match.index[0])
