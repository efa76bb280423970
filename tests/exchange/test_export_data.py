"""Exports for colleagues: German Excel CSV, XLSX, GeoPackage and GeoJSON, with disclosure control."""

from __future__ import annotations

import openpyxl
import pyogrio
import pytest

from k360desk.cli import main
from k360desk.io.spreadsheet import neutralise, write_csv
from k360desk.projectfile import District


def test_values_csv_opens_in_german_excel(small_project, tmp_path):
    out = tmp_path / "werte.csv"
    assert main(["export", "values", str(small_project.path), str(out), "--period", "2023"]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel detects UTF-8
    text = raw.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Sozialraum;Name;Indikator;Bezeichnung;Einheit;Jahr;Wert;Status"
    # Derived rate computed: Quartier 12: 220 / 2200 × 100 = 10 %.
    assert any(line.startswith("12;Quartier 12;alo_quote;") and ";10;" in line for line in lines)
    # 2 × 1.1 = 2,2 unemployed in Quartier 22 is under the threshold: no number, marked secret.
    row = next(line for line in lines if line.startswith("22;Quartier 22;arbeitslose;"))
    assert row.endswith(";;.")  # the official sign for secret (issue 19)
    assert "2,2" not in row
    # Population 3300 in Quartier 23 keeps its decimal comma format for non-integers.
    assert any(line.startswith("23;Quartier 23;arbeitslose;") and ";495;" in line for line in lines)


def test_values_xlsx(small_project, tmp_path):
    out = tmp_path / "werte.xlsx"
    assert main(["export", "values", str(small_project.path), str(out)]) == 0
    sheet = openpyxl.load_workbook(out)["Indikatorwerte"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Sozialraum", "Name", "Indikator"]
    assert sheet.max_row > 20


def test_formula_cells_are_neutralised(tmp_path):
    import pandas as pd

    assert neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert neutralise("@SUMME(A1)") == "'@SUMME(A1)"
    out = tmp_path / "x.csv"
    write_csv(pd.DataFrame({"Name": ["+49 461 123", "Verein"], "Wert": [-3.5, 2.0]}), out)
    text = out.read_text(encoding="utf-8-sig")
    assert "'+49 461 123" in text and ";-3,5" in text


def test_districts_as_geopackage_and_geojson(small_project, tmp_path):
    gpkg = tmp_path / "sozialraeume.gpkg"
    assert main(["export", "districts", str(small_project.path), str(gpkg),
                 "--indicators", "einwohner,arbeitslose"]) == 0
    frame = pyogrio.read_dataframe(gpkg).set_index("schluessel")
    assert frame.loc["12", "einwohner"] == pytest.approx(2200)
    assert frame.loc["12", "einwohner_jahr"] == 2023
    assert frame.loc["22", "arbeitslose_status"] == "."
    assert frame.loc["22", "arbeitslose"] != frame.loc["22", "arbeitslose"]
    geojson = tmp_path / "sozialraeume.geojson"
    assert main(["export", "districts", str(small_project.path), str(geojson)]) == 0
    back = pyogrio.read_dataframe(geojson)
    assert back.crs.to_epsg() == 4326 and len(back) == small_project.count("districts")


def test_unknown_format_and_indicator_are_one_line_errors(small_project, tmp_path, capsys):
    assert main(["export", "values", str(small_project.path), str(tmp_path / "x.pdf")]) == 1
    assert "Unbekanntes Format" in capsys.readouterr().err
    assert main(["export", "districts", str(small_project.path), str(tmp_path / "x.gpkg"),
                 "--indicators", "gibtsnicht"]) == 1
    assert "Unbekannte Indikatoren" in capsys.readouterr().err
    assert small_project.find(District, code="11") is not None


def test_empty_selection_and_missing_folder_are_errors(small_project, tmp_path, capsys):
    out = tmp_path / "leer.csv"
    assert main(["export", "values", str(small_project.path), str(out), "--period", "1900"]) == 1
    assert "keine Werte" in capsys.readouterr().err and not out.exists()
    assert main(["export", "values", str(small_project.path), str(tmp_path / "fehlt" / "x.csv")]) == 1
    assert "gibt es nicht" in capsys.readouterr().err
