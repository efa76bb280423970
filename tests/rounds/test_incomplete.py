"""A missing criterion value lowers the total, ranks the application after the complete ones
and blocks the final decision; overrides never fund an ineligible application."""

from __future__ import annotations

import pandas as pd
import pytest

from k360desk.analysis import allocation, ranking, scoring
from k360desk.cli import main
from k360desk.figures import rounds as figures_rounds
from k360desk.models import rounds as store
from k360desk.projectfile import Application, FundingRound, Project
from tests.rounds.conftest import add_need, score

CRITERIA = pd.DataFrame([
    {"id": 1, "name": "Konzept", "weight": 2.0, "scale_min": 0.0, "scale_max": 5.0, "derived": None},
    {"id": 2, "name": "Bedarf", "weight": 1.0, "scale_min": 0.0, "scale_max": 100.0,
     "derived": "need"},
])


def _apps(*rows):
    base = {"provider_id": 1, "start_year": 2026, "duration": 1, "status": "submitted",
            "submitted": "2025-10-01", "reason": ""}
    return pd.DataFrame([{**base, **r} for r in rows])


def test_missing_need_lowers_the_total_and_ranks_after_complete_applications():
    # A serves Quartier 10 (need 30), B a small district without need score (< 300 inhabitants).
    apps = _apps({"id": 1, "title": "A"}, {"id": 2, "title": "B"})
    served = pd.DataFrame([{"application_id": 1, "district_id": 10, "share": 1.0},
                           {"application_id": 2, "district_id": 77, "share": 1.0}])
    scores = pd.DataFrame([{"application_id": 1, "criterion_id": 1, "rater": "Ann", "score": 3},
                           {"application_id": 2, "criterion_id": 1, "rater": "Ann", "score": 5}])
    need = scoring.application_need(served, pd.Series({10: 30.0}))
    totals = scoring.total_scores(scoring.criterion_table(apps, CRITERIA, scores, need))
    # A: 100·(2·0,6 + 1·0,3)/3 = 50,0 — complete
    assert totals.at[1, "total"] == pytest.approx(50.0) and totals.at[1, "complete"]
    # B: 100·(2·1,0 + 1·0)/3 = 66,7 (before the fix 100·2·1,0/2 = 100: a missing value raised it)
    assert totals.at[2, "total"] == pytest.approx(200 / 3)
    assert not totals.at[2, "complete"] and totals.at[2, "missing"] == "Bedarf"
    amounts = pd.DataFrame([{"application_id": a, "year": 2026, "requested": 1000.0} for a in (1, 2)])
    checks = pd.DataFrame({"eligible": [True, True], "reasons": ["", ""]},
                          index=pd.Index([1, 2], name="application_id"))
    ranked = ranking.rank(apps, totals, need, amounts, checks)
    assert ranked["title"].tolist() == ["A", "B"]  # incomplete B after complete A
    assert ranked["rank"].tolist() == [1, 2] and ranked["complete"].tolist() == [True, False]
    assert ranking.TIE_BREAK_TEXT.startswith("Vollständig bewertete Anträge vor unvollständigen")


def test_override_on_ineligible_application_is_refused_and_said_why():
    ranked = pd.DataFrame({"rank": [1, None], "application_id": [1, 2], "title": ["A", "B"],
                           "eligible": [True, False], "reasons": ["", "Kein Träger angegeben."]})
    amounts = pd.DataFrame([{"application_id": 1, "year": 2026, "requested": 10_000.0},
                            {"application_id": 2, "year": 2026, "requested": 10_000.0}])
    overrides = pd.DataFrame([{"application_id": 2, "year": 2026, "amount": 8_000.0,
                               "reason": "Ausschuss wünscht Förderung"}])
    result = allocation.allocate(ranked, amounts, pd.Series({2026: 15_000.0}), overrides=overrides)
    s = result.summary.set_index("application_id")
    assert s.at[2, "outcome"] == "ineligible" and s.at[2, "proposed"] == 0
    assert s.at[2, "reason"] == ("Manuelle Festlegung nicht berücksichtigt, weil der Antrag nicht "
                                 "förderfähig ist: Kein Träger angegeben.")
    assert s.at[1, "outcome"] == "funded"  # the 8.000 € were not set aside
    b = result.budget.set_index("year")
    assert b.at[2026, "overrides"] == 0 and b.at[2026, "remaining"] == 5_000


def test_store_refuses_override_on_an_application_marked_ineligible(round_project):
    project, ids = round_project
    project.update(Application, ids["sport"], status="ineligible", reason="Frist versäumt")
    with pytest.raises(store.RoundError, match="nicht förderfähig"):
        store.set_override(project, ids["sport"], {2026: 10_000}, reason="trotzdem")
    assert store.set_override(project, ids["sport"], {2026: None}, reason="")  # clearing is fine


def _incomplete_round(project, ids):
    """Sport serves Quartier 22, which has no need score in this run."""
    rid = ids["round"]
    store.copy_criteria(project, ids["old_round"], rid)
    add_need(project, ids, {"11": (40.0, "mittel"), "12": (60.0, "hoch"), "23": (80.0, "sehr hoch")})
    score(project, ids, "Ann", {"lesen": 3, "treff": 4, "sport": 5})
    # the strict rule: no value of the level above stands in for the missing need
    project.update(FundingRound, rid, need_fallback="block")
    store.set_status(project, rid, "open")
    store.set_status(project, rid, "assessment")
    return rid


def test_final_decision_refused_while_an_eligible_application_is_incomplete(round_project):
    project, ids = round_project
    rid = _incomplete_round(project, ids)
    ranked, amounts, _, _ = figures_rounds.ranking_for_round(project, rid)
    r = ranked.set_index("application_id")
    assert not r.at[ids["sport"], "complete"] and r.at[ids["sport"], "missing"] == "Bedarf"
    # Treff 100·(2·0,8 + 0,7)/3 = 76,7; Sport 100·(2·1,0 + 0)/3 = 66,7 (incomplete);
    # Lesepaten 100·(2·0,6 + 0,4)/3 = 53,3 — Sport still ranks after the complete ones
    assert r.at[ids["sport"], "total"] == pytest.approx(200 / 3)
    assert ranked["application_id"].tolist() == [ids["treff"], ids["lesen"], ids["sport"]]
    with pytest.raises(store.RoundError, match="„Mitternachtssport“") as err:
        store.record_decision(project, rid, amounts, ranked, ids["panel_meeting"],
                              application_ids=[ids["lesen"]])
    assert "unvollständig" in str(err.value)
    assert project.get(FundingRound, rid).status == "assessment"
    assert project.get(Application, ids["lesen"]).status == "submitted"


def test_cli_allocate_final_refused_while_incomplete(small_project, capsys):
    from tests.rounds.conftest import build_round

    ids = build_round(small_project)
    _incomplete_round(small_project, ids)
    small_project._conn.execute("DELETE FROM decision_rules")
    small_project.save()
    path = small_project.path
    small_project.close()
    code = main(["round", "allocate", str(path), "Runde 2026", "--final",
                 "--meeting", str(ids["meeting"])])
    assert code == 1
    err = capsys.readouterr().err
    assert "unvollständig" in err and "Mitternachtssport" in err
    with Project.open(path, read_only=True) as project:
        assert project.get(FundingRound, ids["round"]).status == "assessment"
