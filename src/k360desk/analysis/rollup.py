"""Figures of a higher level rolled up from the levels below (facilities, places, projects).

Facilities and funded projects are recorded on the finest districts; a Stadtbezirk's profile
or atlas page has to count what lies in its Quartiere, not only what is assigned to it directly.
"""

from __future__ import annotations

import pandas as pd

from k360desk.analysis.levels import ancestor_at


def subtree_pairs(districts: pd.DataFrame, targets: list[int]) -> pd.DataFrame:
    """Every district that is one of ``targets`` or lies below one: columns district_id and
    target_id (a district below two targets of different levels appears twice).

    ``districts`` is ``Project.districts_frame()`` (index = district id, level_id, parent_id).
    """
    wanted = pd.Index([int(t) for t in targets]).intersection(districts.index)
    parts = []
    for level in districts.loc[wanted, "level_id"].dropna().astype(int).unique():
        ancestor = ancestor_at(districts, int(level)).dropna()
        ancestor = ancestor[ancestor.isin(wanted)]
        parts.append(pd.DataFrame({"district_id": ancestor.index.astype("int64"),
                                   "target_id": ancestor.to_numpy().astype("int64")}))
    if not parts:
        return pd.DataFrame({"district_id": pd.Series(dtype="int64"), "target_id": pd.Series(dtype="int64")})
    return pd.concat(parts, ignore_index=True).drop_duplicates()


def roll_up(rows: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """``rows`` (with a district_id column) assigned to every target they lie in: the same
    rows plus target_id; rows outside every target are dropped."""
    return rows.merge(pairs, on="district_id", how="inner")


def parts_below(pairs: pd.DataFrame) -> pd.Series:
    """target_id → number of districts below it (0 = a district of the finest level)."""
    below = pairs[pairs["district_id"] != pairs["target_id"]]
    return below.groupby("target_id").size()
