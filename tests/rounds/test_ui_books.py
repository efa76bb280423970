"""The round's workbooks from the Förderrunden page: out, back in, one undo step each."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from openpyxl import load_workbook  # noqa: E402

from k360desk.io.round_books_layout import FIRST_ROW, FORM_SHEET, KEY_ROW, SCORE_SHEET  # noqa: E402
from k360desk.models import rounds as store  # noqa: E402
from k360desk.projectfile import Application  # noqa: E402
from tests.rounds.conftest import NEED_VALUES, open_round_page, score  # noqa: E402


@pytest.fixture
def page(small_project, qtbot):
    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    store.copy_criteria(small_project, ids["old_round"], ids["round"])
    score(small_project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
    store.set_status(small_project, ids["round"], "open")
    yield widget, context, small_project, ids
    context.set_project(None)


def _ann_score(project, ids, key):
    frame = project.link_frame("scores", application_id=ids[key], rater="Ann")
    return float(frame["score"].iloc[0])


def test_score_sheets_out_and_in_as_one_undo_step(page, tmp_path, monkeypatch):
    from k360desk.ui.rounds import books

    widget, context, project, ids = page
    button = widget.workbooks
    assert [a.text() for a in button.menu().actions() if a.text()] == [
        "Bewertungsbögen ausgeben …", "Bewertungsbögen einlesen …",
        "Antragsformular ausgeben …", "Antragsformulare einlesen …"]
    monkeypatch.setattr(books, "ask_raters", lambda parent, known: known)
    monkeypatch.setattr(books, "choose_folder", lambda parent, title: str(tmp_path))
    button.export_scores.trigger()
    (sheet_path,) = tmp_path.glob("*.xlsx")
    monkeypatch.setattr(books, "choose_files", lambda parent, title: [str(sheet_path)])
    steps = context.undo_stack.count()
    button.import_scores.trigger()
    assert context.undo_stack.count() == steps  # unchanged: no empty undo step
    assert "alles unverändert" in button.report_dialog.text.toPlainText()
    wb = load_workbook(sheet_path)
    sheet = wb[SCORE_SHEET]
    for r in range(FIRST_ROW, sheet.max_row + 1):
        sheet.cell(row=r, column=5).value = 1
    sheet.cell(row=FIRST_ROW, column=5).value = 9
    wb.save(sheet_path)
    button.import_scores.trigger()
    assert "liegt außerhalb der Skala" in button.report_dialog.text.toPlainText()
    assert context.undo_stack.count() == steps + 1
    assert _ann_score(project, ids, "sport") == 1
    context.undo_stack.undo()
    assert _ann_score(project, ids, "sport") == 3 and _ann_score(project, ids, "treff") == 4
    context.undo_stack.redo()
    assert _ann_score(project, ids, "sport") == 1


def test_application_forms_in_as_one_undo_step(page, tmp_path, monkeypatch):
    from k360desk.ui.rounds import books

    widget, context, project, ids = page
    target = tmp_path / "Antrag.xlsx"
    monkeypatch.setattr(books, "choose_target", lambda parent, title, name: str(target))
    widget.workbooks.export_form.trigger()
    wb = load_workbook(target)
    sheet = wb[FORM_SHEET]
    where = {sheet.cell(row=KEY_ROW, column=c).value: c for c in range(1, sheet.max_column + 1)}
    for key, value in {"provider": "AWO Kreisverband", "title": "Familiencafé", "districts": "11",
                       "start_year": 2026, "amount:2026": 1000}.items():
        sheet.cell(row=FIRST_ROW, column=where[key]).value = value
    wb.save(target)
    monkeypatch.setattr(books, "choose_files", lambda parent, title: [str(target)])
    before = len(project.all(Application, round_id=ids["round"]))
    widget.workbooks.import_forms.trigger()
    assert "„Familiencafé“ übernommen" in widget.workbooks.report_dialog.text.toPlainText()
    assert len(project.all(Application, round_id=ids["round"])) == before + 1
    context.undo_stack.undo()
    assert len(project.all(Application, round_id=ids["round"])) == before
    context.undo_stack.redo()
    titles = [a.title for a in project.all(Application, round_id=ids["round"])]
    assert "Familiencafé" in titles


def test_import_refused_when_round_is_decided(page, tmp_path, monkeypatch):
    from k360desk.projectfile import FundingRound
    from k360desk.ui.rounds import books

    widget, context, project, ids = page
    messages = []
    monkeypatch.setattr(books, "show_message", lambda parent, text: messages.append(text))
    monkeypatch.setattr(books, "choose_files", lambda parent, title: [str(tmp_path / "x.xlsx")])
    project.update(FundingRound, ids["round"], status="decided")
    steps = context.undo_stack.count()
    widget.workbooks.import_scores.trigger()
    assert messages == ["Bewertungen lassen sich nur einlesen, solange die Runde offen oder in der "
                        "Bewertung ist."]
    assert context.undo_stack.count() == steps
