"""Indicator values from tables: long and wide form, codes, duplicates, undo, Cancel."""

from __future__ import annotations

import pytest

from k360desk.io import values
from k360desk.io.report import SKIPPED, ImportProblem
from k360desk.io.undo import redo_import, undo_import
from k360desk.progress import Cancelled, Progress
from tests.imports.conftest import snapshot


def _value(project, key, code, period):
    frame = project.values_frame(indicators=[key], periods=[period])
    row = frame[frame["district"] == code]
    return None if row.empty else (row["value"].iloc[0], row["status"].iloc[0])


def test_long_form_with_german_office_headers(small_project, write):
    path = write("lang.csv", "Gebiet;Merkmal;Stichtag;Wert\n"
                 "11;Einwohnerinnen und Einwohner;31.12.2024;1.050\n12;arbeitslose;31.12.2024;210,5\n",
                 "cp1252")
    proposal = values.preview(path).plan
    assert proposal.form == "long"
    assert (proposal.roles["district"], proposal.roles["indicator"], proposal.roles["period"],
            proposal.roles["value"]) == ("Gebiet", "Merkmal", "Stichtag", "Wert")
    report = values.run(small_project, path)
    assert (report.taken, report.updated, report.skipped) == (2, 0, 0)
    assert _value(small_project, "einwohner", "11", 2024) == (1050.0, "final")
    assert _value(small_project, "arbeitslose", "12", 2024) == (210.5, "final")


def test_wide_form_with_years_as_columns(small_project, write):
    path = write("breit.csv", "Stadtteil;2022;2023\n11;1.001;1.101\n12;2.002;x\n")
    with pytest.raises(ImportProblem, match="Indikator"):
        values.run(small_project, path)
    report = values.run(small_project, path, values.ValueOptions(fixed_indicator="einwohner"))
    assert report.updated == 4 and report.taken == 0
    assert _value(small_project, "einwohner", "12", 2022) == (2002.0, "final")
    value, status = _value(small_project, "einwohner", "12", 2023)
    assert value != value and status == "suppressed"
    assert any("Tabellenfach gesperrt" in r.reason and r.line == 3 for r in report.rows)


def test_wide_form_with_indicators_as_columns_and_a_year_column(small_project, write):
    path = write("w.csv", "Jahr,Planungsraum,Einwohner,Arbeitslose\n2025,11,10,1\n2025,12,20,2\n")
    report = values.run(small_project, path)
    assert report.taken == 4 and report.skipped == 0
    assert _value(small_project, "arbeitslose", "12", 2025) == (2.0, "final")


def test_duplicate_rows_with_different_values_are_all_skipped(small_project, write):
    path = write("d.csv", "Gebiet;Indikator;Jahr;Wert\n11;einwohner;2030;5\n11;einwohner;2030;6\n"
                 "12;einwohner;2030;7\n12;einwohner;2030;7\n")
    report = values.run(small_project, path)
    assert report.skipped == 2 and report.taken == 1
    reasons = {r.line: r for r in report.rows}
    assert reasons[2].status == SKIPPED and "widersprüchliche Werte" in reasons[2].reason
    assert "Zeilen 2, 3" in reasons[3].reason
    assert "gleichem Wert" in reasons[5].reason
    assert _value(small_project, "einwohner", "11", 2030) is None
    assert _value(small_project, "einwohner", "12", 2030) == (7.0, "final")


def test_codes_matching_no_district_and_leading_zeros(small_project, write):
    path = write("c.csv", "Gebiet;Indikator;Jahr;Wert\n 011 ;einwohner;2031;1\n99;einwohner;2031;2\n"
                 ";einwohner;2031;3\n")
    report = values.run(small_project, path)
    assert report.taken == 1 and report.skipped == 2
    reasons = {r.line: r.reason for r in report.rows}
    assert "ohne führende Nullen" in reasons[2]
    assert "„99“ gibt es im Projekt nicht" in reasons[3]
    assert "Gesamtstadt" in reasons[4]
    assert _value(small_project, "einwohner", "11", 2031) == (1.0, "final")


def test_leading_zeros_are_not_used_when_ambiguous(small_project, write):
    from shapely.geometry import box

    from k360desk.projectfile import District, DistrictLevel

    level = small_project.find(DistrictLevel, name="Quartier").id
    small_project.add(District(code="011", name="Dreifach", level_id=level, geom=box(0, 0, 1, 1)))
    path = write("c.csv", "Gebiet;Indikator;Jahr;Wert\n0011;einwohner;2031;1\n")
    report = values.run(small_project, path)
    assert report.skipped == 1 and "nicht eindeutig" in report.rows[0].reason


def test_unknown_indicators_are_skipped_or_created(small_project, write):
    path = write("u.csv", "Gebiet;Jahr;Kinder unter 6 Jahren\n11;2024;12\n")
    report = values.run(small_project, path)
    assert report.skipped == 1 and "Indikatoren anlegen" in report.rows[0].reason
    report = values.run(small_project, path, values.ValueOptions(create_indicators=True))
    assert report.taken == 1
    created = small_project.indicators_frame().set_index("key").loc["kinder_unter_6_jahren"]
    assert created["name"] == "Kinder unter 6 Jahren"


def test_mixed_decimal_styles_skip_the_odd_rows(small_project, write):
    path = write("m.csv", "Gebiet;Indikator;Jahr;Wert\n11;einwohner;2032;1.234,5\n12;einwohner;2032;12,5\n"
                 "13;einwohner;2032;1234.5\n")
    report = values.run(small_project, path)
    assert report.skipped == 1 and report.rows[-1].line == 4
    assert "gemischte Zahlformate" in report.rows[-1].reason
    assert _value(small_project, "einwohner", "11", 2032) == (1234.5, "final")


def test_undo_and_redo_restore_exactly(small_project, write):
    before = snapshot(small_project)
    path = write("u.csv", "Gebiet;Jahr;Einwohner;Neu\n11;2022;999;1\n12;2040;5;2\n")
    report = values.run(small_project, path, values.ValueOptions(create_indicators=True))
    assert report.updated == 1 and report.taken == 3
    after = snapshot(small_project)
    undo_import(small_project, report)
    assert snapshot(small_project) == before
    again = redo_import(small_project, report)
    assert (again.taken, again.updated) == (3, 1)
    assert snapshot(small_project)[0] == after[0]


def test_cancel_of_a_large_import_leaves_the_project_unchanged(small_project, tmp_path):
    path = tmp_path / "gross.csv"
    codes = ["11", "12", "13", "21", "22", "23"]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("Gebiet;Indikator;Jahr;Wert\n")
        for i in range(300_000):
            handle.write(f"{codes[i % 6]};ind{i // 6 % 125};{1800 + i // 750};{i},5\n")
    before = snapshot(small_project)
    seen: list[int] = []

    def cancel_late(done: int, total: int, text: str) -> None:
        seen.append(done)
        if text == "Werte schreiben …":
            progress.cancel()

    progress = Progress(cancel_late)
    with pytest.raises(Cancelled):
        values.run(small_project, path, values.ValueOptions(create_indicators=True), progress)
    assert len(seen) > 3 and max(seen) >= 60
    assert snapshot(small_project) == before
    assert not small_project.indicators_frame()["key"].str.startswith("ind").any()


def test_error_during_import_changes_nothing(small_project, write, monkeypatch):
    before = snapshot(small_project)
    path = write("e.csv", "Gebiet;Jahr;Neu\n11;2022;1\n")

    def broken(*args, **kwargs):
        raise RuntimeError("Platte voll")

    monkeypatch.setattr(small_project, "set_values", broken)
    with pytest.raises(RuntimeError):
        values.run(small_project, path, values.ValueOptions(create_indicators=True))
    monkeypatch.undo()
    assert snapshot(small_project) == before


def test_report_csv(small_project, write, tmp_path):
    path = write("r.csv", "Gebiet;Indikator;Jahr;Wert\n99;einwohner;2031;2\n")
    report = values.run(small_project, path)
    out = tmp_path / "bericht.csv"
    report.to_csv(out)
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Zeile;Ergebnis;Grund;Inhalt"
    assert "2;übersprungen;Sozialraum „99“ gibt es im Projekt nicht;2" in text


def test_flensburg_residents(fl_project, flensburg):
    report = values.run(fl_project, flensburg / "csv" / "fl_residents_by_district.csv",
                        values.ValueOptions(create_indicators=True, fixed_indicator="einwohner"))
    assert report.skipped == 0
    assert "Stadtteile" in " ".join(report.notes)
    # README: the tables' district_id is the 2-digit prefix of the Stadtteil; 2011, Altstadt: 3323
    assert _value(fl_project, "einwohner", "STGT01", 2011) == (3323.0, "final")
    ages = values.run(fl_project, flensburg / "csv" / "fl_age_groups_by_district.csv",
                      values.ValueOptions(create_indicators=True))
    assert ages.skipped == 0 and ages.taken == 8 * 26


def test_xlsx_with_merged_headers_imports_wide_values(small_project, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "Tabelle 4: Bevölkerung"
    sheet["A3"] = "Quartier"
    sheet.merge_cells("A3:A4")
    sheet["B3"] = "Einwohner"
    sheet.merge_cells("B3:C3")
    sheet["B4"], sheet["C4"] = 2026, 2027
    sheet.append(["11", 1000, "."])
    sheet.append([12, 2000.5, 2100])
    path = tmp_path / "atlas.xlsx"
    workbook.save(path)
    report = values.run(small_project, path)
    assert report.taken == 4 and report.skipped == 0
    assert _value(small_project, "einwohner", "12", 2026) == (2000.5, "final")
    value, status = _value(small_project, "einwohner", "11", 2027)
    assert status == "missing" and value != value
    assert [r.line for r in report.rows] == [5]


def test_overwriting_existing_values_with_other_numbers_is_pointed_out(small_project, write):
    path = write("o.csv", "Gebiet;Jahr;Einwohner\n11;2022;1000\n12;2022;7\n")
    report = values.run(small_project, path)
    assert (report.updated, report.unchanged) == (1, 1)  # 11: the same 1.000 again
    expected = "1 vorhandene Werte werden mit anderen Zahlen überschrieben (Indikator: Einwohner)"
    assert any(n.startswith(expected) for n in report.notes)
