"""A round takes its need values from one index run, fixed when scoring starts; a decided
round shows the need values, totals and ranks it was decided with, whatever runs follow."""

from __future__ import annotations

import pytest

from k360desk.figures import rounds as figures_rounds
from k360desk.models import rounds as store
from k360desk.projectfile import FundingRound
from tests.rounds.conftest import NEED_VALUES, add_need, score

# The second run turns the need upside down: Quartier 11 (Lesepaten) now has most need.
OTHER_NEED = {"11": (100.0, "sehr hoch"), "12": (0.0, "niedrig"), "13": (50.0, "mittel"),
              "21": (50.0, "mittel"), "22": (0.0, "niedrig"), "23": (0.0, "niedrig")}


def add_run(project, ids, run_id, computed_at, values):
    """Store another index run with need scores per district code."""
    project.execute_link("index_runs", [{
        "id": run_id, "uuid": f"run-{run_id}", "index_id": None, "period": 2024,
        "computed_at": computed_at, "parameters": "{}"}])
    project.execute_link("index_results", [{
        "run_id": run_id, "district_id": ids["districts"][c], "status_value": None,
        "status_class": cls, "dynamics_value": None, "dynamics_class": None, "need_score": v,
        "included": 1, "reason": "", "details": "{}"} for c, (v, cls) in values.items()])


def _scored(project, ids):
    rid = ids["round"]
    store.copy_criteria(project, ids["old_round"], rid)
    add_need(project, ids, NEED_VALUES)
    assert project.get(FundingRound, rid).need_run_id is None  # nothing fixed before scoring
    score(project, ids, "Ann", {"lesen": 4, "treff": 4, "sport": 3})
    store.set_status(project, rid, "open")
    store.set_status(project, rid, "assessment")
    assert project.get(FundingRound, rid).need_run_id == 1  # the latest run when scoring starts
    return rid


def _view(project, rid):
    ranking = figures_rounds.ranking_for_round(project, rid)[0]
    return ranking[["application_id", "rank", "need", "total"]].to_dict("records")


def test_new_index_run_changes_neither_assessed_nor_decided_round(round_project):
    project, ids = round_project
    rid = _scored(project, ids)
    before = _view(project, rid)
    # Worked example (Konzept weight 2 of 0..5, Bedarf weight 1), run 1:
    # Treff 100·(2·0,8 + 0,70)/3 = 76,7; Lesepaten 100·(2·0,8 + 0,40)/3 = 66,7;
    # Sport 100·(2·0,6 + 0,90)/3 = 70,0 → Treff, Sport, Lesepaten.
    assert [r["application_id"] for r in before] == [ids["treff"], ids["sport"], ids["lesen"]]
    assert before[0]["total"] == pytest.approx(100 * (2 * 0.8 + 0.7) / 3)
    add_run(project, ids, 2, "2026-02-01T10:00:00", OTHER_NEED)
    assert store.latest_run_id(project) == 2
    assert _view(project, rid) == before  # still run 1 while assessing

    ranking, amounts, _, trace = figures_rounds.ranking_for_round(project, rid)
    assert "für diese Runde festgelegt" in trace.parameters["need_source"]
    store.record_decision(project, rid, amounts, ranking, ids["meeting"], application_ids=[ids["treff"]])
    store.record_decision(project, rid, amounts, ranking, ids["panel_meeting"],
                          application_ids=[ids["lesen"], ids["sport"]])
    assert project.get(FundingRound, rid).status == "decided"
    figures = store.decision_figures(project, rid)
    assert figures["need_run_id"] == 1
    assert figures["applications"][str(ids["lesen"])]["need"] == pytest.approx(40.0)
    assert figures["applications"][str(ids["treff"])]["rank"] == 1

    # Even if the round's run is deleted (need_run_id becomes NULL) and a third run with
    # other values comes, the decided round shows what was decided.
    project._conn.execute("DELETE FROM index_runs WHERE id=1")
    assert project.get(FundingRound, rid).need_run_id is None
    add_run(project, ids, 3, "2026-03-01T10:00:00", OTHER_NEED)
    after = _view(project, rid)
    assert after == before


def test_choosing_another_run_needs_a_reason_once_scoring_started(round_project):
    project, ids = round_project
    rid = _scored(project, ids)
    add_run(project, ids, 2, "2026-02-01T10:00:00", OTHER_NEED)
    with pytest.raises(store.RoundError, match="eingefroren"):
        store.set_need_run(project, rid, 2)
    assert store.set_need_run(project, rid, 2, reason="Neuer Sozialbericht beschlossen") == 1
    log = project._conn.execute(
        "SELECT details FROM change_log WHERE action='criteria' ORDER BY id DESC").fetchone()[0]
    assert "Lauf 1 → 2" in log and "Neuer Sozialbericht" in log
    r = figures_rounds.ranking_for_round(project, rid)[0].set_index("application_id")
    assert r.at[ids["lesen"], "need"] == pytest.approx(100.0)
    assert r["rank"].tolist()[0] == 1 and r.index[0] == ids["lesen"]
    with pytest.raises(store.RoundError, match="gibt es nicht"):
        store.set_need_run(project, rid, 99, reason="Tippfehler")


def test_money_flows_use_the_need_classes_of_the_rounds_run(round_project):
    project, ids = round_project
    rid = _scored(project, ids)
    add_run(project, ids, 2, "2026-02-01T10:00:00", OTHER_NEED)
    flows = figures_rounds.money_flows(project, rid)
    d = flows.by_district.set_index("code")
    assert d.at["22", "need_class"] == "sehr hoch" and d.at["22", "need"] == 90.0  # run 1
    assert any("Bezugsjahr 2023" in n for n in flows.notes)
