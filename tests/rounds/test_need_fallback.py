"""D2: an application serving a district without a need value (excluded from the index, or a
whole Stadtbezirk) is decided under the round's documented rule, shown in the trace."""

from __future__ import annotations

import pandas as pd
import pytest

from k360desk.analysis import need_fallback, scoring
from k360desk.cli import main
from k360desk.figures import rounds as figures_rounds
from k360desk.models import rounds as store
from k360desk.projectfile import Application, FundingRound, Project
from tests.rounds.conftest import add_need, score

TREE = pd.DataFrame([
    {"id": 1, "code": "1", "name": "Nord", "parent_id": None},
    {"id": 11, "code": "11", "name": "Hafen", "parent_id": 1},
    {"id": 12, "code": "12", "name": "Markt", "parent_id": 1},
    {"id": 13, "code": "13", "name": "Gewerbe", "parent_id": 1},
])


def test_parent_rule_gives_a_stadtbezirk_the_mean_of_its_quartiere_and_excluded_ones_the_parent():
    need, notes = need_fallback.fill_need(pd.Series({11: 40.0, 12: 60.0}), TREE, "parent")
    assert need[1] == pytest.approx(50.0) and need[13] == pytest.approx(50.0)
    assert need[11] == 40.0 and 11 not in notes.index
    assert "übergeordneten Ebene „Nord“" in notes[13] and "2 Sozialräume" in notes[1]


def test_declared_rule_and_omit_rule():
    need, notes = need_fallback.fill_need(pd.Series({11: 40.0}), TREE, "declared", 25.0)
    assert need[13] == 25.0 and "festgelegter Bedarfswert 25,0" in notes[13]
    with pytest.raises(ValueError, match="fehlt ein Wert"):
        need_fallback.fill_need(pd.Series({11: 40.0}), TREE, "declared", None)
    # omit: the need criterion drops out and the other weights count in full (renormalised)
    apps = pd.DataFrame({"id": [1], "title": ["A"]})
    criteria = pd.DataFrame([
        {"id": 1, "name": "Konzept", "weight": 2.0, "scale_min": 0.0, "scale_max": 5.0, "derived": None},
        {"id": 2, "name": "Bedarf", "weight": 1.0, "scale_min": 0.0, "scale_max": 100.0, "derived": "need"},
    ])
    scores = pd.DataFrame([{"application_id": 1, "criterion_id": 1, "rater": "Ann", "score": 3}])
    served = pd.DataFrame([{"application_id": 1, "district_id": 13, "share": 1.0}])
    need = scoring.application_need(served, pd.Series({11: 40.0}), omit=True)
    totals = scoring.total_scores(scoring.criterion_table(apps, criteria, scores, need))
    assert totals.at[1, "complete"] and totals.at[1, "total"] == pytest.approx(60.0)
    assert "Bedarfskriterium entfällt" in need.at[1, "note"]


def _round_with_excluded_district(project, ids, rule, declared=None):
    rid = ids["round"]
    store.copy_criteria(project, ids["old_round"], rid)
    # Quartier 22 is excluded from the index: no need value of its own
    add_need(project, ids, {"11": (40.0, "mittel"), "12": (60.0, "hoch"), "21": (30.0, "mittel"),
                            "23": (80.0, "sehr hoch")})
    score(project, ids, "Ann", {"lesen": 3, "treff": 4, "sport": 5})
    project.update(FundingRound, rid, need_fallback=rule, need_declared=declared)
    store.set_status(project, rid, "open")
    store.set_status(project, rid, "assessment")
    return rid


@pytest.mark.parametrize("rule, need, total", [
    ("parent", 55.0, 100 * (2 * 1.0 + 0.55) / 3),   # mean of 21 and 23 in Stadtbezirk 2
    ("declared", 20.0, 100 * (2 * 1.0 + 0.20) / 3),
    ("omit", None, 100.0),                           # 2·1,0 / 2
])
def test_round_rule_decides_the_application_and_the_trace_says_how(round_project, rule, need, total):
    project, ids = round_project
    rid = _round_with_excluded_district(project, ids, rule, 20.0 if rule == "declared" else None)
    ranked, amounts, _, trace = figures_rounds.ranking_for_round(project, rid)
    r = ranked.set_index("application_id")
    assert r.at[ids["sport"], "complete"]
    assert r.at[ids["sport"], "total"] == pytest.approx(total)
    if need is not None:
        assert r.at[ids["sport"], "need"] == pytest.approx(need)
    text = "\n".join(trace.explain(ids["sport"]))
    expected = {"parent": "Wert der übergeordneten Ebene", "declared": "festgelegter Bedarfswert 20,0",
                "omit": "Bedarf: entfällt (kein Bedarfswert)"}[rule]
    assert expected in text
    assert need_fallback.RULE_LABELS[rule] in trace.parameters["need_source"]
    for meeting in ("panel_meeting", "meeting"):
        store.record_decision(project, rid, amounts, ranked, ids[meeting])
    assert project.get(Application, ids["sport"]).status in ("awarded", "rejected")
    assert project.get(FundingRound, rid).status == "decided"


def test_block_rule_keeps_the_old_refusal(round_project):
    project, ids = round_project
    rid = _round_with_excluded_district(project, ids, "block")
    ranked, amounts, _, _ = figures_rounds.ranking_for_round(project, rid)
    with pytest.raises(store.RoundError, match="unvollständig"):
        store.record_decision(project, rid, amounts, ranked, ids["meeting"])


def test_demo_open_round_is_decidable_from_the_cli(demo_copy, capsys):
    code = main(["round", "allocate", str(demo_copy), "2", "--final", "--meeting", "3"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Beschluss gespeichert" in out
    with Project.open(demo_copy, read_only=True) as project:
        apps = project.all(Application, round_id=2)
        gewerbe = [a for a in apps if "Gewerbegebiet Ost" in a.title]
        assert gewerbe and all(a.status in ("awarded", "rejected") for a in gewerbe)
        assert project.get(FundingRound, 2).status == "decided"
