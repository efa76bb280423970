"""Worked examples for scoring, eligibility, ranking and allocation (every number on paper)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from k360desk.analysis import allocation, ranking, scoring

CRITERIA = pd.DataFrame(
    [
        {
            "id": 1,
            "name": "Konzept",
            "weight": 2.0,
            "scale_min": 0.0,
            "scale_max": 5.0,
            "derived": None,
        },
        {
            "id": 2,
            "name": "Vernetzung",
            "weight": 1.0,
            "scale_min": 1.0,
            "scale_max": 4.0,
            "derived": None,
        },
        {
            "id": 3,
            "name": "Bedarf",
            "weight": 1.0,
            "scale_min": 0.0,
            "scale_max": 100.0,
            "derived": "need",
        },
    ]
)
NEED = pd.Series({10: 80.0, 11: 40.0, 12: 60.0})


def _apps(*rows):
    base = {
        "provider_id": 1,
        "start_year": 2026,
        "duration": 1,
        "status": "submitted",
        "submitted": "2025-10-01",
        "reason": "",
    }
    return pd.DataFrame([{**base, **r} for r in rows])


def test_total_is_weighted_mean_of_normalised_criteria_including_need():
    apps = _apps({"id": 1, "title": "Stadtteilmütter"})
    scores = pd.DataFrame(
        [
            {"application_id": 1, "criterion_id": 1, "rater": "Ann", "score": 5},
            {"application_id": 1, "criterion_id": 1, "rater": "Ben", "score": 3},
            {"application_id": 1, "criterion_id": 2, "rater": "Ann", "score": 4},
        ]
    )
    served = pd.DataFrame(
        [
            {"application_id": 1, "district_id": 10, "share": 0.5},
            {"application_id": 1, "district_id": 11, "share": 0.5},
        ]
    )
    need = scoring.application_need(served, NEED)
    assert need.at[1, "need"] == pytest.approx(60.0)
    table = scoring.criterion_table(apps, CRITERIA, scores, need)
    # Konzept mean 4 of 0..5 → 0,8; Vernetzung 4 of 1..4 → 1,0; Bedarf 60 → 0,6
    assert table["normalised"].tolist() == pytest.approx([0.8, 1.0, 0.6])
    totals = scoring.total_scores(table)
    assert totals.at[1, "total"] == pytest.approx(100 * (2 * 0.8 + 1.0 + 0.6) / 4)  # 80
    assert bool(totals.at[1, "complete"])
    assert table["contribution"].sum() == pytest.approx(80.0)


def test_missing_need_values_reweight_known_districts_and_missing_criterion_flags_incomplete():
    apps = _apps({"id": 1, "title": "A"})
    served = pd.DataFrame(
        [
            {"application_id": 1, "district_id": 10, "share": 0.25},
            {"application_id": 1, "district_id": 99, "share": 0.75},
        ]
    )
    need = scoring.application_need(served, NEED)
    assert need.at[1, "need"] == pytest.approx(80.0)
    assert need.at[1, "covered"] == pytest.approx(0.25)
    assert "1 von 2" in need.at[1, "note"]
    scores = pd.DataFrame([{"application_id": 1, "criterion_id": 1, "rater": "Ann", "score": 5}])
    totals = scoring.total_scores(scoring.criterion_table(apps, CRITERIA, scores, need))
    assert not totals.at[1, "complete"]
    assert totals.at[1, "missing"] == "Vernetzung"
    # the missing criterion counts 0 of its weight: (2·1,0 + 1·0 + 1·0,8) / 4 — never more
    assert totals.at[1, "total"] == pytest.approx(100 * (2 * 1.0 + 0.8) / 4)


def test_disagreement_and_missing_scores():
    apps = _apps({"id": 1, "title": "A"}, {"id": 2, "title": "B"})
    scores = pd.DataFrame(
        [
            {"application_id": 1, "criterion_id": 1, "rater": "Ann", "score": 5},
            {"application_id": 1, "criterion_id": 1, "rater": "Ben", "score": 1},
            {"application_id": 1, "criterion_id": 2, "rater": "Ann", "score": 3},
            {"application_id": 1, "criterion_id": 2, "rater": "Ben", "score": 3},
            {"application_id": 2, "criterion_id": 1, "rater": "Ann", "score": np.nan},
        ]
    )
    spread = scoring.disagreement(scores, CRITERIA)
    first = spread[(spread.application_id == 1) & (spread.criterion_id == 1)].iloc[0]
    assert first["spread"] == 4 and first["relative"] == pytest.approx(0.8) and first["flag"]
    assert first["lowest_rater"] == "Ben" and first["highest_rater"] == "Ann"
    assert not spread[(spread.criterion_id == 2)].iloc[0]["flag"]
    missing = scoring.missing_scores(apps, CRITERIA, scores)
    # application 2 lacks both rated criteria from both raters; need is never asked for
    assert set(map(tuple, missing.values.tolist())) == {
        ("Ann", 2, 1),
        ("Ann", 2, 2),
        ("Ben", 2, 1),
        ("Ben", 2, 2),
    }


def test_eligibility_reasons_are_german_and_specific():
    apps = _apps(
        {"id": 1, "title": "Gut", "duration": 2},
        {"id": 2, "title": "Zu lang", "duration": 5, "start_year": 2026},
        {"id": 3, "title": "Ohne Träger", "provider_id": None},
        {"id": 4, "title": "Anteile", "status": "withdrawn"},
    )
    amounts = pd.DataFrame(
        [
            {"application_id": 1, "year": 2026, "requested": 1000},
            {"application_id": 1, "year": 2027, "requested": 1000},
            {"application_id": 2, "year": 2026, "requested": 1000},
            {"application_id": 2, "year": 2030, "requested": 1000},
            {"application_id": 3, "year": 2026, "requested": 1000},
            {"application_id": 4, "year": 2026, "requested": 5},
        ]
    )
    served = pd.DataFrame(
        [
            {"application_id": 1, "district_id": 10, "share": 0.6},
            {"application_id": 1, "district_id": 11, "share": 0.4},
            {"application_id": 2, "district_id": 10, "share": 1.0},
            {"application_id": 4, "district_id": 10, "share": 0.9},
        ]
    )
    checks = ranking.eligibility(apps, amounts, served, 2026, 2028, max_years=4)
    assert checks.at[1, "eligible"] and checks.at[1, "reasons"] == ""
    assert "Laufzeit 5 Jahre überschreitet die Höchstdauer des Programms (4 Jahre)" in checks.at[2, "reasons"]
    assert "außerhalb des Förderzeitraums 2026–2028: 2030" in checks.at[2, "reasons"]
    assert "Kein Träger" in checks.at[3, "reasons"] and "Keine Sozialräume" in checks.at[3, "reasons"]
    assert "zurückgezogen" in checks.at[4, "reasons"] and "90,0 % statt 100 %" in checks.at[4, "reasons"]


def _ranked(rows, need_by_app, requested):
    apps = _apps(*rows)
    totals = pd.DataFrame(
        {
            "total": {r["id"]: r["total"] for r in rows},
            "complete": dict.fromkeys([r["id"] for r in rows], True),
        }
    )
    need = pd.DataFrame({"need": need_by_app})
    amounts = pd.DataFrame(
        [{"application_id": a, "year": 2026, "requested": v} for a, v in requested.items()]
    )
    checks = pd.DataFrame(
        {"eligible": dict.fromkeys(apps["id"], True), "reasons": dict.fromkeys(apps["id"], "")}
    )
    return ranking.rank(apps.drop(columns="total"), totals, need, amounts, checks)


def test_ties_are_broken_by_need_then_amount_then_submission_then_title_with_reasons():
    rows = [
        {"id": 1, "title": "Zeta", "total": 70.04},
        {"id": 2, "title": "Alpha", "total": 70.0},  # same displayed total 70,0 as 1
        {"id": 3, "title": "Beta", "total": 90.0},
        {"id": 4, "title": "Gamma", "total": 50.0, "submitted": "2025-09-01"},
        {"id": 5, "title": "Delta", "total": 50.0, "submitted": "2025-10-15"},
        {"id": 6, "title": "Eta", "total": 40.0},
        {"id": 7, "title": "Epsilon", "total": 40.0},
        {"id": 8, "title": "Kappa", "total": 30.0},
        {"id": 9, "title": "Lambda", "total": 30.0},
    ]
    need = {1: 55.0, 2: 70.0, 3: 10.0, 4: 50.0, 5: 50.0, 6: 20.0, 7: 20.0, 8: 30.0, 9: 30.0}
    requested = {1: 5000, 2: 5000, 3: 1, 4: 8000, 5: 8000, 6: 100, 7: 100, 8: 900, 9: 500}
    result = _ranked(rows, need, requested).set_index("application_id")
    order = result.sort_values("rank").index.tolist()
    assert order == [3, 2, 1, 4, 5, 7, 6, 9, 8]
    assert "vorn wegen höherem Bedarf (70,0 gegenüber 55,0)" in result.at[2, "tie"]
    assert "„Zeta“ (Rang 3)" in result.at[2, "tie"]
    assert "dahinter wegen geringerem Bedarf (55,0 gegenüber 70,0)" in result.at[1, "tie"]
    assert "früherem Eingang (01.09.2025 gegenüber 15.10.2025)" in result.at[4, "tie"]
    assert "alphabetischer Reihenfolge" in result.at[7, "tie"]
    assert "niedrigerer Antragssumme (500 € gegenüber 900 €)" in result.at[9, "tie"]
    assert result.at[3, "tie"] == ""


def test_ineligible_applications_get_no_rank():
    apps = _apps({"id": 1, "title": "A"}, {"id": 2, "title": "B"})
    totals = pd.DataFrame({"total": {1: 10.0, 2: 90.0}, "complete": {1: True, 2: True}})
    checks = pd.DataFrame({"eligible": {1: True, 2: False}, "reasons": {1: "", 2: "Kein Träger angegeben."}})
    result = ranking.rank(
        apps,
        totals,
        pd.DataFrame({"need": {}}),
        pd.DataFrame(columns=["application_id", "year", "requested"]),
        checks,
    )
    assert result["application_id"].tolist() == [1, 2]
    assert result["rank"].iloc[0] == 1 and pd.isna(result["rank"].iloc[1])


def _ranking(*ids, ineligible=()):
    return pd.DataFrame(
        {
            "rank": range(1, len(ids) + 1),
            "application_id": ids,
            "title": [f"Antrag {i}" for i in ids],
            "eligible": [i not in ineligible for i in ids],
            "reasons": ["Kein Träger angegeben." if i in ineligible else "" for i in ids],
        }
    )


def _amounts(spec):
    return pd.DataFrame(
        [
            {"application_id": a, "year": y, "requested": v}
            for a, years in spec.items()
            for y, v in years.items()
        ]
    )


def test_full_rule_skips_what_does_not_fit_in_a_year_without_budget_left():
    budgets = pd.Series({2026: 100_000.0, 2027: 100_000.0})
    earlier = pd.Series({2027: 100_000.0})  # 2027 fully committed by an earlier round
    amounts = _amounts({1: {2026: 40_000, 2027: 10_000}, 2: {2026: 50_000}, 3: {2026: 20_000}})
    result = allocation.allocate(_ranking(1, 2, 3), amounts, budgets, earlier, rule="full")
    summary = result.summary.set_index("application_id")
    assert summary.at[1, "outcome"] == "not_funded"
    assert "2027: beantragt 10.000 €, frei 0 €" in summary.at[1, "reason"]
    assert summary.at[2, "proposed"] == 50_000 and summary.at[3, "proposed"] == 20_000
    budget = result.budget.set_index("year")
    assert budget.at[2026, "remaining"] == 30_000 and budget.at[2027, "remaining"] == 0
    assert budget.at[2027, "committed"] == 100_000


def test_five_year_project_crossing_a_budget_boundary_full_and_partial():
    years = range(2026, 2031)
    budgets = pd.Series(dict.fromkeys(years, 100_000.0))
    earlier = pd.Series({2029: 80_000.0, 2030: 80_000.0})  # earlier commitments end the free money
    amounts = _amounts({1: dict.fromkeys(years, 30_000), 2: {2026: 60_000, 2027: 60_000}})
    full = allocation.allocate(_ranking(1, 2), amounts, budgets, earlier, rule="full")
    s = full.summary.set_index("application_id")
    assert s.at[1, "outcome"] == "not_funded" and "2029" in s.at[1, "reason"] and "2030" in s.at[1, "reason"]
    assert s.at[2, "outcome"] == "funded"

    partial = allocation.allocate(_ranking(1, 2), amounts, budgets, earlier, rule="partial", min_share=0.5)
    s = partial.summary.set_index("application_id")
    assert s.at[1, "outcome"] == "partial" and s.at[1, "share"] == pytest.approx(20_000 / 30_000)
    per_year = partial.amounts[partial.amounts.application_id == 1].set_index("year")["proposed"]
    assert per_year.tolist() == [20_000] * 5  # the same share in every year
    assert "66,7 %" in s.at[1, "reason"]
    # 2026: 100k − 20k = 80k free, application 2 asks 60k → fits
    assert s.at[2, "outcome"] == "funded"
    b = partial.budget.set_index("year")
    assert b.at[2029, "remaining"] == 0 and b.at[2026, "remaining"] == 20_000


def test_partial_below_minimum_share_is_not_funded_and_rounds_down():
    budgets = pd.Series({2026: 10_000.0})
    amounts = _amounts({1: {2026: 9_000}, 2: {2026: 3_001}, 3: {2026: 10_000}})
    result = allocation.allocate(_ranking(1, 2, 3), amounts, budgets, rule="partial", min_share=0.4)
    s = result.summary.set_index("application_id")
    assert s.at[1, "outcome"] == "funded"
    # 1.000 € free of 3.001 € → 33,3 % < 40 %
    assert s.at[2, "outcome"] == "not_funded" and "Mindestanteil 40 %" in s.at[2, "reason"]
    assert s.at[3, "outcome"] == "not_funded"
    budgets = pd.Series({2026: 10_000.0})
    amounts = _amounts({1: {2026: 8_000}, 2: {2026: 3_001}})
    s = allocation.allocate(_ranking(1, 2), amounts, budgets, rule="partial", min_share=0.5).summary
    assert s.set_index("application_id").at[2, "proposed"] == 2000  # floor(2000/3001·3001)
    assert not math.isnan(s["share"].iloc[1])


def test_overrides_are_set_aside_first_and_need_a_reason():
    budgets = pd.Series({2026: 50_000.0})
    amounts = _amounts({1: {2026: 40_000}, 2: {2026: 30_000}, 3: {2026: 5_000}})
    overrides = pd.DataFrame(
        [
            {
                "application_id": 3,
                "year": 2026,
                "amount": 15_000,
                "reason": "Ausschuss: Aufstockung wegen Sprachkursen",
            }
        ]
    )
    result = allocation.allocate(_ranking(1, 2, 3, ineligible=()), amounts, budgets, overrides=overrides)
    s = result.summary.set_index("application_id")
    assert s.at[3, "outcome"] == "override" and s.at[3, "proposed"] == 15_000
    assert "Sprachkursen" in s.at[3, "reason"]
    assert s.at[1, "outcome"] == "not_funded"  # 35.000 free < 40.000
    assert s.at[2, "outcome"] == "funded"
    b = result.budget.set_index("year")
    assert b.at[2026, "overrides"] == 15_000 and b.at[2026, "remaining"] == 5_000
    first = result.steps.iloc[0]
    assert first["action"] == "override" and first["free_before"] == 50_000
    with pytest.raises(ValueError, match="Begründung"):
        allocation.allocate(_ranking(1), amounts, budgets, overrides=overrides.assign(reason=" "))


def test_ineligible_are_never_funded_and_trace_covers_every_application():
    budgets = pd.Series({2026: 1_000_000.0})
    amounts = _amounts({1: {2026: 10}, 2: {2026: 10}})
    result = allocation.allocate(_ranking(1, 2, ineligible=(2,)), amounts, budgets)
    s = result.summary.set_index("application_id")
    assert s.at[2, "outcome"] == "ineligible" and s.at[2, "proposed"] == 0
    assert set(result.steps["application_id"]) == {1, 2}
    assert result.parameters["rule"] == "full"
