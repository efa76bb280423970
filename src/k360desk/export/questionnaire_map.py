"""Maps of the providers' voice and of goals: mean rating per district, goal status per district.

Map keys as the map page's indicator list carries them:
``voice:question:<id>`` (a rating, yes/no or number question) and ``voice:goal:<indicator key>``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from k360desk.analysis.mapspec import MapBase, MapSpec, build_category_spec, build_map_spec
from k360desk.export.map_data import (
    MapDataError,
    _source_line,
    district_base,
    project_facility_layers,
)
from k360desk.messages import tr

if TYPE_CHECKING:
    from k360desk.projectfile import Project

PREFIX = "voice:"


def voice_choices(project: Project) -> list[tuple[str, str]]:
    """(map key, German label) of every closed question with answers and every goal indicator."""
    rows = project._conn.execute(
        "SELECT q.id, q.number, q.text, qn.period FROM questions q"
        " JOIN questionnaires qn ON qn.id = q.questionnaire_id"
        " WHERE q.qtype != 'text' AND q.per_district = 1"
        " AND EXISTS (SELECT 1 FROM statements s WHERE s.question_id = q.id)"
        " ORDER BY qn.period DESC, q.number").fetchall()
    out = []
    for qid, number, text, period in rows:
        short = text if len(text) <= 48 else text[:47].rstrip() + "…"
        out.append((f"{PREFIX}question:{qid}", tr("Einschätzung {period}: {number}. {question}",
                                                   period=period, number=number, question=short)))
    for key, name in project._conn.execute(
            "SELECT DISTINCT i.key, i.name FROM goals g JOIN indicators i ON i.id = g.indicator_id"
            " WHERE g.district_id IS NOT NULL ORDER BY i.name").fetchall():
        out.append((f"{PREFIX}goal:{key}", tr("Zielerreichung: {name}", name=name)))
    return out


def voice_map_spec(project: Project, key: str, *, base: MapBase | None = None, labels: str = "name",
                   facility_types: list[str] | None = None, level_id: int | None = None,
                   highlight: tuple[int, ...] = ()) -> MapSpec:
    """The map for a ``voice:`` key."""
    kind, _, ident = key.removeprefix(PREFIX).partition(":")
    layers = project_facility_layers(project, facility_types)
    if kind == "question":
        return _question_map(project, int(ident), base, labels, layers, level_id, highlight)
    if kind == "goal":
        return _goal_map(project, ident, base, labels, layers, level_id, highlight)
    raise MapDataError(tr("Unbekannte Karte „{key}“.", key=key))


def _level_of(project: Project, district_ids: list[int], level_id: int | None) -> int | None:
    if level_id is not None or not district_ids:
        return level_id
    row = project._conn.execute("SELECT level_id FROM districts WHERE fid=?",
                                (int(district_ids[0]),)).fetchone()
    return None if row is None else int(row[0])


def _question_map(project, question_id, base, labels, layers, level_id, highlight) -> MapSpec:
    from k360desk.figures.questionnaire import MIN_ANSWERS, rating_summary

    row = project._conn.execute(
        "SELECT q.questionnaire_id, q.number, q.text, q.qtype, qn.period FROM questions q"
        " JOIN questionnaires qn ON qn.id = q.questionnaire_id WHERE q.id=?", (question_id,)).fetchone()
    if row is None:
        raise MapDataError(tr("Diese Frage gibt es nicht (mehr)."))
    questionnaire_id, number, text, qtype, period = row
    # A scale explained in brackets belongs in the legend, not in the title.
    text = re.sub(r"\s*\([^)]*\)\s*$", "", str(text))
    summary = rating_summary(project, questionnaire_id, question_id)
    if base is None:
        base = district_base(project, _level_of(project, summary["district_id"].tolist(), level_id))
    values = pd.DataFrame({"district_id": summary["district_id"], "value": summary["mean"],
                           "suppressed": ~summary["shown"].astype(bool)})
    name = text if len(text) <= 60 else text[:59].rstrip() + "…"
    note = tr("Trägerabfrage {period}, Frage {number}: Mittelwert der Träger; unter {n} Antworten nicht "
              "ausgewiesen", period=period, number=number, n=MIN_ANSWERS)
    survey = tr("Trägerabfrage {period}", period=period)
    if qtype == "rating":
        spec = build_map_spec(base, values, indicator_name=name, decimals=1, polarity=-1,
                              scheme="manual", breaks=[1.5, 2.5, 3.5, 4.5, 5.0], period=period,
                              title=name, subtitle=note + tr("; Skala 1–5"),
                              source=_source_line(project, survey), labels=labels,
                              facilities=layers, highlight=highlight)
        return replace(spec, legend_title=tr("Mittlere Bewertung (1 = sehr schlecht, 5 = sehr gut)"))
    unit = "%" if qtype == "yesno" else ""
    subtitle = note + tr("; Anteil „ja“") if qtype == "yesno" else note
    spec = build_map_spec(base, values, indicator_name=name, unit=unit, decimals=0 if unit else 1,
                          polarity=0, scheme="equal_interval", k=4, period=period,
                          title=name, subtitle=subtitle,
                          source=_source_line(project, survey), labels=labels,
                          facilities=layers, highlight=highlight)
    return replace(spec, legend_title=tr("Anteil „ja“ in %") if qtype == "yesno" else tr("Mittelwert"))


def _goal_map(project, key, base, labels, layers, level_id, highlight) -> MapSpec:
    from k360desk.figures.questionnaire import STATUS_COLORS, STATUS_LABELS, STATUS_ORDER, goal_progress

    table = goal_progress(project)
    table = table[(table["indicator"] == key) & table["district_id"].notna()]
    if table.empty:
        raise MapDataError(tr("Für diesen Indikator gibt es keine Zielwerte je Sozialraum."))
    # Several goals for one district (different years): the nearest target year counts.
    table = table.sort_values("period").drop_duplicates("district_id")
    if base is None:
        base = district_base(project, _level_of(project, table["district_id"].astype(int).tolist(),
                                                level_id))
    statuses = pd.Series(table["status"].to_numpy(), index=table["district_id"].astype(int))
    order = [s for s in STATUS_ORDER if s in set(statuses)]
    name = str(table["indicator_name"].iloc[0])
    spec = build_category_spec(
        base, statuses, title=tr("Zielerreichung: {name}", name=name),
        legend_title=tr("Stand der Zielerreichung"),
        order=order, colors={s: STATUS_COLORS[s] for s in order},
        labels={s: tr(STATUS_LABELS[s]) for s in order},
        subtitle=tr("Fortschritt vom ersten Wert zum Zielwert, verglichen mit einem gleichmäßigen Verlauf"),
        source=_source_line(project, ""), label_mode=labels, facilities=layers, highlight=highlight)
    # Districts without a goal are not "without data": say what they are.
    legend = [replace(e, label=tr("kein Zielwert")) if e.label == tr("keine Daten") else e
              for e in spec.legend]
    return replace(spec, legend=legend)
