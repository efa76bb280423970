"""Property (D3): no sequence of decisions, overrides and amendments commits more than a year's
budget unless an over-commitment was declared and logged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k360desk.figures import rounds as figures_rounds
from k360desk.models import decisions
from k360desk.models import rounds as store
from tests.builders import build_small_project
from tests.rounds.conftest import NEED_VALUES, add_need, build_round, score

APPS = ("lesen", "treff", "sport")
YEARS = (2026, 2027, 2028)
money = st.integers(min_value=0, max_value=120_000_00).map(lambda c: c / 100)
actions = st.one_of(
    st.tuples(st.just("override"), st.sampled_from(APPS), st.dictionaries(st.sampled_from(YEARS), money,
                                                                           min_size=1)),
    st.tuples(st.just("decide"), st.sampled_from(("meeting", "panel_meeting")), st.booleans()),
    st.tuples(st.just("amend"), st.sampled_from(APPS), st.dictionaries(st.sampled_from(YEARS), money,
                                                                        min_size=1), st.booleans()),
)


def _over_budget(project, rid) -> bool:
    rows = project._conn.execute(
        """SELECT b.year, b.amount,
                  (SELECT coalesce(sum(m.awarded), 0) FROM application_amounts m
                     JOIN applications a ON a.id = m.application_id
                     JOIN funding_rounds r ON r.id = a.round_id
                    WHERE m.year = b.year AND a.status = 'awarded'
                      AND (a.round_id = b.round_id OR r.status IN ('decided', 'closed')))
             FROM round_budgets b WHERE b.round_id = ?""", (rid,)).fetchall()
    return any(round(used * 100) > round(budget * 100) for _, budget, used in rows)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(actions, min_size=1, max_size=8))
def test_no_sequence_exceeds_the_budget_without_a_logged_over_commitment(steps):
    with tempfile.TemporaryDirectory() as folder:
        project = build_small_project(Path(folder) / "p.k360")
        try:
            ids = build_round(project)
            rid = ids["round"]
            store.copy_criteria(project, ids["old_round"], rid)
            add_need(project, ids, NEED_VALUES)
            score(project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
            store.set_status(project, rid, "open")
            store.set_status(project, rid, "assessment")
            for step in steps:
                try:
                    if step[0] == "override":
                        store.set_override(project, ids[step[1]], step[2], reason="Wunsch")
                    elif step[0] == "decide":
                        ranking, amounts, _, _ = figures_rounds.ranking_for_round(project, rid)
                        store.record_decision(project, rid, amounts, ranking, ids[step[1]],
                                              over_commitment="Nachtrag" if step[2] else "")
                    else:
                        decisions.amend_award(project, ids[step[1]], step[2], "Änderung", "2026-06-01",
                                              over_commitment="Nachtrag" if step[3] else "")
                except store.RoundError:
                    pass
                logged = project._conn.execute(
                    "SELECT count(*) FROM change_log WHERE action='overcommit'").fetchone()[0]
                assert logged or not _over_budget(project, rid), step
        finally:
            project.close()
