"""Supply analysis: places per 1,000 against a guide value, gaps, districts without a facility."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from shapely.geometry import Point

from k360desk.analysis.coverage import coverage, coverage_total
from tests.analysis.helpers import districts

DIST = districts((10, "S1", 1, 0, None), (1, "11", 2, 1, 10), (2, "12", 2, 1, 10),
                 (3, "13", 2, 1, 10))


def _facilities():
    return pd.DataFrame([
        {"name": "Kita A", "type": "Kita", "type_id": 1, "capacity": 60, "district_id": 1,
         "target_groups": "Kinder unter 6", "closed": None, "opened": None},
        {"name": "Kita B", "type": "Kita", "type_id": 1, "capacity": 40, "district_id": 1,
         "target_groups": "Kinder unter 6; Familien", "closed": None, "opened": None},
        {"name": "Kita C", "type": "Kita", "type_id": 1, "capacity": None, "district_id": 2,
         "target_groups": "Kinder unter 6", "closed": None, "opened": None},
        {"name": "Kita alt", "type": "Kita", "type_id": 1, "capacity": 99, "district_id": 3,
         "target_groups": "Kinder unter 6", "closed": "2020-07-31", "opened": None},
        {"name": "Treff", "type": "Jugendtreff", "type_id": 2, "capacity": 30, "district_id": 3,
         "target_groups": "Jugendliche", "closed": None, "opened": None},
    ])


def test_places_per_1000_coverage_and_gap_by_hand():
    quarters = DIST[DIST["level_id"] == 2]
    target = pd.Series({1: 200, 2: 100, 3: 50})
    t = coverage(_facilities(), quarters, target, "Kita", guide_value=400).set_index("code")
    assert t.loc["11", "capacity"] == 100 and t.loc["11", "facilities"] == 2
    assert t.loc["11", "places_per_1000"] == pytest.approx(500)  # 100 / 200 × 1000
    assert t.loc["11", "coverage_pct"] == pytest.approx(125)
    assert t.loc["11", "gap"] == pytest.approx(80 - 100)  # 20 places more than needed
    assert t.loc["12", "capacity"] == 0 and t.loc["12", "without_capacity"] == 1
    assert not t.loc["12", "no_facility"]
    assert t.loc["12", "gap"] == pytest.approx(40)
    assert t.loc["13", "no_facility"]  # the closed Kita does not count
    total = coverage_total(t)
    assert total["places_per_1000"] == pytest.approx(100 / 350 * 1000)
    assert total["gap"] == pytest.approx(40 + 20)


def test_target_group_filter_and_parent_level():
    target = pd.Series({10: 350})
    parents = DIST[DIST["level_id"] == 1]
    t = coverage(_facilities(), parents, target, "Kita", 400, target_group="familien",
                 hierarchy=DIST)
    assert t.loc[0, "capacity"] == 40 and t.loc[0, "facilities"] == 1
    assert t.loc[0, "places_per_1000"] == pytest.approx(40 / 350 * 1000)


def test_zero_target_population_gives_no_ratio():
    quarters = DIST[DIST["level_id"] == 2]
    t = coverage(_facilities(), quarters, pd.Series({1: 0, 2: 10, 3: 10}), "Kita", 400)
    assert math.isnan(t.loc[0, "places_per_1000"])


def test_guide_value_must_be_positive():
    with pytest.raises(ValueError, match="Richtwert"):
        coverage(_facilities(), DIST, pd.Series(dtype=float), "Kita", 0)


def test_coverage_for_project_by_hand(small_project):
    from k360desk.figures import indicators as figures
    from k360desk.projectfile import Facility, FacilityType

    kita = small_project.add(FacilityType(name="Kita"))
    small_project.add(Facility(name="Kita Nord", type_id=kita, capacity=55,
                               geom=Point(500, 500), district_id=3))
    t = figures.coverage_for_project(small_project, "kita", "einwohner", 20).set_index("code")
    assert t.attrs["period"] == 2023
    assert t.loc["11", "places_per_1000"] == pytest.approx(55 / 1100 * 1000)  # 50 per 1,000
    assert t.loc["11", "coverage_pct"] == pytest.approx(250)
    assert t["no_facility"].sum() == 5
    with pytest.raises(figures.FigureError, match="Einrichtungsart"):
        figures.coverage_for_project(small_project, "Schule", "einwohner", 20)
