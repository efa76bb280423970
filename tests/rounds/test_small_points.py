"""Smaller findings: late applications, --min-share, singular wording, the status button."""

from __future__ import annotations

import pytest

from k360desk.cli import main
from k360desk.models import rounds as store
from k360desk.projectfile import Application, FundingRound, Project


def test_late_application_is_flagged_in_the_ranking(round_file, capsys):
    path, ids = round_file
    with Project.open(path) as project:
        project.update(Application, ids["sport"], submitted="2025-12-03")
        project.save()
    assert main(["round", "ranking", str(path), "Runde 2026"]) == 0
    out = capsys.readouterr().out
    assert "Verspätet eingegangen:" in out
    assert "Mitternachtssport: eingegangen am 03.12.2025, Frist 30.11.2025" in out
    assert "Lesepaten: eingegangen" not in out


@pytest.mark.parametrize("text, ok", [("0,5", True), ("50 %", True), ("1,5 %", True), ("1,5", False),
                                      ("50", False)])
def test_min_share_is_never_silently_per_cent(round_file, capsys, text, ok):
    path, _ = round_file
    code_or_exit = None
    try:
        code_or_exit = main(["round", "allocate", str(path), "Runde 2026", "--rule", "partial",
                             "--min-share", text])
    except SystemExit as exc:  # argparse refuses with exit code 2
        code_or_exit = exc.code
    err = capsys.readouterr().err
    if ok:
        assert code_or_exit == 0, err
    else:
        assert code_or_exit != 0 and "mehrdeutig" in err


def test_singular_wording_for_one_application(round_project):
    ranking = __import__("pandas").DataFrame({"title": ["A"], "eligible": [True], "complete": [False]})
    assert store.incomplete_problem(ranking).startswith("Kein Beschluss möglich: 1 förderfähiger Antrag ist")


def test_status_button_never_decides_by_hand_set_statuses(small_project, qtbot):
    """D4 in the window: with statuses set by hand, „weiter: entschieden“ shows why not and the
    status stays."""
    pytest.importorskip("PySide6")
    from tests.rounds.conftest import NEED_VALUES, open_round_page

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        project = small_project
        store.copy_criteria(project, ids["old_round"], ids["round"])
        store.set_status(project, ids["round"], "open")
        store.set_status(project, ids["round"], "assessment")
        for key, status in (("lesen", "awarded"), ("treff", "rejected"), ("sport", "awarded")):
            project.update(Application, ids[key], status=status)
        setup = widget.setup
        widget.tabs.setCurrentWidget(setup)
        setup.refresh()
        assert not setup.forward.isEnabled()
        assert "ohne dass ein Beschluss festgehalten ist" in setup.guards.text()
        setup._step_forward()  # even when called directly, nothing changes
        assert project.get(FundingRound, ids["round"]).status == "assessment"
    finally:
        context.set_project(None)


def test_ranking_tab_names_missing_scores_and_late_applications(small_project, qtbot):
    pytest.importorskip("PySide6")
    from tests.rounds.conftest import NEED_VALUES, open_round_page, score

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        project = small_project
        store.copy_criteria(project, ids["old_round"], ids["round"])
        score(project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
        score(project, ids, "Ben", {"lesen": 3, "treff": 4})
        project.update(Application, ids["treff"], submitted="2025-12-01")
        store.set_status(project, ids["round"], "open")
        store.set_status(project, ids["round"], "assessment")
        tab = widget.ranking
        widget.tabs.setCurrentWidget(tab)
        tab.refresh()
        text = tab.notes.text()
        assert "Bewertung fehlt" in text and "Mitternachtssport (Ben: Konzept)" in text
        assert "Verspätet eingegangen: Nachbarschaftstreff (eingegangen am 01.12.2025" in text
    finally:
        context.set_project(None)


def test_applications_tab_refuses_awarded_or_rejected_typed_by_hand(small_project, qtbot):
    pytest.importorskip("PySide6")
    from tests.rounds.conftest import NEED_VALUES, open_round_page

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        section = widget.applications.section
        error = section._commit_field(ids["sport"], "status", "awarded")
        assert error and "festgehaltenen Beschluss" in error
        assert small_project.get(Application, ids["sport"]).status == "submitted"
        assert section._commit_field(ids["sport"], "status", "withdrawn") is None
        assert small_project.get(Application, ids["sport"]).status == "withdrawn"
    finally:
        context.set_project(None)
