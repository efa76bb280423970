"""The decision in the window: the administration decides without a meeting; an over-commitment
is refused until declared with a reason in the dialog."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from k360desk.models import rounds as store  # noqa: E402
from k360desk.projectfile import Application, DecisionRule, FundingRound  # noqa: E402
from tests.rounds.conftest import NEED_VALUES, open_round_page, score  # noqa: E402


def test_administration_and_declared_over_commitment_in_the_ranking_tab(small_project, qtbot, monkeypatch):
    from k360desk.ui.rounds import ranking

    widget, context, ids = open_round_page(small_project, qtbot, NEED_VALUES)
    try:
        project = small_project
        rid = ids["round"]
        project.add(DecisionRule(programme_id=ids["programme"], max_amount=35_000, committee_id=None))
        store.copy_criteria(project, ids["old_round"], rid)
        score(project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
        store.set_status(project, rid, "open")
        store.set_status(project, rid, "assessment")
        tab = widget.ranking
        widget.tabs.setCurrentWidget(tab)
        tab.refresh()
        monkeypatch.setattr(ranking, "decision_dialog",
                            lambda *a: ranking.DecisionInput(None, "2026-02-20", None))
        tab.decide.click()
        assert project.get(Application, ids["sport"]).status == "awarded"  # 30.000 €: Verwaltung
        assert project.get(Application, ids["lesen"]).status == "submitted"
        store.set_override(project, ids["treff"], {2026: 50_000, 2027: 50_000, 2028: 50_000}, reason="Wunsch")
        tab.refresh()
        monkeypatch.setattr(ranking, "decision_dialog",
                            lambda *a: ranking.DecisionInput(ids["meeting"], "2026-03-10", None))
        tab.decide.click()
        assert project.get(Application, ids["treff"]).status == "submitted"
        assert "Budget überschritten" in tab.error.text()
        monkeypatch.setattr(ranking, "decision_dialog", lambda *a: ranking.DecisionInput(
            ids["meeting"], "2026-03-10", None, over_commitment="Nachtragshaushalt"))
        tab.decide.click()
        assert project.get(Application, ids["treff"]).status == "awarded"
        monkeypatch.setattr(ranking, "decision_dialog", lambda *a: ranking.DecisionInput(
            ids["panel_meeting"], "2026-03-01", None, over_commitment="Nachtragshaushalt"))
        tab.decide.click()
        assert project.get(FundingRound, rid).status == "decided"
    finally:
        context.set_project(None)
