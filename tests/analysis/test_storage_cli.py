"""Stored index definitions and runs, and the command line end to end."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from k360desk.analysis.socialindex import berlin_mss
from k360desk.cli import main
from k360desk.figures import indicators as figures
from k360desk.projectfile import ProjectError


def _method():
    method = berlin_mss(["alo_quote"], population_key="einwohner")
    method.span = 1
    method.exclusions = {"13": "Sondergebiet"}
    return method


def test_definition_round_trip_in_the_project(small_project):
    method = _method()
    index_id = figures.save_index_definition(small_project, method, notes="Test")
    again = figures.load_index_definition(small_project, method.name)
    assert again == method
    comps = small_project.link_frame("index_components", index_id=index_id)
    assert set(comps["role"]) == {"status", "dynamics", "population"}
    excl = small_project.link_frame("index_exclusions", index_id=index_id)
    assert excl["reason"].tolist() == ["Sondergebiet"]
    method.min_population = 100  # saving again replaces, does not duplicate
    assert figures.save_index_definition(small_project, method) == index_id
    assert figures.load_index_definition(small_project, method.name).min_population == 100
    with pytest.raises(ProjectError, match="gibt es nicht"):
        figures.load_index_definition(small_project, "Unbekannt")


def test_unknown_indicator_is_refused(small_project):
    with pytest.raises(ProjectError, match="alo_quoten"):
        figures.save_index_definition(small_project, berlin_mss(["alo_quoten"], population_key="einwohner"))


def test_run_is_stored_with_parameters_and_reproducible(small_project):
    method = _method()
    figures.save_index_definition(small_project, method)
    result = figures.index_for_project(small_project, method, 2023)
    run_id = figures.store_index_result(small_project, result, method.name)
    stored_run = figures.load_index_result(small_project, run_id)
    table, parameters = stored_run.table, stored_run.parameters
    assert parameters["period"] == 2023 and parameters["method"]["span"] == 1
    assert parameters["status_components"]["alo_quote"]["n"] == 4
    stored = table.set_index("district_id")
    fresh = result.table.set_index("district_id")
    pd.testing.assert_series_equal(stored["status_value"], fresh["status_value"],
                                   check_names=False)
    assert stored.loc[fresh.index[2], "reason"] == "ausgeschlossen: Sondergebiet"
    assert stored["need_score"].max() == 100
    # next year: the definition changed, the stored run still reproduces the old result
    method.exclusions = {}
    figures.save_index_definition(small_project, method)
    again = figures.rerun_index(small_project, run_id).table.set_index("district_id")
    pd.testing.assert_series_equal(again["status_value"], fresh["status_value"])
    labels = figures.index_class_labels(parameters)
    assert labels == (["hoch", "mittel", "niedrig", "sehr niedrig"],
                      ["positiv", "stabil", "negativ"])


@pytest.fixture
def saved(small_project):
    path = small_project.path
    small_project.close()
    return path


def _read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    return pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig", dtype={"Code": str})


def test_cli_index_preset_to_csv(saved, tmp_path, capsys):
    out = tmp_path / "index.csv"
    definition = tmp_path / "verfahren.json"
    code = main(["index", str(saved), "--preset", "berlin-mss", "--period", "2023",
                 "--status", "alo_quote", "--population", "einwohner", "--span", "1",
                 "--exclude", "13=Sondergebiet", "-o", str(out), "--save-definition",
                 str(definition)])
    assert code == 0
    assert "4 von 6 Sozialräumen im Index" in capsys.readouterr().out
    frame = _read_csv(out).set_index("Code")
    assert frame.loc["13", "im Index"] == "nein"
    assert frame.loc["13", "Grund"] == "ausgeschlossen: Sondergebiet"
    assert frame.loc["22", "Grund"] == "unter 300 Einwohnerinnen und Einwohnern"
    assert frame.loc["23", "Statusklasse"] in ("niedrig", "sehr niedrig")
    assert "z alo_quote" in frame.columns and "Status/Dynamik" in frame.columns
    assert json.loads(definition.read_text(encoding="utf-8"))["format"] == "k360desk-sozialindex"
    # the shared file gives the same result
    out2 = tmp_path / "index2.csv"
    assert main(["index", str(saved), "--definition-file", str(definition), "--period", "2023",
                 "-o", str(out2)]) == 0
    pd.testing.assert_frame_equal(_read_csv(out2), _read_csv(out))


def test_cli_index_store_and_definition(saved, capsys):
    assert main(["index", str(saved), "--preset", "berlin-mss", "--period", "2023", "--status",
                 "alo_quote", "--population", "einwohner", "--span", "1", "--store"]) == 0
    assert "Indexlauf 1" in capsys.readouterr().out
    name = "Monitoring Soziale Stadtentwicklung (Berliner Verfahren)"
    assert main(["index", str(saved), "--definition", name, "--period", "2023"]) == 0
    printed = capsys.readouterr().out
    assert "sehr niedrig" in printed and "5 von 6" in printed


@pytest.mark.parametrize("args, message", [
    (["--preset", "berlin-mss", "--period", "2023", "--status", "gibtsnicht"], "gibtsnicht"),
    (["--preset", "berlin-mss", "--period", "2023"], "Statusindikatoren"),
    (["--preset", "berlin-mss", "--period", "1990", "--status", "alo_quote", "--population",
      "einwohner"], "keine Werte"),
    (["--preset", "berlin-mss", "--period", "2023", "--status", "alo_quote", "--population",
      "einwohner", "--exclude", "99"], "99"),
    (["--definition", "Nix", "--period", "2023"], "Nix"),
])
def test_cli_index_errors_are_one_german_line(saved, capsys, args, message):
    assert main(["index", str(saved), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: ") and message in err and err.count("\n") == 1


def test_cli_coverage(saved, tmp_path, capsys):
    from k360desk.projectfile import Facility, FacilityType, Project

    with Project.open(saved) as project:
        kita = project.add(FacilityType(name="Kita"))
        ids = dict(zip(project.districts_frame()["code"], project.districts_frame()["id"],
                       strict=True))
        project.add(Facility(name="Kita Nord", type_id=kita, capacity=55, district_id=ids["11"]))
        project.save()
    out = tmp_path / "versorgung.csv"
    assert main(["coverage", str(saved), "--type", "Kita", "--target-indicator", "einwohner",
                 "--guide-value", "20", "--period", "2023", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Ohne Einrichtung: 12 Quartier 12" in printed
    frame = _read_csv(out).set_index("Code")
    assert frame.loc["11", "Plätze je 1.000"] == pytest.approx(50)
    assert frame.loc["11", "Versorgung %"] == pytest.approx(250)
    assert main(["coverage", str(saved), "--type", "Kita", "--target-indicator", "einwohner",
                 "--guide-value", "null"]) == 1
    assert "Richtwert" in capsys.readouterr().err


def test_cli_quantile_classes(saved, tmp_path):
    out = tmp_path / "q.csv"
    assert main(["index", str(saved), "--preset", "berlin-mss", "--period", "2023", "--status",
                 "alo_quote", "--population", "einwohner", "--span", "1", "--quantiles", "5",
                 "-o", str(out)]) == 0
    frame = _read_csv(out).set_index("Code")
    # five districts enter: quotas 5, 10, 5, 4, 15 → ranks (ties lowest) 2, 4, 2, 1, 5
    assert frame.loc[["21", "11", "13", "12", "23"], "Statusklasse"].tolist() == [
        "Klasse 1", "Klasse 2", "Klasse 2", "Klasse 4", "Klasse 5"]


def test_analysis_imports_neither_qt_nor_heavy_libraries():
    import subprocess
    import sys

    code = ("import sys; import k360desk.analysis.socialindex, k360desk.analysis.reference, "
            "k360desk.analysis.disclosure, k360desk.analysis.coverage, k360desk.analysis.derived, "
            "k360desk.analysis.indexcalc, k360desk.figures.indicators; "
            "bad = [m for m in ('PySide6', 'geopandas', 'matplotlib', 'reportlab') "
            "if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
