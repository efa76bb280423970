"""Derived indicators: numerator / denominator × scale, computed and never typed in.

An indicator is derived when it has both ``numerator_id`` and ``denominator_id``. Its stored
values are replaced by computed ones, so a share always agrees with its counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

VALUE_COLUMNS = ["indicator_id", "indicator", "district_id", "district", "period", "value",
                 "status", "note"]
# Worse statuses win when values are combined (a rate from an estimated count is estimated).
STATUS_ORDER = ("final", "provisional", "estimated", "missing", "suppressed")
_STATUS_RANK = {s: i for i, s in enumerate(STATUS_ORDER)}
DERIVED_NOTE = "berechnet"


def indicator_table(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicator definitions with a plain ``id`` column (accepts ``Project.indicators_frame()``)."""
    frame = indicators if "id" in indicators else indicators.rename_axis("id").reset_index()
    frame = frame.reset_index(drop=True)
    for column, default in (("numerator_id", np.nan), ("denominator_id", np.nan), ("scale", 1.0),
                            ("kind", "count"), ("disclosure", 0), ("polarity", 0)):
        if column not in frame:
            frame[column] = default
    frame["scale"] = pd.to_numeric(frame["scale"], errors="coerce").fillna(1.0)
    return frame


def derived_definitions(indicators: pd.DataFrame) -> pd.DataFrame:
    """The derived indicators: id, key, numerator_id, denominator_id, scale."""
    frame = indicator_table(indicators)
    mask = frame["numerator_id"].notna() & frame["denominator_id"].notna()
    out = frame.loc[mask, ["id", "key", "numerator_id", "denominator_id", "scale"]].copy()
    parts = ["numerator_id", "denominator_id"]
    out[parts] = out[parts].astype("int64")
    return out.reset_index(drop=True)


def worst_status(*statuses: pd.Series) -> pd.Series:
    """Element-wise worst status of several status columns."""
    ranks = pd.concat([s.map(_STATUS_RANK).fillna(0) for s in statuses], axis=1).max(axis=1)
    return ranks.astype(int).map(dict(enumerate(STATUS_ORDER)))


def add_derived(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Return ``values`` with every derived indicator computed as numerator/denominator×scale.

    Stored rows of derived indicators are replaced where a value can be computed; a
    delivered value stays only where numerator or denominator has no row at all (an office
    that publishes just the quota for some years). A computed row exists where both inputs
    have a row; the status is the worse of the two; a suppressed input makes the result suppressed
    (value NaN), a missing input or a zero denominator makes it missing. Derived indicators
    built from other derived indicators are computed in dependency order.
    """
    spec = derived_definitions(indicators)
    if spec.empty:
        return values.reset_index(drop=True).copy()
    base = values[~values["indicator_id"].isin(spec["id"])].reset_index(drop=True)
    stored = values[values["indicator_id"].isin(spec["id"])]
    if base.empty:
        return values.reset_index(drop=True).copy()
    from k360desk.analysis.cube import Cube

    cube = Cube.from_long(base)
    codes = base.drop_duplicates("district_id").set_index("district_id")["district"]
    ids = pd.Index(cube.indicator_ids)
    value, present, status = cube.value, cube.present, cube.status
    frames = [base]
    remaining = spec
    while not remaining.empty:
        waiting = remaining["numerator_id"].isin(remaining["id"]) | \
            remaining["denominator_id"].isin(remaining["id"])
        ready = remaining[~waiting]
        if ready.empty:  # a cycle in the definitions: leave those indicators out
            break
        pn = ids.get_indexer(ready["numerator_id"])
        pd_ = ids.get_indexer(ready["denominator_id"])
        ok = (pn >= 0) & (pd_ >= 0)
        ready, pn, pd_ = ready[ok], pn[ok], pd_[ok]
        if not ready.empty:
            num, den = value[pn], value[pd_]
            here = present[pn] & present[pd_]
            st = np.maximum(status[pn], status[pd_])
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = num / np.where(den != 0, den, np.nan) \
                    * ready["scale"].to_numpy(dtype=float)[:, None, None]
            st = np.where((st < _STATUS_RANK["suppressed"]) & np.isnan(ratio),
                          _STATUS_RANK["missing"], st).astype(np.int8)
            ratio = np.where(st >= _STATUS_RANK["missing"], np.nan, ratio)
            value = np.concatenate([value, ratio])
            present = np.concatenate([present, here])
            status = np.concatenate([status, np.where(here, st, -1).astype(np.int8)])
            ids = ids.append(pd.Index(ready["id"].to_numpy(dtype=np.int64)))
            i, d, p = np.nonzero(here)
            district_ids = cube.district_ids[d]
            frames.append(pd.DataFrame({
                "indicator_id": ready["id"].to_numpy(dtype=np.int64)[i],
                "indicator": ready["key"].to_numpy()[i],
                "district_id": district_ids,
                "district": codes.reindex(district_ids).to_numpy(),
                "period": cube.periods[p], "value": ratio[i, d, p],
                "status": np.asarray(STATUS_ORDER, dtype=object)[st[i, d, p]],
                "note": DERIVED_NOTE}))
        remaining = remaining[waiting]
    if not stored.empty:
        computed = pd.concat(frames[1:]) if len(frames) > 1 else stored.iloc[0:0]
        keys = ["indicator_id", "district_id", "period"]
        done = pd.MultiIndex.from_frame(computed[keys].astype("int64"))
        mine = pd.MultiIndex.from_frame(stored[keys].astype("int64"))
        frames.append(stored[~mine.isin(done)])
    return pd.concat(frames, ignore_index=True)


def ratios_on_cube(cube, spec: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Derived values of ``spec`` rows (numerator_id, denominator_id, scale) from a cube of
    their inputs, by the rules of ``add_derived``: (S, D, P) values and where a computed row
    exists (both inputs have a row; nowhere when an input has no row at all)."""
    pn = cube.positions(spec["numerator_id"])
    pd_ = cube.positions(spec["denominator_id"])
    num, den = cube.take(pn), cube.take(pd_)
    here = cube.take(pn, "present") & cube.take(pd_, "present")
    st = np.maximum(cube.take(pn, "status"), cube.take(pd_, "status"))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = num / np.where(den != 0, den, np.nan) \
            * spec["scale"].to_numpy(dtype=float)[:, None, None]
    st = np.where((st < _STATUS_RANK["suppressed"]) & np.isnan(ratio), _STATUS_RANK["missing"], st)
    return np.where(st >= _STATUS_RANK["missing"], np.nan, ratio), here
