"""Reading CSV/XLSX as office exports come: encodings, separators, notes, numbers, markers."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from k360desk.io.numbers import parse_numbers, parse_periods
from k360desk.io.report import ImportProblem
from k360desk.io.tables import TableOptions, read_table

TEXT = "Stadtteil;Straße;Einwohner\n01;Große Straße;1.234,5\n02;Mühlenweg;17\n"


def test_cp1252_file_is_detected_and_umlauts_survive(write):
    table = read_table(write("a.csv", TEXT, "cp1252"))
    assert table.encoding == "cp1252"
    assert list(table.frame.columns) == ["Stadtteil", "Straße", "Einwohner"]
    assert table.frame["Straße"].tolist() == ["Große Straße", "Mühlenweg"]


def test_utf8_with_and_without_bom(write):
    assert read_table(write("a.csv", TEXT, "utf-8")).encoding == "utf-8"
    bom = read_table(write("b.csv", "\ufeff" + TEXT, "utf-8"))
    assert bom.encoding == "utf-8-sig"
    assert bom.frame.columns[0] == "Stadtteil"


def test_wrong_encoding_chosen_gives_a_clear_message(write):
    path = write("a.csv", TEXT, "cp1252")
    with pytest.raises(ImportProblem) as info:
        read_table(path, TableOptions(encoding="utf-8"))
    assert "Zeile 1" in str(info.value) and "Windows-1252" in str(info.value)


def test_utf8_read_as_cp1252_warns_about_umlauts(write):
    table = read_table(write("a.csv", TEXT, "utf-8"), TableOptions(encoding="cp1252"))
    assert any("Umlaute" in w for w in table.warnings)


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_separator_is_detected(write, sep):
    text = f"Gebiet{sep}Jahr{sep}Wert\n11{sep}2022{sep}5\n12{sep}2022{sep}7\n"
    table = read_table(write("a.csv", text))
    assert table.sep == sep
    assert table.frame.shape == (2, 3)


def test_notes_rows_above_the_header_are_kept_as_notes(write):
    text = ("Bevölkerung nach Stadtteilen\nQuelle: Statistikstelle\n\n"
            "Stadtteil;2021;2022\n01;10;11\n02;20;21\n")
    table = read_table(write("a.csv", text))
    assert table.header_line == 4
    assert table.notes == ["Bevölkerung nach Stadtteilen", "Quelle: Statistikstelle"]
    assert list(table.frame.columns) == ["Stadtteil", "2021", "2022"]
    assert table.lines.tolist() == [5, 6]


def test_empty_file_and_header_only(write):
    with pytest.raises(ImportProblem, match="leer"):
        read_table(write("a.csv", ""))
    with pytest.raises(ImportProblem, match="leer"):
        read_table(write("b.csv", "\n\n  \n"))
    with pytest.raises(ImportProblem, match="nur die Kopfzeile"):
        read_table(write("c.csv", "Stadtteil;Jahr;Wert\n"))


def test_markers_are_never_numbers():
    cells = pd.Series(["-", ".", "x", "/", "…", "(5)", "12", "(12,5)", "X"])
    parsed = parse_numbers(cells)
    assert parsed.status.tolist() == ["missing", "missing", "suppressed", "suppressed", "missing",
                                      "suppressed", "final", "suppressed", "suppressed"]
    assert pd.isna(parsed.values[[0, 1, 2, 3, 4, 5, 7, 8]]).all()
    assert parsed.values[6] == 12
    assert all(i in parsed.reasons for i in (0, 2, 5))


def test_mixed_decimal_styles_in_one_column_are_not_coerced():
    parsed = parse_numbers(pd.Series(["1.234,5", "12,5", "7,25", "1234.5", "3"]))
    assert parsed.mixed and parsed.decimal == ","
    assert parsed.values[:3].tolist() == [1234.5, 12.5, 7.25]
    assert parsed.status[3] == "bad" and "gemischte Zahlformate" in parsed.reasons[3]
    assert parsed.values[4] == 3


def test_ambiguous_column_uses_the_file_default():
    parsed = parse_numbers(pd.Series(["1.234", "2.500"]), default=",")
    assert parsed.values.tolist() == [1234, 2500] and parsed.ambiguous
    parsed = parse_numbers(pd.Series(["1.234", "2.500"]), default=".")
    assert parsed.values.tolist() == [1.234, 2.5]


def test_periods_from_years_and_stichtag():
    periods = parse_periods(pd.Series(["2022", "31.12.2021", 2020, "Stichtag 30.06.2019", "Jahr", 2020.0]))
    assert periods.tolist()[:4] == [2022, 2021, 2020, 2019]
    assert pd.isna(periods[4]) and periods[5] == 2020


def _german(value: float, decimals: int, thousands: bool) -> str:
    text = f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def _english(value: float, decimals: int, thousands: bool) -> str:
    return f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), min_size=1, max_size=30),
       decimals=st.integers(min_value=1, max_value=4), thousands=st.booleans(),
       german=st.booleans())
def test_numbers_written_in_german_or_english_read_back_equal(tmp_path_factory, values, decimals,
                                                            thousands, german):
    fmt = _german if german else _english
    sep = ";" if german else ","
    quote = '"' if (thousands and not german) else ""
    lines = ["Gebiet" + sep + "Wert"] + [f"{i}{sep}{quote}{fmt(v, decimals, thousands)}{quote}"
                                         for i, v in enumerate(values)]
    path = tmp_path_factory.mktemp("h") / "zahlen.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = read_table(path)
    parsed = parse_numbers(table.frame["Wert"], default=table.decimal)
    expected = [round(v, decimals) for v in values]
    assert parsed.status.tolist() == ["final"] * len(values)
    assert parsed.values.tolist() == pytest.approx(expected, rel=1e-12, abs=10 ** -(decimals + 1))


def test_xlsx_with_merged_header_cells_and_notes_rows(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "Sozialatlas 2023 – Tabelle 4"
    sheet["A2"] = "Quelle: Kommunalstatistik, Stand 31.12."
    sheet["A4"] = "Stadtteil"
    sheet.merge_cells("A4:A5")
    sheet["B4"] = "Einwohner"
    sheet.merge_cells("B4:C4")
    sheet["D4"] = "Arbeitslose"
    sheet.merge_cells("D4:E4")
    for col, year in zip("BCDE", (2021, 2022, 2021, 2022), strict=True):
        sheet[f"{col}5"] = year
    sheet.append(["11", 1000, 1100, 50, "x"])
    sheet.append(["12", 2000, 2200.5, 200, 210])
    path = tmp_path / "atlas.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert list(table.frame.columns) == ["Stadtteil", "Einwohner 2021", "Einwohner 2022",
                                         "Arbeitslose 2021", "Arbeitslose 2022"]
    assert table.notes[0].startswith("Sozialatlas 2023")
    assert table.lines.tolist() == [6, 7]
    assert parse_numbers(table.frame["Einwohner 2022"]).values.tolist() == [1100, 2200.5]


def test_row_with_more_fields_than_the_header_is_named(write):
    with pytest.raises(ImportProblem, match="Zeile 3 hat 4 Spalten, die Kopfzeile aber 3"):
        read_table(write("a.csv", "Gebiet;Jahr;Wert\n11;2020;1\n12;2020;2;9\n"))


def test_signs_after_numbers_give_the_value_status():
    import pandas as pd

    from k360desk.io.numbers import parse_numbers

    parsed = parse_numbers(pd.Series(["1.234,5", "7 p", "3,5 s", "12 r", "x"]), decimal=",")
    assert list(parsed.values[:4]) == [1234.5, 7.0, 3.5, 12.0]
    assert list(parsed.status) == ["final", "provisional", "estimated", "final", "suppressed"]
    assert "vorläufiger" in parsed.reasons[1] and "geschätzter" in parsed.reasons[2]


def test_provisional_sign_reaches_the_stored_status(small_project, tmp_path):
    from k360desk.cli import main

    source = tmp_path / "werte.csv"
    source.write_text("Sozialraum;Indikator;Jahr;Wert\n11;einwohner;2024;1.150 p\n"
                      "12;einwohner;2024;2.300\n", encoding="utf-8")
    assert main(["import", "values", str(small_project.path), str(source)]) == 0
    from k360desk.projectfile import Project

    with Project.open(small_project.path) as again:
        rows = again.values_frame(indicators=["einwohner"], periods=[2024]).set_index("district")
        assert rows.loc["11", "value"] == 1150 and rows.loc["11", "status"] == "provisional"
        assert rows.loc["12", "status"] == "final"
