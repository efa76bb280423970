"""From a project to a ``ChartSpec``: the GUI's chart views and ``k360desk chart`` share this."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from k360desk.export.charts import (
    CHART_KINDS,
    ChartSpec,
    bar_spec,
    histogram_spec,
    matrix_spec,
    scatter_spec,
    series_spec,
)
from k360desk.export.map_data import (
    MapDataError,
    _source_line,
    index_class_orders,
    indicator_row,
    indicator_table,
    latest_index_results,
    table_reference,
)
from k360desk.messages import tr, tr_value

if TYPE_CHECKING:
    from k360desk.analysis.mapspec import MapSpec
    from k360desk.figures.rounds import MoneyFlows
    from k360desk.projectfile import Project

MAX_SERIES = 8


def _restrict(table: pd.DataFrame, district_ids: list[int] | None) -> pd.DataFrame:
    return table[table["district_id"].isin(district_ids)] if district_ids else table


def chart_spec(project: Project, kind: str, key: str | None, period: int | None, *,
               key2: str | None = None, district_ids: list[int] | None = None,
               map_spec: MapSpec | None = None, highlight: tuple[int, ...] = (),
               cache: dict | None = None) -> ChartSpec:
    """Build any chart kind; ``map_spec`` lends its class colours to bars and histogram."""
    if kind not in CHART_KINDS:
        raise MapDataError(tr("Unbekannte Diagrammart „{kind}“.", kind=kind))
    if kind == "matrix":
        run, results = latest_index_results(project)
        excluded = int((~results["included"].astype(bool)).sum())
        results = results[results["included"].astype(bool)]
        status_order, dynamics_order = index_class_orders(run, results)
        spec = matrix_spec(results.dropna(subset=["status_class", "dynamics_class"]),
                           status_order=status_order, dynamics_order=dynamics_order,
                           title=tr("Sozialindex {period}: Status und Dynamik", period=int(run["period"])),
                           source=_source_line(project, tr("Sozialindex"), int(run["period"]),
                                               str(run.get("computed_at") or "")[:10]))
        spec.extra["excluded"] = excluded
        return spec
    if not key:
        raise MapDataError(tr("Bitte einen Indikator angeben."))
    info = indicator_row(project, key, cache)
    name, unit = str(info["name"]), str(info.get("unit") or "")
    decimals = int(info.get("decimals") or 0)
    source = _source_line(project, str(info.get("source") or ""), period)
    if kind == "series":
        return _series(project, key, name, unit, decimals, source, district_ids or list(highlight),
                       cache)
    if period is None:
        raise MapDataError(tr("Bitte ein Bezugsjahr angeben."))
    level = _level_of(project, map_spec)
    table = _restrict(indicator_table(project, key, period, level, cache), district_ids)
    # The city value of a count is its total: no line to compare a district with.
    reference = table_reference(table) if str(info.get("kind")) != "count" else None
    if kind == "bar":
        colors = None
        if map_spec is not None:
            faces = map_spec.face_colors()
            colors = {int(d): faces[i] for i, d in enumerate(map_spec.base.ids)}
        return bar_spec(table, indicator_name=name, unit=unit, decimals=decimals, period=period,
                        reference=reference, colors=colors, highlight=highlight, source=source)
    if kind == "histogram":
        breaks = colors = None
        if map_spec is not None and map_spec.classification is not None:
            breaks = list(map_spec.classification.upper)
            colors = [s.face for s in map_spec.class_styles]
        return histogram_spec(table, indicator_name=name, unit=unit, decimals=decimals,
                              period=period, reference=reference, breaks=breaks, colors=colors,
                              source=source)
    if not key2:
        raise MapDataError(tr("Für das Streudiagramm wird ein zweiter Indikator gebraucht (--indicator2)."))
    info2 = indicator_row(project, key2)
    table2 = _restrict(indicator_table(project, key2, period, level, cache), district_ids)
    return scatter_spec(table, table2, x_name=name, y_name=str(info2["name"]), x_unit=unit,
                        y_unit=str(info2.get("unit") or ""), x_decimals=decimals,
                        y_decimals=int(info2.get("decimals") or 0), period=period,
                        x_reference=reference,
                        y_reference=table_reference(table2) if str(info2.get("kind")) != "count" else None,
                        highlight=highlight, source=source)


def _level_of(project: Project, map_spec: MapSpec | None) -> int | None:
    """The level the map shows, so that chart and map compare the same districts."""
    if map_spec is None or not len(map_spec.base.ids):
        return None
    from k360desk.projectfile.records import District

    # Without geometries: parsing every district's shape cost ~40 ms per switch at city scale.
    rows = project.frame(District, id=int(map_spec.base.ids[0]))
    level = rows["level_id"].iloc[0] if len(rows) else None
    return None if level is None or pd.isna(level) else int(level)


def _series(project: Project, key: str, name: str, unit: str, decimals: int, source: str,
            district_ids: list[int], cache: dict | None = None) -> ChartSpec:
    if not district_ids:
        raise MapDataError(tr("Für die Zeitreihe bitte Sozialräume auswählen (--districts)."))
    rows, city = [], {}
    for period in project.periods():
        table = indicator_table(project, key, period, None, cache)
        reference = table_reference(table)
        if reference is not None:
            city[period] = reference
        part = table[table["district_id"].isin(district_ids[:MAX_SERIES])]
        if part["value"].notna().any() or part["suppressed"].any():
            rows.append(part.assign(period=period))
    if not rows:
        raise MapDataError(tr("Für „{name}“ gibt es bei diesen Sozialräumen keine Werte.", name=name))
    values = pd.concat(rows, ignore_index=True)
    kind = str(indicator_row(project, key).get("kind") or "")
    return series_spec(values, pd.Series(city, dtype=float) if city else None,
                       indicator_name=name, unit=unit, decimals=decimals, source=source,
                       count=kind == "count")


NEED_CLASS_COLOURS = ("#b2182b", "#ef8a62", "#f4c3a8", "#c6dbef", "#67a9cf", "#2166ac")


def money_chart_spec(flows: MoneyFlows) -> ChartSpec:
    """Bar chart spec: funding per inhabitant by district, coloured by need class (most need
    darkest red), with the city-wide funding per inhabitant as reference line."""
    table = flows.by_district[flows.by_district["population"].notna()].copy()
    table["value"] = table["per_inhabitant"]
    colours: dict[int, str] = {}
    legend: list[str] = []
    if table["need_class"].notna().any():
        order = (table.dropna(subset=["need_class"]).groupby("need_class")["need"].mean()
                 .sort_values(ascending=False).index.tolist())
        palette = dict(zip(order, NEED_CLASS_COLOURS, strict=False))
        colours = {int(d): palette.get(c, "#999999")
                   for d, c in zip(table["district_id"], table["need_class"], strict=True)}
        legend = [f"{tr_value(c)}" for c in order[: len(NEED_CLASS_COLOURS)]]
    population = float(table["population"].sum())
    reference = float(table["amount"].sum()) / population if population > 0 else None
    spec = bar_spec(table, indicator_name=tr("Förderung je Einwohner"), unit="€", decimals=2,
                    reference=reference, colors=colours, source=" ".join(flows.notes))
    spec.subtitle = (tr("Farbe = Klasse des Sozialindex (dunkelrot = größter Bedarf: {classes})",
                        classes=", ".join(legend)) if legend else tr("ohne Sozialindex: keine Klassen"))
    spec.reference_label = tr("Durchschnitt")
    return spec
