"""The demo's rounds take their need from the stored run of „Sozialindex Musterstadt“;
storing another run (other components) reorders neither round."""

from __future__ import annotations

import pandas as pd
import pytest

from k360desk.analysis.socialindex import IndexMethod
from k360desk.demo.generator import create_demo
from k360desk.figures.indicators import index_for_project, store_index_result
from k360desk.figures.rounds import ranking_for_round
from k360desk.models import rounds as store
from k360desk.models.indices import load_definition
from k360desk.projectfile import FundingRound


@pytest.fixture(scope="module")
def demo():
    project = create_demo("demo", 360)
    yield project
    project.close()


def _order(project, rid):
    ranking = ranking_for_round(project, rid)[0]
    return ranking[["application_id", "rank", "total", "need"]].reset_index(drop=True)


def test_demo_rounds_are_tied_to_the_stored_index_run_and_stay_put(demo):
    rounds = demo.all(FundingRound, order_by="id")
    run_id = store.latest_run_id(demo)
    assert run_id is not None and [r.need_run_id for r in rounds] == [run_id, run_id]
    decided, assessed = rounds
    assert decided.status == "decided" and store.decision_figures(demo, decided.id)["need_run_id"] == run_id
    ranking = ranking_for_round(demo, assessed.id)[0]
    assert ranking["need"].notna().sum() > 0
    before = {r.id: _order(demo, r.id) for r in rounds}
    # a second run with other components (only child and old-age poverty)
    method = IndexMethod.from_dict(load_definition(demo, "Sozialindex Musterstadt"))
    method.components = [c for c in method.components if c.indicator not in ("alo_quote", "sgb2_quote")]
    period = int(demo._conn.execute("SELECT period FROM index_runs WHERE id=?", (run_id,)).fetchone()[0])
    new_run = store_index_result(demo, index_for_project(demo, method, period), method.name)
    assert store.latest_run_id(demo) == new_run != run_id
    assert not store.latest_need(demo)[0].round(6).equals(store.run_need(demo, run_id)[0].round(6))
    for r in rounds:
        pd.testing.assert_frame_equal(_order(demo, r.id), before[r.id])
