"""Issue 14: importers never guess a key silently, compare names, refuse absurd numbers."""

from __future__ import annotations

import json

from k360desk.cli import main
from k360desk.projectfile import Project


def _square(x: float, y: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x + 1000, y], [x + 1000, y + 1000],
                                                [x, y + 1000], [x, y]]]}


def _geojson(path, rows) -> None:
    features = [{"type": "Feature", "properties": props, "geometry": _square(400000 + 1000 * i,
                                                                             5400000)}
                for i, props in enumerate(rows)]
    path.write_text(json.dumps({
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25832"}},
        "features": features}), encoding="utf-8")


def _new(tmp_path) -> str:
    project = tmp_path / "p.k360"
    assert main(["new", str(project), "--name", "Teststadt"]) == 0
    return str(project)


def test_districts_without_code_refuse_a_column_that_is_no_code(tmp_path, capsys):
    project = _new(tmp_path)
    source = tmp_path / "bezirke.geojson"
    _geojson(source, [{"id": "01", "name": "Altstadt", "area": 366755.5},
                      {"id": "02", "name": "Hafen", "area": 120433.25},
                      {"id": "02", "name": "Neustadt", "area": 99871.75}])
    capsys.readouterr()
    assert main(["import", "districts", project, str(source)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Fehler: ") and "\n" not in err
    assert "--code" in err and "„id“" in err and "doppelt" in err
    with Project.open(project, read_only=True) as saved:
        assert saved.count("districts") == 0
    # named explicitly, the duplicate is reported, as before
    assert main(["import", "districts", project, str(source), "--code", "id"]) == 3
    assert "kommt mehrfach vor" in capsys.readouterr().out


def test_districts_without_code_take_a_unique_code_column(tmp_path, capsys):
    project = _new(tmp_path)
    source = tmp_path / "bezirke.geojson"
    _geojson(source, [{"id": "01", "name": "Altstadt", "area": 366755.5},
                      {"id": "02", "name": "Hafen", "area": 120433.25}])
    assert main(["import", "districts", project, str(source)]) == 0
    with Project.open(project, read_only=True) as saved:
        assert sorted(saved.districts_frame()["code"]) == ["01", "02"]


def _city(tmp_path) -> str:
    project = _new(tmp_path)
    source = tmp_path / "bezirke.geojson"
    _geojson(source, [{"id": "0101", "name": "Altstadt"}, {"id": "0102", "name": "Innenstadt"}])
    assert main(["import", "districts", project, str(source), "--code", "id", "--name",
                 "name"]) == 0
    return project


def _stored(project, key):
    with Project.open(project, read_only=True) as saved:
        frame = saved.values_frame(indicators=[key])
    return dict(zip(frame["district"], frame["value"], strict=True))


def test_values_with_a_name_of_another_district_are_listed_and_refused_when_strict(
        tmp_path, capsys):
    project = _city(tmp_path)
    data = tmp_path / "werte.csv"
    data.write_text("Schlüssel;Name;Einwohner 2024\n0101;Innenstadt;500\n0102;Innenstadt;700\n",
                    encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "values", project, str(data), "--create-indicators", "--strict"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Fehler: ") and "0101" in err and "Altstadt" in err
    assert "Innenstadt" in err and "\n" not in err
    assert _stored(project, "einwohner") == {}
    assert main(["import", "values", project, str(data), "--create-indicators"]) == 0
    out = capsys.readouterr().out
    assert "„0101“" in out and "„Innenstadt“" in out and "„Altstadt“" in out
    assert _stored(project, "einwohner") == {"0101": 500.0, "0102": 700.0}


def test_non_finite_and_absurd_numbers_are_skipped_and_reported(tmp_path, capsys):
    project = _city(tmp_path)
    data = tmp_path / "werte.csv"
    data.write_text("Schlüssel;Einwohner 2024\n0101;" + "9" * 320 + "\n0102;inf\n",
                    encoding="utf-8")
    capsys.readouterr()
    assert main(["import", "values", project, str(data), "--create-indicators"]) == 3
    out = capsys.readouterr().out
    assert "Zeile 2: übersprungen" in out and "Zeile 3: übersprungen" in out
    assert _stored(project, "einwohner") == {}


def test_cli_imports_into_a_project_in_the_temp_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("K360DESK_TEMP_AS_DOCUMENTS", raising=False)
    project = _city(tmp_path)
    data = tmp_path / "werte.csv"
    data.write_text("Schlüssel;Einwohner 2024\n0101;5\n", encoding="utf-8")
    assert main(["import", "values", project, str(data), "--create-indicators"]) == 0
    assert _stored(project, "einwohner") == {"0101": 5.0}


def test_cli_index_store_into_a_project_in_the_temp_folder(small_project, monkeypatch, capsys):
    path = small_project.path
    small_project.close()
    monkeypatch.delenv("K360DESK_TEMP_AS_DOCUMENTS", raising=False)
    assert main(["index", str(path), "--preset", "berlin-mss", "--period", "2023", "--status",
                 "alo_quote", "--population", "einwohner", "--span", "1", "--store"]) == 0
    assert "temporären Ordner" not in capsys.readouterr().err
    with Project.open(path, read_only=True) as saved:
        assert saved.count("index_runs") == 1


def test_re_import_of_the_same_files_says_unchanged(tmp_path, capsys):
    project = _new(tmp_path)
    source = tmp_path / "bezirke.geojson"
    _geojson(source, [{"id": "0101", "name": "Altstadt"}, {"id": "0102", "name": "Innenstadt"}])
    data = tmp_path / "werte.csv"
    data.write_text("Schlüssel;Einwohner 2024\n0101;500\n0102;700\n", encoding="utf-8")
    for _ in range(2):
        assert main(["import", "districts", project, str(source), "--code", "id"]) == 0
        assert main(["import", "values", project, str(data), "--create-indicators"]) == 0
    out = capsys.readouterr().out
    assert "Sozialräume: 0 neu übernommen, 0 aktualisiert, 2 unverändert" in out
    assert "Indikatorwerte: 0 neu übernommen, 0 aktualisiert, 2 unverändert" in out


def test_a_name_column_is_never_taken_as_key(tmp_path, capsys):
    project = _new(tmp_path)
    source = tmp_path / "stadtteile.geojson"
    _geojson(source, [{"stadtteil_name": "Altstadt", "stadtteil_nummer": "101"},
                      {"stadtteil_name": "Hafen-City", "stadtteil_nummer": "102"}])
    assert main(["import", "districts", project, str(source)]) == 0
    with Project.open(project, read_only=True) as saved:
        frame = saved.districts_frame().set_index("code")
    assert frame.loc["101", "name"] == "Altstadt" and frame.loc["102", "name"] == "Hafen-City"
