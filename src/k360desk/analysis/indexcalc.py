"""The arithmetic of the social index on dense arrays (periods × districts × components).

``socialindex.compute_index`` and ``compute_index_series`` call ``run``; one pass serves one
period or all periods at once, so the index over 15 years costs about as much as one year.
Formulas: docs/methods.md § 4.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from k360desk.analysis import levels
from k360desk.analysis.socialindex import (
    REASON_DECLARED,
    REASON_MISSING,
    REASON_NO_DYNAMICS,
    REASON_NO_POPULATION,
    REASON_POPULATION,
    IndexComponent,
    IndexMethod,
)


def _num(value: Any) -> float | None:
    return None if value is None or not np.isfinite(value) else float(value)


def _standardise(x: np.ndarray, mask: np.ndarray, ddof: int) -> tuple[np.ndarray, dict]:
    """z-values of x (T, D, K) with mean and SD per (T, K) over the districts in mask (T, D).

    A component without spread carries no information: z = 0 (not missing)."""
    inside = np.where(mask[:, :, None], x, np.nan)
    n = (~np.isnan(inside)).sum(axis=1)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        mean = np.nanmean(inside, axis=1)
        sq = np.nansum((inside - mean[:, None, :]) ** 2, axis=1)
        sd = np.sqrt(sq / np.where(n - ddof > 0, n - ddof, np.nan))
        scale = np.nanmax(np.abs(inside), axis=1)
    flat = np.isnan(sd) | (sd <= 1e-9 * np.maximum(np.nan_to_num(scale), 1.0))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (x - mean[:, None, :]) / np.where(flat, np.nan, sd)[:, None, :]
    z = np.where(flat[:, None, :] & ~np.isnan(x), 0.0, z)
    return z, {"mean": mean, "sd": np.where(flat, np.nan, sd), "n": n}


def _combine(z: np.ndarray, comps: list[IndexComponent]) -> np.ndarray:
    """Weighted mean of the polarity-signed z-values (NaN if any component is missing)."""
    factors = np.array([c.weight * c.polarity for c in comps], dtype=float)
    return (z * factors).sum(axis=2) / sum(c.weight for c in comps)


def _index(x: np.ndarray, mask: np.ndarray, comps: list[IndexComponent], method: IndexMethod
           ) -> tuple[np.ndarray, np.ndarray, dict, dict]:
    """z-values, index (standardised again if the method says so), statistics."""
    z, comp_stats = _standardise(x, mask, method.ddof)
    raw = _combine(z, comps)
    _, raw_stats = _standardise(raw[:, :, None], mask, method.ddof)
    value = raw
    if method.restandardise:
        sd = raw_stats["sd"][:, 0]
        value = np.where(np.isnan(sd)[:, None], raw,
                         (raw - raw_stats["mean"][:, 0][:, None]) / sd[:, None])
    return z, np.where(mask, value, np.nan), comp_stats, raw_stats


def _classify(values: np.ndarray, thresholds: list[float], labels: list[str]) -> np.ndarray:
    """Class label by thresholds; a value exactly on a threshold belongs to the lower class."""
    idx = np.searchsorted(np.asarray(thresholds, dtype=float), values, side="left")
    out = np.asarray(labels, dtype=object)[np.minimum(idx, len(labels) - 1)]
    return np.where(np.isnan(values), "", out)


def _quantile_classes(values: np.ndarray, labels: list[str]) -> np.ndarray:
    """Per period: class ceil(r·K/n) with rank r (ties: lowest rank) among n districts."""
    ranks = pd.DataFrame(values).rank(axis=1, method="min").to_numpy()
    n = np.maximum((~np.isnan(values)).sum(axis=1, keepdims=True), 1)
    k = len(labels)
    idx = np.clip(np.ceil(np.nan_to_num(ranks) * k / n), 1, k).astype(int) - 1
    return np.where(np.isnan(values), "", np.asarray(labels, dtype=object)[idx])


def _missing_text(gaps: np.ndarray, names: list[str]) -> np.ndarray:
    """(T, D) comma-separated names of the components without a value ("" if complete)."""
    text = np.full(gaps.shape[:2], "", dtype=object)
    for k in np.nonzero(gaps.any(axis=(0, 1)))[0]:  # components with gaps only
        text = text + np.where(gaps[:, :, k], f"{names[k]}, ", "")
    if gaps.any():
        text = pd.Series(text.ravel()).str.rstrip(", ").to_numpy().reshape(text.shape)
    return text


def choose_level(rows: pd.DataFrame, districts: pd.DataFrame, method: IndexMethod) -> int | None:
    """The method's level, else the finest level with values of the status indicators.

    ``rows`` carry ``k``, the position of their indicator in ``method.indicator_keys()``."""
    if method.level_id is not None:
        return int(method.level_id)
    status = [method.indicator_keys().index(c.indicator) for c in method.status_components]
    have = rows.loc[np.isin(rows["k"].to_numpy(), status) & rows["value"].notna().to_numpy(),
                    "district_id"]
    return levels.finest_level(districts, have.drop_duplicates() if not have.empty else None)


def _cube(rows: pd.DataFrame, keys: list[str], ids: pd.Index, periods: list[int]) -> np.ndarray:
    """(K, D, P) array of the values of the keys for the districts and periods (NaN = none)."""
    cube = np.full((len(keys), len(ids), len(periods)), np.nan)
    k = rows["k"].to_numpy()
    d = ids.get_indexer(rows["district_id"])
    p = pd.Index(periods).get_indexer(rows["period"])
    ok = (k >= 0) & (d >= 0) & (p >= 0)
    cube[k[ok], d[ok], p[ok]] = rows["value"].to_numpy(dtype=float)[ok]
    return cube


def _stats_dict(comps: list[IndexComponent], stats: dict, t: int) -> dict[str, dict]:
    return {c.key: {"mean": _num(stats["mean"][t, j]), "sd": _num(stats["sd"][t, j]),
                    "n": int(stats["n"][t, j])} for j, c in enumerate(comps)}


def run(values: pd.DataFrame, districts: pd.DataFrame, method: IndexMethod,
        periods: list[int]) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Index for every period in ``periods``: one long table (period × district) and the
    parameters of each period (same order)."""
    method.validate()
    span = int(method.span)
    needed = sorted(set(periods) | {p - span for p in periods})
    keys = method.indicator_keys()
    # One hashing pass over the indicator names: string comparisons dominate at city scale.
    k = pd.Index(keys).get_indexer(values["indicator"])
    wanted = (k >= 0) & values["period"].isin(needed).to_numpy()
    rows = values.loc[wanted, ["district_id", "period", "value"]].assign(k=k[wanted])
    level_id = choose_level(rows[rows["period"].isin(periods)], districts, method)
    ds = districts if level_id is None else districts[districts["level_id"] == level_id]
    ids = levels.ids_of(ds)
    cube = _cube(rows, keys, ids, needed)
    pos = {p: i for i, p in enumerate(needed)}
    now = np.array([pos[p] for p in periods])
    base = np.array([pos[p - span] for p in periods])

    def at(key: str, when: np.ndarray) -> np.ndarray:  # (T, D)
        return cube[keys.index(key)][:, when].T

    s_comps, d_comps = method.status_components, method.dynamics_components
    shape = (len(periods), len(ids))
    xs = np.stack([at(c.indicator, now) for c in s_comps], axis=2)

    # Who enters the index, and why not (later rules override earlier ones).
    reason = np.full(shape, "", dtype=object)
    missing = _missing_text(np.isnan(xs), [c.indicator for c in s_comps])
    reason = np.where(missing != "", REASON_MISSING + missing, reason)
    pop = at(method.population, now) if method.population else None
    if pop is not None:
        reason = np.where(np.isnan(pop), REASON_NO_POPULATION, reason)
        n_min = method.min_population
        text = REASON_POPULATION.format(n=f"{int(n_min):,}".replace(",", ".")
                                        if float(n_min).is_integer() else n_min)
        # fmin ignores a missing start value: then the current population decides
        over_span = method.min_population_at == "period_and_base"
        low = np.fmin(pop, at(method.population, base)) if over_span else pop
        reason = np.where(low < float(n_min), text, reason)
    codes = pd.Series(ds["code"].astype(str).to_numpy())
    declared = codes.map(method.exclusions).to_numpy(dtype=object)
    has_reason = pd.notna(declared)
    declared_text = np.where(has_reason & (declared != ""), REASON_DECLARED + ": "
                             + np.where(has_reason, declared, "").astype(object), REASON_DECLARED)
    reason = np.where(has_reason[None, :], declared_text[None, :], reason)
    included = reason == ""

    zs, status, s_stats, s_raw = _index(xs, included, s_comps, method)
    labels = method.class_labels()
    if method.status_scheme == "quantile":
        s_class = _quantile_classes(status, labels)
    else:
        s_class = _classify(status, method.status_thresholds, labels)

    out: dict[str, Any] = {"period": np.repeat(np.asarray(periods), len(ids)),
                           "district_id": np.tile(ids.to_numpy(), len(periods)),
                           "code": np.tile(ds["code"].to_numpy(), len(periods)),
                           "name": np.tile(ds["name"].to_numpy(), len(periods))}
    if pop is not None:
        out["population"] = pop.ravel()
    for j, c in enumerate(s_comps):
        out[f"z_{c.key}"] = zs[:, :, j].ravel()
    out["status_value"] = status.ravel()
    out["status_class"] = s_class.ravel()
    out["status_rank"] = pd.Series(s_class.ravel()).map(
        {lab: i + 1 for i, lab in enumerate(labels)}).astype("Int64")

    d_stats: dict = {}
    d_raw: dict = {}
    if d_comps:
        xd = np.stack([at(c.indicator, now) - (at(c.indicator, base) if c.source == "change"
                                               else 0.0) for c in d_comps], axis=2)
        dyn_missing = _missing_text(np.isnan(xd), [c.key for c in d_comps])
        has_dyn = included & (dyn_missing == "")
        zd, dyn, d_stats, d_raw = _index(xd, has_dyn, d_comps, method)
        d_class = _classify(dyn, method.dynamics_thresholds, method.dynamics_labels)
        reason = np.where(included & ~has_dyn, REASON_NO_DYNAMICS + dyn_missing, reason)
        for j, c in enumerate(d_comps):
            out[f"z_{c.key}"] = zd[:, :, j].ravel()
    else:
        dyn = np.full(shape, np.nan)
        d_class = np.full(shape, "", dtype=object)
    out["dynamics_value"] = dyn.ravel()
    out["dynamics_class"] = d_class.ravel()
    out["dynamics_rank"] = pd.Series(d_class.ravel()).map(
        {lab: i + 1 for i, lab in enumerate(method.dynamics_labels)}).astype("Int64")
    both = (s_class != "") & (d_class != "")
    matrix = np.where(both, s_class.astype(object) + "/" + d_class.astype(object), "")
    out["matrix_class"] = matrix.ravel()
    out["attention"] = (np.isin(matrix, method.attention) & both).ravel()
    out["included"] = included.ravel()
    out["reason"] = reason.ravel()
    table = pd.DataFrame(out)

    method_dict = method.to_dict()
    parameters = []
    for t, period in enumerate(periods):
        parameters.append({
            "method": method_dict, "period": int(period), "base_period": int(period - span),
            "level_id": level_id, "districts": len(ids), "included": int(included[t].sum()),
            "status_components": _stats_dict(s_comps, s_stats, t),
            "status_raw": {"mean": _num(s_raw["mean"][t, 0]), "sd": _num(s_raw["sd"][t, 0])},
            "dynamics_components": _stats_dict(d_comps, d_stats, t) if d_comps else {},
            "dynamics_raw": ({"mean": _num(d_raw["mean"][t, 0]), "sd": _num(d_raw["sd"][t, 0])}
                             if d_comps else {}),
        })
    return table, parameters
