"""Score sheets per rater as Excel workbooks, out and back in through the command line."""

from __future__ import annotations

from openpyxl import load_workbook

from k360desk.cli import main
from k360desk.io.round_books_layout import FIRST_ROW, HEADER_ROW, ID_SHEET, SCORE_SHEET
from k360desk.projectfile import Project


def _export(path, out, capsys, *extra):
    assert main(["round", "export-scoresheets", str(path), "Runde 2026", "--out", str(out), *extra]) == 0
    capsys.readouterr()
    return sorted(out.glob("*.xlsx"))


def _scores(path, ids):
    with Project.open(path, read_only=True) as project:
        frame = project.link_frame("scores")
    return {(r.rater, int(r.application_id)): (None if r.score != r.score else r.score, r.comment)
            for r in frame.itertuples()}


def _row_of(sheet, title):
    return next(r for r in range(FIRST_ROW, sheet.max_row + 1) if sheet.cell(row=r, column=3).value == title)


def test_one_workbook_per_rater_with_catalogue_and_validated_cells(round_file, tmp_path, capsys):
    path, _ids = round_file
    files = _export(path, tmp_path / "out", capsys)
    assert [f.name for f in files] == ["Bewertung Runde 2026 - Ann.xlsx", "Bewertung Runde 2026 - Ben.xlsx"]
    wb = load_workbook(files[0])
    assert wb[ID_SHEET].sheet_state == "veryHidden"
    sheet = wb[SCORE_SHEET]
    headers = [sheet.cell(row=HEADER_ROW, column=c).value for c in range(2, 7)]
    assert headers == ["Nr.", "Antrag", "Träger", "Konzept (0 bis 5)", "Kommentar Konzept"]
    assert sheet.column_dimensions["A"].hidden
    assert sheet.cell(row=_row_of(sheet, "Lesepaten"), column=5).value == 5
    rules = [(dv.type, dv.formula1, dv.formula2) for dv in sheet.data_validations.dataValidation]
    assert rules == [("decimal", "0.0", "5.0")]
    catalogue = [c.value for c in wb["Anleitung"]["A"] if c.value]
    assert "Konzept" in catalogue and "Bedarf" not in catalogue  # need comes from data


def test_reimport_unchanged_then_edits_and_problems_reported(round_file, tmp_path, capsys):
    path, ids = round_file
    ann, ben = _export(path, tmp_path / "out", capsys)
    assert main(["round", "import-scores", str(path), "Runde 2026", str(ann), str(ben)]) == 0
    out = capsys.readouterr().out
    assert "3 unverändert" in out and "alles unverändert" in out

    wb = load_workbook(ann)
    sheet = wb[SCORE_SHEET]
    sheet.cell(row=_row_of(sheet, "Lesepaten"), column=5).value = 7  # outside the scale
    sheet.cell(row=_row_of(sheet, "Nachbarschaftstreff"), column=5).value = "4,5"
    typed = sheet.cell(row=_row_of(sheet, "Mitternachtssport"), column=6)
    typed.value, typed.data_type = "=HYPERLINK(\"x\")", "s"  # typed into a text cell
    copied = sheet.max_row + 1
    sheet.cell(row=copied, column=1).value = "kein-antrag"
    sheet.cell(row=copied, column=5).value = 2
    wb.save(ann)
    report = tmp_path / "bericht.csv"
    assert main(["round", "import-scores", str(path), "Runde 2026", str(ann), "--report", str(report)]) == 2
    captured = capsys.readouterr()
    lines = report.read_text(encoding="utf-8-sig").splitlines()
    assert any("außerhalb der Skala" in line and line.endswith(";7") for line in lines)
    assert "7 liegt außerhalb der Skala 0 bis 5" in captured.out
    assert "unbekannte oder veränderte Kennung" in captured.out
    assert "2 Werte oder Dateien wurden übersprungen" in captured.err
    scores = _scores(path, ids)
    assert scores[("Ann", ids["lesen"])][0] == 5  # the refused value did not overwrite
    assert scores[("Ann", ids["treff"])][0] == 4.5
    assert scores[("Ann", ids["sport"])][1] == "=HYPERLINK(\"x\")"  # kept as text
    (again,) = _export(path, tmp_path / "again", capsys, "--rater", "Ann")
    sheet = load_workbook(again)[SCORE_SHEET]
    cell = sheet.cell(row=_row_of(sheet, "Mitternachtssport"), column=6)
    assert cell.data_type == "s" and cell.quotePrefix  # text, never a live formula
    assert cell.value == "=HYPERLINK(\"x\")"
    assert main(["round", "import-scores", str(path), "Runde 2026", str(again)]) == 0
    assert "3 unverändert" in capsys.readouterr().out


def test_missing_scores_listed_not_averaged(round_file, tmp_path, capsys):
    path, ids = round_file
    (cara,) = _export(path, tmp_path / "out", capsys, "--rater", "Cara")
    wb = load_workbook(cara)
    sheet = wb[SCORE_SHEET]
    sheet.cell(row=_row_of(sheet, "Lesepaten"), column=5).value = 4
    sheet.cell(row=_row_of(sheet, "Nachbarschaftstreff"), column=6).value = "befangen"
    wb.save(cara)
    assert main(["round", "import-scores", str(path), "Runde 2026", str(cara)]) == 0
    out = capsys.readouterr().out
    assert "Es fehlen 1 Bewertungen" not in out
    assert "Es fehlt 1 Bewertung" in out and "„Mitternachtssport“ – Konzept" in out
    assert "als Enthaltung übernommen" in out
    scores = _scores(path, ids)
    assert scores[("Cara", ids["treff"])] == (None, "befangen")
    assert ("Cara", ids["sport"]) not in scores
    assert main(["round", "ranking", str(path), "Runde 2026"]) == 0
    assert "Cara" in capsys.readouterr().out  # the ranking shows the gap, not a quiet mean


def test_other_rater_and_other_round_refused(round_file, tmp_path, capsys):
    path, ids = round_file
    ann, _ben = _export(path, tmp_path / "out", capsys)
    assert main(["round", "import-scores", str(path), "Runde 2026", str(ann), "--rater", "Ben"]) == 2
    assert "für „Ann“ ausgegeben, nicht für „Ben“" in capsys.readouterr().out
    assert main(["round", "export-scoresheets", str(path), "Runde 2025", "--out", str(tmp_path / "old"),
                 "--rater", "Ann"]) == 0
    capsys.readouterr()
    (old,) = (tmp_path / "old").glob("*.xlsx")
    assert main(["round", "import-scores", str(path), "Runde 2026", str(old)]) == 2
    assert "anderen Förderrunde" in capsys.readouterr().out


def test_edited_identity_sheet_refused(round_file, tmp_path, capsys):
    path, _ids = round_file
    ann, _ben = _export(path, tmp_path / "out", capsys)
    wb = load_workbook(ann)
    wb[ID_SHEET]["B4"] = "Ben"
    wb.save(ann)
    assert main(["round", "import-scores", str(path), "Runde 2026", str(ann)]) == 2
    assert "Kennung der Datei wurde verändert" in capsys.readouterr().out


def test_identity_edited_to_another_application_refused(round_file, tmp_path, capsys):
    path, ids = round_file
    ann, _ben = _export(path, tmp_path / "out", capsys)
    wb = load_workbook(ann)
    sheet = wb[SCORE_SHEET]
    lesen, treff = _row_of(sheet, "Lesepaten"), _row_of(sheet, "Nachbarschaftstreff")
    sheet.cell(row=lesen, column=1).value = sheet.cell(row=treff, column=1).value
    sheet.cell(row=lesen, column=5).value = 0
    wb.save(ann)
    assert main(["round", "import-scores", str(path), "Runde 2026", str(ann)]) == 2
    out = capsys.readouterr().out
    assert "Kennung der Zeile gehört zu „Nachbarschaftstreff“, die Zeile zeigt „Lesepaten“" in out
    scores = _scores(path, ids)
    assert scores[("Ann", ids["treff"])][0] == 4 and scores[("Ann", ids["lesen"])][0] == 5


def test_rows_far_below_the_table_are_not_read(round_file, tmp_path, capsys):
    path, _ids = round_file
    ann, _ben = _export(path, tmp_path / "out", capsys)
    wb = load_workbook(ann)
    wb[SCORE_SHEET].cell(row=50_000, column=5).value = 3
    wb.save(ann)
    assert main(["round", "import-scores", str(path), "Runde 2026", str(ann)]) == 0
    assert "Die Tabelle reicht bis Zeile 50000; gelesen wurde bis Zeile 1008." in capsys.readouterr().out


def test_row_of_a_withdrawn_application_named(round_file, tmp_path, capsys):
    from k360desk.projectfile import Application

    path, ids = round_file
    ann, _ben = _export(path, tmp_path / "out", capsys)
    with Project.open(path) as project:
        project.update(Application, ids["sport"], status="withdrawn")
        project.save()
    wb = load_workbook(ann)
    wb[SCORE_SHEET].cell(row=_row_of(wb[SCORE_SHEET], "Mitternachtssport"), column=5).value = 1
    wb.save(ann)
    assert main(["round", "import-scores", str(path), "Runde 2026", str(ann)]) == 2
    assert "gehört zu einem zurückgezogenen Antrag" in capsys.readouterr().out


def test_files_that_are_no_workbooks_reported(round_file, tmp_path, capsys):
    path, _ids = round_file
    csv = tmp_path / "bewertung.csv"
    csv.write_text("Antrag;Punkte\nLesepaten;5\n", encoding="utf-8")
    fake = tmp_path / "kaputt.xlsx"
    fake.write_bytes(b"PK\x03\x04 nicht wirklich")
    assert main(["round", "import-scores", str(path), "Runde 2026", str(csv), str(fake)]) == 2
    out = capsys.readouterr().out
    assert out.count("keine lesbare Excel-Arbeitsmappe") == 2
