"""XLSX exports written by our streaming writer read back the same in openpyxl (#20 D9, D5)."""

from __future__ import annotations

import csv
import re

import openpyxl

from k360desk.cli import main
from k360desk.projectfile import District

HOSTILE = '=HYPERLINK("http://example.org/x","klick")'


def test_values_xlsx_reads_back_with_text_numbers_and_no_formula(small_project, tmp_path):
    project = small_project
    district = project.find(District, code="11")
    project.update(District, district.id, name=HOSTILE)
    district = project.find(District, code="12")
    project.update(District, district.id, name="Nord_x0041_\x07Süd & <Ost>")
    project.save()
    out = tmp_path / "werte.xlsx"
    csv_out = tmp_path / "werte.csv"
    assert main(["export", "values", str(project.path), str(out)]) == 0
    assert main(["export", "values", str(project.path), str(csv_out)]) == 0
    with open(csv_out, encoding="utf-8-sig", newline="") as handle:
        expected = list(csv.reader(handle, delimiter=";"))
    book = openpyxl.load_workbook(out)
    sheet = book["Indikatorwerte"]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == len(expected)
    assert list(rows[0]) == expected[0]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    by_code = {}
    for row in sheet.iter_rows(min_row=2):
        by_code.setdefault(row[0].value, row)
    hostile = by_code["11"][1]
    assert hostile.value == HOSTILE and hostile.data_type == "s" and hostile.quotePrefix
    # Excel decodes its "_xHHHH_" escapes (openpyxl does not), so decode as Excel would.
    excel = re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), by_code["12"][1].value)
    assert excel == "Nord_x0041_\ufffdSüd & <Ost>"
    value = by_code["23"][6]
    assert isinstance(value.value, float | int) and value.number_format == "#,##0.0##"
    years = {row[5] for row in rows[1:]}
    assert years == {2022, 2023}
    # Secret values stay empty cells, as in the CSV.
    secret = next(r for r in rows[1:] if r[0] == "22" and r[2] == "arbeitslose")
    assert secret[6] is None and secret[7] == "."
    # the signs are explained on a sheet of their own (issue 19)
    legend = openpyxl.load_workbook(out)["Zeichenerklärung"]
    signs = {row[0].value: row[1].value for row in legend.iter_rows(min_row=2)}
    assert signs["."].startswith("geheim gehalten") and signs["–"] == "nichts vorhanden"


def test_more_rows_than_excel_allows_continue_on_a_second_sheet(small_project, tmp_path,
                                                                monkeypatch):
    from k360desk.io import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 11)
    out = tmp_path / "werte.xlsx"
    assert main(["export", "values", str(small_project.path), str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Indikatorwerte", "Indikatorwerte (2)"]
    counts = [book[name].max_row - 1 for name in book.sheetnames]
    assert max(counts) == 10 and sum(counts) > 20
