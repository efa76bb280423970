"""The ranking tab refuses a decision while applications are incomplete and an override on
an ineligible application; scoring fixes the round's index run."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from k360desk.models import rounds as store  # noqa: E402
from k360desk.projectfile import Application, FundingRound  # noqa: E402
from tests.rounds.conftest import open_round_page  # noqa: E402

# Quartier 22 (Mitternachtssport) has no need score: that application stays incomplete.
PARTIAL_NEED = {"11": (40.0, "mittel"), "12": (60.0, "hoch"), "23": (80.0, "sehr hoch")}


@pytest.fixture
def page(small_project, qtbot):
    widget, context, ids = open_round_page(small_project, qtbot, PARTIAL_NEED)
    yield widget, context, small_project, ids
    context.set_project(None)


def test_ranking_tab_refuses_incomplete_decision_and_ineligible_override(page, monkeypatch):
    from k360desk.ui.rounds import ranking

    widget, context, project, ids = page
    store.copy_criteria(project, ids["old_round"], ids["round"])
    project.update(FundingRound, ids["round"], need_fallback="block")  # the strict rule
    store.set_status(project, ids["round"], "open")
    scoring = widget.scoring
    widget.tabs.setCurrentWidget(scoring)
    scoring.rater.setEditText("Ann")
    model = scoring.model
    for row in range(model.rowCount()):
        assert model.setData(model.index(row, 0), "4")
    assert project.get(FundingRound, ids["round"]).need_run_id == 1  # fixed with the first score
    store.set_status(project, ids["round"], "assessment")

    tab = widget.ranking
    widget.tabs.setCurrentWidget(tab)
    titles = [tab.model.row(r)["title"] for r in range(tab.model.rowCount())]
    assert titles[-1] == "Mitternachtssport"  # incomplete: after the complete ones
    assert "unvollständig" in tab.notes.text()
    called = []
    monkeypatch.setattr(ranking, "decision_dialog", lambda *a: called.append(a))
    tab.decide.click()
    assert not called  # refused before the dialog
    assert "Mitternachtssport" in tab.error.text() and "unvollständig" in tab.error.text()
    assert project.get(FundingRound, ids["round"]).status == "assessment"

    project.update(Application, ids["lesen"], status="ineligible", reason="Frist versäumt")
    tab.refresh()
    titles = [tab.model.row(r)["title"] for r in range(tab.model.rowCount())]
    tab.table.selectRow(titles.index("Lesepaten"))
    monkeypatch.setattr(ranking, "override_dialog",
                        lambda *a: ranking.OverrideInput({2026: 5_000.0}, "Ausschuss will es"))
    tab.override.click()
    assert "nicht förderfähig" in tab.error.text() and "Frist versäumt" in tab.error.text()
    amounts = project.link_frame("application_amounts", application_id=ids["lesen"])
    assert amounts["awarded"].isna().all()


def test_criteria_tab_chooses_the_need_run_with_a_reason_once_frozen(page, monkeypatch, tmp_path):
    from k360desk.ui.rounds import base
    from tests.rounds.test_need_run import OTHER_NEED, add_run

    widget, context, project, ids = page
    tab = widget.criteria
    widget.tabs.setCurrentWidget(tab)
    assert tab.need_run.currentData() is None  # not fixed yet: the latest run applies
    store.copy_criteria(project, ids["old_round"], ids["round"])
    store.set_status(project, ids["round"], "open")
    store.set_status(project, ids["round"], "assessment")  # scoring starts: run 1 fixed
    add_run(project, ids, 2, "2026-02-01T10:00:00", OTHER_NEED)
    tab.refresh()
    assert tab.need_run.currentData() == 1 and tab.need_run.count() == 2
    assert "Lauf 2" in tab.need_run.itemText(0)
    tab.need_run.setCurrentIndex(tab.need_run.findData(2))
    monkeypatch.setattr(base, "ask_reason", lambda *a: None)
    tab.use_run.click()
    assert project.get(FundingRound, ids["round"]).need_run_id == 1  # cancelled
    monkeypatch.setattr(base, "ask_reason", lambda *a: "Sozialbericht 2026 beschlossen")
    tab.use_run.click()
    assert project.get(FundingRound, ids["round"]).need_run_id == 2
    context.undo_stack.undo()
    assert project.get(FundingRound, ids["round"]).need_run_id == 1
    tab.grab().save("/tmp/fixr_criteria.png")
