"""Social index: z-values, status and dynamics classes, exclusions, quantiles, need scores."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from k360desk.analysis.socialindex import (
    IndexComponent,
    IndexMethod,
    MethodError,
    berlin_mss,
    compute_index,
    compute_index_series,
    need_scores,
)
from tests.analysis.helpers import districts

SQRT25 = math.sqrt(2.5)  # sample SD of 1, 2, 3, 4, 5
DIST = districts(*[(i, f"0{i}", 1, 0, None) for i in range(1, 6)])


def _long(data: dict[tuple[str, int], dict[int, float]]) -> pd.DataFrame:
    rows = [{"indicator_id": 0, "indicator": key, "district_id": d, "district": f"0{d}",
             "period": period, "value": v, "status": "final", "note": ""}
            for (key, period), by_d in data.items() for d, v in by_d.items()]
    return pd.DataFrame(rows)


def _five(extra=None):
    data = {("a", 2024): {1: 1, 2: 2, 3: 3, 4: 4, 5: 5},
            ("b", 2024): {1: 5, 2: 4, 3: 3, 4: 2, 5: 1},
            ("pop", 2024): {i: 1000 for i in range(1, 6)}}
    data.update(extra or {})
    return _long(data)


def _row(result, code):
    return result.table.set_index("code").loc[code]


def test_z_values_polarity_and_classes_by_hand():
    method = IndexMethod(components=[IndexComponent("a"), IndexComponent("b", polarity=-1)],
                         population="pop")
    result = compute_index(_five(), DIST, method, 2024)
    t = result.table.set_index("code")
    assert t.loc["01", "z_a"] == pytest.approx(-2 / SQRT25)  # −1.265
    assert t.loc["01", "z_b"] == pytest.approx(2 / SQRT25)
    # mean of (z_a, −z_b) = z_a; standardised again it stays z_a
    assert t.loc["01", "status_value"] == pytest.approx(-2 / SQRT25)
    assert list(t["status_class"]) == ["hoch", "mittel", "mittel", "mittel", "niedrig"]
    assert t.loc["05", "status_rank"] == 3
    assert t["included"].all()
    assert result.parameters["status_components"]["a"]["mean"] == 3
    assert result.parameters["status_components"]["a"]["sd"] == pytest.approx(SQRT25)


def test_weights_and_restandardisation():
    comps = [IndexComponent("a", weight=3), IndexComponent("b", weight=1)]
    # raw = (3·z_a + z_b)/4 = z_a/2 since z_b = −z_a
    plain = compute_index(_five(), DIST, IndexMethod(components=comps, restandardise=False), 2024)
    assert _row(plain, "01")["status_value"] == pytest.approx(-1 / SQRT25)  # −0.632: mittel
    assert _row(plain, "01")["status_class"] == "mittel"
    again = compute_index(_five(), DIST, IndexMethod(components=comps), 2024)
    assert _row(again, "01")["status_value"] == pytest.approx(-2 / SQRT25)
    assert _row(again, "01")["status_class"] == "hoch"


def test_value_on_a_threshold_belongs_to_the_lower_class():
    method = IndexMethod(components=[IndexComponent("a")], restandardise=False,
                         status_thresholds=[2.0, 4.0], status_labels=["x", "y", "z"])
    # z of 4 and 5 are 0.632, 1.265 — thresholds on raw z; use thresholds hitting exactly:
    method.status_thresholds = [-1 / SQRT25, 1 / SQRT25]  # z of district 2 and 4
    t = compute_index(_five(), DIST, method, 2024).table.set_index("code")
    assert list(t["status_class"]) == ["x", "x", "y", "y", "z"]


def test_exclusions_population_minimum_and_declared():
    data = _five()
    data.loc[(data["indicator"] == "pop") & (data["district_id"] == 5), "value"] = 299
    method = IndexMethod(components=[IndexComponent("a")], population="pop",
                         exclusions={"04": "Gewerbegebiet"})
    t = compute_index(data, DIST, method, 2024).table.set_index("code")
    assert list(t["included"]) == [True, True, True, False, False]
    assert t.loc["05", "reason"] == "unter 300 Einwohnerinnen und Einwohnern"
    assert t.loc["04", "reason"] == "ausgeschlossen: Gewerbegebiet"
    assert math.isnan(t.loc["05", "status_value"]) and t.loc["05", "status_class"] == ""
    # z over the three included districts 1, 2, 3: mean 2, SD 1
    assert t.loc["01", "z_a"] == pytest.approx(-1.0)
    assert t.loc["05", "z_a"] == pytest.approx(3.0)  # shown, but not in the index


def test_missing_values_exclude_with_a_reason():
    data = _five()
    data = data[~((data["indicator"] == "b") & (data["district_id"] == 3))]
    method = IndexMethod(components=[IndexComponent("a"), IndexComponent("b")])
    t = compute_index(data, DIST, method, 2024).table.set_index("code")
    assert not t.loc["03", "included"]
    assert t.loc["03", "reason"] == "Werte fehlen: b"


def test_dynamics_from_change_over_span_and_from_supplied_changes():
    data = _five({("a", 2022): {1: 1, 2: 1, 3: 3, 4: 6, 5: 9}})
    # change a(2024) − a(2022) = 0, 1, 0, −2, −4: mean −1, population SD √(16/5) = 1.789;
    # z of district 5 = −3/1.789 = −1.677, of district 2 = 2/1.789 = 1.118
    method = berlin_mss(["a"], population_key="pop")
    t = compute_index(data, DIST, method, 2024).table.set_index("code")
    sd = math.sqrt((1 + 4 + 1 + 1 + 9) / 5)
    assert t.loc["05", "z_d_a"] == pytest.approx(-3 / sd)
    assert t.loc["05", "dynamics_value"] == pytest.approx(-3 / sd)  # positive trend
    assert t.loc["05", "dynamics_class"] == "positiv"
    assert t.loc["02", "dynamics_class"] == "negativ"
    assert t.loc["03", "dynamics_class"] == "stabil"
    assert t.loc["05", "matrix_class"] == "niedrig/positiv"
    assert bool(t.loc["05", "attention"])
    supplied = _five({("d", 2024): {1: 0, 2: 1, 3: 0, 4: -2, 5: -4}})
    method = berlin_mss(["a"], ["d"], "pop", dynamics_source="indicator")
    t2 = compute_index(supplied, DIST, method, 2024).table.set_index("code")
    assert t2.loc["05", "z_d"] == pytest.approx(t.loc["05", "z_d_a"])


def test_missing_dynamics_keeps_the_district_in_the_status_index():
    data = _five({("a", 2022): {1: 1, 2: 1, 3: 3, 4: 6}})
    t = compute_index(data, DIST, berlin_mss(["a"], population_key="pop"),
                      2024).table.set_index("code")
    assert t.loc["05", "included"] and t.loc["05", "status_class"] == "niedrig"
    assert t.loc["05", "dynamics_class"] == "" and t.loc["05", "matrix_class"] == ""
    assert "Dynamik nicht berechenbar" in t.loc["05", "reason"]


def test_quantile_classes():
    ds = districts(*[(i, f"{i:02d}", 1, 0, None) for i in range(1, 9)])
    data = _long({("a", 2024): {i: i * 10 for i in range(1, 9)}})
    method = IndexMethod(components=[IndexComponent("a")], status_scheme="quantile", quantiles=4)
    t = compute_index(data, ds, method, 2024).table
    assert list(t["status_class"]) == ["Klasse 1", "Klasse 1", "Klasse 2", "Klasse 2",
                                       "Klasse 3", "Klasse 3", "Klasse 4", "Klasse 4"]
    tied = _long({("a", 2024): {1: 1, 2: 1, 3: 1, 4: 2, 5: 3, 6: 4, 7: 5, 8: 6}})
    t = compute_index(tied, ds, method, 2024).table
    assert t["status_class"].iloc[:3].nunique() == 1  # equal values, equal class


def test_need_scores_minmax_and_rank():
    data = _five()
    data.loc[(data["indicator"] == "pop") & (data["district_id"] == 3), "value"] = 10
    result = compute_index(data, DIST, IndexMethod(components=[IndexComponent("a")],
                                                   population="pop"), 2024)
    need = need_scores(result)
    assert need[1] == 0 and need[5] == 100
    assert math.isnan(need[3])
    assert need[2] == pytest.approx(100 / 4)  # a = 2 between 1 and 5 → a quarter of the way
    rank = need_scores(result, scale="rank")
    assert list(rank.dropna()) == [0, pytest.approx(100 / 3), pytest.approx(200 / 3), 100]


def test_small_city_index_by_hand(small_project):
    """Berlin preset on tests/builders.py, 2023: Quartier 22 (275 inhabitants) is left out;
    quotas 5, 10, 5, 4, 15 → mean 7.8, population SD √17.36; Quartier 23 z = 7.2/4.167 =
    1.728 > 1.5."""
    from k360desk.figures import indicators as figures

    method = berlin_mss(["alo_quote"], population_key="einwohner")
    method.span = 1
    t = figures.index_for_project(small_project, method, 2023).table.set_index("code")
    assert not t.loc["22", "included"]
    assert t.loc["23", "status_value"] == pytest.approx(7.2 / math.sqrt(17.36))
    assert t.loc["23", "status_class"] == "sehr niedrig"
    assert t.loc["21", "status_value"] == pytest.approx(-3.8 / math.sqrt(17.36))
    assert (t.loc[["11", "12", "13", "21"], "status_class"] == "mittel").all()
    # shares did not change from 2022 to 2023: every district has stable dynamics
    assert (t.loc[t["included"], "dynamics_class"] == "stabil").all()


def test_method_json_round_trip_and_bad_files():
    method = berlin_mss(["a", "b"], population_key="pop")
    method.exclusions["07"] = "Ausreißer (Erstaufnahme)"
    method.components[1].weight = 2.5
    again = IndexMethod.from_json(method.to_json())
    assert again == method
    assert '"format": "k360desk-sozialindex"' in method.to_json()
    with pytest.raises(MethodError, match="kein gültiges JSON"):
        IndexMethod.from_json("{nope")
    with pytest.raises(MethodError, match="keine Sozialindex-Definition"):
        IndexMethod.from_json('{"name": "x"}')
    data = method.to_dict()
    data["status_labels"] = ["a", "b"]
    with pytest.raises(MethodError, match="eine Klasse mehr als Schwellen"):
        IndexMethod.from_dict(data)
    with pytest.raises(MethodError, match="Gewicht"):
        IndexComponent("a", weight=0)


def test_series_equals_single_periods():
    data = pd.concat([_five({("a", 2022): {1: 1, 2: 1, 3: 3, 4: 6, 5: 9}}),
                      _long({("a", 2023): {1: 2, 2: 2, 3: 2, 4: 8, 5: 1},
                             ("b", 2023): {1: 1, 2: 2, 3: 3, 4: 4, 5: 5},
                             ("pop", 2023): {i: 900 for i in range(1, 6)}})])
    method = berlin_mss(["a", "b"], population_key="pop")
    series = compute_index_series(data, DIST, method)
    assert sorted(series["period"].unique()) == [2022, 2023, 2024]
    for period in (2023, 2024):
        single = compute_index(data, DIST, method, period).table
        part = series[series["period"] == period].drop(columns="period").reset_index(drop=True)
        pd.testing.assert_frame_equal(part, single)


def test_small_city_series(small_project):
    from k360desk.figures import indicators as figures

    method = berlin_mss(["alo_quote"], population_key="einwohner")
    series = figures.index_series_for_project(small_project, method)
    assert sorted(series["period"].unique()) == [2022, 2023]
    assert (series.loc[series["code"] == "23", "status_class"] == "sehr niedrig").all()


def test_edge_cases_do_not_break():
    # no base year for the dynamics: status only, dynamics empty with a reason
    t = compute_index(_five(), DIST, berlin_mss(["a"], population_key="pop"), 2024).table
    assert t["included"].all() and (t["dynamics_class"] == "").all()
    assert t["reason"].str.startswith("Dynamik nicht berechenbar").all()
    # population indicator without values: nobody enters, every row says why
    t = compute_index(_five(), DIST, berlin_mss(["a"], population_key="gibtsnicht"), 2024).table
    assert not t["included"].any() and (t["reason"] == "Einwohnerzahl fehlt").all()
    # no values at all
    empty = _five().iloc[0:0]
    t = compute_index(empty, DIST, IndexMethod(components=[IndexComponent("a")]), 2024).table
    assert len(t) == 5 and not t["included"].any()
    assert need_scores(compute_index(empty, DIST, IndexMethod(
        components=[IndexComponent("a")]), 2024)).isna().all()
    # a district exclusion without a reason
    method = IndexMethod(components=[IndexComponent("a")], exclusions={"02": ""})
    t = compute_index(_five(), DIST, method, 2024).table.set_index("code")
    assert t.loc["02", "reason"] == "ausgeschlossen"


def test_berlin_population_minimum_applies_to_the_reference_date_only():
    data = _five({("a", 2022): {i: 1 for i in range(1, 6)},
                  ("pop", 2022): {1: 1000, 2: 1000, 3: 1000, 4: 1000, 5: 250}})
    method = berlin_mss(["a"], population_key="pop")
    assert compute_index(data, DIST, method, 2024).table["included"].all()
    method.min_population_at = "period_and_base"
    t = compute_index(data, DIST, method, 2024).table
    assert t.set_index("code").loc["05", "reason"] == "unter 300 Einwohnerinnen und Einwohnern"


def test_population_or_sample_standard_deviation():
    # a = 1…5: mean 3; population SD √2 (÷ 5), sample SD √2.5 (÷ 4)
    method = IndexMethod(components=[IndexComponent("a")], standard_deviation="population")
    t = compute_index(_five(), DIST, method, 2024).table.set_index("code")
    assert t.loc["05", "z_a"] == pytest.approx(2 / math.sqrt(2))
    assert t.loc["05", "status_class"] == "niedrig"  # 1.414
    method.standard_deviation = "sample"
    t = compute_index(_five(), DIST, method, 2024).table.set_index("code")
    assert t.loc["05", "z_a"] == pytest.approx(2 / SQRT25)


def test_summed_index_is_standardised_with_the_same_sd_kind():
    # z_a = (−2, −1, 0, 1, 2)/√2; z_c = (−1, −1, 0, 0, 2)/√1.2 (c = 0, 0, 1, 1, 3: mean 1,
    # population SD √1.2); raw = mean, then divided by its own population SD
    data = _five({("c", 2024): {1: 0, 2: 0, 3: 1, 4: 1, 5: 3}})
    method = IndexMethod(components=[IndexComponent("a"), IndexComponent("c")],
                         standard_deviation="population")
    t = compute_index(data, DIST, method, 2024).table
    za = pd.Series([-2, -1, 0, 1, 2]) / math.sqrt(2)
    zc = pd.Series([-1, -1, 0, 0, 2]) / math.sqrt(1.2)
    raw = (za + zc) / 2
    expected = (raw - raw.mean()) / raw.std(ddof=0)
    assert t["status_value"].tolist() == pytest.approx(expected.tolist())
    assert t["status_value"].std(ddof=0) == pytest.approx(1.0)


def test_definition_version_1_is_upgraded():
    old = berlin_mss(["a"], population_key="pop").to_dict()
    old.update(version=1, ddof=1, min_population_over_span=True)
    del old["standard_deviation"], old["min_population_at"]
    method = IndexMethod.from_dict(old)
    assert method.standard_deviation == "sample"
    assert method.min_population_at == "period_and_base"
