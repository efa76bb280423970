"""Tiny hand-made frames in the layouts of ``values_frame``, ``indicators_frame`` and
``districts_frame``, so each test states its numbers in full."""

from __future__ import annotations

import pandas as pd


def indicators(*rows: dict) -> pd.DataFrame:
    """Indicator definitions; each row needs id and key, the rest has defaults."""
    base = {"kind": "count", "numerator_id": None, "denominator_id": None, "scale": 1.0,
            "disclosure": 0, "polarity": 0, "name": ""}
    frame = pd.DataFrame([{**base, **r} for r in rows])
    frame["numerator_id"] = frame["numerator_id"].astype("float64")
    frame["denominator_id"] = frame["denominator_id"].astype("float64")
    return frame.set_index("id", drop=False)


def districts(*rows: tuple) -> pd.DataFrame:
    """Districts from (id, code, level_id, level_rank, parent_id) tuples."""
    frame = pd.DataFrame(rows, columns=["id", "code", "level_id", "level_rank", "parent_id"])
    frame["name"] = "Bezirk " + frame["code"]
    frame["parent_id"] = frame["parent_id"].astype("float64")
    return frame.set_index("id", drop=False)


def values(ind: pd.DataFrame, data: dict[str, dict[int, float]], period: int = 2024,
           status: dict[tuple[str, int], str] | None = None) -> pd.DataFrame:
    """Long values: ``data`` maps indicator key → {district id: value}."""
    ids = dict(zip(ind["key"], ind["id"], strict=True))
    rows = []
    for key, by_district in data.items():
        for district, value in by_district.items():
            st = (status or {}).get((key, district), "final")
            rows.append({"indicator_id": ids[key], "indicator": key, "district_id": district,
                         "district": str(district), "period": period,
                         "value": None if st in ("suppressed", "missing") else value,
                         "status": st, "note": ""})
    frame = pd.DataFrame(rows)
    frame["value"] = frame["value"].astype(float)
    return frame


def cell(frame: pd.DataFrame, key: str, district: int, column: str = "value", period=None):
    """One cell of a long frame."""
    mask = (frame["indicator"] == key) & (frame["district_id"] == district)
    if period is not None:
        mask &= frame["period"] == period
    found = frame.loc[mask, column]
    assert len(found) == 1, f"{key}/{district}: {len(found)} rows"
    return found.iloc[0]
