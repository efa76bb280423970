"""Supply analysis (Versorgungsanalyse): places per 1,000 of the target population per
district against a guide value (Richtwert) set by the planner."""

from __future__ import annotations

from datetime import date

import pandas as pd

from k360desk.analysis import levels


def _active(facilities: pd.DataFrame, as_of: date | None) -> pd.Series:
    """Facilities open on ``as_of`` (all with no closing date when ``as_of`` is None)."""
    empty = pd.Series(None, index=facilities.index, dtype=object)
    closed = facilities["closed"] if "closed" in facilities else empty
    closed = closed.fillna("").astype(str).str.strip()
    if as_of is None:
        return closed == ""
    opened = facilities["opened"] if "opened" in facilities else empty
    opened = opened.fillna("").astype(str).str.strip()
    day = as_of.isoformat()
    return ((closed == "") | (closed > day)) & ((opened == "") | (opened <= day))


def select_facilities(facilities: pd.DataFrame, facility_type: str | int,
                      target_group: str | None = None, as_of: date | None = None) -> pd.DataFrame:
    """Facilities of one type (name or type id), optionally serving a target group, open."""
    if isinstance(facility_type, int) or str(facility_type).isdigit():
        mask = facilities["type_id"] == int(facility_type)
    else:
        mask = facilities["type"].fillna("").str.casefold() == str(facility_type).casefold()
    if target_group:
        groups = facilities["target_groups"].fillna("").str.split("; ")
        wanted = target_group.casefold()
        mask &= groups.apply(lambda gs: any(g.casefold() == wanted for g in gs))
    return facilities[mask & _active(facilities, as_of)]


def coverage(facilities: pd.DataFrame, districts: pd.DataFrame, target_population: pd.Series,
             facility_type: str | int, guide_value: float, target_group: str | None = None,
             as_of: date | None = None, hierarchy: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per district of ``districts``: facilities, capacity, target population, places per 1,000,
    guide value, coverage in %, places needed, gap in places (positive = missing) and
    ``no_facility``.

    ``facilities`` is ``facilities_frame()``; with ``hierarchy`` (all districts) facilities
    placed in finer districts count for their ancestor in ``districts``.
    ``target_population``: district id → persons of the target group. Facilities without a
    capacity count as facilities with 0 places (column ``without_capacity`` says how many).
    """
    if not guide_value or guide_value <= 0:
        raise ValueError("Der Richtwert muss größer als 0 sein.")
    chosen = select_facilities(facilities, facility_type, target_group, as_of)
    ids = levels.ids_of(districts)
    level_values = districts["level_id"].dropna().unique()
    assigned = chosen["district_id"]
    if hierarchy is not None and len(level_values) == 1:
        assigned = assigned.map(levels.ancestor_at(hierarchy, int(level_values[0])))
    frame = pd.DataFrame({"district_id": assigned, "capacity": chosen["capacity"]})
    grouped = frame.groupby("district_id").agg(
        facilities=("capacity", "size"), capacity=("capacity", lambda c: c.fillna(0).sum()),
        without_capacity=("capacity", lambda c: int(c.isna().sum())))
    out = pd.DataFrame({"district_id": ids.to_numpy(), "code": districts["code"].to_numpy(),
                        "name": districts["name"].to_numpy()}, index=ids)
    out = out.join(grouped, how="left")
    out[["facilities", "without_capacity"]] = out[["facilities", "without_capacity"]].fillna(0) \
        .astype(int)
    out["capacity"] = out["capacity"].fillna(0.0)
    target = target_population.reindex(ids).astype(float)
    out["target_population"] = target
    out["places_per_1000"] = out["capacity"] / target.where(target > 0) * 1000
    out["guide_value"] = float(guide_value)
    out["coverage_pct"] = out["places_per_1000"] / float(guide_value) * 100
    out["places_needed"] = target * float(guide_value) / 1000
    out["gap"] = out["places_needed"] - out["capacity"]
    out["no_facility"] = out["facilities"] == 0
    return out.reset_index(drop=True)


def coverage_total(table: pd.DataFrame) -> dict[str, float]:
    """City totals of a coverage table: capacity, target population, places per 1,000, %.

    Places and target population are summed over the same districts, those whose target
    population is known; places in the others would otherwise inflate the supply."""
    known = table["target_population"].notna()
    capacity = float(table.loc[known, "capacity"].sum())
    target = float(table.loc[known, "target_population"].sum())
    per_1000 = capacity / target * 1000 if target > 0 else float("nan")
    guide = float(table["guide_value"].iloc[0]) if len(table) else float("nan")
    return {"capacity": capacity, "target_population": target, "places_per_1000": per_1000,
            "coverage_pct": per_1000 / guide * 100 if guide else float("nan"),
            "gap": float(table["gap"].clip(lower=0).sum())}
