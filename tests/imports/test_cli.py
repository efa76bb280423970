"""The ``k360desk import`` command: report, exit codes, saved project."""

from __future__ import annotations

from k360desk.cli import main
from k360desk.projectfile import Project


def test_import_districts_and_values_from_the_command_line(flensburg, tmp_path, capsys):
    project = tmp_path / "fl.k360"
    assert main(["new", str(project), "--name", "Flensburg"]) == 0
    assert main(["import", "districts", str(project), str(flensburg / "flensburg_stadtteile.zip"),
                 "--code", "AREA_ID", "--name", "AREA_NAME", "--level", "Stadtteile"]) == 0
    out = capsys.readouterr().out
    assert "Sozialräume: 13 neu übernommen" in out
    assert main(["import", "districts", str(project), str(flensburg / "stadtbezirke"),
                 "--parent", "PARENT_ARE", "--level", "Bezirke"]) == 0
    csv = flensburg / "csv" / "fl_unemployed_residents_by_district.csv"
    assert main(["import", "values", str(project), str(csv), "--level", "Stadtteile",
                 "--indicator-key", "arbeitslose"]) == 3  # unknown indicator: skipped
    report = tmp_path / "bericht.csv"
    assert main(["import", "values", str(project), str(csv), "--level", "Stadtteile",
                 "--indicator-key", "arbeitslose", "--create-indicators", "--report", str(report)]) == 0
    assert report.read_text(encoding="utf-8-sig").startswith("Zeile;Ergebnis;Grund;Inhalt")
    with Project.open(project, read_only=True) as saved:
        assert saved.count("districts") == 54
        frame = saved.values_frame(indicators=["arbeitslose"])
        assert len(frame) > 0 and set(frame["district"]) <= {f"STGT{i:02d}" for i in range(1, 14)}


def test_skipped_rows_give_exit_code_3_unless_allowed(small_project, tmp_path, capsys):
    path = small_project.path
    small_project.close()
    data = tmp_path / "w.csv"
    data.write_text("Gebiet;Indikator;Jahr;Wert\n11;einwohner;2030;1\n99;einwohner;2030;2\n",
                    encoding="utf-8")
    assert main(["import", "values", str(path), str(data)]) == 3
    captured = capsys.readouterr()
    assert "Zeile 3: übersprungen – Sozialraum „99“ gibt es im Projekt nicht" in captured.out
    assert main(["import", "values", str(path), str(data), "--allow-skipped"]) == 0


def test_bad_input_is_one_german_line(small_project, tmp_path, capsys):
    path = small_project.path
    small_project.close()
    empty = tmp_path / "leer.csv"
    empty.write_text("", encoding="utf-8")
    assert main(["import", "values", str(path), str(empty)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: Die Datei „leer.csv“ ist leer.")
    assert "Traceback" not in err
