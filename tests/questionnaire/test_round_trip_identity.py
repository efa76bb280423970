"""Issue 14: answers are read by question identity; nothing is lost, moved or overwritten."""

from __future__ import annotations

from openpyxl import load_workbook

from k360desk.cli import main
from k360desk.io.questionnaire import export_workbooks, import_workbooks, revert_import
from k360desk.io.questionnaire_layout import ANSWER_SHEET, FIRST_ROW
from k360desk.models.questionnaire import statements_frame
from k360desk.projectfile import Project, Question
from tests.questionnaire.test_workbooks import _file_of, _fill, _rows


def _answers(project) -> dict[tuple[int, str], object]:
    frame = statements_frame(project)
    return {(int(r.question_id), r.district_code if isinstance(r.district_code, str) else "-"):
            (r.answer_number if r.answer_number == r.answer_number and r.answer_number is not None
             else r.answer_text) for r in frame.itertuples()}


def test_a_row_inserted_by_the_provider_pushes_no_answer_out(voice_project, tmp_path):
    project, ids = voice_project
    awo = _file_of(export_workbooks(project, ids["questionnaire"], tmp_path), "AWO")
    rows = _rows(awo)
    last = max(rows.values())
    _fill(awo, {rows[(1, "11")]: 4, last: "Ein Jugendtreff fehlt."})
    wb = load_workbook(awo)
    ws = wb[ANSWER_SHEET]
    ws.insert_rows(FIRST_ROW + 2)  # the provider adds a line for a note of their own
    ws[f"E{FIRST_ROW + 2}"] = "Unsere eigene Anmerkung"
    wb.save(awo)
    report = import_workbooks(project, [awo]).reports[0]
    q = ids["questions"]
    assert _answers(project) == {(q["rating"], "11"): 4, (q["text"], "12"): "Ein Jugendtreff fehlt."}
    assert report.skipped == 1
    row = report.rows[0]
    assert "ohne zugehörige Frage" in row.reason and row.content == "Unsere eigene Anmerkung"


def test_a_reworded_question_does_not_take_old_answers(voice_project, tmp_path):
    project, ids = voice_project
    awo = _file_of(export_workbooks(project, ids["questionnaire"], tmp_path), "AWO")
    rows = _rows(awo)
    _fill(awo, {rows[(1, "11")]: 4, rows[(2, "11")]: "ja"})
    project.update(Question, ids["questions"]["yesno"], text="Ist die Nachfrage gesunken?")
    report = import_workbooks(project, [awo]).reports[0]
    assert _answers(project) == {(ids["questions"]["rating"], "11"): 4}
    assert report.skipped == 1 and "umformuliert" in report.rows[0].reason
    assert report.rows[0].content == "ja"


def test_an_emptied_cell_withdraws_the_answer(voice_project, tmp_path):
    project, ids = voice_project
    awo = _file_of(export_workbooks(project, ids["questionnaire"], tmp_path), "AWO")
    rows = _rows(awo)
    _fill(awo, {rows[(1, "11")]: 4, rows[(1, "12")]: 2})
    import_workbooks(project, [awo])
    _fill(awo, {rows[(1, "12")]: None})
    result = import_workbooks(project, [awo])
    q = ids["questions"]
    assert _answers(project) == {(q["rating"], "11"): 4}
    withdrawn = [r for r in result.reports[0].rows if "zurückgezogen" in r.reason]
    assert len(withdrawn) == 1 and withdrawn[0].content == "2"
    revert_import(project, result)
    assert _answers(project) == {(q["rating"], "11"): 4, (q["rating"], "12"): 2}


def test_a_workbook_of_another_provider_is_refused_unless_allowed(voice_project, tmp_path,
                                                                  capsys):
    project, ids = voice_project
    files = export_workbooks(project, ids["questionnaire"], tmp_path)
    cari = _file_of(files, "Caritas")
    _fill(cari, {_rows(cari)[(1, "12")]: 5})
    path = str(project.path)
    project.close()
    assert main(["questionnaire", "import", path, str(cari), "--provider",
                 "AWO Sozialdienst"]) == 2
    out = capsys.readouterr().out
    assert "an „Caritas Sozialdienst“ gerichtet" in out and "--allow-other-provider" in out
    with Project.open(path, read_only=True) as saved:
        assert statements_frame(saved).empty
    assert main(["questionnaire", "import", path, str(cari), "--provider", "AWO Sozialdienst",
                 "--allow-other-provider"]) == 0
    with Project.open(path, read_only=True) as saved:
        assert set(statements_frame(saved)["provider"]) == {"Caritas Sozialdienst"}
