"""A yearly talk marked "beenden" in the Nachsorge table drops the later commitments exactly
as ``round review-end`` does, as one undo step, and the table says so."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("PySide6")

from k360desk.cli import main  # noqa: E402
from k360desk.projectfile import Project, Review  # noqa: E402


@pytest.fixture
def decided(round_file, qtbot, capsys):
    from k360desk.ui.context import ProjectContext
    from k360desk.ui.rounds.page import RoundWorkflowPage

    path, ids = round_file
    for meeting in ("panel_meeting", "meeting"):
        assert main(["round", "allocate", str(path), "Runde 2026", "--final", "--meeting",
                     str(ids[meeting])]) == 0
    capsys.readouterr()
    twin = path.with_name("zwilling.k360")
    shutil.copy(path, twin)
    project = Project.open(path)
    context = ProjectContext()
    context.set_project(project)
    widget = RoundWorkflowPage(context)
    qtbot.addWidget(widget)
    widget.resize(1300, 850)
    widget.show()
    widget.select_round(ids["round"])
    widget.tabs.setCurrentWidget(widget.aftercare)
    yield widget, context, project, ids, twin
    context.set_project(None)
    project.close()


def _awarded(project, app_id):
    frame = project.link_frame("application_amounts", application_id=app_id).set_index("year")
    return frame["awarded"].to_dict()


def test_review_marked_end_drops_later_commitments_undoably(decided, capsys):
    widget, context, project, ids, twin = decided
    before = _awarded(project, ids["lesen"])
    assert before[2027] > 0
    review = project.add(Review(application_id=ids["lesen"], date="2026-11-20", notes="Träger gibt auf"))
    section = widget.aftercare.reviews
    section.reload_all()
    assert section._commit_field(review, "outcome", "end") is None
    assert _awarded(project, ids["lesen"])[2027] == 0
    assert project.get(Review, review).outcome == "end"
    due = widget.aftercare.due_model.frame
    status = due.loc[due["title"] == "Lesepaten", "status"].iloc[0]
    assert status == "beendet – Jahresraten 2027 entfallen"
    assert "Änderungsbescheid" in section._commit_field(review, "outcome", "continue")
    context.undo_stack.undo()
    assert _awarded(project, ids["lesen"]) == before
    assert project.get(Review, review).outcome == ""
    context.undo_stack.redo()
    assert _awarded(project, ids["lesen"])[2027] == 0

    # the command line's review-end on an identical copy ends the project the same way
    assert main(["round", "review-end", str(twin), "Runde 2026", "Lesepaten", "--date", "2026-11-20",
                 "--reason", "Träger gibt auf"]) == 0
    with Project.open(twin, read_only=True) as other:
        assert _awarded(other, ids["lesen"]) == _awarded(project, ids["lesen"])


def test_ending_needs_the_date_of_the_talk(decided):
    widget, _context, project, ids, _twin = decided
    review = project.add(Review(application_id=ids["lesen"]))
    widget.aftercare.reviews.reload_all()
    assert "Datum" in widget.aftercare.reviews._commit_field(review, "outcome", "end")
    assert project.get(Review, review).outcome == ""
