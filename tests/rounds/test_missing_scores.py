"""D6: a rater's missing score is flagged in the ranking, the trace and the CLI, and blocks the
final decision unless accepted with a reason; a declared abstention (befangen) is no gap."""

from __future__ import annotations

import pytest

from k360desk.cli import main
from k360desk.figures import rounds as figures_rounds
from k360desk.models import rounds as store
from k360desk.projectfile import Criterion, FundingRound, Project
from tests.rounds.conftest import NEED_VALUES, add_need, score


def _round(project, ids):
    rid = ids["round"]
    store.copy_criteria(project, ids["old_round"], rid)
    add_need(project, ids, NEED_VALUES)
    score(project, ids, "Ann", {"lesen": 5, "treff": 4, "sport": 3})
    score(project, ids, "Ben", {"lesen": 3, "treff": 4})  # Ben has not scored the Sport
    store.set_status(project, rid, "open")
    store.set_status(project, rid, "assessment")
    return rid


def test_missing_rater_score_is_flagged_and_blocks_unless_accepted(round_project):
    project, ids = round_project
    rid = _round(project, ids)
    ranking, amounts, _, trace = figures_rounds.ranking_for_round(project, rid)
    r = ranking.set_index("application_id")
    assert r.at[ids["sport"], "unscored"] == "Ben: Konzept" and r.at[ids["lesen"], "unscored"] == ""
    assert any("Bewertung fehlt" in line and "Ben: Konzept" in line for line in trace.explain(ids["sport"]))
    with pytest.raises(store.RoundError, match="Bewertungen fehlen: 1 förderfähiger Antrag ist"):
        store.record_decision(project, rid, amounts, ranking, ids["panel_meeting"])
    assert project.get(FundingRound, rid).status == "assessment"
    store.record_decision(project, rid, amounts, ranking, ids["panel_meeting"],
                          accept_missing="Herr Ben ist erkrankt, Ausschuss tagt fristgebunden")
    log = project._conn.execute("SELECT details FROM change_log WHERE action='accepted'").fetchone()[0]
    assert "erkrankt" in log and "Mitternachtssport" in log


def test_declared_abstention_is_no_gap_and_is_shown(round_project):
    project, ids = round_project
    rid = _round(project, ids)
    crit = project.find(Criterion, round_id=rid, name="Konzept").id
    project.execute_link("scores", [{"application_id": ids["sport"], "criterion_id": crit, "rater": "Ben",
                                     "score": None, "comment": "befangen"}])
    ranking, _, _, trace = figures_rounds.ranking_for_round(project, rid)
    r = ranking.set_index("application_id")
    assert r.at[ids["sport"], "unscored"] == ""
    assert r.at[ids["sport"], "abstained"] == "Ben enthalten (befangen)"
    assert "  Ben enthalten (befangen)" in trace.explain(ids["sport"])


def test_cli_lists_missing_scores_and_refuses_then_accepts(tmp_path, round_project, capsys):
    project, ids = round_project
    _round(project, ids)
    project.save()
    path = project.path
    assert main(["round", "ranking", str(path), "Runde 2026"]) == 0
    out = capsys.readouterr().out
    assert "Bewertung fehlt" in out and "Mitternachtssport: Ben: Konzept" in out
    cmd = ["round", "allocate", str(path), "Runde 2026", "--final", "--meeting", str(ids["panel_meeting"])]
    assert main(cmd) == 1
    assert capsys.readouterr().err.startswith("Fehler: Bewertungen fehlen")
    assert main([*cmd, "--accept-missing-scores", "Frist"]) == 0
    with Project.open(path, read_only=True) as again:
        sql = "SELECT count(*) FROM change_log WHERE action='accepted'"
        assert again._conn.execute(sql).fetchone()[0] == 1
