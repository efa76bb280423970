"""City reference values (Gesamtstadt) and aggregation up the district hierarchy.

One rule for every figure the app shows:
- counts: sum over the districts;
- shares and rates with numerator and denominator: ratio of sums, Σ numerator / Σ denominator
  × scale, over the districts where both are known (never the mean of the district ratios);
- shares, rates and means without numerator/denominator: weighted mean
  Σ(value × base) / Σ base, the base being the declared base indicator (``base_key``) or
  else the population (needs one, else not computed);
- an indicator whose ``aggregation`` is "none" (an index, or created by an import without a
  definition) is never aggregated: a sum of shares is no reference value.
Only districts of one level enter a sum, so parents are not counted twice: per indicator and
period the finest level on which every district has a value (for a derived indicator: numerator
and denominator); if no level is complete, the finest level with values, flagged incomplete.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from k360desk.analysis import levels
from k360desk.analysis.cube import Cube, group_matrix, group_sum, group_worst
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


def _district_depths(cube: Cube, districts: pd.DataFrame | None
                     ) -> tuple[np.ndarray | None, np.ndarray]:
    """Per cube district the position of its level from coarse (0) to fine (−1 unknown), and
    the number of districts each level has in the project (for completeness)."""
    if districts is None:
        return None, np.array([len(cube.district_ids)])
    depth = levels.level_depth(districts)
    all_depths = pd.Series(districts["level_id"].to_numpy()).map(depth).dropna().to_numpy(int)
    sizes = np.bincount(all_depths, minlength=max(len(depth), 1))
    level_of = pd.Series(districts["level_id"].to_numpy(), index=levels.ids_of(districts))
    d_depth = pd.Series(cube.district_ids).map(level_of).map(depth).fillna(-1).to_numpy(int)
    return d_depth, sizes


def _level_masks(d_depth: np.ndarray | None, sizes: np.ndarray, avail: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray]:
    """Source level per row and period from ``avail`` (T, D, P): the finest level on which
    every district has a value; if no level is complete, the finest with any value (flagged).
    Returns the (T, D, P) mask of the districts on that level and ``complete`` (T, P)."""
    if d_depth is None:
        return np.ones_like(avail, dtype=bool), avail.all(axis=1)
    n_levels = len(sizes)
    onehot = np.zeros((len(d_depth), n_levels))
    ok = d_depth >= 0
    onehot[np.nonzero(ok)[0], d_depth[ok]] = 1.0
    has = avail.transpose(0, 2, 1).astype(float) @ onehot  # (T, P, L)
    full = (has > 0) & (has >= sizes[None, None, :])
    some = has > 0

    def finest(flags: np.ndarray) -> np.ndarray:
        return np.where(flags.any(axis=2), n_levels - 1 - np.argmax(flags[:, :, ::-1], axis=2), -2)

    complete = full.any(axis=2)
    chosen = np.where(complete, finest(full), finest(some))  # (T, P)
    return d_depth[None, :, None] == chosen[:, None, :], complete


def _worst(wanted: bool, status: np.ndarray, used: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """Worst status per group, or zeros when the caller does not show a status."""
    if wanted:
        return group_worst(status, used, matrix)
    return np.zeros((status.shape[0], matrix.shape[1], status.shape[2]), dtype=np.int8)


def _rows(table: pd.DataFrame, idx: np.ndarray, value: np.ndarray, n: np.ndarray,
          worst: np.ndarray, gkeys: np.ndarray, periods: np.ndarray, method: str,
          complete: np.ndarray) -> pd.DataFrame:
    t, g, p = np.nonzero(n > 0)
    return pd.DataFrame({
        "indicator_id": table["id"].to_numpy()[idx][t], "group": gkeys[g], "period": periods[p],
        "value": value[t, g, p], "districts": n[t, g, p].astype(int), "method": method,
        "status_rank": worst[t, g, p], "complete": complete[t, p]})


def _aggregate(values: pd.DataFrame, indicators: pd.DataFrame, districts: pd.DataFrame | None,
               group: pd.Series | None, population: str | None,
               with_status: bool = False) -> pd.DataFrame:
    """Aggregate per (indicator, group, period) by the rules in the module docstring."""
    table = indicator_table(indicators)
    cols = ["indicator_id", "group", "period", "value", "districts", "method", "status_rank",
            "complete"]
    if group is not None:  # districts above the target level cannot be a source
        values = values[values["district_id"].isin(group.index[group.notna()]).to_numpy()]
    if values.empty or table.empty:
        return pd.DataFrame(columns=cols)
    cube = Cube.from_long(values, with_status)
    matrix, gkeys = group_matrix(cube.district_ids, group)
    d_depth, sizes = _district_depths(cube, districts)
    avail = ~np.isnan(cube.value)  # (I, D, P)
    pos = cube.positions(table["id"])
    num_pos = cube.positions(table["numerator_id"])
    den_pos = cube.positions(table["denominator_id"])
    derived = (table["numerator_id"].notna() & table["denominator_id"].notna()).to_numpy()
    is_count = (table["kind"] == "count").to_numpy()
    aggregation = (table["aggregation"].fillna("").astype(str) if "aggregation" in table
                   else pd.Series([""] * len(table)))
    never = (aggregation == "none").to_numpy()
    bases = (table["base_key"].fillna("").astype(str) if "base_key" in table
             else pd.Series([""] * len(table))).to_numpy()

    def avail_of(p: np.ndarray) -> np.ndarray:
        out = np.zeros((len(p), *avail.shape[1:]), dtype=bool)
        out[p >= 0] = avail[p[p >= 0]]
        return out

    parts = []
    # Counts: plain sums.
    idx = np.nonzero(~derived & is_count & ~never & (pos >= 0))[0]
    if len(idx):
        x = cube.take(pos[idx])
        mask, complete = _level_masks(d_depth, sizes, avail_of(pos[idx]))
        used = ~np.isnan(x) & mask
        total = group_sum(np.where(used, x, 0.0), matrix)
        n = group_sum(used.astype(float), matrix)
        worst = _worst(with_status, cube.take(pos[idx], "status"), used, matrix)
        parts.append(_rows(table, idx, total, n, worst, gkeys, cube.periods, METHOD_SUM,
                           complete))

    # Derived shares, rates and means: ratio of sums over districts with both parts.
    idx = np.nonzero(derived & ~never & (num_pos >= 0) & (den_pos >= 0))[0]
    if len(idx):
        num, den = cube.take(num_pos[idx]), cube.take(den_pos[idx])
        mask, complete = _level_masks(d_depth, sizes,
                                      avail_of(num_pos[idx]) & avail_of(den_pos[idx]))
        used = ~np.isnan(num) & ~np.isnan(den) & mask
        sn = group_sum(np.where(used, num, 0.0), matrix)
        sd = group_sum(np.where(used, den, 0.0), matrix)
        n = group_sum(used.astype(float), matrix)
        scale = table["scale"].to_numpy(dtype=float)[idx][:, None, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = sn / np.where(sd != 0, sd, np.nan) * scale
        status = np.maximum(cube.take(num_pos[idx], "status"), cube.take(den_pos[idx], "status"))
        worst = _worst(with_status, status, used, matrix)
        parts.append(_rows(table, idx, ratio, n, worst, gkeys, cube.periods, METHOD_RATIO,
                           complete))

    # Shares, rates and means without parts: weighted by their base, else by population.
    weighted = ~derived & ~is_count & ~never & (pos >= 0)
    for base in dict.fromkeys(bases[weighted]):
        idx = np.nonzero(weighted & (bases == base))[0]
        parts.append(_weighted(table, cube, idx, pos, base or population, matrix, gkeys,
                               d_depth, sizes, avail_of, with_status))

    # Not aggregated: the districts are counted, the value stays empty.
    idx = np.nonzero(never & (pos >= 0))[0]
    if len(idx):
        x = cube.take(pos[idx])
        mask, complete = _level_masks(d_depth, sizes, avail_of(pos[idx]))
        used = ~np.isnan(x) & mask
        n = group_sum(used.astype(float), matrix)
        parts.append(_rows(table, idx, np.full(n.shape, np.nan), n,
                           _worst(with_status, cube.take(pos[idx], "status"), used, matrix),
                           gkeys, cube.periods, METHOD_NONE, complete))

    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=cols)
    return pd.concat(parts, ignore_index=True)


def _weighted(table: pd.DataFrame, cube: Cube, idx: np.ndarray, pos: np.ndarray,
              weight_key: str | None, matrix, gkeys, d_depth, sizes, avail_of,
              with_status: bool) -> pd.DataFrame:
    """Weighted means of the indicators ``idx`` by the indicator ``weight_key``."""
    x = cube.take(pos[idx])
    mask, complete = _level_masks(d_depth, sizes, avail_of(pos[idx]))
    weight_pos = cube.positions(table.loc[table["key"] == weight_key, "id"]) if weight_key \
        else np.array([], dtype=int)
    status = cube.take(pos[idx], "status")
    if len(weight_pos) and weight_pos[0] >= 0:
        w = cube.value[weight_pos[0]][None, :, :]
        used = ~np.isnan(x) & ~np.isnan(w) & mask
        svw = group_sum(np.where(used, x * w, 0.0), matrix)
        sw = group_sum(np.where(used, w, 0.0), matrix)
        n = group_sum(used.astype(float), matrix)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = svw / np.where(sw != 0, sw, np.nan)
        return _rows(table, idx, mean, n, _worst(with_status, status, used, matrix), gkeys,
                     cube.periods, METHOD_WEIGHTED, complete)
    used = ~np.isnan(x) & mask
    n = group_sum(used.astype(float), matrix)
    return _rows(table, idx, np.full(n.shape, np.nan), n, _worst(with_status, status, used, matrix),
                 gkeys, cube.periods, METHOD_NONE, complete)


def reference_values(values: pd.DataFrame, indicators: pd.DataFrame,
                     districts: pd.DataFrame | None = None,
                     population: str | None = None) -> pd.DataFrame:
    """City reference value per indicator and period.

    Returns columns indicator, indicator_id, period, value, method, districts (how many
    districts entered), complete (False: no level had a value for every district that
    period, so the value covers only part of the city). ``population`` is the key used to
    weight shares and means that have no numerator/denominator (default: guessed, see
    ``guess_population_key``). Without ``districts`` all rows are taken to be of one level.
    """
    population = population or guess_population_key(indicators)
    out = _aggregate(values, indicators, districts, None, population)
    keys = indicator_table(indicators).set_index("id")["key"]
    out["indicator"] = out["indicator_id"].map(keys)
    out = out.sort_values(["indicator", "period"]).reset_index(drop=True)
    out["complete"] = out["complete"].astype(bool)
    return out[["indicator", "indicator_id", "period", "value", "method", "districts",
                "complete"]]


def aggregate_to_level(values: pd.DataFrame, indicators: pd.DataFrame, districts: pd.DataFrame,
                       level_id: int, population: str | None = None) -> pd.DataFrame:
    """Values of every district of ``level_id``, aggregated from the finest level below it.

    Same rules as the reference value; returns the long layout of ``values_frame`` with a
    ``districts`` column (number of parts) and the worst status of the parts.
    """
    population = population or guess_population_key(indicators)
    ancestor = levels.ancestor_at(districts, level_id)
    out = _aggregate(values, indicators, districts, ancestor, population, with_status=True)
    ids = levels.ids_of(districts)
    codes = pd.Series(districts["code"].to_numpy(), index=ids)
    keys = indicator_table(indicators).set_index("id")["key"]
    out = out.assign(district_id=out["group"].astype("int64"))
    out["status"] = out["status_rank"].astype(int).map(dict(enumerate(STATUS_ORDER)))
    out["status"] = out["status"].where(out["value"].notna(), "missing")
    out["indicator"] = out["indicator_id"].map(keys)
    out["district"] = out["district_id"].map(codes)
    out["note"] = "aggregiert (" + out["method"] + ")"
    cols = ["indicator_id", "indicator", "district_id", "district", "period", "value", "status",
            "note", "districts"]
    return out[cols].sort_values(["indicator", "district", "period"]).reset_index(drop=True)
