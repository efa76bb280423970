"""Derived indicators, city reference values and aggregation, checked against hand sums."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from k360desk.analysis.derived import add_derived
from k360desk.analysis.reference import aggregate_to_level, reference_values
from tests.analysis.helpers import cell, districts, indicators, values

IND = indicators(
    {"id": 1, "key": "einwohner"},
    {"id": 2, "key": "arbeitslose", "disclosure": 1},
    {"id": 3, "key": "quote", "kind": "share", "numerator_id": 2, "denominator_id": 1,
     "scale": 100},
    {"id": 4, "key": "alter", "kind": "mean"},
)


def test_derived_is_numerator_over_denominator_times_scale():
    vals = values(IND, {"einwohner": {1: 200, 2: 800}, "arbeitslose": {1: 10, 2: 100},
                        "quote": {1: 99.0}})  # a typed-in quote must be replaced
    out = add_derived(vals, IND)
    assert cell(out, "quote", 1) == pytest.approx(5.0)
    assert cell(out, "quote", 2) == pytest.approx(12.5)
    assert (out["indicator"] == "quote").sum() == 2
    assert cell(out, "quote", 1, "note") == "berechnet"


def test_derived_propagates_suppressed_and_zero_denominator():
    vals = values(IND, {"einwohner": {1: 200, 2: 0, 3: 50}, "arbeitslose": {1: 1, 2: 0, 3: 7}},
                  status={("arbeitslose", 1): "suppressed", ("einwohner", 3): "estimated"})
    out = add_derived(vals, IND)
    assert cell(out, "quote", 1, "status") == "suppressed"
    assert math.isnan(cell(out, "quote", 1))
    assert cell(out, "quote", 2, "status") == "missing"
    assert cell(out, "quote", 3, "status") == "estimated"
    assert cell(out, "quote", 3) == pytest.approx(14.0)


def test_derived_of_derived_in_dependency_order():
    ind = indicators(
        {"id": 1, "key": "a"}, {"id": 2, "key": "b"},
        {"id": 3, "key": "ab", "kind": "rate", "numerator_id": 1, "denominator_id": 2},
        {"id": 4, "key": "ab2", "kind": "rate", "numerator_id": 3, "denominator_id": 2,
         "scale": 10})
    out = add_derived(values(ind, {"a": {1: 6}, "b": {1: 3}}), ind)
    assert cell(out, "ab", 1) == 2
    assert cell(out, "ab2", 1) == pytest.approx(2 / 3 * 10)


def test_reference_is_ratio_of_sums_not_mean_of_ratios():
    # 10 of 100 (10 %) and 90 of 900 … no: 1 of 100 (1 %) and 90 of 900 (10 %).
    vals = add_derived(values(IND, {"einwohner": {1: 100, 2: 900},
                                    "arbeitslose": {1: 1, 2: 90}}), IND)
    ref = reference_values(vals, IND).set_index("indicator")
    assert ref.loc["quote", "value"] == pytest.approx(91 / 1000 * 100)  # 9.1 %, not 5.5 %
    assert ref.loc["quote", "method"] == "Quotient der Summen"
    assert ref.loc["arbeitslose", "value"] == 91
    assert ref.loc["einwohner", "value"] == 1000


def test_reference_uses_only_districts_with_numerator_and_denominator():
    vals = add_derived(values(IND, {"einwohner": {1: 100, 2: 900, 3: 1000},
                                    "arbeitslose": {1: 1, 2: 90}}), IND)
    ref = reference_values(vals, IND).set_index("indicator")
    assert ref.loc["quote", "value"] == pytest.approx(9.1)
    assert ref.loc["quote", "districts"] == 2


def test_mean_without_parts_is_population_weighted():
    vals = values(IND, {"einwohner": {1: 100, 2: 300}, "alter": {1: 40.0, 2: 20.0}})
    ref = reference_values(vals, IND).set_index("indicator")
    assert ref.loc["alter", "value"] == pytest.approx((40 * 100 + 20 * 300) / 400)  # 25, not 30


def test_mean_without_any_weight_is_not_guessed():
    ind = indicators({"id": 4, "key": "alter", "kind": "mean"})
    ref = reference_values(values(ind, {"alter": {1: 40.0, 2: 20.0}}), ind)
    assert math.isnan(ref["value"].iloc[0])
    assert ref["method"].iloc[0] == "nicht berechenbar"


# Three levels: Bezirk 100 ▸ Stadtteile 10, 20 ▸ Quartiere 1, 2 (in 10) and 3 (in 20).
HIER = districts(
    (100, "B", 1, 0, None),
    (10, "S1", 2, 1, 100), (20, "S2", 2, 1, 100),
    (1, "Q1", 3, 2, 10), (2, "Q2", 3, 2, 10), (3, "Q3", 3, 2, 20),
)


def _hier_values():
    return add_derived(values(IND, {
        "einwohner": {1: 100, 2: 300, 3: 600, 10: 400, 20: 600},  # Stadtteile stored as well
        "arbeitslose": {1: 10, 2: 20, 3: 60, 10: 30, 20: 60},
    }), IND)


def test_reference_counts_each_person_once_despite_stored_parents():
    ref = reference_values(_hier_values(), IND, HIER).set_index("indicator")
    assert ref.loc["einwohner", "value"] == 1000  # not 2000
    assert ref.loc["arbeitslose", "value"] == 90
    assert ref.loc["quote", "value"] == pytest.approx(9.0)
    assert ref.loc["einwohner", "districts"] == 3


def test_aggregation_up_two_levels():
    vals = _hier_values()
    up1 = aggregate_to_level(vals, IND, HIER, 2)
    assert cell(up1, "einwohner", 10) == 400
    assert cell(up1, "arbeitslose", 20) == 60
    assert cell(up1, "quote", 10) == pytest.approx(30 / 400 * 100)  # 7.5, not mean(10, 6.67)
    up2 = aggregate_to_level(vals, IND, HIER, 1)
    assert cell(up2, "quote", 100) == pytest.approx(9.0)
    assert cell(up2, "einwohner", 100) == 1000
    assert cell(up2, "einwohner", 100, "districts") == 3
    assert set(up2["district"]) == {"B"}


def test_aggregated_status_is_the_worst_of_the_parts():
    vals = _hier_values()
    vals.loc[(vals["indicator"] == "einwohner") & (vals["district_id"] == 2), "status"] = \
        "provisional"
    up = aggregate_to_level(vals, IND, HIER, 2)
    assert cell(up, "einwohner", 10, "status") == "provisional"
    assert cell(up, "einwohner", 20, "status") == "final"


def test_small_city_reference_by_hand(small_project):
    """tests/builders.py: 787 unemployed of 8,250 inhabitants in 2022 = 9.539 %."""
    from k360desk.figures import indicators as figures

    ref = figures.reference_table(small_project).set_index(["indicator", "period"])
    assert ref.loc[("einwohner", 2022), "value"] == 8250
    assert ref.loc[("arbeitslose", 2022), "value"] == 787
    assert ref.loc[("alo_quote", 2022), "value"] == pytest.approx(787 / 8250 * 100)
    assert ref.loc[("alo_quote", 2023), "value"] == pytest.approx(865.7 / 9075 * 100)
    mean_of_ratios = (5 + 10 + 5 + 4 + 0.8 + 15) / 6
    assert abs(ref.loc[("alo_quote", 2022), "value"] - mean_of_ratios) > 2


def test_small_city_stadtteile_by_hand(small_project):
    from k360desk.figures import indicators as figures

    table = figures.indicator_table(small_project, "alo_quote", 2022, level_id=1)
    by_code = table.set_index("code")
    assert by_code.loc["1", "value"] == pytest.approx(275 / 3500 * 100)  # Nord 7.857 %
    assert by_code.loc["2", "value"] == pytest.approx(512 / 4750 * 100)  # Süd 10.779 %
    assert not by_code["suppressed"].any()
    assert isinstance(table, pd.DataFrame) and list(table["code"]) == ["1", "2"]


def test_delivered_quota_is_kept_where_the_counts_are_missing():
    vals = values(IND, {"einwohner": {1: 200, 2: 800}, "arbeitslose": {1: 10},
                        "quote": {1: 99.0, 2: 7.5, 3: 6.0}})
    out = add_derived(vals, IND)
    assert cell(out, "quote", 1) == pytest.approx(5.0)  # computed replaces delivered
    assert cell(out, "quote", 2) == 7.5  # no count of unemployed for district 2: kept
    assert cell(out, "quote", 3) == 6.0
