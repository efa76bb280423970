"""The Berlin preset reproduces the published MSS method: each choice pinned by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from k360desk.cli import main
from tests.analysis.mss_city import MEAN, POP_SD, SAMPLE_SD, build_mss_city

BASE = ["--preset", "berlin-mss", "--period", "2021", "--status", "s1", "--dynamics", "d1",
        "--dynamics-source", "indicator"]


@pytest.fixture
def city(tmp_path):
    return build_mss_city(tmp_path / "mss.k360")


def _run(city, tmp_path, *extra):
    out = tmp_path / "index.csv"
    assert main(["index", str(city), *BASE, *extra, "-o", str(out)]) == 0
    return pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig",
                       dtype={"Code": str}).set_index("Code")


def test_preset_uses_population_sd_and_the_reference_date_only(city, tmp_path):
    frame = _run(city, tmp_path, "--population", "ew")
    # 02: (2 − 3,92857) / 1,89791 = −1,0162 → hoch (the sample SD gives −0,9408 → mittel)
    assert frame.loc["02", "Statusindex"] == pytest.approx((2 - MEAN) / POP_SD, abs=1e-3)
    assert frame["Statusklasse"].dropna().to_dict() == {
        "01": "hoch", "02": "hoch", "03": "mittel", "04": "mittel", "05": "mittel",
        "06": "niedrig", "08": "niedrig"}
    assert frame["Dynamikklasse"].dropna().to_dict() == {
        "01": "negativ", "02": "positiv", "03": "positiv", "04": "stabil", "05": "stabil",
        "06": "stabil", "08": "negativ"}
    # 08 had 250 inhabitants in 2019 but 400 now: the published rule keeps it
    assert frame.loc["08", "im Index"] == "ja"
    assert frame.loc["07", "Grund"] == "unter 300 Einwohnerinnen und Einwohnern"


def test_each_choice_can_be_changed_from_the_command_line(city, tmp_path):
    sample = _run(city, tmp_path, "--population", "ew", "--standard-deviation", "sample")
    assert sample.loc["02", "Statusindex"] == pytest.approx((2 - MEAN) / SAMPLE_SD, abs=1e-3)
    assert sample.loc["02", "Statusklasse"] == "mittel"
    assert sample.loc["02", "Dynamikklasse"] == "stabil"
    span = _run(city, tmp_path, "--population", "ew", "--min-population-at", "period_and_base")
    assert span.loc["08", "im Index"] == "nein"
    assert span.loc["06", "Statusklasse"] == "sehr niedrig"  # 1,589 among six districts


def test_preset_refuses_to_run_without_population(city, capsys):
    assert main(["index", str(city), *BASE]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and "--population" in err and err.count("\n") == 1


def test_span_zero_is_allowed_with_supplied_changes(city, tmp_path, capsys):
    frame = _run(city, tmp_path, "--population", "ew", "--span", "0")
    assert frame.loc["02", "Dynamikklasse"] == "positiv"
    assert main(["index", str(city), "--preset", "berlin-mss", "--period", "2021", "--status",
                 "s1", "--population", "ew", "--span", "0"]) == 1
    assert "0 Jahren" in capsys.readouterr().err
