"""Merging a colleague's copy whose round names the index run of its need values."""

from __future__ import annotations

import shutil

from k360desk.models import rounds as store
from k360desk.projectfile import FundingRound, Project
from k360desk.projectfile.merge import apply_merge, plan_merge
from tests.rounds.conftest import NEED_VALUES, add_need, build_round


def test_round_with_need_run_merges_and_keeps_the_run_when_both_have_it(small_project, tmp_path):
    ids = build_round(small_project)
    add_need(small_project, ids, NEED_VALUES)
    small_project.save()
    theirs_path = tmp_path / "kollegin.k360"
    shutil.copy(small_project.path, theirs_path)
    with Project.open(theirs_path) as theirs:
        store.fix_need_run(theirs, ids["round"])
        plan = plan_merge(small_project, theirs)
    changed = [i for i in plan.items if i.table == "funding_rounds"]
    assert changed and "need_run_id" in changed[0].fields
    apply_merge(small_project, plan)
    assert small_project.get(FundingRound, ids["round"]).need_run_id == 1
    assert small_project.check() == []
