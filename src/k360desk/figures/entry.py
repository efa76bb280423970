"""What the values grid shows of one indicator: typed figures, and those the product computes.

A planner types figures only where they are stored: on the indicator's own (finest) level and
never for an indicator computed from numerator and denominator. Every other cell shows the
figure maps, profiles and rankings use, marked with the reason it cannot be typed over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from k360desk.analysis import levels
from k360desk.analysis.reference import aggregate_to_level
from k360desk.figures.indicators import project_values
from k360desk.projectfile import District, DistrictLevel

if TYPE_CHECKING:
    from k360desk.projectfile import Project

ENTRY_COLUMNS = ["district_id", "period", "value", "status", "note"]
DERIVED = "derived"  # computed from numerator / denominator; detail: "numerator / denominator"
AGGREGATED = "aggregated"  # computed from a finer level; detail: that level's name


def _hierarchy(project: Project) -> pd.DataFrame:
    """Districts with level and parent (no geometry: the grid reloads on every edit)."""
    frame = project.frame(District)
    names = {lv.id: lv.name for lv in project.all(DistrictLevel)}
    ranks = {lv.id: lv.rank for lv in project.all(DistrictLevel)}
    frame["level"] = frame["level_id"].map(names)
    frame["level_rank"] = frame["level_id"].map(ranks)
    return frame


def entry_values(project: Project, key: str
                 ) -> tuple[pd.DataFrame, dict[int, tuple[str, str]]]:
    """Values of one indicator as the grid shows them, and the read-only districts.

    Returns (values, locked): values in the long layout (district_id, period, value, status,
    note) with computed figures in place of stored ones where a figure is computed, and
    ``locked`` mapping each district id whose figures are computed to (reason, detail):
    ``DERIVED`` with "numerator / denominator" or ``AGGREGATED`` with the finer level's name.
    """
    indicators = project.indicators_frame()
    row = indicators.loc[indicators["key"] == key]
    if row.empty:
        return pd.DataFrame(columns=ENTRY_COLUMNS), {}
    ind = row.iloc[0]
    derived = pd.notna(ind["numerator_id"]) and pd.notna(ind["denominator_id"])
    districts = _hierarchy(project)
    values = project_values(project, [key]) if derived else project.values_frame(indicators=[key])
    own = values[values["indicator"] == key]
    locked: dict[int, tuple[str, str]] = {}
    if derived:
        reason = (DERIVED, f"{ind['numerator_key']} / {ind['denominator_key']}")
        locked = dict.fromkeys(districts["id"].astype(int), reason)
    have = own.loc[own["value"].notna(), "district_id"]
    if have.empty or districts.empty:
        return own[ENTRY_COLUMNS].reset_index(drop=True), locked
    natural = levels.finest_level(districts, have)
    depth = levels.level_depth(districts)
    level_names = dict(zip(districts["level_id"], districts["level"], strict=False))
    coarser = [lv for lv in depth.index
               if pd.notna(lv) and natural is not None and depth[lv] < depth[natural]]
    parts = [own]
    for level_id in coarser:
        ids = set(districts.loc[districts["level_id"] == level_id, "id"].astype(int))
        if not derived:
            for district_id in ids:
                locked[district_id] = (AGGREGATED, str(level_names.get(natural, "")))
        agg = aggregate_to_level(values, indicators, districts, int(level_id))
        agg = agg[(agg["indicator"] == key) & agg["district_id"].isin(ids)]
        parts = [p[~p["district_id"].isin(ids)] for p in parts] + [agg]
    shown = pd.concat([p[ENTRY_COLUMNS] for p in parts], ignore_index=True)
    return shown, locked
