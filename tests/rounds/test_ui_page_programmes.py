"""The Förderrunden page keeps the programmes reachable (they are edited in a dialog)."""

from __future__ import annotations

from k360desk.projectfile import Programme
from k360desk.ui.context import ProjectContext
from k360desk.ui.rounds.page import ProgrammesDialog, RoundWorkflowPage


def test_programmes_dialog_adds_a_programme_with_undo(qtbot, small_project):
    context = ProjectContext()
    context.set_project(small_project)
    page = RoundWorkflowPage(context)
    qtbot.addWidget(page)
    dialog = ProgrammesDialog(context, page)
    before = small_project.count("programmes")
    dialog.section.add_button.click()
    assert small_project.count("programmes") == before + 1
    assert small_project.all(Programme)[-1].name.startswith("Neues Programm")
    context.undo_stack.undo()
    assert small_project.count("programmes") == before
