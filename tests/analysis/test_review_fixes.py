"""Worked examples for the review of the analysis engine: z-values under disclosure control,
polarity of the Berlin preset, the reference level per period, coverage totals, --store."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from k360desk.analysis.coverage import coverage_total
from k360desk.analysis.reference import reference_values
from k360desk.analysis.socialindex import MethodError
from k360desk.cli import main
from k360desk.figures import indicators as figures
from k360desk.projectfile import District, IndexDefinition, Indicator
from tests.analysis.helpers import districts, indicators, values

BERLIN = "Monitoring Soziale Stadtentwicklung (Berliner Verfahren)"


def _ids(project) -> tuple[dict[str, int], dict[str, int]]:
    keys = dict(zip(project.indicators_frame()["key"], project.indicators_frame()["id"],
                    strict=True))
    codes = {d.code: int(d.id) for d in project.all(District)}
    return keys, codes


def _method(project, status=("alo_quote",)):
    method = figures.berlin_mss_for_project(project, list(status), population_key="einwohner")
    method.span = 1
    return method


# --- 1 disclosure: z-values are rescaled values --------------------------------------------

def test_index_output_hides_z_values_of_suppressed_components(small_project):
    # Arbeitslose in 22: 2.2 (< 3) is suppressed; secondary suppression in Stadtteil 2 then
    # hides the smallest other cell, 21 (66), and with it alo_quote of 21 in both years.
    result = figures.index_for_project(small_project, _method(small_project), 2023)
    raw = result.table.set_index("code")
    assert math.isfinite(raw.loc["21", "z_alo_quote"])  # computed from the full values …
    hidden = figures.index_hidden_components(small_project, result)
    frame = figures.index_display_table(result, hidden=hidden).set_index("Code")
    assert math.isnan(frame.loc["21", "z alo_quote"])  # … but never shown
    assert math.isnan(frame.loc["21", "z Veränderung alo_quote"])
    assert frame.loc["21", "Statusindex"] == pytest.approx(raw.loc["21", "status_value"], abs=1e-3)
    assert frame.loc["21", "im Index"] == "ja"
    # 22 is under 300 inhabitants: outside the index, no z-values at all
    assert frame.loc["22", "im Index"] == "nein" and math.isnan(frame.loc["22", "z alo_quote"])
    # unsuppressed districts keep theirs
    assert frame.loc["11", "z alo_quote"] == pytest.approx(raw.loc["11", "z_alo_quote"], abs=1e-3)


def test_change_z_value_hidden_when_the_base_year_is_suppressed(small_project):
    keys, codes = _ids(small_project)
    small_project.set_values([{"indicator_id": keys["arbeitslose"], "district_id": codes["11"],
                               "period": 2022, "value": 1.0}])
    result = figures.index_for_project(small_project, _method(small_project), 2023)
    hidden = figures.index_hidden_components(small_project, result)
    frame = figures.index_display_table(result, hidden=hidden).set_index("Code")
    assert math.isfinite(frame.loc["11", "z alo_quote"])  # 2023 (50) is shown
    assert math.isnan(frame.loc["11", "z Veränderung alo_quote"])  # 2022 (1) is secret
    # secondary suppression in Stadtteil 1, 2022: the smallest other cell is 13 (25)
    assert math.isnan(frame.loc["13", "z Veränderung alo_quote"])
    assert math.isfinite(frame.loc["12", "z Veränderung alo_quote"])


def test_cli_index_csv_leaves_suppressed_z_values_empty(small_project, tmp_path):
    path = small_project.path
    small_project.close()
    out = tmp_path / "index.csv"
    assert main(["index", str(path), "--preset", "berlin-mss", "--period", "2023", "--status",
                 "alo_quote", "--population", "einwohner", "--span", "1", "-o", str(out)]) == 0
    frame = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig", dtype={"Code": str})
    frame = frame.set_index("Code")
    assert frame.loc[["21", "22"], "z alo_quote"].isna().all()
    assert frame.loc[["11", "12", "13", "23"], "z alo_quote"].notna().all()


# --- 2 polarity from the project -----------------------------------------------------------

def _add_gym(project) -> None:
    keys, codes = _ids(project)
    gym = project.add(Indicator(key="gym_quote", name="Übergangsquote Gymnasium", unit="%",
                                kind="share", polarity=-1))
    rates = {"11": 60, "12": 40, "13": 50, "21": 45, "22": 30, "23": 20}
    project.set_values([{"indicator_id": gym, "district_id": codes[c], "period": p, "value": v}
                        for c, v in rates.items() for p in (2022, 2023)])


def test_berlin_preset_takes_polarity_from_the_project(small_project):
    _add_gym(small_project)
    method = _method(small_project, ["alo_quote", "gym_quote"])
    polarity = {(c.role, c.indicator): c.polarity for c in method.components}
    assert polarity[("status", "gym_quote")] == -1 and polarity[("dynamics", "gym_quote")] == -1
    assert polarity[("status", "alo_quote")] == 1
    # gym_quote alone: the status index is −z, so the highest rate (11: 60 %) has least need
    alone = figures.index_for_project(small_project, _method(small_project, ["gym_quote"]), 2023)
    t = alone.table[alone.table["included"]].set_index("code")
    assert t["status_value"].to_numpy() == pytest.approx(-t["z_gym_quote"].to_numpy())
    assert t["status_value"].idxmin() == "11" and t["status_value"].idxmax() == "23"


def test_neutral_indicator_is_refused_as_component(small_project, capsys):
    with pytest.raises(MethodError, match="keine Polung.*einwohner"):
        _method(small_project, ["alo_quote", "einwohner"])
    path = small_project.path
    small_project.close()
    assert main(["index", str(path), "--preset", "berlin-mss", "--period", "2023", "--status",
                 "einwohner"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and "keine Polung" in err and err.count("\n") == 1


# --- 3 reference level chosen per period ---------------------------------------------------

# Two Stadtteile (10, 20) of two Quartiere each (1, 2 | 3, 4).
DIST = districts((10, "1", 1, 0, None), (20, "2", 1, 0, None), (1, "11", 2, 1, 10),
                 (2, "12", 2, 1, 10), (3, "21", 2, 1, 20), (4, "22", 2, 1, 20))
IND = indicators({"id": 1, "key": "ew"}, {"id": 2, "key": "alo"},
                 {"id": 3, "key": "quote", "kind": "share", "numerator_id": 2,
                  "denominator_id": 1, "scale": 100})


def test_reference_level_is_chosen_per_period():
    frames = [
        # 2023: Quartiere complete (and Stadtteile too): the Quartiere are summed
        values(IND, {"ew": {1: 100, 2: 200, 3: 300, 4: 400, 10: 300, 20: 700}}, 2023),
        # 2024: only Stadtteile delivered: no longer lost
        values(IND, {"ew": {10: 310, 20: 720}}, 2024),
        # 2025: Quartier 22 missing, Stadtteile complete: 320 + 740, not 105 + 210 + 315
        values(IND, {"ew": {1: 105, 2: 210, 3: 315, 10: 320, 20: 740}}, 2025),
        # 2026: nothing complete: the finest level with values, flagged
        values(IND, {"ew": {1: 110, 2: 220, 3: 330}}, 2026),
    ]
    ref = reference_values(pd.concat(frames, ignore_index=True), IND, DIST).set_index("period")
    assert ref["value"].to_dict() == {2023: 1000, 2024: 1030, 2025: 1060, 2026: 660}
    assert ref["districts"].to_dict() == {2023: 4, 2024: 2, 2025: 2, 2026: 3}
    assert ref["complete"].to_dict() == {2023: True, 2024: True, 2025: True, 2026: False}


def test_ratio_reference_uses_the_level_where_both_parts_are_complete():
    data = values(IND, {"ew": {1: 100, 2: 100, 3: 100, 4: 100, 10: 200, 20: 200},
                        "alo": {1: 5, 2: 10, 3: 15, 10: 15, 20: 45}}, 2024)
    ref = reference_values(data, IND, DIST).set_index("indicator")
    # Quartier 22 lacks alo: the complete Stadtteile give 60 / 400 × 100 = 15 %, not the
    # three Quartiere's 30 / 300 = 10 %
    assert ref.loc["quote", "value"] == pytest.approx(15.0)
    assert ref.loc["quote", "districts"] == 2 and bool(ref.loc["quote", "complete"])
    assert ref.loc["alo", "value"] == 60 and bool(ref.loc["alo", "complete"])


def test_indicator_table_marks_an_incomplete_reference(small_project):
    keys, codes = _ids(small_project)
    table = figures.indicator_table(small_project, "einwohner", 2023)
    assert table["reference_complete"].all() and (table["reference_note"] == "").all()
    small_project.delete_values([(keys["einwohner"], codes["11"], 2023)])
    table = figures.indicator_table(small_project, "einwohner", 2023)
    assert table["reference"].iloc[0] == pytest.approx((8250 - 1000) * 1.1)
    assert not table["reference_complete"].any()
    assert (table["reference_note"] == "unvollständig").all()


# --- 4 smaller ----------------------------------------------------------------------------

def test_coverage_total_sums_places_only_where_the_target_is_known():
    table = pd.DataFrame({
        "capacity": [100.0, 50.0, 80.0], "target_population": [200.0, 100.0, float("nan")],
        "guide_value": [400.0] * 3, "gap": [-20.0, -10.0, float("nan")]})
    total = coverage_total(table)
    assert total["capacity"] == 150 and total["target_population"] == 300
    assert total["places_per_1000"] == pytest.approx(500)  # 150 / 300 × 1000, not 230 / 300
    assert total["coverage_pct"] == pytest.approx(125)


def test_store_refuses_to_overwrite_another_definition_of_the_same_name(small_project, capsys):
    path = small_project.path
    small_project.close()
    base = ["index", str(path), "--preset", "berlin-mss", "--period", "2023", "--population",
            "einwohner", "--span", "1", "--store"]
    assert main([*base, "--status", "alo_quote"]) == 0
    assert main([*base, "--status", "alo_quote"]) == 0  # the same definition again is fine
    capsys.readouterr()
    # another edition or variant is stored beside it, never over it (issue 16)
    assert main([*base, "--status", "alo_quote,arbeitslose"]) == 0
    out = capsys.readouterr().out
    assert "Variante" in out and "--replace" in out

    from k360desk.projectfile import Project

    with Project.open(path, read_only=True) as project:
        stored = figures.load_index_definition(project, BERLIN)
        variant = figures.load_index_definition(project, f"{BERLIN} 2023 (3)")
    assert [c.indicator for c in stored.status_components] == ["alo_quote"]
    assert [c.indicator for c in variant.status_components] == ["alo_quote", "arbeitslose"]
    assert main([*base, "--status", "alo_quote,arbeitslose", "--replace"]) == 0
    with Project.open(path, read_only=True) as project:
        stored = figures.load_index_definition(project, BERLIN)
        assert len(project.all(IndexDefinition)) == 2
    assert [c.indicator for c in stored.status_components] == ["alo_quote", "arbeitslose"]
