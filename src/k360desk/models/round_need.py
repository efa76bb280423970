"""Need values of a funding round: the index runs that supply them and the figures (need,
total, rank) kept with the final decision, so a decided round always shows what was decided."""

from __future__ import annotations

import json

import pandas as pd

from k360desk.messages import tr
from k360desk.projectfile.errors import ProjectError
from k360desk.projectfile.project import Project
from k360desk.projectfile.records import FundingRound

_RUN_SQL = """SELECT r.id, r.period, r.computed_at, coalesce(i.name, '') FROM index_runs r
             LEFT JOIN indices i ON i.id = r.index_id
            WHERE EXISTS (SELECT 1 FROM index_results x WHERE x.run_id = r.id AND x.need_score IS NOT NULL)"""


def latest_run_id(project: Project) -> int | None:
    """Id of the most recently computed index run with need scores (None if there is none)."""
    row = project._conn.execute(_RUN_SQL + " ORDER BY r.computed_at DESC, r.id DESC LIMIT 1").fetchone()
    return None if row is None else int(row[0])


def keep_decision_figures(project: Project, round_id: int, ranking: pd.DataFrame) -> None:
    """Keep need, total and rank of every application as decided (earlier entries win)."""
    rnd = project.get(FundingRound, round_id)
    stored = decision_figures(project, round_id)
    apps = stored.setdefault("applications", {})
    for row in ranking.to_dict("records"):
        key = str(int(row["application_id"]))
        if key in apps:
            continue
        apps[key] = {name: _plain(row.get(name)) for name in ("need", "total", "complete", "rank")}
    stored.setdefault("need_run_id", rnd.need_run_id)
    if "need_note" in ranking.attrs:
        stored.setdefault("need_note", ranking.attrs["need_note"])
    project.update(FundingRound, round_id, decision_figures=json.dumps(stored, ensure_ascii=False))


def _plain(value):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return value


def decision_figures(project: Project, round_id: int) -> dict:
    """What the final decision used: {"need_run_id", "need_note", "applications": {id: {need,
    total, complete, rank}}}; empty dict for rounds decided without it."""
    rnd = project.get(FundingRound, round_id)
    text = (rnd.decision_figures if rnd is not None else "") or ""
    try:
        found = json.loads(text) if text.strip() else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def latest_need(project: Project) -> tuple[pd.Series, str]:
    """Need score per district from the latest social-index run, and a German source note.

    Returns an empty Series and an explaining note when no index has been computed yet.
    """
    run_id = latest_run_id(project)
    if run_id is None:
        return pd.Series(dtype=float, name="need"), (
            tr("Kein Sozialindex berechnet: das Kriterium „Bedarf“ bleibt leer, bis ein Index berechnet ist.")
        )
    return run_need(project, run_id)


def run_need(project: Project, run_id: int) -> tuple[pd.Series, str]:
    """Need score per district of one index run, and a German source note."""
    run = project._conn.execute(_RUN_SQL + " AND r.id=?", (run_id,)).fetchone()
    if run is None:
        return pd.Series(dtype=float, name="need"), (
            tr("Der Sozialindex-Lauf {run} enthält keine Bedarfswerte: das Kriterium „Bedarf“ bleibt leer.",
               run=run_id)
        )
    frame = pd.read_sql_query(
        "SELECT district_id, need_score FROM index_results WHERE run_id=? AND need_score IS NOT NULL "
        "AND included = 1",
        project._conn,
        params=(run[0],),
    )
    series = frame.set_index("district_id")["need_score"].astype(float).rename("need")
    name = tr("Sozialindex „{name}“", name=run[3]) if run[3] else tr("Sozialindex")
    from k360desk.formats import format_date

    return series, tr("Bedarf aus {index}, Bezugsjahr {period}, berechnet am {date}.", index=name,
                      period=run[1], date=format_date(run[2][:10]))


def run_choices(project: Project) -> list[tuple[int, str]]:
    """Index runs with need scores, newest first, each with a German label for a list."""
    from k360desk.formats import format_date

    rows = project._conn.execute(_RUN_SQL + " ORDER BY r.computed_at DESC, r.id DESC").fetchall()
    return [
        (int(r[0]), tr("{index}, Bezugsjahr {period}, berechnet am {date} (Lauf {run})",
                       index=r[3] or tr("Sozialindex"), period=r[1], date=format_date(str(r[2])[:10]),
                       run=r[0]))
        for r in rows
    ]


def need_for_round(project: Project, round_id: int) -> tuple[pd.Series, str]:
    """Need score per district from the round's index run (the latest run while the round
    has none yet), with a German source note."""
    rnd = project.get(FundingRound, round_id)
    if rnd is None:
        raise ProjectError(tr("Die Förderrunde gibt es nicht (mehr)."))
    if rnd.need_run_id is not None:
        series, note = run_need(project, rnd.need_run_id)
        return series, note.rstrip(".") + tr(" (für diese Runde festgelegt).")
    series, note = latest_need(project)
    if not series.empty:
        note = note.rstrip(".") + tr(" (neuester Lauf; wird mit Beginn der Bewertung festgelegt).")
    return series, note


def district_tree(project: Project) -> pd.DataFrame:
    """Every district with id, code, name and parent_id (for need values of the level above)."""
    return pd.read_sql_query(
        "SELECT fid AS id, code, name, parent_id FROM districts ORDER BY code", project._conn)
