"""The Trägerabfrage page driven like a planner would: design, export, import, goals, history."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from openpyxl import load_workbook  # noqa: E402

from k360desk.io.questionnaire_layout import ANSWER_SHEET, FIRST_ROW  # noqa: E402
from k360desk.models.questionnaire import ANONYMOUS_KEY, questions_frame, statements_frame  # noqa: E402
from k360desk.projectfile import (
    AgendaItem,
    Committee,
    Goal,
    Indicator,
    Meeting,
    Question,  # noqa: E402,
)


@pytest.fixture
def page(voice_project, qtbot):
    from k360desk.ui.context import ProjectContext
    from k360desk.ui.questionnaire.page import VoicePage

    project, ids = voice_project
    context = ProjectContext()
    context.set_project(project)
    widget = VoicePage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    yield widget, context, project, ids
    context.set_project(None)


def test_designer_adds_and_reorders_questions_with_undo(page, qtbot):
    widget, context, project, ids = page
    designer = widget.designer
    assert designer.current_questionnaire() == ids["questionnaire"]
    assert designer.questions.proxy.rowCount() == 4
    designer.questions.add()
    added = project.all(Question, questionnaire_id=ids["questionnaire"], order_by="number")[-1]
    assert added.number == 5 and added.qtype == "rating"
    designer.questions.select_ids([added.id])
    designer.move(-1)
    assert list(questions_frame(project, ids["questionnaire"])["id"])[3] == added.id
    context.undo_stack.undo()
    assert list(questions_frame(project, ids["questionnaire"])["id"])[4] == added.id
    context.undo_stack.undo()
    assert project.get(Question, added.id) is None
    assert "4 Fragen" in designer.status.text()


def test_export_and_import_through_the_page(page, qtbot, tmp_path):
    widget, context, project, ids = page
    designer = widget.designer
    designer.start_export(str(tmp_path))
    qtbot.waitUntil(lambda: len(list(tmp_path.glob("*.xlsx"))) == 3 and "3 Fragebögen" in
                    designer.status.text(), timeout=20000)
    files = sorted(tmp_path.glob("*.xlsx"))
    wb = load_workbook(files[0])
    wb[ANSWER_SHEET][f"E{FIRST_ROW}"] = 5
    wb[ANSWER_SHEET][f"E{FIRST_ROW + 1}"] = 0
    wb.save(files[0])
    designer.start_import([str(f) for f in files])
    qtbot.waitUntil(lambda: getattr(designer, "report_dialog", None) is not None, timeout=20000)
    dialog = designer.report_dialog
    assert dialog.files.rowCount() == 3
    assert dialog.files.item(0, 4).text() == "1"
    assert dialog.rows_model.rowCount() == 1
    csv_path = tmp_path / "bericht.csv"
    dialog.save_to(str(csv_path))
    assert "zwischen 1 und 5" in csv_path.read_text(encoding="utf-8-sig")
    dialog.close()
    assert len(statements_frame(project)) == 1
    context.undo_stack.undo()
    assert statements_frame(project).empty
    context.undo_stack.redo()
    assert len(statements_frame(project)) == 1


def test_statements_follow_the_selection_and_anonymise(page, qtbot):
    from k360desk.models.questionnaire import write_statements

    widget, context, project, ids = page
    write_statements(project, [{"question_id": ids["questions"]["text"],
                                "provider_id": ids["providers"]["AWO"],
                                "district_id": ids["districts"]["12"],
                                "answer_text": "Es fehlt ein Jugendtreff."}])
    view = widget.statements
    context.select_districts([ids["districts"]["12"]])
    html = view.html()
    assert "Es fehlt ein Jugendtreff." in html and "AWO Sozialdienst" in html
    view.anonymous.setChecked(True)
    assert project.get_meta(ANONYMOUS_KEY) == "1"
    assert "AWO" not in view.html() and "Träger A" in view.html()
    context.undo_stack.undo()
    assert project.get_meta(ANONYMOUS_KEY) != "1"


def test_goals_editor_shows_progress_and_edits_by_undo(page, qtbot):
    widget, context, project, ids = page
    editor = widget.goals
    widget.tabs.setCurrentWidget(editor)
    quote = project.find(Indicator, key="alo_quote").id
    context.select_districts([ids["districts"]["23"]])
    editor.section.add()
    goal = project.all(Goal)[0]
    assert goal.district_id == ids["districts"]["23"]
    from k360desk.ui.commands import UpdateFields

    context.push(UpdateFields(project, Goal, goal.id, {"indicator_id": quote, "target": 10.0}))
    row = editor.section.model.row_of(goal.id)
    assert editor.section.model.value(row, "status") == "off_track"
    assert editor.section.model.value(row, "latest") == pytest.approx(15.0)
    context.undo_stack.undo()
    context.undo_stack.undo()
    assert project.all(Goal) == []


def test_meeting_history_per_round_and_document(voice_project, qtbot, tmp_path):
    from k360desk.ui.context import ProjectContext
    from k360desk.ui.editors.committees import CommitteesPage

    project, _ids = voice_project
    council = project.add(Committee(name="Sozialausschuss"))
    panel = project.add(Committee(name="Stadtteilkonferenz"))
    m1 = project.add(Meeting(committee_id=council, date="2026-03-10"))
    m2 = project.add(Meeting(committee_id=panel, date="2026-02-01"))
    project.add(AgendaItem(meeting_id=m1, number="TOP 1", title="Quartiersfonds"))
    item = project.add(AgendaItem(meeting_id=m2, number="TOP 2", title="Trägerabfrage"))
    context = ProjectContext()
    context.set_project(project)
    committees = CommitteesPage(context)
    qtbot.addWidget(committees)
    history = committees.history
    assert history.model.rowCount() == 2
    assert history.model.item(0, 1).text() == "Sozialausschuss"
    history.show_committee(panel)
    assert history.model.rowCount() == 1
    history.table.selectRow(0)
    pdf = tmp_path / "Vorlage.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    history.set_document(str(pdf))
    assert project.get(AgendaItem, item).document == str(pdf)
    assert history.model.item(0, 5).text() == "Vorlage.pdf"
    context.undo_stack.undo()
    assert project.get(AgendaItem, item).document == ""
    context.set_project(None)


def test_designer_shows_all_question_columns_without_scrolling(page, qtbot):
    widget, context, project, ids = page
    widget.resize(1040, 760)  # the page's room in a 1280×800 main window
    qtbot.wait(50)
    table = widget.designer.questions.table
    header = table.horizontalHeader()
    last = header.count() - 1
    while table.isColumnHidden(last):
        last -= 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    section = widget.designer.questionnaires
    hint = section.filter.fontMetrics().horizontalAdvance(section.filter.placeholderText())
    assert section.filter.width() > hint


def test_hidden_voice_tabs_wait_until_shown(voice_project, qtbot, monkeypatch):
    """Goal progress and the district text cost seconds at city scale; a first visit of the
    page shows the designer only, so the hidden tabs compute when they are opened."""
    import k360desk.figures.questionnaire as figures
    from k360desk.ui.context import ProjectContext
    from k360desk.ui.questionnaire.page import VoicePage

    project, ids = voice_project
    calls = []
    real = figures.goal_progress
    monkeypatch.setattr(figures, "goal_progress", lambda *a, **k: calls.append(a) or real(*a, **k))
    project.add(Goal(indicator_id=project.find(Indicator, key="alo_quote").id,
                     district_id=ids["districts"]["23"], period=2030, target=10.0))
    context = ProjectContext()
    context.set_project(project)
    widget = VoicePage(context)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.wait(50)
    assert calls == []
    assert widget.goals.section.model.rowCount() == 1
    assert widget.statements.text.toPlainText() == ""
    widget.tabs.setCurrentWidget(widget.goals)
    qtbot.waitUntil(lambda: widget.goals.section.model.value(0, "status") == "off_track")
    widget.tabs.setCurrentWidget(widget.statements)
    qtbot.waitUntil(lambda: "Einschätzungen der Träger" in widget.statements.text.toPlainText())
    context.set_project(None)
