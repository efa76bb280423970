"""City reference values (Gesamtstadt) and aggregation up the district hierarchy.

One rule for every figure the app shows:
- counts: sum over the districts;
- shares and rates with numerator and denominator: ratio of sums, Σ numerator / Σ denominator
  × scale, over the districts where both are known (never the mean of the district ratios);
- shares, rates and means without numerator/denominator: population-weighted mean
  Σ(value × population) / Σ population (needs a population indicator, else not computed).
Only districts of one level enter a sum, so parents are not counted twice: per indicator the
finest level that has values (for a derived indicator: where numerator and denominator have).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from k360desk.analysis import levels
from k360desk.analysis.derived import STATUS_ORDER, indicator_table

POPULATION_KEYS = ("einwohner", "bevoelkerung", "einwohnende", "population")

METHOD_SUM = "Summe"
METHOD_RATIO = "Quotient der Summen"
METHOD_WEIGHTED = "gewichtetes Mittel"
METHOD_NONE = "nicht berechenbar"


def guess_population_key(indicators: pd.DataFrame) -> str | None:
    """The population indicator: a well-known key, else the count most used as denominator."""
    table = indicator_table(indicators)
    keys = set(table["key"])
    for key in POPULATION_KEYS:
        if key in keys:
            return key
    dens = table["denominator_id"].dropna()
    if dens.empty:
        return None
    top = int(dens.value_counts().index[0])
    match = table.loc[table["id"] == top, "key"]
    return None if match.empty else str(match.iloc[0])


def _source_levels(values: pd.DataFrame, table: pd.DataFrame,
                   districts: pd.DataFrame | None) -> pd.Series | None:
    """indicator_id → level whose districts enter its aggregate (None = no hierarchy known)."""
    if districts is None:
        return None
    depth = levels.level_depth(districts)
    level_of = pd.Series(districts["level_id"].to_numpy(), index=levels._ids(districts))
    avail = values.loc[values["value"].notna(), ["indicator_id", "district_id"]]
    avail = avail.assign(level_id=avail["district_id"].map(level_of))
    avail = avail[["indicator_id", "level_id"]].drop_duplicates().dropna()
    avail["depth"] = avail["level_id"].map(depth)
    plain = avail.sort_values("depth").groupby("indicator_id")["level_id"].last()
    spec = table.loc[table["numerator_id"].notna() & table["denominator_id"].notna(),
                     ["id", "numerator_id", "denominator_id"]]
    if not spec.empty:
        num = spec.merge(avail, left_on="numerator_id", right_on="indicator_id")
        both = num.merge(avail, left_on=["denominator_id", "level_id"],
                         right_on=["indicator_id", "level_id"], suffixes=("", "_d"))
        chosen = both.sort_values("depth").groupby("id")["level_id"].last()
        plain = pd.concat([plain.drop(chosen.index, errors="ignore"), chosen])
    return plain


def _prepare(values: pd.DataFrame, districts: pd.DataFrame | None,
             group: pd.Series | None) -> pd.DataFrame:
    frame = values[["indicator_id", "district_id", "period", "value", "status"]]
    if districts is not None:
        level_of = pd.Series(districts["level_id"].to_numpy(), index=levels._ids(districts))
        frame = frame.assign(level_id=frame["district_id"].map(level_of))
    else:
        frame = frame.assign(level_id=np.nan)
    frame = frame.assign(group=0 if group is None else frame["district_id"].map(group))
    return frame[frame["group"].notna()]


def _restrict(frame: pd.DataFrame, source: pd.Series | None, ids: pd.Series) -> pd.DataFrame:
    """Rows of ``frame`` on the source level of the indicators in ``ids`` (aligned to frame)."""
    if source is None:
        return frame
    wanted = ids.map(source)
    return frame[wanted.notna() & (frame["level_id"] == wanted)]


def _aggregate(values: pd.DataFrame, indicators: pd.DataFrame, districts: pd.DataFrame | None,
               group: pd.Series | None, population: str | None) -> pd.DataFrame:
    """Aggregate per (indicator, group, period) by the rules in the module docstring."""
    table = indicator_table(indicators)
    source = _source_levels(values, table, districts)
    frame = _prepare(values, districts, group)
    keys = ["indicator_id", "group", "period"]
    derived = table["numerator_id"].notna() & table["denominator_id"].notna()
    kinds = table.set_index("id")["kind"]
    parts = []

    # Counts: plain sums.
    counts = table.loc[~derived & (table["kind"] == "count"), "id"]
    rows = frame[frame["indicator_id"].isin(counts)]
    rows = _restrict(rows, source, rows["indicator_id"]).dropna(subset=["value"])
    if not rows.empty:
        agg = rows.groupby(keys, sort=False).agg(value=("value", "sum"),
                                                 districts=("value", "size"))
        parts.append(agg.reset_index().assign(method=METHOD_SUM))

    # Derived shares, rates and means: ratio of sums over districts with both parts.
    spec = table.loc[derived, ["id", "numerator_id", "denominator_id", "scale"]]
    if not spec.empty:
        base = frame.dropna(subset=["value"])
        num = base.merge(spec[["id", "numerator_id"]], left_on="indicator_id",
                         right_on="numerator_id")
        num = _restrict(num, source, num["id"])
        den = base.merge(spec[["id", "denominator_id"]], left_on="indicator_id",
                         right_on="denominator_id")
        both = num.merge(den[["id", "district_id", "period", "value"]],
                         on=["id", "district_id", "period"], suffixes=("_n", "_d"))
        if not both.empty:
            agg = both.groupby(["id", "group", "period"], sort=False).agg(
                n=("value_n", "sum"), d=("value_d", "sum"), districts=("value_n", "size"))
            agg = agg.reset_index().merge(spec[["id", "scale"]], on="id")
            value = agg["n"] / agg["d"].where(agg["d"] != 0) * agg["scale"]
            parts.append(pd.DataFrame({
                "indicator_id": agg["id"], "group": agg["group"], "period": agg["period"],
                "value": value, "districts": agg["districts"], "method": METHOD_RATIO}))

    # Shares, rates and means without parts: weighted by population.
    others = table.loc[~derived & (table["kind"] != "count"), "id"]
    rows = frame[frame["indicator_id"].isin(others)]
    rows = _restrict(rows, source, rows["indicator_id"]).dropna(subset=["value"])
    if not rows.empty:
        pop_id = table.loc[table["key"] == population, "id"]
        if population and len(pop_id):
            pop = frame.loc[frame["indicator_id"] == int(pop_id.iloc[0]),
                            ["district_id", "period", "value"]].dropna()
            rows = rows.merge(pop, on=["district_id", "period"], suffixes=("", "_w"))
            rows = rows.assign(vw=rows["value"] * rows["value_w"])
            agg = rows.groupby(keys, sort=False).agg(
                vw=("vw", "sum"), w=("value_w", "sum"), districts=("vw", "size")).reset_index()
            value = agg["vw"] / agg["w"].where(agg["w"] != 0)
            parts.append(agg[keys].assign(value=value, districts=agg["districts"],
                                          method=METHOD_WEIGHTED))
        else:
            agg = rows.groupby(keys, sort=False).size().rename("districts").reset_index()
            parts.append(agg.assign(value=np.nan, method=METHOD_NONE))

    if not parts:
        return pd.DataFrame(columns=[*keys, "value", "districts", "method", "kind"])
    out = pd.concat(parts, ignore_index=True)
    out["kind"] = out["indicator_id"].map(kinds)
    return out


def reference_values(values: pd.DataFrame, indicators: pd.DataFrame,
                     districts: pd.DataFrame | None = None,
                     population: str | None = None) -> pd.DataFrame:
    """City reference value per indicator and period.

    Returns columns indicator, indicator_id, period, value, method, districts (how many
    districts entered). ``population`` is the key used to weight shares and means that have
    no numerator/denominator (default: guessed, see ``guess_population_key``). Without
    ``districts`` all rows are taken to be of one level.
    """
    population = population or guess_population_key(indicators)
    out = _aggregate(values, indicators, districts, None, population)
    keys = indicator_table(indicators).set_index("id")["key"]
    out["indicator"] = out["indicator_id"].map(keys)
    out = out.sort_values(["indicator", "period"]).reset_index(drop=True)
    return out[["indicator", "indicator_id", "period", "value", "method", "districts"]]


def aggregate_to_level(values: pd.DataFrame, indicators: pd.DataFrame, districts: pd.DataFrame,
                       level_id: int, population: str | None = None) -> pd.DataFrame:
    """Values of every district of ``level_id``, aggregated from the finest level below it.

    Same rules as the reference value; returns the long layout of ``values_frame`` with a
    ``districts`` column (number of parts) and the worst status of the parts.
    """
    population = population or guess_population_key(indicators)
    ancestor = levels.ancestor_at(districts, level_id)
    out = _aggregate(values, indicators, districts, ancestor, population)
    ids = levels._ids(districts)
    codes = pd.Series(districts["code"].to_numpy(), index=ids)
    keys = indicator_table(indicators).set_index("id")["key"]
    # Worst status of the parts (a sum over provisional counts is provisional).
    parts = values.assign(group=values["district_id"].map(ancestor)).dropna(subset=["group"])
    rank = {s: i for i, s in enumerate(STATUS_ORDER)}
    worst = (parts.assign(r=parts["status"].map(rank).fillna(0).clip(upper=2))
             .groupby(["indicator_id", "group", "period"])["r"].max())
    out = out.assign(district_id=out["group"].astype("int64"))
    out["status"] = pd.MultiIndex.from_frame(out[["indicator_id", "group", "period"]]).map(
        worst).fillna(0).astype(int).map(dict(enumerate(STATUS_ORDER)))
    out["status"] = out["status"].where(out["value"].notna(), "missing")
    out["indicator"] = out["indicator_id"].map(keys)
    out["district"] = out["district_id"].map(codes)
    out["note"] = "aggregiert (" + out["method"] + ")"
    cols = ["indicator_id", "indicator", "district_id", "district", "period", "value", "status",
            "note", "districts"]
    return out[cols].sort_values(["indicator", "district", "period"]).reset_index(drop=True)
