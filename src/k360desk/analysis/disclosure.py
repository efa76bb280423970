"""Disclosure control (Geheimhaltung) of small counts, applied before anything is shown.

Covered:
1. Primary suppression: values of indicators flagged for disclosure control (``disclosure``
   = 1) with 0 < value < threshold; values already delivered as ``suppressed``.
2. Derived shares/rates (numerator and denominator) whose numerator or denominator is
   suppressed in the same district and period.
3. Simple secondary suppression: within every group of cells that add up to a published
   total — the districts of one level with the same parent (or without parent: the whole
   level, which adds up to the city total) for one indicator and period — if exactly one
   cell is suppressed, the smallest other cell with a value > 0 is suppressed too, so the
   suppressed one cannot be recovered as total minus the rest. Rates built from a cell
   suppressed this way are suppressed as well.

Not covered (see docs/methods.md): totals that are themselves small, overlapping groupings
(e.g. the same count by age group and by district), differences between periods or between
two indicators (e.g. women = all − men), shares without numerator/denominator definition, and
cells exactly 0 (shown as 0, as the statistical offices do).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from k360desk.analysis import levels
from k360desk.analysis.derived import indicator_table
from k360desk.messages import N_
from k360desk.symbols import SECRET

SUPPRESSED_LABEL = SECRET  # what a table prints instead of a withheld value
SUPPRESSED_SYMBOL = SECRET
SUPPRESSED_NOTE = N_("Fallzahl unter der Geheimhaltungsschwelle")
DEFAULT_THRESHOLD = 3


def _cell_keys(frame: pd.DataFrame, indicator: pd.Series | np.ndarray) -> np.ndarray:
    """One int64 per (indicator, district, period) for fast membership tests."""
    return (np.asarray(indicator, dtype=np.int64) << 40) \
        | (frame["district_id"].to_numpy(dtype=np.int64) << 10) \
        | (frame["period"].to_numpy(dtype=np.int64) - 1800)


def _propagate(frame: pd.DataFrame, table: pd.DataFrame) -> pd.Series:
    """Suppress derived values whose numerator or denominator is suppressed."""
    spec = table.loc[table["numerator_id"].notna() & table["denominator_id"].notna(),
                     ["id", "numerator_id", "denominator_id"]]
    suppressed = frame["suppressed"].to_numpy(copy=True)
    if spec.empty:
        return pd.Series(suppressed, index=frame.index)
    derived_rows = np.flatnonzero(frame["indicator_id"].isin(spec["id"]).to_numpy())
    own = pd.Series(_cell_keys(frame, frame["indicator_id"])[derived_rows])
    for _ in range(len(spec)):  # derived of derived: repeat until nothing changes
        hidden = frame.loc[suppressed, ["indicator_id", "district_id", "period"]]
        if hidden.empty:
            break
        hits = [hidden.merge(spec[["id", part]], left_on="indicator_id", right_on=part)
                for part in ("numerator_id", "denominator_id")]
        both = pd.concat(hits)
        found = own.isin(_cell_keys(both, both["id"])).to_numpy()  # hash look-up
        new = suppressed.copy()
        new[derived_rows] |= found
        if (new == suppressed).all():
            break
        suppressed = new
    return pd.Series(suppressed, index=frame.index)


def _groups(frame: pd.DataFrame, districts: pd.DataFrame | None) -> pd.Series:
    """Key of the total each cell belongs to: (level, parent), or one group without a hierarchy."""
    if districts is None:
        return pd.Series(0, index=frame.index)
    ids = levels.ids_of(districts)
    level = pd.Series(districts["level_id"].to_numpy(dtype=float), index=ids)
    parent = pd.Series(districts["parent_id"].to_numpy(dtype=float), index=ids)
    lv = frame["district_id"].map(level).fillna(-1).to_numpy(dtype=np.int64) + 1
    pa = frame["district_id"].map(parent).fillna(-1).to_numpy(dtype=np.int64) + 1
    return pd.Series((lv << 32) | pa, index=frame.index)


def _secondary(frame: pd.DataFrame, flagged: pd.Series, groups: pd.Series) -> pd.Series:
    """Suppress the smallest positive cell in groups that have exactly one suppressed cell."""
    suppressed = frame["suppressed"].copy()
    cells = frame.loc[flagged, ["indicator_id", "period", "value", "suppressed"]]
    cells = cells.assign(group=groups[flagged])
    keys = ["indicator_id", "period", "group"]
    count = cells.groupby(keys)["suppressed"].transform("sum")
    lonely = cells[count == 1]
    candidates = lonely[~lonely["suppressed"] & (lonely["value"] > 0)]
    if candidates.empty:
        return suppressed
    smallest = candidates.sort_values("value", kind="stable").groupby(keys, sort=False).head(1)
    suppressed.loc[smallest.index] = True
    return suppressed


def apply_disclosure(values: pd.DataFrame, indicators: pd.DataFrame, threshold: int,
                     districts: pd.DataFrame | None = None, secondary: bool = True) -> pd.DataFrame:
    """Return a copy of ``values`` with a bool column ``suppressed``; suppressed values are NaN.

    ``threshold`` is the project's threshold n (counts 1 … n−1 are suppressed). Pass
    ``districts`` (``Project.districts_frame()``) so that secondary suppression works per
    parent district; without it all rows of an indicator and period form one group.
    """
    table = indicator_table(indicators)
    out = values.copy()
    flagged_ids = table.loc[table["disclosure"].fillna(0).astype(int) == 1, "id"]
    flagged = out["indicator_id"].isin(flagged_ids)
    small = flagged & (out["value"] > 0) & (out["value"] < threshold)
    out["suppressed"] = small | (out["status"] == "suppressed")
    out["suppressed"] = _propagate(out, table)
    if secondary and flagged.any():
        out["suppressed"] = _secondary(out, flagged, _groups(out, districts))
        out["suppressed"] = _propagate(out, table)
    out["value"] = out["value"].where(~out["suppressed"], np.nan)
    out.loc[out["suppressed"], "status"] = "suppressed"
    return out

