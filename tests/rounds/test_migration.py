"""A project file written at schema 2 (before rounds recorded their index run) still opens."""

from __future__ import annotations

import shutil
from pathlib import Path

from k360desk.figures import rounds as figures_rounds
from k360desk.models import rounds as store
from k360desk.projectfile import FundingRound, Project, schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_schema_v2_round_gets_an_empty_need_run(tmp_path):
    path = tmp_path / "v2.k360"
    shutil.copy(FIXTURES / "schema_v2.k360", path)
    before = path.read_bytes()
    with Project.open(path) as project:
        assert project.schema_version == schema.SCHEMA_VERSION >= 4
        rnd = project.find(FundingRound, name="Runde 2025")
        assert rnd.status == "decided"
        assert rnd.need_run_id is None and rnd.decision_figures == ""
        assert store.decision_figures(project, rnd.id) == {}
        ranking = figures_rounds.ranking_for_round(project, rnd.id)[0]
        assert ranking["title"].tolist() == ["Lesepaten"]
        assert ranking["proposed"].tolist() == [5000.0]
        assert path.read_bytes() == before  # opening never writes the document
        project.save()
    with Project.open(path) as again:
        assert again.schema_version == schema.SCHEMA_VERSION and not again.modified
        assert again.find(FundingRound, name="Runde 2025").need_run_id is None


def test_step_4_rounds_money_to_cents_and_gives_rounds_the_parent_need_rule(tmp_path):
    import sqlite3

    path = tmp_path / "v2.k360"
    shutil.copy(FIXTURES / "schema_v2.k360", path)
    with sqlite3.connect(path) as conn:  # an old file with a float that is not whole cents
        conn.execute("UPDATE application_amounts SET requested = 10000.004999")
    with Project.open(path) as project:
        rnd = project.find(FundingRound, name="Runde 2025")
        assert rnd.need_fallback == "parent" and rnd.need_declared is None
        values = project._conn.execute("SELECT requested FROM application_amounts").fetchall()
        assert {v for (v,) in values} == {1_000_000}  # cents since step 5
