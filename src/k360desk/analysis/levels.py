"""The district hierarchy (Quartier ▸ Stadtteil ▸ Stadtbezirk) as vectorised look-ups.

``districts`` is ``Project.districts_frame()``: index = district id, columns at least
``level_id`` and ``parent_id`` (``level_rank`` is used to break ties).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_MAX_DEPTH = 12  # guards against parent cycles in a damaged file


def ids_of(districts: pd.DataFrame) -> pd.Index:
    """District ids of a districts frame (its ``id`` column, else its index)."""
    return pd.Index(districts["id"] if "id" in districts else districts.index)


def _parents(districts: pd.DataFrame) -> pd.Series:
    return pd.Series(districts["parent_id"].to_numpy(), index=ids_of(districts), dtype="Float64")


def _parent_positions(districts: pd.DataFrame) -> np.ndarray:
    """Row position of each district's parent (−1 = none or unknown)."""
    ids = ids_of(districts)
    parent = pd.to_numeric(pd.Series(districts["parent_id"].to_numpy()), errors="coerce")
    return ids.get_indexer(parent.fillna(-1).astype("int64"))


def depths(districts: pd.DataFrame) -> pd.Series:
    """Number of ancestors of every district (0 = top of the hierarchy)."""
    up = _parent_positions(districts)
    depth = np.zeros(len(up), dtype=int)
    current = up.copy()
    for _ in range(_MAX_DEPTH):
        alive = current >= 0
        if not alive.any():
            break
        depth += alive
        current = np.where(alive, up[np.maximum(current, 0)], -1)
    return pd.Series(depth, index=ids_of(districts))


def level_order(districts: pd.DataFrame) -> pd.DataFrame:
    """Levels from coarsest to finest: columns level_id, depth, rank."""
    frame = pd.DataFrame({
        "level_id": districts["level_id"].to_numpy(),
        "depth": depths(districts).to_numpy(),
        "rank": (districts["level_rank"] if "level_rank" in districts else 0),
    })
    frame["rank"] = pd.to_numeric(frame["rank"], errors="coerce").fillna(0)
    order = frame.groupby("level_id", dropna=False).agg(depth=("depth", "median"),
                                                        rank=("rank", "max"))
    return order.sort_values(["depth", "rank"]).reset_index()


def finest_level(districts: pd.DataFrame, among: pd.Series | None = None) -> int | None:
    """The finest level (deepest in the parent tree, then highest rank), optionally only
    among the levels of the given district ids."""
    order = level_order(districts)
    if among is not None:
        known = districts.index.intersection(pd.Index(among.unique()))
        present = set(districts.loc[known, "level_id"])
        order = order[order["level_id"].isin(present)]
    if order.empty:
        return None
    value = order["level_id"].iloc[-1]
    return None if pd.isna(value) else int(value)


def level_depth(districts: pd.DataFrame) -> pd.Series:
    """level_id → position from coarse (0) to fine, for comparing levels."""
    order = level_order(districts)
    return pd.Series(range(len(order)), index=order["level_id"])


def ancestor_at(districts: pd.DataFrame, level_id: int) -> pd.Series:
    """district id → id of the district itself or its ancestor on ``level_id`` (NaN if none)."""
    parent = _parents(districts)
    level = pd.Series(districts["level_id"].to_numpy(), index=parent.index)
    current = pd.Series(parent.index, index=parent.index, dtype="Float64")
    for _ in range(_MAX_DEPTH + 1):
        at_level = current.map(level) == level_id
        pending = current.notna() & ~at_level.fillna(False).astype(bool)
        if not pending.any():
            break
        current = current.where(~pending, current.map(parent))
    found = current.map(level) == level_id
    return current.where(found.fillna(False).astype(bool)).astype("float64")
