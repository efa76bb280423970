"""Disclosure control: primary suppression, rates from suppressed counts, secondary rule."""

from __future__ import annotations

import math

from k360desk.analysis.derived import add_derived
from k360desk.analysis.disclosure import apply_disclosure
from tests.analysis.helpers import cell, districts, indicators, values

IND = indicators(
    {"id": 1, "key": "einwohner"},
    {"id": 2, "key": "faelle", "disclosure": 1},
    {"id": 3, "key": "quote", "kind": "share", "numerator_id": 2, "denominator_id": 1,
     "scale": 100},
)
# Two Stadtteile (10, 20) with three Quartiere each.
HIER = districts(
    (10, "S1", 1, 0, None), (20, "S2", 1, 0, None),
    (1, "11", 2, 1, 10), (2, "12", 2, 1, 10), (3, "13", 2, 1, 10),
    (4, "21", 2, 1, 20), (5, "22", 2, 1, 20), (6, "23", 2, 1, 20),
)


def _run(cases, threshold=3, **kw):
    pops = {d: 1000 for d in cases}
    vals = add_derived(values(IND, {"einwohner": pops, "faelle": cases}), IND)
    return apply_disclosure(vals, IND, threshold, **kw)


def test_primary_suppression_below_threshold_but_not_zero():
    out = _run({1: 0, 2: 1, 3: 2, 4: 3, 5: 40, 6: 50}, secondary=False)
    assert not cell(out, "faelle", 1, "suppressed")  # 0 is shown as 0
    assert cell(out, "faelle", 1) == 0
    assert cell(out, "faelle", 2, "suppressed") and cell(out, "faelle", 3, "suppressed")
    assert math.isnan(cell(out, "faelle", 2))
    assert cell(out, "faelle", 2, "status") == "suppressed"
    assert not cell(out, "faelle", 4, "suppressed")  # 3 is not below 3
    assert not out.loc[out["indicator"] == "einwohner", "suppressed"].any()  # not flagged


def test_rates_from_suppressed_counts_are_suppressed():
    out = _run({1: 2, 2: 10, 3: 20, 4: 30, 5: 40, 6: 50}, secondary=False)
    assert cell(out, "quote", 1, "suppressed")
    assert math.isnan(cell(out, "quote", 1))
    assert cell(out, "quote", 2) == 1.0


def test_threshold_is_the_projects():
    out = _run({1: 4, 2: 10, 3: 20, 4: 30, 5: 40, 6: 50}, threshold=5, secondary=False)
    assert cell(out, "faelle", 1, "suppressed")


def test_secondary_suppresses_next_smallest_in_the_same_parent():
    # S1: one small cell (2) → the next smallest (7) goes too; S2: nothing small.
    out = _run({1: 2, 2: 7, 3: 20, 4: 5, 5: 40, 6: 50}, districts=HIER)
    hidden = set(out.loc[(out["indicator"] == "faelle") & out["suppressed"], "district_id"])
    assert hidden == {1, 2}
    assert cell(out, "quote", 2, "suppressed")  # its rate would reveal it too
    assert not cell(out, "faelle", 4, "suppressed")  # 5 in the other Stadtteil stays


def test_secondary_not_needed_when_two_are_suppressed():
    out = _run({1: 2, 2: 1, 3: 20, 4: 30, 5: 40, 6: 50}, districts=HIER)
    hidden = set(out.loc[(out["indicator"] == "faelle") & out["suppressed"], "district_id"])
    assert hidden == {1, 2}


def test_secondary_skips_zeros_and_without_hierarchy_uses_the_city_total():
    out = _run({1: 2, 2: 0, 3: 20, 4: 9, 5: 40, 6: 50})
    hidden = set(out.loc[(out["indicator"] == "faelle") & out["suppressed"], "district_id"])
    assert hidden == {1, 4}  # 0 is not a protection: the next positive cell (9) is taken


def test_delivered_suppressed_values_count_as_suppressed():
    pops = {d: 1000 for d in range(1, 7)}
    vals = add_derived(values(IND, {"einwohner": pops,
                                    "faelle": {1: None, 2: 8, 3: 20, 4: 30, 5: 40, 6: 50}},
                              status={("faelle", 1): "suppressed"}), IND)
    out = apply_disclosure(vals, IND, 3, HIER)
    hidden = set(out.loc[(out["indicator"] == "faelle") & out["suppressed"], "district_id"])
    assert hidden == {1, 2}


def test_small_city_disclosure_by_hand(small_project):
    """Quartier 22 has 2 unemployed (2022): suppressed; Quartier 21 (60) is the next smallest
    in Stadtteil Süd and is suppressed as well; their rates too."""
    from k360desk.figures import indicators as figures

    table = figures.indicator_table(small_project, "arbeitslose", 2022).set_index("code")
    assert list(table.index[table["suppressed"]]) == ["21", "22"]
    assert table.loc["11", "value"] == 50
    rates = figures.indicator_table(small_project, "alo_quote", 2022).set_index("code")
    assert list(rates.index[rates["suppressed"]]) == ["21", "22"]
    assert rates.loc["23", "value"] == 15.0
