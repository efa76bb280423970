"""Glue between the project and the analysis: the figures the UI, maps, PDFs and the CLI show.

Every function reads frames from a ``Project`` and calls the pure functions in
``k360desk.analysis``, so a number is computed one way everywhere. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from k360desk.analysis import levels
from k360desk.analysis.derived import add_derived
from k360desk.analysis.derived import indicator_table as _definitions
from k360desk.analysis.disclosure import apply_disclosure
from k360desk.analysis.reference import aggregate_to_level, reference_values
from k360desk.analysis.socialindex import IndexMethod, IndexResult, MethodError, compute_index
from k360desk.figures.indexinput import index_frame

if TYPE_CHECKING:
    from k360desk.projectfile import Project


INCOMPLETE_LABEL = "unvollständig"


class FigureError(ValueError):
    """A request that cannot be answered from the project; the message is German."""


def input_keys(indicators: pd.DataFrame, keys: Iterable[str]) -> list[str]:
    """The keys plus every numerator/denominator they are derived from (recursively)."""
    table = _definitions(indicators)
    by_id = table.set_index("id")
    by_key = table.set_index("key")
    wanted = list(dict.fromkeys(keys))
    i = 0
    while i < len(wanted):
        key = wanted[i]
        if key in by_key.index:
            row = by_key.loc[key]
            for part in ("numerator_id", "denominator_id"):
                if pd.notna(row[part]) and int(row[part]) in by_id.index:
                    extra = by_id.loc[int(row[part]), "key"]
                    if extra not in wanted:
                        wanted.append(extra)
            base = row.get("base_key")  # the declared weight of a share without numerator
            if isinstance(base, str) and base in by_key.index and base not in wanted:
                wanted.append(base)
        i += 1
    return wanted


def project_values(project: Project, keys: Iterable[str] | None = None,
                   periods: Iterable[int] | None = None) -> pd.DataFrame:
    """Stored values with derived indicators computed (only the keys asked for and their inputs)."""
    indicators = project.indicators_frame()
    load = None if keys is None else input_keys(indicators, keys)
    values = project.values_frame(indicators=load, periods=periods)
    return add_derived(values, indicators)


def _check_key(indicators: pd.DataFrame, key: str) -> pd.Series:
    match = indicators[indicators["key"] == key]
    if match.empty:
        raise FigureError(f"Den Indikator „{key}“ gibt es in diesem Projekt nicht.")
    return match.iloc[0]


def indicator_level(project: Project, key: str, values: pd.DataFrame | None = None,
                    districts: pd.DataFrame | None = None) -> int | None:
    """The finest level on which an indicator has values (its natural level)."""
    if districts is None:
        districts = project.districts_frame()
    if values is None:
        values = project_values(project, [key])
    have = values.loc[(values["indicator"] == key) & values["value"].notna(), "district_id"]
    return levels.finest_level(districts, have if not have.empty else None)


def indicator_table(project: Project, key: str, period: int,
                    level_id: int | None = None) -> pd.DataFrame:
    """One row per district of the level: district_id, code, name, value, suppressed, status,
    note, reference, reference_complete, reference_note ("unvollständig" when no level had a
    value for every district), deviation (value − reference). Disclosure control is applied; values of a
    coarser level than stored are aggregated by the reference rules."""
    indicators = project.indicators_frame()
    _check_key(indicators, key)
    districts = project.districts_frame()
    values = project_values(project, [key], periods=[period])
    natural = indicator_level(project, key, values, districts)
    level = natural if level_id is None else int(level_id)
    if level is None:
        raise FigureError("Das Projekt hat noch keine Sozialräume.")
    level_ids = districts.index[districts["level_id"] == level]
    rows = values[values["district_id"].isin(level_ids)]
    if rows.loc[rows["indicator"] == key, "value"].notna().sum() == 0 and level != natural:
        rows = aggregate_to_level(values, indicators, districts, level)
    shown = apply_disclosure(rows, indicators, project.disclosure_threshold, districts)
    shown = shown[shown["indicator"] == key].drop_duplicates("district_id").set_index("district_id")
    ds = districts[districts["level_id"] == level]
    table = pd.DataFrame({"district_id": ds["id"].to_numpy(), "code": ds["code"].to_numpy(),
                          "name": ds["name"].to_numpy()})
    table["value"] = table["district_id"].map(shown["value"]).astype(float)
    table["suppressed"] = table["district_id"].map(shown["suppressed"]).fillna(False).astype(bool)
    table["status"] = table["district_id"].map(shown["status"]).fillna("missing")
    table["note"] = table["district_id"].map(shown["note"]).fillna("")
    ref = reference_values(values, indicators, districts)
    ref = ref[(ref["indicator"] == key) & (ref["period"] == period)]
    table["reference"] = float(ref["value"].iloc[0]) if len(ref) else float("nan")
    # A reference that covers only part of the city must say so wherever it is shown.
    complete = bool(ref["complete"].iloc[0]) if len(ref) else True
    table["reference_complete"] = complete
    table["reference_note"] = "" if complete else INCOMPLETE_LABEL
    # A district's count against the city total says nothing; compare only ratios and means.
    kind = indicators.loc[indicators["key"] == key, "kind"].iloc[0]
    table["deviation"] = table["value"] - table["reference"] if kind != "count" else float("nan")
    return table


def reference_table(project: Project, keys: Iterable[str] | None = None,
                    periods: Iterable[int] | None = None) -> pd.DataFrame:
    """City reference values (indicator, period, value, method, districts, complete)."""
    indicators = project.indicators_frame()
    values = project_values(project, keys, periods)
    return reference_values(values, indicators, project.districts_frame())


def apply_project_polarity(project: Project, method: IndexMethod) -> IndexMethod:
    """Set every component's polarity from its indicator in the project (a computed change has
    the polarity of its indicator); German ``MethodError`` for unknown or neutral indicators."""
    indicators = project.indicators_frame()
    polarity = dict(zip(indicators["key"], indicators["polarity"], strict=False))
    unknown = [c.indicator for c in method.components if c.indicator not in polarity]
    if unknown:
        raise MethodError("Diese Indikatoren gibt es im Projekt nicht: "
                          + ", ".join(dict.fromkeys(unknown)) + ".")
    neutral = [c.indicator for c in method.components
               if pd.isna(polarity[c.indicator]) or int(polarity[c.indicator]) == 0]
    if neutral:
        raise MethodError("Diese Indikatoren haben keine Polung (neutral) und können nicht in "
                          "einen Index eingehen: " + ", ".join(dict.fromkeys(neutral))
                          + ". Bitte beim Indikator festlegen, ob ein hoher Wert mehr oder "
                          "weniger Bedarf bedeutet (Indikatoren ▸ Definitionen oder "
                          "„k360desk indicators define PROJEKT SCHLÜSSEL --polarity 1“).")
    for c in method.components:
        c.polarity = 1 if int(polarity[c.indicator]) > 0 else -1
    return method


def berlin_mss_for_project(project: Project, status_keys: list[str],
                           dynamics_keys: list[str] | None = None,
                           population_key: str | None = None,
                           dynamics_source: str = "change") -> IndexMethod:
    """The Berlin preset mapped to the project's indicators, with their polarities."""
    from k360desk.analysis.socialindex import berlin_mss

    method = berlin_mss(status_keys, dynamics_keys, population_key, dynamics_source)
    return apply_project_polarity(project, method)


def index_values(project: Project, method: IndexMethod, period: int) -> pd.DataFrame:
    """The values an index run reads (components, population, their inputs; two periods)."""
    indicators = project.indicators_frame()
    known = set(indicators["key"])
    unknown = [k for k in method.indicator_keys() if k not in known]
    if unknown:
        raise MethodError("Diese Indikatoren gibt es im Projekt nicht: " + ", ".join(unknown) + ".")
    periods = [period, period - int(method.span)]
    lean = index_frame(project, indicators, method.indicator_keys(), periods)
    return lean if lean is not None else project_values(project, method.indicator_keys(), periods)


def index_for_project(project: Project, method: IndexMethod, period: int) -> IndexResult:
    """Compute a social index from the project's values (raw values; results are indices)."""
    values = index_values(project, method, period)
    if values.loc[values["period"] == period, "value"].notna().sum() == 0:
        raise MethodError(f"Für {period} liegen keine Werte der Indexindikatoren vor.")
    return compute_index(values, project.districts_table(), method, period)


def index_series_for_project(project: Project, method: IndexMethod,
                             periods: list[int] | None = None) -> pd.DataFrame:
    """The index for several periods (default: all), one row per period and district."""
    from k360desk.analysis.socialindex import compute_index_series

    indicators = project.indicators_frame()
    unknown = [k for k in method.indicator_keys() if k not in set(indicators["key"])]
    if unknown:
        raise MethodError("Diese Indikatoren gibt es im Projekt nicht: " + ", ".join(unknown) + ".")
    values = index_frame(project, indicators, method.indicator_keys())
    if values is None:
        values = project_values(project, method.indicator_keys())
    return compute_index_series(values, project.districts_table(), method, periods)


def coverage_for_project(project: Project, facility_type: str, target_key: str, guide_value: float,
                         period: int | None = None, target_group: str | None = None,
                         level_id: int | None = None) -> pd.DataFrame:
    """Supply analysis per district of the target indicator's level (or ``level_id``)."""
    from k360desk.analysis.coverage import coverage

    indicators = project.indicators_frame()
    _check_key(indicators, target_key)
    if period is None:
        stored = project.values_frame(indicators=[target_key])
        if stored["value"].notna().sum() == 0:
            raise FigureError(f"Für „{target_key}“ liegen keine Werte vor.")
        period = int(stored.loc[stored["value"].notna(), "period"].max())
    table = indicator_table(project, target_key, period, level_id)
    target = pd.Series(table["value"].to_numpy(), index=table["district_id"])
    districts = project.districts_frame()
    shown = districts[districts["id"].isin(table["district_id"])]
    facilities = project.facilities_frame()
    types = set(facilities["type"].dropna())
    if not any(t.casefold() == facility_type.casefold() for t in types):
        raise FigureError(f"Die Einrichtungsart „{facility_type}“ kommt im Projekt nicht vor.")
    result = coverage(facilities, shown, target, facility_type, guide_value, target_group,
                      as_of=date(period, 12, 31), hierarchy=districts)
    result.attrs["period"] = period
    return result


# --- stored definitions and runs -------------------------------------------------------------

def save_index_definition(project: Project, method: IndexMethod, notes: str = "") -> int:
    """Store (or replace) an index definition in the project under ``method.name``."""
    from k360desk.models import indices

    method.validate()
    return indices.save_definition(project, method.to_dict(), notes)


def stored_definition_differs(project: Project, method: IndexMethod) -> bool:
    """Whether the project holds a definition named ``method.name`` that is not ``method``
    (other components, weights, polarities, parameters or exclusions)."""
    from k360desk.models import indices
    from k360desk.projectfile import ProjectError

    if method.name not in indices.definition_names(project):
        return False
    try:
        stored = IndexMethod.from_dict(indices.load_definition(project, method.name))
    except (MethodError, ProjectError):
        return True
    return stored.to_dict() != method.to_dict()


def load_index_definition(project: Project, name: str) -> IndexMethod:
    """A stored index definition by name (German ``ProjectError``/``MethodError`` if unusable)."""
    from k360desk.models import indices

    return IndexMethod.from_dict(indices.load_definition(project, name))


def store_index_result(project: Project, result: IndexResult, index_name: str | None = None,
                       run_name: str | None = None, replace: bool = False) -> int:
    """Store a computed index with its parameters and need scores under ``run_name`` (default:
    method and period); ``replace`` drops an earlier run of that name. Returns the run id."""
    from k360desk.analysis.socialindex import need_scores
    from k360desk.models import indices

    table = result.table.copy()
    table["need_score"] = need_scores(result).to_numpy()
    name = run_name or f"{result.method.name} {result.period}"
    return indices.save_run(project, table, {**result.parameters, "run_name": name}, index_name,
                            replace=replace)


def index_run_names(project: Project) -> list[str]:
    """Names of the stored index runs, oldest first."""
    from k360desk.models import indices

    return indices.runs_frame(project)["name"].tolist()


def load_index_result(project: Project, run_id: int) -> IndexResult:
    """A stored index run as it was computed (table, parameters, method, period)."""
    from k360desk.models import indices

    table, parameters = indices.load_run(project, run_id)
    method = IndexMethod.from_dict(parameters["method"])
    return IndexResult(table=table, parameters=parameters, method=method,
                       period=int(parameters["period"]))


def index_class_labels(parameters: dict) -> tuple[list[str], list[str]]:
    """Status and dynamics class labels of a stored run, from least to most need (for legends
    and sorting; alphabetical order would be wrong, e.g. negativ < positiv < stabil)."""
    method = IndexMethod.from_dict(parameters["method"])
    return method.class_labels(), list(method.dynamics_labels)


def rerun_index(project: Project, run_id: int) -> IndexResult:
    """Compute a stored run again with exactly its stored method and period."""
    stored = load_index_result(project, run_id)
    method = stored.method
    method.level_id = stored.parameters.get("level_id", method.level_id)
    return index_for_project(project, method, stored.period)


# --- German tables for display and export ------------------------------------------------

def index_hidden_components(project: Project, result: IndexResult) -> pd.DataFrame:
    """Which component z-values may not be shown: one bool column per component key, index =
    district id. A z-value is a rescaled value, so it is hidden wherever the component value
    (or a count it is built from, or for a computed change either of its two periods) is
    suppressed by the project's disclosure control."""
    method = result.method
    t = result.table
    ids = pd.Index(t["district_id"].astype("int64"), name="district_id")
    hidden = pd.DataFrame(False, index=ids, columns=[c.key for c in method.components])
    periods = [result.period, result.period - int(method.span)]
    values = project_values(project, [c.indicator for c in method.components], periods)
    if values.empty:
        return hidden
    shown = apply_disclosure(values, project.indicators_frame(), project.disclosure_threshold,
                             project.districts_frame())
    secret = shown[shown["suppressed"]]
    for c in method.components:
        rows = secret[secret["indicator"] == c.indicator]
        used = periods if c.role == "dynamics" and c.source == "change" else [result.period]
        bad = set(rows.loc[rows["period"].isin(used), "district_id"].astype("int64"))
        hidden[c.key] = ids.isin(bad)
    return hidden


def index_display_table(result: IndexResult, need: pd.Series | None = None,
                        hidden: pd.DataFrame | None = None) -> pd.DataFrame:
    """An index result with German column headers in report order (CLI, exports, PDF).

    Component z-values are blank for districts outside the index and wherever ``hidden``
    (``index_hidden_components``) marks the component value as suppressed; the index values
    and classes are composites and stay."""
    from k360desk.analysis.socialindex import need_scores

    if need is None:
        need = need_scores(result)
    t = result.table
    out = pd.DataFrame({"Code": t["code"], "Name": t["name"]})
    if "population" in t:
        out["Einwohner"] = t["population"]
    included = t["included"].fillna(False).astype(bool).to_numpy()
    ids = t["district_id"].astype("int64").to_numpy()
    for c in result.method.components:
        prefix = "z Veränderung " if c.role == "dynamics" and c.source == "change" else "z "
        keep = included.copy()
        if hidden is not None and c.key in hidden:
            keep &= ~hidden[c.key].reindex(ids).fillna(False).astype(bool).to_numpy()
        out[prefix + c.indicator] = t[f"z_{c.key}"].where(keep).round(3)
    out["Statusindex"] = t["status_value"].round(3)
    out["Statusklasse"] = t["status_class"]
    out["Dynamikindex"] = t["dynamics_value"].round(3)
    out["Dynamikklasse"] = t["dynamics_class"]
    out["Status/Dynamik"] = t["matrix_class"]
    if result.method.attention:
        out["Aufmerksamkeitsbedarf"] = t["attention"].map({True: "ja", False: "nein"})
    out["Bedarfswert"] = need.to_numpy().round(1)
    out["im Index"] = t["included"].map({True: "ja", False: "nein"})
    out["Grund"] = t["reason"]
    return out


def coverage_display_table(table: pd.DataFrame) -> pd.DataFrame:
    """A coverage table with German column headers (CLI, exports, PDF)."""
    return pd.DataFrame({
        "Code": table["code"], "Name": table["name"], "Einrichtungen": table["facilities"],
        "Plätze": table["capacity"], "Zielbevölkerung": table["target_population"],
        "Plätze je 1.000": table["places_per_1000"].round(2), "Richtwert": table["guide_value"],
        "Versorgung %": table["coverage_pct"].round(1),
        "Fehlende Plätze": table["gap"].round(1),
        "keine Einrichtung": table["no_facility"].map({True: "ja", False: ""}),
    })
