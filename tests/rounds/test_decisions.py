"""D3–D5, D10: budgets hold across meetings, status follows recorded decisions only, decided
applications keep their decision, amendments and review outcomes with history."""

from __future__ import annotations

import pytest

from k360desk.cli import main
from k360desk.figures import rounds as figures_rounds
from k360desk.models import decisions
from k360desk.models import rounds as store
from k360desk.projectfile import Application, FundingRound, Project
from tests.rounds.conftest import NEED_VALUES, add_need, score


def _prepare(project, ids):
    rid = ids["round"]
    store.copy_criteria(project, ids["old_round"], rid)
    add_need(project, ids, NEED_VALUES)
    score(project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
    score(project, ids, "Ben", {"lesen": 3, "treff": 4, "sport": 3})
    store.set_status(project, rid, "open")
    store.set_status(project, rid, "assessment")
    return rid


def _decide(project, rid, meeting, **kw):
    ranking, amounts, _, _ = figures_rounds.ranking_for_round(project, rid)
    return store.record_decision(project, rid, amounts, ranking, meeting, **kw)


def _awarded_2027(project, rid):
    return project._conn.execute(
        "SELECT sum(m.awarded) FROM application_amounts m JOIN applications a ON a.id=m.application_id "
        "WHERE a.round_id=? AND a.status='awarded' AND m.year=2027", (rid,)).fetchone()[0] / 100 or 0


def test_budget_holds_across_meetings_with_an_override_unless_over_commitment_is_declared(round_project):
    """D3: the panel awards Lesepaten 20.000 € in 2027 (60.000 € bound earlier); the council
    then wants the Treff with 50.000 € a year by hand: 130.000 € of 100.000 € in 2027."""
    project, ids = round_project
    rid = _prepare(project, ids)
    _decide(project, rid, ids["panel_meeting"])
    store.set_override(project, ids["treff"], {2026: 50_000, 2027: 50_000, 2028: 50_000},
                       reason="Ausschuss will den Treff")
    with pytest.raises(store.RoundError, match="Budget überschritten.*2027: 130.000 € von 100.000 €"):
        _decide(project, rid, ids["meeting"])
    assert project.get(Application, ids["treff"]).status == "submitted"
    assert project.get(FundingRound, rid).status == "assessment"
    _decide(project, rid, ids["meeting"], over_commitment="Nachtragshaushalt beantragt")
    assert project.get(FundingRound, rid).status == "decided"
    log = project._conn.execute("SELECT details FROM change_log WHERE action='overcommit'").fetchall()
    assert len(log) == 1 and "Nachtragshaushalt" in log[0][0] and "2027: 130.000 €" in log[0][0]


def test_amendment_between_meetings_keeps_the_budget_and_its_history(round_project):
    """D3/D10: an award revised upwards after the decision is refused above the budget,
    changes with a reason otherwise and shows in the history."""
    project, ids = round_project
    rid = _prepare(project, ids)
    _decide(project, rid, ids["panel_meeting"])
    # a decided award is no longer changed by a trial override
    with pytest.raises(store.RoundError, match="schon beschlossen"):
        store.set_override(project, ids["lesen"], {2027: 45_000}, reason="mehr")
    with pytest.raises(store.RoundError, match="Budget überschritten"):
        decisions.amend_award(project, ids["lesen"], {2027: 45_000}, "Mieterhöhung", "2026-06-01")
    assert _awarded_2027(project, rid) == 20_000
    decisions.amend_award(project, ids["lesen"], {2027: 35_000}, "Mieterhöhung", "2026-06-01")
    assert _awarded_2027(project, rid) == 35_000
    history = decisions.award_history(project, ids["lesen"])
    assert "2027: 20.000 € → 35.000 €" in history["details"].iloc[0]
    assert "Mieterhöhung" in history["details"].iloc[0]


def test_review_ending_the_project_drops_later_commitments(round_project):
    project, ids = round_project
    rid = _prepare(project, ids)
    _decide(project, rid, ids["panel_meeting"])
    assert decisions.end_after_review(project, ids["lesen"], "2026-11-20", "Träger gibt auf") == [2027]
    amounts = project.link_frame("application_amounts", application_id=ids["lesen"]).set_index("year")
    assert amounts.at[2026, "awarded"] == 20_000 and amounts.at[2027, "awarded"] == 0
    history = decisions.award_history(project, ids["lesen"])
    assert "Jahresgespräch vom 20.11.2026" in history["details"].iloc[0]


def test_round_is_never_decided_by_statuses_set_by_hand(round_project):
    """D4: every application set to bewilligt/abgelehnt by hand is no decision."""
    project, ids = round_project
    rid = _prepare(project, ids)
    for key, status in (("lesen", "awarded"), ("treff", "rejected"), ("sport", "awarded")):
        project.update(Application, ids[key], status=status)
    problems = store.check_transition(project, rid, "decided")
    assert any("ohne dass ein Beschluss festgehalten ist" in p for p in problems)
    with pytest.raises(store.RoundError):
        store.set_status(project, rid, "decided")
    assert project.get(FundingRound, rid).status == "assessment"


def test_partly_decided_round_keeps_decided_applications(round_project):
    """D5: after the panel's decision a new trial (other rule) only moves the open applications."""
    project, ids = round_project
    rid = _prepare(project, ids)
    _decide(project, rid, ids["panel_meeting"])
    ranking, _, budget, _ = figures_rounds.ranking_for_round(project, rid, rule="partial", min_share=0.3)
    r = ranking.set_index("application_id")
    assert r.at[ids["lesen"], "proposed"] == 40_000 and r.at[ids["lesen"], "outcome_label"] == "bewilligt"
    assert r.at[ids["sport"], "proposed"] == 30_000
    # 2027: 100.000 − 60.000 earlier − 20.000 decided = 20.000 € free → Treff gets 40 %
    assert r.at[ids["treff"], "outcome"] == "partial"
    assert r.at[ids["treff"], "proposed"] == pytest.approx(0.4 * 150_000)
    b = budget.set_index("year")
    assert b.at[2027, "committed"] == 80_000 and b.at[2027, "remaining"] == 0


def test_cli_refuses_over_commitment_and_accepts_it_declared(tmp_path, round_project, capsys):
    project, ids = round_project
    rid = _prepare(project, ids)
    _decide(project, rid, ids["panel_meeting"])
    store.set_override(project, ids["treff"], {2026: 50_000, 2027: 50_000, 2028: 50_000}, reason="Wunsch")
    project.save()
    path = project.path
    cmd = ["round", "allocate", str(path), "Runde 2026", "--final", "--meeting", str(ids["meeting"])]
    assert main(cmd) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fehler: Budget überschritten") and err.count("\n") == 1
    assert main([*cmd, "--over-commitment", "Nachtrag"]) == 0
    with Project.open(path, read_only=True) as again:
        assert again.get(FundingRound, rid).status == "decided"
