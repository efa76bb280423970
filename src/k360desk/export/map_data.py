"""From a project to a ``MapSpec``: the one place the GUI, the CLI and the PDF ask for a map.

Values, suppression and city reference come from ``k360desk.figures.indicator_table`` (the
analysis engine's single way of computing them); until that module exists a small fallback
reads stored values and treats the stored status "suppressed" as withheld.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from k360desk.analysis.mapspec import (
    MapBase,
    MapSpec,
    bivariate_colors,
    build_base,
    build_category_spec,
    build_map_spec,
    facility_layers,
    ordinal_colors,
)
from k360desk.messages import N_, tr, tr_value

if TYPE_CHECKING:
    from k360desk.projectfile import Project

SOURCE_DEFAULT = N_("Darstellung: k360desk")


class MapDataError(ValueError):
    """A map cannot be built (unknown indicator, no values); the message is German."""


def indicator_row(project: Project, key: str, cache: dict | None = None) -> pd.Series:
    """Definition of one indicator (name, unit, decimals, polarity, topic, source)."""
    frame = cache.get("indicators") if cache is not None else None
    if frame is None:
        frame = project.indicators_frame()
        if cache is not None:
            cache["indicators"] = frame
    match = frame[frame["key"] == key]
    if match.empty:
        raise MapDataError(tr("Den Indikator „{key}“ gibt es in diesem Projekt nicht.", key=key))
    return match.iloc[0]


def indicator_table(project: Project, key: str, period: int, level_id: int | None = None,
                    cache: dict | None = None) -> pd.DataFrame:
    """Per district of a level (default: the indicator's own): district_id, code, name, value,
    suppressed, status, reference — disclosure control and derived values applied.

    ``cache`` (a dict the caller empties on every project change) spares recomputing a table
    when the user flips between indicators."""
    if cache is not None:
        if (key, period, level_id) not in cache:
            cache[(key, period, level_id)] = indicator_table(project, key, period, level_id)
        return cache[(key, period, level_id)]
    try:
        from k360desk.figures.indicators import indicator_table as shared_table
    except ImportError:
        return _fallback_table(project, key, period)
    table = shared_table(project, key, period, level_id)
    return table.reset_index(drop=True) if "district_id" in table else table.reset_index()


def _fallback_table(project: Project, key: str, period: int) -> pd.DataFrame:
    districts = project.districts_frame()
    values = project.values_frame(indicators=[key], periods=[period])
    table = pd.DataFrame({"district_id": districts["id"].to_numpy(), "code": districts["code"].to_numpy(),
                          "name": districts["name"].to_numpy()})
    table = table.merge(values[["district_id", "value", "status"]], on="district_id", how="left")
    table["suppressed"] = table["status"].eq("suppressed")
    table.loc[table["suppressed"], "value"] = np.nan
    table["reference"] = np.nan
    return table


def table_reference(table: pd.DataFrame) -> float | None:
    """The city reference value carried by an indicator table (None if absent)."""
    if "reference" not in table:
        return None
    ref = pd.to_numeric(table["reference"], errors="coerce").dropna()
    return float(ref.iloc[0]) if len(ref) else None


def levels(project: Project) -> pd.DataFrame:
    """District levels with the number of districts that have a geometry."""
    districts = project.districts_frame()
    districts = districts[~districts.geometry.isna()]
    counts = districts.groupby("level_id").size().rename("districts")
    from k360desk.projectfile import DistrictLevel

    frame = project.frame(DistrictLevel)
    return frame.assign(districts=frame["id"].map(counts).fillna(0).astype(int))


def default_level(project: Project, table: pd.DataFrame | None = None) -> int | None:
    """The level whose districts carry most of the values (else the finest with geometries)."""
    districts = project.districts_frame()
    districts = districts[~districts.geometry.isna()]
    if districts.empty:
        return None
    if table is not None and "value" in table:
        have = set(table.loc[table["value"].notna() | table.get("suppressed", False), "district_id"])
        scores = districts.assign(has=districts["id"].isin(have)).groupby("level_id")["has"].sum()
        if scores.max() > 0:
            return int(scores.idxmax())
    ranks = districts.groupby("level_id")["level_rank"].max()
    return int(ranks.idxmax()) if len(ranks) else None


def district_base(project: Project, level_id: int | None) -> MapBase:
    """Geometry base of one level (or of all districts); build once, reuse for every indicator."""
    districts = project.districts_frame(level_id)
    districts = districts[~districts.geometry.isna() & ~districts.geometry.is_empty]
    if districts.empty:
        raise MapDataError(tr("Keine Karte: für die Sozialräume sind keine Grenzen erfasst (nur "
                              "Schlüssel und Name). Grenzen lassen sich mit dem Import der "
                              "Sozialräume nachladen; Tabellen, Diagramme und Profile gehen auch "
                              "ohne."))
    return build_base(districts)


def facility_styles(project: Project) -> dict[str, tuple[str, str]]:
    """Facility type name → (marker, colour) as stored with the types."""
    from k360desk.projectfile import FacilityType

    types = project.frame(FacilityType)
    return {str(r["name"]): (str(r["symbol"] or "o"), str(r["color"] or "#555555"))
            for _, r in types.iterrows()}


def facility_type_names(project: Project) -> list[str]:
    """Names of facility types that have at least one placed facility."""
    frame = project.facilities_frame()
    frame = frame[~frame.geometry.isna()]
    return sorted(frame["type"].dropna().astype(str).unique())


def project_facility_layers(project: Project, types: list[str] | None) -> list:
    """Facility layers for the given type names (None = none shown)."""
    if not types:
        return []
    frame = project.facilities_frame()
    frame = frame[frame["closed"].isna() | (frame["closed"] == "")] if "closed" in frame else frame
    known = set(frame["type"].dropna().astype(str))
    unknown = [t for t in types if t not in known]
    if unknown:
        raise MapDataError(tr("Unbekannte Einrichtungsart: {types}.", types=", ".join(unknown)))
    return facility_layers(frame, facility_styles(project), types)


def _source_line(project: Project, source: str, period: int | None = None, run_date: str = "") -> str:
    """Source, data reference date and print date of a map or chart: a printed map travels
    without the file, so it has to say itself how old its figures are."""
    from datetime import date

    from k360desk.formats import format_date

    city = project.get_meta("municipality") or ""
    stand = tr("Datenstand: Bezugsjahr {period}", period=period) if period is not None else ""
    if stand and run_date:
        stand += tr(", Indexlauf vom {date}", date=format_date(run_date))
    parts = [tr("Quelle: {source}", source=source) if source else "", stand,
             tr("Geometrien: {city}", city=city) if city else "",
             tr("{made_by}, erstellt am {date}", made_by=tr(SOURCE_DEFAULT), date=format_date(date.today()))]
    return "; ".join(p for p in parts if p)


def _index_source(project: Project, run: dict[str, Any]) -> str:
    """The social index and the sources of the indicators it was computed from."""
    method = _details(run.get("parameters")).get("method", {})
    keys = {str(c.get("indicator")) for c in method.get("components", []) if isinstance(c, dict)}
    frame = project.indicators_frame()
    sources = sorted({str(s) for s in frame.loc[frame["key"].isin(keys), "source"].dropna() if str(s)})
    name = str(method.get("name") or "Sozialindex")
    text = tr("Sozialindex „{name}“", name=name) if name != "Sozialindex" else tr("Sozialindex")
    if not sources:
        return text
    return tr("{index}, berechnet aus: {sources}", index=text, sources=", ".join(sources))


def indicator_map_spec(
    project: Project,
    key: str,
    period: int,
    *,
    scheme: str = "quantiles",
    k: int = 5,
    breaks: list[float] | None = None,
    palette: str | None = None,
    labels: str = "name",
    facility_types: list[str] | None = None,
    level_id: int | None = None,
    base: MapBase | None = None,
    highlight: tuple[int, ...] = (),
    cache: dict | None = None,
) -> MapSpec:
    """The choropleth of one indicator and period, ready for any renderer."""
    info = indicator_row(project, key, cache)
    table = indicator_table(project, key, period, level_id, cache)
    if base is None:
        base = district_base(project, level_id if level_id is not None else default_level(project, table))
    else:
        table = _table_for_base(project, key, period, table, base, cache)
    unit = str(info.get("unit") or "")
    return build_map_spec(
        base, table[["district_id", "value", "suppressed"]],
        indicator_name=str(info["name"]), unit=unit, decimals=int(info.get("decimals") or 0),
        polarity=int(info.get("polarity") or 0), scheme=scheme, k=k, breaks=breaks, palette=palette,
        period=period, source=_source_line(project, str(info.get("source") or ""), period),
        reference=table_reference(table), labels=labels,
        facilities=project_facility_layers(project, facility_types), highlight=highlight,
    )


def _table_for_base(project: Project, key: str, period: int, table: pd.DataFrame,
                    base: MapBase, cache: dict | None = None) -> pd.DataFrame:
    """The table on the level drawn by ``base`` (aggregated by the reference rules if needed)."""
    if table["district_id"].isin(base.ids).any() or not len(base.ids):
        return table
    level = project.districts_frame().loc[int(base.ids[0]), "level_id"]
    return indicator_table(project, key, period, None if pd.isna(level) else int(level), cache)


def latest_index_results(project: Project,
                         index_id: int | None = None) -> tuple[dict[str, Any], pd.DataFrame]:
    """The newest stored run of a social index and its results per district."""
    runs = project.link_frame("index_runs")
    if index_id is not None:
        runs = runs[runs["index_id"] == index_id]
    if runs.empty:
        raise MapDataError(tr("Es gibt noch kein berechnetes Sozialindex-Ergebnis."))
    run = runs.sort_values(["period", "computed_at", "id"]).iloc[-1].to_dict()
    results = project.link_frame("index_results", run_id=int(run["id"]))
    districts = project.districts_frame()
    results = results.merge(districts[["id", "code", "name"]].rename(columns={"id": "district_id"}),
                            on="district_id", how="left")
    details = results["details"].map(_details)
    for column in ("status_rank", "dynamics_rank"):
        results[column] = details.map(lambda d, c=column: d.get(c))
    for column in ("status_class", "dynamics_class"):
        results[column] = results[column].replace("", None)
    return run, results


def _details(text: Any) -> dict:
    import json

    try:
        value = json.loads(text) if isinstance(text, str) else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def class_order(values: pd.Series, ranks: pd.Series | None = None) -> list[Any]:
    """Classes from least to most need: by the stored rank, else numbers numerically, else
    alphabetically."""
    present = [v for v in values.dropna().unique()]
    if ranks is not None and ranks.notna().any():
        by_rank = pd.DataFrame({"c": values, "r": pd.to_numeric(ranks, errors="coerce")}).dropna()
        order = by_rank.groupby("c")["r"].min().sort_values()
        if set(order.index) == set(present):
            return list(order.index)
    try:
        return sorted(present, key=lambda v: float(v))
    except (TypeError, ValueError):
        return sorted(present, key=str)


def index_class_orders(run: dict[str, Any], results: pd.DataFrame) -> tuple[list[Any], list[Any]]:
    """Status and dynamics classes from least to most need, all of them: the run's method
    names its classes, so a class no district falls into still gets its row and legend entry."""
    method = _details(run.get("parameters")).get("method", {})
    orders = []
    for kind in ("status", "dynamics"):
        present = set(results[f"{kind}_class"].dropna())
        named = [c for c in (method.get(f"{kind}_labels") or []) if c is not None]
        if kind == "status" and method.get("quantile_labels"):
            named = list(method["quantile_labels"])
        if named and present <= set(named):
            orders.append(named)
        else:
            orders.append(class_order(results[f"{kind}_class"], results[f"{kind}_rank"]))
    return orders[0], orders[1]


def index_map_spec(project: Project, which: str = "status", *, index_id: int | None = None,
                   labels: str = "name", level_id: int | None = None, base: MapBase | None = None,
                   facility_types: list[str] | None = None, highlight: tuple[int, ...] = ()) -> MapSpec:
    """Map of the social index classes: ``which`` = status, dynamics or matrix."""
    run, results = latest_index_results(project, index_id)
    # Left-out districts have data; they are shown as "nicht im Index", not as missing.
    excluded = tuple(int(i) for i in results.loc[~results["included"].astype(bool), "district_id"])
    results = results[results["included"].astype(bool)]
    if base is None:
        base = district_base(project, level_id if level_id is not None
                             else default_level(project, results.assign(value=1.0)))
    series = results.set_index("district_id")
    if len(series) and not np.isin(base.ids, series.index.to_numpy()).any():
        # Index classes are not additive: a map of a level the index was not computed on
        # would show every district as "keine Daten", which is not what the data says.
        districts = project.districts_frame()
        levels = districts.loc[districts.index.isin(series.index), "level"].dropna().unique()
        shown = districts.loc[districts.index.isin(base.ids), "level"].dropna().unique()
        computed = ", ".join(f"„{lv}“" for lv in levels) or tr("einer anderen Ebene")
        here = f"„{shown[0]}“" if len(shown) else tr("dieser Ebene")
        raise MapDataError(tr("Sozialindex auf der Ebene {here} nicht verfügbar: er wurde für die "
                              "Ebene {computed} berechnet.", here=here, computed=computed))
    period = int(run["period"])
    layers = project_facility_layers(project, facility_types)
    s_order, d_order = index_class_orders(run, results)
    source = _source_line(project, _index_source(project, run), period,
                          str(run.get("computed_at") or "")[:10])
    if which == "matrix":
        keys = [(a, b) if pd.notna(a) and pd.notna(b) else None
                for a, b in zip(series["status_class"], series["dynamics_class"], strict=True)]
        cats = pd.Series(keys, index=series.index, dtype=object)
        order = [(s, d) for s in s_order for d in d_order]
        return build_category_spec(
            base, cats, title=tr("Sozialindex {period}: Status und Dynamik", period=period),
            legend_title=tr("Status / Dynamik"),
            order=order, colors=bivariate_colors(s_order, d_order),
            labels={(s, d): tr("Status {status}, Dynamik {dynamics}", status=tr_value(s),
                               dynamics=tr_value(d)) for s, d in order},
            source=source, label_mode=labels, facilities=layers, highlight=highlight,
            excluded=excluded)
    column = "status_class" if which == "status" else "dynamics_class"
    name = tr("Statusklasse") if which == "status" else tr("Dynamikklasse")
    order = s_order if which == "status" else d_order
    return build_category_spec(
        base, series[column], title=tr("Sozialindex {period}: {name}", period=period, name=name),
        legend_title=name, order=order,
        colors=ordinal_colors(order, polarity=1),
        labels={c: (tr("Klasse {n}", n=c) if str(c).isdigit() else str(tr_value(c))) for c in order},
        source=source, label_mode=labels, facilities=layers, highlight=highlight, excluded=excluded)
