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


def _compute(base: pd.DataFrame, ready: pd.DataFrame) -> pd.DataFrame:
    cols = ["indicator_id", "district_id", "district", "period", "value", "status"]
    num = base[cols].merge(ready[["id", "key", "numerator_id", "scale"]],
                           left_on="indicator_id", right_on="numerator_id")
    den = base[cols].merge(ready[["id", "denominator_id"]],
                           left_on="indicator_id", right_on="denominator_id")
    both = num.merge(den[["id", "district_id", "period", "value", "status"]],
                     on=["id", "district_id", "period"], suffixes=("_n", "_d"))
    d = both["value_d"]
    value = (both["value_n"] / d.where(d != 0)) * both["scale"]
    status = worst_status(both["status_n"], both["status_d"])
    status = status.where(value.notna() | (status == "suppressed"), "missing")
    value = value.where(~status.isin(["suppressed", "missing"]))
    return pd.DataFrame({
        "indicator_id": both["id"].astype("int64"), "indicator": both["key"],
        "district_id": both["district_id"], "district": both["district"],
        "period": both["period"], "value": value.astype(float), "status": status,
        "note": DERIVED_NOTE,
    })


def add_derived(values: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Return ``values`` with every derived indicator computed as numerator/denominator×scale.

    Stored rows of derived indicators are replaced. A row exists where both inputs have a
    row; the status is the worse of the two; a suppressed input makes the result suppressed
    (value NaN), a missing input or a zero denominator makes it missing. Derived indicators
    built from other derived indicators are computed in dependency order.
    """
    spec = derived_definitions(indicators)
    base = values[~values["indicator_id"].isin(spec["id"])] if not spec.empty else values
    base = base.copy()
    remaining = spec
    while not remaining.empty:
        waiting = remaining["numerator_id"].isin(remaining["id"]) | \
            remaining["denominator_id"].isin(remaining["id"])
        ready = remaining[~waiting]
        if ready.empty:  # a cycle in the definitions: leave those indicators out
            break
        base = pd.concat([base, _compute(base, ready)], ignore_index=True)
        remaining = remaining[waiting]
    return base.reset_index(drop=True)
