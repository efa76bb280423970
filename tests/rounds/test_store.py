"""The round workflow on a real project: guards, frozen catalogue, trial, decision, aftercare."""

from __future__ import annotations

from datetime import date

import pytest

from k360desk.export import chart_data
from k360desk.figures import rounds as figures_rounds
from k360desk.models import aftercare
from k360desk.models import rounds as store
from k360desk.projectfile import Criterion, FundingRound, Review
from tests.rounds.conftest import NEED_VALUES, add_need, score


def test_status_guards_and_reasoned_steps_back(round_project):
    project, ids = round_project
    rid = ids["round"]
    with pytest.raises(store.RoundError, match="Kriterienkatalog ist leer"):
        store.set_status(project, rid, "open")
    with pytest.raises(store.RoundError, match="einen Schritt"):
        store.set_status(project, rid, "assessment")
    copied = store.copy_criteria(project, ids["old_round"], rid)
    assert [c.name for c in project.all(Criterion, round_id=rid)] == ["Konzept", "Bedarf"]
    assert len(copied) == 2
    assert store.set_status(project, rid, "open") == "draft"
    store.set_status(project, rid, "assessment")
    with pytest.raises(store.RoundError, match="Begründung"):
        store.set_status(project, rid, "open")
    store.set_status(project, rid, "open", reason="Frist verlängert")
    log = project._conn.execute("SELECT details FROM change_log WHERE action='status'").fetchall()
    assert "Frist verlängert" in log[-1][0]
    with pytest.raises(store.RoundError, match="noch nicht entschieden"):
        store.set_status(project, rid, "assessment")
        store.set_status(project, rid, "decided")


def test_catalogue_is_frozen_once_scoring_starts(round_project):
    project, ids = round_project
    rid = ids["round"]
    store.copy_criteria(project, ids["old_round"], rid)
    concept = project.find(Criterion, round_id=rid, name="Konzept")
    store.update_criterion(project, concept.id, weight=3)  # not frozen yet: no reason needed
    assert not store.criteria_frozen(project, rid)
    score(project, ids, "Ann", {"lesen": 4})
    assert store.criteria_frozen(project, rid)
    with pytest.raises(store.RoundError, match="eingefroren"):
        store.update_criterion(project, concept.id, weight=1)
    with pytest.raises(store.RoundError, match="eingefroren"):
        store.add_criterion(project, Criterion(round_id=rid, name="Neu"))
    store.update_criterion(project, concept.id, reason="Beschluss AG Wohlfahrt", weight=1)
    details = project._conn.execute(
        "SELECT details FROM change_log WHERE action='criteria' ORDER BY id DESC"
    ).fetchone()[0]
    assert "weight: 3.0 → 1" in details and "Beschluss AG Wohlfahrt" in details


def test_commitments_of_earlier_decided_rounds(round_project):
    project, ids = round_project
    assert store.commitments(project, ids["round"]).to_dict() == {2027: 60_000.0}
    assert store.commitments(project, ids["old_round"]).empty


def _prepare(project, ids):
    rid = ids["round"]
    store.copy_criteria(project, ids["old_round"], rid)
    add_need(project, ids, NEED_VALUES)
    score(project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
    score(project, ids, "Ben", {"lesen": 3, "treff": 4, "sport": 3})
    store.set_status(project, rid, "open")
    store.set_status(project, rid, "assessment")
    return rid


def test_ranking_for_round_uses_need_commitments_and_rule(round_project):
    project, ids = round_project
    rid = _prepare(project, ids)
    ranking, amounts, budget, trace = figures_rounds.ranking_for_round(project, rid)
    r = ranking.set_index("application_id")
    # Konzept weight 2 (0..5), Bedarf weight 1: Lesepaten mean 4 → 0,8, need 40 → 0,4
    assert r.at[ids["lesen"], "total"] == pytest.approx(100 * (2 * 0.8 + 0.4) / 3)
    # Treff: mean 4 → 0,8; need = ½·80 + ½·60 = 70
    assert r.at[ids["treff"], "need"] == pytest.approx(70.0)
    assert r.at[ids["treff"], "total"] == pytest.approx(100 * (2 * 0.8 + 0.7) / 3)
    assert ranking["application_id"].tolist()[0] == ids["treff"]
    # 2027: 100.000 budget − 60.000 committed = 40.000; Treff asks 50.000 → does not fit
    assert r.at[ids["treff"], "outcome"] == "not_funded"
    assert "2027: beantragt 50.000 €, frei 40.000 €" in r.at[ids["treff"], "reason"]
    b = budget.set_index("year")
    assert b.at[2027, "committed"] == 60_000 and b.at[2027, "remaining"] == 20_000
    partial = figures_rounds.ranking_for_round(project, rid, rule="partial", min_share=0.5)[0]
    p = partial.set_index("application_id")
    assert p.at[ids["treff"], "outcome"] == "partial" and p.at[ids["treff"], "proposed"] == 120_000
    assert any("Konzept" in line for line in trace.explain(ids["lesen"]))
    assert "Bezugsjahr 2023" in trace.parameters["need_source"]


def test_ranking_without_index_degrades_with_a_note(round_project):
    project, ids = round_project
    rid = ids["round"]
    store.copy_criteria(project, ids["old_round"], rid)
    score(project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
    ranking, _, _, trace = figures_rounds.ranking_for_round(project, rid)
    assert "Kein Sozialindex" in trace.parameters["need_source"]
    assert not ranking["need"].notna().any()
    assert (ranking["missing"] == "Bedarf").all()


def test_decision_with_rules_awards_and_aftercare(round_project):
    project, ids = round_project
    rid = _prepare(project, ids)
    store.set_override(project, ids["sport"], {2026: 25_000}, reason="Hallenmiete gesenkt")
    ranking, amounts, budget, _ = figures_rounds.ranking_for_round(project, rid)
    r = ranking.set_index("application_id")
    assert r.at[ids["sport"], "outcome"] == "override" and r.at[ids["sport"], "proposed"] == 25_000
    store.record_trial(project, rid, "full", 1.0, ranking)
    with pytest.raises(store.RoundError, match="anderes Gremium"):
        # Lesepaten (40.000 €) would be for the district panel; Sportprojekt (25.000) too
        store.record_decision(project, rid, amounts, ranking, ids["meeting"], application_ids=[ids["lesen"]])
    small = [ids["lesen"], ids["sport"]]
    store.record_decision(project, rid, amounts, ranking, ids["panel_meeting"], application_ids=small)
    assert project.get(FundingRound, rid).status == "assessment"  # Treff not yet decided
    store.record_decision(project, rid, amounts, ranking, ids["meeting"], application_ids=[ids["treff"]])
    assert project.get(FundingRound, rid).status == "decided"
    statuses = {
        a: project._conn.execute("SELECT status, reason FROM applications WHERE id=?", (ids[a],)).fetchone()
        for a in ("lesen", "treff", "sport")
    }
    assert statuses["lesen"][0] == "awarded" and statuses["sport"][0] == "awarded"
    assert statuses["treff"][0] == "rejected" and "frei 40.000 €" in statuses["treff"][1]
    awarded = project.link_frame("application_amounts", application_id=ids["sport"])
    assert awarded["awarded"].tolist() == [25_000] and awarded["override_reason"].tolist() == [
        "Hallenmiete gesenkt"
    ]
    items = project._conn.execute("SELECT decision FROM agenda_items ORDER BY id").fetchall()
    assert "Beschluss (Stadtteilbeirat) vom 01.03.2026: 2 Anträge bewilligt (65.000 €)" in items[0][0]
    # the decided round now shows what was awarded
    after = figures_rounds.ranking_for_round(project, rid)[0].set_index("application_id")
    assert after.at[ids["lesen"], "proposed"] == 40_000

    created = aftercare.create_usage_reports(project, rid)
    assert len(created) == 3 and aftercare.create_usage_reports(project, rid) == []
    reports = aftercare.usage_reports_frame(project, rid, today=date(2027, 7, 1))
    assert reports[reports["year"] == 2026]["overdue"].all()
    assert reports[reports["year"] == 2026]["due"].iloc[0] == "2027-06-30"
    project._conn.execute(
        "UPDATE usage_reports SET unspent=150000 WHERE year=2026 AND application_id=?", (ids["sport"],)
    )
    aftercare.record_repayment(project, ids["sport"], 2026, 1000, "2027-08-01")
    reports = aftercare.usage_reports_frame(project, rid).set_index(["application_id", "year"])
    assert reports.at[(ids["sport"], 2026), "open_repayment"] == 500
    view = aftercare.budget_view(project, rid).set_index("year")
    assert view.at[2026, "awarded"] == 45_000 and view.at[2026, "repaid"] == 1000
    assert view.at[2026, "free"] == 100_000 - 45_000 + 1000
    project.add(Review(application_id=ids["lesen"], date="2026-11-20", outcome="continue"))
    due = aftercare.reviews_due(project, rid, today=date(2027, 3, 1)).set_index(["application_id", "year"])
    assert not due.at[(ids["lesen"], 2026), "due"] and due.at[(ids["lesen"], 2027), "due"]
    assert due.at[(ids["lesen"], 2026), "last_outcome"] == "fortsetzen"

    flows = figures_rounds.money_flows(project, rid)
    d = flows.by_district.set_index("code")
    assert d.at["11", "amount"] == 40_000 and d.at["22", "amount"] == 25_000
    # Quartier 22 has 250·1,1 = 275 inhabitants in 2023
    assert d.at["22", "per_inhabitant"] == pytest.approx(25_000 / 275)
    assert set(flows.by_umbrella["umbrella"]) == {"AWO", "Caritas"}
    assert flows.by_class.iloc[0]["need_class"] == "sehr hoch"
    spec = chart_data.money_chart_spec(flows)
    assert spec.data.iloc[0]["name"] == "Quartier 22"  # highest funding per inhabitant first
    assert spec.data.iloc[0]["color"] == chart_data.NEED_CLASS_COLOURS[0]
    population = flows.by_district["population"].sum()
    assert spec.reference == pytest.approx(flows.by_district["amount"].sum() / population)


def test_decision_needs_assessment_and_meeting(round_project):
    project, ids = round_project
    rid = ids["round"]
    store.copy_criteria(project, ids["old_round"], rid)
    ranking, amounts, _, _ = figures_rounds.ranking_for_round(project, rid)
    with pytest.raises(store.RoundError, match="Bewertung"):
        store.record_decision(project, rid, amounts, ranking, ids["meeting"])
