"""The questionnaire round trip: export, fill in with openpyxl, import, and what goes wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from k360desk.io.questionnaire import export_workbooks, import_workbooks, reapply_import, revert_import
from k360desk.io.questionnaire_layout import ANSWER_SHEET, FIRST_ROW, ID_SHEET, INSTRUCTIONS_SHEET
from k360desk.models.questionnaire import statements_frame
from k360desk.projectfile import District, Provider, Questionnaire


def _file_of(files: list[Path], provider: str) -> Path:
    return next(f for f in files if provider in f.name)


def _rows(path: Path) -> dict[tuple[int, str], int]:
    """(question number, district label start) → sheet row."""
    ws = load_workbook(path)[ANSWER_SHEET]
    out = {}
    for r in range(FIRST_ROW, ws.max_row + 1):
        if ws[f"A{r}"].value is not None:
            out[(int(ws[f"A{r}"].value), str(ws[f"B{r}"].value).split(" ")[0])] = r
    return out


def _fill(path: Path, answers: dict[int, object]) -> None:
    wb = load_workbook(path)
    ws = wb[ANSWER_SHEET]
    for row, value in answers.items():
        ws[f"E{row}"] = value
    wb.save(path)


def test_export_one_workbook_per_provider_with_its_districts(voice_project, tmp_path):
    project, ids = voice_project
    files = export_workbooks(project, ids["questionnaire"], tmp_path)
    assert len(files) == 3
    rows = _rows(_file_of(files, "AWO"))
    # Per-district questions once per district where AWO has facilities; question 3 once.
    assert set(rows) == {(1, "11"), (1, "12"), (2, "11"), (2, "12"), (3, "gesamt"), (4, "11"),
                         (4, "12")}
    assert len(_rows(_file_of(files, "Diakonie"))) == 4


def test_workbook_reads_well_and_is_protected(voice_project, tmp_path):
    project, ids = voice_project
    path = _file_of(export_workbooks(project, ids["questionnaire"], tmp_path), "Caritas")
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == [INSTRUCTIONS_SHEET, ANSWER_SHEET]
    assert wb[ID_SHEET].sheet_state == "veryHidden"
    intro = [c.value for c in wb[INSTRUCTIONS_SHEET]["A"] if c.value]
    assert intro[0] == "Trägerabfrage 2025" and "Caritas Sozialdienst" in intro[1]
    assert any("gelb hinterlegten Zellen" in line for line in intro)
    assert wb[INSTRUCTIONS_SHEET].column_dimensions["A"].width >= 100
    ws = wb[ANSWER_SHEET]
    assert ws.protection.sheet and ws.protection.password
    assert wb.security.lockStructure
    assert [ws[f"{c}5"].value for c in "ABCDE"] == ["Nr.", "Sozialraum", "Frage", "Antwortart", "Antwort"]
    assert ws.column_dimensions["C"].width >= 60 and ws.column_dimensions["E"].width >= 40
    assert "Caritas Sozialdienst" in ws["A1"].value
    for r in range(FIRST_ROW, ws.max_row + 1):
        assert ws[f"E{r}"].protection.locked is False
        for col in "ABCD":
            assert ws[f"{col}{r}"].protection.locked is True
    ranges = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    kinds = {dv.type for dv in ranges.values()}
    assert kinds == {"whole", "list", "decimal"}
    rating = next(dv for dv in ranges.values() if dv.type == "whole")
    assert (rating.formula1, rating.formula2) == ("1", "5")


def test_round_trip_stores_statements_and_undo_redo(voice_project, tmp_path):
    project, ids = voice_project
    files = export_workbooks(project, ids["questionnaire"], tmp_path)
    awo = _file_of(files, "AWO")
    rows = _rows(awo)
    _fill(awo, {rows[(1, "11")]: 4, rows[(1, "12")]: "2", rows[(2, "11")]: "Ja", rows[(2, "12")]: "nein",
                rows[(3, "gesamt")]: "12,5", rows[(4, "11")]: "Ein Jugendtreff fehlt."})
    result = import_workbooks(project, files)
    assert result.skipped == 0
    report = result.reports[[Path(r.source) for r in result.reports].index(awo)]
    assert report.taken == 6 and report.ok
    stored = statements_frame(project, questionnaire_id=ids["questionnaire"])
    assert len(stored) == 6
    by = {(r.question_id, r.district_code if isinstance(r.district_code, str) else None): r
          for r in stored.itertuples()}
    q = ids["questions"]
    assert by[(q["rating"], "11")].answer_number == 4
    assert by[(q["rating"], "12")].answer_number == 2
    assert by[(q["yesno"], "11")].answer_text == "ja"
    assert by[(q["number"], None)].answer_number == 12.5
    assert by[(q["text"], "11")].answer_text == "Ein Jugendtreff fehlt."
    assert set(stored["provider"]) == {"AWO Sozialdienst"}
    revert_import(project, result)
    assert statements_frame(project).empty
    reapply_import(project, result)
    assert len(statements_frame(project)) == 6
    # Importing a corrected file again replaces the answers instead of adding new ones.
    _fill(awo, {rows[(1, "11")]: 5})
    again = import_workbooks(project, [awo])
    assert again.reports[0].updated == 1 and again.reports[0].taken == 0
    assert len(statements_frame(project)) == 6
    revert_import(project, again)
    now = statements_frame(project)
    assert now.loc[(now["question_id"] == q["rating"]) & (now["district_code"] == "11"),
                   "answer_number"].item() == 4


def test_answer_out_of_range_is_reported_with_cell_and_content(voice_project, tmp_path):
    project, ids = voice_project
    awo = _file_of(export_workbooks(project, ids["questionnaire"], tmp_path), "AWO")
    rows = _rows(awo)
    _fill(awo, {rows[(1, "11")]: 7, rows[(1, "12")]: 3, rows[(2, "11")]: "vielleicht",
                rows[(3, "gesamt")]: "viele"})
    result = import_workbooks(project, [awo])
    report = result.reports[0]
    assert report.taken == 1 and report.skipped == 3
    reasons = {row.line: row for row in report.rows}
    assert f"E{rows[(1, '11')]}" in reasons[rows[(1, "11")]].reason
    assert "zwischen 1 und 5" in reasons[rows[(1, "11")]].reason
    assert reasons[rows[(1, "11")]].content == "7"
    assert "weder „ja“ noch „nein“" in reasons[rows[(2, "11")]].reason
    assert "keine Zahl" in reasons[rows[(3, "gesamt")]].reason


def test_wrong_provider_and_wrong_questionnaire_refuse_the_file(voice_project, tmp_path):
    project, ids = voice_project
    files = export_workbooks(project, ids["questionnaire"], tmp_path / "a")
    awo = _file_of(files, "AWO")
    _fill(awo, {_rows(awo)[(1, "11")]: 3})
    project.delete(Provider, ids["providers"]["AWO"])
    other = project.add(Questionnaire(name="Andere Abfrage", period=2026))
    first = import_workbooks(project, [awo]).reports[0]
    second = import_workbooks(project, [_file_of(files, "Caritas")], questionnaire_id=other).reports[0]
    assert first.skipped == 1 and "falscher Träger" in first.rows[0].reason
    assert "anderen Trägerabfrage" in second.rows[0].reason
    assert statements_frame(project).empty


def test_changed_structure_is_refused_or_reported(voice_project, tmp_path):
    project, ids = voice_project
    files = export_workbooks(project, ids["questionnaire"], tmp_path)
    awo, cari = _file_of(files, "AWO"), _file_of(files, "Caritas")
    # A row inserted above the answers shifts every answer one row down.
    wb = load_workbook(awo)
    ws = wb[ANSWER_SHEET]
    ws.insert_rows(FIRST_ROW)
    ws[f"E{FIRST_ROW + 1}"] = 3
    wb.save(awo)
    # Someone edited the hidden identification.
    wb = load_workbook(cari)
    wb[ID_SHEET].cell(row=10, column=3, value="anderer-sozialraum")
    wb[ANSWER_SHEET][f"E{FIRST_ROW}"] = 2
    wb.save(cari)
    result = import_workbooks(project, [awo, cari])
    shifted, tampered = result.reports
    # answers are read by the hidden row identity (issue 14): the shift loses nothing
    assert shifted.skipped == 0 and shifted.taken == 1
    assert tampered.skipped == 1 and tampered.rows[0].line is None
    assert "Struktur der Datei wurde verändert" in tampered.rows[0].reason
    stored = statements_frame(project)
    assert len(stored) == 1 and stored["answer_number"].item() == 3


def test_unknown_district_is_skipped_rest_taken(voice_project, tmp_path):
    project, ids = voice_project
    awo = _file_of(export_workbooks(project, ids["questionnaire"], tmp_path), "AWO")
    rows = _rows(awo)
    _fill(awo, {rows[(1, "11")]: 3, rows[(1, "12")]: 4})
    project.delete(District, ids["districts"]["11"])
    report = import_workbooks(project, [awo]).reports[0]
    assert report.taken == 1 and report.skipped == 1
    assert "unbekannter Sozialraum" in report.rows[0].reason


def test_not_a_questionnaire_and_broken_file(voice_project, tmp_path):
    project, _ids = voice_project
    plain = tmp_path / "x.xlsx"
    from openpyxl import Workbook

    Workbook().save(plain)
    broken = tmp_path / "y.xlsx"
    broken.write_text("kein Excel")
    result = import_workbooks(project, [plain, broken])
    assert "kein Fragebogen" in result.reports[0].rows[0].reason
    assert "keine lesbare Excel" in result.reports[1].rows[0].reason
    csv_path = tmp_path / "bericht.csv"
    result.to_csv(csv_path)
    text = csv_path.read_text(encoding="utf-8-sig")
    assert "x.xlsx" in text and "y.xlsx" in text


def test_cancel_leaves_project_unchanged(voice_project, tmp_path):
    from k360desk.progress import Cancelled, Progress

    project, ids = voice_project
    files = export_workbooks(project, ids["questionnaire"], tmp_path)
    for f in files:
        _fill(f, {FIRST_ROW: 3})
    progress = Progress(lambda done, total, text: progress.cancel() if done == 1 else None)
    with pytest.raises(Cancelled):
        import_workbooks(project, files, progress)
    assert statements_frame(project).empty
