"""Every CSV we write neutralises formulas (OWASP CSV injection), reports included (#20 D5)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from openpyxl import load_workbook

from k360desk.cli import main

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _cells(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle, delimiter=";") for cell in row]


def test_import_report_csv_has_no_live_formula(small_project, tmp_path, capsys):
    path = small_project.path
    small_project.close()
    data = tmp_path / "werte.csv"
    data.write_text('Gebiet;Indikator;Jahr;Wert\n11;einwohner;2030;1\n'
                    '12;einwohner;2030;=HYPERLINK("http://example.org/x","klick")\n'
                    '13;einwohner;2030;@SUM(1+1)\n', encoding="utf-8")
    report = tmp_path / "bericht.csv"
    code = main(["import", "values", str(path), str(data), "--allow-skipped", "--report",
                 str(report)])
    assert code == 0, capsys.readouterr()
    cells = _cells(report)
    assert any("HYPERLINK" in c for c in cells)  # the content is still there to read
    assert not [c for c in cells if c.startswith(FORMULA_START)]


def test_questionnaire_report_csv_has_no_live_formula(voice_project, tmp_path, capsys):
    from k360desk.io.questionnaire_layout import ANSWER_SHEET, FIRST_ROW

    project, _ids = voice_project
    path = project.path
    project.close()
    out = tmp_path / "bögen"
    assert main(["questionnaire", "export", str(path), "2025", str(out)]) == 0
    first = sorted(out.glob("*.xlsx"))[0]
    hostile = out / "=1+2 Rückläufer.xlsx"
    shutil.move(first, hostile)
    book = load_workbook(hostile)
    book[ANSWER_SHEET][f"E{FIRST_ROW}"] = "-HYPERLINK(1)"
    book.save(hostile)
    report = tmp_path / "bericht.csv"
    main(["questionnaire", "import", str(path), str(hostile), "--report", str(report)])
    capsys.readouterr()
    cells = _cells(report)
    assert any("=1+2 Rückläufer.xlsx" in c for c in cells)
    assert not [c for c in cells if c.startswith(FORMULA_START)]


def test_neutralise_covers_owasp_and_full_width_starts():
    from k360desk.io.spreadsheet import neutralise

    for text in ("=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", "＝1+1"):
        assert neutralise(text).startswith("'")
    assert neutralise("Nord") == "Nord"
